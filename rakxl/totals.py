"""Budget totals over many RAK workbooks: what finance imports.

Three steps, each usable on its own:

- :func:`find_workbooks` turns files and folders into the list of workbooks to read
  (folders searched recursively for .xlsx, .xlsm and .xls; Excel's ``~$`` lock files
  skipped);
- :func:`read_many` reads them all, in a process pool when there are enough files
  for that to pay (:data:`PARALLEL_THRESHOLD`), and never stops at an unreadable
  file: it is returned in ``failures`` with its reason;
- :func:`budget_totals` sums the budget lines of the readings, grouped by any of
  ``file``, ``sheet``, ``no``, ``sasaran`` and ``pelaksana``.

Only budget lines are summed (:attr:`rakxl.model.Rak.budgets`: each Pagu cell or
merged Pagu range once), never the activity rows a merged Pagu covers. Nothing is
hidden: a goal without any budget line, or a Pelaksana who runs activities of a
goal but holds none of its budget lines, still gets its row, with Pagu 0.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from .exceptions import RakError, RakFileError

if TYPE_CHECKING:  # pandas is imported lazily to keep the CLI's start-up fast
    import pandas as pd

    from .model import Rak

#: The columns budget totals can be grouped by.
GROUP_KEYS = ("file", "sheet", "no", "sasaran", "pelaksana")
#: File name endings searched for in folders (compared case-insensitively).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
#: Excel writes ``~$name.xlsx`` next to an open workbook; it is a lock, not a workbook.
LOCK_PREFIX = "~$"

#: Fewest files for which :func:`read_many` starts a process pool, by the way this
#: platform starts processes. Measured with ``python benchmarks/totals_bench.py
#: crossover`` on small RAK workbooks (about 3 ms each to read) on 2 cores: a
#: ``fork`` pool (Linux) costs about 0.03 s to start and wins from about 50 files;
#: a ``spawn`` pool (Windows, macOS) costs about 0.35 s (each worker starts Python
#: and imports pandas) and loses at 200 files, wins at 300. See the README section
#: "rakxl totals".
PARALLEL_THRESHOLD = {"fork": 50, "forkserver": 300, "spawn": 300}

#: Finding codes (from :func:`rakxl.check`) that change what a total means; these
#: are listed on the ``Peringatan`` sheet of the XLSX output: money maybe counted
#: twice, goals without money, one Pelaksana split over two spellings, and Pagu
#: cells that could not be read (left out of the sums) or a stated total that differs.
TOTALS_FINDING_CODES = ("duplicate-budget", "missing-budget", "pelaksana-variant", "amount-invalid",
                        "formula-no-cache", "total-mismatch")


@dataclass
class Failure:
    """A file that could not be read.

    Attributes:
        path: the file, as found.
        reason: why, in Bahasa Indonesia (the message of the :class:`RakError`
            without the file name).
    """

    path: str
    reason: str


@dataclass
class ReadResult:
    """What :func:`read_many` read.

    Attributes:
        raks: every RAK sheet read, file by file in the order given, sheets in
            workbook order.
        failures: the files that could not be read, in the order given.
        findings: when :func:`read_many` ran the checker, ``findings[i]`` are the
            findings of ``raks[i]``; otherwise None.
        files: every file that was tried, in order.
        skipped: rakxl's own outputs that were not counted (totals, findings and
            diff workbooks, annotated copies: see :data:`rakxl.marker.NOT_COUNTED`),
            each with the notice saying what it is, in the order given.
    """

    raks: list = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    findings: list[list] | None = None
    files: list[str] = field(default_factory=list)
    skipped: list[Failure] = field(default_factory=list)


# -- finding the files ---------------------------------------------------------

def is_workbook_name(path: Path) -> bool:
    """Whether a file found in a folder should be read: a workbook ending that is not a lock file."""
    return path.suffix.lower() in WORKBOOK_SUFFIXES and not path.name.startswith(LOCK_PREFIX)


def find_workbooks(paths: Iterable) -> list[Path]:
    """The workbooks named by ``paths``: files as given, folders searched recursively.

    A path that is not a folder is kept as it is, even when it does not exist or is
    not a workbook (reading it then fails with the reason). In folders only .xlsx,
    .xlsm and .xls files are taken, without Excel's ``~$`` lock files. Each file
    comes once; a folder's files are sorted by path.
    """
    out: list[Path] = []
    seen: set[str] = set()

    def add(p: Path) -> None:
        key = os.path.normcase(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = [f for f in p.rglob("*") if is_workbook_name(f) and f.is_file()]
            for f in sorted(found, key=lambda f: [part.casefold() for part in f.relative_to(p).parts]):
                add(f)
        else:
            add(p)
    return out


# -- reading many files ----------------------------------------------------------

def _read_one(task: tuple) -> tuple:
    """Read every RAK sheet of one file (in a worker process, or in this one).

    Top-level so that a ``spawn`` process pool (Windows) can pickle it. Returns
    ``(path, raks, findings, reason, skipped)``: ``reason`` is None when the file was
    read; ``skipped`` is the notice when the file is a rakxl output not counted.
    """
    path, run_checker, limits = task
    from .marker import read_mark
    from .reader import read_workbook

    mark = read_mark(path)
    if mark is not None and not mark.counted:
        from .i18n import say

        return path, None, None, None, say("output_skipped", what=mark.label())
    try:
        raks = read_workbook(path, limits=limits)
        findings = None
        if run_checker:
            from .checker import check

            findings = [check(rak) for rak in raks]
    except RakError as exc:
        where = ", ".join(x for x in (exc.sheet and f"sheet '{exc.sheet}'", exc.cell and f"sel {exc.cell}") if x)
        return path, None, None, f"{where}: {exc.reason}" if where else exc.reason, None
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop a batch of hundreds
        return path, None, None, f"kesalahan tak terduga di rakxl ({type(exc).__name__}: {exc})", None
    return path, raks, findings, None, None


def parallel_threshold(start_method: str | None = None) -> int:
    """The file count from which :func:`read_many` uses a process pool, for
    ``start_method`` (None: this platform's default way of starting processes)."""
    import multiprocessing

    method = start_method or multiprocessing.get_start_method(allow_none=False)
    return PARALLEL_THRESHOLD.get(method, max(PARALLEL_THRESHOLD.values()))


def read_many(paths: Iterable, *, jobs: int | None = None, check: bool = False,
              progress: Callable[[int, int], None] | None = None, limits=None,
              start_method: str | None = None) -> ReadResult:
    """Read every RAK sheet of many workbooks; an unreadable file never stops the run.

    Args:
        paths: files and folders (see :func:`find_workbooks`).
        jobs: worker processes. None: one per core when there are at least
            :func:`parallel_threshold` files, else read here, one by one. 1: never
            start processes.
        check: also run :func:`rakxl.check` on every sheet (results in ``findings``).
        progress: called as ``progress(done, total)`` after each file.
        limits: :class:`rakxl.guard.Limits` for every file.
        start_method: how worker processes start (``"spawn"``, ``"fork"``...);
            None for the platform's default. ``"spawn"`` on Linux tests what
            Windows does.

    Returns:
        A :class:`ReadResult`.

    Raises:
        RakFileError: ``paths`` name no workbook at all (e.g. only empty folders).
    """
    paths = list(paths)
    files = [str(p) for p in find_workbooks(paths)]
    if not files:
        where = ", ".join(str(p) for p in paths) or "(tidak ada)"
        raise RakFileError(f"tidak ada workbook (.xlsx, .xlsm, .xls) di {where}")
    result = ReadResult(files=files, findings=[] if check else None)
    total = len(files)
    if jobs is None:
        jobs = (os.cpu_count() or 1) if total >= parallel_threshold(start_method) else 1
    jobs = max(1, min(jobs, total))
    if sys.platform == "win32":
        jobs = min(jobs, 61)  # Windows' process pools take at most 61 workers
    tasks = [(f, check, limits) for f in files]
    if jobs == 1:
        outcomes = map(_read_one, tasks)
        _collect(outcomes, result, progress, total)
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        import pandas  # noqa: F401 - loaded before the pool, so that forked workers start warm
        from . import reader  # noqa: F401

        # Chunks amortise the cost of sending work to the processes while keeping the
        # progress bar moving.
        chunk = max(1, min(32, total // (jobs * 8)))
        context = multiprocessing.get_context(start_method)
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
        try:
            _collect(pool.map(_read_one, tasks, chunksize=chunk), result, progress, total)
        except BrokenProcessPool:
            # A worker died (killed, out of memory, a crash in a native library):
            # the files without a result are listed, never silently dropped.
            for f in files[_result_count(result):]:
                result.failures.append(Failure(f, "proses pembaca berhenti mendadak saat membaca file ini atau "
                                                  "file lain di kelompoknya; coba lagi dengan --jobs 1"))
        finally:
            # On Ctrl+C, drop the files not started yet instead of reading them all first.
            pool.shutdown(wait=True, cancel_futures=True)
    return result


def _result_count(result: ReadResult) -> int:
    """How many files have a result so far (read, or listed as unreadable)."""
    return len(result.failures) + len(result.skipped) + len({rak.path for rak in result.raks})


def _collect(outcomes, result: ReadResult, progress, total: int) -> None:
    for done, (path, raks, findings, reason, skipped) in enumerate(outcomes, 1):
        if skipped is not None:
            result.skipped.append(Failure(path, skipped))
        elif reason is not None:
            result.failures.append(Failure(path, reason))
        else:
            result.raks.extend(raks)
            if result.findings is not None:
                result.findings.extend(findings)
        if progress is not None:
            progress(done, total)


# -- the totals ----------------------------------------------------------------

def _check_by(by) -> tuple[str, ...]:
    if isinstance(by, str):
        by = [b for b in re.split(r"[,\s]+", by) if b]
    keys = tuple(dict.fromkeys(by))
    unknown = [k for k in keys if k not in GROUP_KEYS]
    if unknown:
        raise ValueError(f"cannot group by {', '.join(map(repr, unknown))}; choose from {', '.join(GROUP_KEYS)}")
    return keys


def budget_rows(rak: "Rak") -> list[dict]:
    """One row per budget line of ``rak``, plus a Pagu-0 row for each goal (and each
    Pelaksana of a goal's activities) that holds no budget line.

    Each row has ``file``, ``sheet``, ``goal``, ``no``, ``sasaran``, ``pelaksana``,
    ``pagu`` and ``budget_lines`` (1 for a budget line, 0 for a Pagu-0 row). Goals are
    joined by their position in the sheet (``goal``), not their written No, which
    may repeat or be missing.
    """
    path, sheet = rak.path, rak.sheet
    goals = {int(g): (no, sas) for g, no, sas in _columns(rak.goals, "goal", "no", "sasaran")}
    rows = []
    held = set()   # (goal, pelaksana) holding at least one budget line
    for g, pagu, pelaksana in _columns(rak.budgets, "goal", "pagu", "pelaksana"):
        g = int(g)
        no, sas = goals.get(g, (None, None))
        rows.append({"file": path, "sheet": sheet, "goal": g, "no": no, "sasaran": sas,
                     "pelaksana": pelaksana, "pagu": int(pagu), "budget_lines": 1})
        held.add((g, pelaksana))
    budgeted_goals = {g for g, _ in held}
    runs: dict[int, list] = {}   # goal -> Pelaksana of its activities, in order
    for g, pelaksana in _columns(rak.activities, "goal", "pelaksana"):
        if pelaksana is not None:
            names = runs.setdefault(int(g), [])
            if pelaksana not in names:
                names.append(pelaksana)
    for g, (no, sas) in goals.items():
        names = runs.get(g) or ([] if g in budgeted_goals else [None])
        for pelaksana in names:
            if (g, pelaksana) not in held:
                rows.append({"file": path, "sheet": sheet, "goal": g, "no": no, "sasaran": sas,
                             "pelaksana": pelaksana, "pagu": 0, "budget_lines": 0})
    return rows


def _columns(frame, *names):
    """Rows of some columns of a frame as tuples (much faster than selecting a sub-frame)."""
    return zip(*(frame[n].tolist() for n in names))


_DIGITS = re.compile(r"(\d+)")


def _sort_key(value) -> tuple:
    """Blanks last; text compared without case, numbers inside text as numbers ("2" < "10")."""
    if value is None:
        return (1, ())
    parts = _DIGITS.split(str(value).casefold())
    return (0, tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p != ""))


def budget_totals(raks, by=("pelaksana",)) -> "pd.DataFrame":
    """Sum the budget lines of one or many readings.

    Args:
        raks: a :class:`~rakxl.model.Rak` or an iterable of them (e.g.
            ``read_many(...).raks``).
        by: the columns to group by, any of ``file``, ``sheet``, ``no``,
            ``sasaran``, ``pelaksana`` (a sequence, or one comma-separated string).

    Returns:
        A DataFrame with the ``by`` columns (text, None where the sheet says
        nothing), then ``pagu`` (int rupiah) and ``budget_lines`` (how many Pagu
        cells or merged ranges were summed), sorted by the ``by`` columns (numbers
        inside text in numeric order, blanks last). A goal or Pelaksana without any
        budget line is listed with ``pagu`` 0 and ``budget_lines`` 0.

    Raises:
        ValueError: a ``by`` column that is not one of the above.
    """
    import pandas as pd

    from .model import Rak

    keys = _check_by(by)
    if isinstance(raks, Rak):
        raks = [raks]
    sums: dict[tuple, list[int]] = {}
    for rak in raks:
        for row in budget_rows(rak):
            key = tuple(row[k] for k in keys)
            acc = sums.get(key)
            if acc is None:
                acc = sums[key] = [0, 0]
            acc[0] += row["pagu"]
            acc[1] += row["budget_lines"]
    ordered = sorted(sums.items(), key=lambda kv: tuple(_sort_key(v) for v in kv[0]))
    data = {k: pd.Series([key[i] for key, _ in ordered], dtype=object) for i, k in enumerate(keys)}
    data["pagu"] = pd.Series([acc[0] for _, acc in ordered], dtype="int64")
    data["budget_lines"] = pd.Series([acc[1] for _, acc in ordered], dtype="int64")
    return pd.DataFrame(data, columns=list(keys) + ["pagu", "budget_lines"])


# -- outputs -------------------------------------------------------------------

#: Column and row labels of the outputs people read (table on screen, XLSX), in
#: Bahasa Indonesia and English. CSV and JSON use the DataFrame's column names.
LABELS = {
    "file": ("File", "File"),
    "sheet": ("Sheet", "Sheet"),
    "no": ("No", "No"),
    "sasaran": ("Sasaran", "Goal"),
    "pelaksana": ("Pelaksana", "Pelaksana"),
    "pagu": ("Pagu", "Pagu"),
    "budget_lines": ("Baris Pagu", "Budget lines"),
    "total": ("JUMLAH", "TOTAL"),
    "year": ("Tahun", "Year"),
    "unit": ("Unit", "Unit"),
    "findings": ("Temuan", "Findings"),
    "status": ("Keterangan", "Status"),
    "read": ("dibaca", "read"),
    "unreadable": ("tidak terbaca: {reason}", "unreadable: {reason}"),
    "cell": ("Sel", "Cell"),
    "code": ("Kode", "Code"),
    "severity": ("Tingkat", "Severity"),
    "message": ("Pesan", "Message"),
    "blank": ("(kosong)", "(blank)"),
    "failures": ("Tidak terbaca ({count} file):", "Unreadable ({count} files):"),
    "skipped": ("Keluaran rakxl yang dilewati ({count} file):", "rakxl outputs skipped ({count} files):"),
    "progress": ("Membaca", "Reading"),
}


def label(key: str, lang: str = "id") -> str:
    """The label ``key`` of :data:`LABELS` in ``lang``."""
    from .i18n import pick

    return pick(LABELS[key], lang)


def totals_records(table: "pd.DataFrame") -> list[dict]:
    """The rows of a :func:`budget_totals` table as plain dicts, amounts as int."""
    cols = list(table.columns)
    return [{c: (int(v) if c in ("pagu", "budget_lines") else v) for c, v in zip(cols, row)}
            for row in table.itertuples(index=False)]


def format_table(table: "pd.DataFrame", lang: str = "id", max_text: int = 60) -> str:
    """A :func:`budget_totals` table as aligned text with a total row; amounts as
    ``Rp 3.051.446.000`` (:func:`rakxl.layout.format_rupiah`). Text longer than
    ``max_text`` characters is shortened with ``…`` (only here; files keep it whole)."""
    from .layout import format_rupiah

    keys = [c for c in table.columns if c not in ("pagu", "budget_lines")]
    head = [label(k, lang) for k in keys] + [label("pagu", lang), label("budget_lines", lang)]

    def text(v) -> str:
        s = label("blank", lang) if v is None else " ".join(str(v).split())
        return s if len(s) <= max_text else s[:max_text - 1] + "…"

    rows = [[text(v) for v in row[:len(keys)]] + [format_rupiah(row[-2]), str(row[-1])]
            for row in table.itertuples(index=False)]
    total = [label("total", lang)] + [""] * (len(keys) - 1) if keys else []
    rows.append(total + [format_rupiah(int(table["pagu"].sum())), str(int(table["budget_lines"].sum()))])
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    right = set(range(len(keys), len(head)))

    def line(cells) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(head), rule] + [line(r) for r in rows[:-1]] + [rule, line(rows[-1])])


