"""rakxl.diff's fast path gives the plain path's answer.

The fast path: a goal pair with the same signature (the same activities in the same
order, names and fields as compared, budget amounts) whose budget lines cover the
same rows is not compared activity by activity, since matching would pair each
activity with the one in its place and find nothing changed
(:func:`rakxl.revisions.compare._identical`). The plain path
(``_diff(old, new, fast=False)``) compares every goal pair. Every diff of
tests/test_revisions.py is checked both ways; here, plans built in memory with
random edits (budget lines crossing goals included, the case where a signature
alone could mislead) and the benchmark's generated plans revised as offices revise.
"""
from __future__ import annotations

import dataclasses
import importlib
import random

from rakxl.model import Activity, BudgetLine, Goal, Meta, Plan, Rak
from rakxl.revisions.compare import _diff, _identical
from rakxl.revisions.sides import _Plan
from tests.conftest import ROOT

COLUMNS = {"no": 1, "sasaran": 2, "indikator": 3, "target_indikator": 4, "kegiatan": 5, "target_kegiatan": 6,
           "tw1": 7, "tw2": 8, "tw3": 9, "tw4": 10, "pagu": 11, "pelaksana": 12}


def assert_same(old: Rak, new: Rak):
    fast, plain = _diff(old, new), _diff(old, new, fast=False)
    assert fast.goal_rows == plain.goal_rows
    assert fast.activity_rows == plain.activity_rows
    assert (fast.total_rows, fast.meta_rows) == (plain.total_rows, plain.meta_rows)
    return fast


# -- plans in memory ----------------------------------------------------------------

def rak_of(goals: list[dict], pagu: dict) -> Rak:
    """``goals``: [{"sasaran", "acts": [(kegiatan, target, tw1, pelaksana, line key)]}],
    ``pagu``: {line key: amount}; a line key used in two goals is one budget line
    crossing them."""
    row, out_goals, acts, lines, line_of = 8, [], [], {}, {}
    for g, goal in enumerate(goals, 1):
        first = row
        for kegiatan, target, tw1, pelaksana, key in goal["acts"]:
            if key is not None and key not in line_of:
                line_of[key] = len(line_of) + 1
                lines[key] = [line_of[key], g, str(g), pagu[key], pelaksana, 11, row, row]
            if key is not None:
                lines[key][7] = row
            acts.append(Activity(g, str(g), goal["sasaran"], kegiatan=kegiatan, target_kegiatan=target, tw1=tw1,
                                 pelaksana=pelaksana, budget_line=line_of.get(key), row=row))
            row += 1
        out_goals.append(Goal(g, str(g), goal["sasaran"], first, max(first, row - 1)))
    budget_lines = tuple(BudgetLine(*v) for v in lines.values())
    return Rak(path=None, sheet="RAK", meta=Meta(), column_of=dict(COLUMNS),
               plan=Plan(goals=tuple(out_goals), activities=tuple(acts), budget_lines=budget_lines))


NAMES = ["Rapat koordinasi", "Bimbingan teknis", "Monitoring", "Sosialisasi", "Rapat koordinasi "]
SASARAN = ["Sasaran A", "Sasaran B", "sasaran a", "Sasaran C"]


def random_plan(rnd: random.Random) -> tuple[list[dict], dict]:
    goals, key, pagu = [], 0, {}
    for _ in range(rnd.randint(1, 12)):
        acts = []
        for _ in range(rnd.randint(0, 5)):
            roll = rnd.random()
            if roll < 0.2:
                line = None
            elif roll < 0.5 and acts and acts[-1][4] is not None:
                line = acts[-1][4]  # the Pagu range above goes on
            elif roll < 0.6 and goals and goals[-1]["acts"] and goals[-1]["acts"][-1][4] is not None:
                line = goals[-1]["acts"][-1][4]  # a range crossing into this goal
            else:
                key += 1
                line = key
                pagu[line] = rnd.choice([1_000, 2_000, 5_000])
            acts.append((rnd.choice(NAMES), rnd.choice(["1 Dokumen", "2 Dokumen", None]), rnd.choice(["√", None]),
                         rnd.choice(["Subbag Umum", "Subbag SDM"]), line))
        goals.append({"sasaran": rnd.choice(SASARAN), "acts": acts})
    return goals, pagu


