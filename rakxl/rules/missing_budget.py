"""``missing-budget`` (error): a goal with no Pagu on any of its rows (or only
``0``/``-``: no money).

Cell: the goal's first Pagu cell. A goal whose Pagu cell is unreadable
(``amount-invalid``, ``formula-no-cache``) is left to those rules.
"""
from __future__ import annotations

from ..findings import make
from ._common import records

CODE = "missing-budget"
_UNREADABLE = ("amount-invalid", "formula-no-cache")


def check(rak):
    if len(rak.budgets) and rak.budgets["goal"].isna().any():
        return []  # lines not linked to a goal (budget-unlinked) may pay for any goal
    unreadable = {n.goal for n in rak.notes if n.code in _UNREADABLE}
    out = []
    for goal in records(rak.goals):
        if int(goal["pagu"]) == 0 and goal["goal"] not in unreadable:
            out.append(make(CODE, rak, rak.cell("pagu", goal["first_row"]), goal["no"], goal=goal["goal"],
                            row=goal["first_row"], column="pagu"))
    return out
