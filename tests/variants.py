"""Fixture generator: one RAK plan, rendered in the layouts real offices produce.

A :class:`Plan` is a small model of a RAK, independent of rakxl: goals, their
indicators, the activities under each indicator, the Pagu lines (each starting on
one activity row and running to the next Pagu of its goal, or to the goal's end)
and the Pelaksana (likewise). :func:`expected` derives the frames rakxl must read
from the model alone; :func:`render` writes the plan as a workbook in a chosen
:class:`Layout` (table anywhere, other header words, extra or reordered columns,
merged / blank / repeated hierarchy, page-break headers, total rows, amounts as
text, formulas, percentages...). Neither uses rakxl.

Two plans are provided: :func:`sample_plan` (the real RAK 2021 of
``samples/RAK_2021.txt``) and :func:`office_plan` (a hand-written plan with the
shapes the sample lacks: a goal whose first row has no Pagu, a Pelaksana that
changes inside a goal and inside a Pagu line, check marks, an indicator without a
target, an indicator with no activity written yet...).
"""
from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from xlsxwriter.utility import xl_col_to_name  # column letters, not rakxl's (the generator stays independent)

ROOT = Path(__file__).resolve().parent.parent


# -- the plan model ----------------------------------------------------------------

@dataclass
class Activity:
    kegiatan: str | None
    target: str | None = None
    tw: tuple = (None, None, None, None)


@dataclass
class Indicator:
    text: str
    target: str | None
    activities: list[Activity]


@dataclass
class Goal:
    no: str
    sasaran: str
    indicators: list[Indicator]
    #: (activity row within the goal, amount): a Pagu line starts on that row and
    #: covers the rows down to the next line's start or the goal's end.
    pagu: list[tuple[int, int]] = field(default_factory=list)
    #: (activity row within the goal, text): likewise for the Pelaksana.
    pelaksana: list[tuple[int, str]] = field(default_factory=list)

    def rows(self):
        """(indicator, activity, first row of its indicator?) for each activity row."""
        for ind in self.indicators:
            for i, act in enumerate(ind.activities):
                yield ind, act, i == 0

    def pagu_at(self, i):
        return dict(self.pagu).get(i)

    def pelaksana_at(self, i):
        return dict(self.pelaksana).get(i)

    def pelaksana_in_force(self, i):
        """The Pelaksana covering row i: the last one starting at or above it."""
        found = None
        for start, text in self.pelaksana:
            if start <= i:
                found = text
        return found


@dataclass
class Plan:
    name: str
    year: int
    organization: str
    unit: str
    goals: list[Goal]

    @property
    def total(self) -> int:
        return sum(a for g in self.goals for _, a in g.pagu)

    @property
    def n_rows(self) -> int:
        return sum(len(list(g.rows())) for g in self.goals)


