"""What the commands share: the options defined once (``--lang``, ``-q``, ``--json``
and ``-o``), the one-line error handling, confirmations, file lists, JSON on
stdout and the progress bar of the batch commands."""
from __future__ import annotations

import functools
import json
import os
import sys

import click

from ..i18n import number, said, say

EXIT_OK, EXIT_FOUND, EXIT_UNREADABLE = 0, 1, 2


class Choice(click.Choice):
    """A choice typed in any case (``a4``, ``A4``), named as documented when the value
    is none of them (``'A4', 'F4', 'Legal'``; click 8.2 would list them case-folded).
    click's words stay translatable: the message goes through click's own ``ngettext``."""

    def __init__(self, choices):
        super().__init__(list(choices), case_sensitive=False)

    def get_invalid_choice_message(self, value, ctx) -> str:  # click >= 8.2 (8.1 names them as given)
        from click import types

        names = ", ".join(map(repr, self.choices))
        return types.ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.",
                              len(self.choices)).format(value=value, choice=names, choices=names)


def lang_option(f):
    """``--lang id|en``: the language of messages (default: $RAKXL_LANG or id)."""
    return click.option(
        "--lang", type=Choice(["id", "en"]), callback=lambda c, p, v: v.lower(),
        default=lambda: os.environ.get("RAKXL_LANG", "id"),
        show_default="id", help="Bahasa pesan: id (Indonesia) atau en (English).")(f)


def quiet_option(f):
    """``-q/--quiet``: no confirmation of what was written (and no progress bar)."""
    return click.option("-q", "--quiet", is_flag=True,
                        help="Tanpa konfirmasi file yang ditulis (dan tanpa bilah kemajuan).")(f)


def lang_of(args) -> str:
    """The language a command line asks for (``--lang X`` or ``--lang=X``, else $RAKXL_LANG, else id),
    known before click parses it, so that click's own messages speak it too."""
    lang = os.environ.get("RAKXL_LANG", "id")
    args = list(args)
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif a.startswith("--lang="):
            lang = a.split("=", 1)[1]
    from ..i18n import LANGS

    return str(lang).lower() if str(lang).lower() in LANGS else LANGS[0]


def output_options(f):
    """The shared output options of commands that print rows: ``--json`` and ``-o OUT``."""
    f = click.option("--json", "as_json", is_flag=True, help="Cetak JSON, bukan tabel.")(f)
    f = click.option("-o", "--output", type=click.Path(), default=None,
                     help="Tulis ke file ini (.csv, .json atau .xlsx) alih-alih layar.")(f)
    return f


def confirm(path, lang: str, quiet: bool = False, *, sheets=None, rows=None) -> None:
    """Say on stderr what was written (path, sheets, rows), unless ``quiet``."""
    if quiet:
        return
    parts = []
    if sheets is not None:
        parts.append(say("cli.sheets", lang, n=number(sheets, lang)))
    if rows is not None:
        parts.append(say("cli.rows", lang, n=number(rows, lang)))
    click.echo("rakxl: " + (say("cli.wrote", lang, path=path, what=", ".join(parts)) if parts else
                            say("cli.wrote_file", lang, path=path)), err=True)


def fail(message: str, code: int = EXIT_UNREADABLE):
    """Print one line on stderr and exit with ``code``."""
    click.echo(message, err=True)
    sys.exit(code)


def handle_errors(f):
    """Turn a RakError into one line on stderr and exit code 2, never a traceback."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        from ..exceptions import RakError

        try:
            return f(*args, **kwargs)
        except RakError as exc:
            from ..totals import lock_file_reason

            lang = kwargs.get("lang") or "id"
            lock = lock_file_reason(exc.path, lang) if exc.path else None
            fail(f"rakxl: {exc.path}: {lock}" if lock else f"rakxl: {exc.render(lang)}")
        except KeyboardInterrupt:
            fail(f"rakxl: {say('cli.cancelled', kwargs.get('lang') or 'id')}", 130)
        except MemoryError:
            fail(f"rakxl: {say('error.memory', kwargs.get('lang') or 'id')}")
        except OSError as exc:  # a disk or permission problem outside any RakError
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"rakxl: {where}{exc.strerror or exc}")

    return wrapper


def list_files(key: str, items, lang: str) -> None:
    """On stderr: the heading ``key`` with the count, then each file with its reason
    (nothing when ``items`` is empty)."""
    if not items:
        return
    click.echo(say(key, lang, count=number(len(items), lang)), err=True)
    for item in items:
        click.echo(f"  {item.path}: {said(item.reason, lang)}", err=True)


def echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


class progress_bar:
    """``click.progressbar`` on stderr while files are read (only on a terminal, never with --quiet);
    yields the ``progress(done, total)`` callback of :func:`rakxl.read_many` (or None)."""

    def __init__(self, quiet: bool, lang: str):
        self.on = not quiet and sys.stderr.isatty()
        self.lang = lang
        self.bar = None

    def __enter__(self):
        if not self.on:
            return None

        def progress(done: int, total: int) -> None:
            if self.bar is None:
                self.bar = click.progressbar(length=total, label=say("totals.progress", self.lang),
                                             file=sys.stderr, show_pos=True)
                self.bar.__enter__()
            self.bar.update(done - self.bar.pos)

        return progress

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)
        return False
