"""missing-budget: a goal with no Pagu on any of its rows."""
from rakxl.rules import missing_budget

from .build import clean_merges, clean_rows, read, triples, write_rak


def test_goal_without_pagu(tmp_path):
    rows = clean_rows()
    rows[2][10] = None  # goal 2 (row 10) loses its Pagu
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, total=14_000_000))
    assert triples(missing_budget.check(rak)) == [("missing-budget", "2", "K10")]


def test_zero_or_dash_is_no_budget(tmp_path):
    rows = clean_rows()
    rows[2][10] = 0
    rows[3][10], rows[4][10] = "-", None
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, total=10_000_000))
    assert triples(missing_budget.check(rak)) == [("missing-budget", "2", "K10"), ("missing-budget", "3", "K11")]


def test_merged_goal_without_pagu_points_at_its_first_row(tmp_path):
    rows = clean_rows()
    rows[0][10] = None
    merges = [m for m in clean_merges() if m != "K8:K9"]
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, merges, total=9_000_000))
    assert triples(missing_budget.check(rak)) == [("missing-budget", "1", "K8")]


def test_goal_without_a_no_is_named_by_position(tmp_path):
    rows = clean_rows()
    for row in rows:
        row[0] = None
    rows[2][10] = None
    found = missing_budget.check(read(write_rak(tmp_path / "rak.xlsx", rows, total=14_000_000)))
    assert triples(found) == [("missing-budget", None, "K10")]
    assert found[0].message == "Sasaran ke-2 tidak memiliki Pagu Anggaran di baris mana pun"
    assert found[0].message_en == "Goal #2 has no Pagu (budget) on any of its rows"


def test_unreadable_pagu_is_left_to_amount_invalid(tmp_path):
    rows = clean_rows()
    rows[2][10] = "lihat lampiran"
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, total=14_000_000))
    assert missing_budget.check(rak) == []


def test_clean(tmp_path):
    assert missing_budget.check(read(write_rak(tmp_path / "rak.xlsx"))) == []


def test_sample(sample):
    assert triples(missing_budget.check(sample)) == [
        ("missing-budget", "13", "K39"), ("missing-budget", "20", "K49"),
        ("missing-budget", "23", "K55"), ("missing-budget", "25", "K60")]
