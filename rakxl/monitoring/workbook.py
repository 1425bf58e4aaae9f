"""The monev workbook: a RAK made into the workbook staff report realisation in.

One sheet per RAK sheet::

    A..L      the plan as in the official layout (No, Sasaran, Indikator, Target,
              Kegiatan, Target, TW I-IV, Pagu, Pelaksana), greyed and protected, with
              the RAK's merges; then the capaian method of the indicator (merged over
              it) and of the activity, and where each quarter's capaian gets its
              target
    per quarter (Realisasi Triwulan I..IV), ten columns:
              Realisasi Indikator (input, merged over the indicator),
              Capaian Indikator (%) (live formula, merged), Realisasi Kegiatan (input),
              Capaian Kegiatan (%) (formula), Kendala, Tindak Lanjut, Bukti Dukung
              (input), Realisasi Anggaran (input: ONE cell merged over the Pagu range
              of the budget line), Realisasi Anggaran s.d. Triwulan and Serapan (%)
              (formulas, merged over the Pagu range)
    JUMLAH    Pagu and each quarter's spending, live SUMs

Every formula carries the value rakxl computed (:mod:`rakxl.monitoring.methods`), so
a viewer that does not recalculate shows the right numbers. Inputs have data
validation with messages in Bahasa Indonesia; the sheet is protected without a
password (Review > Unprotect Sheet) so only the input cells take typing.

A ``Petunjuk`` sheet explains every column, the formulas and their sources; a
``Metode`` sheet (the shared table writer, :mod:`rakxl.report`) gives the method,
formula and quarter basis of every indicator and activity; a hidden sheet ``rakxl-monev`` records where each column is,
for :func:`rakxl.read_monitoring`.

Printing: A4 (or F4/Legal) landscape, the header rows repeated on every page and
the columns No..Target Kegiatan repeated on every page across; a page break before
each quarter, so the plan prints first and each quarter after it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from .. import layout
from ..exceptions import RakFileError, RakInputError
from ..a1 import a1, column_letters
from ..i18n import MONITORING, MONITORING_COLUMN_HELP, MONITORING_INSTRUCTIONS, pick
from ..safeio import atomic_output
from ..writer import (DATA_ROW, HEADER_ROW, LIBREOFFICE_WIDER, MARGINS, NUMBER_ROW, _column_pixels, _Formats,
                      _Measure, _row_height, _SheetWriter, sheet_names)
from . import methods as M
from .config import DEFAULT, Config, find_config
from .plan import Item, items

#: The fields of one quarter block, in column order.
QUARTER_FIELDS = ("ri", "ci", "rk", "ck", "kendala", "tindak_lanjut", "bukti", "ra", "kum", "serapan")
#: Inputs among them.
INPUT_FIELDS = ("ri", "rk", "kendala", "tindak_lanjut", "bukti", "ra")
TEXT_FIELDS = ("kendala", "tindak_lanjut", "bukti")
WIDTHS = {"ri": 10, "ci": 9, "rk": 10, "ck": 9, "kendala": 18, "tindak_lanjut": 18, "bukti": 16,
          "ra": 14, "kum": 14, "serapan": 9}
METHOD_WIDTH = 18
#: The hidden sheet that records the layout for the reader.
MAP_SHEET = "rakxl-monev"
MAP_VERSION = 1
PETUNJUK = MONITORING["petunjuk"][0]
METODE = "Metode"
UNMATCHED = MONITORING["unmatched_sheet"][0]
ROMAN = ("I", "II", "III", "IV")


def word(key, lang="id", **kw):
    return pick(MONITORING[key], lang, **kw)


def field_key(name: str, q: int) -> str:
    """``("ri", 2)`` -> ``"ri2"``: the key of a quarter column in the layout map."""
    return f"{name}{q}"


# -- values: what a workbook holds (carried over, or filled by tests) --------------------

@dataclass
class Values:
    """Inputs to put in the workbook, by ``(level, index, field, quarter)``.

    ``level`` is ``indikator``, ``kegiatan`` or ``anggaran`` (budget line, index =
    its position in ``Rak.budgets``); ``field`` one of :data:`INPUT_FIELDS`.
    """

    cells: dict = field(default_factory=dict)

    def get(self, level, index, name, q):
        return self.cells.get((level, index, name, q))


def serapan(pagu, spent, q: int) -> tuple[object, object]:
    """(cumulative spending, serapan %) of quarter ``q`` as the workbook's formulas show
    them: both blank when the quarter is not reported, ``?`` when it is not a number."""
    rq = spent[q - 1]
    if M.is_blank(rq):
        return "", ""
    if isinstance(rq, bool) or not isinstance(rq, (int, float)) or not math.isfinite(rq):
        return M.INVALID_MARK, M.INVALID_MARK
    total = math.fsum(v for v in spent[:q] if isinstance(v, (int, float)) and not isinstance(v, bool)
                      and math.isfinite(v))
    if not pagu:
        return total, M.NOT_DEFINED_MARK
    return total, total / pagu * 100


# -- formats --------------------------------------------------------------------------

class _MonevFormats(_Formats):
    """Plan cells greyed and locked; input, formula and unused cells by purpose."""

    def get(self, style: str, mark: str | None = None):
        key = ("plan", style, mark)
        fmt = self.cache.get(key)
        if fmt is None:
            props = {**layout.FONT, **layout.STYLES[style], "bg_color": layout.MONEV_FILLS["plan"]}
            fmt = self.cache[key] = self.book.add_format(props)
        return fmt

    def cell(self, purpose: str, num_format: str | None = None):
        key = ("cell", purpose, num_format)
        fmt = self.cache.get(key)
        if fmt is None:
            base = layout.STYLES["center" if purpose != "text" else "text"]
            props = {**layout.FONT, **base, "bg_color": layout.MONEV_FILLS[
                {"input": "input", "text": "input", "formula": "formula", "none": "none"}[purpose]]}
            if purpose in ("input", "text"):
                props["locked"] = False
            if num_format:
                props["num_format"] = num_format
            fmt = self.cache[key] = self.book.add_format(props)
        return fmt

    def header(self):
        return super().get("header")


# -- one sheet ------------------------------------------------------------------------

class _MonevSheet(_SheetWriter):
    def __init__(self, book, formats, measure, rak, name, paper, config: Config, values: Values, lang, out_map):
        super().__init__(book, formats, measure, rak, name, paper, {})
        for col in self.cols:
            col.width = layout.MONEV_WIDTHS.get(col.role, col.width)
            col.pixels = _column_pixels(col.width)
        self.config = config
        self.values = values
        self.lang = lang
        self.map = out_map
        self.indicators, self.activities = items(rak, config)
        self.c_method_ind = len(self.cols)
        self.c_method_act = self.c_method_ind + 1
        self.c_first_quarter = self.c_method_act + 1
        self.col_of: dict[str, int] = {}
        for q in range(1, 5):
            for k, name in enumerate(QUARTER_FIELDS):
                self.col_of[field_key(name, q)] = self.c_first_quarter + (q - 1) * len(QUARTER_FIELDS) + k
        self.ncols = self.c_first_quarter + 4 * len(QUARTER_FIELDS)
        self.budget_blocks: list[tuple[int, int, int, int]] = []   # (first, last, budget index, pagu)
        self.validations: dict[tuple, list] = {}    # (column, kind, scale) -> [(first row, last row)]

    # -- the whole sheet ------------------------------------------------------------

    def write(self):
        ws = self.ws
        for c, col in enumerate(self.cols):
            ws.set_column(c, c, col.width)
        ws.set_column(self.c_method_ind, self.c_method_act, METHOD_WIDTH)
        for q in range(1, 5):
            for name in QUARTER_FIELDS:
                c = self.col_of[field_key(name, q)]
                ws.set_column(c, c, WIDTHS[name])
        self.write_title(len(self.cols))
        self.write_header()
        self.write_quarter_header()
        blocks = self.blocks()
        self.write_body(blocks)
        self.write_methods()
        self.write_quarters(blocks)
        self.write_validations()
        total_row = DATA_ROW + self.n
        self.write_total(total_row, None)
        for r, h in self.heights.items():
            ws.set_row(r, h)
        self.print_setup(total_row, total_row)
        ws.protect("", {"format_columns": True, "format_rows": True, "select_locked_cells": True,
                        "select_unlocked_cells": True})
        self.record_map()

    def write_title(self, ncols):
        meta = self.rak.meta
        fields = {"year": meta.year or "", "organization": meta.organization or "", "unit": meta.unit or ""}
        fmt = _Formats.get(self.fmt, "title")
        for r, line in enumerate(layout.MONEV_TITLE_LINES):
            text = " ".join(line.format(**fields).split())
            self.heights[r] = 18
            if text:
                self.ws.merge_range(r, 0, r, ncols - 1, "", fmt)
                self.ws.write_string(r, 0, text, fmt)
        self.heights[HEADER_ROW - 1] = 12.75

    def write_header(self):
        # The plan's header as in the official layout, in the header style (not grey).
        fmt, self.fmt = self.fmt, _HeaderOnly(self.fmt)
        try:
            super().write_header()
        finally:
            self.fmt = fmt

    def write_quarter_header(self):
        ws = self.ws
        head = self.fmt.header()
        num = _Formats.get(self.fmt, "number_row")
        for c, key in ((self.c_method_ind, "method_ind"), (self.c_method_act, "method_act")):
            ws.merge_range(HEADER_ROW, c, HEADER_ROW + 1, c, "", head)
            ws.write_string(HEADER_ROW, c, word(key, self.lang), head)
        for q in range(1, 5):
            c1 = self.col_of[field_key(QUARTER_FIELDS[0], q)]
            c2 = self.col_of[field_key(QUARTER_FIELDS[-1], q)]
            ws.merge_range(HEADER_ROW, c1, HEADER_ROW, c2, "", head)
            ws.write_string(HEADER_ROW, c1, word("quarter_group", self.lang, q=ROMAN[q - 1]), head)
            for name in QUARTER_FIELDS:
                ws.write_string(HEADER_ROW + 1, self.col_of[field_key(name, q)], word(name, self.lang), head)
        for c in range(len(self.cols), self.ncols):
            ws.write_string(NUMBER_ROW, c, f"({c + 1})", num)
        # the sub-headers wrap to three lines
        self.heights[HEADER_ROW + 1] = max(self.heights.get(HEADER_ROW + 1, 0), _row_height(3))

    # -- method columns ------------------------------------------------------------------

    def basis_text(self, item: Item) -> str:
        bases = [M.basis(item.method, item.target, item.qtargets, q) for q in range(1, 5)]
        parts = []
        for b in dict.fromkeys(bases):
            qs = [ROMAN[q] for q, x in enumerate(bases) if x == b]
            label = pick(M.BASIS_TEXT[b], self.lang)
            parts.append(label if len(qs) == 4 else f"TW {', '.join(qs)}: {label}")
        return "; ".join(parts)

    def method_text(self, item: Item) -> str:
        return f"{item.method.name}\n{self.basis_text(item)}"

    def write_methods(self):
        ws = self.ws
        fmt = self.fmt.get("text")
        for ind in self.indicators:
            r1, r2 = DATA_ROW + ind.first, DATA_ROW + ind.last
            if r2 > r1:
                ws.merge_range(r1, self.c_method_ind, r2, self.c_method_ind, "", fmt)
            ws.write_string(r1, self.c_method_ind, self.method_text(ind), fmt)
        for act in self.activities:
            ws.write_string(DATA_ROW + act.first, self.c_method_act, self.method_text(act), fmt)
            need = _row_height(self.measure.lines(self.method_text(act).split("\n")[1],
                                                  _column_pixels(METHOD_WIDTH)) + 1)
            r = DATA_ROW + act.first
            if need > self.heights.get(r, 0):
                self.heights[r] = need

    # -- quarter blocks ------------------------------------------------------------------

    def cells_of(self, name: str, row: int) -> list[str]:
        """The four A1 addresses of field ``name`` (ri, rk, ra) on sheet row ``row`` (0-based)."""
        return [a1(row, self.col_of[field_key(name, q)]) for q in range(1, 5)]

    def _validation(self, r1, c, r2, item: Item | None, kind: str):
        """Note a validation; :meth:`write_validations` writes one per column and kind."""
        scale = item.method.scale if kind == "grade" else None
        self.validations.setdefault((c, kind, scale), []).append((r1, r2))

    def write_validations(self):
        """One data validation per column and kind, over all its cells (runs of
        adjacent rows joined), instead of one per cell."""
        for (c, kind, scale), ranges in self.validations.items():
            runs = []
            for r1, r2 in sorted(ranges):
                if runs and r1 <= runs[-1][1] + 1:
                    runs[-1][1] = max(runs[-1][1], r2)
                else:
                    runs.append([r1, r2])
            opts = self._validation_options(kind, scale)
            if len(runs) > 1:
                opts["other_cells"] = [[r1, c, r2, c] for r1, r2 in runs[1:]]
            self.ws.data_validation(runs[0][0], c, runs[0][1], c, opts)

    def _validation_options(self, kind: str, scale: str | None) -> dict:
        lang = self.lang
        if kind == "grade":
            grades = list(M.SCALES[scale])
            opts = {"validate": "list", "source": grades,
                    "input_title": word("input_title_grade", lang),
                    "input_message": word("input_grade", lang, grades=", ".join(grades)),
                    "error_title": word("error_title", lang), "error_message": word("error_grade", lang)}
        elif kind == "money":
            opts = {"validate": "decimal", "criteria": ">=", "value": 0,
                    "input_title": word("input_title_money", lang), "input_message": word("input_money", lang),
                    "error_title": word("error_title", lang), "error_message": word("error_number", lang)}
        elif kind in TEXT_FIELDS:
            opts = {"validate": "length", "criteria": "<=", "value": 1000,
                    "input_title": word(kind, lang)[:32], "input_message": word(f"input_{kind}", lang)}
        else:
            opts = {"validate": "decimal", "criteria": ">=", "value": 0,
                    "input_title": word("input_title_number", lang), "input_message": word("input_number", lang),
                    "error_title": word("error_title", lang), "error_message": word("error_number", lang)}
        return opts

    def _input(self, r1, r2, c, value, fmt):
        ws = self.ws
        if r2 > r1:
            ws.merge_range(r1, c, r2, c, "", fmt)
        if M.is_blank(value):
            if r2 == r1:
                ws.write_blank(r1, c, None, fmt)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            ws.write_number(r1, c, value, fmt)
        else:
            ws.write_string(r1, c, str(value), fmt)

    def _formula(self, r1, r2, c, formula, value, fmt):
        ws = self.ws
        if r2 > r1:
            ws.merge_range(r1, c, r2, c, "", fmt)
        if formula is None:
            ws.write_string(r1, c, M.NOT_DEFINED_MARK, fmt)
        else:
            ws.write_formula(r1, c, formula, fmt, value)

    def _item_quarters(self, item: Item, level: str, r_name: str, c_name: str):
        r1, r2 = DATA_ROW + item.first, DATA_ROW + item.last
        cells = self.cells_of(r_name, r1)
        values = [self.values.get(level, item.index, r_name, q) for q in range(1, 5)]
        kind = "grade" if item.method.scale else "number"
        in_fmt = self.fmt.cell("input")
        out_fmt = self.fmt.cell("formula", layout.PERCENT_NUMBER_FORMAT)
        cap = self.config.cap
        for q in range(1, 5):
            c = self.col_of[field_key(r_name, q)]
            self._input(r1, r2, c, values[q - 1], in_fmt)
            self._validation(r1, c, r2, item, kind)
            f = M.formula(item.method, item.target, cells, q, item.qtargets, cap)
            result = M.compute(item.method, item.target, values, q, item.qtargets, cap)
            self._formula(r1, r2, self.col_of[field_key(c_name, q)], f, M.cached(result), out_fmt)

    def write_quarters(self, blocks):
        for ind in self.indicators:
            self._item_quarters(ind, "indikator", "ri", "ci")
        text_fmt = self.fmt.cell("text")
        for act in self.activities:
            self._item_quarters(act, "kegiatan", "rk", "ck")
            r = DATA_ROW + act.first
            for q in range(1, 5):
                for name in TEXT_FIELDS:
                    self._input(r, r, self.col_of[field_key(name, q)], self.values.get("kegiatan", act.index, name, q),
                                text_fmt)
        for name in TEXT_FIELDS:
            for q in range(1, 5):
                if self.n:
                    c = self.col_of[field_key(name, q)]
                    self._validation(DATA_ROW, c, DATA_ROW + self.n - 1, None, name)
        self.write_budget(blocks)

    def write_budget(self, blocks):
        line = [a.budget_line for a in self.rak.plan.activities]
        index_of = {b.budget_line: k for k, b in enumerate(self.rak.plan.budget_lines)}
        pagu_col = self.index["pagu"]
        covered = set()
        in_fmt = self.fmt.cell("input", layout.AMOUNT_FORMAT)
        amount_fmt = self.fmt.cell("formula", layout.AMOUNT_FORMAT)
        pct_fmt = self.fmt.cell("formula", layout.PERCENT_NUMBER_FORMAT)
        for block in blocks["pagu"]:
            b = line[block.first]
            if block.value is None or b is None or b not in index_of:
                continue
            k = index_of[b]
            pagu = block.value
            self.budget_blocks.append((block.first, block.last, k, pagu))
            r1, r2 = DATA_ROW + block.first, DATA_ROW + block.last
            covered.update(range(block.first, block.last + 1))
            cells = self.cells_of("ra", r1)
            spent = [self.values.get("anggaran", k, "ra", q) for q in range(1, 5)]
            pagu_cell = a1(r1, pagu_col)
            for q in range(1, 5):
                c = self.col_of[field_key("ra", q)]
                self._input(r1, r2, c, spent[q - 1], in_fmt)
                self._validation(r1, c, r2, None, "money")
                cum, pct = serapan(pagu, spent, q)
                cq = cells[q - 1]
                kum_cell = a1(r1, self.col_of[field_key("kum", q)])
                self._formula(r1, r2, self.col_of[field_key("kum", q)],
                              f'=IF({cq}="","",IF(NOT(ISNUMBER({cq})),"{M.INVALID_MARK}",SUM({",".join(cells[:q])})))',
                              cum, amount_fmt)
                self._formula(r1, r2, self.col_of[field_key("serapan", q)],
                              f'=IF({cq}="","",IF(NOT(ISNUMBER({kum_cell})),"{M.INVALID_MARK}",'
                              f'{kum_cell}/{pagu_cell}*100))', pct, pct_fmt)
        none = self.fmt.cell("none")
        for i in range(self.n):
            if i in covered:
                continue
            for q in range(1, 5):
                for name in ("ra", "kum", "serapan"):
                    self.ws.write_blank(DATA_ROW + i, self.col_of[field_key(name, q)], None, none)

    def write_total(self, r, total):
        ws = self.ws
        label = self.fmt.get("total_label")
        amount = self.fmt.get("total_amount")
        pagu_c = self.index["pagu"]
        ws.merge_range(r, 0, r, pagu_c - 1, "", label)
        ws.write_string(r, 0, word("total", self.lang), label)
        letter = column_letters(pagu_c)
        last = DATA_ROW + max(self.n, 1)
        ws.write_formula(r, pagu_c, f"=SUM({letter}{DATA_ROW + 1}:{letter}{last})", amount,
                         sum(p for _, _, _, p in self.budget_blocks))
        for c in range(pagu_c + 1, self.ncols):
            ws.write_blank(r, c, None, label)
        for q in range(1, 5):
            c = self.col_of[field_key("ra", q)]
            letter = column_letters(c)
            spent = [self.values.get("anggaran", k, "ra", q) for _, _, k, _ in self.budget_blocks]
            value = math.fsum(v for v in spent if isinstance(v, (int, float)) and not isinstance(v, bool))
            ws.write_formula(r, c, f"=SUM({letter}{DATA_ROW + 1}:{letter}{last})", amount, value)
        self.heights[r] = _row_height(1) + 3

    # -- printing ------------------------------------------------------------------------

    def print_scale(self) -> int:
        page_w = self.paper.height_mm / 25.4 * 72 - (MARGINS[0] + MARGINS[1]) * 72
        repeat = sum(self.cols[self.index[r]].pixels for r in ("no", "sasaran", "indikator", "target_indikator",
                                                              "kegiatan", "target_kegiatan"))
        quarter = sum(_column_pixels(WIDTHS[n]) for n in QUARTER_FIELDS)
        plan = sum(c.pixels for c in self.cols) + 2 * _column_pixels(METHOD_WIDTH)
        widest = max(plan, repeat + quarter) * 0.75 * LIBREOFFICE_WIDER
        return max(10, min(100, math.floor(page_w / widest * 100 * 0.99)))

    def print_setup(self, total_row, end):
        ws = self.ws
        self.page_setup()
        ws.repeat_columns(0, self.index["target_kegiatan"])
        ws.freeze_panes(DATA_ROW, self.index["kegiatan"] + 1)
        ws.print_area(0, 0, end, self.ncols - 1)
        ws.set_print_scale(self.print_scale())
        ws.set_v_pagebreaks([self.col_of[field_key(QUARTER_FIELDS[0], q)] for q in range(1, 5)])
        ws.print_across()

    def record_map(self):
        self.map.append(("sheet", self.ws.name, self.rak.sheet, DATA_ROW + 1, DATA_ROW + self.n))
        for key, c in self.col_of.items():
            self.map.append(("column", self.ws.name, key, column_letters(c), None))
        for key, c in (("method_ind", self.c_method_ind), ("method_act", self.c_method_act)):
            self.map.append(("column", self.ws.name, key, column_letters(c), None))


class _HeaderOnly:
    """The formats object the official header is written with: the header style."""

    def __init__(self, formats: _MonevFormats):
        self.formats = formats

    def get(self, style, mark=None):
        return _Formats.get(self.formats, style, mark)


# -- Petunjuk ----------------------------------------------------------------------------


FORMULA_HELP = (
    ("naik (makin tinggi makin baik)", "Capaian = R / T x 100", "PermenPAN-RB No. 53/2014"),
    ("turun (makin rendah makin baik)", "Capaian = (2T - R) / T x 100, paling rendah 0  (= 1 + (1 - R/T))",
     "PermenPAN-RB No. 53/2014, kondisi khusus"),
    ("turun_rasio", "Capaian = T / R x 100 (alternatif yang dipakai sebagian instansi)", "praktik e-SAKIP"),
    ("kumulatif", "R = jumlah realisasi triwulan I s.d. triwulan ini; T = target s.d. triwulan ini, atau "
     "target tahunan bila triwulan tidak punya target sendiri", ""),
    ("nilai_akhir / persentase", "R = realisasi triwulan ini; T = target triwulan ini, atau target tahunan", ""),
    ("skala nilai", "Nilai dihitung menurut urutannya: opini TMP<TW<WDP<WTP (1-4); predikat D<C<CC<B<BB<A<AA (1-7)",
     "Opini BPK; PermenPAN-RB No. 88/2021"),
    ("rentang (80-90 %)", "Di dalam rentang = 100; di bawah: batas bawah; di atas: batas atas (T = MEDIAN(bawah, R, atas))",
     ""),
    ("Serapan", "Realisasi anggaran s.d. triwulan / Pagu x 100, per baris Pagu", ""),
)


def _write_petunjuk(book, ws, config: Config, lang):
    """The instructions: how to fill in, what each column holds, the formulas and
    their sources, the categories and the cap in force. Rows are sized for their
    wrapped text (the programs do not grow a row a file gives no height to)."""
    measure = _Measure()
    widths = (3, 30, 72, 34)
    title = book.add_format({**layout.FONT, **layout.STYLES["title"], "align": "left"})
    head = book.add_format({**layout.FONT, **layout.STYLES["header"]})
    text = book.add_format({**layout.FONT, **layout.STYLES["text"]})
    plain = book.add_format({**layout.FONT, "text_wrap": True, "valign": "top"})
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    row = [0]

    def line(cells, fmt, merge_to=None):
        r = row[0]
        need = 1
        for c, value in cells:
            if merge_to is not None:
                ws.merge_range(r, c, r, merge_to, "", fmt)
                width = sum(widths[c:merge_to + 1])
            else:
                width = widths[c]
            ws.write_string(r, c, value, fmt)
            need = max(need, measure.lines(value, _column_pixels(width)))
        ws.set_row(r, _row_height(need))
        row[0] += 1

    def gap():
        row[0] += 1

    line([(1, word("guide_title", lang))], title, 3)
    gap()
    for pair in MONITORING_INSTRUCTIONS:
        line([(1, pick(pair, lang))], plain, 3)
    gap()
    line([(1, word("guide_column", lang)), (2, word("guide_content", lang))], head)
    for name, id_text, en_text in MONITORING_COLUMN_HELP:
        line([(1, name), (2, pick((id_text, en_text), lang))], text)
    gap()
    line([(1, word("guide_formulas", lang))], title, 3)
    line([(1, word("guide_method", lang)), (2, word("guide_formula", lang)), (3, word("guide_source", lang))], head)
    for name, formula, source in FORMULA_HELP:
        line([(1, name), (2, formula), (3, source)], text)
    gap()
    cats = ", ".join(f"{name} >= {low:g}" if low != -math.inf else name for low, name in config.thresholds)
    cap = word("guide_no_cap", lang) if config.cap is None else f"{config.cap:g}"
    line([(1, word("guide_categories", lang, cats=cats, cap=cap))], plain, 3)
    line([(1, word("guide_settings", lang, src=config.path or word("guide_built_in", lang), sheet=METODE))], plain, 3)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.set_footer(layout.PAGE_FOOTER)




def _methods_table(sheets, lang):
    """The method of every indicator and activity, as a table sheet (rakxl.report)."""
    from ..report import Column, Table

    heads = word("metode_heads", lang).split("|")
    widths = (14, 5, 10, 48, 10, 24, 34, 30, 18)
    wrap = (False, False, False, True, False, True, True, True, True)
    rows = []
    for sheet in sheets:
        acts_of: dict[int, list] = {}           # indicator -> its activities (positions are ordered)
        k = 0
        for a in sheet.activities:
            while k + 1 < len(sheet.indicators) and a.first > sheet.indicators[k].last:
                k += 1
            acts_of.setdefault(k, []).append(a)
        for k, ind in enumerate(sheet.indicators):
            for item in [ind] + acts_of.get(k, []):
                rows.append((sheet.ws.name, item.no, word(f"level_{item.level}", lang), item.text, item.target_text,
                             item.method.name, item.method.formula_text(lang), sheet.basis_text(item),
                             item.method.source))
    columns = [Column(h, w, "text", wrap=x) for h, w, x in zip(heads, widths, wrap)]
    return Table(METODE, columns, rows)


def _write_map(ws, rows):
    ws.write_row(0, 0, ("rakxl-monev", MAP_VERSION))
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, (int, float)):
                ws.write_number(r, c, v)
            else:
                ws.write_string(r, c, str(v))
    ws.hide()


def _unmatched_table(rows, lang):
    """What a carry-over could not place, as a table sheet (rakxl.report)."""
    from ..report import Column, Table

    heads = word("unmatched_heads", lang).split("|")
    widths = (12, 6, 50, 20, 9, 36, 24)
    wrap = (False, False, True, False, False, True, False)
    return Table(UNMATCHED, [Column(h, w, "text", wrap=x) for h, w, x in zip(heads, widths, wrap)],
                 list(rows))


# -- the public function ----------------------------------------------------------------

def refuse_monev(path) -> None:
    """Refuse a monev workbook where a RAK is wanted (its quarter columns are no plan).

    Raises:
        RakInputError: ``path`` is a workbook ``rakxl monev`` wrote.
    """
    from ..marker import read_mark

    mark = read_mark(path)
    if mark is not None and mark.kind == "monev":
        raise RakInputError("file ini sudah workbook monev; buat dari file RAK-nya (untuk RAK revisi: "
                            "rakxl monev RAK_REVISI.xlsx --from MONEV_LAMA.xlsx -o MONEV_BARU.xlsx)", path=path)


def write_monitoring(rak_or_path, out, *, config: Config | None = None, config_path=None, paper: str = "A4",
                     lang: str = "id", previous=None, values=None, unmatched=None, inputs=()) -> Path:
    """Write the monev workbook of a RAK.

    Args:
        rak_or_path: a :class:`~rakxl.model.Rak`, a list of them, or the path of a RAK
            workbook (every RAK sheet becomes a monev sheet).
        out: the .xlsx to write (temporary file renamed into place; never an input).
        config: the settings (:func:`rakxl.monitoring.config.load_config`); default:
            ``config_path``, else ``rakxl.toml`` next to the RAK, else built-in.
        paper: ``A4``, ``F4`` or ``Legal`` (landscape).
        lang: language of headers and messages (``id`` or ``en``).
        previous: an earlier monev workbook of an earlier revision of this RAK: its
            realisations, notes and evidence are carried over (see
            :mod:`rakxl.monitoring.carry`); what cannot be matched is listed in a
            sheet ``Tidak Terpetakan``.
        values: inputs to fill in, ``[Values, ...]`` one per RAK sheet (tests; carry).
        unmatched: rows for the ``Tidak Terpetakan`` sheet (with ``values`` from a carry).
        inputs: more files the output may not be.

    Returns:
        The path written.

    Raises:
        RakError: the RAK cannot be read, ``out`` is an input or cannot be written.
        ConfigError: a bad rakxl.toml.
    """
    from ..marker import mark_xlsxwriter
    from ..model import Rak

    if paper not in layout.PAPERS:
        raise ValueError(f"unknown paper {paper!r}; use one of {', '.join(layout.PAPERS)}")
    if isinstance(rak_or_path, Rak):
        raks = [rak_or_path]
    elif isinstance(rak_or_path, (list, tuple)):
        raks = list(rak_or_path)
    else:
        from ..reader import read_workbook

        refuse_monev(rak_or_path)
        raks = read_workbook(rak_or_path)
    if not raks or not all(isinstance(r, Rak) for r in raks):
        raise ValueError("write_monitoring needs a Rak, a list of Rak or a workbook path")
    from ..writer import require_placed_budget

    for rak in raks:  # a budget table apart from the activities (family targets-budget) has no Pagu cells here
        require_placed_budget(rak, "workbook monev")
    if config is None:
        config = find_config(raks[0].path, config_path) if (raks[0].path or config_path) else DEFAULT
    if str(out).lower().endswith(".xlsx") is False:
        raise RakFileError("workbook monev harus bernama .xlsx", path=out)
    inputs = [r.path for r in raks if r.path] + [str(p) for p in inputs]
    unmatched = list(unmatched or [])
    if previous is not None:
        from .carry import carry_over

        carried = carry_over(previous, raks, config, lang)
        values = carried.values
        unmatched = carried.unmatched
        inputs.append(str(previous))
    values = list(values) if values is not None else [Values() for _ in raks]

    import xlsxwriter
    from xlsxwriter.exceptions import XlsxFileError

    with atomic_output(out, inputs) as tmp:
        book = xlsxwriter.Workbook(tmp, {"default_format_properties": dict(layout.FONT),
                                     "in_memory": True})
        formats = _MonevFormats(book)
        measure = _Measure()
        extra = [PETUNJUK, METODE] + ([UNMATCHED] if unmatched else [])
        names = sheet_names(extra + [MAP_SHEET] + [r.sheet for r in raks])
        petunjuk_ws = book.add_worksheet(names[0])
        metode_ws = book.add_worksheet(names[1])
        unmatched_ws = book.add_worksheet(names[2]) if unmatched else None
        sheets, rows = [], []
        for rak, name, vals in zip(raks, names[len(extra) + 1:], values):
            sheet = _MonevSheet(book, formats, measure, rak, name, layout.PAPERS[paper], config, vals, lang, rows)
            sheet.write()
            sheets.append(sheet)
        from ..report import write_table

        _write_petunjuk(book, petunjuk_ws, config, lang)
        write_table(metode_ws, _methods_table(sheets, lang), lang, book)
        if unmatched_ws is not None:
            write_table(unmatched_ws, _unmatched_table(unmatched, lang), lang, book)
        _write_map(book.add_worksheet(names[len(extra)]), rows)
        sheets[0].ws.activate()
        petunjuk_ws.set_first_sheet()
        mark_xlsxwriter(book, "monev", tuple(extra) + (MAP_SHEET,))
        try:
            book.close()
        except (XlsxFileError, OSError) as exc:
            raise RakFileError(f"tidak dapat menulis workbook: {exc}", path=out) from exc
    return Path(out)
