"""``total-mismatch`` (error): the total row (``JUMLAH``) states an amount that differs
from the sum of the budget lines. Cell: the total row's Pagu cell."""
from __future__ import annotations

from ..findings import Money, make

CODE = "total-mismatch"


def check(rak):
    stated = rak.stated_total
    if stated is None:
        return []
    computed = rak.total_pagu
    if int(stated) == int(computed):
        return []
    return [make(CODE, rak, rak.stated_total_cell, None, column="pagu", stated=Money(stated),
                 computed=Money(computed), difference=Money(abs(int(stated) - int(computed))))]