def _load_build_sample():
    spec = importlib.util.spec_from_file_location("build_sample", ROOT / "samples" / "build_sample.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def sample_plan() -> Plan:
    """The plan of the real document, from ``samples/RAK_2021.txt``."""
    mod = _load_build_sample()
    rows = mod.parse_rows(mod.SOURCE.read_text(encoding="utf-8"))
    goals: list[Goal] = []
    for f in rows:
        f = [x or None for x in f]
        if f[0]:
            goals.append(Goal(f[0], f[1], []))
        goal = goals[-1]
        i = sum(len(ind.activities) for ind in goal.indicators)  # row within the goal
        if f[2] or not goal.indicators:
            goal.indicators.append(Indicator(f[2], f[3], []))
        goal.indicators[-1].activities.append(Activity(f[4], f[5], tuple(f[6:10])))
        if f[10]:
            goal.pagu.append((i, int(f[10].replace(",", ""))))
        if f[11]:
            goal.pelaksana.append((i, f[11]))
    return Plan("sample", 2021, "KOMISI PEMILIHAN UMUM PROVINSI BANTEN", "SEKRETARIS", goals)


def office_plan() -> Plan:
    """A second, different plan, written by hand."""
    A = Activity
    return Plan("office", 2024, "BADAN PUSAT STATISTIK KABUPATEN CONTOH", "BAGIAN UMUM", [
        Goal("1", "Meningkatnya kualitas data statistik dasar", [
            Indicator("Persentase publikasi statistik yang terbit tepat waktu", "100%", [
                A("Penyusunan publikasi Kabupaten Dalam Angka", "1 publikasi", ("√", "√", None, None)),
                A("Penyusunan publikasi Kecamatan Dalam Angka", "12 publikasi", (None, "v", "v", None)),
            ]),
            Indicator("Tingkat kepuasan pengguna data", "85%", [
                A("Survei kebutuhan data", "1 laporan", (None, None, "x", None)),
            ]),
        ], pagu=[(0, 125_500_000)], pelaksana=[(0, "Seksi Statistik Sosial"), (2, "Seksi Neraca Wilayah")]),
        Goal("2", "Terselenggaranya sensus dan survei sesuai jadwal", [
            Indicator("Persentase kegiatan lapangan selesai sesuai jadwal", "95%", [
                A("Pelatihan petugas lapangan", "3 lap", ("√", None, None, None)),
                A("Pencacahan lapangan", "100%", (None, "√", "√", None)),
                A("Pengolahan dokumen", "100%", (None, None, "√", "√")),
                A("Evaluasi pelaksanaan", "1 lap", (None, None, None, "3 lap")),
            ]),
        ], pagu=[(0, 48_250_000), (2, 310_000_000)],
            pelaksana=[(0, "Seksi Statistik Produksi"), (2, "Seksi IPDS")]),
        Goal("3", "Terwujudnya birokrasi yang bersih dan akuntabel", [
            Indicator("Nilai SAKIP", "BB", [
                A("Penyusunan Laporan Kinerja", "1 dokumen", ("v", None, None, None)),
                A("Reviu Rencana Kinerja Tahunan", "1 dokumen", (None, "v", None, None)),
            ]),
            Indicator("Indeks Reformasi Birokrasi", "B", [A(None)]),  # no activity written yet
        ], pelaksana=[(0, "Subbagian Umum")]),
        Goal("4", "Tersedianya sarana dan prasarana kantor yang memadai", [
            Indicator("Persentase sarana kantor yang berfungsi baik", None, [
                A("Inventarisasi barang milik negara", "2 lap", ("√", None, "√", None)),
                A("Pemeliharaan gedung kantor", "100%", ("√", "√", "√", "√")),
                A("Pemeliharaan kendaraan dinas", "100%", ("√", "√", "√", "√")),
            ]),
            Indicator("Persentase kebutuhan ATK terpenuhi", "90%", [
                A("Pengadaan alat tulis kantor", "4 kali", ("√", "√", "√", "√")),
            ]),
        ], pagu=[(1, 87_600_000), (3, 15_000_000)], pelaksana=[(0, "Subbagian Umum")]),
        Goal("5", "Meningkatnya kompetensi pegawai", [
            Indicator("Rata-rata jam pelatihan per pegawai", "20 JP", [
                A("Diklat teknis statistik", "20 JP", (None, "x", None, None)),
            ]),
        ], pagu=[(0, 2_500_000_000)], pelaksana=[(0, "Subbagian Umum")]),
        Goal("6", "Terkelolanya keuangan secara tertib", [
            Indicator("Opini laporan keuangan", "WTP", [
                A("Penyusunan laporan keuangan semester", "2 lap", (None, "1 lap", None, "1 lap")),
                A("Rekonsiliasi bulanan", "12 lap", ("3 lap", "3 lap", "3 lap", "3 lap")),
            ]),
            Indicator("Persentase penyerapan anggaran", "97.5%", [
                A("Monitoring realisasi anggaran", "100%", ("√", "√", "√", "√")),
            ]),
        ], pagu=[(0, 9_750_000), (2, 1_250_000)],
            pelaksana=[(0, "Subbagian Keuangan"), (2, "Pejabat Pembuat Komitmen")]),
    ])


PLANS = {"sample": sample_plan, "office": office_plan}

_PERCENT_TEXT = re.compile(r"(\d+(?:\.\d+)?)\s*%")


def with_percent_targets(plan: Plan) -> Plan:
    """The same plan with every percentage target written the way Excel shows a
    number in a % format ("100 %" -> "100%"), so that a layout storing them as
    numbers can be compared with one storing the text."""
    def fix(text):
        m = _PERCENT_TEXT.fullmatch(text) if text else None
        return f"{m.group(1)}%" if m else text
    goals = []
    for g in plan.goals:
        inds = [Indicator(i.text, fix(i.target),
                          [Activity(a.kegiatan, fix(a.target), a.tw) for a in i.activities])
                for i in g.indicators]
        goals.append(replace(g, indicators=inds))
    return replace(plan, goals=goals)


# -- what rakxl must read: derived from the model --------------------------------

ACTIVITY_FIELDS = ("goal", "no", "sasaran", "indikator", "target_indikator", "kegiatan", "target_kegiatan",
                   "tw1", "tw2", "tw3", "tw4", "pelaksana", "budget_line")
BUDGET_FIELDS = ("budget_line", "goal", "no", "pagu", "pelaksana")
GOAL_FIELDS = ("goal", "no", "sasaran", "pagu", "budget_lines")
INDICATOR_FIELDS = ("goal", "no", "indikator", "target_indikator")
FIELDS = {"activities": ACTIVITY_FIELDS, "budgets": BUDGET_FIELDS, "goals": GOAL_FIELDS,
          "indicators": INDICATOR_FIELDS}


def expected(plan: Plan) -> dict[str, list[tuple]]:
    """The frames (without position columns) that reading any rendering of ``plan`` gives."""
    out = {"activities": [], "budgets": [], "goals": [], "indicators": []}
    line_no = 0
    for gi, g in enumerate(plan.goals, start=1):
        out["goals"].append((gi, g.no, g.sasaran, sum(a for _, a in g.pagu), len(g.pagu)))
        line = None
        for i, (ind, act, first) in enumerate(g.rows()):
            if first:
                out["indicators"].append((gi, g.no, ind.text, ind.target))
            pelaksana = g.pelaksana_in_force(i)
            if g.pagu_at(i) is not None:
                line_no += 1
                line = line_no
                out["budgets"].append((line, gi, g.no, g.pagu_at(i), pelaksana))
            out["activities"].append((gi, g.no, g.sasaran, ind.text, ind.target, act.kegiatan, act.target,
                                      *act.tw, pelaksana, line))
    return out


def frames(rak) -> dict[str, list[tuple]]:
    """A read Rak's frames in the same shape as :func:`expected` (NA -> None, ints)."""
    def plain(v):
        if v is None:
            return None
        try:
            import pandas as pd

            if pd.isna(v):
                return None
        except (TypeError, ValueError):
            pass
        if hasattr(v, "item"):
            return v.item()
        return v
    out = {}
    for name, cols in FIELDS.items():
        frame = getattr(rak, name)
        out[name] = [tuple(plain(v) for v in row) for row in frame[list(cols)].itertuples(index=False)]
    return out


# -- layouts ------------------------------------------------------------------------

#: Header texts of the official layout, by role.
OFFICIAL_HEADERS = {
    "no": "No", "sasaran": "Sasaran Program/Kegiatan", "indikator": "Indikator Kinerja",
    "target_indikator": "Target Indikator Kinerja", "kegiatan": "Nama Kegiatan/Aksi",
    "target_kegiatan": "Target Kegiatan/Aksi", "tw1": "I", "tw2": "II", "tw3": "III", "tw4": "IV",
    "pagu": "Pagu Anggaran", "pelaksana": "Pelaksana Tingkat Pejabat Eselon IV",
}
OFFICIAL_ORDER = ("no", "sasaran", "indikator", "target_indikator", "kegiatan", "target_kegiatan",
                  "tw1", "tw2", "tw3", "tw4", "pagu", "pelaksana")
QUARTERS = ("tw1", "tw2", "tw3", "tw4")
GOAL_ROLES = ("no", "sasaran")
INDICATOR_ROLES = ("indikator", "target_indikator")

#: How offices type an amount as text.
AMOUNT_TEXT_STYLES = {
    "comma": lambda n: f"{n:,}",
    "dot": lambda n: f"{n:,}".replace(",", "."),
    "rp-dot": lambda n: "Rp " + f"{n:,}".replace(",", "."),
    "rp.-dash": lambda n: "Rp. " + f"{n:,}".replace(",", ".") + ",-",
    "rp-cents": lambda n: "Rp" + f"{n:,}".replace(",", ".") + ",00",
    "dot-cents": lambda n: f"{n:,}".replace(",", ".") + ",00",
}
def _png_1x1() -> bytes:
    """A valid 1x1 white PNG picture (the "logo" above a table)."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
            + chunk(b"IEND", b""))


LOGO_PNG = _png_1x1()
#: Values of the extra columns, by header: a function of the plan row number.
EXTRA_VALUES = {
    "Satuan": lambda i: ["Dokumen", "Laporan", "Kegiatan"][i % 3],
    "Keterangan": lambda i: f"catatan {i + 1}" if i % 4 == 0 else None,
    "Sumber Dana": lambda i: "DIPA" if i % 2 else "APBN",
    "Kode": lambda i: f"{i + 1:03d}",
    "Volume": lambda i: i % 5 + 1,
    "Realisasi Anggaran": lambda i: 1_000_000 * (i % 7),
}
FORMULA_KINDS = ("arith", "ref", "sum", "chain")


@dataclass
class Layout:
    """How to lay a plan out on a sheet.

    Attributes:
        hierarchy: ``merged`` (vertical merges), ``blank`` (value on the first row,
            blank cells below, no merges) or ``repeated`` (value on every row); or
            a mapping role -> one of these (``merged`` for roles not named).
        pagu_merged: merge each Pagu over its rows (default: when hierarchy is merged).
        header_row: 0-based row of the (first) header row.
        first_col: 0-based column where the table starts.
        title: write title rows above the header.
        number_row: the column-number row under the header: ``paren`` (``(1)``,
            ``(2)``...), ``number`` (numbers 1, 2...) or False for none.
        group: the quarter group title merged above the four quarter columns (a
            two-row header), or None for a one-row header.
        headers: header text by role (defaults: the official words).
        order: the columns left to right: roles and extra column names.
        page_break_every: repeat the header rows after every N goals.
        page_break_rows: repeat the header rows after every N activity rows, inside
            goals too; merges are split there, continued by ``split_text``.
        split_text: below a page break, a split merge holds the text again
            (``repeat``) or is blank (``blank``); Pagu is always blank there.
        blank_between_goals: a blank separator row between goals.
        total_label: write a total row with this label, or None.
        amount: ``number``, a key of :data:`AMOUNT_TEXT_STYLES`, or ``mixed`` (the
            text styles in turn).
        formula: None, ``cached`` (Excel-like, with saved value) or ``uncached``
            (openpyxl, no saved value); kinds cycle through :data:`FORMULA_KINDS`.
        percent: write percentage targets as numbers with a % format.
        no_as_number: write goal numbers as numbers.
        header_merged: in a two-row header, merge each column's header over both rows
            (else the text stands on the first row, the second left blank).
        wide: columns that take two sheet columns, merged across (Word pastes).
        logo: put a logo picture in the top-left corner (xlsxwriter only).
        engine: ``xlsxwriter`` or ``openpyxl``.
        sheet: the sheet name.
    """

    hierarchy: str | dict = "merged"
    pagu_merged: bool | None = None
    header_row: int = 4
    first_col: int = 0
    title: bool = True
    number_row: str | bool = "paren"
    group: str | None = "Pelaksanaan Kegiatan Triwulan"
    headers: dict = field(default_factory=dict)
    order: tuple = OFFICIAL_ORDER
    page_break_every: int | None = None
    page_break_rows: int | None = None
    split_text: str = "repeat"
    header_merged: bool = True
    wide: tuple = ()
    logo: bool = False
    blank_between_goals: bool = False
    total_label: str | None = None
    amount: str = "number"
    formula: str | None = None
    percent: bool = False
    no_as_number: bool = False
    engine: str = "xlsxwriter"
    sheet: str = "RAK"

    def header_text(self, role):
        return self.headers.get(role, OFFICIAL_HEADERS.get(role, role))


TIDY = Layout()


@dataclass
class TextSheet:
    """A sheet that is not a RAK table (instructions, lookups, helpers)."""

    name: str
    rows: list[list]
    hidden: bool = False


# -- writers: one small interface over xlsxwriter and openpyxl ----------------------

class _XlsxWriterBook:
    def __init__(self, path):
        import xlsxwriter

        self.wb = xlsxwriter.Workbook(str(path))
        self.fmt = {
            "pct": self.wb.add_format({"num_format": "0%", "border": 1}),
            "pct1": self.wb.add_format({"num_format": "0.0%", "border": 1}),
            "money": self.wb.add_format({"num_format": "#,##0", "border": 1}),
            "text": self.wb.add_format({"text_wrap": True, "valign": "top", "border": 1}),
            "bold": self.wb.add_format({"bold": True, "align": "center", "border": 1, "text_wrap": True}),
        }

    def sheet(self, name, hidden=False):
        ws = self.wb.add_worksheet(name)
        if hidden:
            ws.hide()
        return _XlsxWriterSheet(ws, self.fmt)

    def close(self):
        self.wb.close()


class _XlsxWriterSheet:
    def __init__(self, ws, fmt):
        self.ws, self.fmt = ws, fmt

    def write(self, r, c, value, style="text"):
        fmt = self.fmt[style]
        if value is None:
            self.ws.write_blank(r, c, None, fmt)
        elif isinstance(value, str):
            self.ws.write_string(r, c, value, fmt)
        else:
            self.ws.write_number(r, c, value, fmt)

    def formula(self, r, c, text, value, style="money"):
        self.ws.write_formula(r, c, "=" + text, self.fmt[style], value)

    def image(self, r, c):
        import io

        self.ws.insert_image(r, c, "logo.png", {"image_data": io.BytesIO(LOGO_PNG)})

    def merge(self, r1, c1, r2, c2, value, style="text"):
        if (r1, c1) == (r2, c2):
            self.write(r1, c1, value, style)
            return
        self.ws.merge_range(r1, c1, r2, c2, None, self.fmt[style])
        self.write(r1, c1, value, style)


class _OpenpyxlBook:
    def __init__(self, path):
        import openpyxl

        self.path = path
        self.wb = openpyxl.Workbook()
        self.wb.remove(self.wb.active)

    def sheet(self, name, hidden=False):
        ws = self.wb.create_sheet(name)
        if hidden:
            ws.sheet_state = "hidden"
        return _OpenpyxlSheet(ws)

    def close(self):
        self.wb.save(str(self.path))


class _OpenpyxlSheet:
    _FORMATS = {"pct": "0%", "pct1": "0.0%", "money": "#,##0"}

    def __init__(self, ws):
        self.ws = ws

    def write(self, r, c, value, style="text"):
        if value is None:
            return
        cell = self.ws.cell(row=r + 1, column=c + 1, value=value)
        if style in self._FORMATS:
            cell.number_format = self._FORMATS[style]

    def formula(self, r, c, text, value, style="money"):
        self.write(r, c, "=" + text, style)  # openpyxl stores no value

    def image(self, r, c):
        raise NotImplementedError("logos are drawn with xlsxwriter")

    def merge(self, r1, c1, r2, c2, value, style="text"):
        self.write(r1, c1, value, style)
        if (r1, c1) != (r2, c2):
            self.ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)


# -- rendering ------------------------------------------------------------------------

def render(path, *parts, engine: str | None = None) -> Path:
    """Write a workbook of ``parts``: ``(plan, layout)`` pairs (RAK sheets) and
    :class:`TextSheet` s, in order. Returns ``path``."""
    path = Path(path)
    if engine is None:
        engine = next((p[1].engine for p in parts if isinstance(p, tuple)), "xlsxwriter")
    book = _XlsxWriterBook(path) if engine == "xlsxwriter" else _OpenpyxlBook(path)
    helpers = []
    for part in parts:
        if isinstance(part, TextSheet):
            ws = book.sheet(part.name, part.hidden)
            for r, row in enumerate(part.rows):
                for c, v in enumerate(row):
                    ws.write(r, c, v)
        else:
            plan, lay = part
            ws = book.sheet(lay.sheet)
            helper = _render_rak(ws, plan, lay)
            if helper:
                helpers.append((lay.sheet, helper))
    for sheet, rows in helpers:
        ws = book.sheet(_helper_name(sheet), hidden=True)
        ws.write(0, 0, "Rincian biaya (lembar bantu)")
        for r, row in rows.items():
            for c, item in enumerate(row, start=1):
                if isinstance(item, tuple):  # (formula text, value)
                    ws.formula(r, c, item[0], item[1])
                else:
                    ws.write(r, c, item, "money")
    book.close()
    return path


def _helper_name(sheet):
    return f"Rincian {sheet}"


def _render_rak(ws, plan: Plan, lay: Layout):
    """Write one RAK table; returns the helper sheet's rows when formulas need one."""
    widths = {name: 2 if name in lay.wide else 1 for name in lay.order}
    cols, c = {}, lay.first_col
    for name in lay.order:
        cols[name] = c
        c += widths[name]
    ncols = c - lay.first_col
    first, last = lay.first_col, c - 1

    def put(r1, r2, name, value, style="text"):
        """Write a value in column ``name`` over rows r1..r2 (merged when more than one
        cell, as a wide column is across its two sheet columns)."""
        c = cols[name]
        if r1 == r2 and widths[name] == 1:
            ws.write(r1, c, value, style)
        else:
            ws.merge(r1, c, r2, c + widths[name] - 1, value, style)

    def mode(role):
        return lay.hierarchy if isinstance(lay.hierarchy, str) else lay.hierarchy.get(role, "merged")

    r = 0
    if lay.logo:
        ws.image(0, first)
    if lay.title:
        r = max(0, lay.header_row - 4)
        for line in (f"RENCANA AKSI KINERJA TAHUN {plan.year}", plan.organization, plan.unit):
            ws.merge(r, first, r, last, line, "bold")
            r += 1
    r = lay.header_row
    pagu_merged = mode("pagu") == "merged" if lay.pagu_merged is None else lay.pagu_merged

    def header(r):
        two = lay.group is not None
        for name, c in cols.items():
            text = lay.header_text(name)
            if name in QUARTERS and two:
                ws.write(r + 1, c, text, "bold")
                continue
            put(r, r + 1 if two and lay.header_merged else r, name, text, "bold")
        if two:
            qc = sorted(cols[q] for q in QUARTERS)
            ws.merge(r, qc[0], r, qc[-1], lay.group, "bold")
        r += 2 if two else 1
        if lay.number_row:  # columns numbered left to right, as offices do
            for i, name in enumerate(sorted(cols, key=cols.get)):
                put(r, r, name, f"({i + 1})" if lay.number_row == "paren" else i + 1, "bold")
            r += 1
        return r

    r = header(r)
    helper: dict[int, list] = {}
    pagu_cells: list[str] = []
    line_i = 0
    pct = _PERCENT_TEXT
    row_no = 0  # plan row number over the whole plan (for extras)

    def cell_value(text):
        """A target as written, or as a % number when the layout says so."""
        if lay.percent and text:
            m = pct.fullmatch(text)
            if m:
                v = float(m.group(1)) / 100
                return v, ("pct" if float(m.group(1)).is_integer() else "pct1")
        return text, "text"

    def amount_cell(r, c, amount, top, bottom):
        nonlocal line_i
        kind_i = line_i
        line_i += 1
        if pagu_merged and bottom > top:
            ws.merge(top, c, bottom, c, None, "money")
        if lay.formula:
            kind = FORMULA_KINDS[kind_i % len(FORMULA_KINDS)]
            hr = len(helper) + 1
            sheet = "'" + _helper_name(lay.sheet) + "'"
            part = amount // 3
            if kind == "arith":
                text = f"{amount - part}+{part}"
            elif kind == "ref":
                helper[hr] = [amount]
                text = f"{sheet}!$B${hr + 1}"
            elif kind == "sum":
                helper[hr] = [part, amount - part]
                text = f"SUM({sheet}!B{hr + 1}:C{hr + 1})"
            else:  # chain: a reference to a cell that is itself a formula
                helper[hr] = [part, amount - part, (f"B{hr + 1}+C{hr + 1}", amount)]
                text = f"{sheet}!D{hr + 1}"
            ws.formula(r, c, text, amount)
            return
        if lay.amount == "number":
            ws.write(r, c, amount, "money")
        else:
            styles = list(AMOUNT_TEXT_STYLES.values())
            fn = styles[kind_i % len(styles)] if lay.amount == "mixed" else AMOUNT_TEXT_STYLES[lay.amount]
            ws.write(r, c, fn(amount), "text")

    goals_on_page = 0
    rows_on_page = 0
    for gi, g in enumerate(plan.goals):
        if gi and lay.blank_between_goals:
            r += 1
        if gi and lay.page_break_every and goals_on_page >= lay.page_break_every:
            r = header(r)
            goals_on_page = 0
        goals_on_page += 1
        rows = list(g.rows())
        # Sheet row of each plan row (page breaks may fall inside a goal when unmerged).
        at = []
        for i in range(len(rows)):
            if lay.page_break_rows and rows_on_page >= lay.page_break_rows:
                r = header(r)
                rows_on_page = 0
            at.append(r)
            r += 1
            rows_on_page += 1
        g_top, g_bottom = at[0], at[-1]

        def span_end(starts, i):
            later = [s for s in starts if s > i]
            return at[(later[0] if later else len(rows)) - 1]

        def runs(s, end):
            """(top, bottom) sheet rows of a span from plan row s to sheet row end,
            split where a page-break header interrupts it."""
            out = [[at[s], at[s]]]
            for i in range(s + 1, len(rows)):
                if at[i] > end:
                    break
                if at[i] == out[-1][1] + 1:
                    out[-1][1] = at[i]
                else:
                    out.append([at[i], at[i]])
            return out

        # hierarchy columns
        spans = {"no": [(0, g.no)], "sasaran": [(0, g.sasaran)], "pelaksana": g.pelaksana}
        ind_spans, i0 = [], 0
        for ind in g.indicators:
            ind_spans.append((i0, ind))
            i0 += len(ind.activities)
        for role in ("no", "sasaran", "indikator", "target_indikator", "pelaksana"):
            if role not in cols:
                continue
            if role in INDICATOR_ROLES:
                items = [(s, ind.text if role == "indikator" else ind.target) for s, ind in ind_spans]
            else:
                items = spans[role]
            starts = [s for s, _ in items]
            for s, value in items:
                style = "text"
                if role == "no" and lay.no_as_number and value and value.isdigit():
                    value = int(value)
                if role == "target_indikator":
                    value, style = cell_value(value)
                end = span_end(starts, s)
                if mode(role) == "merged":  # split at page breaks: the text repeated, or blank, below
                    for k, (top, bottom) in enumerate(runs(s, end)):
                        put(top, bottom, role, value if k == 0 or lay.split_text == "repeat" else None, style)
                else:  # blank continuation, or the text repeated on every row of its span
                    for i in range(s, len(rows)):
                        if at[i] > end:
                            break
                        if i == s or mode(role) == "repeated":
                            put(at[i], at[i], role, value, style)
                        elif widths[role] > 1:  # pasted from Word: blank cells merged across
                            put(at[i], at[i], role, None, style)
        # Pagu
        if "pagu" in cols:
            starts = [s for s, _ in g.pagu]
            for s, amount in g.pagu:
                parts = runs(s, span_end(starts, s))
                amount_cell(at[s], cols["pagu"], amount, *parts[0])
                pagu_cells.append(f"{xl_col_to_name(cols['pagu'])}{at[s] + 1}")
                for top, bottom in parts[1:]:  # Pagu is written once: blank below a page break
                    if pagu_merged:
                        ws.merge(top, cols["pagu"], bottom, cols["pagu"], None, "money")
        # activity columns and extras
        for i, (ind, act, _) in enumerate(rows):
            put(at[i], at[i], "kegiatan", act.kegiatan)
            if "target_kegiatan" in cols:
                v, style = cell_value(act.target)
                ws.write(at[i], cols["target_kegiatan"], v, style)
            for q, v in zip(QUARTERS, act.tw):
                if q in cols:
                    ws.write(at[i], cols[q], v)
            for name, c in cols.items():
                if name in EXTRA_VALUES:
                    ws.write(at[i], c, EXTRA_VALUES[name](row_no))
            row_no += 1
        del g_top, g_bottom

    if lay.total_label:
        label_col = min(cols[x] for x in ("no", "sasaran", "indikator", "kegiatan") if x in cols)
        end_col = max(label_col, min(cols["kegiatan"] + widths["kegiatan"] - 1, cols.get("pagu", last + 1) - 1))
        ws.merge(r, label_col, r, end_col, lay.total_label, "bold")
        if "pagu" in cols:
            c = cols["pagu"]
            if lay.formula:  # the Pagu cells one by one: a range would take in repeated number rows
                ws.formula(r, c, f"SUM({','.join(pagu_cells)})", plan.total)
            elif lay.amount in AMOUNT_TEXT_STYLES:
                ws.write(r, c, AMOUNT_TEXT_STYLES[lay.amount](plan.total))
            else:
                ws.write(r, c, plan.total, "money")
        r += 1
    # signature block
    r += 1
    sig_col = lay.first_col + max(0, ncols - 3)
    for line in ("Kota Contoh, 15 Januari " + str(plan.year), plan.organization, "Kepala,",
                 None, None, "NAMA PEJABAT", "NIP. 19700101 199503 1 001"):
        if line:
            ws.write(r, sig_col, line)
        r += 1
    return helper


# -- other file formats -----------------------------------------------------------------

def as_xlsm(xlsx: Path, target: Path) -> Path:
    """A copy of ``xlsx`` declared a macro-enabled workbook (.xlsm) by its content types."""
    with zipfile.ZipFile(xlsx) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
                assert b"macroEnabled" in data
            dst.writestr(info, data)
    return target


def soffice_missing() -> str | None:
    """Why .xls fixtures cannot be made here, or None when they can."""
    if shutil.which("soffice") is None:
        return "LibreOffice (soffice) is not installed: legacy .xls fixtures cannot be made"
    return None


def to_xls(paths: list[Path], outdir: Path) -> list[Path]:
    """Convert .xlsx files to legacy .xls with LibreOffice, in one run."""
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
             "--convert-to", "xls", "--outdir", str(outdir), *map(str, paths)],
            check=True, capture_output=True, timeout=300)
    out = [outdir / (p.stem + ".xls") for p in paths]
    missing = [p for p in out if not p.exists()]
    if missing:
        raise RuntimeError(f"soffice did not write {missing}")
    return out



