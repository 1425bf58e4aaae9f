"""Benchmark of rakxl's writer: a 10,000-row RAK through ``rakxl.write_rak`` next to
xlsxwriter writing the same value cells with no formatting at all.

Run from the project root:  python benchmarks/write_bench.py [ROWS] [--runs N]

Issue 19 (item 4) asks the formatted write to cost at most twice the plain one. CPU
time (``time.process_time``), best and median of ``--runs`` runs each (default 3),
alternating which goes first, the garbage collected before each; the load average is
printed beside the figures. The script exits 1 when the best-of-runs ratio is above 2x.

Then a phase table says where each writer's time goes (one more run of each with the
phases timed, and one with the cycle collector off): rakxl's plan, its calls for cells
and merges, measuring text for row heights, row heights, print setup, xlsxwriter's
XML and zip (``close``), and the cycle collector; with the counts of what each file
holds (cell records, merges, rows).
"""
from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)
from machine import load_average  # noqa: E402  (benchmarks/machine.py)

import rakxl  # noqa: E402
from rakxl.writer import DATA_ROW, write_rak  # noqa: E402

TEXT_COLUMNS = ("no", "sasaran", "indikator", "target_indikator", "kegiatan", "target_kegiatan",
                "tw1", "tw2", "tw3", "tw4")
LIMIT = 2.0


def write_plain(rak, path) -> None:
    """The same values as the official layout holds, one cell each, no formats or merges."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("RAK")
    acts = rak.activities
    data = {c: acts[c].tolist() for c in TEXT_COLUMNS + ("pelaksana",)}
    pagu = dict(zip(rak.budgets["budget_line"], rak.budgets["pagu"]))
    lines = acts["budget_line"].astype(object).where(acts["budget_line"].notna(), None).tolist()
    seen = set()
    for i in range(len(acts)):
        r = DATA_ROW + i
        for c, col in enumerate(TEXT_COLUMNS):
            if data[col][i] is not None:
                ws.write_string(r, c, data[col][i])
        line = lines[i]
        if line is not None and line not in seen:
            seen.add(line)
            ws.write_number(r, 10, pagu[line])
        if data["pelaksana"][i] is not None:
            ws.write_string(r, 11, data["pelaksana"][i])
    wb.close()


def cpu_seconds(fn, path) -> float:
    gc.collect()  # the garbage of the run before is not this run's cost
    start = time.process_time()
    fn(path)
    return time.process_time() - start


def _read(rows: int):
    src = HERE / "data" / f"RAK_{rows}.xlsx"
    generate.ensure(src, rows)
    rak = rakxl.read_rak(src)
    rak.activities, rak.budgets  # noqa: B018  (the plain writer's frames, built before timing)
    return rak


def measure(rows: int = 10_000, runs: int = 3) -> dict:
    """CPU seconds of both writers (median and best of ``runs``), as a dict."""
    tmp = Path(tempfile.mkdtemp(prefix="rakxl-write-"))
    rak = _read(rows)
    plain, formatted = [], []
    load_before = load_average()
    for k in range(runs):  # alternating which goes first
        pair = [(plain, lambda p: write_plain(rak, p), "plain"), (formatted, lambda p: write_rak(rak, p), "rak")]
        for out, fn, name in pair[::-1] if k % 2 else pair:
            out.append(cpu_seconds(fn, tmp / f"{name}{k}.xlsx"))
    return {"rows": rows, "runs": runs, "budget_lines": len(rak.budgets),
            "plain_median": statistics.median(plain), "plain_best": min(plain),
            "rak_median": statistics.median(formatted), "rak_best": min(formatted),
            "ratio_best": min(formatted) / min(plain), "load": load_before, "load_after": load_average(),
            "plain_file": str(tmp / "plain0.xlsx"), "rak_file": str(tmp / "rak0.xlsx")}


# -- phases ---------------------------------------------------------------------------

def _timed(owner, name, totals, label):
    """Wrap ``owner.name`` so that its CPU time adds to ``totals[label]``; returns the undo."""
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            totals[label] = totals.get(label, 0.0) + time.process_time() - start

    setattr(owner, name, wrapper)
    return lambda: setattr(owner, name, original)


def _collector(totals):
    """Time the cycle collector's passes (CPU) into ``totals['cycle collector']``."""
    start = [0.0]

    def callback(phase, info):
        if phase == "start":
            start[0] = time.process_time()
        else:
            totals["cycle collector"] = totals.get("cycle collector", 0.0) + time.process_time() - start[0]
            totals["full collections"] = totals.get("full collections", 0) + (info["generation"] == 2)

    gc.callbacks.append(callback)
    return lambda: gc.callbacks.remove(callback)


