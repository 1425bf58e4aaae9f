"""``duplicate-budget`` (warning): money that finance would count twice.

Two cases, each reported on the later goal (``no``) at its first Pagu cell:

- its budget lines repeat an earlier goal's: the same amounts over the same activity
  names, possibly with one activity more or less (the sample's goal 28 repeats goal 1);
- its total equals another goal's total while their Sasaran match (case- and
  space-insensitively): the sample's goal 17 (three lines) adds up to goal 4's single
  Pagu and both say "Terwujudnya Dukungan Sarana dan Prasarana...".
"""
from __future__ import annotations

from ..findings import Money, goal_ref, make
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
    by_lines: dict[tuple, list] = {}        # the amounts of a goal's lines -> earlier goals with them
    by_total: dict[tuple, dict] = {}        # (total, folded Sasaran) -> the first goal with them
    for later in goals:
        lines = tuple(sorted(amounts.get(later["goal"], [])))
        if not lines or sum(lines) == 0:
            continue
        total_key = (sum(lines), fold(later["sasaran"]))
        reason = None
        for earlier in by_lines.get(lines, []):
            if _same_activities(names.get(earlier["goal"], set()), names.get(later["goal"], set())):
                name = _names(earlier)
                reason = (f"mengulang baris anggaran dan kegiatan Sasaran {name[0]}",
                          f"repeats the budget lines and activities of goal {name[1]}")
                break
        if reason is None and total_key[1] and total_key in by_total:
            name = _names(by_total[total_key])
            reason = (f"sama dengan Pagu Sasaran {name[0]}, yang Sasarannya sama",
                      f"equals the Pagu of goal {name[1]}, which has the same Sasaran")
        by_lines.setdefault(lines, []).append(later)
        by_total.setdefault(total_key, later)
        if reason is None:
            continue
        first = _first_pagu_row(rak, later["goal"])
        out.append(make(CODE, rak, rak.cell("pagu", first), later["no"], goal=later["goal"], row=first, column="pagu",
                        amount=Money(sum(lines)), reason=reason[0], reason_en=reason[1]))
    return out


def _names(goal) -> tuple[str, str]:
    """A goal's name in each language: its No, or its position when it has none."""
    ref = goal_ref(goal["no"], goal["goal"])
    return (ref, ref) if isinstance(ref, str) else (ref[0], ref[1])


def _first_pagu_row(rak, goal: int) -> int:
    rows = rak.budgets.loc[rak.budgets["goal"] == goal, "first_row"]
    return int(rows.min())
