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
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable

from .exceptions import RakError, RakFileError
from .text import fold_spaces

if TYPE_CHECKING:
    import pandas as pd

QUARTERS = (1, 2, 3, 4)
#: Status of a file or unit for the quarter.
REPORTED, PARTLY, NOT_REPORTED, NO_FILE = "lapor", "sebagian", "belum", "tidak_ada_file"
#: Gap signals (capaian minus serapan, in percentage points, beyond ``Config.gap``).
SPENDING_AHEAD, ACHIEVEMENT_AHEAD = "serapan_jauh_di_atas_capaian", "capaian_jauh_di_atas_serapan"


@dataclass
class UnitFile:
    """One workbook read for the roll-up: lean records, cheap to send between processes.

    Attributes:
        path: the file; ``mtime`` its modification time (the newest file of a unit counts).
        kind: ``monev`` (a monitoring workbook) or ``rak`` (a plain RAK: nothing reported).
        unit: the unit it reports for (see the module docstring).
        organization, year: from the plan's title, or None.
        indicators: one dict per indicator: ``sheet``, ``goal``, ``no``, ``sasaran``,
            ``indikator``, ``target``, ``method``, ``realisasi`` (quarter ``tw``, None =
            not reported), ``capaian`` (quarter ``tw``, percent or None), ``status``,
            ``kategori``, ``cell``; for the year so far up to ``tw``: ``realisasi_tahun``,
            ``capaian_tahun``, ``kategori_tahun``.
        budgets: one dict per budget line: ``sheet``, ``goal``, ``no``, ``sasaran``,
            ``pelaksana``, ``pagu``, ``spent`` (the four quarters' spending, None = not
            reported), ``cell``.
    """

    path: str
    mtime: float
    kind: str
    unit: str
    organization: str | None
    year: int | None
    indicators: list[dict] = field(default_factory=list)
    budgets: list[dict] = field(default_factory=list)

    def counts(self, tw: int) -> tuple[int, int, int, int]:
        """(indicators reported, indicators, budget lines reported, budget lines) for quarter ``tw``."""
        ind = sum(1 for i in self.indicators if i["realisasi"] is not None)
        lines = sum(1 for b in self.budgets if b["spent"][tw - 1] is not None)
        return ind, len(self.indicators), lines, len(self.budgets)

    def status(self, tw: int) -> str:
        ind, n_ind, lines, n_lines = self.counts(tw)
        if ind + lines == 0:
            return NOT_REPORTED
        return REPORTED if (ind, lines) == (n_ind, n_lines) else PARTLY


@dataclass
class Skipped:
    """A file not counted: unreadable (``reason``), or not a plan (a rakxl report)."""

    path: str
    reason: str


