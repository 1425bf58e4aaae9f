"""The writer's lean merges show the same borders as merges padded in full.

``rakxl format`` leaves the middle cells of a tall merge without a record where the
columns on both sides are written in full (``rakxl.writer.sheet.lean_columns``). The
tests write each plan twice, lean and padded in full (``lean_columns`` patched to
choose no column: the plain path), and compare what each program draws:

- Excel draws a merge's edge from the cells along it, and a line between two cells
  when either cell has it on the facing side: the line of every edge of the grid,
  computed so from the cells each file holds, is the same in both files;
- LibreOffice draws a merged range from its first cell, with the lower border of its
  bottom-left cell and the right border of its top-right cell (its xlsx import), and
  a line between two cells when either has it: computed so, the same in both;
- LibreOffice itself prints both files to the same pixels (skipped without soffice).

The cells are read from the files as stored (openpyxl's read-only mode: its normal
mode gives every cell of a merge the first cell's borders, which would hide the
difference being tested).
"""
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

import rakxl
from rakxl.writer import sheet as writer_sheet
from rakxl.writer import write_rak
from tests.conftest import ROOT
from tests.test_writer import SOFFICE, VARIANTS, assert_same_reading, needs_arial, needs_office, soffice_convert
from tests.helpers import load_script

SIDES = ("left", "right", "top", "bottom")


def _generated(tmp_path, rows=300, seed=7):
    generate = load_script(ROOT / "benchmarks" / "generate.py", "generate")
    path = tmp_path / f"RAK_{rows}.xlsx"
    generate.build(path, rows, seed=seed)
    return path


def _variant(name, plan_name):
    def make(tmp_path):
        from tests import variants as V

        plan = V.PLANS[plan_name]()
        return V.render(tmp_path / f"{name}.xlsx", (plan, V.Layout(**VARIANTS[name])))
    return make


SOURCES = {
    "sample": lambda tmp_path: ROOT / "samples" / "RAK_2021.xlsx",
    "generated-300": _generated,
    "office-merged": _variant("merged", "office"),
    "office-extra-columns": _variant("extra-columns", "office"),
    "office-pagu-unmerged": _variant("pagu-unmerged", "office"),
    "sample-blank": _variant("blank", "sample"),
}


def write_both(rak, tmp_path, monkeypatch, **kw):
    """The plan written lean (as ``rakxl format`` does) and padded in full."""
    lean = write_rak(rak, tmp_path / "lean.xlsx", **kw)
    with monkeypatch.context() as m:
        m.setattr(writer_sheet, "lean_columns", lambda merged: set())
        full = write_rak(rak, tmp_path / "full.xlsx", **kw)
    return lean, full


