"""``missing-pelaksana`` (warning): activities with no Pelaksana (nobody is named
responsible). One finding per goal, at the Pelaksana cell of its first such row."""
from __future__ import annotations

from ..findings import make

CODE = "missing-pelaksana"


def check(rak):
    out = []
    seen = set()
    for act in rak.plan.activities:
        if act.pelaksana is not None or act.goal in seen:
            continue
        if act.kegiatan is None:
            continue  # not an activity (see empty-activity)
        seen.add(act.goal)
        out.append(make(CODE, rak, rak.cell("pelaksana", act.row), act.no, goal=act.goal, row=act.row,
                        column="pelaksana"))
    return out
