"""``workplan``: goals are rows of their own across the table (``1 | Poin Renstra ...``),
activities below them (``a.``, ``b.``), each budget the total column (``Jumlah``, never
the unit cost ``Biaya``). A goal's own total (on its row, or a ``Sub Total`` row) is
checked against its lines, never counted; the table's total row may close one part
of the table only.
"""
from __future__ import annotations

import re

from ... import layout
from ...model import Rak
from ...workbook import to_text
from ..contract import check_rollups
from ..header import HEADER_MAX_CHARS
from .common import WORKPLAN, Rows, cell_at, finish, goal_dict, is_repeated_header, line_dict, note


#: A goal's number in a work plan's goal row: 1, 2., IV, "1." before the text...
_GOAL_NO = re.compile(r"(\d{1,3}|[IVXLC]{1,6})\s*[.)]?")
_GOAL_JOINED = re.compile(r"(\d{1,3}|[IVXLC]{1,6})\s*[.)]\s*(\S.*)", re.S)


def read_workplan(grid, found, path) -> Rak:
    """The Rak of a work plan whose header the family stage found (``found``: the
    :class:`~rakxl.reader.header.Header` and every role's column)."""
    header, cols = found
    walk = _WorkplanWalk(grid, header, cols, path).run()
    check_rollups(walk.budgets, grid, path)
    extras = list(dict.fromkeys(header.extras.values()))
    return finish(grid, header, walk.rows, path, "workplan", walk.goals, walk.indicators, walk.budgets,
                  walk.activities, extras, walk.stated, walk.stated_cell, walk.end_row)


