"""Stage 4, the hierarchy: goals, indicators, activities and budget lines.

The walk goes down the table rows once. The kinds of rows come from
:mod:`rakxl.reader.rows`; on each TABLE row the walk decides:

- a new goal where the No or Sasaran starts anew (a merge's top cell, or a text
  that differs from the goal's), else the row continues the goal;
- likewise a new indicator (Indikator, Target Indikator) inside the goal;
- the Pelaksana in force (it carries down until another is written);
- a new budget line where a Pagu cell (or a merged Pagu range) starts: Pagu is never
  forward-filled. An unmerged Pagu covers the rows below it down to the next Pagu of
  the same goal; a merged one the rows of its merge;
- whether the row is an activity row: one with a cell of its own (Kegiatan, its
  target, a quarter), or the first row of a goal, indicator, Pelaksana or budget line.

A merge split by a header repeated at a page break continues below the break, blank
or with its text repeated: no new goal, no gap, the same budget line.
"""
from __future__ import annotations

import itertools
import operator

from .. import layout
from ..model import Cell, Note
from ..workbook import Grid, to_text
from .grid import TableCells
from .header import Header
from .merges import MergeIndex
from .pagu import read_amount
from .rows import BLANK, HEADING, SIGNATURE, TOTAL, is_category_label, names_goal_or_activity, row_kinds

#: The columns an activity row may fill itself (never continued from the row above).
OWN_ROLES = ("target_kegiatan",) + layout.QUARTERS


