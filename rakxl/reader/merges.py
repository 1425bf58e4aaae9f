"""Which merged ranges carry the hierarchy, and what merges tell the checker.

A goal, an indicator, a Pelaksana or a Pagu written once for several rows stands in
the top cell of a vertical merge. :class:`MergeIndex` says, for each row of a mapped
column, the top row of the vertical merge covering it. A header repeated at a page
break may merge its own cells: those merges carry no hierarchy.

The notes: a blank, unmerged cell in a column the sheet merges elsewhere
(``merged-cell-gap``), and a merge that runs from one goal into the next
(``merge-crosses-goal``).
"""
from __future__ import annotations

from .. import layout
from ..model import Note, Range
from .grid import TableCells
from .rows import is_header_word, is_kegiatan_word


class MergeIndex:
    """The vertical merges of a table's mapped columns.

    Attributes:
        cover: ``{column: [top row of the merge covering table row i, or None]}``
            for each column with a vertical merge (i counts from ``cells.start``).
        bottom: ``{column: {top row: bottom row}}`` of each of those merges
            (:meth:`bottom_of`).
        merged_roles: the hierarchy roles (``layout.HIERARCHY_ROLES``) whose column
            has a vertical merge.
    """

    def __init__(self, cells: TableCells, cols: dict):
        self.cells = cells
        self.cols = cols
        self.cover: dict[int, list] = {}
        self.bottom: dict[int, dict[int, int]] = {}
        self.merged_roles: set[str] = set()
        # rows that name the Kegiatan column: only there a header repeats (or above the table)
        self._header_like = {cells.start + i for i in cells.where(cols["kegiatan"], is_kegiatan_word)}
        role_of_col = {c: role for role, c in cols.items()}
        # column -> r1, r2, r1, r2... of its vertical merges, in sheet order (numbers only:
        # a tuple per merge would be thousands of objects for the collector to count)
        spans: dict[int, list] = {}
        start, header_like = cells.start, self._header_like
        for r1, c1, r2, c2 in cells.merges:
            if r2 != r1:
                # a merge starting on a table row that names no Kegiatan is no header cell:
                # most merges, told without asking _is_header_cell
                plain = r1 >= start and r1 not in header_like
                for c in range(c1, c2 + 1):
                    role = role_of_col.get(c)
                    if role is not None and (plain or not self._is_header_cell(r1, c, role)):
                        found = spans.get(c)
                        if found is None:
                            found = spans[c] = []
                        found += r1, r2
        last = cells.grid.nrows - 1
        for c, found in spans.items():
            if role_of_col[c] in layout.HIERARCHY_ROLES:
                self.merged_roles.add(role_of_col[c])
            arr = self.cover[c] = [None] * cells.n
            pairs = iter(found)
            bottom = self.bottom[c] = {}
            for r1, r2 in zip(pairs, pairs):
                bottom[r1] = r2
                lo = r1 - start if r1 > start else 0
                hi = (r2 if r2 < last else last) - start
                if hi >= lo:
                    arr[lo:hi + 1] = [r1] * (hi - lo + 1)

    def covers_row(self, i: int) -> bool:
        """Whether a vertical merge of a mapped column covers table row i."""
        return any(arr[i] is not None for arr in self.cover.values())

    def band_rows(self) -> set[int]:
        """Table rows (0-based from ``start``) where one text is merged across two
        mapped columns or more: a label across the table, or a total or signature line."""
        mapped, start = set(self.cols.values()), self.cells.start
        return {r1 - start for r1, c1, r2, c2 in self.cells.merges
                if c2 > c1 and r1 >= start and sum(1 for c in range(c1, c2 + 1) if c in mapped) >= 2}

    def bottom_of(self, r: int, c: int) -> int | None:
        """The bottom row of the vertical merge whose top cell is (r, c), None if none."""
        found = self.bottom.get(c)
        return found.get(r) if found is not None else None

    def top(self, r: int, c: int) -> int | None:
        """The top row of the vertical merge covering (r, c), None outside any."""
        arr = self.cover.get(c)
        return arr[r - self.cells.start] if arr is not None else None

    def _is_header_cell(self, r: int, c: int, role: str) -> bool:
        """Whether (r, c) is a header cell (above the table, or of a header repeated
        at a page break: such a row names the Kegiatan column)."""
        if r >= self.cells.start:
            header_like = r in self._header_like
        else:
            header_like = is_kegiatan_word(self.cells.grid.value(r, self.cols["kegiatan"]))
        return header_like and is_header_word(self.cells.grid.value(r, c), role)

    def gap(self, r: int, role: str, goal: dict, notes: list) -> None:
        """Note a blank, unmerged cell of a column that the sheet merges elsewhere."""
        if role in self.merged_roles:
            c = self.cols[role]
            if self.top(r, c) is not None:
                return  # inside a (blank) merge: not a gap
            notes.append(Note("merged-cell-gap", r + 1, c + 1, role, goal["goal"], goal["no"]))

    def crossing_notes(self, goal_at: list, goals: list) -> list[Note]:
        """A note for each merge (of a column below the goal) that spans two goals.

        ``goal_at`` is the goal number of each table row (None outside goals)."""
        role_of_col = {c: role for role, c in self.cols.items()}
        start, n, notes = self.cells.start, self.cells.n, []
        for r1, c1, r2, c2 in self.cells.merges:
            if r2 == r1:
                continue
            role = role_of_col.get(c1) if c1 == c2 else next(
                (role_of_col[c] for c in range(c1, c2 + 1) if c in role_of_col), None)
            if role is None or role in layout.GOAL_ROLES:
                continue
            lo = r1 - start if r1 > start else 0
            hi = r2 - start if r2 - start < n - 1 else n - 1
            if hi < lo:
                continue
            first, last = goal_at[lo], goal_at[hi]  # goal numbers only grow down the sheet
            if first is None or last is None:  # the merge reaches beyond the goals' rows
                seg = [x for x in goal_at[lo:hi + 1] if x is not None] or [None]
                first, last = seg[0], seg[-1]
            if first != last:
                notes.append(Note("merge-crosses-goal", r1 + 1, c1 + 1, role, first, goals[first - 1]["no"],
                                  range=Range(r1 + 1, c1 + 1, r2 + 1, c2 + 1)))
        return notes
