"""The ``rakxl`` command line: one command per API function, kept thin.

Each command calls the Python function of the same job (``show`` calls
:func:`rakxl.summary`, ``check`` :func:`rakxl.check_file`...) and only turns its
result into text, files and an exit code. Exit codes: 0 fine, 1 findings/changes/failed
files as the command documents, 2 an input that cannot be read (one line on stderr,
no traceback).

Where each command lives:

- ``reading.py``: ``show``, ``export``, ``check``, ``diff``
- ``writing.py``: ``format``
- ``batch.py``: ``totals``
- ``monitoring.py``: ``monev``, ``capaian``, ``rekap``
- ``options.py``: what they share (options, one-line errors, confirmations, progress bar)
- ``console.py``: UTF-8 console, native stderr quieted, signals
"""
from __future__ import annotations

import sys

import click

from .. import __version__
from ..i18n import say
from . import batch, monitoring, reading, writing
from .console import native_stderr_quieted, stop_on_signals, utf8_console
from .options import (EXIT_FOUND, EXIT_OK, EXIT_UNREADABLE, confirm, echo_json, fail, handle_errors, lang_of,
                      lang_option, list_files, output_options, progress_bar, quiet_option)
from .reading import EXPORT_TABLES

__all__ = ["cli", "main", "RakxlGroup", "rak_to_json", "EXPORT_TABLES", "EXIT_OK", "EXIT_FOUND", "EXIT_UNREADABLE",
           "confirm", "echo_json", "fail", "handle_errors", "lang_of", "lang_option", "list_files", "output_options",
           "progress_bar", "quiet_option"]


class RakxlGroup(click.Group):
    """The ``rakxl`` group: click's own messages (usage errors, ``--help``, bad choices)
    in the language of the command line (:func:`rakxl.i18n.click_words`)."""

    def main(self, args=None, *a, **kw):
        from ..i18n import click_words

        if args is None:
            args = sys.argv[1:]
        for command in [self, *self.commands.values()]:
            command._help_option = None  # click caches --help's text in the language it first met
        with click_words(lang_of(args)):
            return super().main(args, *a, **kw)


@click.group(cls=RakxlGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="rakxl")
def cli():
    """rakxl: baca, periksa, rapikan dan jumlahkan workbook RAK (Rencana Aksi Kinerja).

    Contoh: rakxl show samples/RAK_2021.xlsx
    """


for _command in (*reading.COMMANDS, *writing.COMMANDS, *batch.COMMANDS, *monitoring.COMMANDS):
    cli.add_command(_command)


def rak_to_json(rak) -> dict:
    """Kept for callers of rakxl 0.1: :func:`rakxl.to_json`."""
    from ..report import to_json

    return to_json(rak)


def main(argv=None):
    """Entry point of the ``rakxl`` console script."""
    utf8_console()
    stop_on_signals()
    try:
        with native_stderr_quieted():
            cli.main(args=argv, prog_name="rakxl", standalone_mode=True)
    except KeyboardInterrupt:
        fail(f"rakxl: {say('cli.cancelled', lang_of(sys.argv[1:] if argv is None else argv))}", 130)
