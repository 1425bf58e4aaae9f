"""``amount-invalid`` (error): a Pagu cell that holds no readable amount (``Rp ..``,
``#REF!``, ``lihat lampiran``)."""
from __future__ import annotations

from ._common import from_notes

CODE = "amount-invalid"


def check(rak):
    return from_notes(rak, CODE, value=lambda n: str(n.value).strip())
