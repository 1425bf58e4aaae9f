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
from .workbook import MAP_SHEET, QUARTER_FIELDS, TEXT_FIELDS, field_key, serapan

if TYPE_CHECKING:
    import pandas as pd

QUARTERS = (1, 2, 3, 4)
#: Tolerance when a saved formula value is compared with rakxl's (relative).
TOLERANCE = 1e-9


@dataclass
class Monitoring:
    """What a filled monev workbook reports.

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
    indicators: "pd.DataFrame"
    activities: "pd.DataFrame"
    budgets: "pd.DataFrame"
    disagreements: "pd.DataFrame"
    raks: list = field(repr=False, default_factory=list)
    config: Config | None = field(repr=False, default=None)
    stray: list = field(repr=False, default_factory=list)

    def __repr__(self) -> str:
        return (f"<Monitoring indicators={len(self.indicators)} activities={len(self.activities)} "
                f"budget_lines={len(self.budgets)} disagreements={len(self.disagreements)}>")


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
        raise RakInputError("bukan workbook monev rakxl (sheet tersembunyi 'rakxl-monev' tidak ada); buat dengan "
                            "'rakxl monev RAK.xlsx -o MONEV.xlsx'", path=book.path)
    grid = book.grid(MAP_SHEET)
    sheets, columns = {}, {}
    for r in range(grid.top, grid.nrows):
        kind = grid.value(r, 0)
        if kind == "sheet":
            sheets[str(grid.value(r, 1))] = str(grid.value(r, 2))
        elif kind == "column":
            columns.setdefault(str(grid.value(r, 1)), {})[str(grid.value(r, 2))] = column_index(str(grid.value(r, 3)))
    if not sheets:
        raise RakInputError("sheet 'rakxl-monev' kosong atau rusak; buat ulang workbook dengan 'rakxl monev'",
                            path=book.path)
    return sheets, columns


def _check_headers(grid, cols, path):
    from ..writer import HEADER_ROW

    for q in QUARTERS:
        for name in QUARTER_FIELDS:
            c = cols.get(field_key(name, q))
            if c is None:
                raise RakInputError(f"peta kolom tidak lengkap ({field_key(name, q)})", path=path, sheet=grid.name)
            got = " ".join(str(grid.value(HEADER_ROW + 1, c)).split())
            if got not in MONITORING[name]:
                raise RakInputError(f"judul kolom '{got}' bukan '{MONITORING[name][0]}' seperti saat dibuat; kolom "
                                    "bergeser (disisipkan atau dihapus?)", path=path, sheet=grid.name,
                                    cell=a1(HEADER_ROW + 1, c))


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
    import pandas as pd

    from ..reader import read_book
    from ..workbook import Workbook

    if quarter is not None and quarter not in QUARTERS:
        raise ValueError("quarter must be 1, 2, 3 or 4")
    if config is None:
        config = find_config(path, config_path)
    ind_rows, act_rows, budget_rows, disagree, stray = [], [], [], [], []
    with Workbook(path, limits) as book:       # one open: the plan and the inputs from the same bytes
        raks = read_book(book, path)
        sheets, columns = _read_map(book)
        for rak in raks:
            if rak.sheet not in sheets:
                continue
            grid = book.grid(rak.sheet)
            cols = columns.get(rak.sheet, {})
            _check_headers(grid, cols, path)
            rows = rak.activities["row"].tolist()
            act_indikator, act_pelaksana = rak.activities["indikator"].tolist(), rak.activities["pelaksana"].tolist()
            indicators, activities = items(rak, config)
            for item, level in [(i, "indikator") for i in indicators] + [(a, "kegiatan") for a in activities]:
                r = rows[item.first] - 1
                rec = {"sheet": rak.sheet, "goal": item.goal, "no": item.no}
                if level == "indikator":
                    rec.update({"indikator": item.text})
                else:
                    rec.update({"indikator": act_indikator[item.first], "kegiatan": item.text,
                                "pelaksana": config.canonical_pelaksana(act_pelaksana[item.first])})
                rec.update({"target": item.target_text,
                            "cell_target": rak.cell("target_indikator" if level == "indikator" else "target_kegiatan",
                                                    r + 1),
                            "method": item.method.name, "method_source": item.method.source, "row": r + 1})
                rname, cname = ("ri", "ci") if level == "indikator" else ("rk", "ck")
                values = []
                for q in QUARTERS:
                    c = cols[field_key(rname, q)]
                    values.append(_plain(grid.value(r, c)))
                    rec[f"cell_realisasi_tw{q}"] = a1(r, c)
                for q in QUARTERS:
                    res = M.compute(item.method, item.target, values, q, item.qtargets, config.cap)
                    c = cols[field_key(cname, q)]
                    rec[f"realisasi_tw{q}"] = values[q - 1]
                    rec[f"capaian_tw{q}"] = res.value
                    rec[f"status_tw{q}"] = res.status
                    rec[f"basis_tw{q}"] = res.basis
                    rec[f"cell_capaian_tw{q}"] = a1(r, c)
                    saved, mine = _saved(grid, r, c), M.cached(res)
                    if not _agrees(saved, mine):
                        disagree.append({"sheet": rak.sheet, "cell": a1(r, c), "what": f"{cname}{q}",
                                         "saved": saved, "rakxl": mine})
                year, on = M.year_so_far(item.method, item.target, values, quarter, config.cap)
                rec.update({"capaian_tahun": year.value, "tw_tahun": on, "status_tahun": year.status,
                            "kategori": M.category(year.value, config.thresholds)})
                if level == "kegiatan":
                    for q in QUARTERS:
                        for name in TEXT_FIELDS:
                            c = cols[field_key(name, q)]
                            rec[f"{name}_tw{q}"] = _plain(grid.value(r, c))
                            rec[f"cell_{name}_tw{q}"] = a1(r, c)
                    act_rows.append(rec)
                else:
                    ind_rows.append(rec)
            b = {c: rak.budgets[c].tolist() for c in ("first_row", "last_row", "pagu", "budget_line", "no",
                                                        "pelaksana", "cell")}
            for k in range(len(rak.budgets)):
                first, last = int(b["first_row"][k]) - 1, int(b["last_row"][k]) - 1
                pagu = b["pagu"][k]
                pagu = None if pd.isna(pagu) else int(pagu)
                rec = {"sheet": rak.sheet, "budget_line": int(b["budget_line"][k]), "no": b["no"][k],
                       "pelaksana": config.canonical_pelaksana(b["pelaksana"][k]), "pagu": pagu,
                       "cell_pagu": b["cell"][k], "first_row": first + 1, "last_row": last + 1}
                spent = []
                for q in QUARTERS:
                    c = cols[field_key("ra", q)]
                    spent.append(_plain(grid.value(first, c)))
                    rec[f"realisasi_tw{q}"] = spent[-1]
                    rec[f"cell_realisasi_tw{q}"] = a1(first, c)
                    others = [(a1(r, c), _plain(grid.value(r, c))) for r in range(first + 1, last + 1)]
                    others = [(cell, v) for cell, v in others if v is not None]
                    if others:
                        stray.append({"sheet": rak.sheet, "budget_line": rec["budget_line"], "no": rec["no"],
                                      "q": q, "cells": [a1(first, c)] + [x for x, _ in others],
                                      "values": [spent[-1]] + [v for _, v in others], "row": first + 1})
                last_q = None
                for q in QUARTERS:
                    cum, pct = serapan(pagu, spent, q)
                    rec[f"kumulatif_tw{q}"] = cum if isinstance(cum, float) else None
                    rec[f"serapan_tw{q}"] = pct if isinstance(pct, float) else None
                    for name, mine in (("kum", cum), ("serapan", pct)):
                        c = cols[field_key(name, q)]
                        rec[f"cell_{'kumulatif' if name == 'kum' else name}_tw{q}"] = a1(first, c)
                        saved = _saved(grid, first, c)
                        if not _agrees(saved, mine):
                            disagree.append({"sheet": rak.sheet, "cell": a1(first, c), "what": f"{name}{q}",
                                             "saved": saved, "rakxl": mine})
                    if spent[q - 1] is not None and (quarter is None or q <= quarter):
                        last_q = q
                rec["tw_tahun"] = last_q
                rec["realisasi_tahun"] = rec[f"kumulatif_tw{last_q}"] if last_q else None
                rec["serapan_tahun"] = rec[f"serapan_tw{last_q}"] if last_q else None
                budget_rows.append(rec)
    return Monitoring(str(path), quarter, pd.DataFrame(ind_rows), pd.DataFrame(act_rows), pd.DataFrame(budget_rows),
                      pd.DataFrame(disagree, columns=["sheet", "cell", "what", "saved", "rakxl"]), raks, config, stray)
