"""The quarterly monitoring commands: ``monev`` (the workbook units fill in),
``capaian`` (what one unit reported) and ``rekap`` (every unit's report rolled up)."""
from __future__ import annotations

import sys

import click

from ..i18n import pick, say
from .options import (EXIT_FOUND, EXIT_OK, Choice, confirm, echo_json, fail, handle_errors, lang_option,
                      list_files, output_options, progress_bar, quiet_option)


@click.command("monev")
@click.argument("file", type=click.Path())
@click.option("-o", "--output", type=click.Path(), required=True, help="Workbook monev .xlsx yang ditulis.")
@click.option("--from", "previous", type=click.Path(), default=None, metavar="MONEV_LAMA.xlsx",
              help="Bawa realisasi, kendala, tindak lanjut dan bukti dari workbook monev revisi sebelumnya.")
@click.option("--config", "config_path", type=click.Path(), default=None,
              help="File rakxl.toml (bawaan: rakxl.toml di folder FILE).")
@click.option("--paper", type=Choice(["A4", "F4", "Legal"]), default="A4",
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
    from ..i18n import MONITORING
    from ..layout import PAPERS
    from ..monitoring.config import find_config
    from ..monitoring.plan import items
    from ..monitoring.report import _value
    from ..monitoring.workbook import UNMATCHED, refuse_monev, write_monitoring
    from ..reader import read_workbook
    from ..safeio import check_output

    paper = {p.lower(): p for p in PAPERS}[paper.lower()]
    if not str(output).lower().endswith(".xlsx"):
        fail(f"rakxl: {say('format.xlsx', lang, out=output)}")
    check_output(output, [file] + ([previous] if previous else []))
    refuse_monev(file)
    raks = read_workbook(file)
    config = find_config(file, config_path)
    carried = None
    if previous:
        from ..monitoring.carry import carry_over

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


@click.command("capaian")
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
    from ..monitoring.report import capaian_table, write_report
    from ..monitoring.reader import read_monitoring
    from ..report.outputs import output_kind
    from ..safeio import check_output

    kind = None
    if output:
        check_output(output, [file])
        kind = output_kind(output, ("xlsx", "csv", "json"))
    mon = read_monitoring(file, quarter=quarter, config_path=config_path)
    if output:
        write_report(mon, output, kind, lang=lang)
        confirm(output, lang, quiet)
    elif as_json:
        from ..monitoring.report import to_json

        echo_json(to_json(mon))
    else:
        click.echo(capaian_table(mon, lang))


@click.command("rekap")
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
    from ..report.outputs import output_kind
    from ..report.rekap import annual_text, rollup_text, to_json, write_rollup
    from ..rekap import rollup
    from ..safeio import check_output

    if output:
        kind = output_kind(output, ("xlsx", "csv", "json"))
        check_output(output)
    with progress_bar(quiet, lang) as progress:
        r = rollup(paths, quarter, config_path=config_path, jobs=jobs, progress=progress)
    if output:
        write_rollup(r, output, lang=lang, annual=annual)
        rows = len(r.annual_rows()) if annual else len(r.files) + 1
        confirm(output, lang, quiet, sheets=None, rows=rows if kind != "xlsx" else None)
    elif as_json:
        echo_json({"annual": r.annual_rows()} if annual else to_json(r, lang))
    else:
        click.echo(annual_text(r, lang) if annual else rollup_text(r, lang))
    list_files("totals.skipped", r.skipped, lang)
    list_files("totals.failures", r.failures, lang)
    sys.exit(EXIT_OK if r.complete else EXIT_FOUND)


COMMANDS = (monev, capaian, rekap)
