"""Stage 2, the header: find the header row by its words and map each column to its role.

:func:`find_header` looks at the first rows of a sheet for the row that names the
most columns (``synonyms.match_header``: the synonyms of each column in
:mod:`rakxl.layout`); :func:`map_columns` maps each column of that row to its role,
reading a second header row where the first one groups columns (the quarters
under "Pelaksanaan Kegiatan Triwulan"). Columns rakxl does not know are kept as
extra columns, by their header text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import layout
from ..synonyms import match_header
from ..workbook import Grid

#: How far down a sheet the header may start (0-based rows scanned).
HEADER_SEARCH_ROWS = 40
#: A column number as written under the header: 3, "3" or "(3)".
NUMBER_CELL = re.compile(r"\(?\s*(\d{1,2})\s*\)?")
#: Longer texts are never header words (nor total labels).
HEADER_MAX_CHARS = 80
#: The role a header cell's text names (or None).
role_of = match_header


@dataclass
class Header:
    """Where a table's header is and which column holds which role."""

    row: int                      # 0-based header row
    data_start: int               # first 0-based row below the header rows
    cols: dict[str, int]          # role -> 0-based column
    extras: dict[int, str] = field(default_factory=dict)   # column -> header text
    notes: list = field(default_factory=list)   # what the header stage chose and says (Rak.notes)
    scale: int | None = None      # amounts of the Pagu column multiplied by this (a header in thousands)


#: The contract of the official layout (layout.CONTRACTS): what the header row must map.
CONTRACT = layout.CONTRACTS["kpu"]


def satisfies(known) -> bool:
    """Whether the roles a header row maps meet :data:`CONTRACT`'s required groups."""
    return all(any(role in known for role in group) for group in CONTRACT.required)


def _in_thousands(v) -> bool:
    """Whether a header text names a budget in thousands (``Pagu Anggaran (Rp. 000)``)."""
    if not isinstance(v, str) or len(v) > HEADER_MAX_CHARS:
        return False
    norm = layout.normalize_header(v)
    return bool(layout.BUDGET_LIKE_HEADER.fullmatch(norm) and layout.THOUSANDS_HEADER.search(norm))


def find_header(grid: Grid, scale: int | None = None) -> Header | None:
    """Find the header row by its words; None when the sheet has no RAK table.

    ``scale``: the caller says amounts in a column whose header says thousands
    (:data:`rakxl.layout.THOUSANDS_HEADER`) are to be multiplied by it: such a column is
    then the Pagu column (otherwise it is none, and the sheet is refused)."""
    best = None
    last = min(grid.nrows, grid.top + HEADER_SEARCH_ROWS)
    for r in range(grid.top, last):
        roles = {}
        for c in range(grid.left, grid.ncols):
            v = grid.value(r, c)
            role = role_of(v) if isinstance(v, str) else None
            if role is None and scale and _in_thousands(v):
                role = "pagu"
            if role:
                roles.setdefault(role, c)
        known = set(roles) - {"triwulan"}
        if not satisfies(known):
            continue
        if best is None or len(known) > best[0]:
            best = (len(known), r)
    if best is None:
        return None
    return map_columns(grid, best[1], scale)


def map_columns(grid: Grid, r: int, scale: int | None = None) -> Header:
    """The roles of the columns of the header on row r (0-based), and where the data starts."""
    sub = r + 1
    # Horizontal merges on the header row (the quarter group): the cells under them
    # are named by the row below.
    under_group = set()
    for r1, c1, r2, c2 in grid.merges:
        if r1 == r and c2 > c1 and match_header(grid.value(r1, c1)) == "triwulan":
            under_group.update(range(c1, c2 + 1))
    for c in range(grid.left, grid.ncols):
        if match_header(grid.value(r, c)) == "triwulan":
            under_group.add(c)
    cols: dict[str, int] = {}
    extras: dict[int, str] = {}
    targets: list[int] = []
    uses_sub = False
    for c in range(grid.left, grid.ncols):
        text = grid.value(r, c)
        role = match_header(text) if isinstance(text, str) else None
        if role is None and scale and _in_thousands(text):
            role = "pagu"
        below = grid.value(sub, c)
        below_role = match_header(below) if isinstance(below, str) else None
        if c in under_group:
            if below_role in layout.QUARTERS:
                role = below_role
                uses_sub = True
            else:
                m = NUMBER_CELL.fullmatch(str(below).strip()) if below != "" else None
                if m and 1 <= int(m.group(1)) <= 4 and not str(below).strip().startswith("("):
                    role = f"tw{int(m.group(1))}"
                    uses_sub = True
        elif role is None and (text == "" or text is None) and below_role not in (None, "triwulan"):
            role = below_role
            uses_sub = True
        if role == "target":
            targets.append(c)
            continue
        if role in layout.COLUMN_BY_ROLE and role not in cols:
            cols[role] = c
        elif role != "triwulan" and text not in ("", None):
            extras[c] = " ".join(str(text).split())
    for c in targets:
        kegiatan = cols.get("kegiatan")
        role = "target_indikator" if kegiatan is None or c < kegiatan else "target_kegiatan"
        if role in cols:
            role = "target_kegiatan" if role == "target_indikator" else "target_indikator"
        if role in cols:
            extras[c] = " ".join(str(grid.value(r, c)).split())
        else:
            cols[role] = c
    notes = _unit_cost_beside_total(grid, r, cols, extras)
    pagu = cols.get("pagu")
    scaled = scale if scale and pagu is not None and _in_thousands(grid.value(r, pagu)) else None
    if scaled:  # said where the choice was made: every amount of this column times the scale
        from ..model import Note

        notes.append(Note("amount-scaled", r + 1, pagu + 1, "pagu",
                          value=f"{' '.join(str(grid.value(r, pagu)).split())} x {scaled:,}".replace(",", ".")))
    data_start = r + 2 if uses_sub else r + 1
    # Header cells merged down over a second header row.
    for r1, c1, r2, c2 in grid.merges:
        if r1 == r and c1 in cols.values() and r2 >= data_start:
            data_start = r2 + 1
    return Header(row=r, data_start=data_start, cols=cols, extras=extras, notes=notes, scale=scaled)


def _unit_cost_beside_total(grid: Grid, r: int, cols: dict, extras: dict) -> list:
    """A unit cost (``Biaya``) beside a total (``Jumlah (Rp.)``, ``Pagu Anggaran``): the
    total is the budget, the unit cost an extra column, and a note says so
    (``unit-cost-ignored``, at the unit cost's header cell). When the Pagu column
    mapped is the unit cost, the columns are swapped in place."""
    from ..model import Note

    def norm(c):
        return layout.normalize_header(grid.value(r, c))

    def text(c):
        return " ".join(str(grid.value(r, c)).split())

    c = cols.get("pagu")
    if c is None:
        return []
    if layout.UNIT_COST_HEADER.fullmatch(norm(c)):
        totals = [x for x in extras if layout.BUDGET_TOTAL_HEADER.fullmatch(norm(x))]
        if not totals:
            return []
        total = min(totals, key=lambda x: (abs(x - c), x))  # the total nearest the unit cost
        cols["pagu"] = total
        del extras[total]
        extras[c] = text(c)
        cost = c
    else:  # the Pagu is a total; a unit cost kept as an extra column beside it
        costs = [x for x in extras if layout.UNIT_COST_HEADER.fullmatch(norm(x))]
        if not costs:
            return []
        cost, total = costs[0], c
    return [Note("unit-cost-ignored", r + 1, cost + 1, "pagu", value=f"{text(cost)} -> {text(total)}")]
