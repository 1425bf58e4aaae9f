"""The command that writes a plan in the official layout: ``format``."""
from __future__ import annotations

import click

from ..i18n import say
from .options import Choice, fail, handle_errors, lang_option, quiet_option


@click.command("format")
@click.argument("file", type=click.Path())
@click.option("-o", "--output", type=click.Path(), default=None,
              help="File .xlsx keluaran (tata letak resmi).")
@click.option("--paper", type=Choice(["A4", "F4", "Legal"]), default="A4",
              show_default=True, help="Ukuran kertas cetak (F4 dicetak sebagai Folio 8,5 x 13 inci).")
@click.option("--in-place", is_flag=True,
              help="Timpa FILE (.xlsx); aslinya disimpan dulu sebagai FILE.bak (atau FILE.1.bak, ... "
                   "bila .bak yang ada berisi lain).")
@quiet_option
@lang_option
@handle_errors
def format_(file, output, paper, in_place, quiet, lang):
    """Rapikan RAK ke tata letak resmi yang siap cetak dan ditandatangani (semua sheet RAK).

    Contoh: rakxl format samples/RAK_2021.xlsx -o RAK_rapi.xlsx --paper F4

    Python: rakxl.write_rak(rakxl.read_workbook(path), out, paper="A4")
    """
    from ..layout import PAPERS
    from ..reader import read_workbook
    from ..report.outputs import format_changes, refuse_lost_text
    from ..safeio import format_in_place, same_file
    from ..writer import write_rak

    paper = {p.lower(): p for p in PAPERS}[paper.lower()]
    if output is None and not in_place:
        fail(f"rakxl: {say('format.need_output', lang, file=file)}")
    target = file if in_place else output
    if not str(target).lower().endswith(".xlsx"):
        fail(f"rakxl: {say('format.xlsx', lang, out=target)}")
    if output is not None and not same_file(output, file):
        if in_place:
            fail(f"rakxl: {say('format.both', lang, file=file)}")
    elif not in_place:
        fail(f"rakxl: {say('format.same', lang, file=file)}")
    raks = read_workbook(file)          # read everything before writing anything
    refuse_lost_text(raks)              # a Pagu that is no amount, a JUMLAH the Pagu do not make: refused
    if in_place:
        target, backup = format_in_place(file, lambda tmp: write_rak(raks, tmp, paper=paper))
        if not quiet:
            click.echo(f"rakxl: {say('format.backup', lang, file=target, backup=backup)}", err=True)
    else:
        write_rak(raks, output, paper=paper)
    if not quiet:
        for line in format_changes(raks, lang):   # what the layout wrote differently from the sheet
            click.echo(f"rakxl: {line}", err=True)
        click.echo(f"rakxl: {say('format.done', lang, n=len(raks), out=target, paper=paper)}", err=True)
        families = sorted({rak.family for rak in raks} - {"kpu"})
        if families:  # the writer writes the KPU layout whatever family was read
            click.echo(f"rakxl: {say('format.family', lang, families=', '.join(families))}", err=True)


COMMANDS = (format_,)
