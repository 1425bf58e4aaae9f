"""The exact pass: expat places a sheet's cells as calamine does, whatever the
spelling, and yields the extent, the side information and the shared strings' uses."""
from __future__ import annotations

import re

from ..a1 import column_index, column_letters
from ..exceptions import RakInputError
from ..i18n import numbers
from .extent import SheetExtent, SideInfo, _check_extent
from .limits import DEFAULT_LIMITS, Limits, _hostile
from .xmlcheck import _parse, _parser


# A start tag's rest up to its '>', quoted values skipped whole.
_TAG_REST = re.compile(rb"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")
_CELL_REF = re.compile(r"([A-Za-z]+)([0-9]+)")
_SHIFT_REF = re.compile(r"""("(?:[^"]|"")*")|(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(!])""")


def scan_exact(data: bytes, limits: Limits = DEFAULT_LIMITS, *, path=None, part="", sheet=None,
               percent_styles=frozenset()) -> tuple[SheetExtent, SideInfo, dict[int, int]]:
    """The exact pass over one part (UTF-8): expat places the cells of the first
    ``sheetData`` exactly as calamine does (a ``row``/``c`` start tag with ``r``
    sets the position; without, the next row or column; an empty-element
    ``<c/>``/``<row/>`` moves nothing; element names by their local name, so
    namespace prefixes and strict-OOXML namespaces read alike; attributes by their
    plain name) and yields, in the same pass, the extent, the merges, the side
    information and the uses of each shared string.

    Returns:
        ``(extent, side information, {shared string index: cells using it})``.
    """
    parser = _parser(part, path, sheet)
    walk = _ExactPass(data, parser, limits, path, sheet, percent_styles)
    parser.buffer_text = True
    parser.StartElementHandler = walk.start
    parser.EndElementHandler = walk.end
    parser.CharacterDataHandler = walk.chars
    _parse(parser, data, part, path, sheet)
    return walk.ext, walk.side, walk.uses


class _Cell:
    """A cell being read: its 0-based position, its type (``t``), the text of its
    formula and of its value as expat hands them over, and whether it holds a value."""

    __slots__ = ("pos", "t", "f", "fattrs", "v", "has_value")

    def __init__(self, pos: tuple[int, int], t: str | None):
        self.pos = pos
        self.t = t
        self.f: list[str] | None = None
        self.fattrs: dict | None = None
        self.v: list[str] | None = None
        self.has_value = False


_BEFORE, _INSIDE, _AFTER = 0, 1, 2  # where the pass is, as to the first sheetData