class _WorkplanWalk:
    """One walk down a work plan's rows, top to bottom: each row is skipped (blank,
    column numbers, the header repeated), a total row (the table's, or a goal's Sub
    Total), a goal row, or an activity (with its indicator, Pelaksana and budget line).
    """

    def __init__(self, grid, header, cols, path):
        self.grid, self.header = grid, header
        h = header.cols
        self.rows = rows = Rows(grid, path)
        self.c_no, self.c_keg = h.get("no"), h["kegiatan"]
        self.c_ind, self.c_tgt, self.c_pel, self.c_pagu = (h.get("indikator"), h.get("target_indikator"),
                                                           h.get("pelaksana"), h["pagu"])
        if "unit_cost" in cols:  # Jumlah over Biaya: said once, where the choice was made
            rows.notes.append(note("unit-cost-ignored", header.row, cols["unit_cost"],
                                   value=f"{to_text(grid.value(header.row, cols['unit_cost']))} -> "
                                         f"{to_text(grid.value(header.row, self.c_pagu))}"))
        self.all_cols = sorted(set(h.values()) | set(header.extras))
        self.first_col = min(self.all_cols)
        # Goal rows merged across the table: then only such rows are goals.
        self.wide = {r for r, spans in rows.across.items() if r >= header.data_start
                     and any(c1 <= self.c_keg < c2 and c2 - c1 >= 2 for c1, c2 in spans)}
        self.goals, self.indicators, self.budgets, self.activities = [], [], [], []
        self.goal = self.ind = self.line = None
        self.pelaksana = None
        self.line_until = None     # the last row of the current line's merged Pagu
        self.stated = self.stated_cell = None
        self.subtotal = None       # (amount, 0-based row) the current goal states for itself
        self.goal_first_line = 0   # the current goal's lines: budgets[goal_first_line:]
        self.after_total = False
        self.end_row = header.data_start

    def run(self) -> "_WorkplanWalk":
        rows, all_cols = self.rows, self.all_cols
        for r in range(self.header.data_start, self.grid.nrows):
            if self._skipped(r):
                continue
            label = self._total_label(r)
            if label is not None:
                self._total_row(r, label)
                continue
            if rows.stop_here(r, all_cols):
                break
            goal_row = _workplan_goal(rows, r, self.c_no, self.c_keg, self.first_col, all_cols,
                                      (self.c_ind, self.c_tgt), self.wide)
            if self.after_total and goal_row is None:
                break  # below the total: notes, a signature block without a date...
            self.end_row = r + 1
            if goal_row is not None:
                self._goal_row(r, *goal_row)
            else:
                self._activity_row(r)
        self._close_goal()
        return self

    # -- the kinds of row ---------------------------------------------------------------

    def _skipped(self, r) -> bool:
        """A blank row, the column-number row, or the header repeated (at a page break)."""
        rows, all_cols = self.rows, self.all_cols
        return (rows.blank(r, all_cols) or rows.is_number_row(r, all_cols)
                or is_repeated_header(self.grid, r, WORKPLAN, all_cols))

    def _total_label(self, r) -> str | None:
        """The label of a total row (``TOTAL USULAN ANGGARAN``, ``Sub Total``), or None."""
        labels = [self.rows.text(r, c) for c in (self.c_no, self.c_keg, self.first_col) if c is not None]
        return next((t for t in labels if t and len(t) <= HEADER_MAX_CHARS and WORKPLAN.is_total(t)), None)

    def _total_row(self, r, label) -> None:
        """A goal's Sub Total (checked when the goal closes) or the table's total."""
        amount, _ = self.rows.amount(r, self.c_pagu, self.goal, record=False)
        if layout.normalize_header(label).startswith(layout.SUBTOTAL_PREFIX):  # a goal's Sub Total
            self.subtotal = (amount, r)
        else:
            self._close_goal()
            self.subtotal = None
            self.stated, self.stated_cell = amount, cell_at(r, self.c_pagu)
            self.after_total = True
        self.end_row = r + 1

    def _goal_row(self, r, no, text) -> None:
        """A new goal; the amount on its row, if any, is its own total (checked, not counted)."""
        self._close_goal()
        if self.after_total:  # the table goes on: the total above closed one part only
            self.stated = self.stated_cell = None
            self.after_total = False
        self.goal = goal_dict(len(self.goals) + 1, no, text, r + 1)
        self.goals.append(self.goal)
        self.goal_first_line = len(self.budgets)
        self.ind = self.line = self.pelaksana = None
        amount, present = self.rows.amount(r, self.c_pagu, self.goal, record=False)
        self.subtotal = (amount, r) if present else None

    def _activity_row(self, r) -> None:
        rows = self.rows
        if self.goal is None:  # activities above any goal row: a goal without a name
            self.goal = goal_dict(1, None, None, r + 1)
            self.goals.append(self.goal)
        goal = self.goal
        goal["last_row"] = r + 1
        self._indicator(r)
        p_text, _ = rows.resolved(r, self.c_pel)
        if p_text is not None:
            self.pelaksana = p_text
        self._budget_line(r)
        ind, line = self.ind, self.line
        act = {"goal": goal["goal"], "no": goal["no"], "sasaran": goal["sasaran"], "indikator": ind["indikator"],
               "target_indikator": ind["target_indikator"], "kegiatan": rows.text(r, self.c_keg),
               "pelaksana": self.pelaksana, "budget_line": line["budget_line"] if line else None, "row": r + 1}
        for c, name in self.header.extras.items():
            act.setdefault(name, to_text(self.grid.value(r, c)))
        self.activities.append(act)

    # -- the parts of an activity row ---------------------------------------------------

    def _indicator(self, r) -> None:
        """A new indicator where the indicator (or, without one, its target) changes."""
        ind_text, ind_new = self.rows.resolved(r, self.c_ind)
        tgt, tgt_new = self.rows.resolved(r, self.c_tgt)
        ind = self.ind
        if ind is None or (ind_new and ind_text != ind["indikator"]) or (
                ind_text is None and tgt_new and tgt != ind["target_indikator"]):
            self.ind = {"goal": self.goal["goal"], "no": self.goal["no"], "indikator": ind_text,
                        "target_indikator": tgt, "row": r + 1}
            if ind_text is not None or tgt is not None:
                self.indicators.append(self.ind)

    def _budget_line(self, r) -> None:
        """A new budget line where a Pagu stands (top of its merge); a line ends below
        its merge or at a cell that holds something other than an amount."""
        rows, c_pagu = self.rows, self.c_pagu
        if rows.cover.get((r, c_pagu)) is None:
            amount, present = rows.amount(r, c_pagu, self.goal)
            if present:
                self.line = None
            if amount is not None:
                self.line = line_dict(len(self.budgets) + 1, self.goal, amount, self.pelaksana, r, c_pagu)
                self.line_until = rows.bottom.get((r, c_pagu))
                self.budgets.append(self.line)
            elif self.line is not None and self.line_until is not None and r > self.line_until:
                self.line = None
        if self.line is not None:
            self.line["last_row"] = r + 1

    def _close_goal(self) -> None:
        """A goal's own total (on its row, or a Sub Total row) checked against its lines."""
        goal, subtotal = self.goal, self.subtotal
        if goal is None or subtotal is None or subtotal[0] is None:
            return
        computed = sum(b["pagu"] for b in self.budgets[self.goal_first_line:])
        if computed != subtotal[0]:
            self.rows.notes.append(note("total-mismatch", subtotal[1], self.c_pagu, goal=goal["goal"],
                                        no=goal["no"], value=(subtotal[0], computed)))


def _workplan_goal(rows: Rows, r, c_no, c_keg, first_col, all_cols, own_cols, wide):
    """(No, text) of a goal row, or None. Where the sheet merges its goal rows across
    the table, a goal row is such a merged row; otherwise a goal number with one text
    and nothing else on the row (no indicator or target of its own)."""
    if wide and r not in wide:
        return None
    if any(rows.resolved(r, c)[1] for c in own_cols if c is not None):
        return None
    no = rows.text(r, c_no) if c_no is not None else None
    if no is not None and _GOAL_NO.fullmatch(no):
        rest = [t for t in rows.texts(r, [c for c in all_cols if c != c_no])
                if not isinstance(_amount_or_none(t), int)]
        if len(rest) == 1:
            return no.rstrip(".) ").strip(), rest[0]
        return None
    if no is None or c_no is None or c_no == first_col:
        start = c_no if c_no is not None else first_col
        spans = rows.across.get(r, [])
        text = rows.text(r, start) if any(c1 <= start and c2 - c1 >= 2 for c1, c2 in spans) else None
        m = _GOAL_JOINED.fullmatch(text.strip()) if text else None
        if m:
            return m.group(1), m.group(2).strip()
    return None


def _amount_or_none(text):
    from ...amounts import parse_amount

    return parse_amount(text) if text and any(ch.isdigit() for ch in text) else None
