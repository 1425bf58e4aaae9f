"""``merge-crosses-goal`` (error): a merged range (Pagu, Pelaksana, Indikator...) that
spans rows of two different goals. Cell: the range's top-left cell.

The reader notes each such range; this rule reports them with the goals' numbers.
"""
from __future__ import annotations

from ..formulas import parse_a1
from ._common import from_notes, label, records

CODE = "merge-crosses-goal"


def check(rak):
    goals = records(rak.goals)

    def crossed(note):
        first, last = str(note.value).split(":")
        r1, r2 = parse_a1(first)[0] + 1, parse_a1(last)[0] + 1
        nos = [str(g["no"]) for g in goals if g["first_row"] <= r2 and g["last_row"] >= r1]
        return " dan ".join(nos) if len(nos) == 2 else ", ".join(nos)

    return from_notes(rak, CODE, range=lambda n: n.value, column_label=lambda n: label(n.role), goals=crossed)
