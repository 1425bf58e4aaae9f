"""``duplicate-budget`` (warning): money that finance would count twice.

Two cases, each reported on the later goal (``no``) at its first Pagu cell:

- its budget lines repeat an earlier goal's: the same amounts over the same activity
  names, possibly with one activity more or less (the sample's goal 28 repeats goal 1);
- its total equals another goal's total while their Sasaran match (case- and
  space-insensitively): the sample's goal 17 (three lines) adds up to goal 4's single
  Pagu and both say "Terwujudnya Dukungan Sarana dan Prasarana...".
"""
from __future__ import annotations

from ..findings import Money, make
from ._common import fold, records

CODE = "duplicate-budget"


def _same_activities(a: set, b: set) -> bool:
    """The same activity names, allowing one more or one less."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return bool(small) and small <= large and len(large) - len(small) <= 1


def check(rak):
    goals = records(rak.goals)
    amounts: dict[int, list] = {}
    for line in records(rak.budgets):
        amounts.setdefault(line["goal"], []).append(int(line["pagu"]))
    names: dict[int, set] = {}
    for act in records(rak.activities):
        if act["kegiatan"] is not None:
            names.setdefault(act["goal"], set()).add(fold(act["kegiatan"]))
    out = []
    for j, later in enumerate(goals):
        lines = sorted(amounts.get(later["goal"], []))
        if not lines or sum(lines) == 0:
            continue
        for earlier in goals[:j]:
            other = sorted(amounts.get(earlier["goal"], []))
            if not other:
                continue
            if other == lines and _same_activities(names.get(earlier["goal"], set()),
                                                   names.get(later["goal"], set())):
                reason = (f"mengulang baris anggaran dan kegiatan Sasaran {earlier['no']}",
                          f"repeats the budget lines and activities of goal {earlier['no']}")
            elif sum(other) == sum(lines) and fold(earlier["sasaran"]) and \
                    fold(earlier["sasaran"]) == fold(later["sasaran"]):
                reason = (f"sama dengan Pagu Sasaran {earlier['no']}, yang Sasarannya sama",
                          f"equals the Pagu of goal {earlier['no']}, which has the same Sasaran")
            else:
                continue
            first = _first_pagu_row(rak, later["goal"])
            out.append(make(CODE, rak, rak.cell("pagu", first), later["no"], row=first, column="pagu",
                            other=earlier["no"], amount=Money(sum(lines)),
                            reason=reason[0], reason_en=reason[1]))
            break
    return out


def _first_pagu_row(rak, goal: int) -> int:
    rows = rak.budgets.loc[rak.budgets["goal"] == goal, "first_row"]
    return int(rows.min())
