"""Benchmark of :func:`rakxl.diff` on two large plans.

Run from the project root::

    python benchmarks/diff_bench.py            # 10,000 rows
    python benchmarks/diff_bench.py 20000

The old plan is a workbook of N activity rows from ``benchmarks/generate.py`` (its
goals share six Sasaran texts, which is the hard case for matching by text). The new
plan is the same plan revised the way offices revise: goals inserted and removed
(the rest renumbered), Sasaran typos fixed, activities renamed, added and removed,
targets and quarters changed, budgets moved between goals and Pagu ranges split.
A second revision changes every goal's Sasaran; a third gives every goal a Sasaran
of its own, then changes every Sasaran and renames one activity in every goal, so
that no goal matches exactly and every one goes through similarity matching.

It prints the time of ``rakxl.diff(old, new)`` (the best of three; reading the
workbooks is not included) and of ``rakxl diff OLD NEW`` as a real process (reading
included), with the counts of the diff.
"""
from __future__ import annotations

import copy
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)


def revise(goals: list[dict], seed: int = 9) -> list[dict]:
    """A typical revision of a generated plan (see the module docstring)."""
    rnd = random.Random(seed)
    goals = copy.deepcopy(goals)
    out = []
    for k, goal in enumerate(goals):
        if k % 97 == 5:
            continue  # goal removed
        if k % 83 == 7:  # goal inserted before this one
            out.append({"no": "", "sasaran": "Terwujudnya sasaran baru hasil revisi",
                        "indicators": [("Indikator baru", "100%", [
                            {"kegiatan": f"Kegiatan baru {k}", "target": "1 Dokumen", "quarters": ["√", "", "", ""]}])],
                        "budgets": [(0, 0, 5_000_000, "Subbag SDM")]})
        if k % 41 == 3:
            goal["sasaran"] = goal["sasaran"].replace("a", "aa", 1)  # a typo fixed (or made)
        for _, _, acts in goal["indicators"]:
            for act in acts:
                roll = rnd.random()
                if roll < 0.01:
                    act["kegiatan"] = act["kegiatan"].replace("e", "", 1)  # renamed (typo)
                elif roll < 0.02:
                    act["target"] = "3 Dokumen"
                elif roll < 0.03:
                    act["quarters"][2] = "2 Laporan"
        last = goal["indicators"][-1][2]
        n_acts = sum(len(x[2]) for x in goal["indicators"])
        if k % 29 == 11 and len(last) > 1:
            last.pop()  # an activity removed (the last of the goal)
            goal["budgets"] = [(a, b if b < n_acts - 1 else b - 1, p, pel) for a, b, p, pel in goal["budgets"]
                               if a < n_acts - 1]
        elif k % 31 == 13:
            last.append({"kegiatan": f"Kegiatan tambahan {k}", "target": "1 Dokumen",
                         "quarters": ["", "√", "", ""]})  # an activity added (at the end of the goal)
            goal["budgets"] = [(a, b + 1 if b == n_acts - 1 else b, p, pel) for a, b, p, pel in goal["budgets"]]
        if k % 37 == 17 and goal["budgets"]:
            a, b, p, pel = goal["budgets"][0]
            goal["budgets"][0] = (a, b, p - 1_000_000, pel)  # budget moved to the next goal
            if k + 1 < len(goals) and goals[k + 1]["budgets"]:
                a2, b2, p2, pel2 = goals[k + 1]["budgets"][0]
                goals[k + 1]["budgets"][0] = (a2, b2, p2 + 1_000_000, pel2)
        if k % 43 == 19 and goal["budgets"] and goal["budgets"][0][1] > goal["budgets"][0][0]:
            a, b, p, pel = goal["budgets"][0]
            goal["budgets"][0:1] = [(a, a, p // 2, pel), (a + 1, b, p - p // 2, pel)]  # a range split in two
        out.append(goal)
    for n, goal in enumerate(out, start=1):
        goal["no"] = str(n)
    return out


def every_sasaran_changed(goals: list[dict]) -> list[dict]:
    goals = copy.deepcopy(goals)
    for goal in goals:
        goal["sasaran"] = goal["sasaran"].replace("n", "nn", 1)
    return goals


def distinct_sasaran(goals: list[dict]) -> list[dict]:
    """The plan with a Sasaran text of its own for every goal (as real plans have)."""
    goals = copy.deepcopy(goals)
    for k, goal in enumerate(goals):
        goal["sasaran"] = f"{goal['sasaran']} wilayah {k * 7919 % 10007}"
    return goals


def everything_touched(goals: list[dict]) -> list[dict]:
    """Every Sasaran changed and the first activity of every goal renamed: nothing
    matches exactly, every goal and many activities go through similarity."""
    goals = every_sasaran_changed(goals)
    for goal in goals:
        act = goal["indicators"][0][2][0]
        act["kegiatan"] = act["kegiatan"].replace("a", "", 1)
    return goals


def write(goals, target: Path) -> Path:
    original = generate.plan
    generate.plan = lambda n_rows, seed=2021, units=None: goals
    try:
        generate.build(target, sum(len(a) for g in goals for _, _, a in g["indicators"]))
    finally:
        generate.plan = original
    return target


def measure(old_path: Path, new_path: Path, label: str) -> None:
    import rakxl

    old, new = rakxl.read_rak(old_path), rakxl.read_rak(new_path)
    best = None
    for _ in range(3):
        t = time.perf_counter()
        d = rakxl.diff(old, new)
        took = time.perf_counter() - t
        best = took if best is None else min(best, took)
    counts = d.goals["change"].value_counts().to_dict()
    acts = d.activities["change"].value_counts().to_dict()
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "rakxl.cli", "diff", str(old_path), str(new_path)],
                          capture_output=True, text=True)
    cli = time.perf_counter() - t
    print(f"{label}: {len(old.activities):,} -> {len(new.activities):,} rows, "
          f"{len(old.goals):,} -> {len(new.goals):,} goals")
    print(f"  rakxl.diff: {best:.3f} s (best of 3)   rakxl diff (process, reading included): {cli:.2f} s, "
          f"exit {proc.returncode}")
    print(f"  goals {counts}; activities {acts}; total delta {int(d.totals['delta'].iloc[-1]):+,}")


def main(n_rows: int = 10_000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        base = generate.plan(n_rows)
        old = write(base, tmp / "old.xlsx")
        measure(old, write(revise(base), tmp / "new.xlsx"), "typical revision")
        measure(old, write(every_sasaran_changed(base), tmp / "all.xlsx"), "every Sasaran changed")
        distinct = distinct_sasaran(base)
        measure(write(distinct, tmp / "distinct.xlsx"), write(everything_touched(distinct), tmp / "touched.xlsx"),
                "distinct Sasaran texts, every goal touched (Sasaran and one activity)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
