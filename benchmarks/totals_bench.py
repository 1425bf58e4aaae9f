"""Benchmark of ``rakxl totals`` over many small RAK workbooks.

Run from the project root::

    python benchmarks/totals_bench.py            # 300 and 3,000 files
    python benchmarks/totals_bench.py 300        # only 300
    python benchmarks/totals_bench.py crossover  # sequential vs pool at 25..800 files

It builds N small RAK workbooks (five goals, ten activities, merged No/Sasaran and
merged Pagu ranges, a title and a signature: about the size of one unit's RAK) in a
temporary folder, then measures:

- files per second read sequentially and with the process pool
  (:func:`rakxl.totals.read_many` with ``jobs=1`` and ``jobs=<cores>``), which is
  what :data:`rakxl.totals.PARALLEL_THRESHOLD` is chosen from;
- ``rakxl totals FOLDER`` end to end as a real process (start-up included).

:func:`make_folder` and :func:`write_small_rak` may be imported by other benchmarks.
"""
from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

UNITS = ("Subbag Umum dan Logistik", "Subbag Keuangan", "Subbag Program dan Data",
         "Subbag Teknis dan Hupmas", "Subbag Hukum", "Subbag SDM")
HEADERS = ["No", "Sasaran Program/Kegiatan", "Indikator Kinerja", "Target Indikator Kinerja",
           "Nama Kegiatan/Aksi", "Target Kegiatan/Aksi", "Pelaksanaan Kegiatan Triwulan", None, None, None,
           "Pagu Anggaran", "Pelaksana Tingkat Pejabat Eselon IV"]


def write_small_rak(path, unit: str, goals: list[dict]) -> int:
    """Write one RAK workbook; return its total Pagu.

    Args:
        goals: ``{"no": "1", "sasaran": ..., "activities": [(kegiatan, pelaksana), ...],
            "budgets": [(first, last, amount), ...]}``; each budget line is merged over
            activities ``first..last`` (0-based within the goal).
    """
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("RAK")
    for r, line in enumerate(["RENCANA AKSI KINERJA TAHUN 2021", "KOMISI PEMILIHAN UMUM PROVINSI BANTEN", unit]):
        ws.merge_range(r, 0, r, 11, line)
    for c, label in enumerate(HEADERS):
        if c == 6:
            ws.merge_range(4, 6, 4, 9, label)
        elif label is not None:
            ws.merge_range(4, c, 5, c, label)
    for i, roman in enumerate(["I", "II", "III", "IV"]):
        ws.write_string(5, 6 + i, roman)
    r = 6
    total = 0
    for g in goals:
        acts = g["activities"]
        if len(acts) > 1:
            ws.merge_range(r, 0, r + len(acts) - 1, 0, g["no"])
            ws.merge_range(r, 1, r + len(acts) - 1, 1, g["sasaran"])
        else:
            ws.write_string(r, 0, g["no"])
            ws.write_string(r, 1, g["sasaran"])
        ws.write_string(r, 2, f"Persentase capaian {g['no']}")
        ws.write_string(r, 3, "100%")
        for i, (kegiatan, pelaksana) in enumerate(acts):
            ws.write_string(r + i, 4, kegiatan)
            ws.write_string(r + i, 5, "1 Laporan")
            ws.write_string(r + i, 6 + i % 4, "1 Laporan")
            ws.write_string(r + i, 11, pelaksana)
        for first, last, amount in g["budgets"]:
            if last > first:
                ws.merge_range(r + first, 10, r + last, 10, None)
            ws.write_number(r + first, 10, amount)
            total += amount
        r += len(acts)
    ws.write_string(r + 1, 9, "Serang, 28 Januari 2021")
    ws.write_string(r + 2, 9, "Kepala Subbagian,")
    ws.write_string(r + 5, 9, "NAMA PEJABAT")
    ws.write_string(r + 6, 9, "NIP. 19710703 199903 2 007")
    wb.close()
    return total


