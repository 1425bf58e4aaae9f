"""duplicate-budget: a goal repeating another goal's budget."""
import re

import pytest

from rakxl.rules import duplicate_budget

from .build import clean_merges, clean_rows, read, triples, write_rak


def _goal3(rows, kegiatan, pagu):
    """Give goal 3 (rows 11-12) these activity names and Pagu amounts."""
    rows[3][4], rows[4][4] = kegiatan
    rows[3][10], rows[4][10] = pagu


def test_repeats_lines_and_activities_with_one_activity_more(tmp_path):
    rows = clean_rows()
    _goal3(rows, ("Pengadaan Logistik", "DISTRIBUSI  logistik"), (10_000_000, None))
    rows.append([None, None, None, None, "Evaluasi Logistik", "B", None, None, None, None, None, None])
    merges = clean_merges() + ["K11:K13"]
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, merges, total=25_000_000))
    found = duplicate_budget.check(rak)
    assert triples(found) == [("duplicate-budget", "3", "K11")]
    assert "Sasaran 1" in found[0].message


def test_total_equals_total_of_goal_with_same_sasaran(tmp_path):
    rows = clean_rows()
    rows[3][1] = "Terwujudnya dukungan logistik"
    _goal3(rows, ("Belanja Operasional", "Pemeliharaan Gudang"), (6_000_000, 4_000_000))
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, total=25_000_000))
    assert triples(duplicate_budget.check(rak)) == [("duplicate-budget", "3", "K11")]


def test_same_total_but_other_sasaran_and_activities(tmp_path):
    rows = clean_rows()
    _goal3(rows, ("Belanja Operasional", "Pemeliharaan Gudang"), (6_000_000, 4_000_000))
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, total=25_000_000))
    assert duplicate_budget.check(rak) == []


def test_same_amount_other_activities(tmp_path):
    rows = clean_rows()
    _goal3(rows, ("Belanja Operasional", "Pemeliharaan Gudang"), (10_000_000, None))
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, clean_merges() + ["K11:K12"], total=25_000_000))
    assert duplicate_budget.check(rak) == []


def test_clean(tmp_path):
    assert duplicate_budget.check(read(write_rak(tmp_path / "rak.xlsx"))) == []


def test_sample(sample):
    found = duplicate_budget.check(sample)
    assert triples(found) == [("duplicate-budget", "17", "K44"), ("duplicate-budget", "28", "K69"),
                              ("duplicate-budget", "29", "K71")]
    assert [f.message_en for f in found] == [
        "The Pagu of goal 17 (Rp 1,159,691,000) equals the Pagu of goal 4, which has the same Sasaran; "
        "the money may be counted twice",
        "The Pagu of goal 28 (Rp 29,295,000) repeats the budget lines and activities of goal 1; "
        "the money may be counted twice",
        "The Pagu of goal 29 (Rp 39,044,000) repeats the budget lines and activities of goal 6; "
        "the money may be counted twice",
    ]


def _reasons_by_every_pair(goals, lines_of, names_of):
    """The rule as first written: each goal compared with every earlier one (the plain path)."""
    def same(a, b):
        small, large = (a, b) if len(a) <= len(b) else (b, a)
        return bool(small) and small <= large and len(large) - len(small) <= 1

    out, seen, by_total = {}, [], {}
    for g, sasaran in goals:
        lines = tuple(sorted(lines_of.get(g, [])))
        if not lines or sum(lines) == 0:
            continue
        match = next((e for e, e_lines in seen if e_lines == lines and same(names_of.get(e, set()),
                                                                              names_of.get(g, set()))), None)
        key = (sum(lines), sasaran.lower())
        if match is not None:
            out[g] = ("lines", match)
        elif key in by_total:
            out[g] = ("total", by_total[key])
        seen.append((g, lines))
        by_total.setdefault(key, g)
    return out


@pytest.mark.parametrize("seed", range(8))
def test_indexed_lookups_equal_every_pair(seed):
    """Random plans with many repeated goals: the indexed rule finds what comparing
    every pair of goals finds."""
    import random

    from rakxl.model import Activity, BudgetLine, Goal, Plan, Rak

    rnd = random.Random(seed)
    goals, lines_of, names_of, budgets, acts = [], {}, {}, [], []
    row = 10
    for g in range(1, rnd.choice([30, 120]) + 1):
        sasaran = rnd.choice(["Sasaran A", "Sasaran B", "sasaran a", "Sasaran C"])
        names = rnd.sample(["rapat", "sosialisasi", "bimtek", "monev", "pengadaan", "laporan"], rnd.randint(0, 4))
        if rnd.random() < 0.3:
            names = names[:rnd.randint(0, len(names))]
        amounts = [rnd.choice([0, 5, 10, 20]) * 1000 for _ in range(rnd.randint(0, 2))]
        first = row
        for name in names or [None]:
            acts.append(Activity(g, str(g), sasaran, kegiatan=name, row=row))
            row += 1
        goals.append(Goal(g, str(g), sasaran, first, row - 1))
        for amount in amounts:
            budgets.append(BudgetLine(len(budgets) + 1, g, str(g), amount, None, col=11, first_row=first,
                                      last_row=first))
            lines_of.setdefault(g, []).append(amount)
        names_of[g] = {n for n in names}
    rak = Rak(path=None, sheet="RAK", plan=Plan(goals=tuple(goals), activities=tuple(acts),
                                                budget_lines=tuple(budgets)), column_of={"pagu": 11})
    expected = _reasons_by_every_pair([(x.goal, x.sasaran) for x in goals], lines_of, names_of)
    found = duplicate_budget.check(rak)
    said = [re.search(r"(repeats|equals) .*?of goal (\d+)", f.message_en) for f in found]
    got = {int(f.no): ("lines" if m.group(1) == "repeats" else "total", int(m.group(2))) for f, m in zip(found, said)}
    assert got == expected
    assert len(expected) >= 3
