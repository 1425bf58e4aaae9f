"""``empty-activity`` (warning): a row with a Pagu or activity targets (target, quarter
plans) but no activity name. Cell: the row's Nama Kegiatan cell."""
from __future__ import annotations

from .. import layout
from ..findings import AndList, Phrase, make

CODE = "empty-activity"
_TARGETS = ("target_kegiatan",) + layout.QUARTERS


def check(rak):
    if "kegiatan" not in rak.column_of:  # a family without an activity column (targets-budget)
        return []
    pagu_rows = {b.first_row for b in rak.plan.budget_lines}
    out = []
    for act in rak.plan.activities:
        if act.kegiatan is not None:
            continue
        has_pagu = act.row in pagu_rows
        has_target = any(getattr(act, role) is not None for role in _TARGETS)
        if not (has_pagu or has_target):
            continue
        what = AndList(Phrase(key) for key, on in (("has-pagu", has_pagu), ("has-targets", has_target)) if on)
        out.append(make(CODE, rak, rak.cell("kegiatan", act.row), act.no, goal=act.goal, row=act.row,
                        column="kegiatan", what=what))
    return out
