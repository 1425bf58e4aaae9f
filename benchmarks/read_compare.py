"""Read speed against an earlier checkout of rakxl, measured as benchmarks/run.py measures a read.

Run from the project root, with the earlier commit checked out beside it::

    git worktree add --detach /tmp/rakxl-f83c844 f83c844      # the code issue 12 started from
    python benchmarks/read_compare.py /tmp/rakxl-f83c844 --sizes 1000,10000 --rounds 9

Each round runs, for each size, one fresh process per checkout, the two alternating
(so that a change in the machine's load falls on both): the modules a reader needs are
imported first (pandas, python_calamine, defusedxml, rakxl.reader, rakxl.workbook,
rakxl.guard), then ONE call is timed, ``rakxl.read_rak`` with all four frames built
(``--no-frames``: ``read_rak`` alone; the earlier code may build its frames inside
``read_rak``, as f83c844 does). Both trees are byte-compiled first: an installed
package has its .pyc files, and without them a module imported during the call would
be compiled from source inside the timing.

Prints one Markdown table: the median wall and CPU time of each checkout and the ratio
(this tree / the earlier one), with the load average before and after. Exits 1 when a
CPU ratio is above ``--max-ratio`` (default 1.5: issue 12's "read speed within 1.5x").
"""
from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"

_CHILD = r"""
import importlib, json, sys, time
for name in ("pandas", "python_calamine", "defusedxml.ElementTree", "rakxl.reader", "rakxl.workbook", "rakxl.guard"):
    importlib.import_module(name)
import rakxl
frames = sys.argv[2] == "frames"
wall, cpu = time.perf_counter(), time.process_time()
rak = rakxl.read_rak(sys.argv[1])
if frames:
    sizes = (len(rak.activities), len(rak.budgets), len(rak.goals), len(rak.indicators))
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
print(json.dumps({"wall": wall, "cpu": cpu, "file": rakxl.__file__}))
"""


def _one(tree: Path, path: Path, frames: bool) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path), "frames" if frames else "read"],
                         env=env, cwd=str(tree), capture_output=True, text=True)
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["no message"])[-1]
        raise SystemExit(f"{tree}: the read of {path.name} failed: {last}")
    found = json.loads(out.stdout.strip().splitlines()[-1])
    if not Path(found["file"]).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"{tree}: rakxl was imported from {found['file']} (an installed copy wins over PYTHONPATH?)")
    return found


def _table(sizes, results, frames, load_before, load_after, baseline) -> str:
    what = "`read_rak` + all four frames" if frames else "`read_rak` alone"
    lines = [f"{what}, one call in a fresh process (modules imported first), median of "
             f"{len(next(iter(results.values()))['now'])} alternating rounds; load {load_before} before, "
             f"{load_after} after. Earlier checkout: `{baseline}`.", "",
             "| rows | earlier: wall / CPU | this tree: wall / CPU | ratio (CPU) |", "| --- | --- | --- | --- |"]
    for n in sizes:
        r = results[n]
        med = {k: {m: statistics.median(x[m] for x in r[k]) for m in ("wall", "cpu")} for k in ("then", "now")}
        ratio = med["now"]["cpu"] / med["then"]["cpu"]
        lines.append(f"| {n:,} | {med['then']['wall'] * 1000:.0f} / {med['then']['cpu'] * 1000:.0f} ms | "
                     f"{med['now']['wall'] * 1000:.0f} / {med['now']['cpu'] * 1000:.0f} ms | {ratio:.2f}x |")
        r["ratio"] = ratio
    return "\n".join(lines)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("baseline", type=Path, help="an earlier checkout of rakxl (a folder holding rakxl/)")
    p.add_argument("--sizes", default="1000,10000", help="activity rows, comma-separated (default 1000,10000)")
    p.add_argument("--rounds", type=int, default=9, help="fresh processes per checkout and size (default 9)")
    p.add_argument("--no-frames", dest="frames", action="store_false", help="time read_rak alone")
    p.add_argument("--max-ratio", type=float, default=1.5, help="exit 1 above this CPU ratio (default 1.5)")
    opts = p.parse_args(argv)
    sys.path.insert(0, str(HERE))
    import generate
    from machine import load_average

    if not (opts.baseline / "rakxl").is_dir():
        raise SystemExit(f"{opts.baseline}: no rakxl/ folder there (give a checkout of rakxl)")
    sizes = [int(x.replace("_", "")) for x in opts.sizes.split(",")]
    DATA.mkdir(parents=True, exist_ok=True)
    files = {}
    for n in sizes:
        files[n] = DATA / f"RAK_{n}.xlsx"
        generate.ensure(files[n], n)
    for tree in (opts.baseline, ROOT):
        compileall.compile_dir(str(tree / "rakxl"), quiet=1)
    load_before = load_average()
    results = {n: {"then": [], "now": []} for n in sizes}
    for _ in range(opts.rounds):
        for n in sizes:
            results[n]["then"].append(_one(opts.baseline, files[n], opts.frames))
            results[n]["now"].append(_one(ROOT, files[n], opts.frames))
    print(_table(sizes, results, opts.frames, load_before, load_average(), opts.baseline))
    return 1 if any(results[n]["ratio"] > opts.max_ratio for n in sizes) else 0


if __name__ == "__main__":
    sys.exit(main())
