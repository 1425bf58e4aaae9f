"""rakxl's benchmark suite: one script, one table, written to benchmarks/RESULTS.md.

Run from the project root::

    python benchmarks/run.py              # the full run (3-5 minutes on 2 cores, plus a minute
                                          # or two the first time, to generate the workbooks)
    python benchmarks/run.py --quick      # a smoke run: small sizes, one repeat
    python benchmarks/run.py --sizes 1000,10000 --repeats 3 --only rakxl,calamine

What it does:

1. Generates RAK workbooks of 70, 1,000, 10,000 and 100,000 activity rows with the
   official merges (``benchmarks/generate.py``, xlsxwriter) and a folder of 300
   small ones, into ``benchmarks/data/`` (git-ignored; files are kept and reused).
2. Measures, side by side, wall time and peak memory of:

   - ``rakxl``: :func:`rakxl.read_rak`, every frame built;
   - ``pandas``: the recipe a pandas user writes, ``pandas.read_excel`` (openpyxl
     engine) then forward-fill of the hierarchy columns, Pagu included, whose total
     is wrong (each merged Pagu counted once per row it covers);
   - ``calamine``: the floor, python-calamine's own read (``load_workbook`` +
     ``to_python()`` + ``merged_cell_ranges``), values and merges, no frames;
   - ``openpyxl``: openpyxl in normal mode (the only mode that sees merges), capped
     by ``--slow-timeout``;
   - the command line end to end: ``rakxl --version``, ``rakxl check`` and
     ``rakxl format`` on the official sample and the generated files, and
     ``rakxl totals`` over the 300-file folder (and 3,000 files, sequential
     ``-j 1`` against the default parallel path, unless ``--no-3000``).

Every measurement runs in a fresh Python process, so that its peak memory is its
own and nothing is warm. For the readers, the time is that of the call alone
(modules imported first, as a long-running program has them); the memory is the
peak resident set size of the whole process (interpreter, pandas and the data).
For the command line, the time is the whole process, start-up included. Peak RSS
comes from ``resource.getrusage`` (``ru_maxrss``): the child's own for the readers,
``RUSAGE_CHILDREN`` of a small wrapper process for the command line. That works on
Linux and macOS; on Windows (no ``resource`` module) memory is reported as n/a
unless psutil is installed. Each figure is the median of ``--repeats`` runs, except
that a measurement stops repeating once its runs have taken ``--budget`` seconds
(the table says how many runs each figure has).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
SAMPLE = ROOT / "samples" / "RAK_2021.xlsx"
sys.path.insert(0, str(HERE))

from machine import load_average  # noqa: E402  (benchmarks/machine.py)

FULL_SIZES = (70, 1_000, 10_000, 100_000)
QUICK_SIZES = (70, 1_000)
#: The plan of many units of issue 13: rows and distinct Pelaksana names.
UNITS_ROWS, UNITS = 10_000, 1_000
READERS = ("rakxl", "pandas-calamine", "pandas", "calamine", "openpyxl")
CLI_TASKS = ("version", "check", "format", "totals", "growth", "write")
#: Columns of the official table, in order, as a pandas user names them.
PANDAS_NAMES = ["no", "sasaran", "indikator", "target_indikator", "kegiatan", "target_kegiatan",
                "tw1", "tw2", "tw3", "tw4", "pagu", "pelaksana"]
HIERARCHY = ["no", "sasaran", "indikator", "target_indikator", "pagu", "pelaksana"]


# -- what runs inside each child process ---------------------------------------------

def _peak_rss_bytes(children: bool = False) -> int | None:
    try:
        import resource
    except ImportError:  # Windows
        if children:
            return None
        try:
            import psutil
        except ImportError:
            return None
        info = psutil.Process().memory_info()
        return getattr(info, "peak_wset", None) or info.rss
    usage = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
    return usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024


def _read_rakxl(path):
    import rakxl

    rak = rakxl.read_rak(path)
    return {"activities": len(rak.activities), "goals": len(rak.goals), "budget_lines": len(rak.budgets),
            "indicators": len(rak.indicators), "total_pagu": int(rak.total_pagu)}


def _pandas_recipe(path, engine: str):
    """The usual recipe: read the sheet, cut the table, forward-fill the merged cells."""
    import pandas as pd

    df = pd.read_excel(path, engine=engine, header=None, skiprows=7, names=PANDAS_NAMES)
    jumlah = df.index[df["no"].astype(str).str.strip().str.upper().eq("JUMLAH")]
    if len(jumlah):
        df = df.loc[:jumlah[0] - 1]
    df[HIERARCHY] = df[HIERARCHY].ffill()
    return {"activities": len(df), "total_pagu": int(df["pagu"].sum())}


def _read_pandas(path):
    """The recipe on openpyxl, pandas' default engine for .xlsx."""
    return _pandas_recipe(path, "openpyxl")