def edited(goals: list[dict], pagu: dict, rnd: random.Random) -> tuple[list[dict], dict]:
    goals, pagu = [{**g, "acts": list(g["acts"])} for g in goals], dict(pagu)
    for _ in range(rnd.randint(0, 4)):
        if not goals:
            break
        g = rnd.choice(goals)
        roll = rnd.random()
        if roll < 0.2 and g["acts"]:
            i = rnd.randrange(len(g["acts"]))
            g["acts"][i] = (rnd.choice(NAMES),) + g["acts"][i][1:]
        elif roll < 0.35 and g["acts"]:
            i = rnd.randrange(len(g["acts"]))
            g["acts"][i] = g["acts"][i][:1] + (rnd.choice(["1 Dokumen", "3 Dokumen"]),) + g["acts"][i][2:]
        elif roll < 0.5 and g["acts"]:
            del g["acts"][rnd.randrange(len(g["acts"]))]
        elif roll < 0.6 and len(g["acts"]) > 1:
            i = rnd.randrange(len(g["acts"]) - 1)
            g["acts"][i], g["acts"][i + 1] = g["acts"][i + 1], g["acts"][i]
        elif roll < 0.75 and g["acts"]:  # a range split: this row gets a line of its own, same amount
            i = rnd.randrange(len(g["acts"]))
            key = max(pagu, default=0) + 1
            pagu[key] = rnd.choice([1_000, 2_000, 5_000])
            g["acts"][i] = g["acts"][i][:4] + (key,)
        elif roll < 0.85 and pagu:
            pagu[rnd.choice(list(pagu))] += 1_000
        elif roll < 0.95:
            goals.insert(rnd.randrange(len(goals) + 1), {"sasaran": "Sasaran baru", "acts": [
                ("Kegiatan baru", "1 Dokumen", "√", "Subbag Umum", None)]})
        else:
            goals.remove(g)
    return goals, pagu


def test_random_plans_in_memory():
    rnd = random.Random(12)
    fast_taken = 0
    for _ in range(400):
        base, pagu = random_plan(rnd)
        old, new = rak_of(base, pagu), rak_of(*edited(base, pagu, rnd))
        assert_same(old, new)
        po, pn = _Plan(old), _Plan(new)
        fast_taken += sum(_identical(po, pn, k, k) for k in range(min(len(po.goal_ids), len(pn.goal_ids))))
    assert fast_taken > 500  # the fast path is taken often, not only proven where it is never used


def test_same_signature_other_rows_under_a_budget_line():
    """Old goal 2: C under the line crossing from goal 1, D under a line of its own of
    the same amount and rank; new goal 2: C and D under one line. The signatures agree
    but the lines cover other rows: the pair goes the plain way and the Pagu change of
    C and D is found."""
    def plan(split: bool):
        first = {"sasaran": "Sasaran A", "acts": [("A", None, None, "U", 1), ("B", None, None, "U", 2)]}
        second = {"sasaran": "Sasaran B", "acts": [("X", None, None, "U", 3),
                                                   ("C", None, None, "U", 2 if split else 4),
                                                   ("D", None, None, "U", 5 if split else 4)]}
        return rak_of([first, second], {1: 1_000, 2: 5_000, 3: 1_000, 4: 5_000, 5: 5_000})

    old, new = plan(split=True), plan(split=False)
    po, pn = _Plan(old), _Plan(new)
    assert po.goal_sig[1] == pn.goal_sig[1] and not _identical(po, pn, 1, 1)
    d = assert_same(old, new)
    assert [(r["kegiatan_new"], r["fields"]) for r in d.activity_rows] == [("C", "pagu"), ("D", "pagu")]


# -- the benchmark's generated plans ---------------------------------------------------

def test_generated_plans_revised(tmp_path, monkeypatch):
    import rakxl

    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    diff_bench = importlib.import_module("diff_bench")

    goals = diff_bench.generate.plan(600)
    distinct = diff_bench.distinct_sasaran(goals)
    plans = {"base": goals, "revised": diff_bench.revise(goals), "every": diff_bench.every_sasaran_changed(goals),
             "distinct": distinct, "touched": diff_bench.everything_touched(distinct)}
    raks = {k: rakxl.read_rak(diff_bench.write(v, tmp_path / f"{k}.xlsx")) for k, v in plans.items()}
    for a, b in (("base", "revised"), ("revised", "base"), ("base", "every"), ("distinct", "touched"),
                 ("touched", "distinct"), ("base", "base"), ("revised", "touched")):
        d = assert_same(raks[a], raks[b])
        assert d.is_empty == (a == b)
    reordered = dataclasses.replace(raks["base"].plan, goals=raks["base"].plan.goals[::-1])
    assert_same(raks["base"], dataclasses.replace(raks["base"], plan=reordered))
