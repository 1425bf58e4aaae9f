"""The roll-up's workbook (:func:`write_rollup`), and its CSV and JSON files.

- ``Ringkasan``: one row per unit and the organisation's row: status, Pagu,
  realisation, serapan, capaian (average, lowest), indicators per category, the gap
  between capaian and serapan; capaian and serapan coloured by the configured
  category thresholds;
- ``Grafik``: native Excel charts (capaian by unit; serapan beside capaian by unit;
  spending by quarter against the plan) over the summary's cells;
- ``Kelengkapan``: who reported, file by file, with the units that sent nothing,
  the files a newer one replaced, and the files that could not be read;
- ``Per Sasaran``, ``Tahunan`` (the LKjIP chapter III table) and one sheet per unit
  with its indicators below target.

Every sheet is a :class:`~rakxl.report.table.Table` (text stays text, A4 landscape,
header repeated); the workbook carries rakxl's ``rekap`` output mark.
"""
from __future__ import annotations

import re
from pathlib import Path

from .. import layout
from ..i18n import REKAP, pick, said
from ..rekap import NO_FILE
from .rekap import ROMAN, _organisation, _year, summary_columns, summary_values, title_lines, to_json, w
from .table import Column, Table, write_table

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")


def summary_table(r, lang: str) -> Table:
    cols = summary_columns(r, lang)
    kinds = {"pagu": "rupiah", "realisasi": "rupiah", "serapan": "percent", "capaian_rata": "percent",
             "capaian_terendah": "percent", "selisih": "percent"}
    columns = [Column(head, width=(26 if key in ("unit", "indikator_terendah") else 18 if key in ("pagu", "realisasi")
                                   else 14 if key in ("status", "sinyal") else 11),
                      kind=kinds.get(key, "integer" if key not in ("unit", "status", "indikator_terendah", "sinyal")
                                     else "text"),
                      wrap=key in ("unit", "status", "indikator_terendah", "sinyal") or key.startswith("kategori:"))
               for key, head in cols]
    rows, fills = [], {}
    status_col = [k for k, _ in cols].index("status")
    for i, row in enumerate(r.unit_rows()):
        rows.append([summary_values(row, key, lang) for key, _ in cols])
        if row["status"]:
            fills[(i, status_col)] = layout.STATUS_FILLS[row["status"]]
    return Table(pick(REKAP["sheet_summary"], lang), columns, rows, title=title_lines(r, lang), fills=fills)


