"""The reader's stages (rakxl/reader/): what each promises beyond the figures.

- a word added to a list in ``layout.py`` is all it takes (the total row);
- reading leaves the process alone: no collector pause, no file descriptor redirected;
- each speed path of a stage gives the answers of the plain path it stands in for,
  on a corpus of layouts offices produce.
"""
from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import rakxl
from tests.conftest import ROOT
from tests.helpers import load_script


def test_reading_leaves_the_process_alone(monkeypatch, sample_path):
    """A host program (a web app, a notebook, threads) sees no side effect of a read:
    the garbage collector stays on and no descriptor (stderr) is redirected, even
    for a moment."""
    seen = []
    monkeypatch.setattr(os, "dup2", lambda *args, **kw: seen.append(("dup2", args)))
    monkeypatch.setattr(gc, "disable", lambda: seen.append(("gc.disable",)))
    monkeypatch.setattr(gc, "freeze", lambda: seen.append(("gc.freeze",)))
    rak = rakxl.read_rak(sample_path)
    raks = rakxl.read_workbook(sample_path)
    assert rak.total_pagu == raks[0].total_pagu == 3_051_446_000
    assert seen == []
    assert gc.isenabled()


# -- a word added to layout.py is all it takes --------------------------------------

def test_a_word_added_to_total_row_makes_a_total_row(tmp_path, monkeypatch):
    """layout.TOTAL_ROW is the one list of total labels: a label it lacks reads as a
    goal of its own (with the total as its Pagu); once added there, as the total row."""
    import re

    import openpyxl

    from rakxl import layout
    from tests.rules import build

    path = build.write_rak(tmp_path / "total.xlsx")  # 3 goals, 5 activities, JUMLAH 19,000,000
    book = openpyxl.load_workbook(path)
    label = [c for row in book.active.iter_rows() for c in row if c.value == "JUMLAH"]
    assert len(label) == 1
    label[0].value = "Jumlah Rupiah"
    book.save(path)

    before = rakxl.read_rak(path)
    assert len(before.goals) == 4 and before.stated_total is None
    assert before.total_pagu == 2 * build.CLEAN_TOTAL  # the total read as one more budget line

    assert "(total|" in layout.TOTAL_ROW.pattern
    monkeypatch.setattr(layout, "TOTAL_ROW", re.compile(layout.TOTAL_ROW.pattern.replace("(total|", "(rupiah|total|")))
    after = rakxl.read_rak(path)
    assert len(after.goals) == 3 and len(after.activities) == 5
    assert after.total_pagu == after.stated_total == build.CLEAN_TOTAL


# -- the speed paths give the plain paths' answers ------------------------------------

def corpus(tmp_path_factory) -> list[Path]:
    """Workbooks in the layouts offices produce: the sample, both plans of
    tests/variants.py in every layout of tests/test_variants.py, random layouts, the
    rules' fixture, a generated benchmark workbook."""
    import random

    from tests import variants as V
    from tests.rules import build
    from tests.test_variants import LAYOUTS

    out = tmp_path_factory.mktemp("corpus")
    paths = [ROOT / "samples" / "RAK_2021.xlsx", build.write_rak(out / "rules.xlsx")]
    plans = {name: make() for name, make in V.PLANS.items()}
    for i, (name, lay) in enumerate(LAYOUTS.items()):
        plan = plans["sample" if i % 2 else "office"]
        paths.append(V.render(out / f"{i}.xlsx", (plan, lay)))
    rnd = random.Random(12)
    for i in range(12):
        plan = plans[rnd.choice(sorted(plans))]
        paths.append(V.render(out / f"random{i}.xlsx", (V.with_percent_targets(plan) if i % 3 == 0 else plan,
                                                          V.random_layout(rnd))))
    generate = load_script(ROOT / "benchmarks" / "generate.py", "generate")
    generate.build(out / "generated.xlsx", 400, seed=3)
    return paths + [out / "generated.xlsx"]


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    """(path, grid, header) of every RAK table of the corpus."""
    from rakxl.reader.header import find_header
    from rakxl.workbook import Workbook

    found = []
    for path in corpus(tmp_path_factory):
        with Workbook(path) as book:
            for name in book.sheet_names:
                grid = book.grid(name)
                grid.errors  # the side information, read while the file is open
                header = find_header(grid)
                if header is not None:
                    found.append((path, grid, header))
    assert len(found) >= 40
    return found


