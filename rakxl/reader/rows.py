"""Stage 3, the rows: what kind of row each table row is.

Below the header a RAK table holds, besides its goal, indicator and activity rows:

- blank rows;
- the header repeated at a page break, or the row of column numbers (1), (2)...;
- the total row (``JUMLAH``), whose amount is the table's stated total;
- the signature block ("Serang, 28 Januari 2021", a name, "NIP ..."), where the
  table ends;
- a category label (``Urusan Wajib``): one text in a row of its own.

One function tells each kind from the row's cells; the words they look for are
:mod:`rakxl.layout`'s (header synonyms, ``TOTAL_ROW``, ``NIP_LINE_PATTERN``). Which
rows of the table are goals, indicators and activities the hierarchy stage decides
(:mod:`rakxl.reader.hierarchy`), on the rows this stage calls ``TABLE``.

:func:`row_kind` classifies one row; :func:`row_kinds` answers the same for every
row of a table at once (it runs :func:`row_kind` only on the rows where one of the
cell tests the kinds are made of holds; ``tests/test_reader_stages.py`` proves the
two equal over the variant corpus).
"""
from __future__ import annotations

import datetime as _dt
import re

from .. import layout
from ..synonyms import names_role
from .grid import TableCells
from .header import HEADER_MAX_CHARS, NUMBER_CELL, role_of
from .meta import PLACE_DATE, parse_date

#: Row kinds.
TABLE, BLANK, SIGNATURE, HEADING, TOTAL = "table", "blank", "signature", "heading", "total"
#: The columns whose cell may hold a total row's label.
TOTAL_LABEL_ROLES = ("no", "sasaran", "indikator", "kegiatan")
_NIP = re.compile(layout.NIP_LINE_PATTERN, re.I)
_PLACE_ALONE = re.compile(r"[A-Za-z][A-Za-z .'()-]{1,40},")  # "Serang," with the date in a date cell
#: A cell that is a number or a numbering (``1``, ``1.``, ``IV``, ``(3)``), never a label.
_NUMBERISH = re.compile(r"\(?[\divxlcIVXLC]+[.)]?")


# -- what one cell may say --------------------------------------------------------

def names_column(v, role: str) -> bool:
    """Whether a cell's text names column ``role`` (a bare "Target" names either target)."""
    if not isinstance(v, str) or not v.strip():
        return False
    if not role.startswith("target"):
        return names_role(v, role)  # the same as role_of(v) == role, quicker
    found = role_of(v)
    return found == role or found == "target"


def is_header_word(v, role: str) -> bool:
    """Whether a cell is a header cell of column ``role``: a short text naming it."""
    return isinstance(v, str) and len(v) <= HEADER_MAX_CHARS and names_column(v, role)


def is_kegiatan_word(v) -> bool:
    """Whether a cell is a header cell of the Kegiatan column (a header repeated at a
    page break names it)."""
    return is_header_word(v, "kegiatan")


def is_total_label(v) -> bool:
    """Whether a cell is a total row's label (``layout.TOTAL_ROW``: "JUMLAH", "Total Pagu"...)."""
    return (isinstance(v, str) and len(v) <= HEADER_MAX_CHARS
            and layout.TOTAL_ROW.fullmatch(layout.normalize_header(v)) is not None)


def is_signature_text(text: str) -> bool:
    """Whether a (stripped) text opens or closes a signature block: "Place, date"
    with a date that parses, or "NIP 1970..." with a number of 8 digits or more."""
    if "," in text:  # "Place, date"
        m = PLACE_DATE.fullmatch(text)
        if m and parse_date(m.group(2)) is not None:
            return True
    return bool(_NIP.fullmatch(text) and re.search(r"\d{8}", text))


def is_place_alone(text: str) -> bool:
    """Whether a (stripped) text is a place and a comma ("Serang,"): the date then
    stands in a date cell beside or below it."""
    return _PLACE_ALONE.fullmatch(text) is not None


def is_column_number(v) -> bool:
    """Whether a cell holds a column number: 3, "3" or "(3)"."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float(v).is_integer()
    return NUMBER_CELL.fullmatch(str(v).strip()) is not None


# -- what a whole row is ------------------------------------------------------------

def is_blank(values: tuple) -> bool:
    """Whether every cell of a row is empty."""
    return values.count("") + values.count(None) == len(values)


def is_signature(texts: list[str]) -> bool:
    """Whether a row's texts start the signature block (the table ends above it)."""
    return any(is_signature_text(t) for t in texts)


def is_place_then_date(texts: list[str], values, below) -> bool:
    """Whether a row holds only "Place," with a date cell on it or on the row below:
    a signature block whose date was typed as a date."""
    if len(texts) != 1 or not is_place_alone(texts[0]):
        return False
    return any(isinstance(v, (_dt.date, _dt.datetime)) for v in [*values, *below])


def is_heading(row: dict, cols: dict) -> bool:
    """Whether a row repeats the header (at a page break) or numbers the columns."""
    return is_header_repeat(row, cols) or is_number_row(row.values())


