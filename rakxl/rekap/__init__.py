"""The quarterly roll-up (*rekap*): every unit's monitoring workbook for one quarter.

The planning unit collects one monev workbook per unit each quarter
(:func:`rakxl.write_monitoring`, filled by the unit). :func:`rollup` reads them all
and says:

- **who reported** for quarter ``tw``: per file and unit, *lapor* (every indicator
  and budget line has a realisation for the quarter), *sebagian* (some have),
  *belum* (none; a plain RAK, not yet turned into a monev workbook, counts as
  *belum*); units that ``rakxl.toml`` expects but that sent no file; a unit that sent
  two files (the newest counts, both are named);
- **the figures**, per unit, per goal and for the organisation: Pagu, realisation so
  far, serapan, capaian of the quarter (average, lowest), indicators per category, and
  the gap between capaian and serapan (achievement far below spending, or spending far
  below achievement).

A file's **unit** is its one Pelaksana (canonical name from ``rakxl.toml``) when all
its rows name the same one, else the unit its title names, else the file's name.
Capaian and serapan are computed by rakxl (:mod:`rakxl.monitoring.methods`), never
taken from the workbooks; a blank realisation is "not reported", never 0; spending
belongs to a budget line (one Pagu cell or merged range), never to each row under it.

Domain only: the figures come back as a :class:`Rollup`; :mod:`rakxl.report.rekap`
turns them into text, JSON, CSV or the summary workbook with charts.

Modules: :mod:`~rakxl.rekap.files` reads one unit's workbook into a lean
:class:`~rakxl.rekap.files.UnitFile` (from the typed plan and the monitoring rows:
no pandas); :mod:`~rakxl.rekap.figures` holds the :class:`Rollup` and its figures;
this module reads many files (:func:`rollup`).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from ..exceptions import RakError, RakFileError
from ..text import fold_spaces
from .figures import (ACHIEVEMENT_AHEAD, DEFAULT_GAP, NO_FILE, NOT_REPORTED, PARTLY, QUARTERS, REPORTED,
                      SPENDING_AHEAD, Rollup, config_gap)
from .files import Skipped, UnitFile, read_unit_file

__all__ = ["rollup", "Rollup", "UnitFile", "Skipped", "read_unit_file", "config_gap", "QUARTERS", "REPORTED",
           "PARTLY", "NOT_REPORTED", "NO_FILE", "SPENDING_AHEAD", "ACHIEVEMENT_AHEAD", "DEFAULT_GAP"]


def _read_task(task: tuple) -> tuple:
    """One file in a worker (top-level: a ``spawn`` pool pickles it).

    Returns ``(path, UnitFile or None, reason or None, notice or None)``.
    """
    path, tw, config = task
    from ..marker import read_mark

    mark = read_mark(path)
    if mark is not None and mark.kind != "monev" and not mark.counted:
        from ..i18n import labels, twin

        return path, None, None, twin("output_skipped", what=labels(mark))
    try:
        return path, read_unit_file(path, tw, config, monev=None if mark is None else mark.kind == "monev"), None, None
    except RakError as exc:
        return path, None, exc.located_reason(), None
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop a roll-up of thousands
        from ..i18n import twin

        return path, None, twin("error.unexpected", kind=type(exc).__name__, exc=exc), None


# -- many files ---------------------------------------------------------------------------

def rollup(paths: Iterable, tw: int, *, config=None, config_path=None, jobs: int | None = None,
           progress: Callable[[int, int], None] | None = None, start_method: str | None = None) -> Rollup:
    """Roll up the monitoring workbooks under ``paths`` for quarter ``tw``.

    Args:
        paths: files and folders (folders searched recursively, as :func:`rakxl.read_many`).
        tw: the quarter, 1-4.
        config: the settings; default ``config_path``, else ``rakxl.toml`` in the first
            folder given (or next to the first file), else built-in. ``[pelaksana]`` gives
            canonical unit names; ``[rekap] units`` the units expected to report (default:
            the canonical names of ``[pelaksana]``); ``[rekap] selisih`` the capaian-serapan
            gap worth a signal (default 25 points).
        jobs: worker processes (None: as :func:`rakxl.read_many` decides). Files are
            always read in workers (:mod:`rakxl.batch`): one that crashes or hangs costs
            only itself.
        progress: called as ``progress(done, total)`` after each file.

    Returns:
        A :class:`Rollup`. One unreadable file never stops the run: it is listed in
        ``failures``.

    Raises:
        ValueError: ``tw`` is not 1-4.
        RakFileError: ``paths`` name no workbook.
        ConfigError: a bad rakxl.toml.
    """
    from ..batch import run_isolated
    from ..guard import default_limits
    from ..monitoring.config import FILE_NAME, find_config, load_config
    from ..folders import find_workbooks

    if tw not in QUARTERS:
        raise ValueError("tw must be 1, 2, 3 or 4")
    paths = list(paths)
    if config is None:
        if config_path is not None:
            config = find_config(None, config_path)
        else:
            first = Path(paths[0]) if paths else None
            cand = first / FILE_NAME if first is not None and first.is_dir() else None
            config = load_config(cand) if cand is not None and cand.is_file() else find_config(first)
    problems: list = []      # folders and links the walk could not follow
    files = [str(p) for p in find_workbooks(paths, problems)]
    if not files and not problems:
        from ..i18n import Said

        raise RakFileError.of("error.no_workbooks", where=", ".join(map(str, paths)) or Said("error.nowhere"))
    total = len(files)
    read, skipped = [], []
    failures = [Skipped(p.path, p.reason) for p in problems]
    outcomes = run_isolated("rakxl.rekap:_read_task", [(f, tw, config) for f in files], jobs=jobs,
                            seconds=default_limits().max_seconds, failed=_failed, start_method=start_method)
    for done, (path, unit_file, reason, notice) in enumerate(outcomes, 1):
        if notice is not None:
            skipped.append(Skipped(path, notice))
        elif reason is not None:
            failures.append(Skipped(path, reason))
        else:
            read.append(unit_file)
        if progress is not None:
            progress(done, total)
    return _assemble(read, failures, skipped, tw, config)


def _failed(task, reason: str) -> tuple:
    """The outcome of a file given up by :func:`rakxl.batch.run_isolated`."""
    return task[0], None, reason, None


def _assemble(read: list[UnitFile], failures, skipped, tw: int, config) -> Rollup:
    by_unit: dict[str, UnitFile] = {}
    superseded = []
    order = []
    for f in read:
        key = fold_spaces(f.unit)
        old = by_unit.get(key)
        if old is None:
            by_unit[key] = f
            order.append(key)
            continue
        newer, older = (f, old) if (f.mtime, f.path) > (old.mtime, old.path) else (old, f)
        by_unit[key] = newer
        superseded.append((newer.unit, older.path, newer.path))
    expected = list(getattr(config, "units", ()) or config.pelaksana.keys())
    missing = [u for u in expected if fold_spaces(u) not in by_unit]
    return Rollup(tw, [by_unit[k] for k in order], superseded, missing, failures, skipped, config)
