"""``pemda`` and ``monthly``: the KPU stages' walk over the columns the family's header
mapped (:func:`rakxl.reader.hierarchy.walk_table`), then each quarter derived from its
months where the plan is written by month (:func:`quarter_of`).
"""
from __future__ import annotations

import dataclasses

from ... import layout
from ...model import Rak
from ..assembly import _assemble
from ..contract import check_rollups
from ..hierarchy import walk_table
from ..meta import read_meta


def _walk_and_assemble(grid, header, path, family, after_walk=None) -> Rak | None:
    """The KPU walk over ``header``'s columns, ``after_walk`` applied to it, assembled
    as ``family``; None for the header of an empty template."""
    walk = walk_table(grid, header, path)
    if len(walk.activities["row"]) < layout.CONTRACTS[family].min_activity_rows:
        return None  # the family's header with no activity below it (an empty template): no RAK table
    check_rollups(walk.budgets, grid, path)  # program amounts over their kegiatan: refused, as in kpu
    if after_walk is not None:
        after_walk(walk)
    meta = read_meta(grid, header, walk.end_row)
    return dataclasses.replace(_assemble(grid, header, walk, meta, path), family=family)


def read_pemda(grid, found, path) -> Rak:
    """A Pemda plan (``found``: its header, and its month columns when it is written by month)."""
    header, months = found
    return _walk_and_assemble(grid, header, path, "pemda", _derive_quarters if months else None)


def read_monthly(grid, found, path) -> Rak:
    """A KPU plan written by month: the quarters derived from the months."""
    header, _ = found
    return _walk_and_assemble(grid, header, path, "monthly", _derive_quarters)


def _derive_quarters(walk) -> None:
    """Each activity's quarters from its months (kept as the extra columns Jan..Des)."""
    frame = walk.activities
    names = layout.MONTHS_SHORT
    n = len(frame["row"])
    for q, month_roles in layout.QUARTER_MONTHS.items():
        idx = [layout.MONTHS.index(m) for m in month_roles]
        frame[q] = [quarter_of([(names[i], frame[names[i]][k]) for i in idx]) for k in range(n)]


#: Check marks offices put in a month (or quarter) cell (:data:`rakxl.layout.CHECK_MARKS`).
MARKS = layout.CHECK_MARKS


def quarter_of(months: list[tuple[str, str | None]]) -> str | None:
    """A quarter's plan from its months' cells ``[(month, text)...]``: the one filled
    month's text; the same check mark in every filled month: that mark; otherwise the
    months spelled out (``Jan: 1 lap; Mar: 2 lap``): never a sum rakxl would invent."""
    filled = [(m, v.strip()) for m, v in months if v is not None and str(v).strip()]
    if not filled:
        return None
    if len(filled) == 1:
        return filled[0][1]
    values = {v for _, v in filled}
    if len(values) == 1 and values <= MARKS:
        return values.pop()
    return "; ".join(f"{m}: {v}" for m, v in filled)
