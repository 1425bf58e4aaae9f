"""merged-cell-gap: a blank, unmerged hierarchy cell in a sheet that merges that column."""
from rakxl.rules import merged_cell_gap

from .build import HEADER, clean_merges, clean_rows, read, triples, write_rak


def test_indicator_cell_left_unmerged(tmp_path):
    merges = [m for m in clean_merges() if m != "C8:C9"]  # C9 blank, C11:C12 still merged
    rak = read(write_rak(tmp_path / "rak.xlsx", merges=merges))
    assert triples(merged_cell_gap.check(rak)) == [("merged-cell-gap", "1", "C9")]
    assert "Indikator" in merged_cell_gap.check(rak)[0].message


def test_pelaksana_and_sasaran_unmerged(tmp_path):
    merges = [m for m in clean_merges() if m not in ("L11:L12", "B8:B9")]
    rak = read(write_rak(tmp_path / "rak.xlsx", merges=merges))
    assert triples(merged_cell_gap.check(rak)) == [("merged-cell-gap", "1", "B9"), ("merged-cell-gap", "3", "L12")]


def test_column_never_merged_is_not_a_gap(tmp_path):
    """A sheet with no merges at all uses blank continuation cells on purpose."""
    rak = read(write_rak(tmp_path / "rak.xlsx", merges=[]))
    assert merged_cell_gap.check(rak) == []


def test_header_repeated_after_a_page_break_does_not_make_columns_merged(tmp_path):
    """A plan with blank continuation cells (no merges) whose header is repeated, with
    its own vertical merges, inside goal 3."""
    rows = clean_rows()
    header = [HEADER[:6] + [None] * 4 + HEADER[10:], [None] * 6 + ["I", "II", "III", "IV", None, None]]
    rows[4:4] = header          # rows 12-13; goal 3 goes on at row 14
    merges = [f"{c}12:{c}13" for c in "ABCDEFKL"] + ["G12:J12"]
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, merges))
    assert len(rak.goals) == 3 and len(rak.activities) == 5
    assert merged_cell_gap.check(rak) == []


def test_clean(tmp_path):
    assert merged_cell_gap.check(read(write_rak(tmp_path / "rak.xlsx"))) == []


def test_sample(sample):
    assert merged_cell_gap.check(sample) == []
