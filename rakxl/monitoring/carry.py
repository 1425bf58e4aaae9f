"""``rakxl monev RAK_revisi.xlsx --from Monev_lama.xlsx``: what was reported stays.

The earlier monev workbook is read (:func:`~rakxl.monitoring.reader.read_monitoring`);
its plan and the revised RAK are matched with the revision diff's matching
(:func:`rakxl.revisions.match_goals`, :func:`rakxl.revisions.match_activities`): goals
by Sasaran and content, activities within a goal by name, then by name similarity
(a renamed activity keeps its reports). Then:

- an activity's realisations, Kendala, Tindak Lanjut and Bukti Dukung go to its match;
- an indicator's go to the indicator of the matched goal with the same (folded)
  text, else to the one holding most of its matched activities;
- a budget line's spending goes to the budget line holding most of its matched
  activities (one old line per new line).

Whatever was reported and has no match (a removed activity, an indicator whose
activities all went) is listed, never dropped: :attr:`Carried.unmatched` and the
``Tidak Terpetakan`` sheet of the new workbook.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..i18n import MONITORING, pick
from ..revisions import match_activities, match_goals
from ..revisions.sides import _Plan
from ..text import fold_words
from .config import Config
from .plan import items
from .fields import TEXT_FIELDS, Values

QUARTERS = (1, 2, 3, 4)
#: The words of what a carry-over lists (:data:`rakxl.i18n.MONITORING`).
LEVEL_KEY = {"indikator": "level_indikator", "kegiatan": "level_kegiatan", "anggaran": "level_anggaran"}
FIELD_KEY = {"ri": "field_realisasi", "rk": "field_realisasi", "ra": "field_ra", "kendala": "field_kendala",
             "tindak_lanjut": "field_tindak_lanjut", "bukti": "field_bukti"}


@dataclass
class Carried:
    """What a carry-over brings: ``values`` (one :class:`Values` per new RAK sheet),
    ``unmatched`` rows (level, No, text, field, quarter, value, old cell), ``count``
    of values carried."""

    values: list
    unmatched: list = field(default_factory=list)
    count: int = 0


def _na(v) -> bool:
    return v is None or (isinstance(v, float) and v != v)


def _old_values(rows, level):
    """{index: (record, {(field, q): (value, cell)})} of one level's reported values."""
    name = {"indikator": "ri", "kegiatan": "rk"}.get(level, "ra")
    out = {}
    for k, rec in enumerate(rows):
        got = {}
        for q in QUARTERS:
            v = rec.get(f"realisasi_tw{q}")
            if not _na(v):
                got[(name, q)] = (v, rec[f"cell_realisasi_tw{q}"])
            if level == "kegiatan":
                for f in TEXT_FIELDS:
                    v = rec.get(f"{f}_tw{q}")
                    if not _na(v):
                        got[(f, q)] = (v, rec[f"cell_{f}_tw{q}"])
        if got:
            out[k] = (rec, got)
    return out


def _majority(keys):
    keys = [k for k in keys if k is not None]
    if not keys:
        return None
    return Counter(keys).most_common(1)[0][0]


class _Words:
    """How the unmatched rows name levels and fields, in ``lang``."""

    def __init__(self, lang: str):
        self.lang = lang

    def level(self, level: str) -> str:
        return pick(MONITORING[LEVEL_KEY[level]], self.lang)

    def field(self, name: str) -> str:
        return pick(MONITORING[FIELD_KEY[name]], self.lang)


def _rows_of(old, sheet: str) -> dict:
    """The earlier workbook's rows of ``sheet``, by level."""
    return {level: [rec for rec in rows if rec["sheet"] == sheet]
            for level, rows in (("indikator", old.indicator_rows), ("kegiatan", old.activity_rows),
                                ("anggaran", old.budget_rows))}


def _match_indicators(po, pn, o_ind, n_ind, goal_match: dict, act_match: dict) -> dict:
    """Old indicator -> new indicator: the same (folded) text within the matched goal,
    else the one holding most of its matched activities."""
    n_ind_of_act = {}
    for j, ind in enumerate(n_ind):
        for k in range(ind.first, ind.last + 1):
            n_ind_of_act[k] = j
    goal_pos_old = {gid: k for k, gid in enumerate(po.goal_ids)}
    goal_pos_new = {gid: k for k, gid in enumerate(pn.goal_ids)}
    new_inds_of_goal: dict[int, list[int]] = {}
    for j, x in enumerate(n_ind):
        new_inds_of_goal.setdefault(goal_pos_new[x.goal], []).append(j)
    ind_match, taken = {}, set()
    for i, ind in enumerate(o_ind):
        gn = goal_match.get(goal_pos_old[ind.goal])
        if gn is None:
            continue
        cands = [j for j in new_inds_of_goal.get(gn, ()) if j not in taken]
        same = [j for j in cands if fold_words(n_ind[j].text) == fold_words(ind.text)]
        j = same[0] if same else _majority(
            n_ind_of_act.get(act_match.get(k)) for k in range(ind.first, ind.last + 1))
        if j is not None and j not in taken:
            ind_match[i] = j
            taken.add(j)
    return ind_match


