"""Workbook files -> cell grids with merged ranges.

This is the only module that opens spreadsheet files for reading. It decides the
format from the file's bytes (never its extension), runs the safety checks of
:mod:`rakxl.guard` before any parser sees the file, then reads values and merged
ranges with python-calamine (the fastest merge-aware reader for .xlsx and .xls).

What calamine does not give (number formats, error cells, formulas without a saved
value) is taken from the sheet's own XML (.xlsx) or from xlrd (.xls), lazily, only
for the cells that need it. One sheet's cells are a :class:`~rakxl.sheet.Grid`
(:mod:`rakxl.sheet`, imported here too, as :func:`~rakxl.sheet.to_text` is).
"""
from __future__ import annotations

import io
from functools import cached_property
from pathlib import Path

from . import guard
from .exceptions import RakInputError, first_line
from .i18n import Said, numbers, say
from .sheet import Grid, to_text

__all__ = ["Grid", "Workbook", "describe_non_workbook", "sniff", "to_text"]  # Grid, to_text: from .sheet

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


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
        raise RakInputError.of("error.empty", path=path)
    if head.startswith(ZIP_MAGIC):
        return "xlsx"
    if head.startswith(OLE2_MAGIC):
        return "xls"  # an encrypted workbook is told from the container's directory (guard.load_xls)
    raise RakInputError.of("error.not_workbook", path=path, what=Said(f"error.what.{_non_workbook_kind(head)}"))


def describe_non_workbook(head: bytes, lang: str = "id") -> str:
    """A message saying what a non-workbook file looks like and how to fix it."""
    return say("error.not_workbook", lang, what=say(f"error.what.{_non_workbook_kind(head)}", lang))


def _non_workbook_kind(head: bytes) -> str:
    """What a non-workbook file looks like: a key of ``error.what.*`` in the catalogue."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"urn:schemas-microsoft-com:office:spreadsheet" in text or (
            text.startswith(b"<?xml") and b"<workbook" in text):
        return "xml2003"
    if text.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) or b"<html" in text[:512]:
        return "html"
    if text.startswith(b"%pdf"):
        return "pdf"
    if b"\x00" not in head:
        sample = head.decode("utf-8", "replace")
        return "csv" if ("," in sample or ";" in sample or "\t" in sample) else "text"
    return "other"


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
            raise RakInputError.of("error.password", path=self.path) from None
        except (python_calamine.CalamineError, ValueError, OSError) as exc:
            raise RakInputError.of("error.incomplete", path=self.path, detail=first_line(exc)) from None
        except BaseException as exc:  # a panic in calamine (issue 7: found by the .xls fuzz)
            if not guard.is_calamine_panic(exc):
                raise
            raise RakInputError.of("error.damaged", path=self.path, detail=first_line(exc)) from None
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

    def grid(self, name: str) -> Grid:
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
            raise RakInputError.of("error.xls_unreadable", path=self.path, detail=first_line(exc)) from None

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
        return guard.side_info(xml, self._percent_styles, limits=self.limits, path=self.path, sheet=name,
                               budget=self._package.budget, strict=scan is not None and scan.strict)

    def count_formula_cells(self, n: int = 1) -> None:
        """Charge ``n`` cells read by formula evaluation to ``Limits.max_formula_cells``."""
        self._formula_cells += n
        if self._formula_cells > self.limits.max_formula_cells:
            from .guard.limits import _hostile

            raise _hostile("hostile.formula_cells", self.path, limit=numbers(self.limits.max_formula_cells))
