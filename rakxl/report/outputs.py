"""Every file the command line writes, as a public Python function.

Each ``write_*`` function picks the format from the output's suffix (and refuses a
suffix it does not write), writes through :func:`rakxl.safeio.atomic_output` and
never writes over one of its inputs:

- :func:`write_totals`: a :func:`rakxl.budget_totals` table (``rakxl totals -o``);
- :func:`write_findings`: findings of :func:`rakxl.check` (``rakxl check -o``);
- :func:`write_export`: a RAK's tables (``rakxl export -o``);
- :func:`to_json`: a RAK as plain JSON data (``rakxl export`` to the screen).

The diff's outputs are :func:`rakxl.write_diff`; the annotated copy is
:func:`rakxl.annotate`.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from ..i18n import said, text
from .table import Column, Table, write_tables

if TYPE_CHECKING:
    import pandas as pd

#: The tables of a RAK that ``rakxl export`` writes.
EXPORT_TABLES = ("activities", "budgets", "goals", "indicators")
#: Fields of a finding in CSV and JSON outputs.
FINDING_FIELDS = ("file", "sheet", "cell", "row", "column", "no", "code", "severity", "message", "message_en")


def output_kind(path, kinds: Sequence[str]) -> str:
    """The format an output path asks for, by its suffix (``.xlsx`` -> ``xlsx``).

    Raises:
        RakFileError: the suffix is not one of ``kinds``.
    """
    from ..exceptions import RakFileError

    kind = Path(path).suffix.lower().lstrip(".")
    if kind not in kinds:
        names = ["." + k for k in kinds]
        from ..i18n import Said

        listed = names[0] if len(names) == 1 else Said("error.one_of", first=", ".join(names[:-1]), last=names[-1])
        raise RakFileError.of("out.suffix", path=path, kinds=listed)
    return kind


# -- totals ------------------------------------------------------------------------------

_TOTAL_WIDTHS = {"file": 40, "sheet": 20, "no": 6, "sasaran": 60, "pelaksana": 30, "unit": 30}


def totals_records(table: "pd.DataFrame") -> list[dict]:
    """The rows of a :func:`rakxl.budget_totals` table as plain dicts, amounts as int."""
    cols = list(table.columns)
    return [{c: (int(v) if c in ("pagu", "budget_lines") else v) for c, v in zip(cols, row)}
            for row in table.itertuples(index=False)]


def _names(values: Iterable, limit: int = 6) -> str:
    seen = list(dict.fromkeys(str(v) for v in values if v not in (None, "")))
    if len(seen) > limit:
        return ", ".join(seen[:limit]) + f", ... (+{len(seen) - limit})"
    return ", ".join(seen) or "-"


def totals_title(sheets: Sequence, files: int | None, lang: str = "id") -> list[str]:
    """The lines above the totals table: what it is, whose plans (organisation, unit, year);
    ``sheets``: :class:`rakxl.totals.SheetTotals`."""
    lines = [text("totals.title", lang)]
    if sheets:
        lines.append(text("totals.organization", lang, names=_names(s.organization for s in sheets)))
        lines.append(text("totals.units", lang, names=_names(s.unit for s in sheets)))
        lines.append(text("totals.years", lang, names=_names(s.year for s in sheets)))
        lines.append(text("totals.files", lang, files=files if files is not None else len({s.path for s in sheets}),
                          sheets=len(sheets)))
    return lines


def totals_tables(table: "pd.DataFrame", result=None, lang: str = "id") -> list[Table]:
    """The sheets of the totals workbook: ``Total``, and with a :class:`rakxl.totals.ReadResult`
    also ``Sumber`` (every file and sheet) and ``Peringatan`` (findings that change a total)."""
    keys = [c for c in table.columns if c not in ("pagu", "budget_lines")]
    cols = [Column(text(f"col.{k}", lang), _TOTAL_WIDTHS.get(k, 20), wrap=k != "no") for k in keys]
    cols += [Column(text("col.pagu", lang), 18, "rupiah", total=True),
             Column(text("col.budget_lines", lang), 10, "integer", total=True)]
    sheets = result.sheets if result is not None else []
    total = Table(text("sheet.total", lang), cols, list(table.itertuples(index=False)),
                  title=totals_title(sheets, len(result.files) if result is not None else None, lang),
                  total=text("totals.total", lang))
    if result is None:
        return [total]
    by_file: dict[str, list] = {}
    for sheet in sheets:
        by_file.setdefault(sheet.path, []).append(sheet)
    failed = {f.path: text("totals.unreadable", lang, reason=said(f.reason, lang)) for f in result.failures}
    failed.update({f.path: said(f.reason, lang) for f in getattr(result, "skipped", ())})
    failed.update({f.path: said(f.reason, lang) for f in getattr(result, "duplicates", ())})
    rows = []
    listed = set(result.files)
    for f in list(result.files) + [x.path for x in result.failures if x.path not in listed]:
        if f in failed:
            rows.append((f, None, None, None, None, None, None, failed[f]))
            continue
        for s in by_file.get(f, []):
            rows.append((s.path, s.sheet, s.year, s.unit, s.budget_lines, s.total_pagu, s.findings,
                         text("totals.read", lang)))
    sources = Table(text("sheet.sources", lang), [
        Column(text("col.file", lang), 40, wrap=True), Column(text("col.sheet", lang), 18, wrap=True),
        Column(text("col.year", lang), 7), Column(text("col.unit", lang), 26, wrap=True),
        Column(text("col.budget_lines", lang), 10, "integer", total=True),
        Column(text("col.pagu", lang), 18, "rupiah", total=True), Column(text("col.findings", lang), 9, "integer"),
        Column(text("col.status", lang), 40, wrap=True)], rows, total=text("totals.total", lang))
    warn_rows = []
    for s in sheets:
        for fd in s.warnings:
            warn_rows.append((s.path, fd.sheet, fd.cell, fd.no, fd.code, text(f"severity.{fd.severity}", lang),
                              fd.text(lang)))
    warnings = Table(text("sheet.warnings", lang), [
        Column(text("col.file", lang), 30, wrap=True), Column(text("col.sheet", lang), 16, wrap=True),
        Column(text("col.cell", lang), 8), Column(text("col.no", lang), 5), Column(text("col.code", lang), 18),
        Column(text("col.severity", lang), 11), Column(text("col.message", lang), 80, wrap=True)], warn_rows)
    return [total, sources, warnings]


def write_totals(table: "pd.DataFrame", out, result=None, *, lang: str = "id", inputs=()) -> Path:
    """Write a :func:`rakxl.budget_totals` table to ``out``, by its suffix.

    - ``.xlsx``: sheets ``Total`` (organisation, unit and year named above the table;
      Pagu in rupiah; a JUMLAH row that follows the autofilter), and, when ``result``
      (a :class:`rakxl.totals.ReadResult`) is given, ``Sumber`` and ``Peringatan``;
    - ``.csv``: the rows, Pagu as whole numbers (UTF-8 with BOM, text escaped);
    - ``.json``: the rows as records.

    Args:
        table: what :func:`rakxl.budget_totals` returned.
        out: the file to write.
        result: what :func:`rakxl.read_many` returned: its files are never overwritten
            (except rakxl's own outputs it skipped); the .xlsx lists them.
        lang: language of the workbook's words.
        inputs: more files ``out`` may not be.

    Returns:
        The path written.

    Raises:
        RakFileError: an unknown suffix, a folder, or an input as ``out``.
    """
    from ..safeio import write_csv, write_json

    if result is not None:  # rakxl's own outputs it skipped are no inputs (an earlier totals -o)
        skipped = {f.path for f in getattr(result, "skipped", ())}
        inputs = list(inputs) + [f for f in result.files if f not in skipped]
    kind = output_kind(out, ("xlsx", "csv", "json"))
    if kind == "xlsx":
        return write_tables(totals_tables(table, result, lang), out, inputs, lang, kind="totals")
    if kind == "csv":
        write_csv(table.to_frame() if hasattr(table, "to_frame") else table, out, inputs=inputs)
    else:
        write_json(totals_records(table), out, inputs)
    return Path(out)


# -- findings ----------------------------------------------------------------------------

def findings_table(findings, lang: str = "id", *, with_file: bool = True, sheets: Sequence[str] = (),
                   name: str | None = None) -> Table:
    """Findings as a table sheet: one row per finding, the severity cell filled by
    severity; the cell linked to its place when its sheet is in ``sheets``."""
    from ..layout import FINDING_COLORS

    cols = [Column(text("col.number", lang), 5, "integer")]
    if with_file:
        cols.append(Column(text("col.file", lang), 30, wrap=True))
    cols += [Column(text("col.severity", lang), 11), Column(text("col.code", lang), 20),
             Column(text("col.sheet", lang), 16, wrap=True), Column(text("col.cell", lang), 8),
             Column(text("change.sasaran", lang), 8), Column(text("col.message", lang), 90, wrap=True)]
    sev, cell = (2, 5) if with_file else (1, 4)
    rows, fills, links = [], {}, {}
    for i, f in enumerate(findings):
        row = [i + 1] + ([f.file] if with_file else []) + [
            text(f"severity.{f.severity}", lang), f.code, f.sheet, f.cell, f.no, f.text(lang)]
        color = FINDING_COLORS.get(f.severity)
        if color:
            fills[(i, sev)] = color
        if f.sheet in sheets:
            quoted = f.sheet.replace("'", "''")
            links[(i, cell)] = f"'{quoted}'!{f.cell or 'A1'}"
            if not f.cell:
                row[cell] = f.sheet
        rows.append(row)
    return Table(name or text("sheet.findings", lang), cols, rows, fills=fills, links=links)


def write_findings(findings, out, *, lang: str = "id", inputs=()) -> Path:
    """Write findings (of :func:`rakxl.check` or :func:`rakxl.check_file`) to ``out``:
    ``.xlsx`` a ``Temuan`` sheet, ``.csv`` and ``.json`` every field of each finding
    (:data:`FINDING_FIELDS`).

    Raises:
        RakFileError: an unknown suffix, a folder, or an input as ``out``.
    """
    from ..safeio import write_csv, write_json

    kind = output_kind(out, ("xlsx", "csv", "json"))
    records = [f.to_dict() for f in findings]
    if kind == "xlsx":
        return write_tables([findings_table(findings, lang)], out, inputs, lang, kind="findings")
    if kind == "csv":
        import pandas as pd

        write_csv(pd.DataFrame(records, columns=list(FINDING_FIELDS)), out, inputs=inputs)
    else:
        write_json(records, out, inputs)
    return Path(out)


# -- a RAK's own tables ------------------------------------------------------------------------

def to_json(rak) -> dict:
    """A :class:`rakxl.Rak` as plain JSON data: meta, totals and every table (missing values null)."""
    import json

    def records(frame):
        return json.loads(frame.to_json(orient="records", force_ascii=False))

    return {
        "file": rak.path, "sheet": rak.sheet, "family": rak.family, "meta": rak.meta.to_dict(),
        "total_pagu": rak.total_pagu, "stated_total": rak.stated_total,
        **{name: records(getattr(rak, name)) for name in EXPORT_TABLES},
    }


def frame_table(frame: "pd.DataFrame", name: str) -> Table:
    """A DataFrame as a plain table sheet: its column names as headers."""
    cols = []
    for c in frame.columns:
        values = frame[c]
        numeric = str(values.dtype).startswith(("int", "Int", "float", "Float"))
        width = 14 if numeric else max(10, min(50, max([len(str(c))] + [len(str(v)) for v in values.head(200)])))
        cols.append(Column(str(c), width, "rupiah" if c == "pagu" else "text", wrap=not numeric and width >= 30))
    return Table(name, cols, list(frame.itertuples(index=False)))


def write_export(rak, out, *, table: str = "activities") -> Path:
    """Write a RAK's tables to ``out``, by its suffix: ``.xlsx`` one sheet per table
    (:data:`EXPORT_TABLES`), ``.csv`` the one ``table``, ``.json`` :func:`to_json`.

    Raises:
        RakFileError: an unknown suffix, a folder, or the RAK's own file as ``out``.
    """
    from ..safeio import write_csv, write_json

    kind = output_kind(out, ("xlsx", "csv", "json"))
    inputs = [rak.path] if rak.path else []
    if kind == "xlsx":
        return write_tables([frame_table(getattr(rak, t), t) for t in EXPORT_TABLES], out, inputs, kind="export")
    if kind == "csv":
        write_csv(getattr(rak, table), out, inputs=inputs)
    else:
        write_json(to_json(rak), out, inputs)
    return Path(out)


# -- what the official layout would change --------------------------------------------------

#: Reader notes whose cell the official layout cannot keep: a Pagu that is no amount.
LOST_ON_FORMAT = ("amount-invalid", "formula-no-cache")


def format_changes(raks, lang: str = "id") -> list[str]:
    """What :func:`rakxl.write_rak` will write differently from the sheet, one line
    each (``rakxl format`` prints them): amounts typed as text written as numbers."""
    from ..amounts import parse_amount
    from ..i18n import money

    lines = []
    for rak in raks:
        for note in rak.notes:
            if note.code == "amount-as-text" and note.role == "pagu":
                amount = parse_amount(note.value)
                lines.append(text("format.changed_text", lang, sheet=rak.sheet, cell=note.cell, value=note.value,
                                  amount=money(amount, lang)))
    return lines


def refuse_lost_text(raks) -> None:
    """Refuse to format plans whose official layout would drop what the author wrote:
    a Pagu cell that is no amount (``lihat lampiran``, an error, a formula without a
    value) would be left blank, and a stated JUMLAH that differs from the sum of the
    Pagu would be replaced by that sum.

    Raises:
        RakInputError: naming the first such cell (and how many more there are).
    """
    from ..exceptions import RakInputError
    from ..i18n import Money, Said

    for rak in raks:
        lost = [n for n in rak.notes if n.code in LOST_ON_FORMAT and n.role == "pagu"]
        if lost:
            first = lost[0]
            cells = ", ".join(n.cell for n in lost[1:6]) + (", ..." if len(lost) > 6 else "")
            more = Said("error.pagu_more", n=len(lost) - 1, cells=cells) if len(lost) > 1 else ""
            raise RakInputError.of("error.pagu_not_number", path=rak.path, sheet=rak.sheet, cell=first.cell,
                                   value=first.value, more=more)
        if rak.stated_total is not None and rak.stated_total != rak.total_pagu:
            raise RakInputError.of("error.stated_total", path=rak.path, sheet=rak.sheet, cell=rak.stated_total_cell,
                                   stated=Money(rak.stated_total), total=Money(rak.total_pagu))
