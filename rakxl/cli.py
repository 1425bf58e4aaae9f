"""The ``rakxl`` command line: one command per API function, kept thin.

Each command calls the Python function of the same job (``show`` and ``export``
call :func:`rakxl.read_rak`...) and only turns its result into text, files and an
exit code. Exit codes: 0 fine, 1 findings/changes/failed files as the command
documents, 2 an input that cannot be read (one line on stderr, no traceback).
"""
from __future__ import annotations

import functools
import json
import os
import sys

import click

from . import __version__
from .i18n import pick, say

EXIT_OK, EXIT_FOUND, EXIT_UNREADABLE = 0, 1, 2


def _utf8_console() -> None:
    """Make stdout/stderr UTF-8 that never crashes on a character the console lacks."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


def lang_option(f):
    """``--lang id|en``: the language of messages (default: $RAKXL_LANG or id)."""
    return click.option(
        "--lang", type=click.Choice(["id", "en"]), default=lambda: os.environ.get("RAKXL_LANG", "id"),
        show_default="id", help="Bahasa pesan: id (Indonesia) atau en (English).")(f)


def output_options(f):
    """The shared output options of commands that print rows: ``--json`` and ``-o OUT``."""
    f = click.option("--json", "as_json", is_flag=True, help="Cetak JSON, bukan tabel.")(f)
    f = click.option("-o", "--output", type=click.Path(), default=None,
                     help="Tulis ke file ini (.csv, .json atau .xlsx) alih-alih layar.")(f)
    return f


def fail(message: str, code: int = EXIT_UNREADABLE):
    """Print one line on stderr and exit with ``code``."""
    click.echo(message, err=True)
    sys.exit(code)


def handle_errors(f):
    """Turn a RakError into one line on stderr and exit code 2, never a traceback."""

    @functools.wraps(f)
    def wrapper(*args, **kwargs):
        from .exceptions import RakError

        try:
            return f(*args, **kwargs)
        except RakError as exc:
            fail(f"rakxl: {exc}")
        except KeyboardInterrupt:
            fail("rakxl: dibatalkan", 130)
        except MemoryError:
            fail("rakxl: memori tidak cukup untuk file ini")
        except OSError as exc:  # a disk or permission problem outside any RakError
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"rakxl: {where}{exc.strerror or exc}")

    return wrapper


def echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="rakxl")
def cli():
    """rakxl: baca, periksa, rapikan dan jumlahkan workbook RAK (Rencana Aksi Kinerja).

    Contoh: rakxl show samples/RAK_2021.xlsx
    """


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--sheet", default=None, help="Nama sheet (bawaan: sheet RAK pertama).")
@click.option("--json", "as_json", is_flag=True, help="Cetak ringkasan sebagai JSON.")
@lang_option
@handle_errors
def show(file, sheet, as_json, lang):
    """Ringkasan satu RAK: judul, tanda tangan, jumlah baris dan total Pagu.

    Contoh: rakxl show samples/RAK_2021.xlsx

    Python: rakxl.read_rak(path, sheet=None)
    """
    from .layout import format_date_id, format_rupiah
    from .reader import read_rak

    rak = read_rak(file, sheet=sheet)
    summary = {
        "file": str(file), "sheet": rak.sheet, **rak.meta.to_dict(),
        "goals": len(rak.goals), "indicators": len(rak.indicators), "activities": len(rak.activities),
        "budget_lines": len(rak.budgets), "total_pagu": rak.total_pagu,
    }
    if as_json:
        echo_json(summary)
        return
    m = rak.meta
    rows = [
        ("file", f"{file} [{rak.sheet}]"),
        ("year", m.year), ("organization", m.organization), ("unit", m.unit),
        ("signed", ", ".join(x for x in (m.place, format_date_id(m.signed_on) if m.signed_on else None) if x)),
        ("signatory", " / ".join(x for x in (m.signatory_title, m.signatory, m.nip and f"NIP {m.nip}") if x)),
        ("goals", len(rak.goals)), ("indicators", len(rak.indicators)), ("activities", len(rak.activities)),
        ("budget_lines", len(rak.budgets)), ("total_pagu", format_rupiah(rak.total_pagu)),
    ]
    width = max(len(say(k, lang)) for k, _ in rows)
    for key, value in rows:
        click.echo(f"{say(key, lang):<{width}}  {'-' if value in (None, '') else value}")
    without = rak.goals.loc[rak.goals["budget_lines"] == 0, "no"].tolist()
    if without:
        click.echo(say("goals_without_budget", lang, nos=", ".join(str(n) for n in without)))


EXPORT_TABLES = ("activities", "budgets", "goals", "indicators")


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--to", "fmt", type=click.Choice(["csv", "json"]), default=None,
              help="Format keluaran (bawaan: dari akhiran -o, atau json ke layar).")
@click.option("--table", type=click.Choice(EXPORT_TABLES), default="activities", show_default=True,
              help="Tabel yang diekspor ke CSV (JSON memuat semuanya).")
@click.option("-o", "--output", type=click.Path(), default=None,
              help="File keluaran; tanpa -o dicetak ke layar.")
@click.option("--sheet", default=None, help="Nama sheet (bawaan: sheet RAK pertama).")
@handle_errors
def export(file, fmt, table, output, sheet):
    """Ekspor tabel kegiatan (dan anggaran, sasaran, indikator) ke CSV atau JSON.

    Contoh: rakxl export samples/RAK_2021.xlsx --to csv -o kegiatan.csv

    Python: rakxl.read_rak(path).activities (pandas DataFrame)
    """
    from .reader import read_rak
    from .safeio import check_output, write_csv, write_json

    if fmt is None:
        fmt = "csv" if output and output.lower().endswith(".csv") else "json"
    if output:
        check_output(output, [file])
    rak = read_rak(file, sheet=sheet)
    if fmt == "csv":
        frame = getattr(rak, table)
        if output:
            write_csv(frame, output, inputs=[file])
        else:
            click.echo(frame.to_csv(index=False, lineterminator="\n"), nl=False)
        return
    data = rak_to_json(rak)
    if output:
        write_json(data, output, [file])
    else:
        echo_json(data)


def rak_to_json(rak) -> dict:
    """A Rak as plain JSON data: meta, totals and every table (missing values null)."""

    def records(frame):
        return json.loads(frame.to_json(orient="records", force_ascii=False))

    return {
        "file": rak.path, "sheet": rak.sheet, "meta": rak.meta.to_dict(), "total_pagu": rak.total_pagu,
        "stated_total": rak.stated_total,
        **{name: records(getattr(rak, name)) for name in EXPORT_TABLES},
    }


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--by", default="pelaksana", show_default=True, metavar="KOLOM[,KOLOM...]",
              help="Kelompokkan menurut: file, sheet, no, sasaran, pelaksana (pisahkan dengan koma).")
@output_options
@click.option("-q", "--quiet", is_flag=True, help="Tanpa bilah kemajuan di layar.")
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

    Contoh: rakxl totals kiriman_unit/ --by pelaksana -o total_pagu.xlsx

    Python: rakxl.budget_totals(rakxl.read_many(paths).raks, by=("pelaksana",))
    """
    from pathlib import Path

    from .safeio import check_output, write_csv, write_json
    from .totals import (GROUP_KEYS, ProgressBar, budget_totals, format_table, label, read_many,
                         totals_records, write_totals_xlsx)

    keys = [k.strip() for k in by.split(",") if k.strip()]
    if not keys or any(k not in GROUP_KEYS for k in keys):
        fail(f"rakxl: --by '{by}' tidak dikenal; pilih dari {', '.join(GROUP_KEYS)}")
    kind = None
    if output:
        check_output(output)
        kind = {".xlsx": "xlsx", ".csv": "csv", ".json": "json"}.get(Path(output).suffix.lower())
        if kind is None:
            fail(f"rakxl: {output}: akhiran keluaran harus .xlsx, .csv atau .json")
    progress = None if quiet or not sys.stderr.isatty() else ProgressBar(sys.stderr, lang)
    if output:  # an earlier output inside an input folder (kiriman/total.xlsx) is no input
        from .safeio import same_file
        from .totals import find_workbooks

        paths = [p for p in find_workbooks(paths) if not same_file(p, output)] or paths
    result = read_many(paths, jobs=jobs, check=kind == "xlsx", progress=progress)
    table = budget_totals(result.raks, by=keys)
    if kind == "xlsx":
        write_totals_xlsx(table, output, result, lang=lang)
    elif kind == "csv":
        write_csv(table, output, inputs=result.files)
    elif kind == "json":
        write_json(totals_records(table), output, result.files)
    elif as_json:
        echo_json(totals_records(table))
    else:
        click.echo(format_table(table, lang))
    if result.skipped:  # rakxl's own outputs: a notice, not a failure
        click.echo(label("skipped", lang).format(count=len(result.skipped)), err=True)
        for skipped in result.skipped:
            click.echo(f"  {skipped.path}: {skipped.reason}", err=True)
    if result.failures:
        click.echo(label("failures", lang).format(count=len(result.failures)), err=True)
        for failure in result.failures:
            click.echo(f"  {failure.path}: {failure.reason}", err=True)
        sys.exit(EXIT_FOUND)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@output_options
