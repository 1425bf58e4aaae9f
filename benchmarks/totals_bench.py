"""Benchmark of ``rakxl totals`` over many small RAK workbooks: issue 19's goals.

Run from the project root::

    python benchmarks/totals_bench.py             # the goals, then the phase table
    python benchmarks/totals_bench.py phases      # the phase table only
    python benchmarks/totals_bench.py pool 25 100 400 1600   # what the automatic pool chooses

The goals (issue 19, "lean batches"), each measured as a real ``rakxl totals FOLDER
--quiet`` process, start-up included, with the load average beside it:

- 300 small files end to end under 2 s;
- 3,000 files: the default (automatic pool) at least 1.5x faster than ``-j 1`` on a
  quiet machine, and never slower than ``-j 1`` with one CPU-bound job beside it (the
  benchmark starts that job itself: a busy loop);
- 5,000 files under 1 minute.

Runs of ``-j 1`` and of the default alternate (A B B A) and the best of each is kept.
The exit status is 1 when a goal is missed: on a loaded machine they are (the load is
printed to say so).

The phase table says where the time of one file goes (CPU, best of 3, in this process):
the guard (zip directory, inflating and checking the parts), the parse (calamine
opening the checked zip, the sheets' cells), the reading (the reader's stages, the
typed model), the packing (the :class:`rakxl.totals.SheetTotals` a worker sends back,
pickled; a whole reading pickled beside it for comparison) and the IPC (one round trip
between the parent and a worker of :func:`rakxl.batch.run_isolated`, measured with a
task that only echoes that packet).

The folders are those of ``benchmarks/run.py`` (``benchmarks/data/batchN``, made once
by :func:`batch_folder`: 20 to 70 activity rows each, one unit's RAK).
"""
from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE))


def load() -> str:
    try:
        return "{:.1f}".format(os.getloadavg()[0])
    except (AttributeError, OSError):
        return "n/a"


def batch_folder(count: int, log=print) -> Path:
    """``benchmarks/data/batch<count>``: ``count`` small RAK workbooks in ten
    subfolders (made once, then reused; ``figures.json`` holds their total Pagu)."""
    import json

    import generate

    folder = DATA / f"batch{count}"
    stamp = folder / "figures.json"
    if not stamp.exists():
        log(f"generating {count} small workbooks in {folder} ...")
        shutil.rmtree(folder, ignore_errors=True)
        total = 0
        for i in range(count):
            # 20..70 activity rows: one unit's RAK (the official sample has 68)
            total += generate.build(folder / f"unit{i % 10:02d}" / f"RAK_{i:04d}.xlsx", 20 + i % 51,
                                    seed=i)["total_pagu"]
        for j in folder.rglob("*.json"):
            j.unlink()  # keep the folder to workbooks only
        stamp.write_text(json.dumps({"files": count, "total_pagu": total}), encoding="utf-8")
    return folder


