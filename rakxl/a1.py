"""A1 addresses: column letters and cell references, 0-based rows and columns.

The one home of column-letter arithmetic (``A`` <-> 0, ``B3`` <-> (2, 1)) for the
reader, the writer, the model, the monev workbook and the formula evaluator.
(``xlsxwriter.utility`` has near twins, but they warn and answer ``(0, 0)`` on a bad
reference instead of refusing it, and take upper case only.)
"""
from __future__ import annotations

import functools
import re

_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")


def column_index(letters: str) -> int:
    """``A`` -> 0, ``Z`` -> 25, ``AA`` -> 26 (any case)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


@functools.lru_cache(maxsize=1024)  # a sheet has few columns; addresses are made per cell
def column_letters(index: int) -> str:
    """0 -> ``A``, 26 -> ``AA``."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def a1(row: int, col: int) -> str:
    """0-based row and column -> ``A1`` address."""
    return f"{column_letters(col)}{row + 1}"


def parse_a1(ref: str) -> tuple[int, int]:
    """``B3`` (or ``$B$3``) -> (2, 1), 0-based.

    Raises:
        ValueError: when ``ref`` is not one cell's address.
    """
    m = _CELL.fullmatch(ref.strip())
    if not m:
        raise ValueError(f"not a cell reference: {ref}")
    return int(m.group(2)) - 1, column_index(m.group(1))
