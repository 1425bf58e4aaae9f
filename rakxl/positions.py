"""Positions in a sheet as integers, as Excel counts them: :class:`Cell` (1-based row
and column, ``Cell(8, 11)`` is ``K8``) and :class:`Range` (a rectangle such as a
merged range). Their A1 texts are derived (:mod:`rakxl.a1`). The plan model
(:mod:`rakxl.model`) holds them.
"""
from __future__ import annotations

from dataclasses import dataclass

from .a1 import a1


@dataclass(frozen=True, slots=True, order=True)
class Cell:
    """One cell: 1-based ``row`` and ``col`` (``Cell(8, 11)`` is ``K8``)."""

    row: int
    col: int

    @property
    def a1(self) -> str:
        return a1(self.row - 1, self.col - 1)

    def __str__(self) -> str:
        return self.a1


@dataclass(frozen=True, slots=True, order=True)
class Range:
    """A rectangle of cells, such as a merged range: 1-based rows and columns, inclusive."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int

    @property
    def a1(self) -> str:
        """``K8:K9`` (``K8`` for one cell)."""
        first = a1(self.first_row - 1, self.first_col - 1)
        if (self.first_row, self.first_col) == (self.last_row, self.last_col):
            return first
        return f"{first}:{a1(self.last_row - 1, self.last_col - 1)}"

    @property
    def top_left(self) -> Cell:
        return Cell(self.first_row, self.first_col)

    @property
    def vertical(self) -> bool:
        """Whether it spans more than one row."""
        return self.last_row > self.first_row

    def __str__(self) -> str:
        return self.a1
