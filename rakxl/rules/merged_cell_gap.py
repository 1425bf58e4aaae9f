"""``merged-cell-gap`` (warning): a blank, unmerged cell of a hierarchy column (No,
Sasaran, Indikator, Target, Pelaksana) in a sheet that merges that column, on an
activity row; the reader had to guess it continues the cell above.

The reader notes each such cell (:class:`rakxl.model.Note`); this rule reports them.
"""
from __future__ import annotations

from ._common import from_notes, label

CODE = "merged-cell-gap"


def check(rak):
    return from_notes(rak, CODE, column_label=lambda n: label(n.role))
