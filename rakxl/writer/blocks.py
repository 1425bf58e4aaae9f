"""Which value of a plan goes in which cell or vertical merge of the official layout.

No/Sasaran are merged over the goal, Indikator/Target over the indicator, Pagu over
each budget line, Pelaksana over each run of the same Pelaksana within a goal (never
a one-cell merge, never a merge across two goals); the activity's own columns are one
cell per row.
"""
from __future__ import annotations

from typing import NamedTuple

from .. import layout
from ..model import Rak


class Block(NamedTuple):
    """The cell (first == last) or vertical merge that holds one value of a column
    (a tuple: thousands of them cost the garbage collector nothing)."""

    first: int       # positional index of the first activity row
    last: int
    value: object    # str, int or None


_ACTIVITY_FIELDS = frozenset(layout.ROLES) - {"pagu"}


def values(rak: Rak, role: str) -> list:
    """The texts of one column of the activities (a role or an extra column), None where blank."""
    acts = rak.plan.activities
    if role in _ACTIVITY_FIELDS:
        out = [getattr(a, role) for a in acts]
    elif role in rak.extra_columns:
        k = list(dict.fromkeys(rak.extra_columns)).index(role)
        out = [a.extras[k] if k < len(a.extras) else None for a in acts]
    else:
        return [None] * len(acts)
    return [v if v is None or isinstance(v, str) else str(v) for v in out]


def runs(*columns) -> list[tuple[int, int]]:
    """(first, last) of each run of rows where every column keeps its value (a run
    ends where any column changes)."""
    n = len(columns[0])
    cuts = sorted(set().union(*map(_changes, columns)))
    edges = [0, *cuts, n]
    return [(a, b - 1) for a, b in zip(edges, edges[1:])] if n else []


def _changes(column) -> list[int]:
    """The rows whose value differs from the row above's."""
    return [i for i in range(1, len(column)) if column[i] != column[i - 1]]


def merged(spans, column) -> list[Block]:
    """One block per span; a blank span of several rows stays one cell per row."""
    out = []
    for s, e in spans:
        value = column[s]
        if value is None and e > s:
            out.extend(Block(i, i, None) for i in range(s, e + 1))
        else:
            out.append(Block(s, e, value))
    return out


def plan_blocks(rak: Rak, roles) -> dict[str, list]:
    """``{role: blocks}`` for the merged columns, ``{role: values}`` (one per row) for
    the activity's own columns and the extra columns; ``roles`` are the sheet's columns."""
    acts = rak.plan.activities
    v = {role: values(rak, role) for role in roles if role != "pagu"}
    goal = [a.goal for a in acts]
    blocks: dict[str, list] = {}

    goals = runs(goal)
    for role in layout.GOAL_ROLES:
        blocks[role] = merged(goals, v[role])
    ind_runs = runs(goal, v["indikator"], v["target_indikator"])
    for role in layout.INDICATOR_ROLES:
        blocks[role] = merged(ind_runs, v[role])
    blocks["pagu"], line_start = _pagu_blocks(rak, goal)
    starts = {s for s, _ in goals} | {s for s, _ in ind_runs} | line_start
    blocks["pelaksana"] = merged(_pelaksana_runs(goal, v, starts), v["pelaksana"])

    # One cell per row: kept as the plain list of values (10,000 rows make 60,000
    # cells here; the writer writes them without building a block for each).
    for role in layout.ACTIVITY_ROLES + tuple(rak.extra_columns):
        blocks[role] = v[role]
    return blocks


def _pagu_blocks(rak: Rak, goal: list) -> tuple[list[Block], set[int]]:
    """One block per run of the same budget line within a goal, and the runs' first rows."""
    line = [a.budget_line for a in rak.plan.activities]
    pagu_of = {b.budget_line: b.pagu for b in rak.plan.budget_lines}
    placed = set()
    out = []
    line_start = set()
    for s, e in runs(goal, line):
        b = line[s]
        if b is None or b in placed or b not in pagu_of:
            out.extend(Block(i, i, None) for i in range(s, e + 1))
            continue
        placed.add(b)
        line_start.add(s)
        out.append(Block(s, e, pagu_of[b]))
    return out, line_start


def _pelaksana_runs(goal: list, v: dict, starts: set[int]) -> list[tuple[int, int]]:
    """Runs of the same Pelaksana within a goal; a run also restarts on a row that has
    nothing else of its own, so that the row reads back as a row."""
    has_own = set()
    for role in layout.ACTIVITY_ROLES:
        has_own.update(i for i, x in enumerate(v[role]) if x is not None)
    anchor, bare = [], 0
    for i in range(len(goal)):
        if i not in has_own and i not in starts:  # a bare row
            bare += 1
        anchor.append(bare)
    return runs(goal, v["pelaksana"], anchor)
