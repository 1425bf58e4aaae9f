"""A revision diff for people: the lines ``rakxl diff`` prints (totals first, then
goal by goal) and the words they are made of, from the catalogue."""
from __future__ import annotations

import re
from collections import defaultdict

from ..layout import format_date_id, format_rupiah
from ..revisions.result import GRAND_TOTAL, _int, _na
from ..revisions.sides import clean


def word(key: str, lang: str = "id", **kwargs) -> str:
    """A word of the diff (``diff.KEY``) or a field's label (``field.KEY``) from the
    catalogue (:mod:`rakxl.i18n`), in ``lang``; an unknown key as it is."""
    from ..i18n import CATALOGUE, say

    for name in (f"diff.{key}", f"field.{key}"):
        if name in CATALOGUE:
            return say(name, lang, **kwargs)
    return key


def signed_rupiah(amount: int) -> str:
    """``+Rp 1.000``, ``-Rp 1.000`` or ``Rp 0``."""
    if amount > 0:
        return "+" + format_rupiah(amount)
    if amount < 0:
        return "-" + format_rupiah(-amount)
    return format_rupiah(0)


def _moved(old, new, delta) -> str:
    """``Rp 1 -> Rp 2 (+Rp 1)``."""
    return f"{format_rupiah(old)} -> {format_rupiah(new)} ({signed_rupiah(int(delta))})"


def summary_lines(d, lang: str = "id") -> list[str]:
    """:meth:`rakxl.RakDiff.summary`: the title, the total and the Pagu per Pelaksana
    that moved, each goal that changed with its activities, the goals only renumbered,
    then the title and signature fields."""
    w = lambda key, **kw: word(key, lang, **kw)  # noqa: E731
    lines = [f"{w('title')}: {d.old.path or '-'} [{d.old.sheet}] -> {d.new.path or '-'} [{d.new.sheet}]"]
    if d.is_empty:
        return lines + [w("nothing")]
    grand = d.total_rows[-1]
    lines.append(f"{w('total')}: {_moved(grand['pagu_old'], grand['pagu_new'], grand['delta'])}")
    moved = [t for t in d.total_rows if t["delta"] != 0 and t["pelaksana"] != GRAND_TOTAL]
    if moved:
        lines.append(w("by_pelaksana"))
        width = max(len(str(t["pelaksana"])) for t in moved)
        for t in moved:
            lines.append(f"  {t['pelaksana']:<{width}}  {_moved(t['pagu_old'], t['pagu_new'], t['delta'])}")
    acts = defaultdict(list)
    for rec in d.activity_rows:
        acts[(_int(rec["goal_old"]), _int(rec["goal_new"]))].append(rec)
    renumbered = []
    for g in d.goal_rows:
        if g["change"] == "same":
            if g["no_old"] != g["no_new"]:
                renumbered.append((g["no_old"], g["no_new"]))
            continue
        lines.append("")
        lines += _goal_lines(g, acts.get((_int(g["goal_old"]), _int(g["goal_new"])), ()), lang)
    if renumbered:
        lines.append("")
        lines.append(w("renumbered_goals", pairs=_number_runs(renumbered)))
    if d.meta_rows:
        lines.append("")
        lines.append(w("meta"))
        for m in d.meta_rows:
            lines.append(f"  {w(m['field'])}: {_meta_text(m['old'], lang)} -> {_meta_text(m['new'], lang)}")
    return lines


def _goal_lines(g: dict, recs, lang: str) -> list[str]:
    """The lines of one goal that changed: its heading, its old text, then its
    activities; activities whose only change is their budget line give one line per
    budget line change."""
    w = lambda key, **kw: word(key, lang, **kw)  # noqa: E731
    no = g["no_new"] if g["no_new"] is not None else g["no_old"]
    was = f" ({w('was_no', no=g['no_old'])})" if g["change"] == "changed" and g["no_old"] != g["no_new"] else ""
    head = f"{w('goal')} {no}{was} {w(g['change'])}: {_short(g['sasaran'])}"
    if g["delta"] or g["change"] != "changed":
        head += f"  {w('pagu')} {_moved(g['pagu_old'], g['pagu_new'], g['delta'])}"
    lines = [head]
    if g["sasaran_old"] is not None:
        lines.append(f"  {w('text_was')}: {_short(g['sasaran_old'])}")
    budget_only = defaultdict(list)
    goal_lines: list = []
    for rec in recs:
        if rec["fields"] == "pagu":
            key = (_pagu_text(rec["pagu_old"], rec["pagu_cell_old"], lang),
                   _pagu_text(rec["pagu_new"], rec["pagu_cell_new"], lang))
            if key not in budget_only:
                goal_lines.append(key)  # a placeholder, written below
            budget_only[key].append(rec["kegiatan_new"])
        else:
            goal_lines.extend(_activity_lines(rec, lang))
    for line in goal_lines:
        if isinstance(line, tuple):
            names = budget_only[line]
            more = f" ({w('more_activities', n=len(names) - 1)})" if len(names) > 1 else ""
            line = f"  ~ {w('pagu')}: {line[0]} -> {line[1]}: \"{_short(names[0], 60)}\"{more}"
        lines.append(line)
    return lines


