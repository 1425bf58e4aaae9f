"""Frames on demand: the commands that need no DataFrame never import pandas.

Each command runs as ``rakxl`` does (:func:`rakxl.cli.main`) in a fresh process; when
it ends, a small runner writes the names in ``sys.modules`` to a file, and the test
reads them (an import assertion, never a timing). ``export --to csv`` does need pandas:
it proves the check sees pandas when it is there.
"""
import json
import os
import shutil
import subprocess
import sys

import openpyxl
import pytest

RUNNER = r"""
import json, sys
out, args = sys.argv[1], sys.argv[2:]
from rakxl.cli import main
code = 0
try:
    main(args)
except SystemExit as exc:
    code = exc.code
with open(out, "w", encoding="utf-8") as fh:
    json.dump({"code": code, "modules": sorted(sys.modules)}, fh)
"""


def imported_modules(args, cwd) -> tuple[subprocess.CompletedProcess, set[str]]:
    report = cwd / "modules.json"
    proc = subprocess.run([sys.executable, "-c", RUNNER, str(report), *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=120)
    data = json.loads(report.read_text(encoding="utf-8"))
    proc.returncode = data["code"]
    modules = set(data["modules"])
    assert "rakxl.cli" in modules  # the listing itself worked
    return proc, modules


def uses_pandas(modules) -> bool:
    return any(m == "pandas" or m.startswith("pandas.") for m in modules)


@pytest.fixture(scope="module")
def revised(sample_path, tmp_path_factory):
    """A copy of the sample with one Pagu changed (for diff)."""
    folder = tmp_path_factory.mktemp("no_pandas")
    old = folder / "lama.xlsx"
    shutil.copyfile(sample_path, old)
    wb = openpyxl.load_workbook(sample_path)
    wb.worksheets[0]["K8"] = 30_000_000
    new = folder / "baru.xlsx"
    wb.save(new)
    return old, new


def test_check_does_not_import_pandas(sample_path, tmp_path):
    proc, modules = imported_modules(["check", sample_path], tmp_path)
    assert proc.returncode == 1, proc.stderr[-2000:]       # the sample's four goals without Pagu
    assert "11 temuan: 4 kesalahan, 5 peringatan, 2 info" in proc.stdout
    assert "rakxl.checker" in modules and "rakxl.reader" in modules
    assert not uses_pandas(modules)


@pytest.mark.parametrize("command", ["show", "show-json", "check-json", "totals", "totals-json", "format",
                                     "diff", "diff-json"])
def test_commands_without_frames(command, sample_path, revised, tmp_path):
    old, new = revised
    args = {
        "show": ["show", sample_path],
        "show-json": ["show", sample_path, "--json"],
        "check-json": ["check", sample_path, "--json"],
        "totals": ["totals", sample_path],
        "totals-json": ["totals", sample_path, "--json", "--by", "no,pelaksana"],
        "format": ["format", sample_path, "-o", tmp_path / "rapi.xlsx"],
        "diff": ["diff", old, new],
        "diff-json": ["diff", old, new, "--json"],
    }[command]
    proc, modules = imported_modules(args, tmp_path)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    assert proc.stdout.strip() if command != "format" else (tmp_path / "rapi.xlsx").stat().st_size > 0
    assert not uses_pandas(modules)


def test_export_csv_does_import_pandas(sample_path, tmp_path):
    proc, modules = imported_modules(["export", sample_path, "--to", "csv"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("goal,no,sasaran,")
    assert uses_pandas(modules)


@pytest.fixture(scope="module")
def monev_folder(sample_path, tmp_path_factory):
    """The sample's monev workbook (made by ``rakxl monev``, checked to import no pandas),
    filled as staff fill it, in a folder with a plain RAK beside it (for rekap)."""
    from tests.monitoring.helpers import fill

    folder = tmp_path_factory.mktemp("no_pandas_monev")
    blank = folder / "Monev_blank.xlsx"
    proc, modules = imported_modules(["monev", sample_path, "-o", blank], folder)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert not uses_pandas(modules)
    sheet = "RAK Sekretaris"
    kiriman = folder / "kiriman"
    kiriman.mkdir()
    # goal 3's indicator (95 %) at O12 for TW I; the first budget line's TW I spending at V8
    fill(blank, kiriman / "Monev_isi.xlsx", {(sheet, "O12"): 76, (sheet, "V8"): 10_000_000})
    rak = kiriman / "RAK_lama.xlsx"          # the unit's plain RAK sent earlier: read, superseded
    shutil.copyfile(sample_path, rak)
    os.utime(rak, (1_600_000_000, 1_600_000_000))
    return kiriman


@pytest.mark.parametrize("command", ["monev-from", "capaian", "capaian-json", "capaian-tw-json", "capaian-json-file",
                                     "capaian-xlsx", "check-tw", "rekap", "rekap-json", "rekap-annual-json", "rekap-jobs-1"])
def test_monitoring_commands_without_frames(command, monev_folder, sample_path, tmp_path):
    filled = monev_folder / "Monev_isi.xlsx"
    args = {
        "monev-from": ["monev", sample_path, "--from", filled, "-o", tmp_path / "Monev_baru.xlsx"],
        "capaian": ["capaian", filled],
        "capaian-json": ["capaian", filled, "--json"],
        "capaian-tw-json": ["capaian", filled, "--tw", "1", "--json"],
        "capaian-json-file": ["capaian", filled, "-o", tmp_path / "capaian.json"],
        "capaian-xlsx": ["capaian", filled, "-o", tmp_path / "capaian.xlsx"],
        "check-tw": ["check", filled, "--tw", "2"],
        "rekap": ["rekap", monev_folder, "--tw", "1"],
        "rekap-json": ["rekap", monev_folder, "--tw", "1", "--json"],
        "rekap-annual-json": ["rekap", monev_folder, "--tw", "1", "--tahunan", "--json"],
        "rekap-jobs-1": ["rekap", monev_folder, "--tw", "1", "-j", "1", "--json"],
    }[command]
    proc, modules = imported_modules(args, tmp_path)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    if command.startswith("capaian-json") or command in ("capaian-tw-json", "rekap-json", "rekap-jobs-1"):
        data = json.loads(proc.stdout) if command != "capaian-json-file" else \
            json.loads((tmp_path / "capaian.json").read_text(encoding="utf-8"))
        if command.startswith("capaian"):
            goal3 = [r for r in data["indicators"] if r["no"] == "3"][0]
            assert (goal3["realisasi_tw1"], goal3["capaian_tw1"]) == (76.0, 80.0)      # 76 / 95 x 100
        else:
            assert [(s["older"], s["newer"]) for s in data["superseded"]] == \
                [(str(monev_folder / "RAK_lama.xlsx"), str(filled))]
            assert data["units"][-1]["realisasi"] == 10_000_000.0
    elif command == "capaian-xlsx":
        assert (tmp_path / "capaian.xlsx").stat().st_size > 0
    elif command == "monev-from":
        assert (tmp_path / "Monev_baru.xlsx").stat().st_size > 0
        assert "tidak terpetakan" in proc.stderr
    else:
        assert proc.stdout.strip()
    assert not uses_pandas(modules)


def test_capaian_to_csv_does_import_pandas(monev_folder, tmp_path):
    """The check above sees pandas where an option needs it (the CSV of capaian)."""
    proc, modules = imported_modules(["capaian", monev_folder / "Monev_isi.xlsx", "-o", tmp_path / "c.csv"], tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (tmp_path / "c.csv").read_bytes().startswith(b"\xef\xbb\xbflevel,sheet,")
    assert uses_pandas(modules)
