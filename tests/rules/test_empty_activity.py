"""empty-activity: a row with a Pagu or targets but no activity name."""
from rakxl.rules import empty_activity

from .build import clean_rows, read, triples, write_rak


def test_row_with_pagu_and_target_but_no_name(tmp_path):
    rows = clean_rows()
    rows[4][4] = None   # E12: goal 3's second activity loses its name
    rak = read(write_rak(tmp_path / "rak.xlsx", rows))
    found = empty_activity.check(rak)
    assert triples(found) == [("empty-activity", "3", "E12")]
    assert found[0].message == "Baris 12 memiliki Pagu dan target tetapi tidak memiliki nama kegiatan"


def test_row_with_only_quarter_plans(tmp_path):
    rows = clean_rows()
    rows.insert(3, [None, None, None, None, None, None, None, "1 lap", None, None, None, None])  # row 11, goal 2
    merges = ["A8:A9", "B8:B9", "C8:C9", "D8:D9", "K8:K9", "L8:L9",
              "A12:A13", "B12:B13", "C12:C13", "D12:D13", "L12:L13"]
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, merges))
    assert triples(empty_activity.check(rak)) == [("empty-activity", "2", "E11")]


def test_clean(tmp_path):
    assert empty_activity.check(read(write_rak(tmp_path / "rak.xlsx"))) == []


def test_sample(sample):
    assert empty_activity.check(sample) == []
