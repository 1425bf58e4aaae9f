"""Benchmark of ``rakxl check`` on a big plan of many units (issue 13).

Run from the project root::

    python benchmarks/check_bench.py              # 10,000 rows, 1,000 unit names
    python benchmarks/check_bench.py 20000 2000

The plan is ``benchmarks/generate.py``'s official layout with the Pelaksana drawn in
turn from N distinct unit names (``Dinas Pendidikan Kabupaten Serang``..., one in
twenty a variant of another: a typo or a word left out). It prints:

- ``rakxl check FILE`` as a real process: wall time and CPU time (the CPU time is
  what the wall time is on an idle machine; the machine may be shared);
- the time of each rule on the read plan (best of three, in this process), so that a
  rule that grows faster than the plan shows at once;
- how many name pairs the pelaksana-variant rule compares, against every pair.

The end-to-end figure is also measured by ``benchmarks/run.py`` (row "rakxl check on
10,000 rows, 1,000 unit names") and reported in RESULTS.md.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)


def _cli(path: Path) -> tuple[float, float | None, int]:
    """(wall seconds, CPU seconds or None, exit code) of ``rakxl check path``."""
    try:
        import resource
    except ImportError:  # Windows: no CPU time of children
        resource = None
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "rakxl.cli", "check", str(path)], capture_output=True)
    wall = time.perf_counter() - t
    cpu = None
    if resource:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode


def main(n_rows: int = 10_000, units: int = 1_000) -> None:
    import rakxl
    from rakxl.checker import check
    from rakxl.rules import RULES
    from rakxl.rules.pelaksana_variant import _related_classes, words

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"RAK_{n_rows}_units{units}.xlsx"
        figures = generate.build(path, n_rows, units=units)
        print(f"plan: {figures['activities']:,} rows, {figures['goals']:,} goals, "
              f"{figures['budget_lines']:,} budget lines, {figures['units']:,} unit names")
        runs = [_cli(path) for _ in range(3)]
        wall = sorted(r[0] for r in runs)[1]
        cpus = sorted(r[1] for r in runs if r[1] is not None)
        cpu = f", CPU {cpus[len(cpus) // 2]:.2f} s" if cpus else ""
        print(f"rakxl check (process, median of 3): {wall:.2f} s wall{cpu}, exit {runs[0][2]}")

        rak = rakxl.read_rak(path)
        t = time.perf_counter()
        found = check(rak)
        print(f"rakxl.check: {time.perf_counter() - t:.3f} s, {len(found):,} findings")
        for rule in RULES:  # the rules read the typed plan (rakxl.model)
            best = min(_timed(rule.check, rak) for _ in range(3))
            print(f"  {rule.CODE:22} {best:.3f} s")
        names = list(dict.fromkeys(" ".join(str(n).split()) for n in rak.activities["pelaksana"].dropna()))
        classes = list(dict.fromkeys(w for w in map(words, names) if w))
        related = _related_classes(classes)
        print(f"pelaksana-variant: {len(names):,} names, {len(names) * (len(names) - 1) // 2:,} pairs; "
              f"{sum(map(len, related)) // 2:,} variant pairs of word tuples found by the word index")


def _timed(fn, *args) -> float:
    t = time.perf_counter()
    fn(*args)
    return time.perf_counter() - t


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