def phases(rak, path, writer: str) -> dict:
    """One run of ``writer`` ("rak" or "plain") with its phases timed."""
    import xlsxwriter

    from rakxl.writer import metrics, sheet

    totals: dict = {}
    undo = [_timed(xlsxwriter.Workbook, "close", totals, "xlsxwriter XML + zip (close)"), _collector(totals)]
    if writer == "rak":  # whole phases only: a timer around each of 100,000 calls would cost more than they do
        undo += [_timed(sheet._SheetWriter, "blocks", totals, "plan: which value in which cell"),
                 _timed(sheet._SheetWriter, "write_body", totals, "body: cells, merges, text heights"),
                 _timed(sheet._SheetWriter, "print_setup", totals, "print setup, page breaks")]
    try:
        totals["total"] = cpu_seconds((lambda p: write_rak(rak, p)) if writer == "rak"
                                      else (lambda p: write_plain(rak, p)), path)
    finally:
        for u in undo:
            u()
    gc.collect()
    gc.disable()
    try:
        totals["total, collector off"] = cpu_seconds((lambda p: write_rak(rak, p)) if writer == "rak"
                                                     else (lambda p: write_plain(rak, p)), path)
    finally:
        gc.enable()
    if writer == "rak":  # measuring text: the run again with every text taken as one line
        lines = metrics._Measure.lines
        metrics._Measure.lines = lambda self, *args, **kwargs: 1
        try:
            totals["measuring text (the run without it: difference)"] = totals["total"] - cpu_seconds(
                lambda p: write_rak(rak, p), path)
        finally:
            metrics._Measure.lines = lines
    return totals


def counts(path) -> dict:
    """Cell records, merges and rows in the file's first sheet."""
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml")
    return {"cells": xml.count(b"<c "), "merges": xml.count(b"<mergeCell "), "rows": xml.count(b"<row ")}


# -- xlsxwriter alone: rakxl's calls replayed ----------------------------------------------

#: Marks a format in a recorded call.
FORMAT = object()
#: The worksheet calls that put records in the file (cells, merges, rows, columns).
RECORDED = ("write_string", "write_blank", "write_number", "write_formula", "write", "merge_range",
            "set_row", "set_column", "ignore_errors")


def record(rak, path):
    """rakxl.write_rak's worksheet calls and the formats they use, as a script that
    :func:`replay` runs with no rakxl code at all."""
    import xlsxwriter
    from xlsxwriter.worksheet import Worksheet

    calls, formats = [], {}
    originals = {name: getattr(Worksheet, name) for name in RECORDED}
    add_format, init = xlsxwriter.Workbook.add_format, xlsxwriter.Workbook.__init__
    in_init = [False]

    def new_init(self, *args, **kwargs):
        in_init[0] = True
        try:
            init(self, *args, **kwargs)
        finally:
            in_init[0] = False

    def new_add_format(self, props=None):
        fmt = add_format(self, props)
        if not in_init[0]:
            formats[id(fmt)] = (len(formats), dict(props or {}))
        return fmt

    def recorder(name):
        def call(self, *args):
            calls.append((name, args))
            return originals[name](self, *args)
        return call

    xlsxwriter.Workbook.__init__, xlsxwriter.Workbook.add_format = new_init, new_add_format
    for name in RECORDED:
        setattr(Worksheet, name, recorder(name))
    try:
        write_rak(rak, path)
    finally:
        xlsxwriter.Workbook.__init__, xlsxwriter.Workbook.add_format = init, add_format
        for name, fn in originals.items():
            setattr(Worksheet, name, fn)
    props = [p for _, p in sorted(formats.values(), key=lambda x: x[0])]
    index = {k: i for k, (i, _) in formats.items()}
    # a format argument becomes (FORMAT, its number): tuples of plain values, which the
    # cycle collector stops tracking, so that the script does not slow the runs it is timed beside
    script = [(name, tuple((FORMAT, index[id(a)]) if id(a) in index else a for a in args)) for name, args in calls]
    gc.collect()
    return props, script