def _command() -> list[str]:
    script = Path(sys.executable).with_name("rakxl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "rakxl.cli"]


def end_to_end(folder, *extra: str) -> tuple[float, float | None]:
    """Wall and CPU seconds (this process's children: the command and its workers)
    of ``rakxl totals FOLDER --quiet``."""
    try:
        import resource

        def cpu():
            r = resource.getrusage(resource.RUSAGE_CHILDREN)
            return r.ru_utime + r.ru_stime
    except ImportError:  # Windows
        def cpu():
            return None
    before, start = cpu(), time.perf_counter()
    proc = subprocess.run([*_command(), "totals", str(folder), "--quiet", *extra], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"rakxl totals failed ({proc.returncode}): {proc.stderr[-2000:]}")
    after = cpu()
    return wall, (after - before if after is not None else None)


def _fmt(wall: float, cpu: float | None) -> str:
    return f"{wall:6.2f} s" + (f" (CPU {cpu:.2f} s)" if cpu is not None else "")


def compare(folder, repeat: int = 1) -> dict:
    """``-j 1`` against the default, alternating (A B B A ...); the best wall time of each."""
    best = {"-j 1": (float("inf"), None), "auto": (float("inf"), None)}
    order = ["-j 1", "auto", "auto", "-j 1"] * repeat
    for label in order:
        wall, cpu = end_to_end(folder, *(["-j", "1"] if label == "-j 1" else []))
        if wall < best[label][0]:
            best[label] = (wall, cpu)
    return best


class Goals:
    def __init__(self):
        self.missed = []

    def line(self, what: str, figure: str, met: bool, loads: str) -> None:
        print(f"{what:<58} {figure:<40} load {loads:<11} {'met' if met else 'NOT MET'}", flush=True)
        if not met:
            self.missed.append(what)


def goals(repeat: int = 1) -> list[str]:
    g = Goals()
    folder = batch_folder(300)
    end_to_end(folder)  # the files into the page cache, the modules into their .pyc
    before = load()
    wall, cpu = min(end_to_end(folder) for _ in range(3))
    g.line("300 small files end to end < 2 s", _fmt(wall, cpu), wall < 2.0, f"{before}-{load()}")

    folder = batch_folder(3000)
    before = load()
    best = compare(folder, repeat)
    seq, par = best["-j 1"][0], best["auto"][0]
    g.line("3,000 files: auto >= 1.5x faster than -j 1",
           f"{seq:.2f} s / {par:.2f} s = {seq / par:.2f}x", seq / par >= 1.5, f"{before}-{load()}")
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(1)
        before = load()
        best = compare(folder, repeat)
    finally:
        busy.kill()
        busy.wait()
    seq, par = best["-j 1"][0], best["auto"][0]
    g.line("3,000 files, a CPU-bound job beside: auto never slower",
           f"{seq:.2f} s / {par:.2f} s = {seq / par:.2f}x", par <= seq, f"{before}-{load()}")

    folder = batch_folder(5000)
    before = load()
    wall, cpu = end_to_end(folder)
    g.line("5,000 files end to end < 60 s", _fmt(wall, cpu), wall < 60, f"{before}-{load()}")
    return g.missed


# -- where the time of one file goes --------------------------------------------------------

def _echo(task):
    """A worker task that sends its packet straight back: the IPC of one file."""
    return task


def _best(func, files, repeat=3) -> float:
    """CPU milliseconds per file of ``func(path)``, best of ``repeat``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for f in files:
            func(f)
        best = min(best, time.process_time() - start)
    return best / len(files) * 1000


def phases(n: int = 100) -> None:
    from rakxl import guard
    from rakxl.batch import run_isolated
    from rakxl.reader import read_book
    from rakxl.totals import find_workbooks, sheet_totals
    from rakxl.workbook import Workbook

    files = [str(p) for p in find_workbooks([batch_folder(300)])][:n]
    limits = guard.default_limits()

    def only_guard(f):
        with guard.open_input(Path(f), limits) as fh:
            guard.load_xlsx(Path(f), limits, fh)

    def cells(f):
        with Workbook(f) as book:
            for name in book.plan_sheets:
                book.grid(name)

    def reading(f):
        with Workbook(f) as book:
            return read_book(book, f)

    raks = [reading(f) for f in files]
    lean = [tuple(sheet_totals(r) for r in rs) for rs in raks]
    before = load()
    t_guard, t_cells, t_read = _best(only_guard, files), _best(cells, files), _best(reading, files)
    it = iter(raks)
    t_pack = _best(lambda f: pickle.dumps(tuple(sheet_totals(r) for r in next(it)), pickle.HIGHEST_PROTOCOL), files, 1)
    packets = [pickle.dumps(x, pickle.HIGHEST_PROTOCOL) for x in lean]
    it = iter(packets)
    t_unpack = _best(lambda f: pickle.loads(next(it)), files, 1)
    it = iter(raks)
    t_whole = _best(lambda f: pickle.loads(pickle.dumps(next(it), pickle.HIGHEST_PROTOCOL)), files, 1)
    whole_bytes = sum(len(pickle.dumps(r, pickle.HIGHEST_PROTOCOL)) for r in raks) / len(raks)
    tasks = [(f, False, None, True) for f in files] * 5
    start_wall, start_cpu = time.perf_counter(), time.process_time()
    list(run_isolated("totals_bench:_echo", [(t, x) for t, x in zip(tasks, lean * 5)], jobs=1, seconds=60,
                      failed=lambda t, r: None))
    ipc_wall = (time.perf_counter() - start_wall) / len(tasks) * 1000
    ipc_cpu = (time.process_time() - start_cpu) / len(tasks) * 1000
    print(f"\nPer small file ({len(files)} files of batch300, CPU ms, best of 3, load {before}-{load()}):")
    rows = [("guard (zip directory, parts inflated and checked)", t_guard),
            ("parse (calamine on the checked zip, the sheets' cells)", t_cells - t_guard),
            ("reading (the reader's stages, the typed model)", t_read - t_cells),
            ("packing (SheetTotals + pickle, in the worker)", t_pack),
            ("unpacking in the parent", t_unpack),
            ("IPC: one round trip, wall (parent CPU)", ipc_wall)]
    print("| phase, per file | ms |\n| --- | --- |")
    for what, ms in rows:
        extra = f" ({ipc_cpu:.3f})" if what.startswith("IPC") else ""
        print(f"| {what} | {ms:.3f}{extra} |")
    print(f"| packet sent back: lean | {sum(map(len, packets)) / len(packets):,.0f} bytes |")
    print(f"| for comparison: the whole reading pickled and unpickled | {t_whole:.3f} ms, {whole_bytes:,.0f} bytes |")


def pool(counts=(25, 100, 400, 1600), rounds: int = 2) -> None:
    """Seconds to read N files with ``-j 1``, ``-j <cores>`` and the automatic pool
    (the workers it chose), in this process; best of ``rounds``, the three interleaved."""
    from rakxl.batch import cores
    from rakxl.totals import find_workbooks, read_many

    files = [str(p) for p in find_workbooks([batch_folder(3000 if max(counts) > 300 else 300)])]
    print(f"{'files':>6} {'-j 1':>8} {f'-j {cores()}':>8} {'auto':>8}  workers  load")
    for n in counts:
        times, workers = [float("inf")] * 3, 0
        for _ in range(rounds):
            for k, jobs in enumerate((1, cores(), None)):
                start = time.perf_counter()
                result = read_many(files[:n], jobs=jobs, raks=False)
                times[k] = min(times[k], time.perf_counter() - start)
                workers = result.workers
        print(f"{n:>6} " + " ".join(f"{t:7.2f}s" for t in times) + f"  {workers:>7}  {load()}", flush=True)


def main(argv) -> int:
    if argv[:1] == ["phases"]:
        phases()
        return 0
    if argv[:1] == ["pool"]:
        pool(tuple(int(a) for a in argv[1:]) or (25, 100, 400, 1600))
        return 0
    print(f"{os.cpu_count()} cores; start method {__import__('multiprocessing').get_start_method()}; "
          f"load {load()}")
    missed = goals()
    phases()
    if missed:
        print(f"\nmissed: {'; '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
