"""The diff of two readings: goals matched, then activities within each matched
goal pair, each pair's changed fields, the Pagu per Pelaksana and the title."""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from .matching import _interleave, match_activities, match_goals
from .result import ACTIVITY_DIFF_COLUMNS, GOAL_DIFF_COLUMNS, GRAND_TOTAL, NO_PELAKSANA, RakDiff
from .sides import FIELDS, META_FIELDS, _not_compared, _Plan, clean

if TYPE_CHECKING:
    from ..model import Rak


def diff(old: "Rak", new: "Rak") -> RakDiff:
    """What changed from ``old`` to ``new``.

    Args:
        old: the earlier reading (:func:`rakxl.read_rak`).
        new: the later one.

    Returns:
        A :class:`RakDiff` with the ``goals``, ``activities``, ``totals`` and ``meta``
        frames; ``is_empty`` is True when nothing changed. See the module docstring
        for how goals and activities are matched.
    """
    return _diff(old, new)


def _diff(old: "Rak", new: "Rak", *, fast: bool = True) -> RakDiff:
    """:func:`diff`; ``fast=False`` compares every goal pair activity by activity, even
    an identical one (the plain path the tests hold the fast one to: an identical
    goal pair has no activity that changed, see :func:`_identical`)."""
    skip = _not_compared(old, new)
    po, pn = _Plan(old, skip), _Plan(new, skip)
    goal_rows, act_rows = [], []
    for go, gn in _interleave(list(range(len(po.goal_ids))), list(range(len(pn.goal_ids))), match_goals(po, pn)):
        no_old = po.goal_no[go] if go is not None else None
        no_new = pn.goal_no[gn] if gn is not None else None
        if "no" in skip:  # one side numbers no goals: the other side's numbers shown, never "renumbered"
            no_old = no_new = no_old if no_old is not None else no_new
        head = {"no_old": no_old, "no_new": no_new,
                "sasaran": pn.goal_text[gn] if gn is not None else po.goal_text[go],
                "goal_old": po.goal_ids[go] if go is not None else None,
                "goal_new": pn.goal_ids[gn] if gn is not None else None}
        olds = po.acts_of[go] if go is not None else []
        news = pn.acts_of[gn] if gn is not None else []
        if fast and go is not None and gn is not None and _identical(po, pn, go, gn):
            rows = []
        else:
            rows = _activity_rows(head, po, pn, olds, news)
        act_rows.extend(rows)
        goal_rows.append(_goal_row(head, po, pn, go, gn, bool(rows)))
    return RakDiff(goal_rows=goal_rows, activity_rows=act_rows, total_rows=_totals(old, new),
                   meta_rows=_meta(old, new), old=old, new=new)


def _identical(po: _Plan, pn: _Plan, go: int, gn: int) -> bool:
    """Whether old goal ``go`` and new goal ``gn`` hold the same activities in the same
    order (the same signature: names and fields as compared, budget amounts) and
    their budget lines cover the same rows; then matching pairs each activity with
    the one in its place and none of them changed (``tests/test_revisions.py``
    proves it equal to the plain path)."""
    if po.goal_sig[go] != pn.goal_sig[gn]:
        return False
    rank_old, rank_new = {}, {}
    for i, j in zip(po.acts_of[go], pn.acts_of[gn]):
        lo, ln = po.line[i], pn.line[j]
        if (lo is None) != (ln is None):
            return False
        if lo is not None and rank_old.setdefault(lo, len(rank_old)) != rank_new.setdefault(ln, len(rank_new)):
            return False
    return True


def _activity_rows(head: dict, po: _Plan, pn: _Plan, olds: list[int], news: list[int]) -> list[dict]:
    """The rows of the activities of one goal pair that changed, in reading order."""
    match = match_activities(po, pn, olds, news) if olds and news else {}
    seen: dict = {}  # budget lines already compared (see _budget_changed)
    return [row for row in (_activity_row(head, po, pn, i, j, match, seen) for i, j in _interleave(olds, news, match))
            if row is not None]


def _goal_row(head: dict, po: _Plan, pn: _Plan, go, gn, activities_changed: bool) -> dict:
    """The goal's row of :attr:`RakDiff.goals`."""
    pagu_old = po.goal_pagu[go] if go is not None else 0
    pagu_new = pn.goal_pagu[gn] if gn is not None else 0
    fields = []
    sasaran_old = None
    if go is not None and gn is not None:
        if po.goal_clean[go] != pn.goal_clean[gn]:
            fields.append("sasaran")
            sasaran_old = po.goal_text[go]
        if pagu_old != pagu_new:
            fields.append("pagu")
        if activities_changed:
            fields.append("kegiatan")
        change = "changed" if fields else "same"
    else:
        change = "added" if go is None else "removed"
    row = {**head, "change": change, "pagu_old": pagu_old, "pagu_new": pagu_new, "delta": pagu_new - pagu_old,
           "sasaran_old": sasaran_old, "fields": ", ".join(fields)}
    return {c: row[c] for c in GOAL_DIFF_COLUMNS}


