"""``merge-crosses-goal`` (error): a merged range (Pagu, Pelaksana, Indikator...) that
spans rows of two different goals. Cell: the range's top-left cell.

The reader notes each such range; this rule reports them with the goals' numbers.
"""
from __future__ import annotations

from ..findings import Both, goal_ref
from ..formulas import parse_a1
from ._common import from_notes, label, records

CODE = "merge-crosses-goal"


def check(rak):
    goals = records(rak.goals)

    def crossed(note):
        first, last = str(note.value).split(":")
        r1, r2 = parse_a1(first)[0] + 1, parse_a1(last)[0] + 1
        refs = [goal_ref(g["no"], g["goal"]) for g in goals if g["first_row"] <= r2 and g["last_row"] >= r1]
        names = [[r if isinstance(r, str) else r[lang] for r in refs] for lang in (0, 1)]
        if len(refs) == 2:
            return Both((" dan ".join(names[0]), " and ".join(names[1])))
        return Both((", ".join(names[0]), ", ".join(names[1])))

    return from_notes(rak, CODE, range=lambda n: n.value, column_label=lambda n: label(n.role), goals=crossed)
