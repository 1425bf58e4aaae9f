"""A filled monev workbook read back: :func:`read_monitoring` -> :class:`Monitoring`.

The plan is read from the monev sheets as any RAK is (:func:`rakxl.read_workbook`:
they keep the official columns); the hidden ``rakxl-monev`` sheet says in which
column each quarter's inputs and formulas stand. Every value is read from the file
as it is (calamine, through rakxl's guard), with its cell; capaian and serapan are
computed by rakxl (:mod:`rakxl.monitoring.methods`), never taken from the file. Where
a formula's saved value (Excel's or LibreOffice's last calculation) differs from
rakxl's, :attr:`Monitoring.disagreements` lists it; a workbook saved without values
(filled by a script) simply has none to compare.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..exceptions import RakInputError
from ..a1 import a1, column_index
from ..i18n import MONITORING
from . import methods as M
from .config import Config, find_config
from .plan import items
from .fields import MAP_SHEET, QUARTER_FIELDS, TEXT_FIELDS, field_key, serapan

if TYPE_CHECKING:
    import pandas as pd

QUARTERS = (1, 2, 3, 4)
#: Tolerance when a saved formula value is compared with rakxl's (relative).
TOLERANCE = 1e-9


#: Columns of :attr:`Monitoring.disagreements`.
DISAGREEMENT_COLUMNS = ("sheet", "cell", "what", "saved", "rakxl")


@dataclass
class Monitoring:
    """What a filled monev workbook reports.

    The reading is held as plain rows (lists of dicts: ``indicator_rows``,
    ``activity_rows``, ``budget_rows``, ``disagreement_rows``); the frames
    :attr:`indicators`, :attr:`activities`, :attr:`budgets` and :attr:`disagreements`
    are their pandas view, built on first access (so that ``rakxl capaian`` and the
    checks never import pandas).

    Attributes:
        path: the file read.
        quarter: the quarter reported on (``--tw``), or None (the last reported).
        indicators: one row per indicator: ``sheet``, ``goal``, ``no``, ``indikator``,
            ``target`` (and ``cell_target``), ``method``, ``method_source``, and per quarter q
            ``realisasi_tw{q}`` (None = not reported), ``capaian_tw{q}`` (percent or
            None), ``status_tw{q}`` (``ok``, ``kosong``, ``tidak_terdefinisi``,
            ``tidak_valid``), ``basis_tw{q}`` (``tahunan``, ``triwulan``,
            ``tidak_terdefinisi``), ``cell_realisasi_tw{q}``, ``cell_capaian_tw{q}``;
            then the year so far: ``capaian_tahun``, ``tw_tahun`` (the quarter it
            stands on), ``status_tahun``, ``kategori``.
        activities: the same for each activity (``kegiatan``, ``pelaksana``), plus
            ``kendala_tw{q}``, ``tindak_lanjut_tw{q}``, ``bukti_tw{q}`` and their cells.
        budgets: one row per budget line: ``sheet``, ``budget_line``, ``no``,
            ``pelaksana``, ``pagu``, ``cell_pagu``, per quarter ``realisasi_tw{q}``,
            ``cell_realisasi_tw{q}``, ``kumulatif_tw{q}``, ``serapan_tw{q}`` (and their
            ``cell_kumulatif_tw{q}``, ``cell_serapan_tw{q}``); then
            ``realisasi_tahun`` and ``serapan_tahun`` (so far), ``tw_tahun``.
        disagreements: formula cells whose saved value differs from rakxl's:
            ``sheet``, ``cell``, ``what``, ``saved``, ``rakxl``.
        raks: the plans read from the sheets.
        config: the settings used.
        stray: amounts found in the rows of a merged Realisasi Anggaran range other
            than its first (a merge undone and typed on each row): ``sheet``,
            ``budget_line``, ``q``, ``cells``, ``values``.
    """

    path: str
    quarter: int | None
    indicator_rows: list = field(default_factory=list)
    activity_rows: list = field(default_factory=list)
    budget_rows: list = field(default_factory=list)
    disagreement_rows: list = field(default_factory=list)
    raks: list = field(repr=False, default_factory=list)
    config: Config | None = field(repr=False, default=None)
    stray: list = field(repr=False, default_factory=list)
    _frames: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def indicators(self) -> "pd.DataFrame":
        return self._frame("indicators", self.indicator_rows)

    @property
    def activities(self) -> "pd.DataFrame":
        return self._frame("activities", self.activity_rows)

    @property
    def budgets(self) -> "pd.DataFrame":
        return self._frame("budgets", self.budget_rows)

    @property
    def disagreements(self) -> "pd.DataFrame":
        return self._frame("disagreements", self.disagreement_rows, DISAGREEMENT_COLUMNS)

    def _frame(self, name, rows, columns=None) -> "pd.DataFrame":
        frame = self._frames.get(name)
        if frame is None:
            import pandas as pd

            frame = self._frames[name] = pd.DataFrame(rows, columns=None if columns is None else list(columns))
        return frame

    def __repr__(self) -> str:
        return (f"<Monitoring indicators={len(self.indicator_rows)} activities={len(self.activity_rows)} "
                f"budget_lines={len(self.budget_rows)} disagreements={len(self.disagreement_rows)}>")


def _plain(value):
    """A cell value as rakxl counts it: None for empty, numbers as float, text stripped."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(float(value)) else None
    text = str(value)
    return text if text.strip() else None


