"""Assembly: header, walk and meta of one sheet -> :class:`~rakxl.model.Rak`."""
from __future__ import annotations

from ..formulas import column_letters
from ..model import (
    ACTIVITY_COLUMNS, BUDGET_COLUMNS, GOAL_COLUMNS, INDICATOR_COLUMNS, Meta, Rak,
)
from ..workbook import Grid
from .contract import check_header, check_rollups
from .header import CONTRACT, find_header
from .meta import read_meta
from .walk import _Walk


def read_grid(grid: Grid, path=None, *, scale: int | None = None) -> Rak | None:
    """The RAK table of one sheet, or None when the sheet holds none.

    ``scale``: multiply the amounts of a Pagu column whose header says they are in
    thousands (``Pagu Anggaran (Rp. 000)``) by this; Rak.notes says so
    (``amount-scaled``). Without it such a column is no Pagu and the sheet is refused.
    """
    from .families import read_family  # the family stage: a family other than the KPU layout

    rak = read_family(grid, path)
    if rak is not None:
        return rak
    header = find_header(grid, scale)
    if header is None:
        return None
    check_header(grid, header.row, path)  # two tables side by side: refused
    walk = _Walk(grid, header, path)
    walk.run()
    if header.scale:  # amounts in thousands, scaled as the caller asked (noted in the header stage)
        for line in walk.budgets:
            line["pagu"] *= header.scale
        if walk.stated_total is not None:
            walk.stated_total *= header.scale
    if len(walk.activities["row"]) < CONTRACT.min_activity_rows:
        return None  # a header with no activity below it (an empty template sheet)
    check_rollups(walk.budgets, grid, path)  # program amounts over their kegiatan: refused
    meta = read_meta(grid, header, walk.end_row)
    return _assemble(grid, header, walk, meta, path)


def _assemble(grid, header, walk: _Walk, meta: Meta, path) -> Rak:
    import numpy as np
    import pandas as pd

    extras = list(dict.fromkeys(header.extras.values()))
    pagu_by_goal: dict[int, int] = {}
    lines_by_goal: dict[int, int] = {}
    for b in walk.budgets:
        pagu_by_goal[b["goal"]] = pagu_by_goal.get(b["goal"], 0) + b["pagu"]
        lines_by_goal[b["goal"]] = lines_by_goal.get(b["goal"], 0) + 1
    for gl in walk.goals:
        gl["pagu"] = pagu_by_goal.get(gl["goal"], 0)
        gl["budget_lines"] = lines_by_goal.get(gl["goal"], 0)

    # Text columns are object columns holding str or None, whatever the pandas version.
    activities = pd.DataFrame(walk.activities, columns=list(ACTIVITY_COLUMNS) + extras, dtype=object)
    budgets = pd.DataFrame(walk.budgets, columns=list(BUDGET_COLUMNS), dtype=object)
    goals = pd.DataFrame(walk.goals, columns=list(GOAL_COLUMNS), dtype=object)
    indicators = pd.DataFrame(walk.indicators, columns=list(INDICATOR_COLUMNS), dtype=object)
    # dtype objects, not names: a name is looked up among every registered dtype (slow)
    activities["budget_line"] = activities["budget_line"].astype(pd.Int64Dtype())
    int64 = np.dtype("int64")
    for frame in (activities, budgets, goals, indicators):
        for col in ("goal", "row", "first_row", "last_row", "pagu", "budget_lines", "budget_line"):
            if col in frame and not (frame is activities and col == "budget_line"):
                frame[col] = frame[col].astype(int64)
    letters = {c: column_letters(c) for c in {m[1] for m in walk.table_merges} | {m[3] for m in walk.table_merges}}
    ranges = [f"{letters[c1]}{r1 + 1}:{letters[c2]}{r2 + 1}" for r1, c1, r2, c2 in walk.table_merges]
    return Rak(
        path=None if path is None else str(path),
        sheet=grid.name,
        meta=meta,
        activities=activities,
        budgets=budgets,
        goals=goals,
        indicators=indicators,
        stated_total=walk.stated_total,
        stated_total_cell=walk.stated_total_cell,
        columns={role: column_letters(c) for role, c in header.cols.items()},
        extra_columns=extras,
        header_row=header.row + 1,
        merged=frozenset(walk.merged_roles),
        merges=ranges,
        notes=walk.notes,
    )