@dataclass
class Rollup:
    """What :func:`rollup` found. Frames are built on request (see each property).

    Attributes:
        quarter: the quarter rolled up (1-4).
        files: the files counted, one per unit (the newest when a unit sent two).
        superseded: ``(unit, older file, newer file)`` for each unit that sent two.
        missing: units ``rakxl.toml`` expects that sent no file.
        failures: files that could not be read, with the reason.
        skipped: rakxl's own reports found in the folders (not counted).
        config: the settings used (:class:`rakxl.monitoring.config.Config`).
    """

    quarter: int
    files: list[UnitFile]
    superseded: list[tuple[str, str, str]]
    missing: list[str]
    failures: list[Skipped]
    skipped: list[Skipped]
    config: object

    # -- who reported ----------------------------------------------------------------
    def units_with(self, status: str) -> list[str]:
        """The units whose file has ``status`` for the quarter (:data:`NOT_REPORTED`...)."""
        if status == NO_FILE:
            return list(self.missing)
        return [f.unit for f in self.files if f.status(self.quarter) == status]

    @property
    def complete(self) -> bool:
        """Whether every unit reported the quarter in full and no file failed."""
        return not (self.missing or self.failures
                    or any(f.status(self.quarter) != REPORTED for f in self.files))

    def completeness_rows(self) -> list[dict]:
        """One dict per file counted, per unit without a file and per superseded file."""
        rows = []
        for f in self.files:
            ind, n_ind, lines, n_lines = f.counts(self.quarter)
            rows.append({"unit": f.unit, "file": f.path, "status": f.status(self.quarter), "kind": f.kind,
                         "indikator_lapor": ind, "indikator": n_ind, "pagu_lapor": lines, "baris_pagu": n_lines,
                         "menggantikan": [old for unit, old, new in self.superseded if new == f.path]})
        for unit in self.missing:
            rows.append({"unit": unit, "file": None, "status": NO_FILE, "kind": None, "indikator_lapor": 0,
                         "indikator": 0, "pagu_lapor": 0, "baris_pagu": 0, "menggantikan": []})
        return rows

    # -- figures ---------------------------------------------------------------------
    def unit_rows(self) -> list[dict]:
        """The figures of each unit, then the organisation's (``unit`` None), in file order."""
        rows = [_figures(f.unit, [f], self.quarter, self.config) for f in self.files]
        rows.append(_figures(None, self.files, self.quarter, self.config))
        return rows

    def goal_rows(self) -> list[dict]:
        """The figures of each goal of the organisation (goals of every unit with the same
        Sasaran text together), in order of first appearance."""
        groups: dict[str, list] = {}
        names: dict[str, str] = {}
        for f in self.files:
            for rec in f.indicators + f.budgets:
                key = fold_spaces(rec["sasaran"])
                groups.setdefault(key, [[], []])
                names.setdefault(key, rec["sasaran"])
            for rec in f.indicators:
                groups[fold_spaces(rec["sasaran"])][0].append(rec)
            for rec in f.budgets:
                groups[fold_spaces(rec["sasaran"])][1].append(rec)
        out = []
        for key, (indicators, budgets) in groups.items():
            row = _money(budgets, self.quarter)
            row.update(_capaian(indicators, self.config))
            row["sasaran"] = names[key]
            row["unit"] = sorted({f.unit for f in self.files for rec in f.indicators + f.budgets
                                  if fold_spaces(rec["sasaran"]) == key})
            out.append(row)
        return out

    def annual_rows(self) -> list[dict]:
        """The LKjIP chapter III table: per goal, its indicators with target, realisation
        of the year so far (up to the quarter), capaian and category."""
        rows = []
        for f in self.files:
            for rec in f.indicators:
                rows.append({"sasaran": rec["sasaran"], "indikator": rec["indikator"], "target": rec["target"],
                             "realisasi": rec["realisasi_tahun"], "capaian": rec["capaian_tahun"],
                             "kategori": rec["kategori_tahun"], "unit": f.unit, "file": f.path, "cell": rec["cell"]})
        order = {}
        for row in rows:
            order.setdefault(fold_spaces(row["sasaran"]), len(order))
        return sorted(rows, key=lambda r: order[fold_spaces(r["sasaran"])])

    def quarter_rows(self) -> list[dict]:
        """The organisation's spending by quarter against the plan (Pagu): per quarter the
        spending reported, the cumulative spending and the Pagu of the budget lines."""
        pagu = sum(b["pagu"] or 0 for f in self.files for b in f.budgets)
        out, cum = [], 0.0
        for q in QUARTERS:
            spent = math.fsum(_number(b["spent"][q - 1]) for f in self.files for b in f.budgets
                              if _number(b["spent"][q - 1]) is not None) if q <= self.quarter else None
            cum = cum + spent if spent is not None else cum
            out.append({"tw": q, "realisasi": spent, "kumulatif": cum if q <= self.quarter else None,
                        "pagu": pagu, "rencana_linier": pagu * q / 4})
        return out

    def below_target(self, unit: str) -> list[dict]:
        """The indicators of ``unit`` whose capaian for the quarter is under 100 %."""
        return [rec for f in self.files if f.unit == unit for rec in f.indicators
                if rec["capaian"] is not None and rec["capaian"] < 100]

    # -- frames (pandas imported here only) ---------------------------------------------
    def frame(self, which: str) -> "pd.DataFrame":
        """One of the tables as a DataFrame: ``completeness``, ``units``, ``goals``,
        ``annual`` or ``quarters``."""
        import pandas as pd

        rows = {"completeness": self.completeness_rows, "units": self.unit_rows, "goals": self.goal_rows,
                "annual": self.annual_rows, "quarters": self.quarter_rows}[which]()
        return pd.DataFrame(rows)


# -- the figures ---------------------------------------------------------------------

def _number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _spent_so_far(spent, tw: int) -> float | None:
    """Spending of the quarters up to ``tw`` (None when none of them is reported)."""
    values = [_number(v) for v in spent[:tw]]
    values = [v for v in values if v is not None]
    return math.fsum(values) if values else None


def _money(budgets: list[dict], tw: int) -> dict:
    pagu = sum(b["pagu"] or 0 for b in budgets)
    spent = [_spent_so_far(b["spent"], tw) for b in budgets]
    real = math.fsum(s for s in spent if s is not None) if any(s is not None for s in spent) else None
    return {"pagu": pagu, "realisasi": real,
            "serapan": real / pagu * 100 if real is not None and pagu else None,
            "baris_pagu": len(budgets), "pagu_lapor": sum(1 for b in budgets if b["spent"][tw - 1] is not None)}


