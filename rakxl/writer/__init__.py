"""Rak -> the official RAK workbook, formatted and ready to print and sign.

Everything about the layout (column titles, widths, kinds, styles, title lines, the
quarter group title, the number format, paper sizes) comes from :mod:`rakxl.layout`;
this module only decides where each value goes.

One sheet per :class:`~rakxl.model.Rak`::

    row 1-3   title lines, merged over the table's width
    row 5-6   the header; "Pelaksanaan Kegiatan Triwulan" merged over I-IV
    row 7     the column numbers (1)..(12)
    row 8..   one row per activity; No/Sasaran merged over the goal, Indikator/Target
              over the indicator, Pagu over each budget line, Pelaksana over each run
              of the same Pelaksana within a goal (never a one-cell merge, never a
              merge across two goals)
    JUMLAH    the total row: a live =SUM(...) over Pagu with its value cached
    then      the signature block at the bottom right

Printing: landscape on the chosen paper, header rows repeated on every page, panes
frozen below the header, "Halaman N dari M" in the footer. To keep the rows of a
goal together the writer puts a manual page break before a goal that would straddle
two pages. Excel ignores manual page breaks when "fit to N pages" is on, so instead
of that setting the writer computes the print scale that makes the table exactly one
page wide (the same result as "fit to 1 page wide") and sets it.

The package: :mod:`.metrics` (sheet rows, column pixels, text measuring),
:mod:`.blocks` (which value goes in which cell or merge), :mod:`.sheet` (one sheet),
:mod:`.printing` (paper, scale, page breaks).
"""
from __future__ import annotations

import re
from pathlib import Path

from .. import layout
from ..exceptions import RakFileError, RakInputError
from ..marker import mark_xlsxwriter
from ..model import Rak
from ..safeio import atomic_output
from .metrics import DATA_ROW, HEADER_ROW, LINE_PT, NUMBER_ROW, ROW_PAD_PT, _column_pixels, _Measure, _row_height
from .printing import LIBREOFFICE_WIDER, MARGINS, MAX_PAGE_BREAKS
from .sheet import _Formats, _SheetWriter

__all__ = ["write_rak", "require_placed_budget", "sheet_names", "DATA_ROW", "HEADER_ROW", "NUMBER_ROW",
           "LINE_PT", "ROW_PAD_PT", "LIBREOFFICE_WIDER", "MARGINS", "MAX_PAGE_BREAKS", "MARK_KINDS",
           # shared with the monev sheet (rakxl.monitoring.workbook) and rakxl.report.table
           "_column_pixels", "_Formats", "_Measure", "_row_height", "_SheetWriter"]

MARK_KINDS = tuple(layout.MARK_COLORS)


def require_placed_budget(rak: Rak, what: str = "error.what_layout") -> None:
    """The KPU layout (and the monev workbook built on it) writes each budget line beside
    the activities it pays for; a family that keeps its lines in a table apart
    (``targets-budget``) cannot be written so without dropping them (a JUMLAH the lines
    would not add up to, a Pagu with no cell for its realisation): refused. ``what`` is
    the catalogue key naming what would be written (``error.what_layout``, ``error.what_monev``).

    Raises:
        RakInputError: naming the family and how many lines stand apart.
    """
    placed = {a.budget_line for a in rak.plan.activities}
    apart = [b.budget_line for b in rak.plan.budget_lines if b.budget_line not in placed]
    if apart:
        from ..i18n import Said

        raise RakInputError.of("error.budget_apart", path=rak.path, sheet=rak.sheet, family=rak.family,
                               n=len(apart), what=Said(what))


