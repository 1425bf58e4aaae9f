"""The writer: the official layout back out, read back by rakxl and by openpyxl.

Expected values are literals from the sample (tests/test_reader.py) or from the
fixture a test builds. The checks in LibreOffice itself (PDF and CSV) are at the end;
they skip when soffice is not installed.
"""
import csv
import datetime
import re
import shutil
import subprocess
import zipfile

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import rakxl
import tests.conftest as tests_conftest
from rakxl.cli import cli
from rakxl.model import POSITION_COLUMNS, Meta, Rak
from rakxl.writer import sheet_names, write_rak
from tests.comparison.features import subset

FRAMES = ("activities", "budgets", "goals", "indicators")


def assert_same_reading(got: Rak, exp: Rak):
    """Frames and meta equal apart from where things stand in the sheet."""
    for name in FRAMES:
        a, b = getattr(exp, name), getattr(got, name)
        drop = [c for c in POSITION_COLUMNS if c in a.columns]
        pd.testing.assert_frame_equal(b.drop(columns=drop), a.drop(columns=drop), obj=name)
    assert got.meta == exp.meta
    assert got.extra_columns == exp.extra_columns


@pytest.fixture(scope="module")
def written(sample, tmp_path_factory):
    path = tmp_path_factory.mktemp("writer") / "RAK_out.xlsx"
    write_rak(sample, path)
    return path


@pytest.fixture(scope="module")
def sheet(written):
    return openpyxl.load_workbook(written)["RAK Sekretaris"]


def cell_style(path, ref, sheet=1):
    """The style index of a cell in the sheet XML (openpyxl forgets it inside merges)."""
    with zipfile.ZipFile(path) as z:
        xml = z.read(f"xl/worksheets/sheet{sheet}.xml").decode()
    return re.search(rf'<c r="{ref}"(?: s="(\d+)")?', xml).group(1)


# -- round trip ---------------------------------------------------------------------

def test_round_trip_sample(sample, written):
    back = rakxl.read_rak(written)
    assert_same_reading(back, sample)
    assert back.total_pagu == 3_051_446_000
    assert back.stated_total == 3_051_446_000       # the JUMLAH row reads back
    assert back.notes == []


def test_round_trip_signature_without_date(sample, tmp_path):
    """A signature block with no place and date: its lines, written below the JUMLAH
    row, are not read back as activities."""
    import dataclasses

    rak = dataclasses.replace(sample, meta=dataclasses.replace(sample.meta, place=None, signed_on=None))
    out = tmp_path / "tanpa_tanggal.xlsx"
    write_rak(rak, out)
    back = rakxl.read_rak(out)
    assert len(back.activities) == 68 and back.total_pagu == 3_051_446_000
    assert (back.meta.signatory_title, back.meta.signatory, back.meta.nip) == (
        "Pt. Sekretaris", "ANNISA ROSPA.P", "19710703 199903 2 007")
    assert back.meta.signed_on is None


def test_round_trip_extra_columns(sample, tmp_path):
    small = subset(sample, [1, 2, 3], Keterangan=[None, "lihat lampiran", "=HYPERLINK(\"x\")", None, "+62 21",
                                                  None])
    path = write_rak(small, tmp_path / "extra.xlsx")
    back = rakxl.read_rak(path)
    assert back.extra_columns == ["Keterangan"]
    assert back.activities["Keterangan"].tolist() == [None, "lihat lampiran", "=HYPERLINK(\"x\")", None,
                                                      "+62 21", None]
    assert_same_reading(back, small)
    ws = openpyxl.load_workbook(path).active
    assert ws["M5"].value == "Keterangan" and ws["M7"].value == "(13)"