@click.option("--annotate", "annotate_to", type=click.Path(), default=None, metavar="OUT.xlsx",
              help="Tulis salinan workbook dengan sel bermasalah diwarnai dan diberi komentar, "
                   "plus sheet 'Temuan' (satu FILE saja; FILE tidak diubah).")
@lang_option
@handle_errors
def check(files, output, as_json, annotate_to, lang):
    """Periksa RAK: Pagu kosong, sel gabungan, nomor, jumlah, duplikat, Pelaksana, target, NIP.

    Setiap temuan menunjuk sheet dan sel yang harus diperbaiki. Kode keluar: 0 tanpa
    error, 1 ada error, 2 ada file yang tidak terbaca (file lain tetap diperiksa).

    Contoh: rakxl check samples/RAK_2021.xlsx --annotate RAK_2021_temuan.xlsx

    Python: rakxl.check_file(path) atau rakxl.check(rakxl.read_rak(path))
    """
    from pathlib import Path

    from .annotate import annotate
    from .checker import check_file, findings_table
    from .exceptions import RakError
    from .safeio import atomic_output, check_output, escape_formula, write_csv, write_json

    if annotate_to and len(files) != 1:
        raise click.UsageError("--annotate hanya untuk satu FILE")
    if annotate_to:
        check_output(annotate_to, files)
    kind = None
    if output:
        kind = {".csv": "csv", ".json": "json", ".xlsx": "xlsx"}.get(Path(output).suffix.lower())
        if kind is None:
            raise click.BadParameter(f"'{output}': akhiran harus .csv, .json atau .xlsx", param_hint="-o")
        check_output(output, files)
    found, unreadable, checked = [], False, 0
    for file in files:
        try:
            found.extend(check_file(file))
            checked += 1
        except RakError as exc:  # one line naming the file; the other files are still checked
            click.echo(f"rakxl: {exc}", err=True)
            unreadable = True
    records = [f.to_dict() for f in found] if kind or as_json else None  # the screen table needs none
    if kind in ("csv", "xlsx"):
        import pandas as pd

        frame = pd.DataFrame(records, columns=list(FINDING_FIELDS))
        if kind == "csv":
            write_csv(frame, output, inputs=files)
        else:
            from .marker import mark_openpyxl

            frame = frame.map(escape_formula)
            with atomic_output(output, files) as tmp:
                with open(tmp, "wb") as fh, pd.ExcelWriter(fh, engine="openpyxl") as xw:
                    frame.to_excel(xw, index=False, sheet_name="Temuan")
                    mark_openpyxl(xw.book, "findings", ("Temuan",))
    elif kind == "json":
        write_json(records, output, files)
    elif as_json:
        echo_json(records)
    elif checked:
        click.echo(findings_table(found, lang))
    if annotate_to and not unreadable:
        annotate(files[0], found, annotate_to, lang=lang)  # a RakError here: exit 2 (handle_errors)
    if unreadable:
        sys.exit(EXIT_UNREADABLE)
    if any(f.severity == "error" for f in found):
        sys.exit(EXIT_FOUND)


