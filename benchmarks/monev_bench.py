"""Benchmark of the quarterly monitoring: ``rakxl.write_monitoring``, ``rakxl.read_monitoring``
and the ``--from`` carry-over, on a large plan.

Run from the project root::

    python benchmarks/monev_bench.py            # 2,000 activity rows
    python benchmarks/monev_bench.py 5000

The plan is a workbook of N activity rows from ``benchmarks/generate.py``. The
benchmark writes its monev workbook, fills every realisation, note and spending
cell with openpyxl (as a unit would), reads it back, and carries it over to the
same plan (the matching of the revision diff, every activity found). It prints the
best of three for each step and the load average before and after: a figure taken
on a busy machine says so.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import generate  # noqa: E402  (benchmarks/generate.py)


def best(f, runs=3):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - t)
    return min(times), result


def main(n: int = 2000) -> None:
    import rakxl
    from rakxl.monitoring.carry import carry_over
    from rakxl.monitoring.config import DEFAULT
    from tests.monitoring.helpers import fill, realisation_set

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rak_path = tmp / f"RAK_{n}.xlsx"
        generate.build(rak_path, n)
        rak = rakxl.read_rak(rak_path)
        monev = tmp / "Monev.xlsx"
        t_write, _ = best(lambda: rakxl.write_monitoring(rak, monev))
        blank = rakxl.read_monitoring(monev)
        cells = realisation_set(blank)
        filled = fill(monev, tmp / "isi.xlsx", cells)
        t_read, mon = best(lambda: rakxl.read_monitoring(filled))
        t_carry, carried = best(lambda: carry_over(filled, [rak], DEFAULT))
        print(f"plan: {len(rak.activities):,} activities, {len(blank.indicators):,} indicators, "
              f"{len(rak.budgets):,} budget lines; {len(cells):,} cells filled")
        print(f"write_monitoring  {t_write:7.2f} s")
        print(f"read_monitoring   {t_read:7.2f} s  ({len(mon.disagreements)} disagreements)")
        print(f"carry_over        {t_carry:7.2f} s  ({carried.count:,} carried, {len(carried.unmatched)} unmatched)")
    after = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    if load is not None:
        print(f"load average: {load:.2f} before, {after:.2f} after (2 cores)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
