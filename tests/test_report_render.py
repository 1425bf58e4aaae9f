"""The totals and diff workbooks as LibreOffice prints them (issue 15, item 6).

rakxl writes them with :mod:`rakxl.report.table`; LibreOffice (headless) prints them to
PDF, and pdfinfo/pdftotext say what a person holding the paper would see: A4
landscape, every column on every page (one page wide), the header on every page,
the totals computed by LibreOffice itself (SUBTOTAL) and the unit named. Skipped
when LibreOffice or poppler is missing, like the formatted RAK's render test.
"""
import re
import shutil
import subprocess

import openpyxl
import pytest
from click.testing import CliRunner

from rakxl.cli import cli
from tests.test_writer import SOFFICE, needs_arial, needs_office, soffice_convert

TOTAL = 3_051_446_000


def _pdf(xlsx, workdir):
    soffice_convert(xlsx, "pdf", workdir, workdir / "profile")
    pdf = workdir / (xlsx.stem + ".pdf")
    assert pdf.exists(), "LibreOffice made no PDF"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return {"info": info, "pages": pages, "text": [p for p in text.split("\f") if p.strip()]}


@pytest.fixture(scope="module")
def printed(tmp_path_factory, sample_path):
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    d = tmp_path_factory.mktemp("render")
    rak = d / "RAK_2021.xlsx"
    shutil.copy(sample_path, rak)
    revised = d / "RAK_2021_revisi.xlsx"
    book = openpyxl.load_workbook(rak)
    ws = book.active
    ws["K8"] = 19_295_000           # Rp 10.000.000 moved from goal 1 to goal 2
    ws["K10"] = 33_134_000
    book.save(revised)
    totals = d / "total_pagu.xlsx"
    res = CliRunner().invoke(cli, ["totals", str(rak), "--by", "sasaran,pelaksana", "-o", str(totals), "-q"])
    assert res.exit_code == 0, res.output
    diff = d / "perubahan.xlsx"
    res = CliRunner().invoke(cli, ["diff", str(rak), str(revised), "-o", str(diff), "-q"])
    assert res.exit_code == 1, res.output
    return {"totals": _pdf(totals, d), "diff": _pdf(diff, d)}


def _a4_landscape(info):
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    return abs(float(m.group(1)) - 841.89) < 1 and abs(float(m.group(2)) - 595.28) < 1


@needs_office
def test_totals_print_a4_landscape_on_few_pages(printed):
    pdf = printed["totals"]
    assert _a4_landscape(pdf["info"])
    # the totals workbook printed on 9 portrait pages (the File column alone on page 1)
    assert pdf["pages"] <= 4, pdf["pages"]


@needs_office
@needs_arial
def test_totals_pages_hold_every_column_and_the_header(printed):
    pages = printed["totals"]["text"]
    total_pages = [p for p in pages if "Baris Pagu" in p and "Sasaran" in p]
    assert total_pages, pages[0][:500]
    for page in total_pages:      # one page wide: the first and the last column on every page
        assert "Pelaksana" in page and "Pagu" in page
    first = total_pages[0]
    assert "Jumlah Pagu Anggaran" in first and "SEKRETARIS" in first
    assert "KOMISI PEMILIHAN UMUM PROVINSI BANTEN" in first and "2021" in first
    # LibreOffice computes SUBTOTAL(109, ...): the sample's total
    text = "\n".join(pages)
    jumlah = [line for line in text.splitlines() if line.strip().startswith("JUMLAH")]
    assert any("3.051.446.000" in line or "3,051,446,000" in line for line in jumlah), jumlah
    # a long Sasaran wraps inside its column, never cut off: its last words are printed
    assert "Penyelenggaraan Pemilu/Pemilihan" in text


@needs_office
def test_diff_prints_a4_landscape(printed):
    assert _a4_landscape(printed["diff"]["info"])


@needs_office
@needs_arial
def test_diff_changes_print_with_numbers_and_ranges(printed):
    pages = printed["diff"]["text"]
    changes = [p for p in pages if "Nilai lama" in p]
    assert changes, pages[0][:500]
    for page in changes:           # every column on the page, the header on every page
        assert "Pagu lama" in page and "Selisih" in page and "Sel lama" in page
    text = "\n".join(changes)
    assert re.search(r"29[.,]295[.,]000", text) and re.search(r"19[.,]295[.,]000", text)
    assert "K8:K9" in text
    assert "Rp 29.295.000 (K8:K9)" not in text     # no more amounts glued to their range as text
