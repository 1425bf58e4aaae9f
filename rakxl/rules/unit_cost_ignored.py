"""``unit-cost-ignored`` (info): the table has a unit-cost column (``Biaya``) beside its
total column (``Jumlah (Rp.)``); the total is the budget, and the unit cost is kept as an
extra column. Cell: the unit cost's header cell."""
from __future__ import annotations

from ._common import from_notes

CODE = "unit-cost-ignored"


def check(rak):
    return from_notes(rak, CODE, unit_cost=lambda n: f"'{str(n.value).split(' -> ')[0]}'",
                      total=lambda n: f"'{str(n.value).split(' -> ')[-1]}'")
