"""duplicate-goal: two goals with the same Sasaran (case- and space-insensitive)."""
from rakxl.rules import duplicate_goal

from .build import clean_rows, read, triples, write_rak


def test_same_sasaran_other_case_and_spaces(tmp_path):
    rows = clean_rows()
    rows[3][1] = "  terwujudnya dukungan\n  LOGISTIK "
    rak = read(write_rak(tmp_path / "rak.xlsx", rows))
    assert triples(duplicate_goal.check(rak)) == [("duplicate-goal", "3", "B11")]


def test_clean(tmp_path):
    assert duplicate_goal.check(read(write_rak(tmp_path / "rak.xlsx"))) == []


def test_sample(sample):
    assert triples(duplicate_goal.check(sample)) == [("duplicate-goal", "17", "B44")]
