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
from .workbook import TEXT_FIELDS, Values

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


def _old_values(frame, level):
    """{index: {(field, q): (value, cell)}} of one level's reported values."""
    name = {"indikator": "ri", "kegiatan": "rk"}.get(level, "ra")
    out = {}
    for k, rec in enumerate(frame.to_dict("records")):
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


def carry_over(previous, raks, config: Config, lang: str = "id") -> Carried:
    """Match the earlier monev workbook ``previous`` to the revised ``raks``; the
    unmatched rows name levels and fields in ``lang``."""
    def level_word(level):
        return pick(MONITORING[LEVEL_KEY[level]], lang)

    def field_word(name):
        return pick(MONITORING[FIELD_KEY[name]], lang)

    import pandas as pd

    from .reader import read_monitoring

    old = read_monitoring(previous, config=config)
    result = Carried([Values() for _ in raks])
    used_old = set()
    for n, new_rak in enumerate(raks):
        old_rak = next((r for r in old.raks if r.sheet == new_rak.sheet), None)
        if old_rak is None and n < len(old.raks) and old.raks[n].sheet not in used_old:
            old_rak = old.raks[n]
        if old_rak is None:
            continue
        used_old.add(old_rak.sheet)
        po, pn = _Plan(old_rak), _Plan(new_rak)
        goal_match = match_goals(po, pn)
        act_match: dict[int, int] = {}
        for go, gn in goal_match.items():
            olds, news = po.acts_of[go], pn.acts_of[gn]
            if olds and news:
                act_match.update(match_activities(po, pn, olds, news))
        o_ind, o_act = items(old_rak, config)
        n_ind, n_act = items(new_rak, config)
        n_ind_of_act = {}
        for j, ind in enumerate(n_ind):
            for k in range(ind.first, ind.last + 1):
                n_ind_of_act[k] = j
        goal_pos_old = {gid: k for k, gid in enumerate(po.goal_ids)}
        goal_pos_new = {gid: k for k, gid in enumerate(pn.goal_ids)}
        # indicators: same text within the matched goal, else where their activities went
        ind_match = {}
        taken = set()
        new_inds_of_goal: dict[int, list[int]] = {}
        for j, x in enumerate(n_ind):
            new_inds_of_goal.setdefault(goal_pos_new[x.goal], []).append(j)
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
        # budget lines: where their activities went
        o_lines = old_rak.budgets["budget_line"].tolist()
        n_position = {int(b): k for k, b in enumerate(new_rak.budgets["budget_line"].tolist())}
        n_line_of_act = {}
        for k, b in enumerate(new_rak.activities["budget_line"].tolist()):
            if not pd.isna(b):
                n_line_of_act[k] = n_position.get(int(b))
        old_acts_of_line: dict[int, list[int]] = {}
        for k, x in enumerate(old_rak.activities["budget_line"].tolist()):
            if not pd.isna(x):
                old_acts_of_line.setdefault(int(x), []).append(k)
        budget_match = {}
        taken = set()
        for bi, b in enumerate(o_lines):
            acts = old_acts_of_line.get(int(b), [])
            j = _majority(n_line_of_act.get(act_match.get(k)) for k in acts)
            if j is not None and j not in taken:
                budget_match[bi] = j
                taken.add(j)

        frames = {"indikator": old.indicators, "kegiatan": old.activities, "anggaran": old.budgets}
        matches = {"indikator": ind_match, "kegiatan": {o.index: act_match.get(o.first) for o in o_act},
                   "anggaran": budget_match}
        texts = {"indikator": [x.text for x in o_ind], "kegiatan": [x.text for x in o_act],
                 "anggaran": [f"Pagu {c}" for c in old_rak.budgets["cell"].tolist()]}
        nos = {"indikator": [x.no for x in o_ind], "kegiatan": [x.no for x in o_act],
               "anggaran": old_rak.budgets["no"].tolist()}
        new_act_index = {a.first: a.index for a in n_act}
        for level, frame in frames.items():
            sub = frame[frame["sheet"] == old_rak.sheet].reset_index(drop=True) if len(frame) else frame
            for k, (rec, got) in _old_values(sub, level).items():
                j = matches[level].get(k)
                if level == "kegiatan" and j is not None:
                    j = new_act_index.get(j)
                for (name, q), (value, cell) in got.items():
                    if j is None:
                        result.unmatched.append((level_word(level), nos[level][k], texts[level][k],
                                                 field_word(name), q, value, f"{old_rak.sheet}!{cell}"))
                    else:
                        result.values[n].cells[(level, j, name, q)] = value
                        result.count += 1
    # sheets of the old workbook with no new sheet: everything reported there is unmatched
    for old_rak in old.raks:
        if old_rak.sheet in used_old:
            continue
        for level, frame in (("indikator", old.indicators), ("kegiatan", old.activities),
                             ("anggaran", old.budgets)):
            sub = frame[frame["sheet"] == old_rak.sheet].reset_index(drop=True) if len(frame) else frame
            for k, (rec, got) in _old_values(sub, level).items():
                text = rec.get("kegiatan") if level == "kegiatan" else rec.get("indikator", rec.get("cell_pagu"))
                for (name, q), (value, cell) in got.items():
                    result.unmatched.append((level_word(level), rec.get("no"), text, field_word(name), q, value,
                                             f"{old_rak.sheet}!{cell}"))
    return result