def _capaian(indicators: list[dict], config) -> dict:
    values = [(rec["capaian"], rec) for rec in indicators if rec["capaian"] is not None]
    out = {"indikator": len(indicators), "indikator_lapor": sum(1 for r in indicators if r["realisasi"] is not None),
           "capaian_rata": math.fsum(v for v, _ in values) / len(values) if values else None,
           "capaian_terendah": None, "indikator_terendah": None}
    if values:
        low, rec = min(values, key=lambda x: x[0])
        out["capaian_terendah"], out["indikator_terendah"] = low, rec["indikator"]
    counts = {name: 0 for _, name in config.thresholds}
    for rec in indicators:
        if rec["kategori"] is not None:
            counts[rec["kategori"]] = counts.get(rec["kategori"], 0) + 1
    out["kategori"] = counts
    return out


def _figures(unit, files: list[UnitFile], tw: int, config) -> dict:
    budgets = [b for f in files for b in f.budgets]
    indicators = [i for f in files for i in f.indicators]
    row = {"unit": unit, "status": files[0].status(tw) if unit is not None and files else None,
           "file": files[0].path if unit is not None and files else None}
    row.update(_money(budgets, tw))
    row.update(_capaian(indicators, config))
    gap = None
    if row["capaian_rata"] is not None and row["serapan"] is not None:
        gap = row["capaian_rata"] - row["serapan"]
    row["selisih"] = gap
    row["sinyal"] = (None if gap is None or abs(gap) < config_gap(config)
                     else ACHIEVEMENT_AHEAD if gap > 0 else SPENDING_AHEAD)
    return row


def config_gap(config) -> float:
    """The gap (percentage points) between capaian and serapan worth a signal."""
    return float(getattr(config, "gap", None) or DEFAULT_GAP)


#: Default of ``[rekap] selisih`` in rakxl.toml.
DEFAULT_GAP = 25.0


# -- reading one file -----------------------------------------------------------------

def _unit_of(path, raks, config) -> str:
    names = set()
    for rak in raks:
        for value in list(rak.budgets["pelaksana"]) + list(rak.activities["pelaksana"]):
            if isinstance(value, str) and value.strip():
                names.add(config.canonical_pelaksana(" ".join(value.split())))
    if len(names) == 1:
        return names.pop()
    for rak in raks:
        if rak.meta.unit:
            return config.canonical_pelaksana(" ".join(rak.meta.unit.split()))
    return Path(path).stem


def _goal_texts(rak) -> dict:
    return {int(g): s for g, s in zip(rak.goals["goal"], rak.goals["sasaran"])}


def _plain(value):
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return value


def _from_monitoring(path, tw: int, config) -> tuple[list, list, list]:
    from .monitoring import methods as M
    from .monitoring.reader import read_monitoring

    mon = read_monitoring(path, quarter=tw, config=config)
    goals = {}
    for rak in mon.raks:
        goals[rak.sheet] = _goal_texts(rak)
    indicators = []
    for rec in mon.indicators.to_dict("records"):
        rec = {k: _plain(v) for k, v in rec.items()}
        on = rec.get("tw_tahun")
        on = int(on) if on is not None else None
        reals = [rec[f"realisasi_tw{q}"] for q in QUARTERS]
        if on is None:
            year_real = None
        elif str(rec["method"]).startswith("kumulatif") and "skala" not in str(rec["method"]):
            year_real = _spent_so_far(reals, on)
        else:
            year_real = reals[on - 1]
        capaian = rec[f"capaian_tw{tw}"]
        indicators.append({
            "sheet": rec["sheet"], "goal": rec["goal"], "no": rec["no"],
            "sasaran": goals.get(rec["sheet"], {}).get(int(rec["goal"])), "indikator": rec["indikator"],
            "target": rec["target"], "method": rec["method"], "realisasi": reals[tw - 1], "capaian": capaian,
            "status": rec[f"status_tw{tw}"], "kategori": M.category(capaian, config.thresholds),
            "cell": rec[f"cell_realisasi_tw{tw}"], "realisasi_tahun": year_real,
            "capaian_tahun": rec["capaian_tahun"], "kategori_tahun": rec["kategori"]})
    budgets = []
    by_line = {}
    for rak in mon.raks:
        for line, goal in zip(rak.budgets["budget_line"], rak.budgets["goal"]):
            by_line[(rak.sheet, int(line))] = int(goal)
    for rec in mon.budgets.to_dict("records"):
        rec = {k: _plain(v) for k, v in rec.items()}
        goal = by_line.get((rec["sheet"], int(rec["budget_line"])))
        budgets.append({"sheet": rec["sheet"], "goal": goal, "no": rec["no"],
                        "sasaran": goals.get(rec["sheet"], {}).get(goal), "pelaksana": rec["pelaksana"],
                        "pagu": rec["pagu"], "spent": [rec[f"realisasi_tw{q}"] for q in QUARTERS],
                        "cell": rec["cell_pagu"]})
    return mon.raks, indicators, budgets


