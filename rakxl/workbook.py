"""Workbook files -> cell grids with merged ranges.

This is the only module that opens spreadsheet files for reading. It decides the
format from the file's bytes (never its extension), runs the safety checks of
:mod:`rakxl.guard` before any parser sees the file, then reads values and merged
ranges with python-calamine (the fastest merge-aware reader for .xlsx and .xls).

What calamine does not give (number formats, error cells, formulas without a saved
value) is taken from the sheet's own XML (.xlsx) or from xlrd (.xls), lazily, only
for the cells that need it.
"""
from __future__ import annotations

import datetime as _dt
import io
import re
from functools import cached_property
from pathlib import Path

from .i18n import number as _n
from . import guard
from .exceptions import RakInputError
from .a1 import a1
from .formulas import FormulaError, evaluate

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

#: Excel's built-in number format ids that show a percentage.
_BUILTIN_PERCENT = {9, 10}


def sniff(path: Path) -> str:
    """Tell what a file is from its first bytes: ``"xlsx"`` or ``"xls"``.

    Raises:
        RakInputError: for anything that is not a workbook rakxl can read, with a
            message saying what the file is and what to do.
    """
    with guard.open_input(path, guard.default_limits()) as fh:
        return _sniff_head(fh.read(4096), path)


def _sniff_head(head: bytes, path) -> str:
    if not head:
        raise RakInputError("file kosong (0 byte), bukan workbook Excel; minta file aslinya lagi "
                            "(mungkin gagal tersalin), atau simpan ulang sebagai .xlsx", path=path)
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE2_MAGIC):
        return "xls"  # an encrypted workbook is told from the container's directory (guard.load_xls)
    raise RakInputError(describe_non_workbook(head), path=path)


