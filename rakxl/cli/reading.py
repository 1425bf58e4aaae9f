"""The commands that read one plan (or two) and report on it: ``show``, ``export``,
``check`` and ``diff``."""
from __future__ import annotations

import sys

import click

from ..i18n import say
from .options import (EXIT_FOUND, EXIT_OK, EXIT_UNREADABLE, Choice, confirm, echo_json, fail, handle_errors,
                      lang_option, output_options, quiet_option)


@click.command("show")
@click.argument("file", type=click.Path())
@click.option("--sheet", default=None, help="Nama sheet (bawaan: sheet RAK pertama).")
@click.option("--json", "as_json", is_flag=True, help="Cetak ringkasan sebagai JSON.")
@lang_option
@handle_errors
def show(file, sheet, as_json, lang):
    """Ringkasan satu RAK: judul, tanda tangan, jumlah baris dan total Pagu.

    Contoh: rakxl show samples/RAK_2021.xlsx

    Python: rakxl.summary(path, sheet=None)
    """
    from ..report.text import summary_text
    from ..summaries import summary

    s = summary(file, sheet=sheet)
    if as_json:
        echo_json(s.to_dict())
    else:
        click.echo(summary_text(s, lang))


EXPORT_TABLES = ("activities", "budgets", "goals", "indicators")


@click.command("export")
@click.argument("file", type=click.Path())
@click.option("--to", "fmt", type=Choice(["csv", "json", "xlsx"]), default=None,
              help="Format keluaran (bawaan: dari akhiran -o, atau json ke layar).")
@click.option("--table", type=Choice(EXPORT_TABLES), default="activities",
              show_default=True, help="Tabel yang diekspor ke CSV (JSON dan XLSX memuat semuanya).")
@click.option("-o", "--output", type=click.Path(), default=None,
              help="File keluaran (.csv, .json atau .xlsx); tanpa -o dicetak ke layar.")
@click.option("--sheet", default=None, help="Nama sheet (bawaan: sheet RAK pertama).")
@quiet_option
@lang_option
@handle_errors
def export(file, fmt, table, output, sheet, quiet, lang):
    """Ekspor tabel kegiatan (dan anggaran, sasaran, indikator) ke CSV, JSON atau XLSX.

    Contoh: rakxl export samples/RAK_2021.xlsx --to csv -o kegiatan.csv

    Python: rakxl.write_export(rakxl.read_rak(path), out) atau rakxl.to_json(rak)
    """
    from ..reader import read_rak_and_others
    from ..report import output_kind, to_json, write_export
    from ..safeio import check_output, csv_text

    fmt = fmt and fmt.lower()
    table = table.lower()
    if output:
        check_output(output, [file])
        kind = output_kind(output, ("csv", "json", "xlsx"))
        if fmt is not None and fmt != kind:
            fail(f"rakxl: {say('cli.suffix_format', lang, out=output, fmt=fmt)}")
    elif fmt == "xlsx":
        fail(f"rakxl: {say('cli.xlsx_needs_output', lang)}")
    rak, others = read_rak_and_others(file, sheet=sheet)
    if others and not quiet:  # which sheet the export holds, said where no output goes
        names = ", ".join(f"'{n}'" for n in others)
        click.echo(f"rakxl: {say('used_sheet', lang, sheet=rak.sheet, names=names)}", err=True)
    if output:
        write_export(rak, output, table=table)
        kind = output_kind(output, ("csv", "json", "xlsx"))
        if kind == "xlsx":
            confirm(output, lang, quiet, sheets=len(EXPORT_TABLES), rows=len(rak.activities))
        else:
            confirm(output, lang, quiet, rows=len(getattr(rak, table)) if kind == "csv" else None)
    elif fmt == "csv":
        click.echo(csv_text(getattr(rak, table)), nl=False)
    else:
        echo_json(to_json(rak))


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@output_options
@click.option("--annotate", "annotate_to", type=click.Path(), default=None, metavar="OUT.xlsx",
              help="Tulis salinan workbook dengan sel bermasalah diwarnai dan diberi komentar, "
                   "plus sheet 'Temuan' (satu FILE saja; FILE tidak diubah).")
@click.option("--tw", "quarter", type=click.IntRange(1, 4), default=None,
              help="Workbook monev: triwulan yang dilaporkan; triwulan sebelumnya yang kosong ditandai.")