def test_row_kinds_equal_row_kind_on_every_row(tables):
    """rows.row_kinds (cell tests down each column, row_kind where one holds) gives
    row_kind's answer on every row of every table."""
    from rakxl.reader import rows
    from rakxl.reader.grid import TableCells

    kinds_seen = set()
    for path, grid, header in tables:
        cells = TableCells(grid, header.data_start)
        all_cols = sorted(set(header.cols.values()) | set(header.extras))
        fast = rows.row_kinds(cells, header.cols, header.extras)
        for i in range(cells.n):
            row = cells.row(i, all_cols)
            if rows.is_blank(tuple(row.values())) and fast[i] == rows.BLANK:
                continue
            below = {c: grid.value(cells.start + i + 1, c) for c in all_cols}
            assert fast[i] == rows.row_kind(row, below, header.cols), (path.name, cells.start + i + 1)
        kinds_seen.update(fast)
    assert kinds_seen == {rows.TABLE, rows.BLANK, rows.SIGNATURE, rows.HEADING, rows.TOTAL}


def test_column_texts_equal_cell_texts(tables):
    """TableCells.texts (whole columns, text cells stripped at once) gives the text
    of every cell as TableCells.text reads it."""
    from rakxl.reader.grid import TableCells

    for path, grid, header in tables:
        cells = TableCells(grid, header.data_start)
        for role, c in header.cols.items():
            plain = [cells.text(cells.start + i, c, role) for i in range(cells.n)]
            assert cells.texts(c, role) == plain, (path.name, role)


@given(st.text(alphabet=st.sampled_from(list("aB \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028"
                                             "\u2029\u202f\u205f\u3000\u200bİ")), max_size=30))
def test_normalize_header_folds_as_the_regular_expression(text):
    """layout.normalize_header (str.split) folds exactly the whitespace ``\\s+`` does."""
    import re

    from rakxl import layout

    assert layout.normalize_header(text) == re.sub(r"\s+", " ", text).strip().lower()


def test_merges_read_as_ranges_of_the_table(tmp_path_factory):
    """Rak.merges (kept as 0-based boxes until first read) gives, as Range values, every
    merged range of the sheet that reaches the table's rows, in the sheet's order."""
    from rakxl.model import Range
    from rakxl.reader.assembly import read_grid
    from rakxl.reader.header import find_header
    from rakxl.workbook import Workbook

    seen = 0
    for path in corpus(tmp_path_factory):
        with Workbook(path) as book:
            for name in book.sheet_names:
                grid = book.grid(name)
                rak = read_grid(grid, path)
                if rak is None or rak.family != "kpu":
                    continue
                start = find_header(grid).data_start
                want = tuple(Range(r1 + 1, c1 + 1, r2 + 1, c2 + 1) for r1, c1, r2, c2 in grid.merges if r2 >= start)
                assert rak.merges == want and all(type(m) is Range for m in rak.merges), path.name
                assert rak.merges is rak.merges  # built once
                seen += len(want)
    assert seen > 1000


def test_merges_given_as_ranges_copied_and_pickled(sample_path):
    """Rak(merges=...) takes Range values as before; a copy (dataclasses.replace,
    pickle) of a reading keeps its merges."""
    import dataclasses
    import pickle

    from rakxl.model import Rak, Range

    assert Rak(path=None, sheet="RAK").merges == ()
    given = (Range(8, 1, 9, 1), Range(8, 11, 12, 11))
    assert Rak(path=None, sheet="RAK", merges=given).merges == given
    rak = rakxl.read_rak(sample_path)
    want = rakxl.read_rak(sample_path).merges
    assert len(want) == 128 and Range(8, 1, 9, 1) in want
    assert pickle.loads(pickle.dumps(rak)).merges == want
    assert dataclasses.replace(rak, sheet="copy").merges == want