def _read_pandas_calamine(path):
    """The same recipe on pandas' calamine engine: what a pandas user would write today."""
    return _pandas_recipe(path, "calamine")


def _read_calamine(path):
    import python_calamine

    book = python_calamine.load_workbook(path)
    sheet = book.get_sheet_by_index(0)
    rows = sheet.to_python()
    merges = sheet.merged_cell_ranges or []
    return {"rows": len(rows), "merges": len(merges)}


def _read_openpyxl(path):
    import openpyxl

    book = openpyxl.load_workbook(path)  # normal mode: the only one that knows merges
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    merges = list(sheet.merged_cells.ranges)
    return {"rows": len(rows), "merges": len(merges)}


_IMPORTS = {
    "rakxl": ("pandas", "python_calamine", "defusedxml.ElementTree", "rakxl.reader", "rakxl.workbook",
              "rakxl.guard"),
    "pandas": ("pandas", "openpyxl"),
    "pandas-calamine": ("pandas", "python_calamine"),
    "calamine": ("python_calamine",),
    "openpyxl": ("openpyxl",),
}
_READ = {"rakxl": _read_rakxl, "pandas": _read_pandas, "pandas-calamine": _read_pandas_calamine, "calamine": _read_calamine, "openpyxl": _read_openpyxl}


def child_read(task: str, path: str) -> None:
    """Import what ``task`` needs, time one read, print one JSON line."""
    import importlib

    for name in _IMPORTS[task]:
        importlib.import_module(name)
    before = _peak_rss_bytes()
    start = time.perf_counter()
    info = _READ[task](path)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak": _peak_rss_bytes(), "before": before, "info": info}))


def child_phases(path: str) -> None:
    """Where rakxl.read_rak spends its time, stage by stage (``benchmarks/phase_bench.py``:
    CPU seconds of each stage's own functions; one run).

    Prints ``{"phases": [[name, seconds], ...]}``, and the functions not found when an
    internal name has changed.
    """
    import phase_bench

    for name in _IMPORTS["rakxl"]:
        __import__(name)
    got, _ = phase_bench.read_stages(path)
    order = list(dict.fromkeys(s[0] for s in phase_bench.READ_STAGES)) + ["other"]
    out = [[name, got["cpu"].get(name, 0.0)] for name in order]
    error = f"not timed: {', '.join(got['missing'])}" if got["missing"] else None
    print(json.dumps({"phases": out, **({"error": error} if error else {})}))


def _cpu_children() -> float | None:
    """CPU seconds (user + system) of the finished child processes, where the OS tells."""
    try:
        import resource
    except ImportError:  # Windows
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child_cli(argv: list[str], timeout: float) -> None:
    """Run one command line, time it, report its peak memory and CPU time (RUSAGE_CHILDREN)."""
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak": _peak_rss_bytes(children=True), "code": proc.returncode,
                      "cpu": _cpu_children(), "stderr": proc.stderr.decode("utf-8", "replace")[-300:]}))


# -- the parent: run children, collect medians -------------------------------------------

class Cell:
    """The result of one measurement: median time and memory of its runs, or why none."""

    def __init__(self, runs=(), note: str | None = None, info=None, load: str | None = None):
        self.runs = list(runs)
        self.note = note
        self.info = info or {}
        self.load = load   # the 1-minute load average when the measurement started

    @property
    def seconds(self) -> float | None:
        return statistics.median(r["seconds"] for r in self.runs) if self.runs else None

    @property
    def cpu(self) -> float | None:
        """Median CPU seconds of the runs (command lines only): what the wall time would be
        on an idle machine, for a single-process command."""
        cpus = [r["cpu"] for r in self.runs if r.get("cpu") is not None]
        return statistics.median(cpus) if cpus else None

    @property
    def peak(self) -> float | None:
        peaks = [r["peak"] for r in self.runs if r.get("peak")]
        return statistics.median(peaks) if peaks else None

    def text(self) -> str:
        if self.seconds is None:
            return self.note or "n/a"
        out = f"{fmt_s(self.seconds)} / {fmt_mb(self.peak)}"
        if len(self.runs) == 1:
            out += " (1 run)"
        if self.note:
            out += f" ({self.note})"
        if self.load:
            out += f" [load {self.load}]"
        return out


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "n/a"
    return f"{seconds:.3f} s" if seconds < 1 else f"{seconds:.2f} s" if seconds < 10 else f"{seconds:.1f} s"


def fmt_mb(peak: float | None) -> str:
    return "n/a MB" if peak is None else f"{peak / 1e6:.0f} MB"


