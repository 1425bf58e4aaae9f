"""One RAK sheet of the official layout, written with xlsxwriter::

    row 1-3   title lines, merged over the table's width
    row 5-6   the header; "Pelaksanaan Kegiatan Triwulan" merged over I-IV
    row 7     the column numbers (1)..(12)
    row 8..   one row per activity (:mod:`.blocks` says which cells are merged)
    JUMLAH    the total row: a live =SUM(...) over Pagu with its value cached
    then      the signature block at the bottom right

Row heights are set from the measured text (:mod:`.metrics`); printing is
:class:`.printing.PageSetup`.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import layout
from ..a1 import a1, column_letters
from ..model import Rak
from .blocks import Block, plan_blocks
from .metrics import DATA_ROW, HEADER_ROW, LINE_PT, NUMBER_ROW, _column_pixels, _Measure, _row_height
from .printing import PageSetup


class _Formats:
    """xlsxwriter formats from :data:`rakxl.layout.STYLES`, with mark fills, made once."""

    def __init__(self, book):
        self.book = book
        self.cache: dict[tuple, object] = {}

    def get(self, style: str, mark: str | None = None):
        key = (style, mark)
        fmt = self.cache.get(key)
        if fmt is None:
            props = {**layout.FONT, **layout.STYLES[style]}
            if mark:
                props["bg_color"] = layout.MARK_COLORS[mark]
            fmt = self.cache[key] = self.book.add_format(props)
        return fmt


# -- one sheet ----------------------------------------------------------------------

@dataclass
class _Col:
    role: str        # layout role, or the extra column's header text
    title: str
    width: float
    kind: str        # text, center or amount (the STYLES key)
    pixels: int


class _SheetWriter(PageSetup):
    """One RAK sheet. ``lean``: a merge of three rows or more in a column between two
    columns that are written in full gets no record for its middle cells (see
    :func:`lean_columns`); the borders shown are the same."""

    def __init__(self, book, formats: _Formats, measure: _Measure, rak: Rak, name: str, paper, marks,
                 *, lean: bool = False):
        self.lean = lean
        self.book = book
        self.fmt = formats
        self.measure = measure
        self.rak = rak
        self.ws = book.add_worksheet(name)
        self.paper = paper
        self.marks = marks
        self.cols = [_Col(c.role, c.title, c.width, c.kind, _column_pixels(c.width)) for c in layout.COLUMNS]
        for extra in rak.extra_columns:
            w = layout.EXTRA_COLUMN_WIDTH
            self.cols.append(_Col(extra, extra, w, "text", _column_pixels(w)))
        self.index = {c.role: i for i, c in enumerate(self.cols)}
        self.n = len(rak.plan.activities)
        self.heights: dict[int, float] = {}      # 0-based sheet row -> points

    # -- plan: which value goes in which cell or merge --------------------------

    # -- plan: which value goes in which cell or merge --------------------------

    def blocks(self) -> dict[str, list]:
        return plan_blocks(self.rak, self.index)

    # -- writing -----------------------------------------------------------------

    def write(self):
        ws = self.ws
        ncols = len(self.cols)
        for c, col in enumerate(self.cols):
            ws.set_column(c, c, col.width)
        self.write_title(ncols)
        self.write_header()
        blocks = self.blocks()
        total = self.write_body(blocks)
        total_row = DATA_ROW + self.n
        self.write_total(total_row, total)
        end = self.write_signature(total_row + 2)
        for r, h in self.heights.items():
            ws.set_row(r, h)
        self.print_setup(total_row, end)

    def write_title(self, ncols):
        meta = self.rak.meta
        fields = {"year": meta.year or "", "organization": meta.organization or "", "unit": meta.unit or ""}
        fmt = self.fmt.get("title")
        for r, line in enumerate(layout.TITLE_LINES):
            text = " ".join(line.format(**fields).split())
            self.heights[r] = 18
            if not text:
                continue
            if ncols > 1:
                self.ws.merge_range(r, 0, r, ncols - 1, "", fmt)
            self.ws.write_string(r, 0, text, fmt)
        self.heights[HEADER_ROW - 1] = LINE_PT

    def write_header(self):
        ws = self.ws
        head = self.fmt.get("header")
        quarters = [self.index[q] for q in layout.QUARTERS]
        q1, q4 = min(quarters), max(quarters)
        ws.merge_range(HEADER_ROW, q1, HEADER_ROW, q4, "", head)
        ws.write_string(HEADER_ROW, q1, layout.TRIWULAN_GROUP_TITLE, head)
        need = 0.0
        for c, col in enumerate(self.cols):
            if col.role in layout.QUARTERS:
                ws.write_string(HEADER_ROW + 1, c, col.title, head)
                continue
            ws.merge_range(HEADER_ROW, c, HEADER_ROW + 1, c, "", head)
            ws.write_string(HEADER_ROW, c, col.title, head)
            need = max(need, _row_height(self.measure.lines(col.title, col.pixels, bold=True)))
        second = _row_height(1)
        self.heights[HEADER_ROW] = max(_row_height(1), need - second)
        self.heights[HEADER_ROW + 1] = second
        num = self.fmt.get("number_row")
        for c in range(len(self.cols)):
            ws.write_string(NUMBER_ROW, c, f"({c + 1})", num)
        self.heights[NUMBER_ROW] = _row_height(1)

    def _mark_of(self, role, block: Block):
        """(kind, comment) of the marks on this block, or (None, None)."""
        if not self.marks:
            return None, None
        hits = [self.marks[(i, role)] for i in range(block.first, block.last + 1) if (i, role) in self.marks]
        if not hits:
            return None, None
        kind = "changed" if any(k == "changed" for k, _ in hits) else "added"
        return kind, "\n".join(dict.fromkeys(c for _, c in hits if c)) or None

    def write_body(self, blocks) -> int:
        """Write the activity rows; returns the sum of the Pagu amounts written."""
        n = self.n
        heights = [_row_height(1)] * n
        multi = []            # (first, last, needed height) of vertical merges, for heights afterwards
        total = 0
        merged = [bool(blocks[col.role]) and isinstance(blocks[col.role][0], Block) for col in self.cols]
        lean = lean_columns(merged) if self.lean and not self.marks else set()
        for c, col in enumerate(self.cols):
            column = blocks[col.role]
            if column and not merged[c]:          # one cell per row
                if not self.marks:
                    self._write_cells(c, col, column, heights)
                    continue
                column = [Block(i, i, x) for i, x in enumerate(column)]
            total += self._write_blocks(c, col, column, heights, multi, c in lean)
        _spread(multi, heights)
        for i, h in enumerate(heights):
            self.heights[DATA_ROW + i] = round(h, 2)
        if n:
            last = a1(DATA_ROW + n - 1, len(self.cols) - 1)
            self.ws.ignore_errors({"number_stored_as_text": f"{a1(DATA_ROW, 0)}:{last}"})
        return total

    def _write_cells(self, c, col, column, heights):
        """A column of one cell per row, with no marks: each distinct text measured once."""
        write_blank, write_string = self.ws.write_blank, self.ws.write_string
        lines, pixels = self.measure.lines, col.pixels
        plain = self.fmt.get(col.kind)
        height_of = {}
        for i, value in enumerate(column):
            if value is None:
                write_blank(DATA_ROW + i, c, None, plain)
            else:
                write_string(DATA_ROW + i, c, value, plain)
                need = height_of.get(value)
                if need is None:
                    need = height_of[value] = _row_height(lines(value, pixels))
                if need > heights[i]:
                    heights[i] = need

    def _write_blocks(self, c, col, column, heights, multi, lean=False) -> int:
        """A column of cells and vertical merges (with marks, if any); returns its amounts' sum.
        Each distinct text is measured once."""
        plain = self.fmt.get(col.kind)
        is_amount = col.kind == "amount"
        height_of = {}
        total = 0
        for block in column:
            fmt, comment = plain, None
            if self.marks:
                kind, comment = self._mark_of(col.role, block)
                fmt = self.fmt.get(col.kind, kind)
            first, last, value = block
            if value is not None and not (is_amount and isinstance(value, (int, float))):
                value = str(value)
                if not is_amount:
                    need = height_of.get(value)
                    if need is None:
                        need = height_of[value] = _row_height(self.measure.lines(value, col.pixels))
                    if last > first:
                        multi.append((first, last, need))
                    elif need > heights[first]:
                        heights[first] = need
            elif value is not None:
                total += value
            self._write_block(DATA_ROW + first, c, DATA_ROW + last, value, fmt, lean)
            if comment is not None:
                self.ws.write_comment(DATA_ROW + first, c, comment, {"author": "rakxl", "x_scale": 2, "y_scale": 2})
        return total

    def _write_block(self, r1, c, r2, value, fmt, lean):
        """One cell (r1 == r2) or vertical merge holding ``value`` (None, a number or a
        string; a string stays a string: the workbook makes no formula or link)."""
        ws = self.ws
        if r1 == r2:
            if value is None:
                ws.write_blank(r1, c, None, fmt)
            elif isinstance(value, str):
                ws.write_string(r1, c, value, fmt)
            else:
                ws.write_number(r1, c, value, fmt)
            return
        data = None if value == "" else value
        if lean and r2 - r1 > 1:
            # The range alone, then its first cell and its bottom cell (LibreOffice takes
            # the merge's lower border from it); the middle cells' borders are drawn by
            # the columns on both sides (lean_columns).
            ws.merge_range(r1, c, r2, c, None, None)
            ws.write(r1, c, data, fmt)
            ws.write_blank(r2, c, None, fmt)
        else:
            ws.merge_range(r1, c, r2, c, data, fmt)
        if value == "":
            ws.write_string(r1, c, value, fmt)

    def write_total(self, r, total):
        ws = self.ws
        label = self.fmt.get("total_label")
        amount = self.fmt.get("total_amount")
        pagu_c = self.index["pagu"]
        if pagu_c > 1:
            ws.merge_range(r, 0, r, pagu_c - 1, "", label)
        ws.write_string(r, 0, layout.TOTAL_LABEL, label)
        if self.n:
            letter = column_letters(pagu_c)
            formula = f"=SUM({letter}{DATA_ROW + 1}:{letter}{DATA_ROW + self.n})"
            ws.write_formula(r, pagu_c, formula, amount, total)
        else:
            ws.write_number(r, pagu_c, 0, amount)
        for c in range(pagu_c + 1, len(self.cols)):
            ws.write_blank(r, c, None, label)
        self.heights[r] = _row_height(1) + 3

    def signature_lines(self) -> list[tuple[str | None, str]]:
        """(text or None for a blank line, style) of the signature block."""
        from ..layout import format_date_id

        m = self.rak.meta
        lines = []
        dated = ", ".join(x for x in (m.place, format_date_id(m.signed_on) if m.signed_on else None) if x)
        if dated:
            lines.append((dated, "signature"))
        if m.signatory_title:
            if m.organization:
                lines.append((m.organization, "signature"))
            lines.append((f"{m.signatory_title},", "signature"))
        if m.signatory or m.nip:
            lines += [(None, "signature")] * 3
        if m.signatory:
            lines.append((m.signatory, "signature_name"))
        if m.nip:
            lines.append((layout.NIP_LINE.format(nip=m.nip), "signature"))
        return lines

    def write_signature(self, r) -> int:
        """Write the signature block from row r at the bottom right; returns the last row."""
        ncols = len(self.cols)
        c1 = max(0, ncols - 3)
        last = r - 2  # the total row when there is no block
        for text, style in self.signature_lines():
            self.heights[r] = _row_height(1)
            if text is not None:
                fmt = self.fmt.get(style)
                if ncols - 1 > c1:
                    self.ws.merge_range(r, c1, r, ncols - 1, "", fmt)
                self.ws.write_string(r, c1, text, fmt)
            last = r
            r += 1
        return last

    # -- printing ----------------------------------------------------------------


def _spread(multi, heights) -> None:
    """A merge's text must fit the rows it spans: spread what is missing over them
    (narrowest merges first)."""
    multi.sort(key=lambda x: x[1] - x[0])
    for first, last, need in multi:
        have = sum(heights[first:last + 1])
        if need > have:
            add = (need - have) / (last - first + 1)
            for i in range(first, last + 1):
                heights[i] += add


def lean_columns(merged: list[bool]) -> set[int]:
    """The columns whose merges can leave their middle cells without a record: a column of
    vertical merges with a column on each side that is written in full (every cell, with
    the same thin border all round), so that every border of a middle cell is also the
    border of its neighbour's facing side, which Excel and LibreOffice draw as well.
    Never the first or last column (their outer edge has no neighbour), never two
    columns side by side."""
    out: set[int] = set()
    for c in range(1, len(merged) - 1):
        if merged[c] and c - 1 not in out:
            out.add(c)
    return out