FINDING_FIELDS = ("file", "sheet", "cell", "row", "column", "no", "code", "severity", "message", "message_en")

FORMAT_MESSAGES = {
    "need_output": ("sebutkan file keluaran dengan -o OUT, atau --in-place untuk menimpa {file} "
                    "(aslinya disimpan sebagai {file}.bak)",
                    "give an output file with -o OUT, or --in-place to overwrite {file} "
                    "(the original is kept as {file}.bak)"),
    "same": ("keluaran sama dengan masukan {file}; pakai --in-place untuk menimpanya "
             "(aslinya disimpan sebagai {file}.bak)",
             "the output is the input {file}; use --in-place to overwrite it (the original is kept as {file}.bak)"),
    "both": ("--in-place menimpa {file}; jangan pakai -o ke file lain bersamanya",
             "--in-place overwrites {file}; do not combine it with -o to another file"),
    "xlsx": ("keluaran {out} harus berakhiran .xlsx (rakxl menulis workbook .xlsx); pakai -o NAMA.xlsx",
             "the output {out} must end in .xlsx (rakxl writes .xlsx workbooks); use -o NAME.xlsx"),
    "done": ("{n} sheet RAK ditulis ke {out} (kertas {paper})", "wrote {n} RAK sheet(s) to {out} ({paper} paper)"),
}


