"""Stage 6, the assembly: what the stages found in one sheet -> :class:`~rakxl.model.Rak`."""
from __future__ import annotations

import operator

from ..model import ACTIVITY_COLUMNS, Activity, Boxes, BudgetLine, Goal, Indicator, Meta, Plan, Rak, build
from ..workbook import Grid
from .contract import check_header, check_rollups
from .header import CONTRACT, find_header
from .meta import read_meta
from .hierarchy import Walk, walk_table


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
    walk = walk_table(grid, header, path)
    if header.scale:  # amounts in thousands, scaled as the caller asked (noted in the header stage)
        for line in walk.budgets:
            line["pagu"] *= header.scale
        if walk.stated_total is not None:
            walk.stated_total *= header.scale
    if len(walk.activities["row"]) < CONTRACT.min_activity_rows:
        return None  # a header with no activity below it (an empty template sheet)
    check_rollups(walk.budgets, grid, path, _line_texts(walk))  # program amounts over their kegiatan: refused
    meta = read_meta(grid, header, walk.end_row)
    return _assemble(grid, header, walk, meta, path)


def _line_texts(walk: Walk) -> dict[int, str]:
    """Budget line index (0-based) -> the activity text of its first row."""
    out: dict[int, str] = {}
    for line, text in zip(walk.activities["budget_line"], walk.activities["kegiatan"]):
        if line is not None and text and line - 1 not in out:
            out[line - 1] = text
    return out


def _assemble(grid, header, walk: Walk, meta: Meta, path) -> Rak:
    """The typed model of what the walk found (no pandas: frames are built on demand)."""
    extras = list(dict.fromkeys(header.extras.values()))
    acts = walk.activities  # {column: values}
    n = len(acts["row"])
    extra_values = list(zip(*(acts[name] for name in extras))) if extras else [()] * n
    activities = build(Activity, *(acts[name] for name in ACTIVITY_COLUMNS), extra_values)
    plan = Plan(
        goals=build(Goal, *_columns(walk.goals, ("goal", "no", "sasaran", "first_row", "last_row"))),
        indicators=build(Indicator, *_columns(walk.indicators, ("goal", "no", "indikator", "target_indikator", "row"))),
        activities=activities,
        budget_lines=build(BudgetLine, *_columns(walk.budgets, ("budget_line", "goal", "no", "pagu", "pelaksana", "col",
                                                              "first_row", "last_row"))),
    )
    merged, notes = _merged_roles(header, walk, activities)
    return Rak(
        path=None if path is None else str(path),
        sheet=grid.name,
        meta=meta,
        plan=plan,
        stated_total=walk.stated_total,
        stated_total_at=walk.stated_total_at,
        column_of={role: c + 1 for role, c in header.cols.items()},
        extra_columns=extras,
        header_row=header.row + 1,
        merged=merged,
        merges=Boxes(walk.table_merges),  # Range values on first access
        notes=notes,
    )


def _columns(records: list[dict], names) -> list[list]:
    """The values of ``names`` in each record, column by column."""
    return [list(map(operator.itemgetter(name), records)) for name in names]


def _merged_roles(header, walk: Walk, activities) -> tuple[frozenset, list]:
    """Which hierarchy columns use merged cells, decided once: those with a vertical
    merge (not a header cell repeated at a page break) over at least one activity row.

    The walk noted gaps in every column with a vertical merge in the table; the gaps
    of a column merged only outside the activity rows (a signature block, a total
    row) are dropped here.
    """
    if not hasattr(walk, "cover"):  # a family's own walk decided its merged columns itself
        return frozenset(walk.merged_roles), list(walk.notes)
    rows = {a.row - 1 for a in activities}  # 0-based, as the walk counts
    start = header.data_start
    merged = set()
    for role in walk.merged_roles:
        arr = walk.cover.get(header.cols[role])
        if arr is not None and any(top is not None and start + i in rows for i, top in enumerate(arr)):
            merged.add(role)
    notes = [n for n in walk.notes if n.code != "merged-cell-gap" or n.role in merged]
    return frozenset(merged), notes