class Walk:
    """One pass over the rows of a table (:meth:`run`), and what it found.

    Attributes (after :meth:`run`):
        goals, indicators, budgets: one dict per goal, indicator and budget line.
        activities: the activity rows, ``{column: [values]}`` (:data:`rakxl.model.ACTIVITY_COLUMNS`
            and the extra columns' header texts).
        notes: what the cells told (:class:`~rakxl.model.Note`).
        stated_total, stated_total_at: the total row's amount and its :class:`~rakxl.model.Cell`.
        end_row: the first row below the table (0-based).
        goal_at: the goal number of each table row (None outside goals).
    """

    def __init__(self, grid: Grid, header: Header, path=None):
        self.grid = grid
        self.header = header
        self.path = path
        self.cols = header.cols
        self.cells = TableCells(grid, header.data_start)
        self.merges = MergeIndex(self.cells, self.cols)
        self.notes: list = list(header.notes)  # what the header stage chose (unit-cost-ignored)
        self.goals: list[dict] = []
        self.indicators: list[dict] = []
        self.budgets: list[dict] = []
        self.activities: dict[str, list] = {}
        self.stated_total = None
        self.stated_total_at = None  # model.Cell of its amount
        self.end_row = header.data_start
        self.goal_at: list = [None] * self.cells.n

    # What the checker and the assembly read of the merges.
    @property
    def cover(self) -> dict:
        return self.merges.cover

    @property
    def merged_roles(self) -> set:
        return self.merges.merged_roles

    @property
    def table_merges(self) -> list:
        return self.cells.merges

    def run(self) -> "Walk":
        """Walk the rows; returns self."""
        kinds = row_kinds(self.cells, self.cols, self.header.extras)
        self._columns()
        # what each activity row takes from the rows above, one list per item (no tuple
        # per row: fewer objects for the collector)
        self._picked = ([], [], [], [], [])  # goal, indicator, Pelaksana, budget line, table row
        self._goal = self._ind = self._line = self._line_until = None
        self._pelaksana = None
        self._after_break = False  # on the first row below a header repeated at a page break
        after_total = False  # below a total row only rows naming a goal or activity belong to the table
        band_rows = self.merges.band_rows()  # a text merged across columns: maybe a category label
        label_before_goal = "no" in self.cols or "sasaran" in self.cols
        start = self.cells.start
        for i in itertools.compress(range(self.cells.n), [k != BLANK for k in kinds]):
            kind = kinds[i]
            if kind == SIGNATURE:
                break
            if kind == HEADING:
                self._after_break = True
                continue
            if kind == TOTAL:
                self._total_row(start + i)
                self.end_row = start + i + 1
                after_total = True
                continue
            if after_total and not names_goal_or_activity(self.cells.row(i, self._goal_cols), self.cols):
                break  # a signature block without a date, notes...
            self.end_row = start + i + 1
            if ((self._goal is None and label_before_goal) or i in band_rows) and self._category_label(i):
                continue  # a category label (Urusan Wajib...): never a goal or an activity
            self._table_row(i)
            self._after_break = False
        self.activities = self._activity_columns()
        self.notes += self.merges.crossing_notes(self.goal_at, self.goals)
        self._release()
        return self

    def _release(self) -> None:
        """Drop the per-row working lists once the activity columns are taken: the
        collector's full passes, while the model is built, walk every list still alive."""
        for name in ("_no", "_sasaran", "_indikator", "_target", "_pelaksana_col", "_kegiatan", "_own", "_extras",
                     "_has_own", "_picked"):
            self.__dict__.pop(name, None)
        self.cells.release()

    def _columns(self) -> None:
        """The texts of every column, and the hierarchy columns as each row sees them."""
        cells, cols, n = self.cells, self.cols, self.cells.n
        texts = {role: cells.texts(c, role) for role, c in cols.items() if role != "pagu"}
        self._no = self._resolved("no", texts)
        self._sasaran = self._resolved("sasaran", texts)
        self._indikator = self._resolved("indikator", texts)
        self._target = self._resolved("target_indikator", texts)
        self._pelaksana_col = self._resolved("pelaksana", texts)
        self._kegiatan = texts["kegiatan"]
        nones = [None] * n
        self._own = [(role, texts.get(role, nones)) for role in OWN_ROLES]
        self._extras = [(name, [to_text(v) for v in cells.values(c)]) for c, name in self.header.extras.items()]
        own_lists = [self._kegiatan] + [texts[role] for role in OWN_ROLES if role in cols]
        self._has_own = [t.count(None) != len(own_lists) for t in zip(*own_lists)]
        self._goal_cols = [cols[role] for role in ("no", "sasaran", "kegiatan") if role in cols]
        self._pagu_col = cols.get("pagu")
        self._pagu_cover = self.merges.cover.get(self._pagu_col)  # MergeIndex.top of each row

    def _resolved(self, role: str, texts: dict) -> tuple[list, list]:
        """(text, whether it starts here) of a hierarchy column on every row: a merge's
        text on each row it covers, starting on its top row."""
        n, c = self.cells.n, self.cols.get(role)
        if c is None:
            return [None] * n, [False] * n
        own = texts[role]
        arr = self.merges.cover.get(c)
        if arr is None:
            return own, [t is not None for t in own]
        start, text = self.cells.start, self.cells.text
        out = [own[i] if top is None else (own[top - start] if top >= start else text(top, c, role))
               for i, top in enumerate(arr)]
        anchor = [(own[i] is not None) if top is None else top == start + i for i, top in enumerate(arr)]
        return out, anchor

    # -- one table row ---------------------------------------------------------------

    def _table_row(self, i: int) -> None:
        r = self.cells.start + i
        new_goal = self._goal_step(i, r)
        new_ind = self._indicator_step(i, r)
        new_pelaksana = self._pelaksana_step(i, r)
        if not new_goal:
            self._goal_gaps(i, r)
        new_line = self._budget_step(i, r, new_goal)
        if self._has_own[i] or new_line or new_goal or new_ind or new_pelaksana:
            line = self._line
            goal, ind, pelaksana, budget_line, at = self._picked
            goal.append(self._goal_of_act)
            ind.append(self._ind_of_act)
            pelaksana.append(self._pelaksana)
            budget_line.append(line["budget_line"] if line is not None else None)
            at.append(i)

    def _goal_step(self, i: int, r: int) -> bool:
        """Start a new goal on row r when its No or Sasaran starts anew; whether it did."""
        goal = self._goal
        (nos, no_starts), (sasarans, sas_starts) = self._no, self._sasaran
        no, no_new, sas, sas_new = nos[i], no_starts[i], sasarans[i], sas_starts[i]
        if self._after_break:  # a blank merge split by the break continues the goal
            no_new = no_new and no is not None
            sas_new = sas_new and sas is not None
        new = goal is None or (no_new and no != goal["no"]) or (sas_new and sas != goal["sasaran"])
        if new:
            self._line = None  # an unmerged Pagu covers rows of its own goal only
            goal = self._goal = {"goal": len(self.goals) + 1, "no": no, "sasaran": sas,
                                 "first_row": r + 1, "last_row": r + 1}
            self.goals.append(goal)
            self._goal_of_act = (goal["goal"], no, sas)  # what each activity row takes from its goal
            self._ind = None
            self._pelaksana = None
        goal["last_row"] = r + 1
        self.goal_at[i] = goal["goal"]
        return new

    def _indicator_step(self, i: int, r: int) -> bool:
        """Start a new indicator on row r when its text starts anew; whether it did."""
        ind, goal = self._ind, self._goal
        text, new, target = self._indikator[0][i], self._indikator[1][i], self._target[0][i]
        if self._after_break and ind is not None and text is None and target in (None, ind["target_indikator"]):
            new = False  # a blank merge split by the break continues the indicator
        if ind is None or (new and text != ind["indikator"]):
            self._ind = {"goal": goal["goal"], "no": goal["no"], "indikator": text, "target_indikator": target,
                         "row": r + 1}
            self._ind_of_act = (text, target)
            if text is not None or target is not None:
                self.indicators.append(self._ind)
            return True
        if not new and text is None and not self._after_break and self.merges.merged_roles:
            self.merges.gap(r, "indikator", goal, self.notes)
            if target is None:
                self.merges.gap(r, "target_indikator", goal, self.notes)
        return False

    def _pelaksana_step(self, i: int, r: int) -> bool:
        """The Pelaksana in force on row r; whether one starts here."""
        text, new = self._pelaksana_col[0][i], self._pelaksana_col[1][i]
        if text is not None:
            self._pelaksana = text
        elif self._pelaksana is not None and not self._after_break and self.merges.merged_roles:
            self.merges.gap(r, "pelaksana", self._goal, self.notes)
        return new

    def _goal_gaps(self, i: int, r: int) -> None:
        """Note a blank No or Sasaran cell on a row that continues a goal (merged sheets)."""
        if not self._after_break and self.merges.merged_roles:
            if self._no[0][i] is None:
                self.merges.gap(r, "no", self._goal, self.notes)
            if self._sasaran[0][i] is None:
                self.merges.gap(r, "sasaran", self._goal, self.notes)

    def _budget_step(self, i: int, r: int, new_goal: bool) -> bool:
        """A new budget line where a Pagu cell (or merge) starts on row r; whether one did."""
        c = self._pagu_col
        new = False
        if c is not None:
            top = self._pagu_cover[i] if self._pagu_cover is not None else None
            if top is not None and top != r:  # inside a Pagu merge
                amount, anchor, until = None, False, None
            else:
                amount, anchor = read_amount(self.grid, r, c, self._goal, self.notes)
                until = self.merges.bottom_of(r, c) if top == r else None
            if anchor:
                self._line = None
            if amount is not None:
                self._line = {"budget_line": len(self.budgets) + 1, "goal": self._goal["goal"],
                              "no": self._goal["no"], "pagu": amount, "pelaksana": self._pelaksana,
                              "col": c + 1, "first_row": r + 1, "last_row": r + 1}
                self._line_until = until
                self.budgets.append(self._line)
                new = True
            elif self._line is not None and self._line_until is not None and r > self._line_until:
                if self._after_break and not new_goal and self.cells.values(c)[i] in ("", None):
                    self._line_until = until if until is not None else r  # a Pagu merge split by the break
                else:
                    self._line = None
        if self._line is not None:
            self._line["last_row"] = r + 1
        return new

    def _category_label(self, i: int) -> bool:
        """Whether table row i is a category label outside any vertical merge (no goal's
        or budget line's row); noted in Rak.notes (``category-label``)."""
        all_cols = sorted(set(self.cols.values()) | set(self.header.extras))
        row = self.cells.row(i, all_cols)
        if not is_category_label(row, self.cols) or self.merges.covers_row(i):
            return False
        c = next(c for c, v in row.items() if v not in ("", None))
        r = self.cells.start + i
        role = next((role for role, col in self.cols.items() if col == c), None)
        self.notes.append(Note("category-label", r + 1, c + 1, role, value=" ".join(row[c].split())))
        return True

    def _total_row(self, r: int) -> None:
        """The total row: its Pagu amount is the table's stated total."""
        c = self.cols.get("pagu")
        if c is not None:
            self.stated_total, _ = read_amount(self.grid, r, c)
            self.stated_total_at = Cell(r + 1, c + 1)

    # -- the activity frame ------------------------------------------------------------

    def _activity_columns(self) -> dict[str, list]:
        """``{column: values}`` of the activity rows: what each took from the rows
        above (goal, indicator, Pelaksana, budget line), then its own cells."""
        # Column by column with itemgetter: no object per row (zip(*rows) would make an
        # iterator per row, enough of them to wake the collector's full passes).
        goal_of, ind_of, pelaksana, budget_line, at = self._picked
        frame = {name: list(map(get, goal_of)) for name, get in zip(("goal", "no", "sasaran"), _FIELDS)}
        frame.update((name, list(map(get, ind_of))) for name, get in zip(("indikator", "target_indikator"), _FIELDS))
        frame["kegiatan"] = list(map(self._kegiatan.__getitem__, at))
        for role, values in self._own:
            frame[role] = list(map(values.__getitem__, at))
        frame["pelaksana"] = pelaksana
        frame["budget_line"] = budget_line
        first = self.cells.start + 1
        frame["row"] = [first + i for i in at]
        for name, values in self._extras:
            frame[name] = list(map(values.__getitem__, at))
        return frame


_FIELDS = tuple(map(operator.itemgetter, range(3)))


def walk_table(grid: Grid, header: Header, path=None) -> Walk:
    """Walk the table under ``header``: goals, indicators, activities, budget lines."""
    return Walk(grid, header, path).run()