def test_text_stays_text(sample, tmp_path):
    tricky = ['=HYPERLINK("http://example.com","klik")', "- Rapat koordinasi", "+62 812 3456", "@admin"]
    small = subset(sample, [1, 2], kegiatan=tricky, tw1=["=1+1", "0012", "1e5", None])
    path = write_rak(small, tmp_path / "text.xlsx")
    ws = openpyxl.load_workbook(path).active
    for r, text in enumerate(tricky, start=8):
        assert ws[f"E{r}"].data_type == "s" and ws[f"E{r}"].value == text
    assert [ws[f"G{r}"].value for r in range(8, 12)] == ["=1+1", "0012", "1e5", None]
    assert ws["G8"].data_type == "s"
    back = rakxl.read_rak(path)
    assert back.activities["kegiatan"].tolist() == tricky


def test_merged_text_stays_text(sample, tmp_path):
    """A merged value is written by the merge itself: text that looks like a formula or
    a link is still text there."""
    small = subset(sample, [1, 2], sasaran=["=SUM(K8:K9)"] * 2 + ["http://kpu.go.id"] * 2,
                   pelaksana=["mailto:umum@kpu.go.id"] * 2 + ["{=1+1}"] * 2)
    path = write_rak(small, tmp_path / "merged_text.xlsx")
    ws = openpyxl.load_workbook(path).active
    assert {"B8:B9", "B10:B11", "L8:L9", "L10:L11"} <= {str(r) for r in ws.merged_cells.ranges}
    for ref, text in (("B8", "=SUM(K8:K9)"), ("B10", "http://kpu.go.id"), ("L8", "mailto:umum@kpu.go.id"),
                      ("L10", "{=1+1}")):
        assert ws[ref].data_type == "s" and ws[ref].value == text and ws[ref].hyperlink is None
    back = rakxl.read_rak(path)
    assert back.goals["sasaran"].tolist() == ["=SUM(K8:K9)", "http://kpu.go.id"]


# -- layout ---------------------------------------------------------------------------

def test_title_and_header(sheet):
    assert [sheet[f"A{r}"].value for r in (1, 2, 3)] == [
        "RENCANA AKSI KINERJA TAHUN 2021", "KOMISI PEMILIHAN UMUM PROVINSI BANTEN", "SEKRETARIS"]
    merged = {str(m) for m in sheet.merged_cells.ranges}
    assert {"A1:L1", "A2:L2", "A3:L3", "G5:J5", "A5:A6", "B5:B6", "K5:K6", "L5:L6"} <= merged
    assert sheet["G5"].value == "Pelaksanaan Kegiatan Triwulan"
    assert [sheet.cell(6, c).value for c in range(7, 11)] == ["I", "II", "III", "IV"]
    assert [sheet.cell(7, c).value for c in range(1, 13)] == [f"({i})" for i in range(1, 13)]
    assert sheet["K5"].value == "Pagu Anggaran"


def test_vertical_merges(sheet):
    merged = {str(m) for m in sheet.merged_cells.ranges}
    # Goal 1 (rows 8-9): No, Sasaran, Indikator, Target, one Pagu over both, Pelaksana.
    assert {"A8:A9", "B8:B9", "C8:C9", "D8:D9", "K8:K9", "L8:L9"} <= merged
    # Goal 3 (rows 12-13): two budget lines of one row each, no merge on Pagu.
    assert not any(m.startswith(("K12", "K13")) for m in merged)
    assert (sheet["K12"].value, sheet["K13"].value) == (4_600_000, 2_100_000)
    # Goal 5 (rows 17-19): two indicators, two Pagu, two Pelaksana.
    assert {"A17:A19", "C18:C19", "K18:K19", "L18:L19"} <= merged
    assert sheet["L17"].value == "Subbag Program dan Data" and sheet["L18"].value == "Subbag Keuangan"


def test_no_one_cell_merge_and_none_across_goals(sheet, sample, written):
    back = rakxl.read_rak(written)
    goal_of_row = {}
    for g in back.goals.itertuples():
        for r in range(g.first_row, g.last_row + 1):
            goal_of_row[r] = g.goal
    for m in sheet.merged_cells.ranges:
        assert (m.min_row, m.min_col) != (m.max_row, m.max_col), m
        if m.min_row >= 8 and m.max_row <= 75:
            assert goal_of_row[m.min_row] == goal_of_row[m.max_row], f"{m} crosses a goal"