def write_totals_xlsx(table: "pd.DataFrame", path, result: ReadResult, lang: str = "id") -> None:
    """Write the totals workbook finance imports, through :func:`rakxl.safeio.atomic_output`.

    Sheets: ``Total`` (header row, one row per group, Pagu as numbers in a Rupiah
    format, a total row), ``Sumber`` (every file and sheet read, with its Pagu
    total and findings count, and every file that could not be read, with why) and
    ``Peringatan`` (the findings of :data:`TOTALS_FINDING_CODES`, when the checker
    ran, i.e. ``result.findings`` is not None).

    Raises:
        RakFileError: ``path`` is a folder, one of the inputs, or in a missing folder.
    """
    import xlsxwriter
    from xlsxwriter.utility import xl_rowcol_to_cell

    from .findings import SEVERITY_LABEL
    from .layout import RUPIAH_FORMAT, STYLES
    from .marker import mark_xlsxwriter
    from .safeio import atomic_output

    with atomic_output(path, inputs=result.files) as tmp:
        wb = xlsxwriter.Workbook(tmp, {"strings_to_formulas": False, "strings_to_urls": False})
        mark_xlsxwriter(wb, "totals", ("Total", "Sumber", "Peringatan"))
        head = wb.add_format(STYLES["header"])
        money = wb.add_format({"num_format": RUPIAH_FORMAT})
        bold = wb.add_format({"bold": True, "top": 1})
        bold_money = wb.add_format({"bold": True, "top": 1, "num_format": RUPIAH_FORMAT})

        def sheet(name, headers, widths):
            ws = wb.add_worksheet(name)
            for c, (h, w) in enumerate(zip(headers, widths)):
                ws.write_string(0, c, h, head)
                ws.set_column(c, c, w)
            ws.freeze_panes(1, 0)
            return ws

        def put(ws, r, c, v, fmt=None):
            if v is None:
                ws.write_blank(r, c, None, fmt)
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                ws.write_number(r, c, v, fmt)
            else:
                ws.write_string(r, c, str(v), fmt)

        # Total
        keys = [c for c in table.columns if c not in ("pagu", "budget_lines")]
        width = {"file": 40, "sheet": 20, "no": 6, "sasaran": 60, "pelaksana": 32}
        ws = sheet("Total", [label(k, lang) for k in keys] + [label("pagu", lang), label("budget_lines", lang)],
                   [width[k] for k in keys] + [20, 12])
        n = len(table)
        pc, bc = len(keys), len(keys) + 1
        for r, row in enumerate(table.itertuples(index=False), 1):
            for c, v in enumerate(row[:pc]):
                put(ws, r, c, v)
            ws.write_number(r, pc, int(row[pc]), money)
            ws.write_number(r, bc, int(row[bc]))
        last = n + 1
        ws.write_string(last, 0, label("total", lang), bold)
        for c in range(1, pc):
            ws.write_blank(last, c, None, bold)
        for c, fmt, value in ((pc, bold_money, int(table["pagu"].sum())), (bc, bold, int(table["budget_lines"].sum()))):
            rng = f"{xl_rowcol_to_cell(1, c)}:{xl_rowcol_to_cell(max(n, 1), c)}"
            ws.write_formula(last, c, f"=SUM({rng})", fmt, value)
        if n:
            ws.autofilter(0, 0, n, bc)

        # Sumber
        counts = [len(f) for f in result.findings] if result.findings is not None else None
        ws = sheet("Sumber", [label(k, lang) for k in ("file", "sheet", "year", "unit", "budget_lines", "pagu",
                                                        "findings", "status")],
                   [40, 20, 8, 30, 12, 20, 10, 50])
        r = 0
        by_file: dict[str, list] = {}
        for i, rak in enumerate(result.raks):
            by_file.setdefault(rak.path, []).append(i)
        failed = {f.path: f.reason for f in result.failures}
        skipped = {f.path: f.reason for f in result.skipped}
        for f in result.files:
            if f in failed or f in skipped:
                r += 1
                put(ws, r, 0, f)
                put(ws, r, 7, label("unreadable", lang).format(reason=failed[f]) if f in failed else skipped[f])
                continue
            for i in by_file.get(f, []):
                rak = result.raks[i]
                r += 1
                for c, v in enumerate((rak.path, rak.sheet, rak.meta.year, rak.meta.unit, len(rak.budgets))):
                    put(ws, r, c, v)
                ws.write_number(r, 5, rak.total_pagu, money)
                put(ws, r, 6, counts[i] if counts is not None else None)
                put(ws, r, 7, label("read", lang))
        ws.write_string(r + 1, 0, label("total", lang), bold)
        for c in (1, 2, 3, 6, 7):
            ws.write_blank(r + 1, c, None, bold)
        ws.write_number(r + 1, 4, sum(len(k.budgets) for k in result.raks), bold)
        ws.write_number(r + 1, 5, sum(k.total_pagu for k in result.raks), bold_money)

        # Peringatan
        ws = sheet("Peringatan", [label(k, lang) for k in ("file", "sheet", "cell", "no", "code", "severity",
                                                            "message")],
                   [40, 20, 8, 6, 20, 10, 90])
        r = 0
        if result.findings is not None:
            for rak, findings in zip(result.raks, result.findings):
                for fd in findings:
                    if fd.code not in TOTALS_FINDING_CODES:
                        continue
                    r += 1
                    severity = SEVERITY_LABEL[fd.severity][lang == "en"]
                    for c, v in enumerate((rak.path, fd.sheet, fd.cell, fd.no, fd.code, severity,
                                           fd.message_en if lang == "en" else fd.message)):
                        put(ws, r, c, v)
            if r:
                ws.autofilter(0, 0, r, 6)
        wb.close()


class ProgressBar:
    """A progress bar drawn by hand on a terminal stream: ``Membaca [#####.....] 150/300``.

    Call it as ``bar(done, total)`` (the ``progress`` of :func:`read_many`); it redraws
    at most ten times a second and clears its line when ``done == total``.
    """

    WIDTH = 30

    def __init__(self, stream, lang: str = "id"):
        self.stream = stream
        self.word = label("progress", lang)
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        import time

        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        if done >= total:
            self.stream.write("\r" + " " * (len(self.word) + self.WIDTH + 30) + "\r")
        else:
            filled = self.WIDTH * done // max(total, 1)
            self.stream.write(f"\r{self.word} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total}")
        self.stream.flush()
