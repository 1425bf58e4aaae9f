"""Where :func:`rakxl.read_rak` and :func:`rakxl.check` spend their time, stage by stage.

Run from the project root::

    python benchmarks/phase_bench.py                  # 1,000 / 10,000 / 100,000 rows
    python benchmarks/phase_bench.py --sizes 1000,10000 --rounds 5
    python benchmarks/phase_bench.py --json out.json

Each round reads (and checks) the generated workbook of each size
(``benchmarks/generate.py``) in a fresh process, modules imported first. The stages
are rakxl's own functions, wrapped while the script runs (nothing in rakxl knows of
it): each row of the table is the CPU time (``time.process_time``) spent in that
stage's functions and not in another stage called from them (exclusive time).
``collector`` is the part of it that Python's cyclic garbage collector took
(``gc.callbacks``), counted in the stage that was running when a collection started:
a collection walks every live container object, so it is charged to the stage that
happened to allocate when the threshold was crossed, not to the one that made the
heap large. The round with the lowest total counts for each size.

The check table times each rule of :data:`rakxl.rules.RULES` the same way ("other"
is the checker's own work: sorting the findings).
"""
from __future__ import annotations

import argparse
import gc
import importlib
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "samples" / "RAK_2021.xlsx"
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)
from machine import load_average  # noqa: E402  (benchmarks/machine.py)

SIZES = (1_000, 10_000, 100_000)

#: (stage, module, function or Class.method): the read's stages, in the order they run.
READ_STAGES = (
    ("guard: zip, XML, sheet extent", "rakxl.guard", "load_xlsx"),
    ("guard: zip for calamine", "rakxl.guard", "XlsxPackage.zip_bytes"),
    ("calamine: open workbook", "rakxl.workbook", "Workbook.__init__"),
    ("calamine: sheet values + merges (grid)", "rakxl.sheet", "Grid.__init__"),
    ("side info: errors, formulas, %", "rakxl.workbook", "Workbook.side_info"),
    ("families: the family stage", "rakxl.reader.families", "read_family"),
    ("header: find the header, map columns", "rakxl.reader.assembly", "find_header"),
    ("contract: side by side, roll-ups", "rakxl.reader.assembly", "check_header"),
    ("contract: side by side, roll-ups", "rakxl.reader.assembly", "check_rollups"),
    ("cells: column values and texts", "rakxl.reader.grid", "TableCells.values"),
    ("cells: column values and texts", "rakxl.reader.grid", "TableCells.texts"),
    ("cells: column values and texts", "rakxl.reader.grid", "TableCells.where"),
    ("rows: row kinds", "rakxl.reader.hierarchy", "row_kinds"),
    ("merges: merge index, crossing notes", "rakxl.reader.merges", "MergeIndex.__init__"),
    ("merges: merge index, crossing notes", "rakxl.reader.merges", "MergeIndex.crossing_notes"),
    ("pagu: Pagu cells", "rakxl.reader.hierarchy", "read_amount"),
    ("hierarchy: the walk", "rakxl.reader.hierarchy", "Walk.run"),
    ("meta: title and signature", "rakxl.reader.assembly", "read_meta"),
    ("assembly: the typed model", "rakxl.reader.assembly", "_assemble"),
)


class Stages:
    """Exclusive CPU time and collector time per stage, by wrapping functions."""

    def __init__(self):
        self.cpu: dict[str, float] = {}
        self.collector: dict[str, float] = {}
        self.collections: dict[str, list[int]] = {}
        self.missing: list[str] = []
        self._stack: list[list] = []
        self._gc_start = 0.0
        gc.callbacks.append(self._on_gc)

    def _on_gc(self, phase, info) -> None:
        if phase == "start":
            self._gc_start = time.process_time()
            return
        name = self._stack[-1][0] if self._stack else "other"
        self.collector[name] = self.collector.get(name, 0.0) + time.process_time() - self._gc_start
        self.collections.setdefault(name, [0, 0, 0])[info["generation"]] += 1

    def wrap(self, name: str, module: str, attr: str) -> None:
        try:
            owner = importlib.import_module(module)
            if "." in attr:
                cls, attr = attr.split(".")
                owner = getattr(owner, cls)
            fn = getattr(owner, attr)
        except (ImportError, AttributeError):  # an internal name moved: say so, time the rest
            self.missing.append(f"{module}.{attr}")
            return
        stack, cpu = self._stack, self.cpu

        def timed(*args, **kwargs):
            start = time.process_time()
            stack.append([name, 0.0])
            try:
                return fn(*args, **kwargs)
            finally:
                _, inner = stack.pop()
                took = time.process_time() - start
                cpu[name] = cpu.get(name, 0.0) + took - inner
                if stack:
                    stack[-1][1] += took

        setattr(owner, attr, timed)

    def run(self, fn) -> float:
        """Run ``fn`` once with the counters cleared; its total CPU time ("other": outside every stage)."""
        self.cpu.clear(), self.collector.clear(), self.collections.clear()
        start = time.process_time()
        fn()
        total = time.process_time() - start
        self.cpu["other"] = total - sum(self.cpu.values())
        return total


