"""``empty-activity`` (warning): a row with a Pagu or activity targets (target, quarter
plans) but no activity name. Cell: the row's Nama Kegiatan cell."""
from __future__ import annotations

from .. import layout
from ..findings import make
from ._common import records

CODE = "empty-activity"
_TARGETS = ("target_kegiatan",) + layout.QUARTERS


def check(rak):
    if "kegiatan" not in rak.columns:  # a family without an activity column (targets-budget)
        return []
    pagu_rows = {int(b["first_row"]) for b in records(rak.budgets)}
    out = []
    for act in records(rak.activities):
        if act["kegiatan"] is not None:
            continue
        has_pagu = act["row"] in pagu_rows
        has_target = any(act.get(role) is not None for role in _TARGETS)
        if not (has_pagu or has_target):
            continue
        what = [w for w, on in (("Pagu", has_pagu), ("target", has_target)) if on]
        what_en = [w for w, on in (("a Pagu", has_pagu), ("targets", has_target)) if on]
        out.append(make(CODE, rak, rak.cell("kegiatan", act["row"]), act["no"], goal=act["goal"], row=act["row"],
                        column="kegiatan", what=" dan ".join(what), what_en=" and ".join(what_en)))
    return out
