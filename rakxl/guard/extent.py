"""What the scan of a sheet finds (its extent, its side information) and the
check of an extent against the limits."""
from __future__ import annotations

from dataclasses import dataclass

from ..a1 import column_index, column_letters
from ..i18n import Said, numbers
from .limits import Limits, _hostile


@dataclass
class SheetExtent:
    """What the scan of a sheet found: the last row and column (1-based) holding
    a value, the number of cells with a value and of merged ranges."""

    rows: int = 0
    cols: int = 0
    cells: int = 0
    merges: int = 0


class SideInfo:
    """What calamine does not give about a sheet's cells, by 0-based (row, col):
    error values, formulas (with their saved value, None when there is none) and
    the cells whose number format shows a percentage."""

    def __init__(self):
        self.errors: dict[tuple[int, int], str] = {}
        self.formulas: dict[tuple[int, int], tuple[str, str | None]] = {}
        self.percent: set[tuple[int, int]] = set()

    def __eq__(self, other):
        return (isinstance(other, SideInfo) and (self.errors, self.formulas, self.percent)
                == (other.errors, other.formulas, other.percent))

    def __repr__(self):
        return f"SideInfo(errors={self.errors!r}, formulas={self.formulas!r}, percent={self.percent!r})"


def _beyond(ext: SheetExtent, limits: Limits) -> bool:
    """Whether the box from A1 to the extent's last cell is beyond the limits."""
    return ext.rows > limits.max_rows or ext.cols > limits.max_cols or ext.rows * ext.cols > limits.max_cells


def _check_extent(ext: SheetExtent, limits: Limits, path, sheet) -> None:
    if _beyond(ext, limits):
        last = (f"{column_letters(ext.cols - 1)}{ext.rows}" if 0 < ext.cols < 10**6
                else Said("hostile.row_n", n=numbers(ext.rows)))
        raise _hostile("hostile.extent", path, sheet, last=last, rows=numbers(ext.rows), cols=numbers(ext.cols),
                       cells=numbers(ext.rows * ext.cols), max_rows=numbers(limits.max_rows),
                       max_cols=numbers(limits.max_cols), max_cells=numbers(limits.max_cells))
    if ext.merges > limits.max_merges:
        raise _hostile("hostile.merges", path, sheet, n=numbers(ext.merges), limit=numbers(limits.max_merges))


class ColumnNumbers(dict):
    """``columns[letters]``: the 1-based number of a column's letters (bytes, as
    a pattern found them), computed once per column (a sheet names the same few
    columns again and again)."""

    def __missing__(self, letters: bytes) -> int:
        n = self[letters] = column_index(letters.decode("ascii")) + 1
        return n