def _saved(grid, r, c):
    """The saved value of the formula at (r, c): a number, text, or None (no saved value)."""
    found = grid.formula(r, c)
    if found is None:
        return _plain(grid.value(r, c))
    cached = found[1]
    if cached is None:
        return None
    try:
        return float(cached)
    except ValueError:
        return cached


def _agrees(saved, mine) -> bool:
    if saved is None:
        return True                         # nothing saved to compare
    if isinstance(mine, float) and isinstance(saved, float):
        return math.isclose(saved, mine, rel_tol=TOLERANCE, abs_tol=1e-9)
    return (saved or "") == (mine or "")


def _read_map(book):
    if MAP_SHEET not in book.sheet_names:
        raise RakInputError.of("error.not_monev", path=book.path)
    grid = book.grid(MAP_SHEET)
    sheets, columns = {}, {}
    for r in range(grid.top, grid.nrows):
        kind = grid.value(r, 0)
        if kind == "sheet":
            sheets[str(grid.value(r, 1))] = str(grid.value(r, 2))
        elif kind == "column":
            columns.setdefault(str(grid.value(r, 1)), {})[str(grid.value(r, 2))] = column_index(str(grid.value(r, 3)))
    if not sheets:
        raise RakInputError.of("error.monev_map", path=book.path)
    return sheets, columns


def _check_headers(grid, cols, path):
    from ..writer import HEADER_ROW

    for q in QUARTERS:
        for name in QUARTER_FIELDS:
            c = cols.get(field_key(name, q))
            if c is None:
                raise RakInputError.of("error.monev_column_map", path=path, sheet=grid.name, field=field_key(name, q))
            got = " ".join(str(grid.value(HEADER_ROW + 1, c)).split())
            if got not in MONITORING[name]:
                raise RakInputError.of("error.monev_moved", path=path, sheet=grid.name, cell=a1(HEADER_ROW + 1, c),
                                       got=got, want=MONITORING[name][0])


def read_monitoring(path, *, quarter: int | None = None, config: Config | None = None, config_path=None,
                    limits=None) -> Monitoring:
    """Read a monev workbook that staff filled in.

    Args:
        path: the workbook (from :func:`rakxl.write_monitoring`, filled, possibly saved
            again by Excel or LibreOffice).
        quarter: report the year so far up to this quarter (1-4); default: up to the
            last reported quarter of each indicator.
        config: the settings; default ``config_path``, else ``rakxl.toml`` next to the
            workbook, else built-in.

    Returns:
        A :class:`Monitoring`.

    Raises:
        RakInputError: not a monev workbook, or its columns were moved.
        ConfigError: a bad rakxl.toml.
    """
    from ..reader import read_book
    from ..workbook import Workbook

    if quarter is not None and quarter not in QUARTERS:
        raise ValueError("quarter must be 1, 2, 3 or 4")
    if config is None:
        config = find_config(path, config_path)
    mon = Monitoring(str(path), quarter, config=config)
    with Workbook(path, limits) as book:       # one open: the plan and the inputs from the same bytes
        mon.raks = read_book(book, path)
        sheets, columns = _read_map(book)
        for rak in mon.raks:
            if rak.sheet in sheets:
                _SheetReading(mon, rak, book.grid(rak.sheet), columns.get(rak.sheet, {})).read()
    return mon


