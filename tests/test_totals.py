"""Budget totals over many workbooks (rakxl.budget_totals, rakxl.read_many, ``rakxl totals``).

The folder fixture is built here with xlsxwriter from plain Python specs; every
expected figure is summed from those specs, never by rakxl.
"""
import csv
import io
import json
import subprocess
import sys
from collections import defaultdict

import pytest
from click.testing import CliRunner

import rakxl
from rakxl.cli import cli
from rakxl.layout import RUPIAH_FORMAT
from rakxl.totals import TOTALS_FINDING_CODES, find_workbooks, read_many
from rakxl.totals import _read_one as _real_read_one
from tests.helpers import run_apart as run
from tests.test_reader import BY_PELAKSANA

UNITS = ("Subbag Keuangan", "Subbag Hukum", "Subbag SDM", "Subbag Program dan Data")
HEADERS = ["No", "Sasaran Program/Kegiatan", "Indikator Kinerja", "Target Indikator Kinerja",
           "Nama Kegiatan/Aksi", "Target Kegiatan/Aksi", "Pelaksanaan Kegiatan Triwulan", None, None, None,
           "Pagu Anggaran", "Pelaksana Tingkat Pejabat Eselon IV"]


# -- building workbooks ----------------------------------------------------------

def write_rak(path, sheets, extra_sheet=None):
    """Write a workbook with one RAK table per sheet.

    ``sheets``: ``{sheet name: [goal, ...]}``, a goal being ``{"no", "sasaran",
    "pelaksana": [one per activity], "budgets": [(first, last, amount), ...]}``
    with each budget merged over activities ``first..last`` of its goal.
    """
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    if extra_sheet:
        wb.add_worksheet(extra_sheet).write_string(0, 0, "Petunjuk pengisian: isi kolom sesuai format.")
    for name, goals in sheets.items():
        ws = wb.add_worksheet(name)
        ws.merge_range(0, 0, 0, 11, "RENCANA AKSI KINERJA TAHUN 2021")
        ws.merge_range(1, 0, 1, 11, "KOMISI PEMILIHAN UMUM PROVINSI BANTEN")
        for c, text in enumerate(HEADERS):
            if c == 6:
                ws.merge_range(3, 6, 3, 9, text)
            elif text:
                ws.merge_range(3, c, 4, c, text)
        for i, roman in enumerate(["I", "II", "III", "IV"]):
            ws.write_string(4, 6 + i, roman)
        r = 5
        for g in goals:
            n = len(g["pelaksana"])
            if n > 1:
                ws.merge_range(r, 0, r + n - 1, 0, g["no"])
                ws.merge_range(r, 1, r + n - 1, 1, g["sasaran"])
            else:
                ws.write_string(r, 0, g["no"])
                ws.write_string(r, 1, g["sasaran"])
            ws.write_string(r, 2, f"Indikator {g['no']}")
            ws.write_string(r, 3, "100%")
            for k, pelaksana in enumerate(g["pelaksana"]):
                ws.write_string(r + k, 4, f"Kegiatan {g['no']}.{k + 1}")
                ws.write_string(r + k, 11, pelaksana)
            for first, last, amount in g["budgets"]:
                if last > first:
                    ws.merge_range(r + first, 10, r + last, 10, None)
                ws.write_number(r + first, 10, amount)
            r += n
    wb.close()


