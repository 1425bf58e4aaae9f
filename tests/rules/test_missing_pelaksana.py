"""missing-pelaksana: activities with no Pelaksana."""
from rakxl.rules import missing_pelaksana

from .build import clean_rows, read, triples, write_rak


def test_goal_without_pelaksana(tmp_path):
    rows = clean_rows()
    rows[2][11] = None
    rak = read(write_rak(tmp_path / "rak.xlsx", rows))
    assert triples(missing_pelaksana.check(rak)) == [("missing-pelaksana", "2", "L10")]


def test_one_finding_per_goal(tmp_path):
    rows = clean_rows()
    rows[0][11] = None  # goal 1: rows 8-9 (L8:L9 merged, now empty)
    rak = read(write_rak(tmp_path / "rak.xlsx", rows))
    assert triples(missing_pelaksana.check(rak)) == [("missing-pelaksana", "1", "L8")]


def test_clean(tmp_path):
    assert missing_pelaksana.check(read(write_rak(tmp_path / "rak.xlsx"))) == []


def test_sample(sample):
    assert missing_pelaksana.check(sample) == []
