"""``duplicate-budget`` (warning): money that finance would count twice.

Two cases, each reported on the later goal (``no``) at its first Pagu cell:

- its budget lines repeat an earlier goal's: the same amounts over the same activity
  names, possibly with one activity more or less (the sample's goal 28 repeats goal 1);
- its total equals another goal's total while their Sasaran match (case- and
  space-insensitively): the sample's goal 17 (three lines) adds up to goal 4's single
  Pagu and both say "Terwujudnya Dukungan Sarana dan Prasarana...".
"""
from __future__ import annotations

from ..findings import Money, Phrase, goal_ref, make
from ..text import fold_spaces

CODE = "duplicate-budget"


def _same_activities(a: set, b: set) -> bool:
    """The same activity names, allowing one more or one less."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return bool(small) and small <= large and len(large) - len(small) <= 1


def _set_hash(names) -> int:
    """A hash of a set that changes by ``^ hash(n)`` when ``n`` is added or left out."""
    h = 0
    for n in names:
        h ^= hash(n)
    return h


def _add(index: dict, key: tuple, goal) -> None:
    """File ``goal`` under ``key``: the goal itself, or a list once a second one comes
    (most keys hold one goal: no list for each of them, few objects for the collector)."""
    found = index.get(key)
    if found is None:
        index[key] = goal
    elif isinstance(found, list):
        found.append(goal)
    else:
        index[key] = [found, goal]


def _goals(index: dict, key: tuple) -> tuple | list:
    """The goals filed under ``key``, in the order they came."""
    found = index.get(key)
    if found is None:
        return ()
    return found if isinstance(found, list) else (found,)


def check(rak):
    plan = rak.plan
    lines_of = plan.lines_by_goal
    names: dict[int, set] = {}
    for act in plan.activities:
        if act.kegiatan is not None:
            names.setdefault(act.goal, set()).add(fold_spaces(act.kegiatan))
    out = []
    # Earlier goals indexed by (their lines' amounts, size, set hash) of their own name
    # set (own) and of each set with one name left out (less_one): a later goal finds
    # the earlier ones with the same names, one more or one less, by a few look-ups
    # (each candidate then compared for real), never by comparing with every goal.
    own: dict[tuple, object] = {}          # key -> a goal, or a list of goals (_add)
    less_one: dict[tuple, object] = {}
    by_total: dict[tuple, dict] = {}        # (total, folded Sasaran) -> the first goal with them
    for later in plan.goals:
        lines = tuple(sorted(b.pagu for b in lines_of.get(later.goal, ())))
        if not lines or sum(lines) == 0:
            continue
        total_key = (sum(lines), fold_spaces(later.sasaran))
        mine = names.get(later.goal, set())
        reason = None
        if mine:
            h, size = _set_hash(mine), len(mine)
            groups = [_goals(own, (lines, size, h)), _goals(less_one, (lines, size, h))]
            groups += [_goals(own, (lines, size - 1, h ^ hash(n))) for n in mine] if size > 1 else []
            earliest = None
            for group in groups:  # each in goal order: its first real match is its earliest
                match = next((g for g in group if _same_activities(names[g.goal], mine)), None)
                if match is not None and (earliest is None or match.goal < earliest.goal):
                    earliest = match
            if earliest is not None:
                reason = Phrase("repeats-lines", other=goal_ref(earliest.no, earliest.goal))
            _add(own, (lines, size, h), later)
            if size > 1:
                for n in mine:
                    _add(less_one, (lines, size - 1, h ^ hash(n)), later)
        if reason is None and total_key[1] and total_key in by_total:
            earlier = by_total[total_key]
            reason = Phrase("equals-total", other=goal_ref(earlier.no, earlier.goal))
        by_total.setdefault(total_key, later)
        if reason is None:
            continue
        first = min(b.first_row for b in lines_of[later.goal])
        out.append(make(CODE, rak, rak.cell("pagu", first), later.no, goal=later.goal, row=first, column="pagu",
                        amount=Money(sum(lines)), reason=reason))
    return out
