"""Budget totals over many RAK workbooks: what finance imports.

Three steps, each usable on its own:

- :func:`find_workbooks` (:mod:`rakxl.folders`) turns files and folders into the list
  of workbooks to read (folders searched recursively for .xlsx, .xlsm and .xls;
  Excel's ``~$`` lock files skipped);
- :func:`read_many` reads them all in worker processes (:mod:`rakxl.batch`: one, or
  more where a pool pays), and never stops at an unreadable file: it is returned in
  ``failures`` with its reason. With ``raks=False`` (``rakxl totals``) the workers send
  back only what totals need (:class:`SheetTotals`), not the readings;
- :func:`budget_totals` sums the budget lines of the readings, grouped by any of
  ``file``, ``sheet``, ``unit`` (the unit a plan names in its title), ``no``,
  ``sasaran`` and ``pelaksana``.

Only budget lines are summed (:attr:`rakxl.model.Rak.budgets`: each Pagu cell or
merged Pagu range once), never the activity rows a merged Pagu covers. Nothing is
hidden: a goal without any budget line, or a Pelaksana who runs activities of a
goal but holds none of its budget lines, still gets its row, with Pagu 0.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, NamedTuple

from .exceptions import RakError, RakFileError
from .folders import (LOCK_PREFIX, WORKBOOK_SUFFIXES, Failure, find_workbooks,  # noqa: F401 - their old home
                      is_workbook_name, lock_file_reason, same_content)

if TYPE_CHECKING:  # pandas is imported lazily to keep the CLI's start-up fast
    import pandas as pd

    from .model import Rak

#: The columns budget totals can be grouped by.
GROUP_KEYS = ("file", "sheet", "unit", "no", "sasaran", "pelaksana")

#: Finding codes (from :func:`rakxl.check`) that change what a total means; these
#: are listed on the ``Peringatan`` sheet of the XLSX output: money maybe counted
#: twice, goals without money, one Pelaksana split over two spellings, and Pagu
#: cells that could not be read (left out of the sums) or a stated total that differs.
TOTALS_FINDING_CODES = ("duplicate-budget", "missing-budget", "pelaksana-variant", "amount-invalid",
                        "formula-no-cache", "total-mismatch")


class SheetTotals(NamedTuple):
    """What totals need of one RAK sheet: a few numbers and names, cheap to send
    from a worker process (a reading with its frames is not).

    Attributes:
        path, sheet: where it was read (``path`` as given).
        year, organization, unit: what the title above the table says (None where it
            says nothing).
        rows: one tuple per budget row: ``(goal, no, sasaran, pelaksana, pagu, lines,
            cell)``: a budget line (``lines`` 1, ``cell`` its Pagu cell, A1), or a Pagu-0
            row (``lines`` 0, ``cell`` None) for a goal, or a Pelaksana of a goal's
            activities, that holds no budget line. Goals are joined by their position
            in the sheet (``goal``), not their written No, which may repeat or be
            missing; Pelaksana names are rakxl.toml's canonical names.
        findings: how many findings :func:`rakxl.check` gave (None: not checked).
        warnings: those findings whose code is in :data:`TOTALS_FINDING_CODES`.
    """

    path: str | None
    sheet: str
    year: int | None
    organization: str | None
    unit: str | None
    rows: tuple
    findings: int | None = None
    warnings: tuple = ()

    @property
    def total_pagu(self) -> int:
        return sum(row[4] for row in self.rows)

    @property
    def budget_lines(self) -> int:
        return sum(row[5] for row in self.rows)


#: Where each group key is found in a row of :attr:`SheetTotals.rows`.
_ROW_FIELD = {"no": 1, "sasaran": 2, "pelaksana": 3}


def sheet_totals(rak: "Rak", findings: list | None = None) -> SheetTotals:
    """The :class:`SheetTotals` of one reading (and its findings, when checked)."""
    from .monitoring.config import config_for

    canon = config_for(rak.path).canonical_pelaksana   # rakxl.toml's canonical Pelaksana names
    plan = rak.plan
    goals = {g.goal: (g.no, g.sasaran) for g in plan.goals}
    rows = []
    held = set()   # (goal, pelaksana) holding at least one budget line
    for b in plan.budget_lines:  # goal None: a line linked to no goal (family targets-budget)
        pelaksana = canon(b.pelaksana)
        rows.append((b.goal, *goals.get(b.goal, (None, None)), pelaksana, int(b.pagu), 1, b.cell))
        held.add((b.goal, pelaksana))
    budgeted_goals = {g for g, _ in held}
    runs: dict[int, list] = {}   # goal -> Pelaksana of its activities, in order
    for a in plan.activities:
        if a.pelaksana is not None:
            names = runs.setdefault(a.goal, [])
            pelaksana = canon(a.pelaksana)
            if pelaksana not in names:
                names.append(pelaksana)
    for g, (no, sas) in goals.items():
        for pelaksana in runs.get(g) or ([] if g in budgeted_goals else [None]):
            if (g, pelaksana) not in held:
                rows.append((g, no, sas, pelaksana, 0, 0, None))
    meta = rak.meta
    warnings = () if findings is None else tuple(f for f in findings if f.code in TOTALS_FINDING_CODES)
    return SheetTotals(rak.path, rak.sheet, meta.year, meta.organization, meta.unit, tuple(rows),
                       None if findings is None else len(findings), warnings)


@dataclass
class ReadResult:
    """What :func:`read_many` read.

    Attributes:
        raks: every RAK sheet read, file by file in the order given, sheets in
            workbook order (empty when :func:`read_many` was asked for ``raks=False``).
        sheets: the :class:`SheetTotals` of the same sheets, in the same order
            (always filled).
        failures: the files that could not be read, in the order given.
        findings: when :func:`read_many` ran the checker (and kept the readings),
            ``findings[i]`` are the findings of ``raks[i]``; otherwise None.
        files: every file that was tried, in order.
        skipped: rakxl's own outputs that were not counted (totals, findings and
            diff workbooks, annotated copies: see :data:`rakxl.marker.NOT_COUNTED`),
            each with the notice saying what it is, in the order given.
        duplicates: files whose bytes equal an earlier file's (the same workbook
            sent twice): not read, each with the name of the file counted.
        workers: how many worker processes read the files (the pool's size).
    """

    raks: list = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    findings: list[list] | None = None
    files: list[str] = field(default_factory=list)
    skipped: list[Failure] = field(default_factory=list)
    duplicates: list[Failure] = field(default_factory=list)
    sheets: list[SheetTotals] = field(default_factory=list)
    workers: int = 0


# -- reading many files ----------------------------------------------------------

def _read_one(task: tuple) -> tuple:
    """Read every RAK sheet of one file (in a worker process).

    Top-level so that a ``spawn`` process pool (Windows) can pickle it. ``task`` is
    ``(path, check, limits, lean)``. Returns ``(path, read, reason, skipped)``: ``read``
    is the sheets' :class:`SheetTotals` when ``lean``, else ``(raks, findings)``;
    ``reason`` says why the file was not read; ``skipped`` is the notice when the file
    is a rakxl output not counted.
    """
    path, run_checker, limits, lean = task
    lock = lock_file_reason(path)
    if lock is not None:
        return path, None, lock, None
    from .reader import read_book
    from .workbook import Workbook

    try:
        with Workbook(path, limits) as book:   # one open: the mark and the sheets come from the zip the guard read
            mark = book.output_mark
            if mark is not None and not mark.counted:
                from .i18n import labels, twin

                return path, None, None, twin("output_skipped", what=labels(mark))
            raks = read_book(book, path)
        findings = None
        if run_checker:
            from .checker import check

            findings = [check(rak) for rak in raks]
        if lean:
            return path, tuple(sheet_totals(r, f) for r, f in zip(raks, findings or [None] * len(raks))), None, None
        return path, (raks, findings), None, None
    except RakError as exc:
        return path, None, exc.located_reason(), None
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop a batch of hundreds
        from .i18n import twin

        return path, None, twin("error.unexpected", kind=type(exc).__name__, exc=exc), None


def _failed(task, reason: str) -> tuple:
    """The outcome of a file given up by :func:`rakxl.batch.run_isolated`."""
    return task[0], None, reason, None


def _warm() -> None:
    """What every worker needs, imported before its first file (in the parent too
    when workers are forked, so that they start warm)."""
    import python_calamine  # noqa: F401

    from . import checker, marker, reader, workbook  # noqa: F401
    from .monitoring import config  # noqa: F401
    from .reader import families  # noqa: F401


def read_many(paths: Iterable, *, jobs: int | None = None, check: bool = False,
              progress: Callable[[int, int], None] | None = None, limits=None,
              start_method: str | None = None, raks: bool = True) -> ReadResult:
    """Read every RAK sheet of many workbooks; an unreadable file never stops the run.

    Files are read in worker processes, never in this one (:func:`rakxl.batch.run_isolated`):
    a file that would still crash a parser (a native abort that no ``except``
    catches), exhaust memory or run past ``limits.max_seconds`` takes down one
    worker, not the run. It is tried once more in a fresh worker, then listed in
    ``failures`` with the reason; every other file is still read.

    Args:
        paths: files and folders (see :func:`find_workbooks`).
        jobs: worker processes. None: decided from the measured cost of reading
            and of starting a worker (one worker when more would not pay: few or
            small files, one core); see :func:`rakxl.batch.run_isolated`.
        check: also run :func:`rakxl.check` on every sheet (results in ``findings``,
            and counted in ``sheets``).
        progress: called as ``progress(done, total)`` after each file.
        limits: :class:`rakxl.guard.Limits` for every file (``max_seconds``: the
            time one file may take).
        start_method: how worker processes start (``"spawn"``, ``"fork"``...);
            None for the platform's default. ``"spawn"`` on Linux tests what
            Windows does.
        raks: keep the readings (``raks``, ``findings``). False: the workers send
            back only ``sheets``, which is all :func:`sum_budgets` and
            :func:`rakxl.write_totals` need, and much less to send.

    Returns:
        A :class:`ReadResult`.

    Raises:
        RakFileError: ``paths`` name no workbook at all (e.g. only empty folders).
    """
    paths = list(paths)
    problems: list[Failure] = []
    files = [str(p) for p in find_workbooks(paths, problems)]
    if not files and not problems:
        from .i18n import Said

        where = ", ".join(str(p) for p in paths) or Said("error.nowhere")
        raise RakFileError.of("error.no_workbooks", where=where)
    result = ReadResult(files=files, findings=[] if check and raks else None)
    dupes = same_content(files)
    from .i18n import twin

    for later, first in dupes.items():
        result.duplicates.append(Failure(later, twin("error.duplicate", first=first)))
    files = [f for f in files if f not in dupes]
    try:
        if files:
            _read_all(files, result, jobs=jobs, check=check, progress=progress, limits=limits,
                      start_method=start_method, lean=not raks)
    finally:
        result.failures[:0] = problems  # folders and links the walk could not follow come first
    return result


def _read_all(files, result: ReadResult, *, jobs, check, progress, limits, start_method, lean) -> None:
    from .batch import run_isolated
    from .guard import default_limits

    seconds = (limits or default_limits()).max_seconds
    pool = run_isolated("rakxl.totals:_read_one", [(f, check, limits, lean) for f in files], jobs=jobs,
                        seconds=seconds, failed=_failed, start_method=start_method, warm="rakxl.totals:_warm")
    for done, (path, read, reason, skipped) in enumerate(pool, 1):
        if skipped is not None:
            result.skipped.append(Failure(path, skipped))
        elif reason is not None:
            result.failures.append(Failure(path, reason))
        elif lean:
            result.sheets.extend(read)
        else:
            raks, findings = read
            result.raks.extend(raks)
            result.sheets.extend(sheet_totals(r, f) for r, f in zip(raks, findings or [None] * len(raks)))
            if result.findings is not None:
                result.findings.extend(findings)
        if progress is not None:
            progress(done, len(files))
    result.workers = pool.workers


# -- the totals ----------------------------------------------------------------

def _check_by(by) -> tuple[str, ...]:
    if isinstance(by, str):
        by = [b for b in re.split(r"[,\s]+", by) if b]
    keys = tuple(dict.fromkeys(b.strip().lower() for b in by))
    unknown = [k for k in keys if k not in GROUP_KEYS]
    if unknown:
        raise ValueError(f"cannot group by {', '.join(map(repr, unknown))}; choose from {', '.join(GROUP_KEYS)}")
    return keys


_DIGITS = re.compile(r"(\d+)")


def _sort_key(value) -> tuple:
    """Blanks last; text compared without case, numbers inside text as numbers ("2" < "10")."""
    if value is None:
        return (1, ())
    parts = _DIGITS.split(str(value).casefold())
    return (0, tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts if p != ""))


@dataclass(frozen=True)
class Totals:
    """Budget totals as plain rows: the data of :func:`budget_totals`'s frame, without pandas.

    ``rows`` holds one tuple per group: the ``keys`` values, then ``pagu`` and
    ``budget_lines``. The report functions (:func:`rakxl.write_totals`...) take it as
    they take the frame: ``columns``, ``itertuples()`` and ``len()``.
    """

    keys: tuple[str, ...]
    rows: list[tuple]

    @property
    def columns(self) -> list[str]:
        return list(self.keys) + ["pagu", "budget_lines"]

    def itertuples(self, index: bool = False):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def to_frame(self) -> "pd.DataFrame":
        """The rows as :func:`budget_totals` returns them (text as object, amounts int64)."""
        import pandas as pd

        data = {k: pd.Series([row[i] for row in self.rows], dtype=object) for i, k in enumerate(self.keys)}
        data["pagu"] = pd.Series([row[-2] for row in self.rows], dtype="int64")
        data["budget_lines"] = pd.Series([row[-1] for row in self.rows], dtype="int64")
        return pd.DataFrame(data, columns=self.columns)


def sum_budgets(raks, by=("pelaksana",)) -> Totals:
    """:func:`budget_totals` as plain rows (:class:`Totals`), without pandas; ``raks``
    may also be :class:`SheetTotals` (``read_many(..., raks=False).sheets``)."""
    keys = _check_by(by)
    if isinstance(raks, SheetTotals) or hasattr(raks, "plan"):
        raks = [raks]
    sums: dict[tuple, list[int]] = {}
    for item in raks:
        sheet = item if isinstance(item, SheetTotals) else sheet_totals(item)
        fixed = {"file": sheet.path, "sheet": sheet.sheet, "unit": sheet.unit}
        pick = [(k not in fixed, _ROW_FIELD[k] if k not in fixed else fixed[k]) for k in keys]
        for row in sheet.rows:
            key = tuple(row[v] if from_row else v for from_row, v in pick)
            acc = sums.get(key)
            if acc is None:
                acc = sums[key] = [0, 0]
            acc[0] += row[4]
            acc[1] += row[5]
    ordered = sorted(sums.items(), key=lambda kv: tuple(_sort_key(v) for v in kv[0]))
    return Totals(keys, [key + (acc[0], acc[1]) for key, acc in ordered])


def budget_totals(raks, by=("pelaksana",)) -> "pd.DataFrame":
    """Sum the budget lines of one or many readings.

    Args:
        raks: a :class:`~rakxl.model.Rak` or an iterable of them (e.g.
            ``read_many(...).raks``), or their :class:`SheetTotals`
            (``read_many(..., raks=False).sheets``).
        by: the columns to group by, any of ``file``, ``sheet``, ``unit``, ``no``,
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
    return sum_budgets(raks, by).to_frame()
