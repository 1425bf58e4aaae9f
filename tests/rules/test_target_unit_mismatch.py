"""target-unit-mismatch: activities counted in another unit than their indicator."""
from rakxl.rules import target_unit_mismatch

from .build import clean_rows, read, triples, write_rak


def test_percent_activity_under_a_count_indicator(tmp_path):
    rows = clean_rows()
    rows[2][5] = "100 %"   # F10: goal 2's indicator target is "4 lap"
    rak = read(write_rak(tmp_path / "rak.xlsx", rows))
    found = target_unit_mismatch.check(rak)
    assert triples(found) == [("target-unit-mismatch", "2", "F10")]
    assert found[0].severity == "info"


def test_one_finding_per_indicator(tmp_path):
    rows = clean_rows()
    rows[0][5] = rows[1][5] = "2 lap"   # F8, F9 under goal 1's "100 %"
    rak = read(write_rak(tmp_path / "rak.xlsx", rows))
    assert triples(target_unit_mismatch.check(rak)) == [("target-unit-mismatch", "1", "F8")]


def test_abbreviated_unit_is_the_same_unit(tmp_path):
    rows = clean_rows()
    rows[2][5] = "12 Laporan"   # against "4 lap"
    assert target_unit_mismatch.check(read(write_rak(tmp_path / "rak.xlsx", rows))) == []


def test_clean(tmp_path):
    assert target_unit_mismatch.check(read(write_rak(tmp_path / "rak.xlsx"))) == []


def test_sample(sample):
    assert triples(target_unit_mismatch.check(sample)) == [
        ("target-unit-mismatch", "5", "F18"), ("target-unit-mismatch", "14", "F40")]
