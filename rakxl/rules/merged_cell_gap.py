"""``merged-cell-gap`` (warning): a blank, unmerged cell of a hierarchy column (No,
Sasaran, Indikator, Target, Pelaksana) in a sheet that merges that column, on an
activity row; the reader had to guess it continues the cell above.

The reader notes each such cell (:class:`rakxl.model.Note`); this rule reports those
whose column really is merged over activity rows (a header repeated after a page
break has merged cells too, but they do not make the column a merged one).
"""
from __future__ import annotations

from ..formulas import parse_a1
from ._common import from_notes, label, records

CODE = "merged-cell-gap"


def merged_columns(rak) -> set[int]:
    """0-based columns that have a vertical merge covering at least one activity row."""
    rows = {int(a["row"]) for a in records(rak.activities)}
    cols = set()
    for ref in rak.merges:
        first, _, last = ref.partition(":")
        (r1, c1), (r2, c2) = parse_a1(first), parse_a1(last or first)
        if r2 > r1 and any(r in rows for r in range(r1 + 1, r2 + 2)):
            cols.update(range(c1, c2 + 1))
    return cols


def check(rak):
    found = from_notes(rak, CODE, column_label=lambda n: label(n.role))
    if not found:
        return found
    cols = merged_columns(rak)
    return [f for f in found if f.column in rak.columns and parse_a1(f"{rak.columns[f.column]}1")[1] in cols]