def read_stages(path) -> tuple[dict, object]:
    """The stages of one :func:`rakxl.read_rak` of ``path`` (modules imported first), and the reading."""
    import rakxl

    rakxl.check(rakxl.read_rak(SAMPLE))  # modules imported before any timing
    stages = Stages()
    for name, module, attr in READ_STAGES:
        stages.wrap(name, module, attr)
    held = {}
    total = stages.run(lambda: held.setdefault("rak", rakxl.read_rak(path)))
    return {"total": total, "cpu": dict(stages.cpu), "collector": dict(stages.collector),
            "collections": dict(stages.collections), "missing": stages.missing}, held["rak"]


def check_stages(rak) -> dict:
    """The rules of one :func:`rakxl.check` of ``rak``."""
    import rakxl
    from rakxl.rules import RULES

    rules = Stages()
    for rule in RULES:
        rules.wrap(rule.CODE, rule.__name__, "check")
    total = rules.run(lambda: rakxl.check(rak))
    return {"total": total, "cpu": dict(rules.cpu), "collector": dict(rules.collector),
            "collections": dict(rules.collections), "missing": rules.missing}


def child(n: int) -> None:
    """One round at one size in this fresh process: the stages of a read and of a check (JSON)."""
    path = HERE / "data" / f"RAK_{n}.xlsx"
    generate.ensure(path, n)
    read, rak = read_stages(path)
    print(json.dumps({"read": read, "check": check_stages(rak)}))


def measure(sizes=SIZES, rounds: int = 3) -> dict:
    """The best round (lowest total) of each part at each size."""
    for n in sizes:
        generate.ensure(HERE / "data" / f"RAK_{n}.xlsx", n)
    best: dict[tuple[str, int], dict] = {}
    loads = [load_average()]
    for _ in range(rounds):
        for n in sizes:
            proc = subprocess.run([sys.executable, __file__, "--child", str(n)], capture_output=True, text=True,
                                  check=True)
            got = json.loads(proc.stdout.strip().splitlines()[-1])
            for part in ("read", "check"):
                if (part, n) not in best or got[part]["total"] < best[(part, n)]["total"]:
                    best[(part, n)] = got[part]
        loads.append(load_average())
    return {"sizes": list(sizes), "rounds": rounds, "loads": loads,
            "best": {f"{part}@{n}": v for (part, n), v in best.items()}}


def table(result: dict, part: str) -> list[str]:
    """The markdown table of one part (``read`` or ``check``): CPU seconds per stage and
    size, the collector's share, the growth per 10x rows."""
    sizes = result["sizes"]
    runs = [result["best"][f"{part}@{n}"] for n in sizes]
    names = list(dict.fromkeys(name for run in runs for name in run["cpu"]))
    if part == "read":
        order = [s[0] for s in READ_STAGES] + ["other"]
        names.sort(key=lambda x: order.index(x) if x in order else len(order))
    else:
        names.sort(key=lambda x: -runs[-1]["cpu"].get(x, 0.0))
    pairs = list(zip(sizes, sizes[1:]))
    head = ["| stage | " + " | ".join(f"{n:,} rows (collector)" for n in sizes) + "".join(
        f" | growth {a:,} -> {b:,}" for a, b in pairs) + " |", "|" + " --- |" * (1 + len(sizes) + len(pairs))]
    lines = []
    for name in names + ["total"]:
        cells, secs = [], []
        for run in runs:
            s = run["total"] if name == "total" else run["cpu"].get(name, 0.0)
            g = sum(run["collector"].values()) if name == "total" else run["collector"].get(name, 0.0)
            secs.append(s)
            cells.append(f"{s:.3f} s ({g:.3f} s)")
        grow = [f"{b_s / a_s / (b / a) * 10:.1f}x" if a_s >= 0.001 else "-"
                for (a, b), a_s, b_s in zip(pairs, secs, secs[1:])]
        label = f"**{name}**" if name == "total" else name
        lines.append(f"| {label} | " + " | ".join(cells + grow) + " |")
    missing = sorted({m for run in runs for m in run.get("missing", ())})
    note = [f"\nNot timed (an internal name moved): {', '.join(missing)}."] if missing else []
    return head + lines + note


def report(result: dict) -> str:
    out = ["### `rakxl.read_rak`, stage by stage", ""] + table(result, "read")
    out += ["", "### `rakxl.check`, rule by rule", ""] + table(result, "check")
    out += ["", f"CPU seconds of the best of {result['rounds']} rounds (a fresh process per size and round); "
            f"in brackets the garbage collector's part, charged to the stage during which it ran. "
            f"Load average (1, 5, 15 min) at the start and after each round: {'; '.join(result['loads'])}."]
    return "\n".join(out)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated row counts")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", help="also write the figures to this JSON file")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    result = measure(tuple(int(x) for x in args.sizes.split(",")), args.rounds)
    print(report(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