def _category_formats(ws, book, r, first: int, last: int, columns: list[int]) -> None:
    """Colour capaian/serapan cells by the configured thresholds (highest first); a
    blank (not reported) stays uncoloured."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    thresholds = r.config.thresholds
    fills = layout.CATEGORY_FILLS
    for k, (low, _name) in enumerate(thresholds):
        fill = fills[min(round(k * (len(fills) - 1) / max(len(thresholds) - 1, 1)), len(fills) - 1)]
        fmt = book.add_format({"bg_color": fill, "pattern": 1})
        upper = thresholds[k - 1][0] if k else None
        for c in columns:
            ref = xl_rowcol_to_cell(first, c, col_abs=True)      # relative to the range's first row
            tests = [f"ISNUMBER({ref})"]
            if low != float("-inf"):
                tests.append(f"{ref}>={low:g}")
            if upper is not None:
                tests.append(f"{ref}<{upper:g}")
            ws.conditional_format(first, c, last, c, {"type": "formula", "criteria": f"=AND({','.join(tests)})",
                                                      "format": fmt})


def completeness_table(r, lang: str) -> Table:
    heads = [("unit", 26, "text"), ("file", 40, "text"), ("status", 16, "text"), ("reported_ind", 12, "integer"),
             ("indicators", 11, "integer"), ("reported_lines", 12, "integer"), ("lines", 11, "integer"),
             ("note", 40, "text")]
    columns = [Column(w(k, lang), width=wd, kind=kind, wrap=kind == "text") for k, wd, kind in heads]
    rows, fills = [], {}
    for i, row in enumerate(r.completeness_rows()):
        notes = []
        if row["kind"] == "rak":
            notes.append(w("plain_rak", lang))
        if row["status"] == NO_FILE:
            notes.append(w("no_file", lang))
        if row["menggantikan"]:
            notes.append(w("replaces", lang, files=", ".join(Path(p).name for p in row["menggantikan"])))
        rows.append([row["unit"], row["file"], w(row["status"], lang), row["indikator_lapor"], row["indikator"],
                     row["pagu_lapor"], row["baris_pagu"], "; ".join(notes) or None])
        fills[(i, 2)] = layout.STATUS_FILLS[row["status"]]
    return Table(pick(REKAP["sheet_complete"], lang), columns, rows, title=title_lines(r, lang)[:1], fills=fills)


def goals_table(r, lang: str) -> Table:
    heads = [("sasaran", 40, "text"), ("unit", 26, "text"), ("pagu", 18, "rupiah"), ("realisasi", 18, "rupiah"),
             ("serapan", 11, "percent"), ("indicators", 11, "integer"), ("reported_ind", 12, "integer"),
             ("capaian_rata", 12, "percent"), ("capaian_terendah", 12, "percent")]
    columns = [Column(w(k, lang), width=wd, kind=kind, wrap=kind == "text") for k, wd, kind in heads]
    rows = [[g["sasaran"], ", ".join(g["unit"]), g["pagu"], g["realisasi"], _round(g["serapan"]), g["indikator"],
             g["indikator_lapor"], _round(g["capaian_rata"]), _round(g["capaian_terendah"])] for g in r.goal_rows()]
    return Table(pick(REKAP["sheet_goals"], lang), columns, rows, title=title_lines(r, lang)[:1])


def annual_table(r, lang: str) -> Table:
    heads = [("sasaran", 36, "text"), ("indikator", 36, "text"), ("target", 12, "text"),
             ("realisasi_tahun", 12, "text"), ("capaian", 12, "percent"), ("kategori", 14, "text"),
             ("unit", 22, "text")]
    columns = [Column(w(k, lang), width=wd, kind=kind, wrap=kind == "text") for k, wd, kind in heads]
    rows = [[x["sasaran"], x["indikator"], x["target"], x["realisasi"], _round(x["capaian"]), x["kategori"],
             x["unit"]] for x in r.annual_rows()]
    title = [w("annual_title", lang, year=_year(r) or "", q=ROMAN[r.quarter - 1])]
    if _organisation(r):
        title.append(_organisation(r))
    return Table(pick(REKAP["sheet_annual"], lang), columns, rows, title=title)


def below_table(r, unit: str, name: str, lang: str) -> Table:
    heads = [("sasaran", 34, "text"), ("indikator", 36, "text"), ("target", 12, "text"),
             ("realisasi_tahun", 12, "text"), ("capaian", 12, "percent"), ("kategori", 14, "text"),
             ("cell", 8, "text")]
    columns = [Column(w(k, lang), width=wd, kind=kind, wrap=kind == "text") for k, wd, kind in heads]
    rows = [[x["sasaran"], x["indikator"], x["target"], x["realisasi"], _round(x["capaian"]), x["kategori"],
             x["cell"]] for x in r.below_target(unit)]
    title = [unit, w("below", lang, q=ROMAN[r.quarter - 1])]
    if not rows:
        title.append(w("none_below", lang))
    return Table(name, columns, rows, title=title)


def failures_table(r, lang: str) -> Table:
    columns = [Column(w("file", lang), width=50, wrap=True), Column(w("reason", lang), width=70, wrap=True)]
    rows = [[f.path, said(f.reason, lang)] for f in r.failures + r.skipped]
    return Table(pick(REKAP["sheet_failed"], lang), columns, rows, title=title_lines(r, lang)[:1])


def _round(v):
    return None if v is None else round(v, 2)


def unit_sheet_names(units: list[str], taken: set[str]) -> list[str]:
    """A sheet name per unit: the name cleaned of what Excel forbids, at most 31
    characters, unique (case-insensitively) among ``taken`` and each other."""
    out = []
    seen = {t.casefold() for t in taken}
    for k, unit in enumerate(units, 1):
        base = " ".join(_BAD_SHEET_CHARS.sub(" ", unit).split())[:31] or f"Unit {k}"
        name, n = base, 2
        while name.casefold() in seen:
            suffix = f" ({n})"
            name, n = base[: 31 - len(suffix)] + suffix, n + 1
        seen.add(name.casefold())
        out.append(name)
    return out


def _charts(book, ws, r, summary: Table, lang: str) -> None:
    """The charts sheet: a small table of spending by quarter, and three native charts."""
    bold = book.add_format({"bold": True, **layout.FONT})
    money = book.add_format({"num_format": layout.RUPIAH_FORMAT, **layout.FONT})
    ws.write_string(0, 0, title_lines(r, lang)[0], bold)
    heads = [w(k, lang) for k in ("tw", "spent_q", "cumulative", "linear", "pagu")]
    for c, h in enumerate(heads):
        ws.write_string(2, c, h, bold)
    ws.set_column(0, 0, 10)
    ws.set_column(1, 2, 20)
    ws.set_column(3, 3, 30)
    ws.set_column(4, 4, 20)
    for i, row in enumerate(r.quarter_rows()):
        ws.write_string(3 + i, 0, f"TW {ROMAN[i]}")
        for c, key in enumerate(("realisasi", "kumulatif", "rencana_linier", "pagu"), 1):
            if row[key] is None:
                ws.write_blank(3 + i, c, None, money)
            else:
                ws.write_number(3 + i, c, row[key], money)
    src = summary.name              # xlsxwriter quotes sheet names in list references
    head = len(summary.title) + (1 if summary.title else 0)
    first, last = head + 1, head + len(r.files)        # units only, not the organisation's row
    keys = [k for k, _ in summary_columns(r, lang)]
    col = {k: keys.index(k) for k in ("unit", "serapan", "capaian_rata")}
    cats = [src, first, col["unit"], last, col["unit"]]

    def series(key, name, color):
        return {"name": name, "categories": cats, "values": [src, first, col[key], last, col[key]],
                "fill": {"color": color}, "data_labels": {"value": True, "num_format": "0.0"}}

    size = {"x_scale": 1.6, "y_scale": 1.25}
    c1 = book.add_chart({"type": "column"})
    c1.add_series(series("capaian_rata", w("capaian_rata", lang), "#4472C4"))
    c1.set_title({"name": w("chart_capaian", lang)})
    c1.set_legend({"none": True})
    c1.set_y_axis({"min": 0, "num_format": "0"})
    ws.insert_chart(9, 0, c1, size)
    c2 = book.add_chart({"type": "column"})
    c2.add_series(series("serapan", w("serapan", lang), "#ED7D31"))
    c2.add_series(series("capaian_rata", w("capaian_rata", lang), "#4472C4"))
    c2.set_title({"name": w("chart_gap", lang)})
    c2.set_legend({"position": "bottom"})
    c2.set_y_axis({"min": 0, "num_format": "0"})
    ws.insert_chart(29, 0, c2, size)
    sheet = ws.name
    c3 = book.add_chart({"type": "column"})
    c3.add_series({"name": heads[1], "categories": [sheet, 3, 0, 6, 0], "values": [sheet, 3, 1, 6, 1],
                   "fill": {"color": "#A5A5A5"}})
    line = book.add_chart({"type": "line"})
    line.add_series({"name": heads[2], "categories": [sheet, 3, 0, 6, 0], "values": [sheet, 3, 2, 6, 2],
                     "line": {"color": "#4472C4", "width": 2.25}, "marker": {"type": "circle"}})
    line.add_series({"name": heads[3], "categories": [sheet, 3, 0, 6, 0], "values": [sheet, 3, 3, 6, 3],
                     "line": {"color": "#70AD47", "dash_type": "dash"}})
    c3.combine(line)
    c3.set_title({"name": w("chart_quarters", lang)})
    c3.set_legend({"position": "bottom"})
    c3.set_y_axis({"num_format": '#,##0', "min": 0})
    ws.insert_chart(49, 0, c3, size)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.print_area(0, 0, 68, 9)
    ws.set_h_pagebreaks([28, 48])


def write_rollup(r, out, *, lang: str = "id", inputs=(), annual: bool = False) -> Path:
    """Write the roll-up to ``out``: ``.xlsx`` (the workbook above), ``.csv`` (the summary
    rows, or the annual table with ``annual``) or ``.json`` (:func:`to_json`).

    Returns:
        The path written.
    """
    from ..exceptions import RakFileError
    from ..safeio import atomic_output, write_csv, write_json
    from .outputs import output_kind

    kind = output_kind(out, ("xlsx", "csv", "json"))
    sources = [f.path for f in r.files] + [old for _, old, _ in r.superseded] + list(inputs)
    if kind == "json":
        data = {"annual": r.annual_rows()} if annual else to_json(r, lang)
        write_json(data, out, sources)
        return Path(out)
    if kind == "csv":
        import pandas as pd

        if annual:
            frame = r.frame("annual")
        else:
            cols = summary_columns(r, lang)
            frame = pd.DataFrame([[summary_values(row, k, lang) for k, _ in cols] for row in r.unit_rows()],
                                 columns=[h for _, h in cols])
        write_csv(frame, out, sources)
        return Path(out)
    from xlsxwriter.exceptions import XlsxFileError

    from .table import new_workbook

    summary = summary_table(r, lang)
    tables = [summary, completeness_table(r, lang), goals_table(r, lang), annual_table(r, lang)]
    if r.failures or r.skipped:
        tables.append(failures_table(r, lang))
    charts_name = pick(REKAP["sheet_charts"], lang)
    units = [f.unit for f in r.files]
    names = unit_sheet_names(units, {t.name for t in tables} | {charts_name})
    tables += [below_table(r, unit, name, lang) for unit, name in zip(units, names)]
    if annual:
        tables = [annual_table(r, lang)]
    with atomic_output(out, sources) as tmp:
        book = new_workbook(tmp, "rekap", [t.name for t in tables] + ([] if annual else [charts_name]))
        for k, table in enumerate(tables):
            ws = book.add_worksheet(table.name)
            write_table(ws, table, lang, book=book)
            if k == 0 and not annual:
                keys = [key for key, _ in summary_columns(r, lang)]
                head = len(table.title) + (1 if table.title else 0)
                _category_formats(ws, book, r, head + 1, head + len(table.rows),
                                  [keys.index("serapan"), keys.index("capaian_rata"), keys.index("capaian_terendah")])
                _charts(book, book.add_worksheet(charts_name), r, table, lang)
        try:
            book.close()
        except (XlsxFileError, OSError) as exc:
            raise RakFileError.of("error.write_failed", detail=str(exc), path=out) from exc
    return Path(out)
