"""``targets-budget``: a targets table (goals, indicators, the actions of each quarter),
then a budget table below it (``No | Program/Kegiatan | Pagu Anggaran``) whose lines
are linked to goals where the table says which: by numbering (``1.1``), by a goal row
above them, or by exact text; a line linked to no goal is said (``budget-unlinked``).
"""
from __future__ import annotations

import re

from ... import layout
from ...a1 import a1
from ...exceptions import RakInputError
from ...model import Rak
from ...text import fold_spaces
from ...workbook import to_text
from ..contract import check_rollups
from ..header import HEADER_MAX_CHARS
from .common import TARGETS, Rows, cell_at, finish, goal_dict, header_text, line_dict, note

_CAPTION = re.compile(layout.BUDGET_TABLE_CAPTION)
_BUDGET_TABLE = tuple((role, tuple(re.compile(p) for p in pats)) for role, pats in layout.BUDGET_TABLE_COLUMNS)
_BUDGET_HINT = re.compile(layout.BUDGET_TABLE_HINT, re.I)
_ROMAN = re.compile(r"[IVXLC]{1,6}\.?")


def find_budget_table(grid, start):
    """(header row, role -> column) of the budget table below row ``start`` (however
    long the targets table above it), or None. Only rows with a budget word are looked at."""
    for r in range(start, grid.nrows):
        i = r - grid.top
        row = grid.rows[i] if 0 <= i < len(grid.rows) else []
        if not any(type(v) is str and len(v) <= HEADER_MAX_CHARS and _BUDGET_HINT.search(v) for v in row):
            continue
        cols = {}
        for c in range(grid.left, grid.ncols):
            t = header_text(grid.value(r, c))
            if not t:
                continue
            norm = layout.normalize_header(t)
            for role, pats in _BUDGET_TABLE:
                if any(p.fullmatch(norm) for p in pats):
                    cols.setdefault(role, c)
                    break
        if "program" in cols and "pagu" in cols and cols["program"] < cols["pagu"]:
            return r, cols
    return None


def read_targets(grid, found, path) -> Rak:
    """The Rak of a targets table (``found``: its header, and the budget table's header
    row and columns): a goal per No/Sasaran, an indicator per Indikator, an activity
    row per table row with the quarter targets; the budget lines from the second table."""
    header, (b_row, b_cols) = found
    h = header.cols
    rows = Rows(grid, path)
    c_no, c_sas, c_ind, c_tgt = h.get("no"), h["sasaran"], h["indikator"], h.get("target_indikator")
    quarters = [h[q] for q in layout.QUARTERS]
    all_cols = sorted(set(h.values()) | set(header.extras))
    goals, indicators, activities = [], [], []
    goal = ind = None
    for r in range(header.data_start, b_row):
        if rows.blank(r, all_cols) or rows.is_number_row(r, all_cols):
            continue
        texts = rows.texts(r, all_cols)
        if len(texts) == 1 and _CAPTION.fullmatch(layout.normalize_header(texts[0])):
            continue  # "B. Alokasi Anggaran" above the budget table
        if len(texts) == 1 and rows.text(r, all_cols[0]) == texts[0] and not rows.text(r, c_ind):
            continue  # another caption: alone in the first column
        no, no_new = rows.resolved(r, c_no)
        sas, sas_new = rows.resolved(r, c_sas)
        if goal is None or (no_new and no != goal["no"]) or (sas_new and sas != goal["sasaran"]):
            goal = goal_dict(len(goals) + 1, no, sas, r + 1)
            goals.append(goal)
            ind = None
        goal["last_row"] = r + 1
        ind_text, ind_new = rows.resolved(r, c_ind)
        tgt, _ = rows.resolved(r, c_tgt)
        if ind is None or (ind_new and ind_text != ind["indikator"]):
            ind = {"goal": goal["goal"], "no": goal["no"], "indikator": ind_text, "target_indikator": tgt,
                   "row": r + 1}
            if ind_text is not None or tgt is not None:
                indicators.append(ind)
        act = {"goal": goal["goal"], "no": goal["no"], "sasaran": goal["sasaran"], "indikator": ind["indikator"],
               "target_indikator": ind["target_indikator"], "row": r + 1}
        for q, c in zip(layout.QUARTERS, quarters):
            act[q] = rows.text(r, c)
        for c, name in header.extras.items():
            act[name] = to_text(grid.value(r, c))
        activities.append(act)
    budgets, stated, stated_cell, end_row = _budget_table(grid, rows, b_row, b_cols, goals, activities, path)
    check_rollups(budgets, grid, path)
    extras = list(dict.fromkeys(header.extras.values()))
    return finish(grid, header, rows, path, "targets-budget", goals, indicators, budgets, activities, extras,
                  stated, stated_cell, end_row, columns={"pagu": b_cols["pagu"]})


def _no_kind(no: str | None) -> tuple:
    """The numbering level of a budget row's No: roman, arabic, dotted (by depth), letter."""
    if not no:
        return ("none",)
    s = no.strip().rstrip(".)")
    if _ROMAN.fullmatch(s) and not s.isdigit():
        return ("roman",)
    if re.fullmatch(r"\d+(\.\d+)+", s):
        return ("dotted", s.count("."))
    if s.isdigit():
        return ("arabic",)
    if re.fullmatch(r"[a-zA-Z]", s):
        return ("letter",)
    return ("other",)


