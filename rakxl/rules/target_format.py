"""``target-format`` (warning): a target (of an indicator or an activity) that is not a
percentage (``100 %``, ``97.5 %``), a grade (``B``, ``WTP``) or a count with a unit
(``4 lap``, ``2 kali``, ``3 Perkara``). Blank targets and ``-`` are not reported here.
Cell: the target's cell."""
from __future__ import annotations

from ..findings import make
from ._common import one_line
from ._targets import read_target

CODE = "target-format"


def check(rak):
    out = []
    seen = set()
    cells = [(ind.row, ind.no, "target_indikator", ind.target_indikator) for ind in rak.plan.indicators]
    cells += [(act.row, act.no, "target_kegiatan", act.target_kegiatan) for act in rak.plan.activities]
    for row, no, role, value in cells:
        cell = rak.cell(role, row)
        if (role, row) in seen or read_target(value) is not None:
            continue
        seen.add((role, row))
        out.append(make(CODE, rak, cell, no, row=row, column=role, value=one_line(value)))
    return out