@quiet_option
@lang_option
@handle_errors
def check(files, output, as_json, annotate_to, quiet, lang, quarter=None):
    """Periksa RAK: Pagu kosong, sel gabungan, nomor, jumlah, duplikat, Pelaksana, target, NIP.

    Setiap temuan menunjuk sheet dan sel yang harus diperbaiki. Kode keluar: 0 tanpa
    error, 1 ada error, 2 ada file yang tidak terbaca (file lain tetap diperiksa).

    Contoh: rakxl check samples/RAK_2021.xlsx --annotate RAK_2021_temuan.xlsx

    Python: rakxl.write_findings(rakxl.check_file(path), out) atau rakxl.annotate(path, out)
    """
    from ..annotate import annotate, check_annotate_output
    from ..checker import check_file
    from ..exceptions import RakError
    from ..report import output_kind, write_findings
    from ..report.text import findings_text
    from ..safeio import check_output

    if annotate_to and len(files) != 1:
        raise click.UsageError(say("cli.annotate_one", lang))
    if annotate_to:
        check_annotate_output(files[0], annotate_to)
    if output:
        check_output(output, files)
        output_kind(output, ("csv", "json", "xlsx"))
    found, unreadable, checked = [], False, 0
    for file in files:
        try:
            found.extend(check_file(file, quarter=quarter))
            checked += 1
        except RakError as exc:  # one line naming the file; the other files are still checked
            click.echo(f"rakxl: {exc.render(lang)}", err=True)
            unreadable = True
    if output:
        write_findings(found, output, lang=lang, inputs=files)
        confirm(output, lang, quiet, rows=len(found))
    elif as_json:
        echo_json([f.to_dict() for f in found])
    elif checked:
        click.echo(findings_text(found, lang))
    if annotate_to and not unreadable:
        annotate(files[0], annotate_to, found, lang=lang)  # a RakError here: exit 2 (handle_errors)
        confirm(annotate_to, lang, quiet, rows=len(found))
    if unreadable:
        sys.exit(EXIT_UNREADABLE)
    if any(f.severity == "error" for f in found):
        sys.exit(EXIT_FOUND)


@click.command("diff")
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@output_options
@click.option("--sheet", default=None, help="Bandingkan hanya sheet RAK ini (bawaan: semua sheet RAK).")
@quiet_option
@lang_option
@handle_errors
def diff_command(old, new, output, as_json, sheet, quiet, lang):
    """Apa yang berubah dari RAK lama (OLD) ke revisinya (NEW).

    Di layar: selisih total Pagu (per Pelaksana) lebih dulu, lalu sasaran demi
    sasaran. Sasaran dicocokkan menurut teksnya, bukan nomornya. -o DIFF.xlsx
    menulis sheet Perubahan (satu baris per perubahan) dan RAK baru dengan sel
    yang ditambah (hijau) atau diubah (kuning, komentar berisi nilai lama);
    -o .json / .csv menulis data yang sama (alih-alih layar). Kode keluar: 0 tidak
    ada perubahan, 1 ada perubahan, 2 file tidak dapat dibaca.

    Setiap sheet RAK dibandingkan, dicocokkan menurut nama sheet (lalu unitnya);
    sheet RAK lama yang tidak ada di RAK baru adalah perubahan. --sheet NAMA
    membandingkan satu sheet saja.

    Contoh: rakxl diff RAK_2021.xlsx RAK_2021_revisi1.xlsx -o perubahan.xlsx

    Python: rakxl.diff_workbooks(old, new) atau rakxl.diff(rakxl.read_rak(old), rakxl.read_rak(new))
    """
    from ..report import output_kind
    from ..report.diff import workbook_diff_size, write_workbook_diff
    from ..revisions import diff_workbooks
    from ..safeio import check_output

    if output:
        check_output(output, [old, new])
        kind = output_kind(output, ("xlsx", "json", "csv"))
    wd = diff_workbooks(old, new, sheet=sheet)
    d = wd.single
    if output:
        write_workbook_diff(wd, output, lang=lang)
        sheets, rows = workbook_diff_size(wd, kind)
        confirm(output, lang, quiet, sheets=sheets, rows=rows)
    elif as_json:
        echo_json(d.to_json() if d is not None else wd.to_json())
    else:
        click.echo("\n".join(wd.summary(lang)))
    sys.exit(EXIT_OK if wd.is_empty else EXIT_FOUND)


COMMANDS = (show, export, check, diff_command)
