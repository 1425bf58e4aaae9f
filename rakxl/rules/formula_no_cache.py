"""``formula-no-cache`` (error): a Pagu formula with no saved value that rakxl could not
evaluate either (a file written by a program that does not compute formulas)."""
from __future__ import annotations

from ._common import from_notes

CODE = "formula-no-cache"


def check(rak):
    return from_notes(rak, CODE, value=lambda n: str(n.value))
