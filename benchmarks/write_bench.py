"""Benchmark of rakxl's writer: a 10,000-row RAK through ``rakxl.write_rak`` next to
xlsxwriter writing the same value cells with no formatting at all.

Run from the project root:  python benchmarks/write_bench.py [ROWS]

Issue 5 asks the formatted write to cost no more than about twice the plain one.
CPU time (``time.process_time``), median and best of seven runs each, alternating which
goes first, the garbage collected before each.
"""
from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py)

import rakxl  # noqa: E402
from rakxl.writer import DATA_ROW, write_rak  # noqa: E402

TEXT_COLUMNS = ("no", "sasaran", "indikator", "target_indikator", "kegiatan", "target_kegiatan",
                "tw1", "tw2", "tw3", "tw4")


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


def measure(rows: int = 10_000, runs: int = 7) -> dict:
    """CPU seconds of both writers (median and best of ``runs``), as a dict."""
    tmp = Path(tempfile.mkdtemp(prefix="rakxl-write-"))
    src = HERE / "data" / f"RAK_{rows}.xlsx"
    generate.ensure(src, rows)
    rak = rakxl.read_rak(src)
    plain, formatted = [], []
    for k in range(runs):  # alternating which goes first
        pair = [(plain, lambda p: write_plain(rak, p), "plain"), (formatted, lambda p: write_rak(rak, p), "rak")]
        for out, fn, name in pair[::-1] if k % 2 else pair:
            out.append(cpu_seconds(fn, tmp / f"{name}{k}.xlsx"))
    return {"rows": rows, "runs": runs, "budget_lines": len(rak.budgets),
            "plain_median": statistics.median(plain), "plain_best": min(plain),
            "rak_median": statistics.median(formatted), "rak_best": min(formatted)}


def main(rows: int = 10_000, runs: int = 7) -> None:
    m = measure(rows, runs)
    mp, mf = m["plain_median"], m["rak_median"]
    print(f"{rows:,} activity rows, {m['budget_lines']:,} budget lines, CPU seconds over {runs} runs")
    print(f"  xlsxwriter, plain cells : median {mp:.3f} s, best {m['plain_best']:.3f} s")
    print(f"  rakxl.write_rak         : median {mf:.3f} s, best {m['rak_best']:.3f} s")
    print(f"  ratio                   : median {mf / mp:.2f}x, best {m['rak_best'] / m['plain_best']:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