def test_pagu_numbers_format_and_total(sheet, written):
    assert sheet["K8"].data_type == "n" and sheet["K8"].number_format == "#,##0"
    assert sheet["A76"].value == "JUMLAH"
    assert sheet["K76"].value == "=SUM(K8:K75)"
    cached = openpyxl.load_workbook(written, data_only=True)["RAK Sekretaris"]
    assert cached["K76"].value == 3_051_446_000
    assert sheet["K76"].number_format == "#,##0"


def test_cell_style(sheet):
    cell = sheet["E8"]
    assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
    assert cell.border.left.style == cell.border.bottom.style == "thin"
    assert sheet["L40"].border.right.style == "thin"
    assert cell.font.name == "Arial"
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["A"].width


def test_row_heights_fit_wrapped_text(sample, tmp_path):
    long_text = " ".join(["Penyusunan laporan evaluasi pelaksanaan kegiatan"] * 8)   # 391 characters
    small = subset(sample, [1], kegiatan=[long_text, "Rapat"])
    ws = openpyxl.load_workbook(write_rak(small, tmp_path / "h.xlsx")).active
    # 391 characters in a 34-character column wrap to at least 10 lines of 10 pt text.
    assert ws.row_dimensions[8].height >= 10 * 12
    assert ws.row_dimensions[9].height < 2 * 12.75
    # The merged Sasaran (2 rows) still fits: its rows together hold 3 lines at least.
    assert ws.row_dimensions[8].height + ws.row_dimensions[9].height >= 3 * 12


def test_signature_block(sheet):
    texts = {sheet.cell(r, 10).value for r in range(77, 90)}
    assert {"Serang, 28 Januari 2021", "Pt. Sekretaris,", "ANNISA ROSPA.P",
            "NIP. 19710703 199903 2 007"} <= texts
    name = next(r for r in range(77, 90) if sheet.cell(r, 10).value == "ANNISA ROSPA.P")
    assert sheet.cell(name, 10).font.b and sheet.cell(name, 10).font.u
    assert f"J{name}:L{name}" in {str(m) for m in sheet.merged_cells.ranges}


# -- printing ----------------------------------------------------------------------------

@pytest.mark.parametrize("paper,code", [("A4", "9"), ("Legal", "5"), ("F4", "14")])
def test_print_setup(sample, tmp_path, paper, code):
    ws = openpyxl.load_workbook(write_rak(sample, tmp_path / f"{paper}.xlsx", paper=paper)).active
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == code
    assert ws.print_title_rows == "$5:$7"
    assert ws.freeze_panes == "A8"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert 50 <= ws.page_setup.scale <= 100


def test_page_breaks_fall_between_goals(sample, written):
    ws = openpyxl.load_workbook(written).active
    breaks = [b.id for b in ws.row_breaks.brk]   # a break after this 1-based row
    assert breaks, "the sample spans several pages"
    back = rakxl.read_rak(written)
    goal_starts = set(back.goals["first_row"])
    for row in breaks:
        assert row + 1 in goal_starts or row + 1 > 75, f"page break inside a goal after row {row}"


def test_unknown_paper(sample, tmp_path):
    with pytest.raises(ValueError, match="A4"):
        write_rak(sample, tmp_path / "x.xlsx", paper="A3")


# -- several sheets -------------------------------------------------------------------------

def test_sheet_names():
    assert sheet_names(["RAK Sekretaris", "rak sekretaris", "Bagian [Umum]: 2021/2022?",
                        "R" * 40, "R" * 40, "", "History"]) == [
        "RAK Sekretaris", "rak sekretaris (2)", "Bagian _Umum__ 2021_2022_",
        "R" * 31, "R" * 27 + " (2)", "RAK", "RAK History"]


