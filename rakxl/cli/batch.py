"""The command over many workbooks at once for finance: ``totals``."""
from __future__ import annotations

import sys

import click

from ..i18n import say
from .options import (EXIT_FOUND, confirm, echo_json, fail, handle_errors, lang_option, list_files, output_options,
                      progress_bar, quiet_option)


@click.command("totals")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--by", default="pelaksana", show_default=True, metavar="KOLOM[,KOLOM...]",
              help="Kelompokkan menurut: file, sheet, unit, no, sasaran, pelaksana (pisahkan dengan koma).")
@output_options
@quiet_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Jumlah proses pembaca (bawaan: otomatis, paralel bila file cukup banyak).")
@lang_option
@handle_errors
def totals(paths, by, output, as_json, quiet, jobs, lang):
    """Jumlah Pagu Anggaran dari banyak workbook RAK, untuk bagian keuangan.

    PATHS: file atau folder (dicari sampai ke subfolder: .xlsx, .xlsm, .xls; file
    kunci '~$' dilewati). Tanpa -o: tabel di layar. -o TOTAL.xlsx: sheet Total,
    Sumber dan Peringatan; -o TOTAL.csv atau .json: baris yang sama, Pagu sebagai
    bilangan bulat. File yang tidak terbaca tidak menghentikan proses: didaftar di
    akhir (stderr) dan kode keluar 1.

    Contoh: rakxl totals kiriman_unit/ --by unit -o total_pagu.xlsx

    Python: rakxl.write_totals(rakxl.budget_totals(rakxl.read_many(paths).raks, by=("pelaksana",)), out)
    """
    from ..report import output_kind, totals_records, write_totals
    from ..report.text import totals_text
    from ..safeio import check_output
    from ..totals import GROUP_KEYS, read_many, sum_budgets

    keys = [k.strip().lower() for k in by.split(",") if k.strip()]
    if not keys or any(k not in GROUP_KEYS for k in keys):
        fail(f"rakxl: {say('cli.bad_by', lang, by=by, keys=', '.join(GROUP_KEYS))}")
    kind = None
    if output:
        kind = output_kind(output, ("xlsx", "csv", "json"))
        check_output(output)
    with progress_bar(quiet, lang) as progress:
        result = read_many(paths, jobs=jobs, check=kind == "xlsx", progress=progress, raks=False)
    table = sum_budgets(result.sheets, by=keys)  # plain rows: pandas only for a CSV
    if output:
        write_totals(table, output, result, lang=lang)
        confirm(output, lang, quiet, sheets=3 if kind == "xlsx" else None, rows=len(table))
    elif as_json:
        echo_json(totals_records(table))
    else:
        click.echo(totals_text(table, lang))
    list_files("totals.duplicates", result.duplicates, lang)   # the same workbook sent twice: counted once
    list_files("totals.skipped", result.skipped, lang)   # rakxl's own outputs: a notice, not a failure
    if result.failures:
        list_files("totals.failures", result.failures, lang)
        sys.exit(EXIT_FOUND)


COMMANDS = (totals,)