def _activity_row(head, po: _Plan, pn: _Plan, i, j, match: dict, seen: dict) -> dict | None:
    """The row of old activity i and new activity j (either may be None), or None
    when nothing changed."""
    if i is not None and j is not None:  # a pair: what changed, if anything
        changed = [f for f in FIELDS[:-1] if po.values[f][i] != pn.values[f][j]]
        fields = (["kegiatan"] if po.name_clean[i] != pn.name_clean[j] else []) + changed
        if _budget_changed(po, pn, i, j, match, seen):
            fields.append("pagu")
        if not fields:
            return None
    row = dict.fromkeys(ACTIVITY_DIFF_COLUMNS)
    row.update(head)
    if i is not None:
        row.update(kegiatan_old=po.name[i], row_old=po.row[i], index_old=i)
    if j is not None:
        row.update(kegiatan_new=pn.name[j], row_new=pn.row[j], index_new=j)
    if i is None or j is None:  # a whole side: every value of that side
        plan, k, side, change = (pn, j, "new", "added") if i is None else (po, i, "old", "removed")
        for f in FIELDS:
            row[f"{f}_{side}"] = plan.value(f, k)
        row[f"pagu_cell_{side}"] = plan.cell_of(k)
        row.update(change=change, fields="")
        return row
    for f in changed:
        row[f"{f}_old"], row[f"{f}_new"] = po.values[f][i], pn.values[f][j]
    if fields[-1] == "pagu":
        row.update(pagu_old=po.pagu_of(i), pagu_new=pn.pagu_of(j), pagu_cell_old=po.cell_of(i),
                   pagu_cell_new=pn.cell_of(j))
    row.update(change="renamed" if fields[0] == "kegiatan" else "changed", fields=", ".join(fields))
    return row


def _budget_changed(po: _Plan, pn: _Plan, i: int, j: int, match: dict, seen: dict) -> bool:
    """Whether activity i's budget line (old) and j's (new) differ: one has a line and
    the other none, the amounts differ, or the lines pay for different activities
    (compared through ``match``, the activity matches of the goal pair: only the
    goal pair's activities count). ``seen`` keeps, for the goal pair, the matched
    activities under each line and the answer for each pair of lines, so that a long
    merged Pagu is compared once, not once per row it covers."""
    lo, ln = po.line[i], pn.line[j]
    if lo is None or ln is None:
        return (lo is None) != (ln is None)
    if po.line_pagu[lo] != pn.line_pagu[ln]:
        return True
    answer = seen.get((lo, ln))
    if answer is None:
        under = seen.get("under")
        if under is None:  # line -> the matched activities it pays for (as new positions), each side
            under = seen["under"] = (defaultdict(set), defaultdict(set))
            for x, y in match.items():
                under[0][po.line[x]].add(y)
                under[1][pn.line[y]].add(y)
        answer = seen[(lo, ln)] = under[0].get(lo, set()) != under[1].get(ln, set())
    return answer


def _totals(old: "Rak", new: "Rak") -> list[dict]:
    """Pagu per Pelaksana in both plans (names compared with case and spacing folded),
    then the grand total; integer rupiah, so every delta is exact."""
    label: dict[str, str] = {}
    sums = {"old": defaultdict(int), "new": defaultdict(int)}
    for side, rak in (("new", new), ("old", old)):
        for b in rak.plan.budget_lines:
            name = clean(b.pelaksana) or NO_PELAKSANA
            key = name.casefold()
            label.setdefault(key, name)
            sums[side][key] += b.pagu
    rows = [{"pelaksana": name, "pagu_old": sums["old"][key], "pagu_new": sums["new"][key],
             "delta": sums["new"][key] - sums["old"][key]} for key, name in label.items()]
    total_old, total_new = sum(sums["old"].values()), sum(sums["new"].values())
    rows.append({"pelaksana": GRAND_TOTAL, "pagu_old": total_old, "pagu_new": total_new,
                 "delta": total_new - total_old})
    return rows


def _meta(old: "Rak", new: "Rak") -> list[dict]:
    """The title and signature fields that differ (dates as ISO text)."""
    a, b = old.meta.to_dict(), new.meta.to_dict()
    rows = []
    for name in META_FIELDS:
        va, vb = a.get(name), b.get(name)
        if isinstance(va, str) or isinstance(vb, str):
            if clean(va) == clean(vb):
                continue
        elif va == vb:
            continue
        rows.append({"field": name, "old": va, "new": vb})
    return rows