def workbook_summary_lines(wd, lang: str = "id") -> list[str]:
    """:meth:`rakxl.WorkbookDiff.summary`: each compared sheet's summary under a
    heading, and each sheet removed or added."""
    if wd.single is not None:
        return summary_lines(wd.single, lang)
    lines = []
    for p in wd.pairs:
        if p.diff is None:
            rak = p.old if p.new is None else p.new
            key = "sheet_removed_line" if p.new is None else "sheet_added_line"
            lines.append(word(key, lang, sheet=rak.sheet, pagu=format_rupiah(rak.total_pagu)))
            continue
        if lines:
            lines.append("")
        lines.append(word("sheet_heading", lang, old=p.old.sheet, new=p.new.sheet))
        lines += summary_lines(p.diff, lang)
    return lines


def _number_runs(pairs: list[tuple]) -> str:
    """``[("4", "5"), ("5", "6"), ("9", "8")]`` -> ``"4-5 -> 5-6, 9 -> 8"``: runs of
    consecutive numbers shifted alike are written once."""
    runs: list[list] = []
    for old, new in pairs:
        if (runs and str(old).isdigit() and str(new).isdigit() and str(runs[-1][1]).isdigit()
                and str(runs[-1][3]).isdigit() and int(old) == int(runs[-1][1]) + 1
                and int(new) == int(runs[-1][3]) + 1):
            runs[-1][1], runs[-1][3] = old, new
        else:
            runs.append([old, old, new, new])
    return ", ".join(f"{a}-{b} -> {c}-{d}" if a != b else f"{a} -> {c}" for a, b, c, d in runs)


def _short(text, limit: int = 90) -> str:
    text = clean(text) or ""
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _pagu_text(amount, cell, lang: str = "id") -> str | None:
    """A budget line's amount and cells (``Rp 1.000 (K14:K16)``), or the word for empty."""
    if _na(amount):
        return word("empty", lang)
    return f"{format_rupiah(int(amount))} ({cell})" if cell else format_rupiah(int(amount))


def _meta_text(value, lang):
    if value is None:
        return word("empty", lang)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        import datetime as _dt

        return format_date_id(_dt.date.fromisoformat(value))
    return str(value)


def _value_text(value, lang):
    if _na(value):
        return word("empty", lang)
    return f'"{value}"' if isinstance(value, str) else str(value)


def _activity_lines(rec: dict, lang: str) -> list[str]:
    """The lines of one activity that changed (a budget line change is written by
    :func:`_goal_lines`)."""
    w = lambda key, **kw: word(key, lang, **kw)  # noqa: E731
    change = rec["change"]
    if change == "added":
        return [f"  + {w('activity')} {w('added')}: \"{_short(rec['kegiatan_new'])}\""]
    if change == "removed":
        return [f"  - {w('activity')} {w('removed')}: \"{_short(rec['kegiatan_old'])}\""]
    out = []
    if change == "renamed":
        out.append(f"  ~ \"{_short(rec['kegiatan_old'])}\" -> \"{_short(rec['kegiatan_new'])}\" ({w('renamed')})")
    else:
        out.append(f"  ~ \"{_short(rec['kegiatan_new'])}\"")
    for fld in rec["fields"].split(", "):
        if fld == "kegiatan":
            continue
        if fld == "pagu":
            old_v = _pagu_text(rec["pagu_old"], rec["pagu_cell_old"], lang)
            new_v = _pagu_text(rec["pagu_new"], rec["pagu_cell_new"], lang)
        else:
            old_v, new_v = _value_text(rec[f"{fld}_old"], lang), _value_text(rec[f"{fld}_new"], lang)
        out.append(f"      {w(fld)}: {old_v} -> {new_v}")
    return out
