"""One sheet's cells: :class:`Grid` (values and merged ranges as python-calamine gives
them, plus the side information calamine does not give: error cells, formulas and
percent formats), the evaluation of Pagu formulas saved without a value, and
:func:`to_text`, a cell value as the text a person sees.

A :class:`Grid` comes from :meth:`rakxl.workbook.Workbook.grid`, the only code that
opens a file; the side information is read lazily, for the sheets that need it.
"""
from __future__ import annotations

import datetime as _dt
import re
from functools import cached_property
from typing import TYPE_CHECKING

from . import guard
from .a1 import a1, column_index
from .exceptions import RakInputError, first_line
from .formulas import FormulaError, evaluate

if TYPE_CHECKING:
    from .workbook import Workbook


class Grid:
    """The cells of one sheet, addressed by 0-based (row, col) as in the file.

    Attributes:
        name: the sheet name.
        hidden: whether the sheet is hidden.
        rows: the values, ``rows[r - top][c - left]``; '' for empty cells.
        top, left: where ``rows`` starts in the sheet.
        nrows, ncols: one past the last row and column that hold anything.
        merges: merged ranges as ``(r1, c1, r2, c2)``, 0-based and inclusive, cut to
            the cells the sheet holds (:func:`rakxl.guard.clip_merges`).
    """

    def __init__(self, book: "Workbook", name: str):
        self.book = book
        self.name = name
        self.hidden = name in book.hidden
        try:
            sheet = book._book.get_sheet_by_name(name)
            self.rows = list(map(tuple, sheet.to_python()))
            self.top, self.left = sheet.start or (0, 0)
            merges = sheet.merged_cell_ranges or []
        except Exception as exc:  # calamine's own error types differ by version
            raise RakInputError.of("error.sheet_unreadable", path=book.path, sheet=name,
                                   detail=first_line(exc)) from None
        except BaseException as exc:  # a panic in calamine (issue 7)
            if not guard.is_calamine_panic(exc):
                raise
            raise RakInputError.of("error.sheet_unreadable", path=book.path, sheet=name,
                                   detail=first_line(exc)) from None
        self.nrows = self.top + len(self.rows)
        self.ncols = self.left + max(map(len, self.rows), default=0)
        # cut to the cells the sheet holds; refused when absurd (issue 7)
        self.merges = guard.clip_merges(merges, self.nrows, self.ncols, book.limits, path=book.path, sheet=name)
        self._formula_stack: set = set()
        self._evaluated: dict = {}  # (r, c) -> value or FormulaError of an evaluated formula

    def value(self, r: int, c: int):
        """The value at (r, c): str, float, int, bool, date/datetime, or '' when empty."""
        i, j = r - self.top, c - self.left
        if 0 <= i < len(self.rows):
            row = self.rows[i]
            if 0 <= j < len(row):
                return row[j]
        return ""

    # -- side information ------------------------------------------------------

    @cached_property
    def _side(self) -> guard.SideInfo:
        if self.book.format == "xlsx":
            return self.book.side_info(self.name)
        try:
            return side_info_from_xlrd(self.book._xlrd_book, self.name)
        except RakInputError:
            raise
        except Exception as exc:  # xlrd raises many unrelated types for damaged sheets (issue 7 fuzz)
            raise RakInputError.of("error.xls_sheet_damaged", path=self.book.path, sheet=self.name,
                                   detail=first_line(exc)) from None

    @property
    def errors(self) -> dict[tuple[int, int], str]:
        """Every error value of the sheet (``#REF!``...) by 0-based (row, col)."""
        return self._side.errors

    @property
    def formulas(self) -> dict[tuple[int, int], tuple[str, str | None]]:
        """Every formula of the sheet, ``(formula, cached value text or None)`` by (row, col)."""
        return self._side.formulas

    def error(self, r: int, c: int) -> str | None:
        """The error value (``#REF!``...) shown at (r, c), or None."""
        return self._side.errors.get((r, c))

    def formula(self, r: int, c: int) -> tuple[str, str | None] | None:
        """``(formula, cached value text or None)`` for a formula cell, else None."""
        return self._side.formulas.get((r, c))

    def is_percent(self, r: int, c: int) -> bool:
        """Whether the cell's number format shows a percentage."""
        return (r, c) in self._side.percent

    def evaluate(self, r: int, c: int) -> float | None:
        """Evaluate the formula at (r, c) when it is plain arithmetic, references or SUM.

        Returns None when there is no formula; raises FormulaError when it cannot be
        evaluated. Referenced cells that are themselves formulas without a saved value
        are evaluated in turn.
        """
        found = self.formula(r, c)
        if not found:
            return None
        key = (r, c)
        # Each formula is evaluated once (issue 7): without this, formulas that each
        # refer twice to the next one cost 2^n evaluations, hours for a 3 KB file.
        if key in self._evaluated:
            value = self._evaluated[key]
            if isinstance(value, FormulaError):
                raise value
            return value
        if key in self._formula_stack:
            raise FormulaError("circular reference")
        # the cells this formula reads, charged to the workbook's budget before it
        # reads them (500 ranges of 99,999 cells are refused at once, not after minutes)
        self.book.count_formula_cells(_cells_referenced(found[0]))
        self._formula_stack.add(key)
        try:
            value = evaluate(found[0], self._resolve)
        except FormulaError as exc:
            self._evaluated[key] = exc
            raise
        finally:
            self._formula_stack.discard(key)
        self._evaluated[key] = value
        return value

    def _resolve(self, sheet: str | None, r: int, c: int):
        grid = self
        if sheet is not None and sheet != self.name:
            if sheet not in self.book.sheet_names:
                raise FormulaError(f"no sheet {sheet}")
            grid = self.book.grid(sheet)
        if grid.error(r, c):
            raise FormulaError(grid.error(r, c))
        v = grid.value(r, c)
        if v == "" or v is None:
            if grid.formula(r, c):
                return grid.evaluate(r, c)
            return None
        if isinstance(v, bool):
            return float(v)
        if isinstance(v, (int, float)):
            return float(v)
        if isinstance(v, str):
            return None  # text: SUM skips it
        raise FormulaError(f"{a1(r, c)} is not a number")


def side_info_from_xlrd(book, name: str) -> guard.SideInfo:
    """Errors and percent cells of sheet ``name`` of an .xls read by xlrd."""
    import xlrd

    info = guard.SideInfo()
    sheet = book.sheet_by_name(name)
    for r in range(sheet.nrows):
        for c, cell in enumerate(sheet.row(r)):
            if cell.ctype == xlrd.XL_CELL_ERROR:
                info.errors[(r, c)] = xlrd.error_text_from_code.get(cell.value, "#N/A")
            elif cell.ctype == xlrd.XL_CELL_NUMBER:
                xf = book.xf_list[cell.xf_index]
                fmt = book.format_map.get(xf.format_key)
                if fmt is not None and "%" in re.sub(r'"[^"]*"|\\.', "", fmt.format_str):
                    info.percent.add((r, c))
    return info


_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?")


def _cells_referenced(formula: str) -> int:
    """How many cells the references of ``formula`` cover (an upper bound of
    what evaluating it reads; each formula is evaluated once)."""
    total = 0
    for m in _REFERENCE.finditer(formula):
        if m.group(3) is None:
            total += 1
        else:
            rows = abs(int(m.group(4)) - int(m.group(2))) + 1
            cols = abs(column_index(m.group(3)) - column_index(m.group(1))) + 1
            total += rows * cols
    return total


def to_text(value) -> str | None:
    """A cell value as the text a person sees, None when empty (no number formats)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time, _dt.timedelta)):
        return str(value)
    return str(value)