def unit_goals(i):
    """Three goals of workbook ``i``: merged, unmerged and (every fifth file) no budget."""
    a, b, c = (UNITS[(i + k) % len(UNITS)] for k in range(3))
    return [
        {"no": "1", "sasaran": f"Sasaran satu {i}", "pelaksana": [a, a],
         "budgets": [(0, 1, (i + 1) * 1_000_000)]},
        {"no": "2", "sasaran": f"Sasaran dua {i}", "pelaksana": [b, b, b],
         "budgets": [(0, 0, (i + 2) * 100_000), (1, 2, 250_000 + i)]},
        {"no": "3", "sasaran": f"Sasaran tiga {i}", "pelaksana": [c, c],
         "budgets": [] if i % 5 == 0 else [(0, 1, (i + 1) * 3_000_000)]},
    ]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """50 workbooks: 48 RAK (4 units, nested folders, one with two RAK sheets and an
    instructions sheet, one .xlsm), a damaged one and a non-RAK one; plus a lock file
    and a text file that must be ignored. Returns (folder, specs) where specs maps
    each readable file to its {sheet: goals}."""
    root = tmp_path_factory.mktemp("kiriman")
    specs = {}
    for i in range(48):
        sub = root / f"unit{i % 4}" / (f"tw{i % 2}" if i % 3 == 0 else "")
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / (f"RAK_{i:02d}.xlsm" if i == 10 else f"RAK_{i:02d}.xlsx")
        sheets = {"RAK": unit_goals(i)}
        if i == 7:
            sheets["RAK Tambahan"] = [{"no": "1", "sasaran": "Sasaran tambahan", "pelaksana": [UNITS[0]],
                                       "budgets": [(0, 0, 777_000)]}]
        write_rak(path, sheets, extra_sheet="Petunjuk" if i == 7 else None)
        specs[str(path)] = sheets
    good = next(iter(specs))
    (root / "unit1" / "rusak.xlsx").write_bytes(open(good, "rb").read()[:300])
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(root / "daftar_hadir.xlsx"))
    ws = wb.add_worksheet("Hadir")
    for r, row in enumerate([["Nama", "Jabatan"], ["Ani", "Staf"], ["Budi", "Kasubbag"]]):
        ws.write_row(r, 0, row)
    wb.close()
    (root / "unit0" / "~$RAK_00.xlsx").write_bytes(b"\x00lock")
    (root / "catatan.txt").write_text("bukan workbook", encoding="utf-8")
    return root, specs


def expected_by(specs, key):
    """Pagu and budget-line counts per ``key`` (pelaksana, file or (file, no)) from the specs."""
    out = defaultdict(lambda: [0, 0])
    for path, sheets in specs.items():
        for goals in sheets.values():
            for g in goals:
                for first, _last, amount in g["budgets"]:
                    k = {"pelaksana": g["pelaksana"][first], "file": path, "file,no": (path, g["no"])}[key]
                    out[k][0] += amount
                    out[k][1] += 1
                if not g["budgets"] and key == "file,no":
                    out[(path, g["no"])]  # a goal without budget: listed at 0
    return {k: tuple(v) for k, v in out.items()}


# -- the sample ------------------------------------------------------------------

def test_sample_by_pelaksana(sample):
    table = rakxl.budget_totals([sample])
    assert list(table.columns) == ["pelaksana", "pagu", "budget_lines"]
    assert dict(zip(table["pelaksana"], table["pagu"].astype(int))) == BY_PELAKSANA
    assert table["pelaksana"].tolist() == sorted(BY_PELAKSANA)
    assert int(table["pagu"].sum()) == 3_051_446_000
    assert int(table["budget_lines"].sum()) == 29


def test_sample_by_no_lists_every_goal(sample):
    table = rakxl.budget_totals(sample, by=("no",))
    assert table["no"].tolist() == [str(n) for n in range(1, 30)]
    zero = table[table["pagu"] == 0]
    assert zero["no"].tolist() == ["13", "20", "23", "25"]
    assert zero["budget_lines"].tolist() == [0, 0, 0, 0]
    assert dict(zip(table["no"], table["pagu"]))["17"] == 191_955_000 + 886_388_000 + 81_348_000


def test_cli_sample_by_pelaksana(sample_path):
    res = run("totals", sample_path, "--by", "pelaksana")
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert lines[-1].split() == ["JUMLAH", "Rp", "3.051.446.000", "29"]
    assert "Subbag Umum dan Logistik  Rp 2.633.827.000" in res.stdout
    assert len(lines) == 2 + 7 + 2
    data = json.loads(run("totals", sample_path, "--json").stdout)
    assert {d["pelaksana"]: d["pagu"] for d in data} == BY_PELAKSANA


def test_cli_sample_by_no(sample_path):
    res = run("totals", sample_path, "--by", "no", "--json")
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert [d["no"] for d in data] == [str(n) for n in range(1, 30)]
    assert [d["no"] for d in data if d["pagu"] == 0] == ["13", "20", "23", "25"]
    assert all(isinstance(d["pagu"], int) for d in data)
    table = run("totals", sample_path, "--by", "no").stdout.splitlines()
    assert len(table) == 2 + 29 + 2
    assert table[2 + 12].split() == ["13", "Rp", "0", "0"]


def test_by_is_checked():
    with pytest.raises(ValueError, match="'pagu'"):
        rakxl.budget_totals([], by=("pagu",))
    res = run("totals", ".", "--by", "pagu")
    assert res.exit_code == 2 and "--by" in res.stderr


