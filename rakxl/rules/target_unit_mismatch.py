"""``target-unit-mismatch`` (info): an indicator whose activities' targets are counted in
another unit than the indicator's own target (indicator ``95 %``, activity ``12 lap``).

One finding per indicator, at the first activity target that differs. Targets that
are bare numbers, blank or unreadable (see ``target-format``) are not compared.
"""
from __future__ import annotations

from ..findings import make
from ._common import one_line
from ._targets import describe, read_target

CODE = "target-unit-mismatch"
_COMPARABLE = ("percent", "grade", "count")


def _unit(reading):
    return (reading[0], reading[1] if reading[0] == "count" else None)


def check(rak):
    out = []
    done = set()
    for act in rak.plan.activities:
        key = (act.goal, act.indikator, act.target_indikator)
        if key in done:
            continue
        ind, own = read_target(act.target_indikator), read_target(act.target_kegiatan)
        if ind is None or own is None or ind[0] not in _COMPARABLE or own[0] not in _COMPARABLE:
            continue
        if _unit(ind) == _unit(own):
            continue
        done.add(key)
        out.append(make(CODE, rak, rak.cell("target_kegiatan", act.row), act.no, goal=act.goal, row=act.row,
                        column="target_kegiatan", value=one_line(act.target_kegiatan), unit=describe(own),
                        indicator_target=one_line(act.target_indikator), indicator_unit=describe(ind)))
    return out
