"""The one writer of simple table sheets: totals, diff changes, findings, exports.

A :class:`Table` says what a sheet holds (columns with a header, a width and a kind;
rows of plain values; optional lines above the header, a total row, fills and links);
:func:`write_table` puts it on a worksheet the same way every time:

- text stays text (never a formula, a URL or a number, whatever it starts with),
  numbers stay numbers (rupiah columns in a ``"Rp "#,##0`` format), blanks stay blank;
- the header row is bold on the layout's header fill, frozen, filtered and repeated on
  every printed page;
- wrapped columns get row heights measured for their text (Excel and LibreOffice do
  not grow a row a file gives a height to);
- A4 landscape, one page wide, "Halaman N dari M" in the footer;
- a total row sums with ``SUBTOTAL(109, ...)``, so that it follows the autofilter.

The same description is drawn on an xlsxwriter worksheet (new workbooks) or an
openpyxl one (the annotated copy of an input workbook), by two small adapters.
"""
from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field
from typing import Any, Sequence

from .. import layout
from ..i18n import text as _text

#: Kinds of columns: how their numbers are shown.
KINDS = ("text", "integer", "rupiah", "percent")
#: Page margins (inches) of table sheets: left, right, top, bottom, header, footer.
MARGINS = (0.4, 0.4, 0.55, 0.6, 0.3, 0.3)
A4 = 9


@dataclass(frozen=True)
class Column:
    """One column of a :class:`Table`.

    Attributes:
        header: the header text.
        width: the width in characters (Excel's unit).
        kind: ``text`` (numbers in it are still written as numbers), ``integer``
            or ``rupiah`` (numbers shown as ``Rp 3.051.446.000``).
        wrap: wrap long text and size the row for it.
        total: sum this column in the total row.
    """

    header: str
    width: float = 12
    kind: str = "text"
    wrap: bool = False
    total: bool = False


@dataclass
class Table:
    """A sheet to write: see the module docstring.

    Attributes:
        name: the sheet name.
        columns: the columns.
        rows: the rows, each a sequence of values in column order (None or NaN: blank).
        title: lines written above the header (bold), e.g. the organisation and unit.
        total: the label of a total row below the rows (None: no total row).
        fills: ``{(row index, column index): "#RRGGBB"}`` cell fills.
        links: ``{(row index, column index): "'Sheet'!A1"}`` links inside the workbook.
    """

    name: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]
    title: Sequence[str] = ()
    total: str | None = None
    fills: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    pd = sys.modules.get("pandas")   # a value can be pandas' NA only where pandas is loaded
    return pd is not None and (value is pd.NA or value is pd.NaT)