class Stored:
    """One sheet as the file stores it: cell records (value, style, borders) and merges."""

    def __init__(self, path, sheet=-1):
        book = openpyxl.load_workbook(path, read_only=True)
        ws = book.worksheets[sheet]
        self.cells = {}
        for row in ws.iter_rows():
            for cell in row:
                if getattr(cell, "row", None) is None:        # an empty cell between records
                    continue
                b = cell.border
                self.cells[cell.row, cell.column] = {
                    "value": cell.value, "number_format": cell.number_format,
                    "font": cell.font, "fill": cell.fill, "alignment": cell.alignment,
                    "border": tuple(getattr(b, s).style for s in SIDES)}
        book.close()
        full = openpyxl.load_workbook(path)
        self.merges = sorted(r.bounds for r in full.worksheets[sheet].merged_cells.ranges)  # (c1, r1, c2, r2)
        full.close()
        self.merge_of = {}
        for c1, r1, c2, r2 in self.merges:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    self.merge_of[r, c] = (c1, r1, c2, r2)
        self.max_row = max(r for r, _ in self.cells)
        self.max_col = max(c for _, c in self.cells)

    def own(self, r, c):
        """(left, right, top, bottom) of the cell record at (r, c); no record: no border."""
        cell = self.cells.get((r, c))
        return cell["border"] if cell else (None, None, None, None)

    def libreoffice_own(self, r, c):
        """The borders LibreOffice gives (r, c) after its xlsx import: a merged range takes
        its first cell's, with the bottom-left cell's lower and the top-right cell's right."""
        m = self.merge_of.get((r, c))
        if m is None:
            return self.own(r, c)
        c1, r1, c2, r2 = m
        left, _, top, _ = self.own(r1, c1)
        return left, self.own(r1, c2)[1], top, self.own(r2, c1)[3]

    def edges(self, own) -> dict:
        """The line each program draws on every edge of the grid around the table:
        none inside a merge, else either facing side's border."""
        out = {}
        for r in range(1, self.max_row + 2):
            for c in range(0, self.max_col + 1):          # between column c and c + 1
                m = self.merge_of.get((r, c))
                inside = m is not None and m == self.merge_of.get((r, c + 1))
                out["v", r, c] = None if inside else (own(r, c)[1] if c else None) or own(r, c + 1)[0]
        for r in range(0, self.max_row + 1):                  # between row r and r + 1
            for c in range(1, self.max_col + 2):
                m = self.merge_of.get((r, c))
                inside = m is not None and m == self.merge_of.get((r + 1, c))
                out["h", r, c] = None if inside else (own(r, c)[3] if r else None) or own(r + 1, c)[2]
        return out


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_lean_merges_draw_the_same_borders(source, tmp_path, monkeypatch):
    rak = rakxl.read_rak(SOURCES[source](tmp_path))
    lean_path, full_path = write_both(rak, tmp_path, monkeypatch)
    lean, full = Stored(lean_path), Stored(full_path)

    assert lean.merges == full.merges
    # The lean file holds a subset of the records, each unchanged ...
    assert set(lean.cells) <= set(full.cells)
    for key, cell in lean.cells.items():
        assert cell == full.cells[key], key
    # ... leaving out only middle cells of vertical merges, each bordered all round.
    left_out = set(full.cells) - set(lean.cells)
    for r, c in left_out:
        c1, r1, c2, r2 = full.merge_of[r, c]
        assert c1 == c2 and r1 < r < r2, (r, c)
        assert full.cells[r, c]["value"] is None and full.cells[r, c]["border"] == ("thin",) * 4
    if source in ("sample", "generated-300", "office-merged"):
        assert left_out, "the plan has tall merges: the lean path must leave cells out"

    excel_lean, excel_full = lean.edges(lean.own), full.edges(full.own)
    assert excel_lean == excel_full
    office_lean, office_full = lean.edges(lean.libreoffice_own), full.edges(full.libreoffice_own)
    assert office_lean == office_full
    # the comparison sees borders: the table is drawn, and a lost cell would show
    assert sum(v == "thin" for v in excel_full.values()) > 12 * len(rak.activities)


def test_edges_see_a_missing_border(sample, tmp_path, monkeypatch):
    """The edge comparison is not blind: leaving out the middle cells of the first
    column (whose left edge has no neighbour) changes what Excel draws."""
    lean_path, full_path = write_both(sample, tmp_path, monkeypatch)
    with monkeypatch.context() as m:
        m.setattr(writer_sheet, "lean_columns", lambda merged: {0})
        outer = write_rak(sample, tmp_path / "outer.xlsx")
    full, wrong = Stored(full_path), Stored(outer)
    assert wrong.edges(wrong.own) != full.edges(full.own)


def test_lean_output_reads_back_the_same_plan(sample, tmp_path, monkeypatch):
    lean_path, full_path = write_both(sample, tmp_path, monkeypatch)
    lean, full = rakxl.read_rak(lean_path), rakxl.read_rak(full_path)
    assert_same_reading(lean, full)
    assert_same_reading(lean, sample)
    assert lean.total_pagu == sample.total_pagu == 3_051_446_000
    assert [n.code for n in lean.notes] == []


def test_marked_cells_are_padded_in_full(sample, tmp_path, monkeypatch):
    """Marks (rakxl diff -o) fill whole merges: those sheets keep every cell."""
    marks = {(0, 0, "sasaran"): ("changed", "x")}
    lean_path, full_path = write_both(sample, tmp_path, monkeypatch, marks=marks)
    with zipfile.ZipFile(lean_path) as a, zipfile.ZipFile(full_path) as b:
        assert a.read("xl/worksheets/sheet1.xml") == b.read("xl/worksheets/sheet1.xml")


def _pages(pdf: Path) -> list[bytes]:
    out = pdf.parent / "page"
    subprocess.run(["pdftoppm", "-r", "80", str(pdf), str(out)], check=True, capture_output=True, timeout=300)
    return [p.read_bytes() for p in sorted(pdf.parent.glob("page*.ppm"))]


@needs_office
@needs_arial
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) is not installed")
def test_libreoffice_prints_lean_and_full_alike(sample, tmp_path, monkeypatch):
    lean_path, full_path = write_both(sample, tmp_path, monkeypatch)
    pages = {}
    for name, path in (("lean", lean_path), ("full", full_path)):
        d = tmp_path / name
        d.mkdir()
        soffice_convert(path, "pdf", d, tmp_path / "profile")
        pdf = d / f"{path.stem}.pdf"
        assert pdf.exists(), "LibreOffice made no PDF"
        pages[name] = _pages(pdf)
    assert len(pages["lean"]) == len(pages["full"]) >= 3
    assert pages["lean"] == pages["full"]