def _match_budgets(old_rak, new_rak, act_match: dict) -> dict:
    """Old budget line position -> new one: where most of its activities went."""
    n_position = {b.budget_line: k for k, b in enumerate(new_rak.plan.budget_lines)}
    n_line_of_act = {k: n_position.get(a.budget_line) for k, a in enumerate(new_rak.plan.activities)
                     if a.budget_line is not None}
    old_acts_of_line: dict[int, list[int]] = {}
    for k, a in enumerate(old_rak.plan.activities):
        if a.budget_line is not None:
            old_acts_of_line.setdefault(a.budget_line, []).append(k)
    budget_match, taken = {}, set()
    for bi, b in enumerate(old_rak.plan.budget_lines):
        j = _majority(n_line_of_act.get(act_match.get(k)) for k in old_acts_of_line.get(b.budget_line, []))
        if j is not None and j not in taken:
            budget_match[bi] = j
            taken.add(j)
    return budget_match


def _carry_sheet(old, old_rak, new_rak, n: int, config: Config, result: Carried, words: _Words) -> None:
    """Carry what ``old_rak``'s sheet reported to the ``n``-th new sheet ``new_rak``."""
    po, pn = _Plan(old_rak), _Plan(new_rak)
    goal_match = match_goals(po, pn)
    act_match: dict[int, int] = {}
    for go, gn in goal_match.items():
        olds, news = po.acts_of[go], pn.acts_of[gn]
        if olds and news:
            act_match.update(match_activities(po, pn, olds, news))
    o_ind, o_act = items(old_rak, config)
    n_ind, n_act = items(new_rak, config)
    lines = old_rak.plan.budget_lines
    matches = {"indikator": _match_indicators(po, pn, o_ind, n_ind, goal_match, act_match),
               "kegiatan": {o.index: act_match.get(o.first) for o in o_act},
               "anggaran": _match_budgets(old_rak, new_rak, act_match)}
    texts = {"indikator": [x.text for x in o_ind], "kegiatan": [x.text for x in o_act],
             "anggaran": [f"Pagu {b.cell}" for b in lines]}
    nos = {"indikator": [x.no for x in o_ind], "kegiatan": [x.no for x in o_act], "anggaran": [b.no for b in lines]}
    new_act_index = {a.first: a.index for a in n_act}
    for level, rows in _rows_of(old, old_rak.sheet).items():
        for k, (rec, got) in _old_values(rows, level).items():
            j = matches[level].get(k)
            if level == "kegiatan" and j is not None:
                j = new_act_index.get(j)
            for (name, q), (value, cell) in got.items():
                if j is None:
                    result.unmatched.append((words.level(level), nos[level][k], texts[level][k],
                                             words.field(name), q, value, f"{old_rak.sheet}!{cell}"))
                else:
                    result.values[n].cells[(level, j, name, q)] = value
                    result.count += 1


def _orphan_sheet(old, old_rak, result: Carried, words: _Words) -> None:
    """A sheet of the old workbook with no new sheet: everything reported there is unmatched."""
    for level, rows in _rows_of(old, old_rak.sheet).items():
        for k, (rec, got) in _old_values(rows, level).items():
            text = rec.get("kegiatan") if level == "kegiatan" else rec.get("indikator", rec.get("cell_pagu"))
            for (name, q), (value, cell) in got.items():
                result.unmatched.append((words.level(level), rec.get("no"), text, words.field(name), q, value,
                                         f"{old_rak.sheet}!{cell}"))


def carry_over(previous, raks, config: Config, lang: str = "id") -> Carried:
    """Match the earlier monev workbook ``previous`` to the revised ``raks``; the
    unmatched rows name levels and fields in ``lang``."""
    from .reader import read_monitoring

    old = read_monitoring(previous, config=config)
    words = _Words(lang)
    result = Carried([Values() for _ in raks])
    used_old = set()
    for n, new_rak in enumerate(raks):
        old_rak = next((r for r in old.raks if r.sheet == new_rak.sheet), None)
        if old_rak is None and n < len(old.raks) and old.raks[n].sheet not in used_old:
            old_rak = old.raks[n]
        if old_rak is None:
            continue
        used_old.add(old_rak.sheet)
        _carry_sheet(old, old_rak, new_rak, n, config, result, words)
    for old_rak in old.raks:
        if old_rak.sheet not in used_old:
            _orphan_sheet(old, old_rak, result, words)
    return result