def cell_value(value):
    """What a cell holds: None (blank), an int/float (number) or a str (text)."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    try:  # numpy integers and floats
        import numbers

        if isinstance(value, numbers.Integral):
            return int(value)
        if isinstance(value, numbers.Real):
            return cell_value(float(value))
    except TypeError:
        pass
    return str(value)


def row_lines(table: Table, values: Sequence) -> int:
    """How many text lines the tallest wrapped cell of a row needs."""
    from ..writer import _column_pixels, _Measure

    measure = _MEASURE.get("m")
    if measure is None:
        measure = _MEASURE["m"] = _Measure()
    n = 1
    for col, v in zip(table.columns, values):
        if col.wrap and isinstance(v, str) and v:
            n = max(n, measure.lines(v, _column_pixels(col.width)))
    return n


_MEASURE: dict = {}


def write_table(sheet, table: Table, lang: str = "id", book=None) -> int:
    """Write ``table`` on a worksheet (xlsxwriter's, with its ``book``; or openpyxl's).

    Returns:
        The 0-based row of the last row written.
    """
    from ..writer import LINE_PT, ROW_PAD_PT

    out = _XlsxWriterSheet(book, sheet) if book is not None else _OpenpyxlSheet(sheet)
    ncols = len(table.columns)
    r = 0
    for line in table.title:
        out.put(r, 0, line, "title")
        r += 1
    if table.title:
        r += 1
    head = r
    header_lines = 1
    for c, col in enumerate(table.columns):
        out.width(c, col.width)
        out.put(head, c, col.header, "header")
    header_lines = row_lines(table, [c.header for c in table.columns]) if any(c.wrap for c in table.columns) else 1
    for c, col in enumerate(table.columns):
        if not col.wrap:  # a short header over a narrow column wraps too
            header_lines = max(header_lines, math.ceil(len(col.header) / max(col.width - 1, 1)))
    out.height(head, max(1, min(header_lines, 3)) * LINE_PT + ROW_PAD_PT)
    first = head + 1
    for i, values in enumerate(table.rows):
        rr = first + i
        values = [cell_value(v) for v in values]
        for c, (col, v) in enumerate(zip(table.columns, values)):
            style = "wrap" if col.wrap else col.kind
            fill = table.fills.get((i, c))
            link = table.links.get((i, c))
            if link is not None:
                out.link(rr, c, link, "" if v is None else str(v), fill)
            else:
                out.put(rr, c, v, style, fill)
        lines = row_lines(table, values)
        if lines > 1:
            out.height(rr, lines * LINE_PT + ROW_PAD_PT)
    last = first + len(table.rows) - 1
    end = last
    if table.total is not None:
        end = last + 1
        out.put(end, 0, table.total, "total_label")
        for c in range(1, ncols):
            col = table.columns[c]
            if col.total:
                values = [cell_value(row[c]) for row in table.rows]
                cached = sum(v for v in values if isinstance(v, (int, float)))
                if table.rows:
                    out.subtotal(end, c, first, last, cached, col.kind)
                else:
                    out.put(end, c, 0, "total_" + col.kind)
            else:
                out.put(end, c, None, "total_label")
    out.freeze(first)
    out.autofilter(head, max(last, first), ncols - 1)
    out.print_setup(head, end, ncols - 1, _text("page_footer", lang))
    return end


# -- the two worksheet adapters ----------------------------------------------------------

def _style(name: str) -> dict:
    """xlsxwriter format properties of a cell style of table sheets."""
    base = {"valign": "top"}
    money = {"num_format": layout.RUPIAH_FORMAT}
    return {
        "title": {"bold": True, "font_size": 11},
        "header": dict(layout.STYLES["header"]),
        "text": base,
        "wrap": {**base, "text_wrap": True},
        "integer": base,
        "rupiah": {**base, **money},
        "percent": {**base, "num_format": layout.PERCENT_NUMBER_FORMAT},
        "total_label": {"bold": True, "top": 1},
        "total_integer": {"bold": True, "top": 1},
        "total_text": {"bold": True, "top": 1},
        "total_rupiah": {"bold": True, "top": 1, **money},
        "link": {**base, "font_color": "#0563C1", "underline": 1},
    }[name]


class _XlsxWriterSheet:
    def __init__(self, book, ws):
        self.book, self.ws = book, ws
        self._formats: dict = {}

    def fmt(self, style: str, fill: str | None = None):
        key = (style, fill)
        f = self._formats.get(key)
        if f is None:
            props = _style(style)
            if fill:
                props = {**props, "bg_color": fill, "pattern": 1}
            f = self._formats[key] = self.book.add_format(props)
        return f

    def put(self, r, c, v, style, fill=None):
        f = self.fmt(style, fill)
        if v is None:
            self.ws.write_blank(r, c, None, f)
        elif isinstance(v, (int, float)):
            self.ws.write_number(r, c, v, f)
        else:  # a string cell, never a formula or a URL, whatever it starts with
            self.ws.write_string(r, c, v, f)

    def link(self, r, c, location, display, fill=None):
        self.ws.write_url(r, c, f"internal:{location}", self.fmt("link", fill), string=display)

    def subtotal(self, r, c, r1, r2, cached, kind):
        from xlsxwriter.utility import xl_range

        self.ws.write_formula(r, c, f"=SUBTOTAL(109,{xl_range(r1, c, r2, c)})", self.fmt("total_" + kind), cached)

    def width(self, c, w):
        self.ws.set_column(c, c, w)

    def height(self, r, h):
        self.ws.set_row(r, h)

    def freeze(self, r):
        self.ws.freeze_panes(r, 0)

    def autofilter(self, head, last, lastcol):
        self.ws.autofilter(head, 0, last, lastcol)

    def print_setup(self, head, end, lastcol, footer):
        ws = self.ws
        ws.set_landscape()
        ws.set_paper(A4)
        left, right, top, bottom, _, foot = MARGINS
        ws.set_margins(left=left, right=right, top=top, bottom=bottom)
        ws.set_footer(footer, {"margin": foot})
        ws.repeat_rows(head)
        ws.print_area(0, 0, max(end, head), lastcol)
        ws.fit_to_pages(1, 0)


class _OpenpyxlSheet:
    def __init__(self, ws):
        self.ws = ws

    @staticmethod
    def _apply(cell, style, fill=None):
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        props = _style(style)
        cell.font = Font(bold=props.get("bold", False), size=props.get("font_size", 10),
                         color=(props["font_color"].lstrip("#") if "font_color" in props else None),
                         underline="single" if props.get("underline") else None)
        cell.alignment = Alignment(wrap_text=bool(props.get("text_wrap")), vertical="top",
                                   horizontal=props.get("align"))
        color = fill or props.get("bg_color")
        if color:
            color = color.lstrip("#")
            cell.fill = PatternFill(fill_type="solid", start_color=color, end_color=color)
        if "num_format" in props:
            cell.number_format = props["num_format"]
        if props.get("border") or props.get("top"):
            thin = Side(style="thin")
            cell.border = Border(top=thin) if not props.get("border") else Border(thin, thin, thin, thin)

    def put(self, r, c, v, style, fill=None):
        cell = self.ws.cell(r + 1, c + 1)
        cell.value = v
        if isinstance(v, str):
            cell.data_type = "s"  # text that looks like a formula stays text
        self._apply(cell, style, fill)

    def link(self, r, c, location, display, fill=None):
        from openpyxl.worksheet.hyperlink import Hyperlink

        cell = self.ws.cell(r + 1, c + 1)
        cell.value = display
        cell.data_type = "s"
        cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location, display=display)
        self._apply(cell, "link", fill)

    def subtotal(self, r, c, r1, r2, cached, kind):
        from openpyxl.utils import get_column_letter

        col = get_column_letter(c + 1)
        cell = self.ws.cell(r + 1, c + 1)
        cell.value = f"=SUBTOTAL(109,{col}{r1 + 1}:{col}{r2 + 1})"
        self._apply(cell, "total_" + kind)

    def width(self, c, w):
        from openpyxl.utils import get_column_letter

        self.ws.column_dimensions[get_column_letter(c + 1)].width = w

    def height(self, r, h):
        self.ws.row_dimensions[r + 1].height = h

    def freeze(self, r):
        self.ws.freeze_panes = f"A{r + 1}"

    def autofilter(self, head, last, lastcol):
        from openpyxl.utils import get_column_letter

        self.ws.auto_filter.ref = f"A{head + 1}:{get_column_letter(lastcol + 1)}{last + 1}"

    def print_setup(self, head, end, lastcol, footer):
        ws = self.ws
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        left, right, top, bottom, hdr, foot = MARGINS
        ws.page_margins.left, ws.page_margins.right = left, right
        ws.page_margins.top, ws.page_margins.bottom, ws.page_margins.footer = top, bottom, foot
        ws.oddFooter.center.text = footer.replace("&C", "", 1)
        ws.print_title_rows = f"{head + 1}:{head + 1}"


# -- whole workbooks ------------------------------------------------------------------------

def new_workbook(path, kind: str, report_sheets=()):
    """An xlsxwriter workbook for table sheets: Arial 10 (the font rows are measured
    for), no string turned into a formula, URL or number, and rakxl's output mark
    (:mod:`rakxl.marker`) saying it is a ``kind`` output. Built in memory, as every
    workbook rakxl writes: no temporary files holding a plan's text are left in the
    system's temp folder when a run is stopped."""
    import xlsxwriter

    from ..marker import mark_xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                           "strings_to_numbers": False, "in_memory": True,
                                           "default_format_properties": dict(layout.FONT)})
    mark_xlsxwriter(book, kind, report_sheets)
    return book


def write_tables(tables: Sequence[Table], path, inputs=(), lang: str = "id", *, kind: str):
    """Write a workbook of table sheets to ``path`` safely (a temporary file renamed
    into place; ``path`` may not be any of ``inputs``).

    Returns:
        The path written, as a :class:`pathlib.Path`.
    """
    from pathlib import Path

    from xlsxwriter.exceptions import XlsxFileError

    from ..exceptions import RakFileError
    from ..safeio import atomic_output

    with atomic_output(path, inputs) as tmp:
        book = new_workbook(tmp, kind, [t.name for t in tables])
        for table in tables:
            write_table(book.add_worksheet(table.name), table, lang, book=book)
        try:
            book.close()
        except (XlsxFileError, OSError) as exc:
            raise RakFileError.of("error.write_failed", detail=str(exc), path=path) from exc
    return Path(path)
