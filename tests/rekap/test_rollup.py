"""rakxl.rollup / rakxl rekap over a folder of units built by tests/rekap/units.py.

Expected figures are worked out by hand from the realisations units.py types in:

- Subbag Keuangan (newest file), TW II: indicators 90 (target 100 %), 1 + 1 lap
  (kumulatif over 4 lap -> 50 %), B (target B on the predikat scale -> 100 %);
  spending TW I 2.000.000 + 1.000.000 + 0 + 500.000, TW II 3.000.000 + 1.500.000 +
  1.000.000 + 0 = 9.000.000 of Pagu 19.000.000;
- Subbag SDM, TW II: one indicator (80) and one budget line (1.000.000);
- Subbag Umum: TW I only (spending 4.000.000), nothing in TW II;
- Subbag Hukum: a plain RAK, nothing;
- Subbag Perencanaan: no file.
"""
from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

import rakxl
from rakxl.cli import cli
from tests.rekap.units import PAGU_PER_UNIT, build


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return build(tmp_path_factory.mktemp("rekap"))


@pytest.fixture(scope="module")
def result(folder):
    return rakxl.rollup([folder], 2, jobs=1)


def test_who_reported(result, folder):
    assert result.units_with("belum") == ["Subbag Hukum", "Subbag Umum"]
    assert result.units_with("sebagian") == ["Subbag SDM"]
    assert result.units_with("lapor") == ["Subbag Keuangan"]
    assert result.missing == ["Subbag Perencanaan"]
    assert result.superseded == [("Subbag Keuangan", str(folder / "keuangan_lama.xlsx"),
                                  str(folder / "keuangan.xlsx"))]
    assert [f.path for f in result.failures] == [str(folder / "kode_rekening.xlsx")]
    assert not result.complete


def test_partly_reported_counts(result):
    sdm = next(row for row in result.completeness_rows() if row["unit"] == "Subbag SDM")
    assert (sdm["indikator_lapor"], sdm["indikator"], sdm["pagu_lapor"], sdm["baris_pagu"]) == (1, 3, 1, 4)
    hukum = next(row for row in result.completeness_rows() if row["unit"] == "Subbag Hukum")
    assert hukum["kind"] == "rak" and hukum["status"] == "belum"


def test_organisation_serapan_is_sum_of_spending_over_sum_of_pagu(result):
    org = result.unit_rows()[-1]
    assert org["unit"] is None
    spent = (2_000_000 + 1_000_000 + 0 + 500_000 + 3_000_000 + 1_500_000 + 1_000_000 + 0) + 1_000_000 + 4_000_000
    assert org["pagu"] == 4 * PAGU_PER_UNIT == 76_000_000
    assert org["realisasi"] == spent == 14_000_000
    assert math.isclose(org["serapan"], 14_000_000 / 76_000_000 * 100)


def test_unit_figures_by_hand(result):
    rows = {row["unit"]: row for row in result.unit_rows()}
    keu = rows["Subbag Keuangan"]
    assert keu["realisasi"] == 9_000_000
    assert math.isclose(keu["serapan"], 9 / 19 * 100)
    assert keu["capaian_rata"] == pytest.approx((90 + 50 + 100) / 3)
    assert (keu["capaian_terendah"], keu["indikator_terendah"]) == (50, "Jumlah laporan keuangan")
    assert keu["kategori"] == {"Sangat Baik": 1, "Baik": 1, "Cukup": 0, "Kurang": 0, "Sangat Kurang": 1}
    assert keu["sinyal"] == "capaian_jauh_di_atas_serapan"      # 80 - 47.4 > 25 points


def test_blank_is_not_reported_never_zero(result):
    rows = {row["unit"]: row for row in result.unit_rows()}
    sdm = rows["Subbag SDM"]
    assert sdm["capaian_rata"] == 80            # the two blank indicators are not 0 %
    assert sdm["realisasi"] == 1_000_000
    umum = rows["Subbag Umum"]
    assert umum["capaian_rata"] is None          # nothing in TW II: no capaian, not 0
    assert umum["realisasi"] == 4_000_000        # but TW I spending counts in the year so far
    hukum = rows["Subbag Hukum"]
    assert hukum["realisasi"] is None and hukum["serapan"] is None


