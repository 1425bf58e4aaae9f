"""``merged-cell-gap`` (warning): a blank, unmerged cell of a hierarchy column (No,
Sasaran, Indikator, Target, Pelaksana) in a sheet that merges that column, on an
activity row; the reader had to guess it continues the cell above.

The reader notes each such cell (:class:`rakxl.model.Note`); this rule reports those
whose column really is merged over activity rows (a header repeated after a page
break has merged cells too, but they do not make the column a merged one).
"""
from __future__ import annotations

from ..findings import Label
from ._common import from_notes

CODE = "merged-cell-gap"


def check(rak):
    return from_notes(rak, CODE, column_label=lambda n: Label(n.role))
