"""Cell grid -> :class:`~rakxl.model.Rak`, in stages (one module each, ARCHITECTURE.md):

- :mod:`~rakxl.reader.grid`: the table's cells, as the texts a person sees;
- :mod:`~rakxl.reader.header`: the header row and the role of each column;
- :mod:`~rakxl.reader.rows`: the kind of each row (blank, heading, total, signature, table);
- :mod:`~rakxl.reader.hierarchy`: goals, indicators, activities and budget lines
  (with :mod:`~rakxl.reader.merges` and :mod:`~rakxl.reader.pagu`);
- :mod:`~rakxl.reader.meta`: the title and the signature block;
- :mod:`~rakxl.reader.assembly`: the :class:`~rakxl.model.Rak`.

The reader finds the header by its words (:mod:`rakxl.layout`), maps each column to
its role, then walks the rows below once. The hierarchy (goal -> indicator ->
activity) may be written three ways and all three read the same:

- merged cells: the value stands in the top-left cell of a vertical merge;
- blank continuation cells with no merges (pasted from Word or PDF);
- the same text repeated on every row.

Pagu Anggaran is never forward-filled: each Pagu cell or merged Pagu range is one
budget line, counted once, covering the rows of its merge (or, unmerged, the rows
down to the next Pagu of the same goal).

Rows that are not activities are recognised and skipped: blank rows, the column-number
row, the header repeated at a page break (a merge split by such a break continues
below it, blank or with its text repeated) and the total row (``JUMLAH``), whose
amount is kept as :attr:`Rak.stated_total`. What only a cell can tell (an amount typed
as text, a Pagu that is no amount, a formula without a saved value, a gap in a merged
column) is recorded in :attr:`Rak.notes` for the checker; no single cell makes the
sheet unreadable. The README's "Layouts rakxl reads" lists every layout tested.

Before the KPU header search, the family stage (:mod:`rakxl.reader.families`) looks at
the header rows for the words of the other RAK families (README, "RAK families"): a
work plan, a targets table with a budget table, a Pemda rencana aksi, a monthly plan.
It reads such a sheet into the same model (``Rak.family`` says which) and leaves every
other sheet to the stages above, unchanged.
"""
from __future__ import annotations

from ..exceptions import RakInputError
from ..i18n import labels
from ..model import Rak
from ..workbook import Workbook
from . import families  # noqa: F401 - the family stage, which every read runs first (assembly.read_grid)
from .assembly import read_grid
from .contract import examine, refusal
from .header import HEADER_SEARCH_ROWS, find_header
from .meta import parse_date, read_meta

__all__ = ["read_rak", "read_rak_and_others", "read_workbook", "read_grid", "find_header", "read_meta", "parse_date",
           "HEADER_SEARCH_ROWS"]


def read_rak(path, sheet: str | int | None = None, *, limits=None, scale: int | None = None) -> Rak:
    """Read one RAK table.

    Args:
        path: an .xlsx, .xlsm or .xls workbook (the format is told from the bytes).
        sheet: the sheet's name or 0-based index; None for the first sheet that
            holds a RAK table.
        limits: :class:`rakxl.guard.Limits` to use instead of the defaults.
        scale: amounts "in thousands": multiply the amounts of a Pagu column whose
            header says so (``Pagu Anggaran (Rp. 000)``) by this (1000); Rak.notes says
            so (``amount-scaled``). Without it such a sheet is refused.

    Returns:
        The :class:`~rakxl.model.Rak` of that sheet.

    Raises:
        RakError: the file cannot be read, the sheet does not exist, or holds no
            RAK table. The message names the file and the sheet.
    """
    with Workbook(path, limits) as book:
        return _read_one(book, path, sheet, scale)


def _read_one(book: Workbook, path, sheet, scale=None) -> Rak:
    if sheet is None:
        for name in book.plan_sheets:
            rak = read_grid(book.grid(name), path, scale=scale)
            if rak is not None:
                return rak
        raise _no_table(book)
    if isinstance(sheet, str) and sheet not in book.sheet_names and sheet.isdigit():
        sheet = int(sheet)  # "--sheet 0" on the command line
    if isinstance(sheet, int):
        if not 0 <= sheet < len(book.sheet_names):
            raise RakInputError.of("error.no_sheet_number", path=path, n=sheet, count=len(book.sheet_names))
        sheet = book.sheet_names[sheet]
    if sheet not in book.sheet_names:
        raise RakInputError.of("error.no_sheet", path=path, name=sheet, names=", ".join(book.sheet_names))
    if sheet not in book.plan_sheets:  # a report sheet rakxl wrote (Perubahan, Temuan, Total...)
        raise RakInputError.of("report_sheet", path=path, sheet=sheet, what=labels(book.output_mark))
    rak = read_grid(book.grid(sheet), path, scale=scale)
    if rak is None:
        raise refusal(path, [sheet], [examine(book.grid(sheet))])
    return rak


def read_rak_and_others(path, sheet: str | int | None = None, *, limits=None) -> tuple[Rak, list[str]]:
    """:func:`read_rak`, and the names of the workbook's other RAK sheets (in workbook
    order), so that a reader of one sheet can say which it used and which it did not.

    A sheet is another RAK sheet when it reads as one; a sheet refused by the table
    contract is not listed (reading it by name says why).
    """
    with Workbook(path, limits) as book:
        rak = _read_one(book, path, sheet)
        others = []
        for name in book.plan_sheets:
            if name == rak.sheet:
                continue
            try:
                if read_grid(book.grid(name), path) is not None:
                    others.append(name)
            except RakInputError:
                pass
        return rak, others


def read_workbook(path, *, limits=None, scale: int | None = None) -> list[Rak]:
    """Read every sheet that holds a RAK table, in workbook order.

    Sheets without a RAK table (instructions, lookups, helper sheets) are skipped.
    ``scale``: as in :func:`read_rak`.

    Raises:
        RakError: the file cannot be read, or no sheet holds a RAK table (the
            message names the sheets looked at).
    """
    with Workbook(path, limits) as book:
        return read_book(book, path, scale=scale)


def read_book(book: Workbook, path=None, *, scale: int | None = None) -> list[Rak]:
    """:func:`read_workbook` of a :class:`~rakxl.workbook.Workbook` already open (for a
    caller that reads more of the same file, such as the monev reader: one open)."""
    raks = [r for r in (read_grid(book.grid(n), path, scale=scale) for n in book.plan_sheets) if r is not None]
    if not raks:
        raise _no_table(book)
    return raks


def _no_table(book: Workbook) -> RakInputError:
    """The refusal of a workbook in which no sheet is a RAK table: the sheets looked at,
    the best candidate header, the roles it has and misses, what it looks like."""
    mark = book.output_mark
    if mark is not None and not book.plan_sheets:  # a totals or findings workbook rakxl wrote
        return RakInputError.of("report_only", path=book.path, what=labels(mark))
    sheets = book.plan_sheets
    return refusal(book.path, sheets, [examine(book.grid(n)) for n in sheets])
