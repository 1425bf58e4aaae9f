"""``duplicate-goal`` (warning): two goals with the same Sasaran text, compared case-
and space-insensitively. ``no`` is the later goal; cell its Sasaran cell."""
from __future__ import annotations

from ..findings import goal_ref, make
from ..text import fold_spaces
from ._common import one_line

CODE = "duplicate-goal"


def check(rak):
    first_seen: dict[str, dict] = {}
    out = []
    for goal in rak.plan.goals:
        key = fold_spaces(goal.sasaran)
        if not key:
            continue
        earlier = first_seen.setdefault(key, goal)
        if earlier is not goal:
            out.append(make(CODE, rak, rak.cell("sasaran", goal.first_row), goal.no, goal=goal.goal,
                            row=goal.first_row, column="sasaran", other=goal_ref(earlier.no, earlier.goal),
                            sasaran=one_line(goal.sasaran)))
    return out
