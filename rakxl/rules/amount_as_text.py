"""``amount-as-text`` (warning): a Pagu typed as text (``"Rp 29.295.000"``); the reader
can read it, Excel cannot sum it."""
from __future__ import annotations

from ..amounts import parse_amount
from ..findings import Money
from ._common import from_notes

CODE = "amount-as-text"


def check(rak):
    return from_notes(rak, CODE, value=lambda n: str(n.value).strip(),
                      amount=lambda n: Money(parse_amount(n.value) or 0))
