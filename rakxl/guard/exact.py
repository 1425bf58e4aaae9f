"""The exact pass: expat places a sheet's cells as calamine does, whatever the
spelling, and yields the extent, the side information and the shared strings' uses."""
from __future__ import annotations

import re

from ..exceptions import RakInputError
from ..i18n import number as _n
from .extent import SheetExtent, SideInfo, _check_extent
from .limits import _RAISE_HINT, _RESAVE, DEFAULT_LIMITS, Limits, _hostile
from .xmlcheck import _parse, _parser


# A start tag's rest up to its '>', quoted values skipped whole.
_TAG_REST = re.compile(rb"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")
_CELL_REF = re.compile(r"([A-Za-z]+)([0-9]+)")


def _cell_position(ref: str, limits: Limits, path, sheet) -> tuple[int, int]:
    """A cell reference (``r="AB12"``) as 1-based (row, column), read as a
    spreadsheet reads it: any number of letters then any number of digits, letters
    in either case. Anything else is refused; a position beyond the limits is
    refused before it is even computed in full."""
    m = _CELL_REF.fullmatch(ref)
    if m is None:
        raise RakInputError(f"referensi sel '{ref[:24]}' tidak sah; {_RESAVE}", path=path, sheet=sheet)
    letters, digits = m.groups()
    digits = digits.lstrip("0")
    if len(letters) > 7 or len(digits) > 12:  # far beyond any limit; no huge numbers built
        raise _hostile(f"sel '{ref[:24]}' berada jauh di luar batas lembar kerja (batas {_n(limits.max_rows)} "
                       f"baris, {_n(limits.max_cols)} kolom); {_RAISE_HINT}", path, sheet)
    if not digits:
        raise RakInputError(f"referensi sel '{ref[:24]}' tidak sah (baris 0); {_RESAVE}", path=path, sheet=sheet)
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return int(digits), col


def _row_number(text: str, limits: Limits, path, sheet) -> int:
    if not text.isdigit() or not text.lstrip("0"):
        raise RakInputError(f"nomor baris '{text[:24]}' tidak sah; {_RESAVE}", path=path, sheet=sheet)
    if len(text.lstrip("0")) > 12:
        raise _hostile(f"baris '{text[:24]}' berada jauh di luar batas lembar kerja (batas {_n(limits.max_rows)} "
                       f"baris); {_RAISE_HINT}", path, sheet)
    return int(text)


_SHIFT_REF = re.compile(r"""("(?:[^"]|"")*")|(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(!])""")


def shift_formula(text: str, drow: int, dcol: int) -> str:
    """A shared formula's text as it reads ``drow`` rows and ``dcol`` columns
    from the cell that holds it: relative references move, ``$``-fixed parts stay."""
    from ..a1 import column_index, column_letters

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
    ext = SheetExtent()
    side = SideInfo()
    uses: dict[int, int] = {}
    shared: dict[str, tuple] = {}
    percent_ids = percent_styles
    max_rows, max_cols = limits.max_rows, limits.max_cols
    match_rest = _TAG_REST.match
    # state: [where (0 before sheetData, 1 inside, 2 after), row index, col index, skip next end]
    st = [0, 0, 0, None]
    cell: list | None = None   # [pos, t, f texts, f attrs, v texts, has value]
    capture: list | None = None
    parser = _parser(part, path, sheet)

    def self_closing() -> bool:
        pos = parser.CurrentByteIndex
        m = match_rest(data, pos + 1)
        return m is not None and data[m.end() - 2] == 47  # "/>"

    def start(name, attrs):
        nonlocal cell, capture
        local = name[name.find(":") + 1:] if ":" in name else name
        if cell is not None:
            if local == "v":
                if self_closing():
                    st[3] = "v"
                    return
                cell[4] = capture = []
                cell[5] = True
            elif local == "f":
                cell[3] = attrs
                if self_closing():
                    cell[2] = []
                    st[3] = "f"
                    return
                cell[2] = capture = []
                cell[5] = True
            elif local == "is":
                cell[5] = True
            return
        if local == "mergeCell":
            ext.merges += 1
            return
        where = st[0]
        if where != 1:
            if where == 0 and local == "sheetData":
                if self_closing():
                    st[3] = local
                    return
                st[0] = 1
            return
        if local == "c":
            if self_closing():
                st[3] = "c"
                return
            ref = attrs.get("r")
            if ref is not None:
                r, c = _cell_position(ref, limits, path, sheet)
                if r > max_rows or c > max_cols:
                    ext.rows, ext.cols = max(ext.rows, r), max(ext.cols, c)
                    _check_extent(ext, limits, path, sheet)
                pos = (r - 1, c - 1)
                st[2] = c - 1
            else:
                pos = (st[1], st[2])
            s = attrs.get("s")
            if s is not None and percent_ids and s.isdigit() and int(s) in percent_ids and str(int(s)) == s:
                side.percent.add(pos)
            cell = [pos, attrs.get("t"), None, None, None, False]
        elif local == "row":
            if self_closing():
                st[3] = "row"
                return
            r = attrs.get("r")
            if r is not None:
                st[1] = _row_number(r, limits, path, sheet) - 1

    def end(name):
        nonlocal cell, capture
        local = name[name.find(":") + 1:] if ":" in name else name
        if st[3] is not None:  # the end of an empty-element tag, ignored as its start was
            if st[3] == local:
                st[3] = None
                return
        if cell is not None:
            if local in ("v", "f"):
                capture = None
            elif local == "c":
                finish(cell)
                cell = None
                capture = None
                st[2] += 1
            return
        if st[0] == 1:
            if local == "row":
                st[1] += 1
                st[2] = 0
            elif local == "sheetData":
                st[0] = 2

    def chars(text):
        if capture is not None:
            capture.append(text)

    def finish(cell):
        pos, t, f, fattrs, v, has_value = cell
        if has_value:
            r, c = pos[0] + 1, pos[1] + 1
            ext.cells += 1
            if r > ext.rows:
                ext.rows = r
            if c > ext.cols:
                ext.cols = c
            if r > max_rows or c > max_cols:  # the box (rows x cols) is checked at the end
                _check_extent(ext, limits, path, sheet)
        cached = None if v is None else "".join(v)
        if f is not None:
            text = "".join(f)
            if fattrs.get("t") == "shared" and fattrs.get("si") is not None:
                si = fattrs["si"]
                if text:
                    shared[si] = (text, pos)
                elif si in shared:
                    master, (r0, c0) = shared[si]
                    text = shift_formula(master, pos[0] - r0, pos[1] - c0)
            if text:
                side.formulas[pos] = (text, cached)
        if t == "e":
            side.errors[pos] = cached if cached is not None else "#N/A"
        elif t == "s" and cached is not None:
            key = cached.strip()
            if key.isdigit():
                idx = int(key)
                uses[idx] = uses.get(idx, 0) + 1

    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    _parse(parser, data, part, path, sheet)
    return ext, side, uses