def _run_child(args: list[str], timeout: float, env=None):
    """Run ``run.py --child ...``; its JSON result, or None and a note."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                              env=None if env is None else {**os.environ, **env})
    except subprocess.TimeoutExpired:
        return None, f"> {timeout:.0f} s, stopped"
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return None, f"failed: {last[:120]}"
    return json.loads(proc.stdout.strip().splitlines()[-1]), None


def measure(args: list[str], repeats: int, budget: float, timeout: float, accept=(0,), env=None) -> Cell:
    runs, spent = [], 0.0
    load = load_average().split(",")[0]
    for _ in range(repeats):
        result, note = _run_child(args, timeout, env)
        if result is None:
            return Cell(runs, note, load=load)
        if "code" in result and result["code"] not in accept:
            last = (result["stderr"].strip().splitlines() or ["?"])[-1]
            return Cell([], f"exit {result['code']}: {last[:120]}", load=load)
        runs.append(result)
        spent += result["seconds"]
        if spent >= budget:
            break
    return Cell(runs, info=runs[-1].get("info") if runs else None, load=load)


def rakxl_command() -> list[str]:
    """How to start the ``rakxl`` console script of this Python."""
    exe_dir = Path(sys.executable).parent
    for name in ("rakxl", "rakxl.exe"):
        if (exe_dir / name).exists():
            return [str(exe_dir / name)]
    found = shutil.which("rakxl")
    return [found] if found else [sys.executable, "-c", "from rakxl.cli import main; main()"]


def command_available(name: str) -> bool:
    proc = subprocess.run(rakxl_command() + [name, "--help"], capture_output=True, cwd=ROOT)
    return proc.returncode == 0


def measure_cli(argv: list[str], repeats, budget, timeout, accept=(0,)) -> Cell:
    return measure(["cli", str(timeout), "--", *rakxl_command(), *argv], repeats, budget, timeout + 30,
                   accept=accept)


# -- data ---------------------------------------------------------------------------------

def prepare(sizes, batch: int, with_3000: bool, log) -> dict:
    import generate

    DATA.mkdir(parents=True, exist_ok=True)
    files = {}
    for n in sizes:
        path = DATA / f"RAK_{n}.xlsx"
        if not (path.exists() and path.with_suffix(".json").exists()):
            log(f"generating {path.name} ...")
        files[n] = (path, generate.ensure(path, n))
    # issue 13: a big plan of many units (the pelaksana-variant rule compares unit names)
    path = DATA / f"RAK_{UNITS_ROWS}_units{UNITS}.xlsx"
    figures_path = path.with_suffix(".json")
    if path.exists() and figures_path.exists():
        figures = json.loads(figures_path.read_text(encoding="utf-8"))
    else:
        log(f"generating {path.name} ...")
        figures = generate.build(path, UNITS_ROWS, units=UNITS)
    files["units"] = (path, figures)
    folders = {}
    from totals_bench import batch_folder

    for count in ([batch] if batch else []) + ([3000, 5000] if with_3000 else []):
        folder = batch_folder(count, log)
        folders[count] = folder
    return {"files": files, "folders": folders}


# -- the run ------------------------------------------------------------------------------

def machine() -> dict:
    import importlib.metadata as md

    def version(dist):
        try:
            return md.version(dist)
        except md.PackageNotFoundError:
            return "not installed"

    ram = None
    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        pass
    return {
        "platform": platform.platform(), "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(), "ram_gb": None if ram is None else round(ram / 2**30, 1),
        "python": platform.python_version(),
        "versions": {d: version(d) for d in ("rakxl", "python-calamine", "pandas", "openpyxl", "numpy",
                                             "xlsxwriter", "click")},
        "load": load_average(),
    }


def run(opts) -> dict:
    log = (lambda msg: None) if opts.silent else (lambda msg: print(msg, file=sys.stderr, flush=True))
    sizes = opts.sizes
    only = set(opts.only) if opts.only else set(READERS) | set(CLI_TASKS)
    data = prepare(sizes, opts.batch, opts.with_3000 and "totals" in only, log)
    started = _dt.datetime.now(_dt.timezone.utc)
    load_before = load_average()
    loads = [load_before]
    readers: dict[str, dict[int, Cell]] = {}
    for tool in READERS:
        if tool not in only:
            continue
        readers[tool] = {}
        for n in sizes:
            path, figures = data["files"][n]
            slow = tool == "openpyxl" and n >= 10_000
            env = None  # rakxl's default limits admit the 100,000-row workbook (155,000 merges)
            loads.append(load_average())
            log(f"{tool:9} {n:>7,} rows ...")
            cell = measure(["read", tool, str(path)], 1 if slow else opts.repeats, opts.budget,
                           opts.slow_timeout if tool == "openpyxl" else opts.timeout, env=env)
            if tool == "rakxl" and cell.info and (cell.info["total_pagu"], cell.info["activities"]) != (
                    figures["total_pagu"], figures["activities"]):
                cell.note = f"WRONG: {cell.info}"
            readers[tool][n] = cell
            log(f"          {cell.text()}")

    phases = {}
    if "rakxl" in only:
        for n in sizes:
            if n >= 10_000:
                log(f"rakxl phases {n:,} rows ...")
                env = None
                cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "phases", str(data["files"][n][0])]
                proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=opts.timeout,
                                      env=None if env is None else {**os.environ, **env})
                if proc.returncode == 0:
                    phases[n] = json.loads(proc.stdout.strip().splitlines()[-1])

    cli: dict[str, Cell] = {}
    tmp = Path(tempfile.mkdtemp(prefix="rakxl-bench-"))
    try:
        if "version" in only:
            log("rakxl --version ...")
            cli["version"] = measure_cli(["--version"], max(opts.repeats, 5), opts.budget, opts.timeout)
        for name, argv_of, accept in (
                ("check", lambda f: ["check", str(f)], (0, 1)),
                ("format", lambda f: ["format", str(f), "-o", str(tmp / f"out_{f.stem}.xlsx")], (0,))):
            if name not in only:
                continue
            if not command_available(name):
                cli[name] = Cell(note="n/a (command not available)")
                continue
            targets = [("sample", SAMPLE)] + [(n, data["files"][n][0]) for n in sizes if n <= opts.cli_max_rows]
            if name == "check":
                targets.append(("units", data["files"]["units"][0]))
            for label, f in targets:
                loads.append(load_average())
                log(f"rakxl {name} {label} ...")
                cell = measure_cli(argv_of(Path(f)), opts.repeats, opts.budget, opts.timeout, accept)
                cli[f"{name}:{label}"] = cell
                log(f"          {cell.text()}")
        if "totals" in only:
            if not command_available("totals"):
                cli["totals"] = Cell(note="n/a (command not available)")
            else:
                for count, folder in data["folders"].items():
                    variants = {3000: [("-j 1", ["-j", "1"]), ("auto", [])], 5000: [("auto", [])]}.get(
                        count, [("auto", [])])
                    for label, extra in variants:
                        log(f"rakxl totals {count} files {label} ...")
                        cell = measure_cli(["totals", str(folder), "--quiet", *extra],
                                           opts.repeats if count < 3000 else 1, opts.budget, opts.timeout, (0,))
                        cli[f"totals:{count}:{label}"] = cell
                        log(f"          {cell.text()}")
                    if count == 3000:  # issue 19: never slower than -j 1 with one CPU-bound job beside it
                        busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
                        try:
                            for label, extra in (("-j 1, busy", ["-j", "1"]), ("auto, busy", [])):
                                log(f"rakxl totals {count} files {label} ...")
                                cell = measure_cli(["totals", str(folder), "--quiet", *extra], 1, opts.budget,
                                                   opts.timeout, (0,))
                                cli[f"totals:{count}:{label}"] = cell
                                log(f"          {cell.text()}")
                        finally:
                            busy.kill()
                            busy.wait()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    growth = write = None
    if opts.growth_rounds and "growth" in only:
        import io

        import growth_bench

        log("growth: read, check, write, diff at 1,000 / 10,000 / 100,000 rows ...")
        text = io.StringIO()
        growth = growth_bench.measure(rounds=opts.growth_rounds, out=text)
        growth["table"] = text.getvalue()
    if "write" in only:
        import write_bench

        log("write: rakxl.write_rak against plain xlsxwriter at 10,000 rows ...")
        load = load_average().split(",")[0]
        write = write_bench.measure(10_000, 7)
        write["load"] = load
    loads.append(load_average())
    peak = max((float(x.split(",")[0]) for x in loads if x != "n/a"), default=None)
    return {"machine": machine(), "started": started, "load_before": load_before, "load_after": load_average(),
            "load_peak": "n/a" if peak is None else f"{peak:.2f}",
            "sizes": sizes, "readers": readers, "cli": cli, "opts": opts, "data": data, "phases": phases,
            "growth": growth, "write": write}


# -- the report ---------------------------------------------------------------------------

def targets(res) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for each target of issue 8."""
    out = []
    rd, cli = res["readers"], res["cli"]

    def get(tool, n):
        cell = rd.get(tool, {}).get(n)
        return cell.seconds if cell else None

    for n in (10_000, 100_000):
        r, f = get("rakxl", n), get("calamine", n)
        if r and f:
            ratio = r / f
            out.append((f"rakxl read at {n:,} rows at most 2x the calamine floor", f"{ratio:.2f}x "
                        f"({fmt_s(r)} vs {fmt_s(f)})", "met" if ratio <= 2 else f"missed: {ratio:.2f}x, not 2x"))
    r, p = get("rakxl", 10_000), get("pandas", 10_000)
    if r and p:
        speed = p / r
        out.append(("rakxl read at 10,000 rows at least 5x faster than the pandas recipe",
                    f"{speed:.1f}x faster ({fmt_s(r)} vs {fmt_s(p)})",
                    "met" if speed >= 5 else f"missed: {speed:.1f}x instead of 5x"))
    cell = rd.get("rakxl", {}).get(100_000)
    if cell and cell.peak:
        out.append(("rakxl peak memory at 100,000 rows under 400 MB", fmt_mb(cell.peak),
                    "met" if cell.peak < 400e6 else f"missed by {(cell.peak - 400e6) / 1e6:.0f} MB"))

    def timed(key, label, limit):
        cell = cli.get(key)
        if cell is None:
            return
        if cell.seconds is None:
            out.append((label, cell.text(), "not measured"))
        else:
            cpu = f" (CPU {fmt_s(cell.cpu)})" if cell.cpu is not None else ""
            verdict = "met" if cell.seconds < limit else f"missed by {cell.seconds - limit:.2f} s"
            if cell.seconds >= limit and cell.cpu is not None and cell.cpu < limit:
                verdict += " of wall time on the loaded machine; its CPU time is under the target"
            out.append((label, fmt_s(cell.seconds) + cpu, verdict))

    timed("version", "`rakxl --version` under 0.3 s", 0.3)
    timed("check:sample", "`rakxl check` on the sample under 1 s end to end", 1.0)
    timed("check:units", f"`rakxl check` on {UNITS_ROWS:,} rows with {UNITS:,} unit names under 2 s end to end "
          "(issue 13)", 2.0)
    if "check" in cli:
        timed("check", "`rakxl check` on the sample under 1 s end to end", 1.0)
    timed(f"totals:{res['opts'].batch}:auto", f"`rakxl totals` over {res['opts'].batch} small files under 2 s", 2.0)
    if "totals" in cli:
        timed("totals", "`rakxl totals` over 300 small files under 2 s", 2.0)
    seq, par = cli.get("totals:3000:-j 1"), cli.get("totals:3000:auto")
    if seq and par and seq.seconds and par.seconds:
        speed = seq.seconds / par.seconds
        out.append(("`rakxl totals` over 3,000 files: parallel at least 1.5x faster than `-j 1`",
                    f"{speed:.2f}x ({fmt_s(par.seconds)} vs {fmt_s(seq.seconds)}) [load {par.load}, {seq.load}]",
                    "met" if speed >= 1.5 else f"missed: {speed:.2f}x instead of 1.5x"))
    seq, par = cli.get("totals:3000:-j 1, busy"), cli.get("totals:3000:auto, busy")
    if seq and par and seq.seconds and par.seconds:
        speed = seq.seconds / par.seconds
        out.append(("`rakxl totals` over 3,000 files with one CPU-bound job beside it: parallel never slower "
                    "than `-j 1` (issue 19)", f"{speed:.2f}x ({fmt_s(par.seconds)} vs {fmt_s(seq.seconds)}) "
                    f"[load {par.load}, {seq.load}]", "met" if speed >= 1 else f"missed: {speed:.2f}x, slower"))
    cell = cli.get("totals:5000:auto")
    if cell and cell.seconds:
        out.append(("`rakxl totals` over 5,000 files under 1 minute (issue 19)",
                    f"{fmt_s(cell.seconds)} [load {cell.load}]",
                    "met" if cell.seconds < 60 else f"missed by {cell.seconds - 60:.1f} s"))
    v, c = cli.get("version"), cli.get("check:sample")
    if v and c and v.seconds and c.seconds:
        ratio = c.seconds / v.seconds
        out.append(("`rakxl check` on the sample within 4x of `rakxl --version` (issue 19)",
                    f"{ratio:.1f}x ({fmt_s(c.seconds)} vs {fmt_s(v.seconds)}) [load {c.load}, {v.load}]",
                    "met" if ratio <= 4 else f"missed: {ratio:.1f}x"))
    w = res.get("write")
    if w:
        ratio = w["rak_median"] / w["plain_median"]
        out.append(("`rakxl.write_rak` at 10,000 rows at most 2x plain xlsxwriter (issue 19)",
                    f"{ratio:.2f}x (CPU {fmt_s(w['rak_median'])} vs {fmt_s(w['plain_median'])}) [load {w['load']}]",
                    "met" if ratio <= 2 else f"missed: {ratio:.2f}x"))
    g = res.get("growth")
    if g:
        out.append(("No step grows more than 12x per 10x rows (read, check, write, diff; issue 19)",
                    f"worst {g['worst']:.1f}x [load {g['loads'][0].split(',')[0]} to {g['loads'][-1].split(',')[0]}]",
                    "met" if g["worst"] <= g["limit"] else f"missed: {g['worst']:.1f}x (see the growth table)"))
    return out


