"""The command line, through click's CliRunner and as a real process."""
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from rakxl.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_show(sample_path):
    res = run("show", sample_path)
    assert res.exit_code == 0
    assert "Rp 3.051.446.000" in res.output
    assert "28 Januari 2021" in res.output
    assert "Sasaran tanpa Pagu: 13, 20, 23, 25" in res.output


def test_show_english_json(sample_path):
    res = run("show", sample_path, "--json")
    data = json.loads(res.output)
    assert (data["goals"], data["activities"], data["total_pagu"]) == (29, 68, 3_051_446_000)
    assert data["signed_on"] == "2021-01-28"
    assert "Total Pagu" in run("show", sample_path, "--lang", "en").output


def test_export_csv(sample_path, tmp_path):
    out = tmp_path / "kegiatan.csv"
    res = run("export", sample_path, "--to", "csv", "-o", out)
    assert res.exit_code == 0, res.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    import pandas as pd

    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert len(frame) == 68


def test_export_json_budgets(sample_path, tmp_path):
    out = tmp_path / "rak.json"
    assert run("export", sample_path, "--to", "json", "-o", out).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sum(b["pagu"] for b in data["budgets"]) == 3_051_446_000
    assert len(data["activities"]) == 68


def test_export_refuses_to_overwrite_input(sample_path, tmp_path):
    import shutil

    copy = tmp_path / "RAK.xlsx"
    shutil.copy(sample_path, copy)
    before = copy.read_bytes()
    res = run("export", copy, "--to", "csv", "-o", copy)
    assert res.exit_code == 2
    assert "sama dengan file masukan" in res.output
    assert copy.read_bytes() == before


def test_unreadable_file_one_line_exit_2(tmp_path):
    bad = tmp_path / "laporan.xlsx"
    bad.write_text("No,Kegiatan\n1,Rapat\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "rakxl.cli", "show", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "laporan.xlsx" in lines[0] and "simpan ulang sebagai .xlsx" in lines[0]


def test_version():
    res = run("--version")
    assert res.exit_code == 0 and "rakxl" in res.output


@pytest.mark.parametrize("args", [
    ["export", "{sample}", "--to", "csv", "-o", "{dir}"],
    ["format", "{sample}", "-o", "{dir}"],
    ["check", "{sample}", "--annotate", "{dir}"],
    ["totals", "{sample}", "-o", "{dir}"],
    ["diff", "{sample}", "{sample}", "-o", "{dir}"],
])
def test_output_that_is_a_folder_one_line_exit_2(args, sample_path, tmp_path):
    argv = [a.format(sample=sample_path, dir=tmp_path) for a in args]
    proc = subprocess.run([sys.executable, "-m", "rakxl.cli", *argv], capture_output=True, text=True)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(tmp_path) in lines[0] and "Traceback" not in proc.stderr
    assert list(tmp_path.iterdir()) == []


def test_console_in_a_legacy_code_page_does_not_crash(tmp_path):
    """A Windows console or pipe in cp1252/ASCII: √ and — in a workbook never crash the output."""
    import xlsxwriter

    path = tmp_path / "tanda.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("RAK")
    for c, head in enumerate(["No", "Sasaran", "Indikator Kinerja", "Target", "Nama Kegiatan/Aksi", "Target",
                              "Pagu Anggaran", "Pelaksana"]):
        ws.write_string(0, c, head)
    ws.write_row(1, 0, ["1", "Sasaran — satu", "Indikator", "√", "Rapat √", "√"])
    ws.write_number(1, 6, 1_000_000)
    ws.write_string(1, 7, "Subbag Umum")
    wb.close()
    for encoding in ("cp1252", "ascii"):
        env = {**os.environ, "PYTHONIOENCODING": encoding}
        for argv in (["show", str(path)], ["export", str(path), "--to", "json"], ["check", str(path)]):
            proc = subprocess.run([sys.executable, "-m", "rakxl.cli", *argv], capture_output=True, env=env)
            assert proc.returncode in (0, 1), (encoding, argv, proc.stderr)
            assert b"Traceback" not in proc.stderr
    out = subprocess.run([sys.executable, "-m", "rakxl.cli", "export", str(path), "--to", "json"],
                         capture_output=True, env={**os.environ, "PYTHONIOENCODING": "cp1252"}).stdout
    assert "Rapat √".encode("utf-8") in out or b"Rapat \\u221a" in out


@pytest.mark.parametrize("lang, words", [("id", "bukan salah satu dari"), ("en", "is not one of")])
def test_a_bad_choice_names_the_choices_as_documented(sample_path, tmp_path, lang, words):
    res = run("format", sample_path, "-o", tmp_path / "out.xlsx", "--paper", "A5", "--lang", lang)
    assert res.exit_code == 2
    assert f"'A5' {words} 'A4', 'F4', 'Legal'." in res.output
    res = run("export", sample_path, "--to", "XLS", "--lang", lang)
    assert f"'XLS' {words} 'csv', 'json', 'xlsx'." in res.output
    assert not (tmp_path / "out.xlsx").exists()


def test_choices_are_taken_in_any_case(sample_path, tmp_path):
    res = run("format", sample_path, "-o", tmp_path / "out.xlsx", "--paper", "legal", "--quiet")
    assert res.exit_code == 0, res.output
    res = run("export", sample_path, "--to", "CSV", "--table", "Goals", "--lang", "EN")
    assert res.exit_code == 0 and res.output.startswith("goal,no,sasaran")


def test_rekap_of_one_file_says_it_in_the_singular(sample_path, tmp_path):
    folder = tmp_path / "kiriman"
    folder.mkdir()
    assert run("monev", sample_path, "-o", folder / "Monev.xlsx", "--quiet").exit_code == 0
    res = run("rekap", folder, "--tw", "1", "--lang", "en")
    assert "1 file read, 1 unit" in res.output.splitlines()


@pytest.mark.parametrize("module", ["rakxl", "rakxl.cli"])
def test_python_dash_m_runs_the_command(sample_path, module):
    """``python -m rakxl`` and ``python -m rakxl.cli`` are the ``rakxl`` command."""
    proc = subprocess.run([sys.executable, "-m", module, "show", str(sample_path), "--json"], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["total_pagu"] == 3_051_446_000