class _ExactPass:
    """expat's handlers for :func:`scan_exact`, and what they found so far."""

    def __init__(self, data: bytes, parser, limits: Limits, path, sheet, percent_styles):
        self.data = data
        self.parser = parser
        self.limits = limits
        self.path = path
        self.sheet = sheet
        self.percent_ids = percent_styles
        self.ext = SheetExtent()
        self.side = SideInfo()
        self.uses: dict[int, int] = {}
        self.shared: dict[str, tuple[str, tuple[int, int]]] = {}  # shared formulas: si -> (text, position)
        self.where = _BEFORE
        self.row = 0  # 0-based position of the next cell without r
        self.col = 0
        self.skip_end: str | None = None  # an empty-element tag's name: its end is ignored as its start was
        self.cell: _Cell | None = None
        self.capture: list[str] | None = None  # where the text of the open <v> or <f> goes

    def _empty(self, local: str) -> bool:
        """Whether the tag just started is an empty-element tag (``<x/>``); its end
        event is then skipped."""
        data = self.data
        m = _TAG_REST.match(data, self.parser.CurrentByteIndex + 1)
        if m is not None and data[m.end() - 2] == 47:  # "/>"
            self.skip_end = local
            return True
        return False

    # -- start tags

    def start(self, name: str, attrs: dict) -> None:
        local = name[name.find(":") + 1:] if ":" in name else name
        if self.cell is not None:
            self._start_in_cell(local, attrs)
        elif local == "mergeCell":
            self.ext.merges += 1
        elif self.where != _INSIDE:
            if self.where == _BEFORE and local == "sheetData" and not self._empty(local):
                self.where = _INSIDE
        elif local == "c":
            if not self._empty(local):
                self._start_cell(attrs)
        elif local == "row":
            if not self._empty(local) and attrs.get("r") is not None:
                self.row = _row_number(attrs["r"], self.limits, self.path, self.sheet) - 1

    def _start_in_cell(self, local: str, attrs: dict) -> None:
        cell = self.cell
        if local == "v":
            if not self._empty(local):
                cell.v = self.capture = []
                cell.has_value = True
        elif local == "f":
            cell.fattrs = attrs
            if self._empty(local):
                cell.f = []
            else:
                cell.f = self.capture = []
                cell.has_value = True
        elif local == "is":
            cell.has_value = True

    def _start_cell(self, attrs: dict) -> None:
        ref = attrs.get("r")
        if ref is not None:
            r, c = _cell_position(ref, self.limits, self.path, self.sheet)
            if r > self.limits.max_rows or c > self.limits.max_cols:
                ext = self.ext
                ext.rows, ext.cols = max(ext.rows, r), max(ext.cols, c)
                _check_extent(ext, self.limits, self.path, self.sheet)
            pos = (r - 1, c - 1)
            self.col = c - 1
        else:
            pos = (self.row, self.col)
        s = attrs.get("s")
        if s is not None and self.percent_ids and s.isdigit() and int(s) in self.percent_ids and str(int(s)) == s:
            self.side.percent.add(pos)
        self.cell = _Cell(pos, attrs.get("t"))

    # -- end tags and text

    def end(self, name: str) -> None:
        local = name[name.find(":") + 1:] if ":" in name else name
        if self.skip_end is not None and self.skip_end == local:
            self.skip_end = None
        elif self.cell is not None:
            if local == "v" or local == "f":
                self.capture = None
            elif local == "c":
                self._finish(self.cell)
                self.cell = self.capture = None
                self.col += 1
        elif self.where == _INSIDE:
            if local == "row":
                self.row += 1
                self.col = 0
            elif local == "sheetData":
                self.where = _AFTER

    def chars(self, text: str) -> None:
        if self.capture is not None:
            self.capture.append(text)

    # -- a cell read whole

    def _finish(self, cell: _Cell) -> None:
        if cell.has_value:
            self._count(cell.pos)
        cached = None if cell.v is None else "".join(cell.v)
        if cell.f is not None:
            text = self._formula(cell)
            if text:
                self.side.formulas[cell.pos] = (text, cached)
        if cell.t == "e":
            self.side.errors[cell.pos] = cached if cached is not None else "#N/A"
        elif cell.t == "s" and cached is not None:
            key = cached.strip()
            if key.isdigit():
                idx = int(key)
                self.uses[idx] = self.uses.get(idx, 0) + 1

    def _count(self, pos: tuple[int, int]) -> None:
        """A cell holding a value at 0-based ``pos``: the extent grows to it."""
        ext = self.ext
        r, c = pos[0] + 1, pos[1] + 1
        ext.cells += 1
        if r > ext.rows:
            ext.rows = r
        if c > ext.cols:
            ext.cols = c
        if r > self.limits.max_rows or c > self.limits.max_cols:  # the box (rows x cols) is checked at the end
            _check_extent(ext, self.limits, self.path, self.sheet)

    def _formula(self, cell: _Cell) -> str:
        """The cell's formula text; a shared formula's follower reads its master's
        text shifted to the follower's position."""
        text = "".join(cell.f)
        fattrs = cell.fattrs
        if fattrs.get("t") == "shared" and fattrs.get("si") is not None:
            si = fattrs["si"]
            if text:
                self.shared[si] = (text, cell.pos)
            elif si in self.shared:
                master, (r0, c0) = self.shared[si]
                text = shift_formula(master, cell.pos[0] - r0, cell.pos[1] - c0)
        return text


def _cell_position(ref: str, limits: Limits, path, sheet) -> tuple[int, int]:
    """A cell reference (``r="AB12"``) as 1-based (row, column), read as a
    spreadsheet reads it: any number of letters then any number of digits, letters
    in either case. Anything else is refused; a position beyond the limits is
    refused before it is even computed in full."""
    m = _CELL_REF.fullmatch(ref)
    if m is None:
        raise RakInputError.of("error.bad_ref", path=path, sheet=sheet, ref=ref[:24])
    letters, digits = m.groups()
    digits = digits.lstrip("0")
    if len(letters) > 7 or len(digits) > 12:  # far beyond any limit; no huge numbers built
        raise _hostile("hostile.far_cell", path, sheet, ref=ref[:24], rows=numbers(limits.max_rows),
                       cols=numbers(limits.max_cols))
    if not digits:
        raise RakInputError.of("error.bad_ref_row0", path=path, sheet=sheet, ref=ref[:24])
    return int(digits), column_index(letters) + 1


def _row_number(text: str, limits: Limits, path, sheet) -> int:
    if not text.isdigit() or not text.lstrip("0"):
        raise RakInputError.of("error.bad_row", path=path, sheet=sheet, row=text[:24])
    if len(text.lstrip("0")) > 12:
        raise _hostile("hostile.far_row", path, sheet, row=text[:24], rows=numbers(limits.max_rows))
    return int(text)


def shift_formula(text: str, drow: int, dcol: int) -> str:
    """A shared formula's text as it reads ``drow`` rows and ``dcol`` columns
    from the cell that holds it: relative references move, ``$``-fixed parts stay."""
    def move(m):
        if m.group(1) is not None:
            return m.group(1)
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_."):
            return m.group(0)  # part of a name
        fixed_col, letters, fixed_row, digits = m.group(2), m.group(3), m.group(4), m.group(5)
        col = column_index(letters) + (0 if fixed_col else dcol)
        row = int(digits) + (0 if fixed_row else drow)
        if col < 0 or row < 1:
            return "#REF!"
        return f"{fixed_col}{column_letters(col)}{fixed_row}{row}"

    return _SHIFT_REF.sub(move, text)