def report(res) -> str:
    m, opts, sizes = res["machine"], res["opts"], res["sizes"]
    rd, cli = res["readers"], res["cli"]
    lines = ["# rakxl benchmarks", "",
             f"Written by `python benchmarks/run.py{' ' + ' '.join(opts.argv) if opts.argv else ''}` on "
             f"{res['started']:%Y-%m-%d %H:%M} UTC. Every figure is the median of up to {opts.repeats} runs, "
             "each in a fresh process (fewer where marked); time / peak resident memory of that process.", "",
             "## Machine", "",
             f"- {m['platform']}, {m['cores']} cores, {m['ram_gb']} GB RAM",
             f"- Python {m['python']}; " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()),
             f"- Load average (1, 5, 15 min) before the run: {res['load_before']}; after: {res['load_after']}; "
             f"highest 1-minute load seen between measurements: {res['load_peak']}."
             " The machine is shared: a load above the core count makes every figure slower, the"
             " ratios less so.", ""]
    if rd:
        lines += ["## Reading one sheet", "",
                  "Time of the read call alone (modules imported first) / peak RSS of the whole process "
                  "(interpreter and imports included).", "",
                  "| reader | " + " | ".join(f"{n:,} rows" for n in sizes) + " |",
                  "| --- |" + " --- |" * len(sizes)]
        names = {"rakxl": "rakxl.read_rak (all frames)",
                 "pandas": "pandas recipe (read_excel openpyxl + ffill)",
                 "pandas-calamine": "pandas recipe on calamine (read_excel engine=\"calamine\" + ffill)",
                 "calamine": "calamine floor (values + merges, no frames)",
                 "openpyxl": "openpyxl normal mode (values + merges)"}
        for tool, cells in rd.items():
            lines.append(f"| {names[tool]} | " + " | ".join(cells[n].text() for n in sizes) + " |")
        if "calamine" in rd:
            lines += ["", "Ratio of the time to the calamine floor (lower is better; the floor is 1.00x):", "",
                      "| reader | " + " | ".join(f"{n:,} rows" for n in sizes) + " |",
                      "| --- |" + " --- |" * len(sizes)]
            for tool, cells in rd.items():
                if tool == "calamine":
                    continue
                row = []
                for n in sizes:
                    a, f = cells[n].seconds, rd["calamine"][n].seconds
                    row.append(f"{a / f:.2f}x" if a and f else "n/a")
                lines.append(f"| {tool} | " + " | ".join(row) + " |")
        peers = [t for t in ("pandas", "pandas-calamine") if t in rd]
        if peers:
            lines += ["", "Total Pagu found (the generator knows the right one):", "",
                      "| rows | right total | rakxl | " + " | ".join(
                          {"pandas": "pandas recipe (ffill)", "pandas-calamine": "pandas on calamine (ffill)"}[t]
                          for t in peers) + " |", "| --- | --- | --- |" + " --- |" * len(peers)]
            for n in sizes:
                right = res["data"]["files"][n][1]["total_pagu"]
                r = rd.get("rakxl", {}).get(n)
                rt = f"{r.info['total_pagu']:,}" if r and r.info else "n/a"
                pts = []
                for t in peers:
                    p = rd[t][n]
                    pts.append(f"{p.info['total_pagu']:,} ({p.info['total_pagu'] / right:.2f}x)" if p.info else "n/a")
                lines.append(f"| {n:,} | {right:,} | {rt} | " + " | ".join(pts) + " |")
            lines += ["", "Forward-filling a merged Pagu copies it into every row it covers, so the recipe "
                      "counts each budget line once per activity row under it."]
        lines.append("")
    if res.get("phases"):
        sizes_p = sorted(res["phases"])
        lines += ["### Where rakxl's read spends its time", "",
                  "One run per size, stage by stage: CPU seconds of each stage's own functions "
                  "(`benchmarks/phase_bench.py`, which also gives the garbage collector's part and the check's "
                  "rules), next to the calamine floor of the table above (wall time).", "",
                  "| phase | " + " | ".join(f"{n:,} rows" for n in sizes_p) + " |",
                  "| --- |" + " --- |" * len(sizes_p)]
        names = [p[0] for p in res["phases"][sizes_p[0]]["phases"]]
        for i, name in enumerate(names):
            row = []
            for n in sizes_p:
                ph = res["phases"][n]["phases"]
                row.append(fmt_s(ph[i][1]) if i < len(ph) else "n/a")
            lines.append(f"| {name} | " + " | ".join(row) + " |")
        lines.append("| total | " + " | ".join(fmt_s(sum(p[1] for p in res["phases"][n]["phases"]))
                                             for n in sizes_p) + " |")
        if "calamine" in rd:
            lines.append("| (calamine floor, median above) | " + " | ".join(
                fmt_s(rd["calamine"][n].seconds) if n in rd["calamine"] else "n/a" for n in sizes_p) + " |")
        for n in sizes_p:
            ph = res["phases"][n]["phases"]
            total = sum(p[1] for p in ph)
            cal = sum(p[1] for p in ph if p[0].startswith("calamine"))
            rest = sorted((p for p in ph if not p[0].startswith("calamine")), key=lambda p: -p[1])
            if total and len(rest) >= 3:
                lines.append(
                    f"\nAt {n:,} rows calamine's own work inside rakxl is {fmt_s(cal)} of {fmt_s(total)} "
                    f"({cal / total:.0%}); the rest is rakxl's: " + ", ".join(
                        f"{p[0].split(':')[0]} {p[0].split(': ', 1)[1].split(' (')[0]} {fmt_s(p[1])}"
                        for p in rest[:3]) + ".")
        for n in sizes_p:
            if res["phases"][n].get("error"):
                lines.append(f"\nPhases at {n:,} rows: {res['phases'][n]['error']}")
        lines.append("")
    if cli:
        lines += ["## Command line, end to end", "",
                  "Whole process: start-up, imports, reading, output. `check` and `format` on the official "
                  "sample (68 rows) and the generated files; `totals` over the folder of small workbooks "
                  "(20 to 70 rows each).", "",
                  "| command | time / peak memory |", "| --- | --- |"]
        for key, cell in cli.items():
            lines.append(f"| {_cli_label(key)} | {cell.text()} |")
        lines.append("")
    if res.get("growth"):
        lines += ["## Growth with the rows (issue 19)", "",
                  "`benchmarks/growth_bench.py`: each step's CPU time at 1,000, 10,000 and 100,000 activity "
                  "rows and its growth per 10x rows (10x is linear, 100x quadratic; the script fails its own "
                  "run above 12x). `diff` compares a plan with a typical revision of it; `diff touched` with a "
                  "plan in which every Sasaran changed and one activity of every goal was renamed.", "",
                  res["growth"]["table"].rstrip(), ""]
    if res.get("write"):
        w = res["write"]
        lines += ["## Formatted write (issue 19)", "",
                  f"`benchmarks/write_bench.py`: `rakxl.write_rak` of {w['rows']:,} activity rows (the official "
                  f"layout: merges, borders, row heights, print setup) against xlsxwriter writing the same value "
                  f"cells with no formatting; CPU seconds, median of {w['runs']} runs each, alternating, the "
                  f"garbage collected before each [load {w['load']}].", "",
                  "| writer | median | best |", "| --- | --- | --- |",
                  f"| xlsxwriter, plain cells | {fmt_s(w['plain_median'])} | {fmt_s(w['plain_best'])} |",
                  f"| rakxl.write_rak | {fmt_s(w['rak_median'])} | {fmt_s(w['rak_best'])} |",
                  f"| ratio | {w['rak_median'] / w['plain_median']:.2f}x | {w['rak_best'] / w['plain_best']:.2f}x |",
                  ""]
    tg = targets(res)
    if tg:
        lines += ["## Targets (issues 8 and 19)", "", "| target | measured | verdict |", "| --- | --- | --- |"]
        lines += [f"| {a} | {b} | {c} |" for a, b, c in tg]
        lines.append("")
    notes = _missed_notes(res)
    if notes:
        lines += ["## Why the reading targets are missed", ""] + notes + [""]
    lines += ["## How it is measured", "",
              "- Data: `benchmarks/generate.py` writes each workbook with xlsxwriter in the official layout "
              "(title, two-row header, column numbers, No/Sasaran merged over a goal, Indikator and its "
              "target over its activities, each Pagu and its Pelaksana merged over the rows it pays for, "
              "JUMLAH row, signature). Files live in `benchmarks/data/` (git-ignored) and are reused.",
              "- Readers: `run.py --child read TOOL FILE` in a fresh process; the modules are imported first, "
              "then the call is timed with `time.perf_counter`. Peak memory is `ru_maxrss` of that process.",
              "- Command line: `run.py --child cli` starts the `rakxl` console script and reports its wall "
              "time and `ru_maxrss` of `RUSAGE_CHILDREN` (for `totals` with worker processes: the largest "
              "single process, not their sum).",
              f"- openpyxl normal mode and the 3,000-file totals run once; openpyxl is stopped after "
              f"{opts.slow_timeout:.0f} s (issue 8 measured 22 s at 10,000 and 219 s at 100,000 rows on the "
              "same kind of machine). Other measurements stop repeating after "
              f"{opts.budget:.0f} s of runs.",
              "- Limits: every file is read with rakxl's default safety limits (`rakxl.Limits`), which "
              "admit the 100,000-row workbook and its 155,000 merged ranges.",
              "- Portability: `resource` exists on Linux and macOS; on Windows memory shows n/a (psutil, "
              "when installed, gives the readers' own figure).", ""]
    return "\n".join(lines)


