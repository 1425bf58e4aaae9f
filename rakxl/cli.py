"""The ``rakxl`` command line: one command per API function, kept thin.

Each command calls the Python function of the same job (``show`` and ``export``
call :func:`rakxl.read_rak`...) and only turns its result into text, files and an
exit code. Exit codes: 0 fine, 1 findings/changes/failed files as the command
documents, 2 an input that cannot be read (one line on stderr, no traceback).
"""
from __future__ import annotations

import contextlib
import functools
import json
import os
import sys

import click

from . import __version__
from .i18n import number, pick, say

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


@contextlib.contextmanager
def _native_stderr_quieted():
    """While the command runs, what native code writes straight to file descriptor 2
    (the message and backtrace of a Rust panic in python-calamine on a damaged file)
    goes to os.devnull; the panic itself arrives as an exception and becomes the one
    line rakxl prints. Python's ``sys.stderr`` keeps writing to the real stderr
    through a copy of the descriptor. Only the command line does this: the library
    never touches a process-wide descriptor.
    """
    try:
        sys.stderr.flush()
        fileno = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        fileno = None  # captured (tests) or no console: Python's stderr is not fd 2
    try:
        saved = os.dup(2)
    except OSError:  # no descriptor 2 (a GUI process): nothing to quiet
        yield
        return
    old = sys.stderr
    if fileno == 2:
        sys.stderr = open(saved, "w", encoding="utf-8", errors="replace", closefd=False)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 2)
        finally:
            os.close(devnull)
        yield
    finally:
        if sys.stderr is not old:
            sys.stderr.flush()
            sys.stderr = old
        os.dup2(saved, 2)
        os.close(saved)


