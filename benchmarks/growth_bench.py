"""How rakxl's time grows with the rows: read, check, write and diff at 1,000, 10,000
and 100,000 activity rows, and the growth factor per 10x rows.

Run from the project root::

    python benchmarks/growth_bench.py             # 1,000 / 10,000 / 100,000 rows
    python benchmarks/growth_bench.py --rounds 5
    python benchmarks/growth_bench.py --json out.json
    python benchmarks/growth_bench.py --steps read,check   # only these steps
    python benchmarks/growth_bench.py --freeze             # the harness freezes its readings

A step whose work is linear in the rows grows about 10x per 10x rows (a little less
from 1,000 to 10,000, where fixed costs still count; a little more from 10,000 to
100,000, where the data no longer fits the processor's caches). A quadratic step
grows 100x. The script exits with status 1 when a factor exceeds
:data:`LIMIT` (issue 19: "no super-linear step"), so that a regression fails its
own run; there is no timing assertion in the test suite.

Most of what grows faster than the rows is Python's cyclic garbage collector: each
of its full passes walks every live container object (rows, model values, findings),
and the passes come more often per row once the data outweighs the interpreter's
own objects. ``--freeze`` moves what the harness holds after the read step (the
readings) out of those walks with :func:`gc.freeze`, to tell a step's own growth
from the collector's; the library itself never pauses or freezes the collector.
``benchmarks/phase_bench.py`` shows the collector's part stage by stage.

The steps, each timed as CPU seconds of a fresh process per size and round
(``time.process_time``: less disturbed than wall time by other jobs on a shared
machine), the best of ``--rounds`` rounds, the sizes interleaved within each round.
The collector runs (``gc.collect()``, not timed) before each step, so that no step
pays for the garbage the step before it left (the write step leaves its workbook's
objects for the collector: timed after it, a 100,000-row diff took 1.2 s longer, a
full collection of them, while at 10,000 rows no such collection fell inside the
diff):

- ``read``: :func:`rakxl.read_rak` of the workbook (``benchmarks/generate.py``);
- ``check``: :func:`rakxl.check` of that reading (every rule);
- ``write``: :func:`rakxl.write_rak` of that reading (the official layout);
- ``diff``: :func:`rakxl.diff` of that reading against a revision of it
  (``benchmarks/diff_bench.py``: goals inserted and removed, typos fixed,
  activities renamed, added and removed, budgets moved, Pagu ranges split), and
  against a plan in which every Sasaran changed and every goal lost a letter of
  one activity (``touched``: every goal goes through similarity matching).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import diff_bench  # noqa: E402  (benchmarks/diff_bench.py)
import generate  # noqa: E402  (benchmarks/generate.py)
from machine import load_average  # noqa: E402  (benchmarks/machine.py)

DATA = HERE / "data"
SAMPLE = HERE.parent / "samples" / "RAK_2021.xlsx"
SIZES = (1_000, 10_000, 100_000)
#: The largest growth factor per 10x rows accepted.
LIMIT = 12.0
STEPS = ("read", "check", "write", "diff", "diff touched")


def inputs(n: int) -> dict[str, Path]:
    """The workbooks of one size (made once, kept in benchmarks/data/)."""
    DATA.mkdir(exist_ok=True)
    base = DATA / f"RAK_{n}.xlsx"
    generate.ensure(base, n)
    out = {"base": base}
    goals = None
    for name, make in (("revised", lambda g: diff_bench.revise(g)),
                       ("distinct", lambda g: diff_bench.distinct_sasaran(g)),
                       ("touched", lambda g: diff_bench.everything_touched(diff_bench.distinct_sasaran(g)))):
        path = DATA / f"growth_{n}_{name}.xlsx"
        if not path.exists():
            goals = goals or generate.plan(n)
            diff_bench.write(make(goals), path)
        out[name] = path
    return out


def cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def child(n: int, steps=STEPS, freeze: bool = False) -> None:
    """One round at one size, in this fresh process: the CPU seconds of each step (JSON)."""
    import gc

    import rakxl

    files = inputs(n)
    warm = rakxl.read_rak(SAMPLE)  # modules imported before any timing (as a long-running program has them)
    rakxl.check(warm)
    diffs = {"diff": ("revised",), "diff touched": ("distinct", "touched")}
    other = {k: rakxl.read_rak(files[k]) for step in steps for k in diffs.get(step, ())}
    out, held = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        wanted, steps = steps, {
            "read": lambda: held.setdefault("rak", rakxl.read_rak(files["base"])),
            "check": lambda: rakxl.check(held["rak"]),
            "write": lambda: rakxl.write_rak(held["rak"], Path(tmp) / "w.xlsx"),
            "diff": lambda: rakxl.diff(held["rak"], other["revised"]),
            "diff touched": lambda: rakxl.diff(other["distinct"], other["touched"]),
        }
        for step in STEPS:
            if step in wanted:
                gc.collect()  # no step pays for the garbage of the one before it
                out[step] = cpu(steps[step])
            if step == "read":  # the reading the next steps start from (read untimed when not asked for)
                held.setdefault("rak", rakxl.read_rak(files["base"]))
                if freeze:  # out of the collector's walks
                    gc.freeze()
    print(json.dumps(out))


def table(sizes, steps, best: dict, out=sys.stdout) -> tuple[float, dict]:
    """Print the Markdown table of ``best`` CPU seconds by (step, size) and the growth
    per 10x rows between neighbouring sizes; return the worst growth and the growths."""
    factors = {}
    for step in steps:
        for a, b in zip(sizes, sizes[1:]):
            factors[(step, b)] = best[(step, b)] / best[(step, a)] / (b / a) * 10
    head = ["step"] + [f"{n:,} rows" for n in sizes] + [f"growth {a:,} -> {b:,}" for a, b in zip(sizes, sizes[1:])]
    print("| " + " | ".join(head) + " |", file=out)
    print("|" + " --- |" * len(head), file=out)
    worst = 0.0
    for step in steps:
        cells = [f"{best[(step, n)]:.3f} s" for n in sizes]
        for b in sizes[1:]:
            f = factors[(step, b)]
            worst = max(worst, f)
            cells.append(f"{f:.1f}x" + (" (over the limit)" if f > LIMIT else ""))
        print(f"| {step} | " + " | ".join(cells) + " |", file=out)
    return worst, factors


def measure(sizes=SIZES, rounds: int = 3, out=sys.stdout, steps=STEPS, freeze: bool = False) -> dict:
    """Each round runs every size in a fresh process (so that no size works in a heap
    the others have grown), the sizes interleaved; the best of the rounds counts."""
    import subprocess

    for n in sizes:
        inputs(n)  # made once, before any timing
    best: dict[tuple[str, int], float] = {}
    loads = [load_average()]
    for r in range(rounds):
        for n in sizes:
            proc = subprocess.run([sys.executable, __file__, "--child", str(n), "--steps", ",".join(steps)]
                                  + ["--freeze"] * freeze,
                                  capture_output=True, text=True, check=True)
            for step, took in json.loads(proc.stdout.strip().splitlines()[-1]).items():
                best[(step, n)] = min(took, best.get((step, n), took))
        loads.append(load_average())
        print(f"round {r + 1}/{rounds} done, load {loads[-1]}", file=sys.stderr)
    worst, factors = table(sizes, steps, best, out)
    print(f"\nCPU seconds, best of {rounds} rounds (a fresh process per size and round); growth per 10x "
          f"rows, limit {LIMIT:g}x. Load average (1, 5, 15 min) at the start and after each round: "
          f"{'; '.join(loads)}." + (" With --freeze: the harness froze its readings (gc.freeze) after the "
                                    "read step." if freeze else ""), file=out)
    return {"sizes": list(sizes), "rounds": rounds, "loads": loads, "limit": LIMIT, "worst": worst, "freeze": freeze,
            "seconds": {f"{s}@{n}": v for (s, n), v in best.items()},
            "factors": {f"{s}@{n}": v for (s, n), v in factors.items()}}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated row counts")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--steps", default=",".join(STEPS), help=f"comma-separated steps (default: all of {', '.join(STEPS)})")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    ap.add_argument("--freeze", action="store_true",
                    help="gc.freeze() in the harness after the read step: the steps after it do not pay for the "
                         "collector walking the readings the harness holds (a diagnosis; off by default)")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    steps = tuple(s.strip() for s in args.steps.split(",") if s.strip())
    unknown = set(steps) - set(STEPS)
    if unknown:
        ap.error(f"unknown steps: {', '.join(sorted(unknown))} (steps: {', '.join(STEPS)})")
    if args.child:
        child(args.child, steps, args.freeze)
        return 0
    result = measure(tuple(int(x) for x in args.sizes.split(",")), args.rounds, steps=steps, freeze=args.freeze)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if result["worst"] > LIMIT:
        print(f"FAILED: a step grows {result['worst']:.1f}x per 10x rows (limit {LIMIT:g}x)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
