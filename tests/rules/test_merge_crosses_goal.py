"""merge-crosses-goal: a merged range spanning rows of two goals."""
from rakxl.rules import merge_crosses_goal

from .build import clean_merges, clean_rows, read, triples, write_rak


def test_pelaksana_merged_over_two_goals(tmp_path):
    rows = clean_rows()
    rows[3][11] = None  # L11's text goes; L10:L12 now holds goal 2's Pelaksana
    merges = [m for m in clean_merges() if m != "L11:L12"] + ["L10:L12"]
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, merges))
    found = merge_crosses_goal.check(rak)
    assert triples(found) == [("merge-crosses-goal", "2", "L10")]
    assert found[0].message == "Sel gabungan L10:L12 (kolom Pelaksana) melintasi baris Sasaran 2 dan 3"
    assert found[0].message_en == "Merged range L10:L12 (column Pelaksana) spans rows of goals 2 and 3"


def test_indicator_and_target_merged_over_two_goals(tmp_path):
    rows = clean_rows()
    rows[3][2] = rows[3][3] = None  # goal 3 takes goal 2's indicator through the merges
    merges = [m for m in clean_merges() if m not in ("C11:C12", "D11:D12")] + ["C10:C12", "D10:D12"]
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, merges))
    assert triples(merge_crosses_goal.check(rak)) == [("merge-crosses-goal", "2", "C10"),
                                                      ("merge-crosses-goal", "2", "D10")]


def test_clean(tmp_path):
    assert merge_crosses_goal.check(read(write_rak(tmp_path / "rak.xlsx"))) == []


def test_sample(sample):
    assert merge_crosses_goal.check(sample) == []


def test_goals_over_by_bisection_equals_the_scan():
    """The bisection (goals in sheet order over rows of their own) finds exactly the goals
    the scan over every goal finds, for any span of rows."""
    import random

    from rakxl.model import Goal
    from rakxl.rules.merge_crosses_goal import goals_over

    rnd = random.Random(3)
    for _ in range(200):
        goals, row = [], rnd.randrange(1, 9)
        for k in range(rnd.randrange(0, 30)):
            first = row + rnd.randrange(0, 3)
            last = first + rnd.randrange(0, 6)
            goals.append(Goal(goal=k + 1, no=str(k + 1), sasaran=f"S{k}", first_row=first, last_row=last))
            row = last + 1
        fast = goals_over(goals)
        for _ in range(20):
            r1 = rnd.randrange(0, row + 3)
            r2 = r1 + rnd.randrange(0, 12)
            assert list(fast(r1, r2)) == [g for g in goals if g.first_row <= r2 and g.last_row >= r1]