def lang_option(f):
    """``--lang id|en``: the language of messages (default: $RAKXL_LANG or id)."""
    return click.option(
        "--lang", type=click.Choice(["id", "en"], case_sensitive=False), callback=lambda c, p, v: v.lower(),
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
    from .i18n import LANGS

    return str(lang).lower() if str(lang).lower() in LANGS else LANGS[0]


class RakxlGroup(click.Group):
    """The ``rakxl`` group: click's own messages (usage errors, ``--help``, bad choices)
    in the language of the command line (:func:`rakxl.i18n.click_words`)."""

    def main(self, args=None, *a, **kw):
        from .i18n import click_words

        if args is None:
            args = sys.argv[1:]
        for command in [self, *self.commands.values()]:
            command._help_option = None  # click caches --help's text in the language it first met
        with click_words(lang_of(args)):
            return super().main(args, *a, **kw)


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
        from .exceptions import RakError

        try:
            return f(*args, **kwargs)
        except RakError as exc:
            from .totals import lock_file_reason

            lock = lock_file_reason(exc.path) if exc.path else None
            fail(f"rakxl: {exc.path}: {lock}" if lock else f"rakxl: {exc}")
        except KeyboardInterrupt:
            fail(f"rakxl: {say('cli.cancelled', kwargs.get('lang') or 'id')}", 130)
        except MemoryError:
            fail("rakxl: memori tidak cukup untuk file ini")
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
        click.echo(f"  {item.path}: {item.reason}", err=True)


def echo_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group(cls=RakxlGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="rakxl")
def cli():
    """rakxl: baca, periksa, rapikan dan jumlahkan workbook RAK (Rencana Aksi Kinerja).

    Contoh: rakxl show samples/RAK_2021.xlsx
    """


@cli.command()
@click.argument("file", type=click.Path())
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
    from .reader import read_rak_and_others

    rak, others = read_rak_and_others(file, sheet=sheet)
    plan = rak.plan
    summary = {
        "file": str(file), "sheet": rak.sheet, "family": rak.family, **rak.meta.to_dict(),
        "goals": len(plan.goals), "indicators": len(plan.indicators), "activities": len(plan.activities),
        "budget_lines": len(plan.budget_lines), "total_pagu": rak.total_pagu, "other_sheets": others,
    }
    if as_json:
        echo_json(summary)
        return
    m = rak.meta
    rows = [
        ("file", f"{file} [{rak.sheet}]"), ("family", rak.family),
        ("year", m.year), ("organization", m.organization), ("unit", m.unit),
        ("signed", ", ".join(x for x in (m.place, format_date_id(m.signed_on) if m.signed_on else None) if x)),
        ("signatory", " / ".join(x for x in (m.signatory_title, m.signatory, m.nip and f"NIP {m.nip}") if x)),
        ("goals", len(plan.goals)), ("indicators", len(plan.indicators)), ("activities", len(plan.activities)),
        ("budget_lines", len(plan.budget_lines)), ("total_pagu", format_rupiah(rak.total_pagu)),
    ]
    width = max(len(say(k, lang)) for k, _ in rows)
    for key, value in rows:
        click.echo(f"{say(key, lang):<{width}}  {'-' if value in (None, '') else value}")
    without = [g.no for g in plan.goals if g.goal not in plan.lines_by_goal]
    if without:
        click.echo(say("goals_without_budget", lang, nos=", ".join(str(n) for n in without)))
    if others:
        click.echo(say("other_sheets", lang, names=", ".join(f"'{n}'" for n in others)))


EXPORT_TABLES = ("activities", "budgets", "goals", "indicators")


@cli.command()
@click.argument("file", type=click.Path())
@click.option("--to", "fmt", type=click.Choice(["csv", "json", "xlsx"], case_sensitive=False), default=None,
              help="Format keluaran (bawaan: dari akhiran -o, atau json ke layar).")
@click.option("--table", type=click.Choice(EXPORT_TABLES, case_sensitive=False), default="activities",
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
    from .reader import read_rak_and_others
    from .report import output_kind, to_json, write_export
    from .safeio import check_output, csv_text

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


def rak_to_json(rak) -> dict:
    """Kept for callers of rakxl 0.1: :func:`rakxl.to_json`."""
    from .report import to_json

    return to_json(rak)


@cli.command()
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
    from .report import output_kind, totals_records, write_totals
    from .report.text import totals_text
    from .safeio import check_output
    from .totals import GROUP_KEYS, read_many, sum_budgets

    keys = [k.strip().lower() for k in by.split(",") if k.strip()]
    if not keys or any(k not in GROUP_KEYS for k in keys):
        fail(f"rakxl: {say('cli.bad_by', lang, by=by, keys=', '.join(GROUP_KEYS))}")
    kind = None
    if output:
        kind = output_kind(output, ("xlsx", "csv", "json"))
        check_output(output)
    with _progress(quiet, lang) as progress:
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


class _progress:
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


@cli.command()
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
    from .annotate import annotate, check_annotate_output
    from .checker import check_file
    from .exceptions import RakError
    from .report import output_kind, write_findings
    from .report.text import findings_text
    from .safeio import check_output

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
            click.echo(f"rakxl: {exc}", err=True)
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


@cli.command("format")
@click.argument("file", type=click.Path())
@click.option("-o", "--output", type=click.Path(), default=None,
              help="File .xlsx keluaran (tata letak resmi).")
@click.option("--paper", type=click.Choice(["A4", "F4", "Legal"], case_sensitive=False), default="A4",
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
    from .layout import PAPERS
    from .reader import read_workbook
    from .report.outputs import format_changes, refuse_lost_text
    from .safeio import format_in_place, same_file
    from .writer import write_rak

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


@cli.command("diff")
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
    from .report import output_kind
    from .report.diff import write_workbook_diff
    from .revisions import diff_workbooks
    from .safeio import check_output

    if output:
        check_output(output, [old, new])
        kind = output_kind(output, ("xlsx", "json", "csv"))
    wd = diff_workbooks(old, new, sheet=sheet)
    d = wd.single
    if output:
        write_workbook_diff(wd, output, lang=lang)
        rows = len(d.change_rows()) if d is not None else sum(len(p.diff.change_rows()) for p in wd.pairs
                                                         if p.diff is not None)
        sheets = None
        if kind == "xlsx":
            sheets = 2 if d is not None else len([p for p in wd.pairs if p.new is not None]) + len(
                [p for p in wd.pairs if p.diff is not None]) + (1 if any(p.diff is None for p in wd.pairs) else 0)
        confirm(output, lang, quiet, sheets=sheets, rows=rows)
    elif as_json:
        echo_json(d.to_json() if d is not None else wd.to_json())
    else:
        click.echo("\n".join(wd.summary(lang)))
    sys.exit(EXIT_OK if wd.is_empty else EXIT_FOUND)


@cli.command("monev")
@click.argument("file", type=click.Path())
@click.option("-o", "--output", type=click.Path(), required=True, help="Workbook monev .xlsx yang ditulis.")
@click.option("--from", "previous", type=click.Path(), default=None, metavar="MONEV_LAMA.xlsx",
              help="Bawa realisasi, kendala, tindak lanjut dan bukti dari workbook monev revisi sebelumnya.")
@click.option("--config", "config_path", type=click.Path(), default=None,
              help="File rakxl.toml (bawaan: rakxl.toml di folder FILE).")
@click.option("--paper", type=click.Choice(["A4", "F4", "Legal"], case_sensitive=False), default="A4",
              show_default=True, help="Ukuran kertas cetak (lanskap).")
@quiet_option
@lang_option
@handle_errors
def monev(file, output, previous, config_path, paper, quiet, lang):
    """Buat workbook monitoring (monev) triwulan dari RAK: realisasi, capaian, serapan.

    Kolom rencana abu-abu dan terkunci; per triwulan isian Realisasi, Kendala,
    Tindak Lanjut, Bukti Dukung dan Realisasi Anggaran (satu sel per Pagu), dengan
    rumus Capaian dan Serapan. --from membawa isian dari workbook monev lama ke RAK
    revisi; yang tidak terpetakan didaftar dan disimpan di sheet 'Tidak Terpetakan'.

    Contoh: rakxl monev samples/RAK_2021.xlsx -o Monev_2021.xlsx

    Python: rakxl.write_monitoring(path, out)
    """
    from .i18n import MONITORING
    from .layout import PAPERS
    from .monitoring.config import find_config
    from .monitoring.plan import items
    from .monitoring.report import _value
    from .monitoring.workbook import UNMATCHED, refuse_monev, write_monitoring
    from .reader import read_workbook
    from .safeio import check_output

    paper = {p.lower(): p for p in PAPERS}[paper.lower()]
    if not str(output).lower().endswith(".xlsx"):
        fail(f"rakxl: {say('format.xlsx', lang, out=output)}")
    check_output(output, [file] + ([previous] if previous else []))
    refuse_monev(file)
    raks = read_workbook(file)
    config = find_config(file, config_path)
    carried = None
    if previous:
        from .monitoring.carry import carry_over

        carried = carry_over(previous, raks, config, lang)
    write_monitoring(raks, output, config=config, paper=paper, lang=lang,
                     values=carried.values if carried else None, unmatched=carried.unmatched if carried else None,
                     inputs=[previous] if previous else ())
    n_ind = n_act = 0
    for rak in raks:
        ind, act = items(rak, config)
        n_ind += len(ind)
        n_act += len(act)
    if not quiet:
        click.echo("rakxl: " + pick(MONITORING["done"], lang, n=len(raks), out=output, ind=n_ind, act=n_act,
                                    lines=sum(len(r.plan.budget_lines) for r in raks)), err=True)
    if carried and (carried.unmatched or not quiet):
        click.echo("rakxl: " + pick(MONITORING["carried"], lang, old=previous, cells=carried.count,
                                    unmatched=len(carried.unmatched), sheet=UNMATCHED), err=True)
        for level, no, text, name, q, value, cell in carried.unmatched:
            short = " ".join(str(text or "").split())
            short = short if len(short) <= 60 else short[:59] + "…"
            click.echo(f"  - {level} {no or '-'} '{short}': {name} TW {q} = {_value(value)} ({cell})", err=True)


@cli.command("capaian")
@click.argument("file", type=click.Path())
@click.option("--tw", "quarter", type=click.IntRange(1, 4), default=None,
              help="Triwulan yang dilaporkan (1-4); bawaan: triwulan terakhir yang terisi.")
@output_options
@click.option("--config", "config_path", type=click.Path(), default=None,
              help="File rakxl.toml (bawaan: rakxl.toml di folder FILE).")
@quiet_option
@lang_option
@handle_errors
def capaian(file, quarter, output, as_json, config_path, quiet, lang):
    """Capaian indikator dan kegiatan serta serapan anggaran dari workbook monev yang sudah diisi.

    rakxl menghitung capaian sendiri (tidak memakai nilai rumus di file) dan
    melaporkan sel yang nilai tersimpannya berbeda. -o .xlsx menulis sheet
    Indikator, Kegiatan, Anggaran dan Selisih; -o .csv satu tabel (indikator lalu
    kegiatan); -o .json semuanya.

    Contoh: rakxl capaian Monev_2021.xlsx --tw 2

    Python: rakxl.read_monitoring(path, quarter=2)
    """
    from .monitoring.report import capaian_table, write_report
    from .monitoring.reader import read_monitoring
    from .report.outputs import output_kind
    from .safeio import check_output

    kind = None
    if output:
        check_output(output, [file])
        kind = output_kind(output, ("xlsx", "csv", "json"))
    mon = read_monitoring(file, quarter=quarter, config_path=config_path)
    if output:
        write_report(mon, output, kind, lang=lang)
        confirm(output, lang, quiet)
    elif as_json:
        from .monitoring.report import to_json

        echo_json(to_json(mon))
    else:
        click.echo(capaian_table(mon, lang))


@cli.command("rekap")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--tw", "quarter", type=click.IntRange(1, 4), required=True, help="Triwulan yang direkap (1-4).")
@output_options
@click.option("--tahunan", "annual", is_flag=True,
              help="Hanya tabel capaian tahunan (Sasaran, Indikator, Target, Realisasi, Capaian, Kategori).")
@click.option("--config", "config_path", type=click.Path(), default=None,
              help="File rakxl.toml (bawaan: rakxl.toml di folder pertama).")
@quiet_option
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Jumlah proses pembaca (bawaan: otomatis, paralel bila file cukup banyak).")
@lang_option
@handle_errors
def rekap(paths, quarter, output, as_json, annual, config_path, quiet, jobs, lang):
    """Rekap monev triwulan semua unit: siapa sudah lapor, capaian dan serapan per unit.

    PATHS: file atau folder berisi workbook monev (dari 'rakxl monev', diisi unit);
    RAK biasa dihitung "belum lapor". Kode keluar 1 bila ada unit yang belum atau
    baru sebagian melapor, unit yang diharapkan rakxl.toml tidak mengirim file, atau
    file tidak terbaca (untuk pengingat terjadwal).

    Contoh: rakxl rekap kiriman_tw2/ --tw 2 -o rekap_tw2.xlsx

    Python: rakxl.write_rollup(rakxl.rollup(paths, tw=2), out)
    """
    from .report.outputs import output_kind
    from .report.rekap import annual_text, rollup_text, to_json, write_rollup
    from .rekap import rollup
    from .safeio import check_output

    if output:
        kind = output_kind(output, ("xlsx", "csv", "json"))
        check_output(output)
    with _progress(quiet, lang) as progress:
        r = rollup(paths, quarter, config_path=config_path, jobs=jobs, progress=progress)
    if output:
        write_rollup(r, output, lang=lang, annual=annual)
        rows = len(r.annual_rows()) if annual else len(r.files) + 1
        confirm(output, lang, quiet, sheets=None, rows=rows if kind != "xlsx" else None)
    elif as_json:
        echo_json({"annual": r.annual_rows()} if annual else to_json(r))
    else:
        click.echo(annual_text(r, lang) if annual else rollup_text(r, lang))
    list_files("totals.skipped", r.skipped, lang)
    list_files("totals.failures", r.failures, lang)
    sys.exit(EXIT_OK if r.complete else EXIT_FOUND)


def _stop_on_signals() -> None:
    """SIGTERM and SIGHUP end the run as Ctrl+C does: the temporary file being written
    is removed (:func:`rakxl.safeio.atomic_output` cleans up as the exit unwinds), a
    line on stderr, exit 128 + the signal's number."""
    import signal

    main_pid = os.getpid()

    def stop(signum, frame):
        from .safeio import remove_pending

        if os.getpid() != main_pid:  # a forked reader process of totals: die as the signal says
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return

        remove_pending()
        click.echo(f"rakxl: {say('cli.cancelled', lang_of(sys.argv[1:]))} ({signal.Signals(signum).name})", err=True)
        sys.exit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)   # Windows has no SIGHUP
        if sig is not None:
            try:
                signal.signal(sig, stop)
            except (ValueError, OSError):    # not the main thread
                pass


def main(argv=None):
    """Entry point of the ``rakxl`` console script."""
    _utf8_console()
    _stop_on_signals()
    try:
        with _native_stderr_quieted():
            cli.main(args=argv, prog_name="rakxl", standalone_mode=True)
    except KeyboardInterrupt:
        fail(f"rakxl: {say('cli.cancelled', lang_of(sys.argv[1:] if argv is None else argv))}", 130)


if __name__ == "__main__":
    main()
