"""Budget totals over many RAK workbooks: what finance imports.

Three steps, each usable on its own:

- :func:`find_workbooks` turns files and folders into the list of workbooks to read
  (folders searched recursively for .xlsx, .xlsm and .xls; Excel's ``~$`` lock files
  skipped);
- :func:`read_many` reads them all, in a process pool when there are enough files
  for that to pay (:data:`PARALLEL_THRESHOLD`), and never stops at an unreadable
  file: it is returned in ``failures`` with its reason;
- :func:`budget_totals` sums the budget lines of the readings, grouped by any of
  ``file``, ``sheet``, ``unit`` (the unit a plan names in its title), ``no``,
  ``sasaran`` and ``pelaksana``.

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
GROUP_KEYS = ("file", "sheet", "unit", "no", "sasaran", "pelaksana")
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
        duplicates: files whose bytes equal an earlier file's (the same workbook
            sent twice): not read, each with the name of the file counted.
    """

    raks: list = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    findings: list[list] | None = None
    files: list[str] = field(default_factory=list)
    skipped: list[Failure] = field(default_factory=list)
    duplicates: list[Failure] = field(default_factory=list)


# -- finding the files ---------------------------------------------------------

def is_workbook_name(path: Path) -> bool:
    """Whether a file found in a folder should be read: a workbook ending that is not a lock file."""
    return path.suffix.lower() in WORKBOOK_SUFFIXES and not path.name.startswith(LOCK_PREFIX)


def lock_file_reason(path) -> str | None:
    """What to say about Excel's lock file ``~$NAME.xlsx`` (None for any other name)."""
    name = Path(path).name
    if not name.startswith(LOCK_PREFIX):
        return None
    return (f"ini file kunci Excel, bukan workbook: Excel membuatnya selagi {name[len(LOCK_PREFIX):]} "
            "terbuka dan menghapusnya saat ditutup; abaikan file ini")


