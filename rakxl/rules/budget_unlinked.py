"""``budget-unlinked`` (info): a budget line of a separate budget table that neither
its number (``1.2``, a goal row above it) nor its text links to one goal. It counts in
the organisation's total and in no goal's Pagu. Cell: the line's Pagu cell."""
from __future__ import annotations

from ._common import from_notes

CODE = "budget-unlinked"


def check(rak):
    return from_notes(rak, CODE, text=lambda n: " ".join(str(n.value or "-").split()))
