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
from .findings import SEVERITY_LABEL, Finding
from .layout import FINDING_COLORS, STYLES
from .marker import mark_openpyxl
from .safeio import atomic_output, check_output

#: Fill colours of flagged cells, as openpyxl wants them (no '#'); info cells get a comment only.
FILL = {severity: color.lstrip("#") for severity, color in FINDING_COLORS.items()}
HEADER_FILL = STYLES["header"]["bg_color"].lstrip("#")
SHEET_TITLE = "Temuan"
COMMENT_AUTHOR = "rakxl"
_RANK = {"error": 0, "warning": 1, "info": 2}
_HEADERS = {
    "id": ("No", "Tingkat", "Kode", "Sheet", "Sel", "Sasaran", "Pesan"),
    "en": ("No", "Severity", "Code", "Sheet", "Cell", "Goal", "Message"),
}


def annotate(path, findings: list[Finding], out, *, lang: str = "id") -> Path:
    """Write an annotated copy of workbook ``path`` to ``out``.

    Args:
        path: the checked .xlsx or .xlsm workbook (never modified).
        findings: what :func:`rakxl.check_file` found in it.
        out: the copy to write; must end in .xlsx and must not be ``path``.
        lang: language of comments and of the ``Temuan`` sheet (``id`` or ``en``).

    Returns:
        The path written.

    Raises:
        RakFileError: ``out`` is the input, a folder, or not .xlsx; or the input is
            an .xls file.
    """
    from .workbook import sniff

    out = check_output(out, [path])
    if out.suffix.lower() != ".xlsx":
        raise RakFileError("salinan beranotasi harus bernama .xlsx", path=out)
    if sniff(Path(path)) == "xls":
        raise RakFileError("file .xls (Excel 97-2003) tidak dapat diberi anotasi; buka di Excel, simpan "
                           "ulang sebagai .xlsx, lalu jalankan lagi rakxl check --annotate", path=path)
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
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
            raise RakInputError(f"openpyxl tidak dapat membuka workbook ini untuk diberi anotasi ({exc}); "
                                "buka di Excel lalu simpan ulang sebagai .xlsx", path=path) from None
    for finding in _by_cell(findings):
        if finding.sheet in book.sheetnames and finding.cell:
            _mark(book[finding.sheet], finding, [f for f in findings if _same_place(f, finding)], lang)
    title = _findings_sheet(book, findings, lang)
    mark_openpyxl(book, "annotate", (title,))
    with atomic_output(out, [path]) as tmp:
        book.save(tmp)
    return out


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
    text = "\n".join(f"[{SEVERITY_LABEL[f.severity][lang == 'en']}] {f.text(lang)} ({f.code})" for f in here)
    if target.comment is not None and target.comment.text:
        text = f"{target.comment.text}\n\n{COMMENT_AUTHOR}:\n{text}"
    comment = Comment(text, COMMENT_AUTHOR)
    comment.width, comment.height = 320, 40 + 50 * len(here)
    target.comment = comment


def _findings_sheet(book, findings: list[Finding], lang: str) -> str:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    title = SHEET_TITLE
    n = 2
    while title in book.sheetnames:
        title = f"{SHEET_TITLE} {n}"
        n += 1
    ws = book.create_sheet(title, 0)
    for other in book.worksheets:
        other.sheet_view.tabSelected = False
    book.active = 0
    ws.sheet_view.tabSelected = True
    ws.append(list(_HEADERS["en" if lang == "en" else "id"]))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    for i, f in enumerate(findings, start=1):
        ws.append([i, SEVERITY_LABEL[f.severity][lang == "en"], f.code, f.sheet, f.cell or "", f.no or "",
                   f.text(lang)])
        row = ws.max_row
        for cell in ws[row]:
            if cell.data_type == "f":  # text from the sheet that looks like a formula stays text
                cell.data_type = "s"
        color = FILL.get(f.severity)
        if color:
            ws.cell(row, 2).fill = PatternFill(fill_type="solid", start_color=color, end_color=color)
        link = ws.cell(row, 5)
        if f.sheet in book.sheetnames:
            quoted = f.sheet.replace("'", "''")
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!{f.cell or 'A1'}",
                                       display=f.cell or f.sheet)
            link.style = "Hyperlink"
            if not f.cell:
                link.value = f.sheet
        for c in range(1, 8):
            ws.cell(row, c).alignment = Alignment(wrap_text=c == 7, vertical="top")
        # openpyxl does not size rows; give wrapped messages room (about 85 characters a line)
        ws.row_dimensions[row].height = 15 * max(1, -(-len(f.text(lang)) // 85))
    for letter, width in zip("ABCDEFG", (5, 11, 22, 16, 8, 9, 90)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:G{max(ws.max_row, 1)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    return title
