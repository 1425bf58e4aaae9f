"""Stage 1, the cells: a table's values, the text a person sees in them, its merges.

:class:`rakxl.workbook.Grid` holds a sheet as calamine gives it (values, merged
ranges) plus what only the sheet's XML tells (error cells, formulas, percent
formats). :class:`TableCells` is the view the later stages read: the cells of one
table from its first data row down, by column, as texts.
"""
from __future__ import annotations

import itertools
import operator

from .. import layout
from ..workbook import Grid, to_text

#: Columns whose numbers may carry a % format (shown as "100%").
PERCENT_ROLES = frozenset(layout.ACTIVITY_ROLES + ("target_indikator",))


class TableCells:
    """The cells of a table from row ``start`` (0-based, the first data row) down.

    Attributes:
        grid: the sheet.
        start: the first data row.
        n: how many rows lie from ``start`` to the sheet's last row.
        merges: the merged ranges ``(r1, c1, r2, c2)`` that reach the table.
        errors: the sheet's error cells, ``{(row, col): "#REF!"}`` (usually none).
    """

    def __init__(self, grid: Grid, start: int):
        self.grid = grid
        self.start = start
        self.n = max(grid.nrows - start, 0)
        self.merges = [m for m in grid.merges if m[2] >= start]
        self.errors = grid.errors
        self._values: dict[int, list] = {}
        self._texts: dict[int, list] = {}
        self._where: dict[tuple, list] = {}
        self._distinct: dict[int, set] = {}
        self._rows = grid.rows[start - grid.top:] if start >= grid.top else grid.rows
        self._narrowest = min(map(len, self._rows), default=0)

    def values(self, c: int) -> list:
        """The values of column c on every table row ('' where empty)."""
        found = self._values.get(c)
        if found is None:
            j = c - self.grid.left  # >= 0: every mapped column lies inside the grid
            if j < self._narrowest:  # calamine's rows are all as wide as the sheet
                found = list(map(operator.itemgetter(j), self._rows))
            else:
                found = [row[j] if j < len(row) else "" for row in self._rows]
            self._values[c] = found
        return found

    def row(self, i: int, cols) -> dict:
        """``{column: value}`` of table row i (0-based from ``start``) over ``cols``."""
        return {c: self.values(c)[i] if 0 <= i < self.n else "" for c in cols}

    def text(self, r: int, c: int, role: str | None, v=None) -> str | None:
        """The text a person sees at (r, c), None when blank; ``v`` is the value when
        already read. Numbers with a % format read as shown ("100%") in the columns
        of :data:`PERCENT_ROLES`; an error cell reads as its error ("#REF!")."""
        if v is None:
            v = self.grid.value(r, c)
        if v == "" and self.errors:
            return self.errors.get((r, c))
        if isinstance(v, (float, int)) and not isinstance(v, bool) and role in PERCENT_ROLES:
            if self.grid.is_percent(r, c):  # .xls gives whole numbers as int
                return percent_text(v)
        return to_text(v)

    def texts(self, c: int, role: str | None) -> list:
        """:meth:`text` of every cell of column c from ``start`` down."""
        found = self._texts.get(c)
        if found is None:
            start, text = self.start, self.text
            if self.errors:  # rare: an empty cell may show "#REF!"
                found = [text(start + i, c, role, v) for i, v in enumerate(self.values(c))]
            else:  # speed path: a text cell shows its stripped text (tests/test_reader_stages.py)
                values = self.values(c)
                try:  # a column of texts only: stripped at C speed
                    found = [t or None for t in map(str.strip, values)]
                except TypeError:  # a number, a date...
                    found = [(v.strip() or None) if type(v) is str else text(start + i, c, role, v)
                             for i, v in enumerate(values)]
            self._texts[c] = found
        return found

    def release(self) -> None:
        """Forget the columns read so far (they are read again if asked)."""
        self._values.clear()
        self._texts.clear()
        self._where.clear()
        self._distinct.clear()

    def where(self, c: int, test) -> list[int]:
        """The table rows (0-based from ``start``) whose value in column c passes
        ``test``; the test is asked once per distinct value."""
        found = self._where.get((c, test))
        if found is None:
            values = self.values(c)
            distinct = self._distinct.get(c)
            if distinct is None:
                distinct = self._distinct[c] = set(values)
            good = [v for v in distinct if test(v)]
            if not good:
                found = []
            elif all(v.__class__ is str for v in good):  # a text equals no other type: membership at C speed
                found = list(itertools.compress(range(len(values)), map(set(good).__contains__, values)))
            else:  # 1, 1.0 and True are equal as set members: told apart by type
                keys = set(map(_key, good))
                found = [i for i, v in enumerate(values) if _key(v) in keys]
            self._where[(c, test)] = found
        return found


def _key(v):
    """A value as a set member that keeps 1, 1.0 and True apart."""
    return v if v.__class__ is str else (v.__class__, v)


def percent_text(v: float) -> str:
    """A number with a % format as Excel shows it: 1 -> ``100%``, 0.125 -> ``12.5%``."""
    pct = round(v * 100, 6)
    return f"{int(pct)}%" if float(pct).is_integer() else f"{pct:g}%"