def test_goals_of_the_organisation(result):
    goals = {g["sasaran"]: g for g in result.goal_rows()}
    assert list(goals) == ["Terwujudnya Dukungan Logistik", "Meningkatnya Akuntabilitas Keuangan",
                           "Meningkatnya Kapasitas SDM"]
    # goal 1 holds the 10.000.000 line of each unit: Keuangan 2+3 M, SDM 1 M, Umum 4 M
    assert goals["Terwujudnya Dukungan Logistik"]["pagu"] == 40_000_000
    assert goals["Terwujudnya Dukungan Logistik"]["realisasi"] == 10_000_000
    assert goals["Terwujudnya Dukungan Logistik"]["capaian_rata"] == pytest.approx((90 + 80) / 2)


def test_annual_table(result):
    rows = [r for r in result.annual_rows() if r["unit"] == "Subbag Keuangan"]
    assert [(r["indikator"], r["target"], r["realisasi"], r["capaian"], r["kategori"]) for r in rows] == [
        ("Persentase logistik tersedia tepat waktu", "100 %", 90, 90, "Baik"),
        ("Jumlah laporan keuangan", "4 lap", 2, 50, "Sangat Kurang"),
        ("Nilai reformasi birokrasi", "B", "B", 100, "Sangat Baik"),
    ]
    umum = [r for r in result.annual_rows() if r["unit"] == "Subbag Umum"]
    assert [r["capaian"] for r in umum] == [100, 25, 100]     # the year so far stands on TW I


def test_quarter_one_view(folder):
    r = rakxl.rollup([folder], 1, jobs=1)
    assert r.units_with("lapor") == ["Subbag Keuangan"]
    assert r.units_with("sebagian") == ["Subbag Umum"]          # every indicator, one budget line of four
    assert r.units_with("belum") == ["Subbag Hukum", "Subbag SDM"]


def test_parallel_reads_the_same(folder, result):
    r = rakxl.rollup([folder], 2, jobs=2, start_method="spawn")
    assert r.completeness_rows() == result.completeness_rows()
    assert r.unit_rows() == result.unit_rows()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork to carry the monkeypatch into workers")
def test_a_worker_that_dies_costs_only_its_file(folder, monkeypatch):
    import rakxl.rekap as R

    real = R.read_unit_file

    def dying(path, *args, **kwargs):
        if str(path).endswith("sdm.xlsx"):
            os._exit(134)               # as a native crash ends a worker
        return real(path, *args, **kwargs)

    monkeypatch.setattr(R, "read_unit_file", dying)
    r = rakxl.rollup([folder], 2, jobs=2, start_method="fork")
    assert [f.path for f in r.failures] == [str(folder / "kode_rekening.xlsx"), str(folder / "sdm.xlsx")]
    assert "berhenti mendadak" in r.failures[1].reason
    assert r.units_with("lapor") == ["Subbag Keuangan"]
    assert r.units_with("belum") == ["Subbag Hukum", "Subbag Umum"]


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_cli_names_who_did_not_report_and_exits_1(folder):
    res = run("rekap", str(folder), "--tw", "2")
    assert res.exit_code == 1
    out = res.output
    assert "Belum lapor (2): Subbag Hukum; Subbag Umum" in out
    assert "Lapor sebagian (1): Subbag SDM (1/3 indikator, 1/4 baris Pagu)" in out
    assert "Tidak mengirim file (1): Subbag Perencanaan" in out
    assert "keuangan.xlsx dipakai (terbaru), keuangan_lama.xlsx diabaikan" in out
    assert "Rp 76.000.000" in out and "Rp 14.000.000" in out and "18,42" in out


