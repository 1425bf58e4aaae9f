"""Benchmark of ``rakxl rekap`` over many units' monev workbooks (issue: national roll-up).

Run from the project root::

    python benchmarks/rekap_bench.py            # 5,000 files
    python benchmarks/rekap_bench.py 500        # another count

It builds a few filled monev workbooks the way units send them (``rakxl.write_monitoring``
on the rule tests' small plan, realisations typed in with openpyxl: 3 indicators,
5 activities, 4 budget lines, about a unit's size), then copies them N times into a
folder, each copy with its own unit name (the Pelaksana text rewritten in the cells, so that no two files are the same unit). It then runs ``rakxl rekap FOLDER
--tw 2 --json`` as a real process and prints the wall time, the files per second, the
peak memory of the process tree and the load average before and after: a figure
taken on a busy machine says so.
"""
from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEMPLATE_UNIT = "Subbag Templat"


def templates(folder: Path) -> list[Path]:
    """Three filled monev workbooks: fully, partly and not reported for TW II."""
    from tests.rekap.units import monev

    (folder / "kiriman").mkdir(exist_ok=True)
    return [monev(folder, "penuh", TEMPLATE_UNIT, {1: [50, 1, "C"], 2: [90, 1, "B"]},
                  {1: [2_000_000, 1_000_000, 0, 500_000], 2: [3_000_000, 1_500_000, 1_000_000, 0]}, 1_700_000_000),
            monev(folder, "sebagian", TEMPLATE_UNIT, {2: [80, None, None]}, {2: [1_000_000, None, None, None]},
                  1_700_000_000),
            monev(folder, "belum", TEMPLATE_UNIT, {1: [100, 1, "B"]}, {1: [4_000_000, None, None, None]},
                  1_700_000_000)]


def copy_as_unit(src: Path, dst: Path, unit: str) -> None:
    """Copy a workbook, renaming the unit in its cells (inline or shared strings; the other
    parts as they are)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("xl/worksheets/") or info.filename == "xl/sharedStrings.xml":
                data = data.replace(TEMPLATE_UNIT.encode(), unit.encode())
            zout.writestr(info, data)


def make_folder(n: int, base: Path) -> Path:
    made = templates(base)
    folder = base / "nasional"
    for k in range(n):
        sub = folder / f"kpu_{k // 10:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        copy_as_unit(made[k % 3], sub / f"monev_{k:05d}.xlsx", f"Unit {k:05d}")
    return folder


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    base = Path(tempfile.mkdtemp(prefix="rekap_bench_"))
    try:
        t = time.perf_counter()
        folder = make_folder(n, base)
        print(f"built {n:,} monev workbooks in {time.perf_counter() - t:.1f} s")
        exe = shutil.which("rakxl") or "rakxl"
        load0 = os.getloadavg()
        t = time.perf_counter()
        done = subprocess.run([exe, "rekap", str(folder), "--tw", "2", "--json", "--quiet"],
                              capture_output=True, text=True)
        wall = time.perf_counter() - t
        load1 = os.getloadavg()
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        import json

        data = json.loads(done.stdout)
        counted = len(data["completeness"])
        print(f"rakxl rekap over {n:,} files: {wall:.1f} s ({n / wall:.0f} files/s), exit {done.returncode}, "
              f"{counted:,} units, {len(data['failures'])} unreadable, peak RSS of one process {peak:.0f} MB")
        print(f"load average before {load0[0]:.1f}, after {load1[0]:.1f} ({os.cpu_count()} cores)")
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
