"""The annotated copy: the input workbook with every finding shown inside Excel.

:func:`annotate` writes a copy of an .xlsx/.xlsm workbook (the input is only read) in
which each flagged cell is filled (red for an error, amber for a warning) and carries
a comment with the message, and a first sheet ``Temuan`` lists every finding with a
hyperlink to its cell. The copy is made by openpyxl (load, then save), so cell
formatting, merges, column widths and formulas of the original are kept; pictures and
charts are not (openpyxl drops them).

An .xls (Excel 97-2003) file cannot be copied this way: rakxl says so and asks for the
file to be saved again as .xlsx.
"""
from __future__ import annotations

from pathlib import Path

from .exceptions import RakFileError
from .findings import Finding
from .layout import FINDING_COLORS
from .i18n import text
from .marker import mark_openpyxl
from .safeio import atomic_output, check_output

#: Fill colours of flagged cells, as openpyxl wants them (no '#'); info cells get a comment only.
FILL = {severity: color.lstrip("#") for severity, color in FINDING_COLORS.items()}
SHEET_TITLE = "Temuan"
COMMENT_AUTHOR = "rakxl"
_RANK = {"error": 0, "warning": 1, "info": 2}


def check_annotate_output(path, out) -> Path:
    """Refuse, before any work, an annotated copy that cannot be written: ``out`` the
    input, a folder, not a regular file, or not .xlsx.

    Raises:
        RakFileError: naming the path.
    """
    target = check_output(out, [path])
    if Path(out).suffix.lower() != ".xlsx":
        raise RakFileError.of("error.annotate_suffix", path=out)
    return target


def annotate(path, out, findings: list[Finding] | None = None, *, lang: str = "id") -> Path:
    """Write an annotated copy of workbook ``path`` to ``out``.

    Args:
        path: the .xlsx or .xlsm workbook to check (never modified).
        out: the copy to write; must end in .xlsx and must not be ``path``.
        findings: what :func:`rakxl.check_file` found in it (None: check it now).
        lang: language of comments and of the ``Temuan`` sheet (``id`` or ``en``).

    Returns:
        The path written.

    Raises:
        RakFileError: ``out`` is the input, a folder, or not .xlsx; or the input is
            an .xls file.
        RakError: the workbook cannot be read (when ``findings`` is None).
    """
    from .workbook import sniff

    check_annotate_output(path, out)
    if sniff(Path(path)) == "xls":
        raise RakFileError.of("error.annotate_xls", path=path)
    if findings is None:
        from .checker import check_file

        findings = check_file(path)
    import warnings

    import openpyxl

    import zipfile

    from .exceptions import RakInputError

    with warnings.catch_warnings(), open(path, "rb") as fh:
        # "Data Validation extension is not supported and will be removed" and the like
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        try:
            # An open file, not the path: openpyxl refuses names not ending in .xlsx/.xlsm
            # (an .xlsx saved as .xls is read fine by rakxl).
            book = openpyxl.load_workbook(fh, rich_text=True)
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError, AttributeError,
                SyntaxError) as exc:  # SyntaxError: XML ParseError (a junk byte before the XML)
            raise RakInputError.of("error.annotate_open", path=path, detail=str(exc)) from None
    for finding in _by_cell(findings):
        if finding.sheet in book.sheetnames and finding.cell:
            _mark(book[finding.sheet], finding, [f for f in findings if _same_place(f, finding)], lang)
    title = _findings_sheet(book, findings, lang)
    mark_openpyxl(book, "annotate", (title,))
    with atomic_output(out, [path]) as tmp:
        book.save(tmp)
    return Path(out)


def _same_place(a: Finding, b: Finding) -> bool:
    return a.sheet == b.sheet and a.cell == b.cell


def _by_cell(findings):
    """One finding per flagged cell: the most severe of those there."""
    best: dict[tuple, Finding] = {}
    for f in findings:
        key = (f.sheet, f.cell)
        if key not in best or _RANK[f.severity] < _RANK[best[key].severity]:
            best[key] = f
    return list(best.values())


def _top_left(ws, cell: str) -> str:
    """The cell that shows a merged range's content and format (``cell`` itself when unmerged)."""
    for rng in ws.merged_cells.ranges:
        if cell in rng:
            return rng.start_cell.coordinate
    return cell


def _mark(ws, worst: Finding, here: list[Finding], lang: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    target = ws[_top_left(ws, worst.cell)]
    color = FILL.get(worst.severity)
    if color:
        target.fill = PatternFill(fill_type="solid", start_color=color, end_color=color)
    note = "\n".join(f"[{text(f'severity.{f.severity}', lang)}] {f.text(lang)} ({f.code})" for f in here)
    if target.comment is not None and target.comment.text:
        note = f"{target.comment.text}\n\n{COMMENT_AUTHOR}:\n{note}"
    comment = Comment(note, COMMENT_AUTHOR)
    comment.width, comment.height = 320, 40 + 50 * len(here)
    target.comment = comment


def _findings_sheet(book, findings: list[Finding], lang: str) -> str:
    """The first sheet of the copy: every finding, each linked to its cell
    (:func:`rakxl.report.findings_table`, written by the one table writer)."""
    from .report.outputs import findings_table
    from .report.table import write_table

    title = SHEET_TITLE
    n = 2
    while title in book.sheetnames:
        title = f"{SHEET_TITLE} {n}"
        n += 1
    table = findings_table(findings, lang, with_file=False, sheets=list(book.sheetnames), name=title)
    ws = book.create_sheet(title, 0)
    for other in book.worksheets:
        other.sheet_view.tabSelected = False
    book.active = 0
    ws.sheet_view.tabSelected = True
    write_table(ws, table, lang)
    return title