@cli.command("format")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(), default=None,
              help="File .xlsx keluaran (tata letak resmi).")
@click.option("--paper", type=click.Choice(["A4", "F4", "Legal"]), default="A4", show_default=True,
              help="Ukuran kertas cetak (F4 dicetak sebagai Folio 8,5 x 13 inci).")
@click.option("--in-place", is_flag=True,
              help="Timpa FILE (.xlsx); aslinya disimpan dulu sebagai FILE.bak (.bak lama diganti).")
@lang_option
@handle_errors
def format_(file, output, paper, in_place, lang):
    """Rapikan RAK ke tata letak resmi yang siap cetak dan ditandatangani (semua sheet RAK).

    Contoh: rakxl format samples/RAK_2021.xlsx -o RAK_rapi.xlsx --paper F4

    Python: rakxl.write_rak(rakxl.read_workbook(path), out, paper="A4")
    """
    import shutil

    from .reader import read_workbook
    from .safeio import atomic_output, same_file
    from .writer import write_rak

    def msg(key, **kw):
        return pick(FORMAT_MESSAGES[key], lang, **kw)

    if output is None and not in_place:
        fail(f"rakxl: {msg('need_output', file=file)}")
    target = file if in_place else output
    if not str(target).lower().endswith(".xlsx"):
        fail(f"rakxl: {msg('xlsx', out=target)}")
    if output is not None and not same_file(output, file):
        if in_place:
            fail(f"rakxl: {msg('both', file=file)}")
    elif not in_place:
        fail(f"rakxl: {msg('same', file=file)}")
    raks = read_workbook(file)          # read everything before writing anything
    if in_place:
        with atomic_output(f"{file}.bak", [file]) as tmp:
            shutil.copyfile(file, tmp)
        with atomic_output(file) as tmp:
            write_rak(raks, tmp, paper=paper)
    else:
        write_rak(raks, output, paper=paper)
    click.echo(msg("done", n=len(raks), out=target, paper=paper))


@cli.command("diff")
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@output_options
@lang_option
@handle_errors
def diff_command(old, new, output, as_json, lang):
    """Apa yang berubah dari RAK lama (OLD) ke revisinya (NEW).

    Di layar: selisih total Pagu (per Pelaksana) lebih dulu, lalu sasaran demi
    sasaran. Sasaran dicocokkan menurut teksnya, bukan nomornya. -o DIFF.xlsx
    menulis sheet Perubahan (satu baris per perubahan) dan RAK baru dengan sel
    yang ditambah (hijau) atau diubah (kuning, komentar berisi nilai lama);
    -o .json / .csv menulis data yang sama. Kode keluar: 0 tidak ada perubahan,
    1 ada perubahan, 2 file tidak dapat dibaca.

    Contoh: rakxl diff RAK_2021.xlsx RAK_2021_revisi1.xlsx -o perubahan.xlsx

    Python: rakxl.diff(rakxl.read_rak(old), rakxl.read_rak(new))
    """
    from .revisions import diff, write_diff
    from .reader import read_rak
    from .safeio import check_output

    if output:
        check_output(output, [old, new])
    d = diff(read_rak(old), read_rak(new))
    if output:
        write_diff(d, output, lang=lang)
    if as_json:
        echo_json(d.to_json())
    else:
        click.echo("\n".join(d.summary(lang)))
    sys.exit(EXIT_OK if d.is_empty else EXIT_FOUND)