def test_several_sheets_round_trip(sample, tmp_path):
    one, two = subset(sample, [1, 2]), subset(sample, [3, 4, 5])
    two.sheet = "RAK Sekretaris"      # same name: made unique
    path = write_rak([one, two], tmp_path / "two.xlsx")
    assert openpyxl.load_workbook(path).sheetnames == ["RAK Sekretaris", "RAK Sekretaris (2)"]
    back = rakxl.read_workbook(path)
    assert [r.sheet for r in back] == ["RAK Sekretaris", "RAK Sekretaris (2)"]
    assert_same_reading(back[0], one)
    # goal numbering restarts per sheet; the rest equal
    assert back[1].total_pagu == 4_600_000 + 2_100_000 + 1_159_691_000 + 2_190_000 + 43_934_000


# -- marks (the diff's highlights) -------------------------------------------------------------

def test_marks_fill_and_comment(sample, tmp_path):
    marks = {
        (0, 0, "kegiatan"): ("changed", "dulu: Evaluasi Pendistribusian"),
        (0, 1, "pagu"): ("changed", "dulu: 30.000.000"),          # row 9 is inside the merge K8:K9
        (0, 1, "sasaran"): ("added", "sasaran baru"),
        (0, 4, "tw2"): ("added", "baru"),
    }
    path = write_rak(sample, tmp_path / "marks.xlsx", marks=marks)
    ws = openpyxl.load_workbook(path).active
    green, yellow = "FFC6EFCE", "FFFFEB9C"
    assert ws["E8"].fill.fgColor.rgb == yellow and ws["E8"].comment.text == "dulu: Evaluasi Pendistribusian"
    # the merged Pagu of rows 8-9 carries the mark in its top cell, fill over the range
    assert ws["K8"].comment.text == "dulu: 30.000.000"
    assert ws["K8"].fill.fgColor.rgb == yellow
    assert cell_style(path, "K9") == cell_style(path, "K8") != cell_style(path, "K10")
    assert ws["B8"].fill.fgColor.rgb == green and ws["B8"].comment.text == "sasaran baru"
    assert ws["H12"].fill.fgColor.rgb == green
    assert ws["E9"].comment is None and ws["E9"].fill.fgColor.rgb != yellow
    assert ws["K10"].fill.fgColor.rgb not in (green, yellow)
    # the marked workbook still reads the same
    assert_same_reading(rakxl.read_rak(path), sample)


def test_marks_on_one_merge_are_joined(sample, tmp_path):
    marks = {(0, 0, "no"): ("added", "a"), (0, 1, "no"): ("changed", "b")}
    ws = openpyxl.load_workbook(write_rak(sample, tmp_path / "m.xlsx", marks=marks)).active
    assert ws["A8"].comment.text == "a\nb"
    assert ws["A8"].fill.fgColor.rgb == "FFFFEB9C"     # changed wins


def test_marks_on_second_sheet_and_extra_column(sample, tmp_path):
    one, two = subset(sample, [1]), subset(sample, [2], Catatan=["x", None])
    two.sheet = "Kedua"
    marks = {(1, 1, "Catatan"): ("added", "catatan baru"), (1, 0, "tw4"): ("changed", "dulu: -")}
    wb = openpyxl.load_workbook(write_rak([one, two], tmp_path / "m2.xlsx", marks=marks))
    assert wb["Kedua"]["M9"].comment.text == "catatan baru"
    assert wb["Kedua"]["J8"].comment.text == "dulu: -"
    assert all(c.comment is None for row in wb["RAK Sekretaris"].iter_rows() for c in row)


@pytest.mark.parametrize("key,value,match", [
    ((1, 0, "kegiatan"), ("added", "x"), "no Rak"),
    ((0, 68, "kegiatan"), ("added", "x"), "no row"),
    ((0, 0, "nama"), ("added", "x"), "unknown column"),
    ((0, 0, "kegiatan"), ("removed", "x"), "kind"),
    ((0, 0), ("added", "x"), "expected"),
])
def test_bad_marks(sample, tmp_path, key, value, match):
    with pytest.raises(ValueError, match=match):
        write_rak(sample, tmp_path / "bad.xlsx", marks={key: value})
    assert not (tmp_path / "bad.xlsx").exists()


