"""``merge-crosses-goal`` (error): a merged range (Pagu, Pelaksana, Indikator...) that
spans rows of two different goals. Cell: the range's top-left cell.

The reader notes each such range; this rule reports them with the goals' numbers.
"""
from __future__ import annotations

from ..findings import AndList, Label, goal_ref
from ._common import from_notes

CODE = "merge-crosses-goal"


def check(rak):
    goals = rak.plan.goals

    def crossed(note):
        span = note.range
        return AndList(goal_ref(g.no, g.goal) for g in goals
                       if g.first_row <= span.last_row and g.last_row >= span.first_row)

    return from_notes(rak, CODE, range=lambda n: n.range.a1, column_label=lambda n: Label(n.role), goals=crossed)