def test_by_unit_and_case_insensitive(sample_path):
    """README promises totals per unit: --by unit groups by the unit the title names;
    keys are taken in any case (--by Pelaksana)."""
    res = run("totals", sample_path, "--by", "Unit,PELAKSANA", "--json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert {r["unit"] for r in rows} == {"SEKRETARIS"}
    assert sum(r["pagu"] for r in rows) == 3_051_446_000
    assert list(rows[0]) == ["unit", "pelaksana", "pagu", "budget_lines"]


# -- many workbooks ----------------------------------------------------------------

def test_find_workbooks_skips_locks_and_other_files(folder):
    root, specs = folder
    found = {str(p) for p in find_workbooks([root, root / "unit0"])}
    assert found == set(specs) | {str(root / "unit1" / "rusak.xlsx"), str(root / "daftar_hadir.xlsx")}
    assert len(find_workbooks([root])) == 50


def test_read_many_totals_match_the_built_figures(folder):
    root, specs = folder
    result = read_many([root], jobs=1)
    assert sorted(f.path for f in result.failures) == sorted(
        [str(root / "daftar_hadir.xlsx"), str(root / "unit1" / "rusak.xlsx")])
    assert len(result.raks) == 48 + 1
    by_pelaksana = rakxl.budget_totals(result.raks, by="pelaksana")
    got = {p: (int(v), int(n)) for p, v, n in by_pelaksana.itertuples(index=False)}
    assert got == expected_by(specs, "pelaksana")
    by_file = rakxl.budget_totals(result.raks, by=("file",))
    assert {f: (int(v), int(n)) for f, v, n in by_file.itertuples(index=False)} == expected_by(specs, "file")
    by_goal = rakxl.budget_totals(result.raks, by=("file", "no"))
    got = {(f, no): (int(v), int(n)) for f, no, v, n in by_goal.itertuples(index=False)}
    exp = expected_by(specs, "file,no")
    assert got == exp
    assert sum(1 for v in got.values() if v == (0, 0)) == 10  # files 0, 5, ... 45: goal 3


def test_parallel_reading_gives_the_same_result(folder):
    root, specs = folder
    result = read_many([root], jobs=2)
    seq = read_many([root], jobs=1)
    assert [(r.path, r.sheet, r.total_pagu) for r in result.raks] == [
        (r.path, r.sheet, r.total_pagu) for r in seq.raks]
    assert [f.path for f in result.failures] == [f.path for f in seq.failures]


def test_spawned_workers_as_on_windows(folder):
    """Windows starts worker processes with 'spawn': the worker must be importable."""
    root, specs = folder
    files = sorted(specs)[:4]
    result = read_many(files, jobs=2, start_method="spawn", check=True)
    assert [r.total_pagu for r in result.raks] == [sum(a for g in specs[f]["RAK"] for *_, a in g["budgets"])
                                                   for f in files]
    assert len(result.findings) == 4


def test_cli_folder_lists_unreadable_files_and_exits_1(folder, tmp_path):
    root, specs = folder
    res = run("totals", root, "--by", "file", "--json")
    assert res.exit_code == 1
    data = json.loads(res.stdout)
    assert {d["file"]: (d["pagu"], d["budget_lines"]) for d in data} == expected_by(specs, "file")
    err = res.stderr.splitlines()
    assert err[0] == "Tidak terbaca (2 file):" and len(err) == 3
    listed = dict(line.strip().split(": ", 1) for line in err[1:])
    assert set(listed) == {str(root / "daftar_hadir.xlsx"), str(root / "unit1" / "rusak.xlsx")}
    assert listed[str(root / "daftar_hadir.xlsx")].startswith("bukan tabel RAK")
    assert listed[str(root / "unit1" / "rusak.xlsx")].startswith("file zip rusak atau terpotong")
    assert "~$" not in res.stderr and "\r" not in res.stderr  # no lock file, no progress bar off a terminal


def test_cli_subprocess_with_process_pool(folder):
    root, specs = folder
    proc = subprocess.run([sys.executable, "-m", "rakxl.cli", "totals", str(root), "--jobs", "2", "--json"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1, proc.stderr
    exp = expected_by(specs, "pelaksana")
    assert {d["pelaksana"]: (d["pagu"], d["budget_lines"]) for d in json.loads(proc.stdout)} == exp
    assert "Traceback" not in proc.stderr and "rusak.xlsx" in proc.stderr


def test_xlsx_output(folder, tmp_path):
    import openpyxl

    root, specs = folder
    out = tmp_path / "total.xlsx"
    res = run("totals", root, "--by", "pelaksana", "-o", out)
    assert res.exit_code == 1 and res.stdout == ""
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Total", "Sumber", "Peringatan"]
    ws = wb["Total"]
    rows = list(ws.iter_rows(values_only=True))
    head = rows.index(("Pelaksana", "Pagu", "Baris Pagu"))
    assert rows[0][0] == "Jumlah Pagu Anggaran"
    exp = expected_by(specs, "pelaksana")
    first, last = head + 2, head + 1 + len(exp)
    assert {p: (v, n) for p, v, n in rows[head + 1:-1]} == exp
    # SUBTOTAL(109): the total follows the autofilter
    assert rows[-1] == ("JUMLAH", f"=SUBTOTAL(109,B{first}:B{last})", f"=SUBTOTAL(109,C{first}:C{last})")
    assert ws.auto_filter.ref == f"A{head + 1}:C{last}"
    assert all(ws.cell(r, 2).number_format == RUPIAH_FORMAT for r in range(first, last + 2))
    assert all(isinstance(v, int) for _, v, _ in rows[head + 1:-1])

    sumber = list(wb["Sumber"].iter_rows(values_only=True))
    assert sumber[0][:2] == ("File", "Sheet") and sumber[-1][0] == "JUMLAH"
    read = {(r[0], r[1]): r[5] for r in sumber[1:-1] if r[7] == "dibaca"}
    assert read == {(f, s): sum(a for g in goals for *_, a in g["budgets"])
                    for f, sheets in specs.items() for s, goals in sheets.items()}
    assert all(isinstance(r[6], int) for r in sumber[1:-1] if r[7] == "dibaca")
    failed = {r[0]: r[7] for r in sumber[1:-1] if r[7] != "dibaca"}
    assert set(failed) == {str(root / "daftar_hadir.xlsx"), str(root / "unit1" / "rusak.xlsx")}
    assert all(v.startswith("tidak terbaca: ") for v in failed.values())
    n = len(sumber) - 1
    assert sumber[-1][5] == f"=SUBTOTAL(109,F2:F{n})"
    assert sum(r[5] for r in sumber[1:-1] if r[5] is not None) == sum(v for v, _ in exp.values())

    warnings = list(wb["Peringatan"].iter_rows(values_only=True))
    assert warnings[0] == ("File", "Sheet", "Sel", "No", "Kode", "Tingkat", "Pesan")
    assert {r[4] for r in warnings[1:]} <= set(TOTALS_FINDING_CODES)
    missing = sorted((r[0], r[3]) for r in warnings[1:] if r[4] == "missing-budget")
    assert missing == sorted((f, "3") for f, sheets in specs.items() if not sheets["RAK"][2]["budgets"])


def test_xlsx_output_lists_pelaksana_variants_and_duplicates(tmp_path):
    path = tmp_path / "RAK_ganda.xlsx"
    write_rak(path, {"RAK": [
        {"no": "1", "sasaran": "Dukungan logistik", "pelaksana": ["Subbag Umum dan Logistik"] * 2,
         "budgets": [(0, 1, 29_295_000)]},
        {"no": "2", "sasaran": "Dukungan logistik", "pelaksana": ["Subbag Logistik"] * 2,
         "budgets": [(0, 1, 29_295_000)]},
    ]})
    out = tmp_path / "total.xlsx"
    assert run("totals", path, "-o", out).exit_code == 0
    import openpyxl

    rows = list(openpyxl.load_workbook(out)["Peringatan"].iter_rows(values_only=True))[1:]
    codes = {(r[4], r[3]) for r in rows}
    assert ("duplicate-budget", "2") in codes
    assert any(code == "pelaksana-variant" for code, _ in codes)


def test_csv_output_escapes_formulas(tmp_path):
    path = tmp_path / "RAK_rumus.xlsx"
    sasaran = ["=SUM(A1:A9)", "+62 812 3456", "-Menurunnya keluhan", "@HYPERLINK(x)", "Sasaran biasa"]
    write_rak(path, {"RAK": [{"no": str(k + 1), "sasaran": s, "pelaksana": ["Subbag Hukum"],
                              "budgets": [(0, 0, (k + 1) * 1_500_000)]} for k, s in enumerate(sasaran)]})
    out = tmp_path / "total.csv"
    res = run("totals", path, "--by", "no,sasaran", "-o", out)
    assert res.exit_code == 0, res.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["no", "sasaran", "pagu", "budget_lines"]
    assert rows[1:] == [
        ["1", "'=SUM(A1:A9)", "1500000", "1"],
        ["2", "'+62 812 3456", "3000000", "1"],
        ["3", "'-Menurunnya keluhan", "4500000", "1"],
        ["4", "'@HYPERLINK(x)", "6000000", "1"],
        ["5", "Sasaran biasa", "7500000", "1"],
    ]


def test_json_file_output(sample_path, tmp_path):
    out = tmp_path / "total.json"
    assert run("totals", sample_path, "--by", "sheet", "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == [
        {"sheet": "RAK Sekretaris", "pagu": 3_051_446_000, "budget_lines": 29}]


def test_outputs_refused(sample_path, tmp_path):
    res = run("totals", sample_path, "-o", tmp_path / "total.txt")
    assert res.exit_code == 2 and ".xlsx, .csv atau .json" in res.stderr
    (tmp_path / "kosong").mkdir()
    res = run("totals", tmp_path / "kosong")
    assert res.exit_code == 2 and "tidak ada workbook" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_output_never_overwrites_an_input(tmp_path, sample_path):
    import shutil

    copy = tmp_path / "RAK.xlsx"
    shutil.copy(sample_path, copy)
    before = copy.read_bytes()
    res = run("totals", tmp_path, "-o", copy)
    assert res.exit_code == 2 and "sama dengan file masukan" in res.stderr
    assert copy.read_bytes() == before


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_is_clicks_on_a_terminal_only(monkeypatch):
    """click.progressbar draws on stderr when it is a terminal; never with --quiet or into a pipe."""
    from rakxl.cli import options as cli_module

    term = _Terminal()
    monkeypatch.setattr(cli_module.sys, "stderr", term)
    with cli_module.progress_bar(False, "id") as progress:
        for done in range(1, 31):
            progress(done, 30)
    assert "Membaca" in term.getvalue() and "30/30" in term.getvalue()
    with cli_module.progress_bar(True, "id") as progress:
        assert progress is None
    monkeypatch.setattr(cli_module.sys, "stderr", io.StringIO())
    with cli_module.progress_bar(False, "en") as progress:
        assert progress is None


def _crash_worker(task):
    """Stands for a worker killed by the system while reading one file."""
    import os

    if task[0].endswith("RAK_03.xlsx"):
        os._exit(1)
    return _real_read_one(task)


def _raising_worker(task):
    """Stands for a bug in rakxl that raises while reading one file."""
    if task[0].endswith("RAK_02.xlsx"):
        raise ZeroDivisionError("boom")
    return _real_read_one(task)


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_an_unexpected_error_lists_the_file_in_both_languages(folder, monkeypatch):
    root, specs = folder
    import rakxl.totals as totals

    monkeypatch.setattr(totals, "_read_one", _raising_worker)
    files = [f for f in specs if f.endswith(tuple(f"RAK_{i:02d}.xlsx" for i in range(4)))]
    result = read_many(files, jobs=1, start_method="fork")
    assert [f.path for f in result.failures] == [f for f in files if f.endswith("RAK_02.xlsx")]
    reason = result.failures[0].reason
    assert reason == "kesalahan tak terduga di rakxl (ZeroDivisionError: boom)"
    assert reason.en == "unexpected error in rakxl (ZeroDivisionError: boom)"
    assert len(result.raks) == 3


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_a_dead_worker_never_drops_files_silently(folder, monkeypatch):
    root, specs = folder
    import rakxl.totals as totals

    monkeypatch.setattr(totals, "_read_one", _crash_worker)
    files = [f for f in specs if f.endswith(tuple(f"RAK_{i:02d}.xlsx" for i in range(8)))]
    assert len(files) == 8
    result = read_many(files, jobs=2, start_method="fork")
    # the dead worker's file is listed; every other file is still read (issue 14)
    assert [f.path for f in result.failures] == [f for f in files if f.endswith("RAK_03.xlsx")]
    assert "berhenti mendadak" in result.failures[0].reason and "kode keluar 1" in result.failures[0].reason
    # the same reason in English (--lang en), worker's exit code included
    assert "stopped suddenly" in result.failures[0].reason.en and "exit code 1" in result.failures[0].reason.en
    assert {r.path for r in result.raks} == {f for f in files if not f.endswith("RAK_03.xlsx")}


def test_output_inside_the_input_folder_is_not_read_next_time(sample_path, tmp_path):
    """rakxl totals kiriman/ -o kiriman/total.xlsx, run twice: the second run does not
    read the first run's output as a RAK (nor refuse to replace it)."""
    import shutil

    folder = tmp_path / "kiriman"
    folder.mkdir()
    shutil.copy(sample_path, folder / "RAK_2021.xlsx")
    out = folder / "total.xlsx"
    for _ in range(2):
        res = CliRunner().invoke(cli, ["totals", str(folder), "-o", str(out), "--quiet"])
        assert res.exit_code == 0, res.output
    assert out.exists()
