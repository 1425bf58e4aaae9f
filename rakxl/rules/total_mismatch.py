"""``total-mismatch`` (error): the total row (``JUMLAH``) states an amount that differs
from the sum of the budget lines. Cell: the total row's Pagu cell.

Also a goal's own total (a work plan's goal row or ``Sub Total`` row, family
``workplan``) that differs from the sum of that goal's lines: the reader's note
carries ``(stated, computed)``."""
from __future__ import annotations

from ..findings import Money, make
from ._common import from_notes

CODE = "total-mismatch"


def check(rak):
    out = from_notes(rak, CODE, stated=lambda n: Money(n.value[0]), computed=lambda n: Money(n.value[1]),
                     difference=lambda n: Money(abs(int(n.value[0]) - int(n.value[1]))))
    return out + _table_total(rak)


def _table_total(rak):
    stated = rak.stated_total
    if stated is None:
        return []
    computed = rak.total_pagu
    if int(stated) == int(computed):
        return []
    return [make(CODE, rak, rak.stated_total_cell, None, column="pagu", stated=Money(stated),
                 computed=Money(computed), difference=Money(abs(int(stated) - int(computed))))]
