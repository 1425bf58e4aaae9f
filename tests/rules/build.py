"""Small RAK workbooks for the rule tests, written with openpyxl in the official layout.

:func:`clean_rows` is a plan with nothing wrong (merged hierarchy cells, like the
sample); each rule test changes one thing in it and asserts the exact findings.

Layout: title rows 1-3, header rows 5-6 (the quarter group merged over G5:J5), the
column-number row 7, data from row 8, the total row right after the data, then the
signature block (place and date, title, name, ``NIP. ...`` in column J).
"""
from __future__ import annotations

import copy

HEADER = ["No", "Sasaran Program/Kegiatan", "Indikator Kinerja", "Target Indikator Kinerja",
          "Nama Kegiatan/Aksi", "Target Kegiatan/Aksi", "Pelaksanaan Kegiatan Triwulan", None, None, None,
          "Pagu Anggaran", "Pelaksana Tingkat Pejabat Eselon IV"]
FIRST_ROW = 8
VALID_NIP = "19710703 199903 2 007"

# Rows 8-12. Goal 1: rows 8-9, goal 2: row 10, goal 3: rows 11-12.
_CLEAN = [
    ["1", "Terwujudnya Dukungan Logistik", "Persentase logistik tersedia tepat waktu", "100 %",
     "Pengadaan Logistik", "100 %", None, None, None, None, 10_000_000, "Subbag Umum dan Logistik"],
    [None, None, None, None, "Distribusi Logistik", "100 %", None, None, None, None, None, None],
    ["2", "Meningkatnya Akuntabilitas Keuangan", "Jumlah laporan keuangan", "4 lap",
     "Reviu laporan keuangan triwulan", "4 lap", "1 lap", "1 lap", "1 lap", "1 lap", 5_000_000, "Subbag Keuangan"],
    ["3", "Meningkatnya Kapasitas SDM", "Nilai reformasi birokrasi", "B",
     "Reformasi Birokrasi", "B", None, None, None, None, 2_500_000, "Subbag SDM"],
    [None, None, None, None, "Zona Integritas", "B", None, None, None, None, 1_500_000, None],
]
_CLEAN_MERGES = ["A8:A9", "B8:B9", "C8:C9", "D8:D9", "K8:K9", "L8:L9",
                 "A11:A12", "B11:B12", "C11:C12", "D11:D12", "L11:L12"]
CLEAN_TOTAL = 19_000_000


def clean_rows() -> list[list]:
    """The rows of the clean plan (a fresh copy to change)."""
    return copy.deepcopy(_CLEAN)


def clean_merges() -> list[str]:
    return list(_CLEAN_MERGES)


def cell(rows_index: int, column: str) -> str:
    """The A1 address of ``column`` on data row ``rows_index`` (0-based) of the table."""
    return f"{column}{FIRST_ROW + rows_index}"


def write_rak(path, rows=None, merges=None, *, total=CLEAN_TOTAL, nip=VALID_NIP, sheet="RAK"):
    """Write a one-sheet RAK workbook to ``path`` and return ``path``.

    Args:
        rows: data rows of 12 values (default: the clean plan); a value starting
            with ``=`` is written as a formula (with no saved value, as openpyxl does).
        merges: A1 ranges to merge in the data (default: the clean plan's).
        total: the amount of the ``JUMLAH`` row, or None for no total row.
        nip: the signatory's NIP, or None for no NIP line.
    """
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    fill_sheet(ws, rows, merges, total=total, nip=nip)
    book.save(path)
    return path


def fill_sheet(ws, rows=None, merges=None, *, total=CLEAN_TOTAL, nip=VALID_NIP):
    """Write the RAK table into worksheet ``ws`` (see :func:`write_rak`)."""
    from openpyxl.styles import Font

    rows = clean_rows() if rows is None else rows
    merges = clean_merges() if merges is None else merges
    ws["A1"] = "RENCANA AKSI KINERJA TAHUN 2021"
    ws["A2"] = "KOMISI PEMILIHAN UMUM PROVINSI BANTEN"
    ws["A3"] = "SEKRETARIS"
    for c, text in enumerate(HEADER, start=1):
        if text is not None:
            ws.cell(5, c, text).font = Font(bold=True)
    ws.merge_cells("G5:J5")
    for c, text in enumerate(["I", "II", "III", "IV"], start=7):
        ws.cell(6, c, text)
    for c in range(1, 13):
        if c < 7 or c > 10:
            ws.merge_cells(start_row=5, start_column=c, end_row=6, end_column=c)
        ws.cell(7, c, f"({c})")
    for i, row in enumerate(rows):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(FIRST_ROW + i, c, value)
    for ref in merges:
        ws.merge_cells(ref)
    r = FIRST_ROW + len(rows)
    if total is not None:
        ws.cell(r, 1, "JUMLAH")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=10)
        ws.cell(r, 11, total)
        r += 1
    r += 1
    ws.cell(r, 10, "Serang, 28 Januari 2021")
    ws.cell(r + 1, 10, "Pt. Sekretaris,")
    ws.cell(r + 4, 10, "ANNISA ROSPA.P")
    if nip is not None:
        ws.cell(r + 5, 10, f"NIP. {nip}")
    return ws


def triples(findings) -> list[tuple]:
    """``(code, no, cell)`` of each finding, in order."""
    return [(f.code, f.no, f.cell) for f in findings]


def read(path):
    import rakxl

    return rakxl.read_rak(path)
