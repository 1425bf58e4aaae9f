"""Build samples/RAK_2021.xlsx from the text of the real document (RAK_2021.txt).

Run from the project root:  python samples/build_sample.py

The text is the RAK 2021 of KPU Provinsi Banten, Sekretaris, extracted from the
signed document: tab-separated, blank lines at page breaks. This script lays it out
as the official workbook: merged title rows, a two-row header with "Pelaksanaan
Kegiatan Triwulan" merged over I-IV, the column-number row, one row per activity,
vertical merges for the hierarchy and for each Pagu and Pelaksana, and the signature
block. The document's own words, typos and inconsistencies are kept as they are.

This script deliberately does not use rakxl's writer: the sample is an independent
file that the reader is tested against.

Lost column: on the page of items 6-12 the text extraction lost one of the four
quarter columns (those rows have 11 fields instead of 12). The three quarter fields
that remain are put in Triwulan I, II and III; Triwulan IV is left blank there.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "RAK_2021.txt"
TARGET = HERE / "RAK_2021.xlsx"

HEADERS = ["No", "Sasaran Program/Kegiatan", "Indikator Kinerja", "Target Indikator Kinerja",
           "Nama Kegiatan/Aksi", "Target Kegiatan/Aksi", "Pelaksanaan Kegiatan Triwulan", None, None, None,
           "Pagu Anggaran", "Pelaksana Tingkat Pejabat Eselon IV"]
WIDTHS = [5, 30, 34, 11, 36, 11, 9, 9, 9, 9, 15, 20]
TITLE = ["RENCANA AKSI KINERJA TAHUN 2021", "KOMISI PEMILIHAN UMUM PROVINSI BANTEN", "SEKRETARIS"]
SIGNATURE = ["Serang, 28 Januari 2021", "KOMISI PEMILIHAN UMUM PROVINSI BANTEN", "Pt. Sekretaris,",
             None, None, None, "ANNISA ROSPA.P", "NIP. 19710703 199903 2 007"]


def parse_rows(text: str) -> list[list[str]]:
    """The activity rows of the document, 12 fields each."""
    rows = []
    for line in text.splitlines():
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) < 11 or fields[0] in ("No", "(1)") or fields[6:8] == ["I", "II"]:
            continue
        if len(fields) == 11:
            # The page of items 6-12 lost one quarter column: the three quarter fields
            # that remain go to Triwulan I, II and III.
            fields = fields[:9] + [""] + fields[9:]
        rows.append(fields[:12])
    return rows


def spans(rows: list[list[str]], col: int, within: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(first, last) row index of each value in column ``col``: from its row down to
    the row before the next non-blank value, never past the end of its goal."""
    out = []
    for g1, g2 in within:
        start = None
        for i in range(g1, g2 + 1):
            if rows[i][col]:
                if start is not None:
                    out.append((start, i - 1))
                start = i
        if start is not None:
            out.append((start, g2))
    return out


def write_heading(wb, ws, title_lines=TITLE) -> int:
    """The top of an official RAK sheet: column widths, the title lines merged across
    the table, the two-row header on rows 5-6 ("Pelaksanaan Kegiatan Triwulan" merged
    over I-IV) and the column-number row (1)..(12) on row 7. Returns the 0-based row of
    the first activity (7). benchmarks/generate.py lays out its workbooks with it too."""
    title = wb.add_format({"bold": True, "align": "center", "font_size": 12})
    head = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1})
    num = wb.add_format({"italic": True, "align": "center", "border": 1, "font_size": 9})
    for c, w in enumerate(WIDTHS):
        ws.set_column(c, c, w)
    for r, line in enumerate(title_lines):
        ws.merge_range(r, 0, r, 11, line, title)
    h = 4
    for c, label in enumerate(HEADERS):
        if c == 6:
            ws.merge_range(h, 6, h, 9, label, head)
        elif label is not None:
            ws.merge_range(h, c, h + 1, c, label, head)
    for i, roman in enumerate(["I", "II", "III", "IV"]):
        ws.write_string(h + 1, 6 + i, roman, head)
    for c in range(12):
        ws.write_string(h + 2, c, f"({c + 1})", num)
    return h + 3


def build(target: Path = TARGET) -> Path:
    rows = parse_rows(SOURCE.read_text(encoding="utf-8"))
    goal_starts = [i for i, r in enumerate(rows) if r[0]]
    goals = [(s, e - 1) for s, e in zip(goal_starts, goal_starts[1:] + [len(rows)])]

    tmp = target.with_name(target.name + ".tmp")
    wb = xlsxwriter.Workbook(str(tmp))
    wb.set_properties({"title": "RAK 2021 KPU Provinsi Banten - Sekretaris"})
    ws = wb.add_worksheet("RAK Sekretaris")
    top = write_heading(wb, ws)  # header rows 5-6, column numbers on row 7, activities from row 8
    h = top - 3
    text = wb.add_format({"valign": "top", "text_wrap": True, "border": 1})
    center = wb.add_format({"valign": "top", "align": "center", "text_wrap": True, "border": 1})
    money = wb.add_format({"valign": "top", "border": 1, "num_format": "#,##0"})
    sign = wb.add_format({"align": "center"})
    sign_name = wb.add_format({"align": "center", "bold": True, "underline": True})


    def put(first, last, col, value, fmt):
        if value == "":
            for i in range(first, last + 1):
                ws.write_blank(top + i, col, None, fmt)
            return
        if col == 10:
            value = int(value.replace(",", ""))
        if last > first:
            ws.merge_range(top + first, col, top + last, col, None, fmt)
        if isinstance(value, int):
            ws.write_number(top + first, col, value, fmt)
        else:
            ws.write_string(top + first, col, value, fmt)

    for g1, g2 in goals:
        put(g1, g2, 0, rows[g1][0], center)
        put(g1, g2, 1, rows[g1][1], text)
    indicators = spans(rows, 2, goals)
    for i1, i2 in indicators:
        put(i1, i2, 2, rows[i1][2], text)
        put(i1, i2, 3, rows[i1][3], center)
    for col in (10, 11):
        covered = set()
        for s1, s2 in spans(rows, col, goals):
            put(s1, s2, col, rows[s1][col], money if col == 10 else text)
            covered.update(range(s1, s2 + 1))
        for i in set(range(len(rows))) - covered:
            ws.write_blank(top + i, col, None, money if col == 10 else text)
    for i, row in enumerate(rows):
        ws.write_string(top + i, 4, row[4], text)
        for col in range(5, 10):
            if row[col]:
                ws.write_string(top + i, col, row[col], center)
            else:
                ws.write_blank(top + i, col, None, center)

    r = top + len(rows) + 1
    for line in SIGNATURE:
        if line is not None:
            ws.merge_range(r, 9, r, 11, line, sign_name if line == "ANNISA ROSPA.P" else sign)
        r += 1

    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(h, h + 2)
    ws.freeze_panes(top, 0)
    ws.set_footer("&CHalaman &P dari &N")
    wb.close()
    os.replace(tmp, target)
    return target


if __name__ == "__main__":
    out = build(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET)
    print(f"wrote {out}")