def small_goals(seed: int) -> list[dict]:
    """Five goals of two activities each, one or two merged budget lines per goal."""
    rnd = random.Random(seed)
    goals = []
    for g in range(1, 6):
        unit = UNITS[rnd.randrange(len(UNITS))]
        acts = [(f"Kegiatan {g}.{i}", unit) for i in range(1, 3)]
        if rnd.random() < 0.5:
            budgets = [(0, 1, rnd.randrange(1, 500) * 1_000_000)]
        else:
            budgets = [(0, 0, rnd.randrange(1, 500) * 100_000), (1, 1, rnd.randrange(1, 500) * 100_000)]
        goals.append({"no": str(g), "sasaran": f"Sasaran {g}", "activities": acts, "budgets": budgets})
    return goals


def make_folder(folder, n: int) -> int:
    """Write ``n`` small RAK workbooks into ``folder`` (10 subfolders); return the grand total."""
    folder = Path(folder)
    total = 0
    for i in range(n):
        sub = folder / f"unit{i % 10:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        total += write_small_rak(sub / f"RAK_{i:05d}.xlsx", UNITS[i % len(UNITS)], small_goals(i))
    return total


def files_per_second(folder, jobs: int, start_method: str | None = None, repeat: int = 3) -> tuple[float, int]:
    """Best of ``repeat`` runs of :func:`rakxl.totals.read_many` (the machine may be shared)."""
    from rakxl.totals import find_workbooks, read_many

    files = find_workbooks([folder])
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = read_many(files, jobs=jobs, start_method=start_method)
        best = min(best, time.perf_counter() - start)
    assert not result.failures, result.failures[:3]
    return len(files) / best, sum(r.total_pagu for r in result.raks)


def end_to_end(folder, repeat: int = 3) -> float:
    """Best wall-clock seconds of ``rakxl totals FOLDER`` as a real process."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "rakxl.cli", "totals", str(folder), "--quiet"],
                              capture_output=True, text=True)
        best = min(best, time.perf_counter() - start)
        assert proc.returncode == 0, proc.stderr
    return best


def crossover(counts=(25, 50, 100, 200, 400, 800), repeat: int = 3) -> None:
    """Seconds to read N files sequentially and with each start method (best of
    ``repeat``): where the pool starts to win is :data:`rakxl.totals.PARALLEL_THRESHOLD`."""
    import multiprocessing

    import pandas  # noqa: F401

    from rakxl.totals import find_workbooks, read_many

    cores = os.cpu_count() or 1
    methods = [m for m in ("fork", "spawn") if m in multiprocessing.get_all_start_methods()]
    with tempfile.TemporaryDirectory() as tmp:
        make_folder(tmp, max(counts))
        files = find_workbooks([tmp])
        print(f"{'files':>6} {'sequential':>11} " + " ".join(f"{m:>11}" for m in methods))
        for n in counts:
            times = []
            for jobs, method in [(1, None)] + [(cores, m) for m in methods]:
                best = float("inf")
                for _ in range(repeat):
                    start = time.perf_counter()
                    read_many(files[:n], jobs=jobs, start_method=method)
                    best = min(best, time.perf_counter() - start)
                times.append(best)
            print(f"{n:>6} " + " ".join(f"{t:>10.3f}s" for t in times), flush=True)


def main(sizes=(300, 3000)) -> None:
    import pandas  # noqa: F401 - imported once up front, as the command line has it when it reads

    cores = os.cpu_count() or 1
    print(f"{cores} cores; default start method: {__import__('multiprocessing').get_start_method()}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            expected = make_folder(tmp, n)
            runs = [(1, None), (cores, "fork"), (cores, "spawn")] if os.name != "nt" else [(1, None), (cores, None)]
            for jobs, method in runs:
                rate, total = files_per_second(tmp, jobs, method, repeat=3 if n <= 300 else 1)
                assert total == expected, (total, expected)
                kind = "sequential" if jobs == 1 else f"parallel {jobs} x {method or 'default'}"
                print(f"{n:>5} files  {kind:<26} {rate:8.0f} files/s", flush=True)
            print(f"{n:>5} files  rakxl totals end to end    {end_to_end(tmp, 3 if n <= 300 else 1):8.2f} s",
                  flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["crossover"]:
        crossover(tuple(int(a) for a in sys.argv[2:]) or (25, 50, 100, 200, 400, 800))
    else:
        main(tuple(int(a) for a in sys.argv[1:]) or (300, 3000))