@cli.command("monev")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(), required=True, help="Workbook monev .xlsx yang ditulis.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="File rakxl.toml (bawaan: rakxl.toml di folder FILE).")
@click.option("--paper", type=click.Choice(["A4", "F4", "Legal"]), default="A4", show_default=True,
              help="Ukuran kertas cetak (lanskap).")
@lang_option
@handle_errors
def monev(file, output, config_path, paper, lang, previous=None):
    """Buat workbook monitoring (monev) triwulan dari RAK: realisasi, capaian, serapan.

    Kolom rencana abu-abu dan terkunci; per triwulan isian Realisasi, Kendala,
    Tindak Lanjut, Bukti Dukung dan Realisasi Anggaran (satu sel per Pagu), dengan
    rumus Capaian dan Serapan.

    Contoh: rakxl monev samples/RAK_2021.xlsx -o Monev_2021.xlsx

    Python: rakxl.write_monitoring(path, out)
    """
    from .i18n import MONITORING
    from .monitoring.config import find_config
    from .monitoring.plan import items
    from .monitoring.workbook import UNMATCHED, write_monitoring
    from .reader import read_workbook
    from .safeio import check_output

    if not str(output).lower().endswith(".xlsx"):
        fail(f"rakxl: {pick(FORMAT_MESSAGES['xlsx'], lang, out=output)}")
    check_output(output, [file] + ([previous] if previous else []))
    raks = read_workbook(file)
    config = find_config(file, config_path)
    carried = None
    if previous:
        from .monitoring.carry import carry_over

        carried = carry_over(previous, raks, config)
    write_monitoring(raks, output, config=config, paper=paper, lang=lang,
                     values=carried.values if carried else None, unmatched=carried.unmatched if carried else None,
                     inputs=[previous] if previous else ())
    n_ind = n_act = 0
    for rak in raks:
        ind, act = items(rak, config)
        n_ind += len(ind)
        n_act += len(act)
    click.echo(pick(MONITORING["done"], lang, n=len(raks), out=output, ind=n_ind, act=n_act,
                    lines=sum(len(r.budgets) for r in raks)))
    if carried:
        click.echo(pick(MONITORING["carried"], lang, old=previous, cells=carried.count,
                        unmatched=len(carried.unmatched), sheet=UNMATCHED))


@cli.command("capaian")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--tw", "quarter", type=click.IntRange(1, 4), default=None,
              help="Triwulan yang dilaporkan (1-4); bawaan: triwulan terakhir yang terisi.")
@output_options
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="File rakxl.toml (bawaan: rakxl.toml di folder FILE).")
@lang_option
@handle_errors
def capaian(file, quarter, output, as_json, config_path, lang):
    """Capaian indikator dan kegiatan serta serapan anggaran dari workbook monev yang sudah diisi.

    rakxl menghitung capaian sendiri (tidak memakai nilai rumus di file) dan
    melaporkan sel yang nilai tersimpannya berbeda. -o .xlsx menulis sheet
    Indikator, Kegiatan, Anggaran dan Selisih; -o .csv satu tabel (indikator lalu
    kegiatan); -o .json semuanya.

    Contoh: rakxl capaian Monev_2021.xlsx --tw 2

    Python: rakxl.read_monitoring(path, quarter=2)
    """
    from pathlib import Path

    from .monitoring.report import capaian_table, write_report
    from .monitoring.reader import read_monitoring
    from .safeio import check_output

    kind = None
    if output:
        kind = {".xlsx": "xlsx", ".csv": "csv", ".json": "json"}.get(Path(output).suffix.lower())
        if kind is None:
            raise click.BadParameter(f"'{output}': akhiran harus .csv, .json atau .xlsx", param_hint="-o")
        check_output(output, [file])
    mon = read_monitoring(file, quarter=quarter, config_path=config_path)
    if output:
        write_report(mon, output, kind, lang=lang)
    elif as_json:
        from .monitoring.report import to_json

        echo_json(to_json(mon))
    else:
        click.echo(capaian_table(mon, lang))


def main(argv=None):
    """Entry point of the ``rakxl`` console script."""
    _utf8_console()
    try:
        cli.main(args=argv, prog_name="rakxl", standalone_mode=True)
    except KeyboardInterrupt:
        fail("rakxl: dibatalkan", 130)


if __name__ == "__main__":
    main()