def _from_plan(raks) -> tuple[list, list]:
    from .monitoring.plan import items

    indicators, budgets = [], []
    for rak in raks:
        goals = _goal_texts(rak)
        for item in items(rak)[0]:
            indicators.append({"sheet": rak.sheet, "goal": item.goal, "no": item.no,
                               "sasaran": goals.get(item.goal), "indikator": item.text,
                               "target": item.target_text, "method": item.method.name, "realisasi": None,
                               "capaian": None, "status": "kosong", "kategori": None, "cell": None,
                               "realisasi_tahun": None, "capaian_tahun": None, "kategori_tahun": None})
        b = rak.budgets
        for goal, no, pelaksana, pagu, cell in zip(b["goal"], b["no"], b["pelaksana"], b["pagu"], b["cell"]):
            budgets.append({"sheet": rak.sheet, "goal": int(goal), "no": _plain(no),
                            "sasaran": goals.get(int(goal)), "pelaksana": _plain(pelaksana),
                            "pagu": _plain(pagu), "spent": [None] * 4, "cell": cell})
    return indicators, budgets


def read_unit_file(path, tw: int, config, *, monev: bool | None = None) -> UnitFile:
    """Read one workbook for the roll-up: a monev workbook, or a plain RAK (nothing reported).

    Args:
        monev: whether the file is a monev workbook, when the caller knows it from the
            output mark (:func:`rakxl.marker.read_mark`); None: look for its map sheet.

    Raises:
        RakError: the file is neither (the reason says what it is).
    """
    from .monitoring.workbook import MAP_SHEET
    from .reader import read_workbook
    from .workbook import Workbook

    if monev is None:   # no mark (a program that drops custom properties): look at the sheets
        with Workbook(path) as book:
            monev = MAP_SHEET in book.sheet_names
    if monev:
        raks, indicators, budgets = _from_monitoring(path, tw, config)
        kind = "monev"
    else:
        raks = read_workbook(path)
        indicators, budgets = _from_plan(raks)
        kind = "rak"
    meta = raks[0].meta if raks else None
    return UnitFile(str(path), os.stat(path).st_mtime, kind, _unit_of(path, raks, config),
                    meta.organization if meta else None, meta.year if meta else None, indicators, budgets)


def _read_task(task: tuple) -> tuple:
    """One file in a worker (top-level: a ``spawn`` pool pickles it).

    Returns ``(path, UnitFile or None, reason or None, notice or None)``.
    """
    path, tw, config = task
    from .marker import read_mark

    mark = read_mark(path)
    if mark is not None and mark.kind != "monev" and not mark.counted:
        from .i18n import say

        return path, None, None, say("output_skipped", what=mark.label())
    try:
        return path, read_unit_file(path, tw, config, monev=None if mark is None else mark.kind == "monev"), None, None
    except RakError as exc:
        where = ", ".join(x for x in (exc.sheet and f"sheet '{exc.sheet}'", exc.cell and f"sel {exc.cell}") if x)
        return path, None, f"{where}: {exc.reason}" if where else exc.reason, None
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop a roll-up of thousands
        return path, None, f"kesalahan tak terduga di rakxl ({type(exc).__name__}: {exc})", None


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
    from .batch import run_isolated
    from .guard import default_limits
    from .monitoring.config import FILE_NAME, find_config, load_config
    from .totals import find_workbooks, parallel_threshold

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
        raise RakFileError(f"tidak ada workbook (.xlsx, .xlsm, .xls) di {', '.join(map(str, paths)) or '(tidak ada)'}")
    total = len(files)
    if jobs is None:
        jobs = (os.cpu_count() or 1) if total >= parallel_threshold(start_method) else 1
    read, skipped = [], []
    failures = [Skipped(p.path, p.reason) for p in problems]
    outcomes = run_isolated("rakxl.rekap:_read_task", [(f, tw, config) for f in files], jobs=min(jobs, 61),
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
