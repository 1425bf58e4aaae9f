"""merged-cell-gap: a blank, unmerged hierarchy cell in a sheet that merges that column."""
from rakxl.rules import merged_cell_gap

from .build import clean_merges, read, triples, write_rak


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


def test_clean(tmp_path):
    assert merged_cell_gap.check(read(write_rak(tmp_path / "rak.xlsx"))) == []


def test_sample(sample):
    assert merged_cell_gap.check(sample) == []