# -- safety ------------------------------------------------------------------------------------

def test_never_overwrites_its_input(sample_path, tmp_path):
    copy = tmp_path / "in.xlsx"
    shutil.copy(sample_path, copy)
    before = copy.read_bytes()
    rak = rakxl.read_rak(copy)
    with pytest.raises(rakxl.RakFileError):
        write_rak(rak, copy)
    assert copy.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["in.xlsx"]     # no temporary file left


def test_meta_without_signature(sample, tmp_path):
    small = subset(sample, [1, 2])
    small.meta = Meta(year=2022, organization="KPU KOTA SERANG", unit="SEKRETARIAT")
    back = rakxl.read_rak(write_rak(small, tmp_path / "nosig.xlsx"))
    assert back.meta == small.meta
    assert_same_reading(back, small)


def test_signed_date_in_indonesian(sample, tmp_path):
    small = subset(sample, [1])
    small.meta = Meta(year=2021, organization="X", unit="Y", place="Cilegon",
                      signed_on=datetime.date(2021, 8, 17), signatory_title="Sekretaris",
                      signatory="BUDI", nip="19800101 200501 1 001")
    ws = openpyxl.load_workbook(write_rak(small, tmp_path / "d.xlsx")).active
    texts = [c.value for row in ws.iter_rows(min_row=10) for c in row if c.value]
    assert "Cilegon, 17 Agustus 2021" in texts
    assert rakxl.read_rak(tmp_path / "d.xlsx").meta == small.meta


# -- command line ------------------------------------------------------------------------------

def test_cli_format(sample_path, tmp_path):
    out = tmp_path / "rapi.xlsx"
    res = CliRunner().invoke(cli, ["format", str(sample_path), "-o", str(out), "--paper", "F4"])
    assert res.exit_code == 0, res.output
    assert str(openpyxl.load_workbook(out).active.page_setup.paperSize) == "14"
    assert rakxl.read_rak(out).total_pagu == 3_051_446_000


def test_cli_format_refuses_output_equal_to_input(sample_path, tmp_path):
    copy = tmp_path / "in.xlsx"
    shutil.copy(sample_path, copy)
    before = copy.read_bytes()
    res = CliRunner().invoke(cli, ["format", str(copy), "-o", str(copy)])
    assert res.exit_code == 2
    assert "--in-place" in res.output and "Traceback" not in res.output
    assert copy.read_bytes() == before