def replay(props, script, path) -> None:
    """The recorded calls on a new workbook (the writer's options), then close."""
    import xlsxwriter

    from rakxl import layout

    book = xlsxwriter.Workbook(str(path), {"default_format_properties": dict(layout.FONT), "in_memory": True,
                                           "strings_to_formulas": False, "strings_to_urls": False})
    fmts = [book.add_format(p) for p in props]
    ws = book.add_worksheet("RAK")
    for name, args in script:
        getattr(ws, name)(*[fmts[a[1]] if type(a) is tuple and a and a[0] is FORMAT else a for a in args])
    book.close()


def phase_table(rak, tmp: Path, runs: int = 3) -> str:
    rows_out = []
    got = {w: phases(rak, tmp / f"phase-{w}.xlsx", w) for w in ("plain", "rak")}
    labels = list(dict.fromkeys(k for w in ("rak", "plain") for k in got[w]))
    lines = ["| phase (CPU s, one run each) | plain xlsxwriter | rakxl.write_rak |", "| --- | --- | --- |"]
    for label in labels:
        cells = []
        for w in ("plain", "rak"):
            v = got[w].get(label)
            cells.append("" if v is None else (f"{v}" if isinstance(v, int) else f"{v:.3f}"))
        rows_out.append(f"| {label} | {cells[0]} | {cells[1]} |")
    c = {w: counts(tmp / f"phase-{w}.xlsx") for w in ("plain", "rak")}
    for key in ("cells", "merges", "rows"):
        rows_out.append(f"| {key} in the file | {c['plain'][key]:,} | {c['rak'][key]:,} |")
    props, script = record(rak, tmp / "recorded.xlsx")
    plain = min(cpu_seconds(lambda p: write_plain(rak, p), tmp / "p.xlsx") for _ in range(runs))
    alone = min(cpu_seconds(lambda p: replay(props, script, p), tmp / "r.xlsx") for _ in range(runs))
    full = min(cpu_seconds(lambda p: write_rak(rak, p), tmp / "w.xlsx") for _ in range(runs))
    tail = ["", f"xlsxwriter alone replaying rakxl.write_rak's {len(script):,} worksheet calls (no rakxl code; "
                f"CPU best of {runs}): {alone:.3f} s = {alone / plain:.2f}x plain ({plain:.3f} s); "
                f"rakxl.write_rak {full:.3f} s = {full / plain:.2f}x: rakxl's own part (plan, text measuring, "
                f"heights, page breaks) is {(full - alone) / plain:.2f}x of plain."]
    return "\n".join(lines + rows_out + tail)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rows", nargs="?", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-phases", action="store_true", help="skip the phase table")
    opts = ap.parse_args(argv)
    m = measure(opts.rows, opts.runs)
    ratio = m["ratio_best"]
    print(f"{opts.rows:,} activity rows, {m['budget_lines']:,} budget lines, CPU seconds, {opts.runs} runs each "
          f"[load {m['load']} -> {m['load_after']}]")
    print(f"  xlsxwriter, plain cells : best {m['plain_best']:.3f} s, median {m['plain_median']:.3f} s")
    print(f"  rakxl.write_rak         : best {m['rak_best']:.3f} s, median {m['rak_median']:.3f} s")
    print(f"  ratio                   : best {ratio:.2f}x, median {m['rak_median'] / m['plain_median']:.2f}x "
          f"(limit {LIMIT:.0f}x)")
    if not opts.no_phases:
        print()
        print(phase_table(_read(opts.rows), Path(tempfile.mkdtemp(prefix="rakxl-write-phases-"))))
    if ratio > LIMIT:
        print(f"FAILED: rakxl.write_rak is {ratio:.2f}x plain xlsxwriter (best of {opts.runs}), above {LIMIT:.0f}x")
        return 1
    print(f"ok: {ratio:.2f}x, within {LIMIT:.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