def find_workbooks(paths: Iterable, problems: list | None = None) -> list[Path]:
    """The workbooks named by ``paths``: files as given, folders searched recursively.

    A path that is not a folder is kept as it is, even when it does not exist or is
    not a workbook (reading it then fails with the reason). In folders only .xlsx,
    .xlsm and .xls files are taken, without Excel's ``~$`` lock files. Linked
    subfolders are followed, each folder once (a link back to a parent is a loop and
    is not followed again). Each file comes once, also when two names link to it; a
    folder's files are sorted by path.

    Args:
        paths: files and folders.
        problems: when given, a list that gets a :class:`Failure` for each subfolder
            that cannot be read, each broken link and each non-regular file with a
            workbook's name (a pipe, a device), so that a caller can say the walk was
            not complete.
    """
    out: list[Path] = []
    seen: set = set()

    def add(p: Path) -> None:
        try:
            st = os.stat(p)
            key = (st.st_dev, st.st_ino) if st.st_ino else os.path.normcase(os.path.realpath(p))
        except OSError:
            key = os.path.normcase(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = _walk(p, problems)
            for f in sorted(found, key=lambda f: [part.casefold() for part in f.relative_to(p).parts]):
                add(f)
        else:
            add(p)
    return out


def _walk(root: Path, problems: list | None) -> list[Path]:
    """Workbook files under ``root``, following linked folders once; unreadable folders
    and broken links go to ``problems``."""
    found: list[Path] = []
    visited: set = set()

    def unreadable(exc: OSError) -> None:
        if problems is not None:
            problems.append(Failure(str(exc.filename or root),
                                    f"folder tidak dapat dibaca ({exc.strerror or exc}); isinya tidak dihitung"))

    for folder, dirs, files in os.walk(root, onerror=unreadable, followlinks=True):
        try:
            st = os.stat(folder)
            key = (st.st_dev, st.st_ino) if st.st_ino else os.path.normcase(os.path.realpath(folder))
        except OSError:
            key = os.path.normcase(os.path.realpath(folder))
        if key in visited:      # a second link to a folder already walked, or a loop
            dirs[:] = []
            continue
        visited.add(key)
        base = Path(folder)
        for name in files:
            f = base / name
            if not os.path.exists(f):         # a broken link: say so (it may have been a workbook)
                if problems is not None and os.path.islink(f):
                    problems.append(Failure(str(f), "tautan (symlink) rusak: yang ditunjuknya tidak ada"))
                continue
            if is_workbook_name(f):
                if f.is_file():
                    found.append(f)
                elif problems is not None:   # a pipe, device or socket with a workbook's name
                    problems.append(Failure(str(f), "bukan file biasa (pipa, perangkat atau soket); tidak dibaca"))
    return found


def same_content(files: list[str]) -> dict[str, str]:
    """Files whose bytes equal an earlier file's: ``{later: first}``. Only files of
    equal size are hashed (SHA-256), so this costs a ``stat`` per file in the usual case."""
    import hashlib

    by_size: dict[int, list[str]] = {}
    for f in files:
        try:
            by_size.setdefault(os.stat(f).st_size, []).append(f)
        except OSError:
            continue
    dupes: dict[str, str] = {}
    for group in by_size.values():
        if len(group) < 2:
            continue
        first_of: dict[bytes, str] = {}
        for f in group:
            digest = hashlib.sha256()
            try:
                with open(f, "rb") as fh:
                    for block in iter(lambda: fh.read(1 << 20), b""):
                        digest.update(block)
            except OSError:
                continue
            d = digest.digest()
            if d in first_of:
                dupes[f] = first_of[d]
            else:
                first_of[d] = f
    return dupes


# -- reading many files ----------------------------------------------------------

def _read_one(task: tuple) -> tuple:
    """Read every RAK sheet of one file (in a worker process, or in this one).

    Top-level so that a ``spawn`` process pool (Windows) can pickle it. Returns
    ``(path, raks, findings, reason, skipped)``: ``reason`` is None when the file was
    read; ``skipped`` is the notice when the file is a rakxl output not counted.
    """
    path, run_checker, limits = task
    from .marker import read_mark

    lock = lock_file_reason(path)
    if lock is not None:
        return path, None, None, lock, None
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

    Files are read in worker processes, never in this one: a file that would still
    crash a parser (a native abort that no ``except`` catches), exhaust memory or
    run past ``limits.max_seconds`` takes down one worker, not the run. It is tried
    once more in a fresh worker (a crash could come from an earlier file in the same
    worker), then listed in ``failures`` with the reason; the worker is replaced and
    every other file is still read. Starting one worker costs about 0.03 s where
    processes start by ``fork`` (Linux) and 0.3 to 1 s by ``spawn`` (Windows, macOS).

    Args:
        paths: files and folders (see :func:`find_workbooks`).
        jobs: worker processes. None: one per core when there are at least
            :func:`parallel_threshold` files, else one.
        check: also run :func:`rakxl.check` on every sheet (results in ``findings``).
        progress: called as ``progress(done, total)`` after each file.
        limits: :class:`rakxl.guard.Limits` for every file (``max_seconds``: the
            time one file may take).
        start_method: how worker processes start (``"spawn"``, ``"fork"``...);
            None for the platform's default. ``"spawn"`` on Linux tests what
            Windows does.

    Returns:
        A :class:`ReadResult`.

    Raises:
        RakFileError: ``paths`` name no workbook at all (e.g. only empty folders).
    """
    paths = list(paths)
    problems: list[Failure] = []
    files = [str(p) for p in find_workbooks(paths, problems)]
    if not files and not problems:
        where = ", ".join(str(p) for p in paths) or "(tidak ada)"
        raise RakFileError(f"tidak ada workbook (.xlsx, .xlsm, .xls) di {where}")
    result = ReadResult(files=files, findings=[] if check else None)
    dupes = same_content(files)
    for later, first in dupes.items():
        result.duplicates.append(Failure(later, f"isinya sama persis dengan {first}; dihitung sekali"))
    files = [f for f in files if f not in dupes]
    total = len(files)
    try:
        if total:
            _read_all(files, result, jobs=jobs, check=check, progress=progress, limits=limits,
                      start_method=start_method)
    finally:
        result.failures[:0] = problems  # folders and links the walk could not follow come first
    return result


def _read_all(files, result, *, jobs, check, progress, limits, start_method) -> None:
    total = len(files)
    if jobs is None:
        jobs = (os.cpu_count() or 1) if total >= parallel_threshold(start_method) else 1
    jobs = max(1, min(jobs, total))
    if sys.platform == "win32":
        jobs = min(jobs, 61)  # Windows waits on at most 63 handles at once
    from .guard import default_limits

    seconds = (limits or default_limits()).max_seconds
    tasks = [(f, check, limits) for f in files]
    from .batch import run_isolated

    outcomes = run_isolated("rakxl.totals:_read_one", tasks, jobs=jobs, seconds=seconds, failed=_failed,
                            start_method=start_method, warm=_warm)
    _collect(outcomes, result, progress, total)


def _failed(task, reason: str) -> tuple:
    """The outcome of a file given up by :func:`rakxl.batch.run_isolated`."""
    return task[0], None, None, reason, None


def _warm() -> None:
    from . import checker, reader  # noqa: F401 - loaded before the workers, so that forked ones start warm


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
    keys = tuple(dict.fromkeys(b.strip().lower() for b in by))
    unknown = [k for k in keys if k not in GROUP_KEYS]
    if unknown:
        raise ValueError(f"cannot group by {', '.join(map(repr, unknown))}; choose from {', '.join(GROUP_KEYS)}")
    return keys


def budget_rows(rak: "Rak") -> list[dict]:
    """One row per budget line of ``rak``, plus a Pagu-0 row for each goal (and each
    Pelaksana of a goal's activities) that holds no budget line.

    Each row has ``file``, ``sheet``, ``unit``, ``goal``, ``no``, ``sasaran``, ``pelaksana``,
    ``pagu`` and ``budget_lines`` (1 for a budget line, 0 for a Pagu-0 row). Goals are
    joined by their position in the sheet (``goal``), not their written No, which
    may repeat or be missing.
    """
    from .monitoring.config import config_for

    path, sheet, unit = rak.path, rak.sheet, rak.meta.unit
    canon = config_for(path).canonical_pelaksana   # rakxl.toml's canonical Pelaksana names
    plan = rak.plan
    goals = {g.goal: (g.no, g.sasaran) for g in plan.goals}
    rows = []
    held = set()   # (goal, pelaksana) holding at least one budget line
    for b in plan.budget_lines:  # goal None: a line linked to no goal (family targets-budget)
        g, pagu, pelaksana = b.goal, b.pagu, canon(b.pelaksana)
        no, sas = goals.get(g, (None, None))
        rows.append({"file": path, "sheet": sheet, "unit": unit, "goal": g, "no": no, "sasaran": sas,
                     "pelaksana": pelaksana, "pagu": int(pagu), "budget_lines": 1})
        held.add((g, pelaksana))
    budgeted_goals = {g for g, _ in held}
    runs: dict[int, list] = {}   # goal -> Pelaksana of its activities, in order
    for a in plan.activities:
        g, pelaksana = a.goal, a.pelaksana
        if pelaksana is not None:
            pelaksana = canon(pelaksana)
            names = runs.setdefault(g, [])
            if pelaksana not in names:
                names.append(pelaksana)
    for g, (no, sas) in goals.items():
        names = runs.get(g) or ([] if g in budgeted_goals else [None])
        for pelaksana in names:
            if (g, pelaksana) not in held:
                rows.append({"file": path, "sheet": sheet, "unit": unit, "goal": g, "no": no, "sasaran": sas,
                             "pelaksana": pelaksana, "pagu": 0, "budget_lines": 0})
    return rows


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
    """:func:`budget_totals` as plain rows (:class:`Totals`), without pandas."""
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
    return Totals(keys, [key + (acc[0], acc[1]) for key, acc in ordered])


def budget_totals(raks, by=("pelaksana",)) -> "pd.DataFrame":
    """Sum the budget lines of one or many readings.

    Args:
        raks: a :class:`~rakxl.model.Rak` or an iterable of them (e.g.
            ``read_many(...).raks``).
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