def _missed_notes(res) -> list[str]:
    """What the phase table says about the 2x-the-floor target, in a few lines."""
    rd, phases = res["readers"], res.get("phases") or {}
    out = []
    for n in sorted(phases):
        floor = rd.get("calamine", {}).get(n)
        ph = phases[n]["phases"]
        if not floor or not floor.seconds or len(ph) < 7:
            continue
        total = sum(p[1] for p in ph)
        if total <= 2 * floor.seconds:
            continue
        walk = sum(p[1] for p in ph if "walk" in p[0])
        out.append(f"- {n:,} rows: the floor is {fmt_s(floor.seconds)}, so the target allows "
                   f"{fmt_s(2 * floor.seconds)}. Without the walk over the rows rakxl would still take "
                   f"{fmt_s(total - walk)} ({(total - walk) / floor.seconds:.1f}x the floor).")
    if out:
        out = ["rakxl does work the floor does not do, each part needed:", "",
               "- the guard inflates and scans the sheet XML before calamine may see it (calamine aborts "
               "the whole process on a dimension bomb, which no `except` can catch);",
               "- a second pass over the sheet XML gives what calamine does not expose: number formats "
               "(`100%`), formulas without a saved value, error cells;",
               "- the reader, in Python, indexes the merges, walks the rows (hierarchy, budget lines, "
               "notes for the checker, every value traceable to its cell) and builds four frames.", "",
               "The phase table shows each part; even with the row walk free the rest exceeds the target:", ""] + out
        out += ["", "What is left is spread thin: the guard's scan and the side-information scan already "
                "share one inflate of the sheet XML and run as C regular expressions, and the row walk "
                "already works on column lists. Closing the gap would take native code (the guard's "
                "extent check and the formats/formulas/errors pass inside a reader such as calamine) "
                "rather than more Python. A merge-aware reader built on openpyxl is far slower still "
                "(the openpyxl row of the table)."]
    return out