def random_layout(rnd) -> Layout:
    """A layout mixing the variations at random (``rnd``: a seeded random.Random).

    The header words come in sets that name every column unambiguously for the
    column order drawn (two bare "Target" columns need the indicator's first).
    """
    modes = ("merged", "blank", "repeated")
    hierarchy = rnd.choice(modes + ("mixed",))
    if hierarchy == "mixed":
        hierarchy = {role: rnd.choice(modes)
                     for role in ("no", "sasaran", "indikator", "target_indikator", "pelaksana", "pagu")}
    order = rnd.choice(list(ORDERS.values()))
    group = rnd.choice([None, "Pelaksanaan Kegiatan Triwulan", "TRIWULAN", "Jadwal Pelaksanaan"])
    words = rnd.choice([w for w in HEADER_WORDS if group is not None or not w.get("group_only")])
    headers = {k: v for k, v in words.items() if k != "group_only"}
    engine = rnd.choice(["xlsxwriter", "openpyxl"])
    title = rnd.random() < 0.8
    return Layout(
        hierarchy=hierarchy, order=order, group=group, headers=headers, engine=engine, title=title,
        header_row=rnd.randint(4, 28) if title or rnd.random() < 0.5 else 0, first_col=rnd.randint(0, 6),
        number_row=rnd.choice([False, "paren", "number"]), header_merged=rnd.random() < 0.7,
        page_break_rows=rnd.choice([None, None, 3, 5, 9]), split_text=rnd.choice(["repeat", "blank"]),
        blank_between_goals=rnd.random() < 0.3,
        total_label=rnd.choice([None, "JUMLAH", "TOTAL", "Jumlah Total"]),
        amount=rnd.choice(["number", "number", "mixed", *AMOUNT_TEXT_STYLES]),
        formula=rnd.choice([None, None, "cached" if engine == "xlsxwriter" else "uncached"]),
        percent=rnd.random() < 0.3, no_as_number=rnd.random() < 0.3,
        wide=rnd.choice([(), (), ("sasaran", "kegiatan"), ("indikator",)]),
    )