class _SheetReading:
    """One monev sheet read into ``mon``'s rows: its indicators, activities and budget lines."""

    def __init__(self, mon: Monitoring, rak, grid, cols: dict):
        _check_headers(grid, cols, mon.path)
        self.mon, self.rak, self.grid, self.cols = mon, rak, grid, cols
        self.config = mon.config

    def read(self) -> None:
        indicators, activities = items(self.rak, self.config)
        for item in indicators:
            self.mon.indicator_rows.append(self.item(item, "indikator"))
        for item in activities:
            self.mon.activity_rows.append(self.item(item, "kegiatan"))
        for line in self.rak.plan.budget_lines:
            self.mon.budget_rows.append(self.budget(line))

    def value(self, r: int, name: str, q: int) -> tuple:
        """(value, A1 cell) of field ``name`` of quarter ``q`` on 0-based row ``r``."""
        c = self.cols[field_key(name, q)]
        return _plain(self.grid.value(r, c)), a1(r, c)

    def compare(self, r: int, name: str, q: int, mine) -> str:
        """The A1 cell of formula ``name`` of quarter ``q``; a saved value that differs
        from rakxl's ``mine`` is a disagreement."""
        c = self.cols[field_key(name, q)]
        saved = _saved(self.grid, r, c)
        if not _agrees(saved, mine):
            self.mon.disagreement_rows.append({"sheet": self.rak.sheet, "cell": a1(r, c), "what": f"{name}{q}",
                                               "saved": saved, "rakxl": mine})
        return a1(r, c)

    def item(self, item, level: str) -> dict:
        """The row of one indicator or activity: its plan, realisations and capaian."""
        rak, config = self.rak, self.config
        act = rak.plan.activities[item.first]
        r = act.row - 1
        rec = {"sheet": rak.sheet, "goal": item.goal, "no": item.no}
        if level == "indikator":
            rec["indikator"] = item.text
        else:
            rec.update({"indikator": act.indikator, "kegiatan": item.text,
                        "pelaksana": config.canonical_pelaksana(act.pelaksana)})
        rec.update({"target": item.target_text,
                    "cell_target": rak.cell("target_indikator" if level == "indikator" else "target_kegiatan", r + 1),
                    "method": item.method.name, "method_source": item.method.source, "row": r + 1})
        rname, cname = ("ri", "ci") if level == "indikator" else ("rk", "ck")
        values = []
        for q in QUARTERS:
            value, rec[f"cell_realisasi_tw{q}"] = self.value(r, rname, q)
            values.append(value)
        for q in QUARTERS:
            res = M.compute(item.method, item.target, values, q, item.qtargets, config.cap)
            rec.update({f"realisasi_tw{q}": values[q - 1], f"capaian_tw{q}": res.value, f"status_tw{q}": res.status,
                        f"basis_tw{q}": res.basis, f"cell_capaian_tw{q}": self.compare(r, cname, q, M.cached(res))})
        year, on = M.year_so_far(item.method, item.target, values, self.mon.quarter, config.cap)
        rec.update({"capaian_tahun": year.value, "tw_tahun": on, "status_tahun": year.status,
                    "kategori": M.category(year.value, config.thresholds)})
        if level == "kegiatan":
            for q in QUARTERS:
                for name in TEXT_FIELDS:
                    rec[f"{name}_tw{q}"], rec[f"cell_{name}_tw{q}"] = self.value(r, name, q)
        return rec

    def budget(self, line) -> dict:
        """The row of one budget line: its Pagu, spending by quarter and serapan."""
        first, last = line.first_row - 1, line.last_row - 1
        rec = {"sheet": self.rak.sheet, "budget_line": line.budget_line, "no": line.no,
               "pelaksana": self.config.canonical_pelaksana(line.pelaksana), "pagu": line.pagu,
               "cell_pagu": line.cell, "first_row": first + 1, "last_row": last + 1}
        spent = []
        for q in QUARTERS:
            value, cell = self.value(first, "ra", q)
            spent.append(value)
            rec[f"realisasi_tw{q}"], rec[f"cell_realisasi_tw{q}"] = value, cell
            self.stray(rec, q, first, last, value, cell)
        last_q = None
        quarter = self.mon.quarter
        for q in QUARTERS:
            cum, pct = serapan(line.pagu, spent, q)
            rec[f"kumulatif_tw{q}"] = cum if isinstance(cum, float) else None
            rec[f"serapan_tw{q}"] = pct if isinstance(pct, float) else None
            rec[f"cell_kumulatif_tw{q}"] = self.compare(first, "kum", q, cum)
            rec[f"cell_serapan_tw{q}"] = self.compare(first, "serapan", q, pct)
            if spent[q - 1] is not None and (quarter is None or q <= quarter):
                last_q = q
        rec["tw_tahun"] = last_q
        rec["realisasi_tahun"] = rec[f"kumulatif_tw{last_q}"] if last_q else None
        rec["serapan_tahun"] = rec[f"serapan_tw{last_q}"] if last_q else None
        return rec

    def stray(self, rec: dict, q: int, first: int, last: int, value, cell: str) -> None:
        """Amounts typed on the other rows of a merged Realisasi Anggaran range (the merge undone)."""
        others = [self.value(r, "ra", q) for r in range(first + 1, last + 1)]
        others = [(c, v) for v, c in others if v is not None]
        if others:
            self.mon.stray.append({"sheet": self.rak.sheet, "budget_line": rec["budget_line"], "no": rec["no"],
                                   "q": q, "cells": [cell] + [c for c, _ in others],
                                   "values": [value] + [v for _, v in others], "row": first + 1})