def _cli_label(key: str) -> str:
    parts = key.split(":")
    if parts[0] == "version":
        return "`rakxl --version`"
    if parts[0] == "totals":
        if len(parts) == 1:
            return "`rakxl totals`"
        return f"`rakxl totals` over {int(parts[1]):,} files" + (f" ({parts[2]})" if parts[2] != "auto" else "")
    if len(parts) == 1:
        return f"`rakxl {parts[0]}`"
    what = {"sample": "the sample", "units": f"{UNITS_ROWS:,} rows, {UNITS:,} unit names"}.get(parts[1]) \
        or f"{int(parts[1]):,} rows"
    return f"`rakxl {parts[0]}` on {what}"


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true",
                   help="smoke run: sizes 70 and 1,000, one repeat, 30 small files, no 3,000-file run; "
                        "writes benchmarks/data/RESULTS-quick.md unless -o is given")
    p.add_argument("--sizes", type=lambda s: tuple(int(x.replace("_", "")) for x in s.split(",")),
                   help="activity rows of the generated workbooks (default 70,1000,10000,100000)")
    p.add_argument("--repeats", type=int, help="runs per measurement, median reported (default 5)")
    p.add_argument("--batch", type=int, help="small workbooks for `rakxl totals` (default 300)")
    p.add_argument("--no-3000", dest="with_3000", action="store_false",
                   help="skip the 3,000-file sequential vs parallel totals run")
    p.add_argument("--only", type=lambda s: s.split(","),
                   help=f"comma-separated subset of: {', '.join(READERS + CLI_TASKS)}")
    p.add_argument("--budget", type=float, default=30.0,
                   help="stop repeating a measurement once its runs took this many seconds (default 30)")
    p.add_argument("--timeout", type=float, default=300.0, help="per-run timeout in seconds (default 300)")
    p.add_argument("--slow-timeout", type=float, default=60.0,
                   help="timeout of openpyxl normal mode (default 60)")
    p.add_argument("--cli-max-rows", type=int, default=10_000,
                   help="run `check`/`format` on generated files up to this size (default 10000)")
    p.add_argument("--growth-rounds", type=int, default=2,
                   help="rounds of benchmarks/growth_bench.py (1,000 / 10,000 / 100,000 rows; default 2, 0: skip)")
    p.add_argument("-o", "--output", type=Path, help="where to write the report (default benchmarks/RESULTS.md)")
    p.add_argument("--silent", action="store_true", help="no progress on stderr")
    opts = p.parse_args(argv)
    opts.argv = list(argv)
    if opts.quick:
        opts.sizes = opts.sizes or QUICK_SIZES
        opts.repeats = opts.repeats or 1
        opts.batch = 30 if opts.batch is None else opts.batch
        opts.with_3000 = False
        opts.growth_rounds = 0
        opts.output = opts.output or DATA / "RESULTS-quick.md"
    opts.sizes = opts.sizes or FULL_SIZES
    opts.repeats = opts.repeats or 5
    opts.batch = 300 if opts.batch is None else opts.batch
    opts.output = opts.output or HERE / "RESULTS.md"
    return opts


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        if argv[1] == "read":
            child_read(argv[2], argv[3])
        elif argv[1] == "phases":
            child_phases(argv[2])
        else:  # cli TIMEOUT -- ARGV...
            child_cli(argv[4:], float(argv[2]))
        return 0
    opts = parse_args(argv)
    res = run(opts)
    text = report(res)
    opts.output.parent.mkdir(parents=True, exist_ok=True)
    tmp = opts.output.with_name(opts.output.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, opts.output)
    print(text)
    print(f"\nwritten to {opts.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
