"""What the families' own walks (:mod:`.workplan`, :mod:`.targets`) share: the rows
of one table (merges, cell texts, amounts, row kinds), the notes they make, and the
assembly of a walk into a :class:`~rakxl.model.Rak`, as the KPU walk's.
"""
from __future__ import annotations

import dataclasses
import functools
from types import SimpleNamespace

from ... import layout
from ...model import ACTIVITY_COLUMNS, Cell, Note, Rak
from ...workbook import Grid, to_text
from ..assembly import _assemble
from ..header import HEADER_MAX_CHARS
from ..meta import read_meta
from ..pagu import read_amount
from ..rows import is_number_row, is_signature

WORKPLAN, TARGETS, PEMDA, MONTHLY = (layout.FAMILY_BY_NAME[n] for n in ("workplan", "targets-budget", "pemda",
                                                                          "monthly"))


@functools.lru_cache(maxsize=4096)
def family_role(family_name: str, text: str) -> str | None:
    """The role a header text names in the family ``family_name``, or None."""
    return layout.FAMILY_BY_NAME[family_name].match(text)


def header_text(v) -> str | None:
    """``v`` if it is a text a header cell could hold (not blank, not too long), else None."""
    return v if isinstance(v, str) and v.strip() and len(v) <= HEADER_MAX_CHARS else None


class Rows:
    """What the families' own walks share: merges, cell texts, amounts, row kinds."""

    def __init__(self, grid: Grid, path):
        self.grid = grid
        self.path = path
        self.notes: list[Note] = []
        self.errors = grid.errors
        self.cover: dict[tuple[int, int], int] = {}   # (row, col) inside a vertical merge -> its top row
        self.bottom: dict[tuple[int, int], int] = {}  # (top row, col) -> bottom row
        self.across: dict[int, list] = {}             # row -> horizontal merges starting on it
        for r1, c1, r2, c2 in grid.merges:
            if c2 > c1:
                self.across.setdefault(r1, []).append((c1, c2))
            if r2 > r1:
                for c in range(c1, c2 + 1):
                    self.bottom[(r1, c)] = r2
                    for r in range(r1 + 1, r2 + 1):
                        self.cover[(r, c)] = r1

    def text(self, r, c) -> str | None:
        if c is None:
            return None
        v = self.grid.value(r, c)
        if v == "" and self.errors:
            return self.errors.get((r, c))
        return to_text(v)

    def resolved(self, r, c) -> tuple[str | None, bool]:
        """(text, whether it starts here) of a hierarchy cell: a merge's text on every
        row of the merge, starting on its top row."""
        if c is None:
            return None, False
        top = self.cover.get((r, c))
        if top is not None:
            return self.text(top, c), False
        t = self.text(r, c)
        return t, t is not None

    def amount(self, r, c, goal=None, record=True):
        """(amount or None, whether the cell holds anything), as the KPU walk reads a Pagu."""
        return read_amount(self.grid, r, c, goal, self.notes if record else None)

    def blank(self, r, cols) -> bool:
        return all(self.grid.value(r, c) in ("", None) for c in cols)

    def texts(self, r, cols) -> list[str]:
        return [t for t in (self.text(r, c) for c in cols) if t]

    def is_number_row(self, r, cols) -> bool:
        raw = {c: self.grid.value(r, c) for c in cols}
        return is_number_row(raw.values())

    def stop_here(self, r, cols) -> bool:
        """A signature block starts on row r."""
        return is_signature(self.texts(r, cols))


def note(code, r, c, role="pagu", goal=None, no=None, value=None) -> Note:
    """A reader note about the cell at 0-based (r, c): the one place notes are made here."""
    return Note(code, r + 1, c + 1, role, goal, no, value)


def cell_at(r, c) -> Cell:
    """Where an amount stands (0-based r, c), as :class:`~rakxl.model.Rak` keeps it."""
    return Cell(r + 1, c + 1)


def goal_dict(n, no, sasaran, row):
    """Goal ``n`` (a row of the goals frame), starting on 1-based ``row``."""
    return {"goal": n, "no": no, "sasaran": sasaran, "first_row": row, "last_row": row}


def line_dict(n, goal, amount, pelaksana, r, c):
    """Budget line ``n`` of ``goal`` (None: linked to no goal), its Pagu at 0-based (r, c)."""
    return {"budget_line": n, "goal": goal["goal"] if goal else None, "no": goal["no"] if goal else None,
            "pagu": amount, "pelaksana": pelaksana, "col": c + 1, "first_row": r + 1, "last_row": r + 1}


def finish(grid, header, rows: Rows, path, family, goals, indicators, budgets, activities, extras,
           stated_total=None, stated_total_at=None, end_row=None, columns=None) -> Rak:
    """The Rak of a family's own walk, assembled as the KPU walk's; None when the body
    holds no row (an empty template: no RAK table)."""
    if not activities:
        return None
    table_merges = [m for m in grid.merges if m[2] >= header.data_start and (end_row is None or m[0] < end_row)]
    frame = {k: [a.get(k) for a in activities] for k in ACTIVITY_COLUMNS}
    for name in extras:
        frame[name] = [a.get(name) for a in activities]
    merged = {role for role, c in header.cols.items() if role in layout.HIERARCHY_ROLES
              and any(m[1] <= c <= m[3] and m[2] > m[0] for m in table_merges)}
    walk = SimpleNamespace(activities=frame, budgets=budgets, goals=goals, indicators=indicators,
                           stated_total=stated_total, stated_total_at=stated_total_at,
                           table_merges=table_merges, merged_roles=merged, notes=rows.notes)
    meta = read_meta(grid, header, end_row if end_row is not None else grid.nrows)
    rak = _assemble(grid, header, walk, meta, path)  # budget lines linked to no goal keep goal None
    if columns:
        rak = dataclasses.replace(rak, column_of={**rak.column_of, **{k: c + 1 for k, c in columns.items()}})
    return dataclasses.replace(rak, family=family)


def is_repeated_header(grid, r, family, cols) -> bool:
    """Whether row ``r`` repeats ``family``'s header (three of its header words or more)."""
    hits = 0
    for c in cols:
        t = header_text(grid.value(r, c))
        if t and family_role(family.name, t):
            hits += 1
    return hits >= 3
