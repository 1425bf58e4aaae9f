"""``missing-budget`` (error): a goal with no Pagu on any of its rows (or only
``0``/``-``: no money).

Cell: the goal's first Pagu cell. A goal whose Pagu cell is unreadable
(``amount-invalid``, ``formula-no-cache``) is left to those rules.
"""
from __future__ import annotations

from ..findings import make

CODE = "missing-budget"
_UNREADABLE = ("amount-invalid", "formula-no-cache")


def check(rak):
    if any(b.goal is None for b in rak.plan.budget_lines):
        return []  # lines not linked to a goal (budget-unlinked) may pay for any goal
    unreadable = {n.goal for n in rak.notes if n.code in _UNREADABLE}
    out = []
    plan = rak.plan
    for goal in plan.goals:
        if plan.goal_pagu(goal.goal) == 0 and goal.goal not in unreadable:
            out.append(make(CODE, rak, rak.cell("pagu", goal.first_row), goal.no, goal=goal.goal,
                            row=goal.first_row, column="pagu"))
    return out