def write_rak(rak_or_list, path, *, paper: str = "A4", marks=None, extra_sheets=None,
              kind: str = "format") -> Path:
    """Write one or more RAK tables as the official, print-ready workbook.

    Args:
        rak_or_list: a :class:`~rakxl.model.Rak` or a list of them; each becomes one
            sheet, named after ``rak.sheet`` (made a valid, unique Excel name of at
            most 31 characters).
        path: the .xlsx file to write. It is written to a temporary file first and
            renamed into place, so an interrupted run leaves no half-written file.
            It may not be the file any of the Raks was read from.
        paper: ``"A4"``, ``"F4"`` or ``"Legal"`` (see :data:`rakxl.layout.PAPERS`;
            F4 is printed as Excel's Folio 8.5 x 13 in, which is 215.9 x 330.2 mm).
        marks: cells to highlight, as ``{(rak_index, row_index, role): (kind,
            comment)}``: ``rak_index`` is the Rak's position in the list,
            ``row_index`` the positional index of the row in ``rak.activities``,
            ``role`` a column role (``"kegiatan"``, ``"tw1"``, ``"pagu"``,
            ``"sasaran"``...) or an extra column's name, ``kind`` ``"added"`` (green
            fill) or ``"changed"`` (yellow fill). The cell, or the merged range that
            holds that role for that row, gets the fill and a comment with the text.
            Where several marks fall on one merged range their comments are joined
            and "changed" wins over "added".
        extra_sheets: sheets to put before the RAK sheets, as ``{name: fill}``;
            ``fill(book, worksheet)`` writes the xlsxwriter worksheet (``rakxl diff -o``
            puts its ``Perubahan`` sheet first this way). RAK sheet names keep clear
            of these names.
        kind: the rakxl output this workbook is (:data:`rakxl.marker.KINDS`),
            recorded in its mark with the ``extra_sheets`` as report sheets
            (``rakxl diff -o`` writes ``"diff"``). A ``"format"`` workbook is
            refused when it would drop what the author wrote
            (:func:`rakxl.report.outputs.refuse_lost_text`).

    Returns:
        The path written.

    Raises:
        ValueError: an unknown paper, or a mark that names no Rak, row, column or kind.
        RakFileError: the path is a folder, an input, or cannot be written.
    """
    raks = [rak_or_list] if isinstance(rak_or_list, Rak) else list(rak_or_list)
    if not raks or not all(isinstance(r, Rak) for r in raks):
        raise ValueError("write_rak needs a Rak or a non-empty list of Rak")
    if paper not in layout.PAPERS:
        raise ValueError(f"unknown paper {paper!r}; use one of {', '.join(layout.PAPERS)}")
    for rak in raks:
        require_placed_budget(rak)
    if kind == "format":  # the official layout never drops what the author wrote (issue 15)
        from ..report.outputs import refuse_lost_text

        refuse_lost_text(raks)
    grouped = _group_marks(marks, raks)

    import xlsxwriter
    from xlsxwriter.exceptions import XlsxFileError

    inputs = [r.path for r in raks if r.path]
    with atomic_output(path, inputs) as tmp:
        # Text is written as text, whatever it looks like (merge_range writes its value
        # through write(), which would otherwise make "=..." a formula and "http://..." a link).
        book = xlsxwriter.Workbook(tmp, {"default_format_properties": dict(layout.FONT), "in_memory": True,
                                         "strings_to_formulas": False, "strings_to_urls": False})
        formats = _Formats(book)
        measure = _Measure()
        extra = list(extra_sheets or {})
        names = sheet_names(extra + [r.sheet for r in raks])
        for name, fill in zip(names, (extra_sheets or {}).values()):
            fill(book, book.add_worksheet(name))
        mark_xlsxwriter(book, kind, names[:len(extra)])
        for i, (rak, name) in enumerate(zip(raks, names[len(extra):])):
            _SheetWriter(book, formats, measure, rak, name, layout.PAPERS[paper], grouped.get(i, {}),
                         lean=True).write()
        try:
            book.close()
        except (XlsxFileError, OSError) as exc:
            raise RakFileError.of("error.write_failed", detail=str(exc), path=path) from exc
    return Path(path)


def _group_marks(marks, raks) -> dict[int, dict[tuple[int, str], tuple[str, str]]]:
    """Check the marks and group them by Rak: ``{rak_index: {(row, role): (kind, comment)}}``."""
    out: dict[int, dict] = {}
    for key, value in (marks or {}).items():
        try:
            i, pos, role = key
            kind, comment = value
        except (TypeError, ValueError):
            raise ValueError(f"mark {key!r}: {value!r}: expected (rak, row, role): (kind, comment)") from None
        if kind not in MARK_KINDS:
            raise ValueError(f"mark {key!r}: kind must be one of {', '.join(MARK_KINDS)}, not {kind!r}")
        if not isinstance(i, int) or not 0 <= i < len(raks):
            raise ValueError(f"mark {key!r}: there is no Rak number {i!r} (have {len(raks)})")
        rak = raks[i]
        n = len(rak.plan.activities)
        if not isinstance(pos, int) or not 0 <= pos < n:
            raise ValueError(f"mark {key!r}: Rak {i} has no row {pos!r} (has {n})")
        if role not in layout.COLUMN_BY_ROLE and role not in rak.extra_columns:
            raise ValueError(f"mark {key!r}: unknown column {role!r}")
        out.setdefault(i, {})[(pos, role)] = (kind, "" if comment is None else str(comment))
    return out


_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def sheet_names(names) -> list[str]:
    """Valid, unique Excel sheet names for ``names``, in order.

    Characters Excel refuses (``[ ] : * ? / \\``) become ``_``, leading and trailing
    apostrophes go, names are cut to 31 characters, and a name already taken
    (case-insensitively) gets `` (2)``, `` (3)``... within the 31 characters.
    """
    out, seen = [], set()
    for name in names:
        base = _BAD_SHEET_CHARS.sub("_", str(name or "")).strip().strip("'").strip()[:31].strip() or "RAK"
        if base.lower() == "history":  # reserved by Excel
            base = "RAK History"
        cand, k = base, 2
        while cand.lower() in seen:
            suffix = f" ({k})"
            cand = base[:31 - len(suffix)].rstrip() + suffix
            k += 1
        seen.add(cand.lower())
        out.append(cand)
    return out

