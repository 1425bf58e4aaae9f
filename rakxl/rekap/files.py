"""One unit's workbook read for the roll-up: a filled monev workbook, or a plain RAK
(nothing reported), into a lean :class:`UnitFile` (plain records, cheap to send
between processes). Read from the typed plan and the monitoring rows: no pandas."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .figures import NOT_REPORTED, PARTLY, QUARTERS, REPORTED, _spent_so_far


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


def _unit_of(path, raks, config) -> str:
    names = set()
    for rak in raks:
        plan = rak.plan
        for value in [b.pelaksana for b in plan.budget_lines] + [a.pelaksana for a in plan.activities]:
            if isinstance(value, str) and value.strip():
                names.add(config.canonical_pelaksana(" ".join(value.split())))
    if len(names) == 1:
        return names.pop()
    for rak in raks:
        if rak.meta.unit:
            return config.canonical_pelaksana(" ".join(rak.meta.unit.split()))
    return Path(path).stem


def _goal_texts(rak) -> dict:
    return {g.goal: g.sasaran for g in rak.plan.goals}


def _year_realisation(rec: dict, reals: list, on: int | None):
    """The realisation of the year so far: the sum up to quarter ``on`` for a cumulative
    number, else quarter ``on``'s own."""
    if on is None:
        return None
    if str(rec["method"]).startswith("kumulatif") and "skala" not in str(rec["method"]):
        return _spent_so_far(reals, on)
    return reals[on - 1]


def _from_monitoring(path, tw: int, config) -> tuple[list, list, list]:
    from ..monitoring import methods as M
    from ..monitoring.reader import read_monitoring

    mon = read_monitoring(path, quarter=tw, config=config)
    goals = {rak.sheet: _goal_texts(rak) for rak in mon.raks}
    indicators = []
    for rec in mon.indicator_rows:
        reals = [rec[f"realisasi_tw{q}"] for q in QUARTERS]
        capaian = rec[f"capaian_tw{tw}"]
        indicators.append({
            "sheet": rec["sheet"], "goal": rec["goal"], "no": rec["no"],
            "sasaran": goals.get(rec["sheet"], {}).get(rec["goal"]), "indikator": rec["indikator"],
            "target": rec["target"], "method": rec["method"], "realisasi": reals[tw - 1], "capaian": capaian,
            "status": rec[f"status_tw{tw}"], "kategori": M.category(capaian, config.thresholds),
            "cell": rec[f"cell_realisasi_tw{tw}"], "realisasi_tahun": _year_realisation(rec, reals, rec["tw_tahun"]),
            "capaian_tahun": rec["capaian_tahun"], "kategori_tahun": rec["kategori"]})
    by_line = {(rak.sheet, b.budget_line): b.goal for rak in mon.raks for b in rak.plan.budget_lines}
    budgets = []
    for rec in mon.budget_rows:
        goal = by_line.get((rec["sheet"], rec["budget_line"]))
        budgets.append({"sheet": rec["sheet"], "goal": goal, "no": rec["no"],
                        "sasaran": goals.get(rec["sheet"], {}).get(goal), "pelaksana": rec["pelaksana"],
                        "pagu": rec["pagu"], "spent": [rec[f"realisasi_tw{q}"] for q in QUARTERS],
                        "cell": rec["cell_pagu"]})
    return mon.raks, indicators, budgets


def _from_plan(raks) -> tuple[list, list]:
    from ..monitoring.plan import items

    indicators, budgets = [], []
    for rak in raks:
        goals = _goal_texts(rak)
        for item in items(rak)[0]:
            indicators.append({"sheet": rak.sheet, "goal": item.goal, "no": item.no,
                               "sasaran": goals.get(item.goal), "indikator": item.text,
                               "target": item.target_text, "method": item.method.name, "realisasi": None,
                               "capaian": None, "status": "kosong", "kategori": None, "cell": None,
                               "realisasi_tahun": None, "capaian_tahun": None, "kategori_tahun": None})
        for b in rak.plan.budget_lines:
            budgets.append({"sheet": rak.sheet, "goal": b.goal, "no": b.no, "sasaran": goals.get(b.goal),
                            "pelaksana": b.pelaksana, "pagu": b.pagu, "spent": [None] * 4, "cell": b.cell})
    return indicators, budgets


def read_unit_file(path, tw: int, config, *, monev: bool | None = None) -> UnitFile:
    """Read one workbook for the roll-up: a monev workbook, or a plain RAK (nothing reported).

    Args:
        monev: whether the file is a monev workbook, when the caller knows it from the
            output mark (:func:`rakxl.marker.read_mark`); None: look for its map sheet.

    Raises:
        RakError: the file is neither (the reason says what it is).
    """
    from ..monitoring.fields import MAP_SHEET
    from ..reader import read_workbook
    from ..workbook import Workbook

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


