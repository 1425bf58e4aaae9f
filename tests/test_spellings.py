"""Issue 14: one RAK, every legal spelling of its XML, one reading.

SpreadsheetML can be written many ways that every spreadsheet reads alike:
namespace prefixes (``<x:c>``, as the .NET OpenXML SDK writes), the strict-OOXML
namespaces, rows and cells without ``r`` (placed by their order), inline strings
instead of shared strings, single-quoted attributes, shared formulas. The guard's
exact pass places cells the way calamine does and yields the side information
(formulas, saved values, errors, percent formats) in the same pass; its pattern
path stands in for it only on plainly written sheets. These tests generate
spellings of the same sheets and assert:

- the pattern side information equals the exact pass wherever it answers;
- the exact pass gives the same cells and side information for every spelling;
- a whole RAK reads to the same :class:`rakxl.Rak` however it is spelled, a Pagu
  formula saved without a value included.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xlsxwriter.utility import xl_cell_to_rowcol

import rakxl
from rakxl import guard
from tests.helpers import letters
from tests.test_bad_input import MAIN_NS as MAIN
from tests.test_bad_input import REL_NS as REL
from tests.test_bad_input import sample_parts, write_zip, xml_escape

STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STRICT_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships"


# -- writing one sheet many ways ------------------------------------------------------

def spell_sheet(rows: list[tuple[int, list[dict]]], merges=(), *, prefix=False, strict=False, row_refs=True,
                cell_refs=True, quote='"', inline_texts=None, tail="") -> bytes:
    """A worksheet from ``rows``: (1-based row, cells), each cell a dict with
    ``col`` (1-based), optional ``t``, ``s``, ``f`` (formula text), ``v`` (saved
    value text), ``text`` (for inline strings), ``empty`` (an empty-element tag).

    ``inline_texts`` maps shared string indexes to their text: t="s" cells are
    written as inline strings then. Without ``cell_refs`` every gap is written as
    an empty (not empty-element) cell, as writers that omit r do; without
    ``row_refs`` every missing row is written as an empty row element."""
    ns = STRICT if strict else MAIN
    p = "x:" if prefix else ""
    q = quote
    root_ns = f"xmlns:x={q}{ns}{q}" if prefix else f"xmlns={q}{ns}{q}"
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{p}worksheet {root_ns}>']
    out.append(f"<{p}sheetData>")
    expected_row = 1
    for r, cells in rows:
        if not row_refs:
            while expected_row < r:
                out.append(f"<{p}row></{p}row>")
                expected_row += 1
            out.append(f"<{p}row>")
        else:
            out.append(f"<{p}row r={q}{r}{q}>")
        expected_row = r + 1
        next_col = 1
        for cell in cells:
            attrs = []
            if not cell_refs:
                while next_col < cell["col"]:
                    out.append(f"<{p}c></{p}c>")
                    next_col += 1
            else:
                attrs.append(f"r={q}{letters(cell['col'])}{r}{q}")
            next_col = cell["col"] + 1
            t = cell.get("t")
            v = cell.get("v")
            body = ""
            if t == "s" and inline_texts is not None:
                t, text = "inlineStr", inline_texts[int(v)]
                space = f" xml:space={q}preserve{q}" if text != text.strip() else ""
                body = f"<{p}is><{p}t{space}>{xml_escape(text)}</{p}t></{p}is>"
                v = None
            elif t == "inlineStr":
                body = f"<{p}is><{p}t>{xml_escape(cell['text'])}</{p}t></{p}is>"
            if cell.get("s") is not None:
                attrs.append(f"s={q}{cell['s']}{q}")
            if t is not None:
                attrs.append(f"t={q}{t}{q}")
            if cell.get("f") is not None:
                body = f"<{p}f>{xml_escape(cell['f'])}</{p}f>" + body
            if v is not None:
                body += f"<{p}v>{xml_escape(v)}</{p}v>"
            head = f"<{p}c" + "".join(" " + a for a in attrs)
            if cell.get("empty") and cell_refs:
                out.append(head + "/>")
            else:
                out.append(head + ">" + body + f"</{p}c>")
        out.append(f"</{p}row>")
    out.append(f"</{p}sheetData>")
    if merges:
        out.append(f"<{p}mergeCells count={q}{len(merges)}{q}>" + "".join(
            f"<{p}mergeCell ref={q}{m}{q}/>" for m in merges) + f"</{p}mergeCells>")
    out.append(tail + f"</{p}worksheet>")
    return "".join(out).encode()


# -- generated sheets: the pattern path equals the exact pass -----------------------------

PERCENT = frozenset({3, 7})

cell_kinds = st.sampled_from(["n", "s", "inline", "f", "f_cached", "e", "e_none", "empty", "str"])


@st.composite
def sheets(draw):
    n_rows = draw(st.integers(1, 12))
    rows = []
    for r in sorted(draw(st.sets(st.integers(1, 40), min_size=1, max_size=n_rows))):
        cols = sorted(draw(st.sets(st.integers(1, 30), min_size=1, max_size=6)))
        cells = []
        for c in cols:
            kind = draw(cell_kinds)
            s = draw(st.sampled_from([None, 0, 3, 7, 12]))
            cell = {"col": c, "s": s}
            if kind == "n":
                cell["v"] = str(draw(st.integers(0, 10**9)))
            elif kind == "s":
                cell.update(t="s", v=str(draw(st.integers(0, 4))))
            elif kind == "inline":
                cell.update(t="inlineStr", text=draw(st.text("abc <&>\"'", max_size=8)))
            elif kind in ("f", "f_cached"):
                cell["f"] = draw(st.sampled_from(["SUM(A1:B2)", "A1+B$2*2", "'Lain'!C3", "1/0", "X1&\"<a>\""]))
                if kind == "f_cached":
                    cell["v"] = str(draw(st.integers(0, 99)))
            elif kind in ("e", "e_none"):
                cell["t"] = "e"
                if kind == "e":
                    cell["v"] = draw(st.sampled_from(["#REF!", "#DIV/0!", "#N/A", "#VALUE!"]))
            elif kind == "str":
                cell.update(t="str", f="\"a\"&\"b\"", v="ab")
            else:
                cell["empty"] = True
            cells.append(cell)
        rows.append((r, cells))
    return rows


TEXTS = ["Rencana", " Aksi ", "Kinerja", "2021", "Pagu & <Anggaran>"]
SPELLINGS = st.fixed_dictionaries({
    "prefix": st.booleans(), "strict": st.booleans(), "row_refs": st.booleans(), "cell_refs": st.booleans(),
    "quote": st.sampled_from(['"', "'"]), "inline": st.booleans(),
})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=sheets(), spelling=SPELLINGS)
def test_every_spelling_gives_the_exact_pass_the_same_cells(rows, spelling):
    plain = spell_sheet(rows)
    ext0, side0, uses0 = guard.scan_exact(plain, percent_styles=PERCENT)
    fast = guard.fast_side_info(plain, PERCENT)
    assert fast is not None, "a plainly written sheet takes the pattern path"
    assert fast == side0
    other = spell_sheet(rows, prefix=spelling["prefix"], strict=spelling["strict"], row_refs=spelling["row_refs"],
                        cell_refs=spelling["cell_refs"], quote=spelling["quote"],
                        inline_texts=TEXTS if spelling["inline"] else None)
    ext, side, uses = guard.scan_exact(other, percent_styles=PERCENT)
    valued = {(r - 1, c["col"] - 1) for r, cells in rows for c in cells if not c.get("empty")}

    def same(got):
        if not spelling["cell_refs"]:
            # an empty styled cell can only be written <c s="3"></c> without r (an
            # empty-element tag would not move to the next column): it holds no value,
            # so whether it is a percent cell does not matter; compare the others
            got.percent &= valued
        return got == side0

    assert same(side)
    assert (ext.rows, ext.cols, ext.cells) == (ext0.rows, ext0.cols, ext0.cells)
    if not spelling["inline"]:
        assert uses == uses0
    # whatever path scan_part takes, its extent bounds the exact one and its side
    # information (when it has some) is the exact pass's
    scan = guard.scan_part(other, guard.DEFAULT_LIMITS, percent_styles=PERCENT)
    assert scan.extent.rows >= ext.rows and scan.extent.cols >= ext.cols
    if scan.side is not None:
        assert same(scan.side)
    pattern = guard.fast_side_info(other, PERCENT)
    if pattern is not None:
        assert same(pattern)


def test_empty_element_cells_and_rows_move_nothing():
    """calamine places a cell without r after the last cell *started* in its row:
    an empty-element <c/> or <row/> moves nothing, an empty <c></c> does."""
    body = ('<worksheet xmlns="%s"><sheetData><row><c><v>1</v></c><c/><c><f>A1</f></c></row><row/>'
            '<row><c></c><c t="e"><v>#REF!</v></c></row></sheetData></worksheet>' % MAIN).encode()
    ext, side, _ = guard.scan_exact(body)
    assert side.formulas == {(0, 1): ("A1", None)}
    assert side.errors == {(1, 1): "#REF!"}
    assert (ext.rows, ext.cols, ext.cells) == (2, 2, 3)


def test_shared_formulas_are_moved_to_each_cell():
    body = ('<worksheet xmlns="%s"><sheetData><row r="2"><c r="C2"><f t="shared" ref="C2:D4" si="0">'
            'SUM(A2:B2)+$A$1+A$1</f></c><c r="D2"><f t="shared" si="0"/></c></row>'
            '<row r="4"><c r="C4"><f t="shared" si="0"/><v>5</v></c></row></sheetData></worksheet>' % MAIN).encode()
    _, side, _ = guard.scan_exact(body)
    assert side.formulas == {(1, 2): ("SUM(A2:B2)+$A$1+A$1", None), (1, 3): ("SUM(B2:C2)+$A$1+B$1", None),
                             (3, 2): ("SUM(A4:B4)+$A$1+A$1", "5")}


# -- a whole RAK, spelled many ways, reads the same ------------------------------------------

def _sample_rows():
    """The sample's sheet as (row, cells) for spell_sheet, K10's Pagu replaced by a
    formula saved without a value, and its merges and shared strings."""
    parts = sample_parts()
    root = ET.fromstring(parts["xl/worksheets/sheet1.xml"])
    ns = {"m": MAIN}
    rows = []
    for row in root.iterfind("m:sheetData/m:row", ns):
        cells = []
        for c in row.iterfind("m:c", ns):
            cell = {"col": xl_cell_to_rowcol(c.get("r"))[1] + 1, "s": c.get("s"), "t": c.get("t")}
            v = c.find("m:v", ns)
            f = c.find("m:f", ns)
            if f is not None:
                cell["f"] = f.text
            if v is not None:
                cell["v"] = v.text
            if v is None and f is None and c.find("m:is", ns) is None:
                cell["empty"] = True
            if c.get("r") == "K10":
                cell.pop("v", None)
                cell["f"] = "23000000+134000"
            cells.append(cell)
        rows.append((int(row.get("r")), cells))
    merges = [m.get("ref") for m in root.iterfind("m:mergeCells/m:mergeCell", ns)]
    sst = ET.fromstring(parts["xl/sharedStrings.xml"])
    texts = ["".join(t.text or "" for t in si.iter(f"{{{MAIN}}}t")) for si in sst.iterfind("m:si", ns)]
    return parts, rows, merges, texts


def _write_spelled(path, spelling):
    parts, rows, merges, texts = _sample_rows()
    parts = dict(parts)
    parts["xl/worksheets/sheet1.xml"] = spell_sheet(
        rows, merges, prefix=spelling["prefix"], strict=spelling["strict"], row_refs=spelling["row_refs"],
        cell_refs=spelling["cell_refs"], quote=spelling["quote"], inline_texts=texts if spelling["inline"] else None)
    if spelling["strict"]:
        wb = parts["xl/workbook.xml"].decode().replace(MAIN, STRICT).replace(REL, STRICT_REL)
        parts["xl/workbook.xml"] = wb.encode()
    return write_zip(path, parts)


def _same(got, exp):
    from tests.test_writer import FRAMES

    import pandas as pd

    for name in FRAMES:
        pd.testing.assert_frame_equal(getattr(got, name), getattr(exp, name), obj=name)
    assert got.meta == exp.meta
    assert got.total_pagu == exp.total_pagu
    assert [(n.code, n.cell) for n in got.notes] == [(n.code, n.cell) for n in exp.notes]


@pytest.fixture(scope="module")
def plain_rak(tmp_path_factory):
    path = _write_spelled(tmp_path_factory.mktemp("ejaan") / "polos.xlsx", {
        "prefix": False, "strict": False, "row_refs": True, "cell_refs": True, "quote": '"', "inline": False})
    rak = rakxl.read_rak(path)
    # the formula saved without a value is evaluated: the sample's total, K10 included
    assert rak.total_pagu == 3_051_446_000 and len(rak.activities) == 68
    return rak


@pytest.mark.parametrize("spelling", [
    {"prefix": True, "strict": False, "row_refs": True, "cell_refs": True, "quote": '"', "inline": False},
    {"prefix": False, "strict": False, "row_refs": False, "cell_refs": False, "quote": '"', "inline": False},
    {"prefix": True, "strict": True, "row_refs": False, "cell_refs": False, "quote": "'", "inline": True},
], ids=["x-prefix", "no-r", "all-at-once"])
def test_rak_spelled_another_way_reads_the_same(tmp_path, plain_rak, spelling):
    rak = rakxl.read_rak(_write_spelled(tmp_path / "ejaan.xlsx", spelling))
    _same(rak, plain_rak)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(spelling=SPELLINGS)
def test_rak_generated_spellings_read_the_same(tmp_path, plain_rak, spelling):
    rak = rakxl.read_rak(_write_spelled(tmp_path / "ejaan_acak.xlsx", spelling))
    _same(rak, plain_rak)


# -- the corpus: files real producers write ----------------------------------------------

def _corpus(tmp_path) -> list:
    """The sample, 24 random layouts written by xlsxwriter and openpyxl (formulas
    cached and not, percent targets, merges, page breaks...), and the sample saved
    again by LibreOffice when it is installed."""
    import random
    import shutil
    import subprocess

    from tests import variants as V

    from tests.test_bad_input import SAMPLE

    out = [SAMPLE]
    rnd = random.Random(14)
    for i in range(24):
        plan = V.PLANS[rnd.choice(sorted(V.PLANS))]()
        layout = V.random_layout(rnd)
        if layout.percent:
            plan = V.with_percent_targets(plan)
        out.append(V.render(tmp_path / f"ragam_{i}.xlsx", (plan, layout)))
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        lo = tmp_path / "lo"
        subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(lo), str(SAMPLE)],
                       check=True, capture_output=True, timeout=300)
        out.append(lo / SAMPLE.name)
    return out


def test_pattern_path_equals_the_exact_pass_over_the_corpus(tmp_path):
    taken = 0
    for path in _corpus(tmp_path):
        package = guard.load_xlsx(path, guard.DEFAULT_LIMITS)
        for key, part in package.parts.items():
            if not key.startswith("sheet:"):
                continue
            xml = package.data[part]
            scan = package.scans[part]
            ext, exact, _ = guard.scan_exact(xml, percent_styles=package.percent_styles)
            assert scan.extent.rows >= ext.rows and scan.extent.cols >= ext.cols, (path.name, key)
            if scan.side is not None:
                assert scan.side == exact, (path.name, key)
            fast = guard.fast_side_info(xml, package.percent_styles, scan.strict)
            if fast is not None:
                taken += 1
                assert fast == exact, (path.name, key)
    assert taken >= 20  # the pattern path is what ordinary files take
