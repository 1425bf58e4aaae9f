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
    skip = _not_compared(old, new)
    po, pn = _Plan(old, skip), _Plan(new, skip)
    goal_match = match_goals(po, pn)
    goal_rows, act_rows = [], []
    for go, gn in _interleave(list(range(len(po.goal_ids))), list(range(len(pn.goal_ids))), goal_match):
        no_old = po.goal_no[go] if go is not None else None
        no_new = pn.goal_no[gn] if gn is not None else None
        if "no" in skip:  # one side numbers no goals: the other side's numbers shown, never "renumbered"
            no_old = no_new = no_old if no_old is not None else no_new
        sasaran = pn.goal_text[gn] if gn is not None else po.goal_text[go]
        head = {"no_old": no_old, "no_new": no_new, "sasaran": sasaran,
                "goal_old": po.goal_ids[go] if go is not None else None,
                "goal_new": pn.goal_ids[gn] if gn is not None else None}
        olds = po.acts_of[go] if go is not None else []
        news = pn.acts_of[gn] if gn is not None else []
        match = match_activities(po, pn, olds, news) if olds and news else {}
        seen: dict = {}  # budget lines already compared (see _budget_changed)
        rows = [row for row in (_activity_row(head, po, pn, i, j, match, seen)
                                for i, j in _interleave(olds, news, match)) if row is not None]
        act_rows.extend(rows)
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
            if rows:
                fields.append("kegiatan")
            change = "changed" if fields else "same"
        else:
            change = "added" if go is None else "removed"
        row = {**head, "change": change, "pagu_old": pagu_old, "pagu_new": pagu_new, "delta": pagu_new - pagu_old,
               "sasaran_old": sasaran_old, "fields": ", ".join(fields)}
        goal_rows.append({c: row[c] for c in GOAL_DIFF_COLUMNS})
    return RakDiff(goal_rows=goal_rows, activity_rows=act_rows, total_rows=_totals(old, new),
                   meta_rows=_meta(old, new), old=old, new=new)


def _activity_row(head, po: _Plan, pn: _Plan, i, j, match: dict, seen: dict) -> dict | None:
    """The row of old activity i and new activity j (either may be None), or None
    when nothing changed."""
    change = "added" if i is None else "removed" if j is None else None
    row = dict.fromkeys(ACTIVITY_DIFF_COLUMNS)
    row.update(head)
    if i is not None:
        row.update(kegiatan_old=po.name[i], row_old=po.row[i], index_old=i)
    if j is not None:
        row.update(kegiatan_new=pn.name[j], row_new=pn.row[j], index_new=j)
    if change is not None:  # a whole side: every value of that side
        plan, k, side = (pn, j, "new") if change == "added" else (po, i, "old")
        for f in FIELDS:
            row[f"{f}_{side}"] = plan.value(f, k)
        row[f"pagu_cell_{side}"] = plan.cell_of(k)
        row.update(change=change, fields="")
        return row
    fields = []
    if po.name_clean[i] != pn.name_clean[j]:
        fields.append("kegiatan")
    for f in FIELDS[:-1]:
        if po.values[f][i] != pn.values[f][j]:
            fields.append(f)
            row[f"{f}_old"], row[f"{f}_new"] = po.values[f][i], pn.values[f][j]
    if _budget_changed(po, pn, i, j, match, seen):
        fields.append("pagu")
        row.update(pagu_old=po.pagu_of(i), pagu_new=pn.pagu_of(j), pagu_cell_old=po.cell_of(i),
                   pagu_cell_new=pn.cell_of(j))
    if not fields:
        return None
    row.update(change="renamed" if fields[0] == "kegiatan" else "changed", fields=", ".join(fields))
    return row


def _budget_changed(po: _Plan, pn: _Plan, i: int, j: int, match: dict, seen: dict) -> bool:
    """Whether activity i's budget line (old) and j's (new) differ: one has a line and
    the other none, the amounts differ, or the lines pay for different activities
    (compared through ``match``, the activity matches of the goal pair: a line never
    covers more than one goal). ``seen`` keeps the answer for each pair of lines
    within the goal pair, so that a long merged Pagu is compared once, not once per
    row it covers."""
    lo, ln = po.line[i], pn.line[j]
    if lo is None or ln is None:
        return (lo is None) != (ln is None)
    if po.line_pagu[lo] != pn.line_pagu[ln]:
        return True
    answer = seen.get((lo, ln))
    if answer is None:
        cover_old = {match[x] for x in po.cover[lo] if x in match}
        matched_new = seen.get("matched_new")
        if matched_new is None:
            matched_new = seen["matched_new"] = set(match.values())
        cover_new = {x for x in pn.cover[ln] if x in matched_new}
        answer = seen[(lo, ln)] = cover_old != cover_new
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