def test_cli_exit_0_when_everyone_reported(folder, tmp_path):
    shutil.copy(folder / "keuangan.xlsx", tmp_path / "keuangan.xlsx")
    res = run("rekap", str(tmp_path), "--tw", "2", "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["reported"] == ["Sub Bagian Keuangan"]      # no rakxl.toml here: the name as written
    assert data["complete"] is True


def test_cli_json_and_annual(folder):
    data = json.loads(run("rekap", str(folder), "--tw", "2", "--json").stdout)
    assert data["not_reported"] == ["Subbag Hukum", "Subbag Umum"]
    assert data["missing"] == ["Subbag Perencanaan"]
    annual = json.loads(run("rekap", str(folder), "--tw", "2", "--tahunan", "--json").stdout)["annual"]
    assert len(annual) == 12 and {r["unit"] for r in annual} == {"Subbag Hukum", "Subbag Keuangan", "Subbag SDM",
                                                                 "Subbag Umum"}


def test_unreadable_files_said_in_the_language_asked(folder, tmp_path):
    """--lang en says why a file was not counted in English, on screen, in --json and in
    the -o workbook and JSON (Bahasa Indonesia by default)."""
    by_lang = {}
    for lang in ("id", "en"):
        data = json.loads(run("rekap", str(folder), "--tw", "2", "--json", "--lang", lang).stdout)
        (reason,) = [f["reason"] for f in data["failures"] if f["path"].endswith("kode_rekening.xlsx")]
        by_lang[lang] = reason
        out = tmp_path / f"rekap_{lang}.json"
        run("rekap", str(folder), "--tw", "2", "-o", str(out), "--lang", lang)
        written = json.loads(out.read_text(encoding="utf-8"))
        assert [f["reason"] for f in written["failures"]] == [reason]
        book = tmp_path / f"rekap_{lang}.xlsx"
        run("rekap", str(folder), "--tw", "2", "-o", str(book), "--lang", lang)
        cells = [c.value for ws in openpyxl.load_workbook(book).worksheets for row in ws.iter_rows() for c in row]
        assert reason in cells
    assert by_lang["id"].startswith("bukan tabel RAK") and "tidak ada baris judul kolom" in by_lang["id"]
    assert by_lang["en"].startswith("not a RAK table") and "no known header row" in by_lang["en"]


def test_bad_rekap_setting_is_one_line(folder, tmp_path):
    cfg = tmp_path / "rakxl.toml"
    cfg.write_text("[rekap]\nselisih = -3\n", encoding="utf-8")
    res = run("rekap", str(folder), "--tw", "2", "--config", str(cfg))
    assert res.exit_code == 2
    assert "rekap.selisih" in res.output and "Traceback" not in res.output


@pytest.fixture(scope="module")
def workbook(folder, tmp_path_factory, result):
    out = tmp_path_factory.mktemp("out") / "rekap_tw2.xlsx"
    rakxl.write_rollup(result, out)
    return out


def test_workbook_sheets_charts_and_colours(workbook):
    import openpyxl

    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == ["Ringkasan", "Grafik", "Kelengkapan", "Per Sasaran", "Tahunan", "Tidak Terbaca",
                               "Subbag Hukum", "Subbag Keuangan", "Subbag SDM", "Subbag Umum"]
    summary = book["Ringkasan"]
    assert summary.conditional_formatting            # capaian and serapan coloured by the thresholds
    assert summary.page_setup.paperSize == 9 and summary.page_setup.orientation == "landscape"
    units = [summary.cell(r, 1).value for r in range(6, 11)]
    assert units == ["Subbag Hukum", "Subbag Keuangan", "Subbag SDM", "Subbag Umum", "ORGANISASI"]
    with zipfile.ZipFile(workbook) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 3
        xml = zf.read(charts[0]).decode()
        assert "Ringkasan" in xml                      # the chart reads the summary's cells
    below = book["Subbag Keuangan"]
    assert [below.cell(r, 2).value for r in range(5, 7)] == ["Persentase logistik tersedia tepat waktu",
                                                             "Jumlah laporan keuangan"]


def test_rekap_output_is_marked_and_skipped(folder, workbook, tmp_path):
    shutil.copytree(folder, tmp_path / "k")
    shutil.copy(workbook, tmp_path / "k" / "rekap_lama.xlsx")
    r = rakxl.rollup([tmp_path / "k"], 2, jobs=1)
    assert [os.path.basename(s.path) for s in r.skipped] == ["rekap_lama.xlsx"]
    assert r.units_with("lapor") == ["Subbag Keuangan"]
    from rakxl.marker import is_rakxl_output

    assert is_rakxl_output(workbook) == "rekap"


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and poppler not installed")
def test_charts_render_in_libreoffice(workbook, tmp_path):
    profile = tmp_path / "profile"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(workbook)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "rekap_tw2.pdf"
    pages = []
    for k in range(1, 40):
        done = subprocess.run(["pdftotext", "-layout", "-f", str(k), "-l", str(k), str(pdf), "-"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            break
        pages.append(done.stdout)
    chart_pages = [p for p in pages if "Capaian rata-rata per unit (%)" in p or "Serapan dan capaian per unit" in p]
    assert len(chart_pages) == 2
    for page in chart_pages:       # the category axis carries the units' names
        for unit in ("Subbag Hukum", "Subbag Keuangan", "Subbag SDM", "Subbag Umum"):
            assert unit in page
    assert any("Realisasi anggaran per triwulan terhadap" in p for p in pages)
    assert "ORGANISASI" in pages[0] and "Rp 76" in pages[0]