#: Column orders: the official one, and others offices use.
ORDERS = {
    "official": OFFICIAL_ORDER,
    "pelaksana-before-pagu": ("no", "sasaran", "indikator", "target_indikator", "kegiatan", "target_kegiatan",
                              "pelaksana", "pagu", "tw1", "tw2", "tw3", "tw4"),
    "extras": ("no", "sasaran", "indikator", "target_indikator", "Satuan", "kegiatan", "target_kegiatan",
               "tw1", "tw2", "tw3", "tw4", "pagu", "Sumber Dana", "pelaksana", "Keterangan"),
    "kode-first": ("Kode", "no", "sasaran", "indikator", "target_indikator", "kegiatan", "Volume",
                   "target_kegiatan", "tw1", "tw2", "tw3", "tw4", "pagu", "Realisasi Anggaran", "pelaksana"),
}
#: Sets of header words offices use (``group_only``: quarter headers that need the group above).
HEADER_WORDS = (
    {},
    {"sasaran": "Sasaran Strategis", "indikator": "Indikator Kinerja Utama (IKU)", "target_indikator": "Target",
     "kegiatan": "Rencana Aksi", "target_kegiatan": "Target", "tw1": "Triwulan I", "tw2": "Triwulan II",
     "tw3": "Triwulan III", "tw4": "Triwulan IV", "pagu": "Anggaran (Rp)", "pelaksana": "Penanggung Jawab"},
    {"no": "NO.", "sasaran": "SASARAN", "indikator": "INDIKATOR\nKINERJA", "target_indikator": "TARGET",
     "kegiatan": "KEGIATAN", "target_kegiatan": "TARGET", "tw1": "TW I", "tw2": "TW II", "tw3": "TW III",
     "tw4": "TW IV", "pagu": "PAGU", "pelaksana": "PJ"},
    {"tw1": "1", "tw2": "2", "tw3": "3", "tw4": "4", "pagu": "Anggaran", "kegiatan": "Kegiatan",
     "pelaksana": "Penanggung jawab", "group_only": True},
)