def is_header_repeat(row: dict, cols: dict) -> bool:
    """Whether a row repeats the header: its Kegiatan cell names the column (or is
    blank, on the header's second row: I, II, III, IV) and three cells or more
    name their own column."""
    kegiatan = row.get(cols["kegiatan"])
    if kegiatan != "" and kegiatan is not None and not is_header_word(kegiatan, "kegiatan"):
        return False
    return sum(names_column(row.get(c), role) for role, c in cols.items()) >= 3


def is_number_row(values) -> bool:
    """Whether a row numbers the columns: 1, 2, 3... or (1), (2), (3)... rising, four or more."""
    nums = []
    for v in values:
        if v == "" or v is None:
            continue
        if not is_column_number(v):
            return False
        nums.append(int(v) if not isinstance(v, str) else int(NUMBER_CELL.fullmatch(v.strip()).group(1)))
    return len(nums) >= 4 and nums == sorted(nums) and len(set(nums)) == len(nums)


def is_total_row(row: dict, cols: dict) -> bool:
    """Whether a row is the table's total row: a label cell says "JUMLAH", "TOTAL"..."""
    return any(is_total_label(row.get(cols[role])) for role in TOTAL_LABEL_ROLES if role in cols)


def is_category_label(row: dict, cols: dict) -> bool:
    """Whether a row holds only a category label (``Urusan Wajib``, ``Bidang Otonomi
    Daerah``): one text, no number or numbering, not in the Pagu column. Such a row is
    never a goal or an activity where it stands before the first goal or across the
    table, outside any vertical merge (the hierarchy stage decides that)."""
    filled = [c for c, v in row.items() if v not in ("", None)]
    if len(filled) != 1:
        return False
    v = row[filled[0]]
    return isinstance(v, str) and filled[0] != cols.get("pagu") and not _NUMBERISH.fullmatch(v.strip())


def names_goal_or_activity(row: dict, cols: dict) -> bool:
    """Whether a row fills the No, Sasaran or Kegiatan column: below a total row only
    such a row still belongs to the table (others are notes, a signature...)."""
    return any(row.get(cols[role]) not in ("", None) for role in ("no", "sasaran", "kegiatan") if role in cols)


def row_kind(row: dict, below: dict, cols: dict) -> str:
    """The kind of one non-blank row: SIGNATURE, HEADING, TOTAL or TABLE.

    Args:
        row: ``{column: value}`` of the row, over every column of the table.
        below: the same of the row below.
        cols: the table's columns by role (:class:`~rakxl.reader.header.Header`).
    """
    texts = [v.strip() for v in row.values() if isinstance(v, str) and v.strip()]
    if is_signature(texts) or is_place_then_date(texts, row.values(), below.values()):
        return SIGNATURE
    if is_heading(row, cols):
        return HEADING
    if is_total_row(row, cols):
        return TOTAL
    return TABLE


# -- every row at once --------------------------------------------------------------

def row_kinds(cells: TableCells, cols: dict, extras) -> list[str]:
    """:func:`row_kind` of every table row (BLANK for blank rows), by row from ``cells.start``.

    Every kind but TABLE needs one cell that passes one of the cell tests above (a
    signature text, a blank or header-word or number Kegiatan cell, a total label):
    those tests run down each column, :func:`row_kind` only on the rows they find.
    """
    all_cols = sorted(set(cols.values()) | set(extras))
    kinds = blank_rows(cells, all_cols, cols.get("pagu"))
    maybe: set[int] = set()
    for c in all_cols:
        maybe.update(cells.where(c, _may_sign))
    maybe.update(cells.where(cols["kegiatan"], is_kegiatan_word))  # a header repeat
    maybe.update(cells.where(cols["kegiatan"], _blank_or_number))  # the same, or a number row
    for role in TOTAL_LABEL_ROLES:
        if role in cols:
            maybe.update(cells.where(cols[role], is_total_label))
    grid, start = cells.grid, cells.start
    for i in sorted(maybe):
        if kinds[i] == TABLE:
            below = {c: grid.value(start + i + 1, c) for c in all_cols}
            kinds[i] = row_kind(cells.row(i, all_cols), below, cols)
    return kinds


def blank_rows(cells: TableCells, all_cols, pagu_c) -> list[str]:
    """BLANK for each blank row, TABLE for the others. A Pagu cell showing an error
    ("#REF!") makes its row no blank row."""
    columns = [cells.values(c) for c in all_cols]
    kinds = [BLANK if is_blank(t) else TABLE for t in zip(*columns)]
    if cells.errors and pagu_c is not None:
        for (r, c), text in cells.errors.items():
            if c == pagu_c and 0 <= r - cells.start < cells.n and text:
                kinds[r - cells.start] = TABLE
    return kinds


def _may_sign(v) -> bool:
    if not isinstance(v, str):
        return False
    text = v.strip()
    # a place alone ends with its comma (_PLACE_ALONE): without one, only the NIP line is left to ask
    return is_signature_text(text) or ("," in text and is_place_alone(text))


def _blank_or_number(v) -> bool:
    return v == "" or v is None or is_column_number(v)
