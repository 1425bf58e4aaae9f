"""Benchmark: ``rakxl check`` on the sample, end to end, against ``rakxl --version`` (issue 19).

Run from the project root (with the project's environment active)::

    python benchmarks/startup_bench.py          # 15 rounds
    python benchmarks/startup_bench.py 30

Each round starts fresh processes of the ``rakxl`` console script, interleaved so that
both commands see the same load: ``rakxl --version`` (Python, click and the command
table: the floor of any command), ``rakxl check samples/RAK_2021.xlsx`` and, for
context, ``python -c "import pandas"`` (what ``check`` no longer pays). It prints the
median and best wall time of each, the ratio of the medians (goal: ``check`` within
4x of ``--version``), the CPU time of the children (what the wall time would be on
an idle machine) and the load average beside the figures.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "RAK_2021.xlsx"
GOAL_RATIO = 4.0


def _rakxl() -> list[str]:
    """The console script next to this interpreter, else ``python -m rakxl.cli``."""
    script = shutil.which("rakxl", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "rakxl.cli"]


def _run(cmd: list[str]) -> tuple[float, float | None]:
    """(wall seconds, CPU seconds of the child or None) of one fresh process."""
    try:
        import resource
    except ImportError:  # Windows: no CPU time of children
        resource = None
    before = resource.getrusage(resource.RUSAGE_CHILDREN) if resource else None
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    cpu = None
    if before is not None:
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(rounds: int = 15) -> dict:
    rakxl = _rakxl()
    commands = {
        "rakxl --version": rakxl + ["--version"],
        "rakxl check samples/RAK_2021.xlsx": rakxl + ["check", str(SAMPLE)],
        'python -c "import pandas"': [sys.executable, "-c", "import pandas"],
    }
    for cmd in commands.values():  # warm the disk cache once
        _run(cmd)
    walls = {name: [] for name in commands}
    cpus = {name: [] for name in commands}
    loads = []
    for _ in range(rounds):
        for name, cmd in commands.items():
            wall, cpu = _run(cmd)
            walls[name].append(wall)
            if cpu is not None:
                cpus[name].append(cpu)
        if hasattr(os, "getloadavg"):
            loads.append(os.getloadavg()[0])
    print(f"{rounds} interleaved rounds, fresh processes; load average (1 min) during the run: "
          f"{min(loads):.2f}-{max(loads):.2f}" if loads else f"{rounds} interleaved rounds, fresh processes")
    print(f"{'command':<38} {'median s':>9} {'best s':>8} {'CPU s':>7}")
    for name in commands:
        cpu = f"{statistics.median(cpus[name]):.3f}" if cpus[name] else "-"
        print(f"{name:<38} {statistics.median(walls[name]):>9.3f} {min(walls[name]):>8.3f} {cpu:>7}")
    version = statistics.median(walls["rakxl --version"])
    check = statistics.median(walls["rakxl check samples/RAK_2021.xlsx"])
    ratio = check / version
    cpu_ratio = None
    if cpus["rakxl --version"] and cpus["rakxl check samples/RAK_2021.xlsx"]:
        cpu_ratio = statistics.median(cpus["rakxl check samples/RAK_2021.xlsx"]) / statistics.median(
            cpus["rakxl --version"])
    print(f"check / --version: {ratio:.2f}x wall (median), "
          + (f"{cpu_ratio:.2f}x CPU; " if cpu_ratio else "")
          + f"goal within {GOAL_RATIO:g}x: {'met' if ratio <= GOAL_RATIO else 'missed'}")
    return {"version": version, "check": check, "ratio": ratio, "cpu_ratio": cpu_ratio,
            "load": (min(loads), max(loads)) if loads else None}


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