def describe_non_workbook(head: bytes) -> str:
    """A message saying what a non-workbook file looks like and how to fix it."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"urn:schemas-microsoft-com:office:spreadsheet" in text or (
            text.startswith(b"<?xml") and b"<workbook" in text):
        kind = "XML Spreadsheet 2003 (sering dari ekspor aplikasi web) yang diberi nama workbook"
    elif text.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) or b"<html" in text[:512]:
        kind = "halaman HTML (sering dari ekspor aplikasi web) yang diberi nama workbook"
    elif text.startswith(b"%pdf"):
        kind = "dokumen PDF"
    elif b"\x00" not in head:
        sample = head.decode("utf-8", "replace")
        kind = "file teks/CSV" if ("," in sample or ";" in sample or "\t" in sample) else "file teks biasa"
    else:
        kind = "file yang bukan workbook Excel"
    return f"bukan workbook Excel: isinya {kind}; buka di Excel lalu simpan ulang sebagai .xlsx"


class Workbook:
    """An open workbook: its sheet names and, on demand, each sheet's :class:`Grid`.

    Args:
        path: the file to read. It is only ever opened for reading.
        limits: the safety limits to apply (:data:`rakxl.guard.DEFAULT_LIMITS`).
    """

    def __init__(self, path, limits: guard.Limits | None = None):
        self.path = Path(path)
        self.limits = limits or guard.default_limits()
        self._parts: dict[str, str] = {}
        self._package: guard.XlsxPackage | None = None
        self._xls_bytes: bytes | None = None
        self._formula_cells = 0  # cells read by formula evaluation, the whole workbook (Limits.max_formula_cells)
        # The file is opened once (a regular file, within the size limit, checked
        # before any byte is read); the parser is then given exactly the bytes the
        # guard checked: for an .xlsx a new zip of the parts it inflated and parsed,
        # for an .xls a new container holding only the stream whose records it walked
        # (xlrd reads the same bytes for the side information).
        with guard.open_input(self.path, self.limits) as fh:
            self.format = _sniff_head(fh.read(4096), self.path)
            if self.format == "xlsx":
                self._package = guard.load_xlsx(self.path, self.limits, fh)
                self._parts = self._package.parts
                source = self._package.zip_bytes()
            else:
                source = self._xls_bytes = guard.load_xls(self.path, self.limits, fh)
        import python_calamine

        try:
            self._book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(source))
            metadata = self._book.sheets_metadata
        except python_calamine.PasswordError:
            raise RakInputError("workbook dilindungi kata sandi; hapus kata sandinya lalu simpan ulang",
                                path=self.path) from None
        except (python_calamine.CalamineError, ValueError, OSError) as exc:
            raise RakInputError(f"workbook rusak atau tidak lengkap ({_short(exc)}); buka di Excel lalu "
                                "simpan ulang sebagai .xlsx", path=self.path) from None
        except BaseException as exc:  # a panic in calamine (issue 7: found by the .xls fuzz)
            if not guard.is_calamine_panic(exc):
                raise
            raise RakInputError(f"workbook rusak ({_short(exc)}); buka di Excel lalu simpan ulang sebagai .xlsx",
                                path=self.path) from None
        del source
        if self._package is not None:  # only the sheets are read again (side information)
            from .marker import CUSTOM_PART

            sheets = {part for key, part in self._parts.items() if key.startswith("sheet:")} | {CUSTOM_PART}
            self._package.data = {k: v for k, v in self._package.data.items() if k in sheets}
        self.sheet_names = [m.name for m in metadata if str(m.typ).endswith("WorkSheet")]
        self.hidden = {m.name for m in metadata if not str(m.visible).endswith(".Visible")}
        self._grids: dict[str, Grid] = {}

    def close(self) -> None:
        """Release the file: the zip and xlrd handles and calamine's workbook.

        Windows refuses to replace a file that is still open, so readers close the
        workbook as soon as the sheets are read (``rakxl format --in-place``)."""
        xls = self.__dict__.pop("_xlrd_book", None)
        if xls is not None:
            xls.release_resources()
        book = getattr(self, "_book", None)
        if book is not None and hasattr(book, "close"):
            book.close()
        self._grids = {}
        self._package = None
        self._xls_bytes = None

    def __enter__(self) -> "Workbook":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def grid(self, name: str) -> "Grid":
        """The cell grid of sheet ``name`` (read once, then kept)."""
        if name not in self._grids:
            self._grids[name] = Grid(self, name)
        return self._grids[name]

    # -- side information: what calamine does not give -------------------------

    @property
    def _percent_styles(self) -> frozenset:
        """Indexes of the cell styles (xf) whose number format shows a percentage."""
        return self._package.percent_styles if self._package is not None else frozenset()

    @cached_property
    def _xlrd_book(self):
        import xlrd

        try:  # the bytes the guard walked; sloppy containers read as LibreOffice and calamine read them
            return xlrd.open_workbook(file_contents=self._xls_bytes, formatting_info=True, on_demand=True,
                                      logfile=io.StringIO(),  # xlrd's notes on damaged files: not on stdout
                                      ignore_workbook_corruption=True)
        except Exception as exc:  # xlrd raises many unrelated types for damaged files
            raise RakInputError(f"format .xls tidak dapat dibaca ({_short(exc)})", path=self.path) from None

    @cached_property
    def output_mark(self):
        """The :class:`rakxl.marker.OutputMark` when rakxl wrote this workbook, else None.

        Read from the part the guard has checked (.xlsx; legacy .xls carry no mark)."""
        if self.format != "xlsx":
            return None
        from .marker import _MAX_CUSTOM_BYTES, CUSTOM_PART, parse_custom

        data = self._package.data.get(CUSTOM_PART) if self._package is not None else None
        if data is None or len(data) > _MAX_CUSTOM_BYTES:
            return None
        return parse_custom(data)

    @property
    def plan_sheets(self) -> list[str]:
        """The sheets that may hold a plan: all but the report sheets rakxl wrote
        (``Perubahan``, ``Temuan``... named in :attr:`output_mark`)."""
        mark = self.output_mark
        if mark is None:
            return list(self.sheet_names)
        if mark.report_only:
            return []
        return [n for n in self.sheet_names if n not in mark.report_sheets]

    def sheet_xml(self, name: str) -> bytes | None:
        """The XML of sheet ``name`` (.xlsx) as the guard inflated and checked it,
        None when it has no sheet part."""
        part = self._parts.get("sheet:" + name)
        if not part or self._package is None:
            return None
        return self._package.data.get(part)

    def side_info(self, name: str) -> "guard.SideInfo":
        """Errors, formulas and percent cells of sheet ``name`` (.xlsx): from the
        guard's exact pass when it read the sheet, else by the pattern path (or the
        exact pass, when the sheet is not written plainly enough for it)."""
        part = self._parts.get("sheet:" + name)
        if not part or self._package is None:
            return guard.SideInfo()
        scan = self._package.scans.get(part)
        if scan is not None and scan.side is not None:
            return scan.side
        xml = self._package.data.pop(part, None)
        if xml is None:
            return guard.SideInfo()
        return _SideInfo.from_xml(xml, self._percent_styles, limits=self.limits, path=self.path, sheet=name,
                                  budget=self._package.budget, strict=scan is not None and scan.strict)

    def count_formula_cells(self, n: int = 1) -> None:
        """Charge ``n`` cells read by formula evaluation to ``Limits.max_formula_cells``."""
        self._formula_cells += n
        if self._formula_cells > self.limits.max_formula_cells:
            from .exceptions import RakHostileError

            raise RakHostileError(
                f"rumus tanpa nilai tersimpan di workbook ini membaca lebih dari {_n(self.limits.max_formula_cells)} "
                f"sel; bila file ini memang sah, naikkan batasnya (Limits / RAKXL_LIMITS); file ditolak",
                path=self.path)


class Grid:
    """The cells of one sheet, addressed by 0-based (row, col) as in the file.

    Attributes:
        name: the sheet name.
        hidden: whether the sheet is hidden.
        rows: the values, ``rows[r - top][c - left]``; '' for empty cells.
        top, left: where ``rows`` starts in the sheet.
        nrows, ncols: one past the last row and column that hold anything.
        merges: merged ranges as ``(r1, c1, r2, c2)``, 0-based and inclusive, cut to
            the cells the sheet holds (:func:`rakxl.guard.clip_merges`).
    """

    def __init__(self, book: Workbook, name: str):
        self.book = book
        self.name = name
        self.hidden = name in book.hidden
        try:
            sheet = book._book.get_sheet_by_name(name)
            self.rows = sheet.to_python()
            self.top, self.left = sheet.start or (0, 0)
            merges = sheet.merged_cell_ranges or []
        except Exception as exc:  # calamine's own error types differ by version
            raise RakInputError(f"sheet tidak dapat dibaca ({_short(exc)})", path=book.path, sheet=name) from None
        except BaseException as exc:  # a panic in calamine (issue 7)
            if not guard.is_calamine_panic(exc):
                raise
            raise RakInputError(f"sheet tidak dapat dibaca ({_short(exc)})", path=book.path, sheet=name) from None
        self.nrows = self.top + len(self.rows)
        self.ncols = self.left + max(map(len, self.rows), default=0)
        # cut to the cells the sheet holds; refused when absurd (issue 7)
        self.merges = guard.clip_merges(merges, self.nrows, self.ncols, book.limits, path=book.path, sheet=name)
        self._formula_stack: set = set()
        self._evaluated: dict = {}  # (r, c) -> value or FormulaError of an evaluated formula

    def value(self, r: int, c: int):
        """The value at (r, c): str, float, int, bool, date/datetime, or '' when empty."""
        i, j = r - self.top, c - self.left
        if 0 <= i < len(self.rows):
            row = self.rows[i]
            if 0 <= j < len(row):
                return row[j]
        return ""

    # -- side information ------------------------------------------------------

    @cached_property
    def _side(self) -> "_SideInfo":
        if self.book.format == "xlsx":
            return self.book.side_info(self.name)
        try:
            return _SideInfo.from_xlrd(self.book._xlrd_book, self.name)
        except RakInputError:
            raise
        except Exception as exc:  # xlrd raises many unrelated types for damaged sheets (issue 7 fuzz)
            raise RakInputError(f"sheet .xls rusak ({_short(exc)}); buka di Excel lalu simpan ulang sebagai .xlsx",
                                path=self.book.path, sheet=self.name) from None

    @property
    def errors(self) -> dict[tuple[int, int], str]:
        """Every error value of the sheet (``#REF!``...) by 0-based (row, col)."""
        return self._side.errors

    @property
    def formulas(self) -> dict[tuple[int, int], tuple[str, str | None]]:
        """Every formula of the sheet, ``(formula, cached value text or None)`` by (row, col)."""
        return self._side.formulas

    def error(self, r: int, c: int) -> str | None:
        """The error value (``#REF!``...) shown at (r, c), or None."""
        return self._side.errors.get((r, c))

    def formula(self, r: int, c: int) -> tuple[str, str | None] | None:
        """``(formula, cached value text or None)`` for a formula cell, else None."""
        return self._side.formulas.get((r, c))

    def is_percent(self, r: int, c: int) -> bool:
        """Whether the cell's number format shows a percentage."""
        return (r, c) in self._side.percent

    def evaluate(self, r: int, c: int) -> float | None:
        """Evaluate the formula at (r, c) when it is plain arithmetic, references or SUM.

        Returns None when there is no formula; raises FormulaError when it cannot be
        evaluated. Referenced cells that are themselves formulas without a saved value
        are evaluated in turn.
        """
        found = self.formula(r, c)
        if not found:
            return None
        key = (r, c)
        # Each formula is evaluated once (issue 7): without this, formulas that each
        # refer twice to the next one cost 2^n evaluations, hours for a 3 KB file.
        if key in self._evaluated:
            value = self._evaluated[key]
            if isinstance(value, FormulaError):
                raise value
            return value
        if key in self._formula_stack:
            raise FormulaError("circular reference")
        # the cells this formula reads, charged to the workbook's budget before it
        # reads them (500 ranges of 99,999 cells are refused at once, not after minutes)
        self.book.count_formula_cells(_cells_referenced(found[0]))
        self._formula_stack.add(key)
        try:
            value = evaluate(found[0], self._resolve)
        except FormulaError as exc:
            self._evaluated[key] = exc
            raise
        finally:
            self._formula_stack.discard(key)
        self._evaluated[key] = value
        return value

    def _resolve(self, sheet: str | None, r: int, c: int):
        grid = self
        if sheet is not None and sheet != self.name:
            if sheet not in self.book.sheet_names:
                raise FormulaError(f"no sheet {sheet}")
            grid = self.book.grid(sheet)
        if grid.error(r, c):
            raise FormulaError(grid.error(r, c))
        v = grid.value(r, c)
        if v == "" or v is None:
            if grid.formula(r, c):
                return grid.evaluate(r, c)
            return None
        if isinstance(v, bool):
            return float(v)
        if isinstance(v, (int, float)):
            return float(v)
        if isinstance(v, str):
            return None  # text: SUM skips it
        raise FormulaError(f"{a1(r, c)} is not a number")


class _SideInfo(guard.SideInfo):
    """Errors, formulas and percent formats of one sheet, keyed by (row, col)."""

    @classmethod
    def from_xml(cls, xml: bytes | None, percent_styles, *, limits=None, path=None, sheet=None,
                 budget=None, strict: bool = False) -> "guard.SideInfo":
        """By the pattern path when the sheet is written plainly, else by the
        exact pass (within the workbook's budget of exactly read elements)."""
        if not xml:
            return cls()
        limits = limits or guard.DEFAULT_LIMITS
        xml = guard._utf8(xml, "sheet", path)
        side = guard.fast_side_info(xml, percent_styles, strict)
        if side is None:
            guard._count_elements(xml, sheet or "sheet", path, limits, budget or guard._Budget())
            side = guard.scan_exact(xml, limits, path=path, sheet=sheet, percent_styles=percent_styles)[1]
        return side

    @classmethod
    def from_xlrd(cls, book, name: str) -> "_SideInfo":
        import xlrd

        info = cls()
        sheet = book.sheet_by_name(name)
        for r in range(sheet.nrows):
            for c, cell in enumerate(sheet.row(r)):
                if cell.ctype == xlrd.XL_CELL_ERROR:
                    info.errors[(r, c)] = xlrd.error_text_from_code.get(cell.value, "#N/A")
                elif cell.ctype == xlrd.XL_CELL_NUMBER:
                    xf = book.xf_list[cell.xf_index]
                    fmt = book.format_map.get(xf.format_key)
                    if fmt is not None and "%" in re.sub(r'"[^"]*"|\\.', "", fmt.format_str):
                        info.percent.add((r, c))
        return info


_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?")


def _cells_referenced(formula: str) -> int:
    """How many cells the references of ``formula`` cover (an upper bound of
    what evaluating it reads; each formula is evaluated once)."""
    from .a1 import column_index

    total = 0
    for m in _REFERENCE.finditer(formula):
        if m.group(3) is None:
            total += 1
        else:
            rows = abs(int(m.group(4)) - int(m.group(2))) + 1
            cols = abs(column_index(m.group(3)) - column_index(m.group(1))) + 1
            total += rows * cols
    return total


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def to_text(value) -> str | None:
    """A cell value as the text a person sees, None when empty (no number formats)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time, _dt.timedelta)):
        return str(value)
    return str(value)
