"""``merge-crosses-goal`` (error): a merged range (Pagu, Pelaksana, Indikator...) that
spans rows of two different goals. Cell: the range's top-left cell.

The reader notes each such range; this rule reports them with the goals' numbers.
"""
from __future__ import annotations

import bisect

from ..findings import AndList, Label, goal_ref
from ._common import from_notes

CODE = "merge-crosses-goal"


def goals_over(goals):
    """A function ``(first_row, last_row) -> the goals over any of those rows``, in order.

    Goals in sheet order, each over rows of its own (as the reader makes them), are
    found by bisection; otherwise every goal is looked at (the plain path)."""
    firsts = [g.first_row for g in goals]
    lasts = [g.last_row for g in goals]
    if all(f <= last for f, last in zip(firsts, lasts)) and all(a < b for a, b in zip(lasts, firsts[1:])):
        return lambda r1, r2: goals[bisect.bisect_left(lasts, r1):bisect.bisect_right(firsts, r2)]
    return lambda r1, r2: [g for g in goals if g.first_row <= r2 and g.last_row >= r1]


def check(rak):
    over = goals_over(rak.plan.goals)

    def crossed(note):
        span = note.range
        return AndList(goal_ref(g.no, g.goal) for g in over(span.first_row, span.last_row))

    return from_notes(rak, CODE, range=lambda n: n.range.a1, column_label=lambda n: Label(n.role), goals=crossed)
