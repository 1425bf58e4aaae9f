"""Stage 5, the meta: the title above the table and the signature block below it.

Above the header: the line with the year (``layout.TITLE_PATTERN``), then the
organisation and the unit. Below the table: "Place, date" (or "Place," beside a date
cell), the signatory's title and name, and the NIP line.
"""
from __future__ import annotations

import datetime as _dt
import re

from .. import layout
from ..model import Cell, Meta
from ..workbook import Grid, to_text
from .header import Header

_MONTHS = {m.lower(): i + 1 for i, m in enumerate(layout.MONTHS_ID)}
_MONTHS.update({m[:3].lower(): i + 1 for i, m in enumerate(layout.MONTHS_ID)})
_MONTHS.update(layout.MONTH_SPELLINGS)
_DATE_WORDS = re.compile(r"(\d{1,2})\s*[- ]?\s*([A-Za-z]+)\.?\s*[- ]?\s*(\d{4})")
_DATE_NUMERIC = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
#: "Place, date": group 1 the place, group 2 the date.
PLACE_DATE = re.compile(r"([A-Za-z][A-Za-z .'()-]{1,40}?)\s*,\s*(.+)")
_NIP = re.compile(layout.NIP_LINE_PATTERN, re.I)
_YEAR_LINE = re.compile(layout.YEAR_LINE, re.I)


def parse_date(value) -> _dt.date | None:
    """A date written the ways offices write it: ``28 Januari 2021``, ``28-01-2021``,
    ``28/1/2021``, ``2021-01-28``, ``28 Jan. 2021``, or a real date cell."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        m = _DATE_WORDS.fullmatch(text)
        if m:
            month = _MONTHS.get(m.group(2).lower())
            if month:
                return _dt.date(int(m.group(3)), month, int(m.group(1)))
            return None
        m = _DATE_NUMERIC.fullmatch(text)
        if m:
            return _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        m = _DATE_ISO.fullmatch(text)
        if m:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


def _texts(grid: Grid, r1: int, r2: int):
    """(row, col, value) of the non-empty cells in rows r1..r2-1, row by row."""
    for r in range(max(r1, grid.top), min(r2, grid.nrows)):
        for c in range(grid.left, grid.ncols):
            v = grid.value(r, c)
            if v == "" or v is None:
                continue
            yield r, c, v


def read_meta(grid: Grid, header: Header, end_row: int) -> Meta:
    """Title lines above the header and the signature block below the table."""
    fields: dict = {}          # Meta's fields, as found
    at: dict[str, Cell] = {}   # where each was read
    lines = [(r, c, to_text(v)) for r, c, v in _texts(grid, 0, header.row) if to_text(v)]
    title_at = None
    for i, (r, c, text) in enumerate(lines):
        m = layout.TITLE_PATTERN.search(text)
        if m:
            fields["year"] = int(m.group(2))
            at["year"] = Cell(r + 1, c + 1)
            title_at = i
            break
    rest = lines[title_at + 1:] if title_at is not None else lines
    rest = [x for x in rest if not _YEAR_LINE.fullmatch(x[2])]
    # a page label (J-3, Hal. 2) or a table caption (Tabel, Lampiran) is never the
    # organisation or the unit
    rest = [x for x in rest if not layout.CAPTION.fullmatch(layout.normalize_header(x[2]))]
    if rest:
        fields["organization"] = rest[0][2]
        at["organization"] = Cell(rest[0][0] + 1, rest[0][1] + 1)
    if len(rest) > 1:
        fields["unit"] = rest[1][2]
        at["unit"] = Cell(rest[1][0] + 1, rest[1][1] + 1)

    below = [(r, c, v) for r, c, v in _texts(grid, end_row, grid.nrows)]
    sig_start = None
    for i, (r, c, v) in enumerate(below):
        text = to_text(v) if not isinstance(v, (_dt.date, _dt.datetime)) else None
        if text:
            m = PLACE_DATE.fullmatch(text)
            if m and parse_date(m.group(2)):
                fields["place"] = m.group(1).strip()
                fields["signed_on"] = parse_date(m.group(2))
                at["place"] = at["signed_on"] = Cell(r + 1, c + 1)
                sig_start = i
                break
        elif isinstance(v, (_dt.date, _dt.datetime)):
            fields["signed_on"] = parse_date(v)
            at["signed_on"] = Cell(r + 1, c + 1)
            if i > 0 and isinstance(below[i - 1][2], str):
                fields["place"] = below[i - 1][2].strip().rstrip(",").strip()
                at["place"] = Cell(below[i - 1][0] + 1, below[i - 1][1] + 1)
            sig_start = i
            break
    block = below[sig_start + 1:] if sig_start is not None else below
    texts = [(r, c, to_text(v)) for r, c, v in block if to_text(v)]
    nip_at = None
    for i, (r, c, t) in enumerate(texts):
        m = _NIP.fullmatch(t)
        if m:
            fields["nip"] = m.group(1).strip() or None
            at["nip"] = Cell(r + 1, c + 1)
            nip_at = i
            break
    named = texts[:nip_at] if nip_at is not None else texts
    if named:
        r, c, t = named[-1]
        fields["signatory"] = t
        at["signatory"] = Cell(r + 1, c + 1)
    if len(named) > 1:
        r, c, t = named[-2]
        fields["signatory_title"] = t.rstrip(",").strip()
        at["signatory_title"] = Cell(r + 1, c + 1)
    return Meta(**fields, at=at)