def _budget_table(grid, rows: Rows, b_row, cols, goals, activities, path):
    """The budget lines of the second table, linked to goals where the table says which:
    ``(lines, stated total, its cell, the row below the table)``."""
    items, stated, stated_cell, end_row = _budget_rows(grid, rows, b_row, cols)
    _refuse_rollups(grid, items, cols["pagu"], path)
    budgets = _link_lines(rows, items, cols["pagu"], goals, activities)
    return budgets, stated, stated_cell, end_row


def _budget_rows(grid, rows: Rows, b_row, cols):
    """The rows of the budget table below its header row ``b_row``, down to its total
    row, a signature block or two blank rows: ``(items, stated total, its cell, end
    row)``, each item ``(row, no, text, amount or None, present, pelaksana)``."""
    c_no, c_prog, c_pagu, c_pel = cols.get("no"), cols["program"], cols["pagu"], cols.get("pelaksana")
    all_cols = sorted(cols.values())
    start = b_row + 1
    items = []
    stated = stated_cell = None
    end_row = start
    for r in range(start, grid.nrows):
        if rows.blank(r, all_cols):
            if items and all(rows.blank(r + k, all_cols) for k in range(1, 3)):
                break  # the table ended
            continue
        if rows.is_number_row(r, all_cols):
            continue
        labels = [rows.text(r, c) for c in (c_no, c_prog) if c is not None]
        if any(t and TARGETS.is_total(t) for t in labels):
            stated, _ = rows.amount(r, c_pagu, record=False)
            stated_cell = cell_at(r, c_pagu)
            end_row = r + 1
            break
        if rows.stop_here(r, all_cols):
            break
        amount, present = rows.amount(r, c_pagu)
        items.append((r, rows.text(r, c_no), rows.text(r, c_prog), amount, present, rows.text(r, c_pel)))
        end_row = r + 1
    return items, stated, stated_cell, end_row


def _goal_indexes(goals, activities):
    """Ways a budget line names its goal: ``(by No, by Sasaran text, by a quarter
    action's or indicator's text -> the goals it belongs to)``."""
    by_no: dict[str, list] = {}
    for g in goals:
        if g["no"]:
            by_no.setdefault(g["no"].strip().rstrip(".)"), []).append(g)
    by_text: dict[str, list] = {}
    for g in goals:
        by_text.setdefault(fold_spaces(g["sasaran"]), []).append(g)
    action_goal: dict[str, set] = {}
    for a in activities:
        for q in layout.QUARTERS:
            for piece in (a.get(q) or "").split("\n"):
                if piece.strip():
                    action_goal.setdefault(fold_spaces(piece), set()).add(a["goal"])
        for key in ("indikator",):
            if a.get(key):
                action_goal.setdefault(fold_spaces(a[key]), set()).add(a["goal"])
    return by_no, by_text, action_goal


def _link_lines(rows: Rows, items, c_pagu, goals, activities) -> list[dict]:
    """A budget line per item with an amount, linked to its goal by its dotted No, the
    group row above it, or its text (a Sasaran, or an action of exactly one goal); a
    line linked to none is noted (``budget-unlinked``)."""
    by_no, by_text, action_goal = _goal_indexes(goals, activities)
    budgets = []
    group = None  # the goal named by the group row above the current lines
    for r, no, text, amount, present, pelaksana in items:
        if amount is None:
            if present:
                continue  # an unreadable amount: noted by rows.amount
            named = by_text.get(fold_spaces(text), [])
            if len(named) > 1 and no:  # the same Sasaran twice: its No tells which
                named = [g for g in named if (g["no"] or "").strip().rstrip(".)") == no.strip().rstrip(".)")]
            group = named[0] if len(named) == 1 else None
            continue
        goal = None
        kind = _no_kind(no)
        if kind[0] == "dotted":
            head = no.strip().split(".")[0]
            found = by_no.get(head, [])
            goal = found[0] if len(found) == 1 else None
        if goal is None and group is not None:
            goal = group
        if goal is None:
            linked = action_goal.get(fold_spaces(text), set())
            named = by_text.get(fold_spaces(text), [])
            if len(named) == 1:
                goal = named[0]
            elif len(linked) == 1:
                goal = goals[next(iter(linked)) - 1]
        line = line_dict(len(budgets) + 1, goal, amount, pelaksana, r, c_pagu)
        budgets.append(line)
        if goal is None:
            rows.notes.append(note("budget-unlinked", r, c_pagu, value=text))
    return budgets


def _refuse_rollups(grid, items, c_pagu, path):
    """A line whose amount is the sum of the lines numbered under it (a program over its
    kegiatan) would count the money twice: refused, per the table contract."""
    for k, (r, no, text, amount, _, _) in enumerate(items):
        if amount is None:
            continue
        kind = _no_kind(no)
        children = []
        for r2, no2, _, amount2, _, _ in items[k + 1:]:
            kind2 = _no_kind(no2)
            if kind2 == kind or (kind[0] == "dotted" and kind2[0] == "dotted" and kind2[1] < kind[1]):
                break
            if kind2 == ("none",) and kind == ("none",):
                break
            if kind[0] == "dotted" and not (no2 or "").strip().startswith(no.strip().rstrip(".") + "."):
                break
            if amount2 is not None:
                children.append(amount2)
        if len(children) >= 2 and sum(children) == amount and kind != ("none",):
            raise RakInputError.of("error.nested_budget", path=path, sheet=grid.name, row=r + 1, no=no, text=text,
                                   at=a1(r, c_pagu), n=len(children))