def test_cli_format_in_place_keeps_backup(sample_path, tmp_path):
    copy = tmp_path / "in.xlsx"
    shutil.copy(sample_path, copy)
    before = copy.read_bytes()
    res = CliRunner().invoke(cli, ["format", str(copy), "--in-place"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "in.xlsx.bak").read_bytes() == before
    assert copy.read_bytes() != before
    assert_same_reading(rakxl.read_rak(copy), rakxl.read_rak(tmp_path / "in.xlsx.bak"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.xlsx", "in.xlsx.bak"]


def test_cli_format_needs_an_output(sample_path):
    res = CliRunner().invoke(cli, ["format", str(sample_path)])
    assert res.exit_code == 2 and "-o" in res.output


def test_cli_format_unreadable_input(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    res = CliRunner().invoke(cli, ["format", str(bad), "-o", str(tmp_path / "out.xlsx")])
    assert res.exit_code == 2 and "bad.xlsx" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "out.xlsx").exists()


# -- layout variants (tests/variants.py renders one plan in many office layouts) -----------------

VARIANTS = {
    "merged": dict(),
    "blank": dict(hierarchy="blank"),
    "repeated-one-row-header": dict(hierarchy="repeated", group=None),
    "pagu-unmerged": dict(pagu_merged=False),
    "extra-columns": dict(order=("no", "sasaran", "indikator", "target_indikator", "Satuan", "kegiatan",
                                 "target_kegiatan", "tw1", "tw2", "tw3", "tw4", "pagu", "Sumber Dana",
                                 "pelaksana", "Keterangan")),
    "table-at-D26": dict(header_row=25, first_col=3, number_row=False),
    "page-break-headers-total": dict(page_break_every=4, blank_between_goals=True, total_label="TOTAL"),
    "amounts-as-text": dict(amount="mixed", hierarchy="blank"),
    "percent-numbers-openpyxl": dict(percent=True, engine="openpyxl"),
    "goal-no-as-number": dict(no_as_number=True),
}


@pytest.mark.parametrize("plan_name", ["sample", "office"])
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_round_trip_layout_variants(variant, plan_name, tmp_path):
    from tests import variants as V

    plan = V.PLANS[plan_name]()
    source = V.render(tmp_path / f"{variant}.xlsx", (plan, V.Layout(**VARIANTS[variant])))
    first = rakxl.read_rak(source)
    back = rakxl.read_rak(write_rak(first, tmp_path / "rapi.xlsx"))
    assert_same_reading(back, first)
    assert back.total_pagu == plan.total
    assert back.stated_total == plan.total
    assert [n.code for n in back.notes] == []


# -- LibreOffice: the written sample printed to PDF and saved as CSV -----------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice (soffice) and poppler-utils (pdfinfo, pdftotext) are not installed "
           "(Debian: libreoffice-calc-nogui poppler-utils; CI installs them)")


def _has_arial_metrics() -> bool:
    """Whether LibreOffice finds Arial or the metric-compatible Liberation Sans.

    Without either it draws the workbook's Arial in a wider fallback font (DejaVu
    Sans) and widens every column with it, so the table no longer fits the page width
    the writer computed for Arial."""
    fc = shutil.which("fc-match")
    if fc is None:
        return True          # no fontconfig: Windows or macOS, which have Arial
    found = subprocess.run([fc, "Arial"], capture_output=True, text=True, check=False).stdout
    return "Liberation Sans" in found or "Arial" in found


needs_arial = pytest.mark.skipif(
    not _has_arial_metrics(),
    reason="LibreOffice has neither Arial nor Liberation Sans (Debian: fonts-liberation2), so it prints "
           "in a wider fallback font and the page-layout checks do not apply")


def soffice_convert(src, target: str, outdir, profile) -> None:
    """Convert with LibreOffice headless and a private profile (parallel runs do not collide).
    LibreOffice exits 0 even when it fails: the callers check the file it should make."""
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", target, "--outdir", str(outdir), str(src)],
                   capture_output=True, timeout=300, check=False)


@pytest.fixture(scope="session")
def office(tmp_path_factory):
    """The sample written by rakxl, then printed to PDF and saved as CSV by LibreOffice (once)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    d = tmp_path_factory.mktemp("office")
    rak = rakxl.read_rak(tests_conftest.SAMPLE)
    xlsx = write_rak(rak, d / "RAK_rapi.xlsx")
    profile = d / "profile"
    soffice_convert(xlsx, "pdf", d, profile)
    soffice_convert(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1", d, profile)
    pdf, csv_path = d / "RAK_rapi.pdf", d / "RAK_rapi.csv"
    assert pdf.exists(), "LibreOffice made no PDF"
    assert csv_path.exists(), "LibreOffice made no CSV"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    with open(csv_path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return {"rak": rak, "info": info, "pages": text.split("\f"), "text": text, "csv": rows}


def _amount(text: str) -> int:
    return int(text.replace(",", "").replace(".", ""))


@needs_office
def test_pdf_is_a4_landscape(office):
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", office["info"])
    width, height = float(m.group(1)), float(m.group(2))
    assert abs(width - 841.89) < 1 and abs(height - 595.28) < 1     # 297 x 210 mm
    assert "(A4)" in office["info"]


@needs_office
@needs_arial
def test_pdf_every_page_repeats_the_header(office):
    pages = [p for p in office["pages"] if p.strip()]
    assert len(pages) >= 3
    for i, page in enumerate(pages, start=1):
        assert "Pagu Anggaran" in page, f"page {i} has no header"
        # one page wide: every page shows the first and the last column's header
        assert "Sasaran Program/Kegiatan" in page and "Pelaksana Tingkat" in page, f"page {i}"
        assert f"Halaman {i} dari {len(pages)}" in page


@needs_office
@needs_arial
def test_pdf_holds_title_goals_total_and_signature(office):
    text = office["text"]
    for line in ("RENCANA AKSI KINERJA TAHUN 2021", "KOMISI PEMILIHAN UMUM PROVINSI BANTEN", "SEKRETARIS",
                 "Serang, 28 Januari 2021", "Pt. Sekretaris,", "ANNISA ROSPA.P", "NIP. 19710703 199903 2 007"):
        assert line in text
    # the No column is the left edge of the table: each goal's number starts a line
    numbers = re.findall(r"^\s{0,3}(\d{1,2})\s{2,}\S", text, re.M)
    assert sorted(set(numbers), key=int) == [str(n) for n in range(1, 30)]
    assert "3.051.446.000" in text or "3,051,446,000" in text
    assert "JUMLAH" in text
    # the signature comes last, after the total
    assert text.index("JUMLAH") < text.index("Serang, 28 Januari 2021") < text.index("ANNISA ROSPA.P")


@needs_office
def test_libreoffice_reads_the_same_pagu(office):
    rows = office["csv"]
    header = next(i for i, r in enumerate(rows) if "Pagu Anggaran" in r)
    pagu_col = rows[header].index("Pagu Anggaran")
    assert pagu_col == 10
    total_row = next(r for r in rows if r and r[0] == "JUMLAH")
    body = rows[header + 3:rows.index(total_row)]          # below the header and the number row
    amounts = [_amount(r[pagu_col]) for r in body if r[pagu_col].strip()]
    rak = office["rak"]
    assert amounts == rak.budgets["pagu"].tolist()
    assert len(amounts) == 29
    assert _amount(total_row[pagu_col]) == sum(amounts) == rak.total_pagu == 3_051_446_000
    # Kegiatan as LibreOffice reads it, row for row
    assert [r[4] for r in body] == rak.activities["kegiatan"].tolist()


def test_cli_format_writes_xlsx_only(sample_path, tmp_path):
    res = CliRunner().invoke(cli, ["format", str(sample_path), "-o", str(tmp_path / "rapi.xls")])
    assert res.exit_code == 2 and ".xlsx" in res.output
    old = tmp_path / "lama.xls"
    old.write_bytes(b"")
    res = CliRunner().invoke(cli, ["format", str(old), "--in-place", "--lang", "en"])
    assert res.exit_code == 2 and "must end in .xlsx" in res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lama.xls"]


def test_empty_table(sample, tmp_path):
    empty = subset(sample, [])
    path = write_rak(empty, tmp_path / "empty.xlsx")
    ws = openpyxl.load_workbook(path).active
    assert ws["A8"].value == "JUMLAH" and ws["K8"].value == 0
    assert ws["K5"].value == "Pagu Anggaran"


def test_mark_without_comment_fills_only(sample, tmp_path):
    marks = {(0, 1, "kegiatan"): ("added", ""), (0, 0, "tw1"): ("changed", None)}
    ws = openpyxl.load_workbook(write_rak(subset(sample, [1]), tmp_path / "m.xlsx", marks=marks)).active
    assert ws["E9"].fill.fgColor.rgb == "FFC6EFCE" and ws["E9"].comment is None
    assert ws["G8"].fill.fgColor.rgb == "FFFFEB9C" and ws["G8"].comment is None
