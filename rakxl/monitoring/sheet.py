"""One monev sheet (:class:`MonevSheet`), written with xlsxwriter::

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

Printing: A4 (or F4/Legal) landscape, the header rows repeated on every page and
the columns No..Target Kegiatan repeated on every page across; a page break before
each quarter, so the plan prints first and each quarter after it.
"""
from __future__ import annotations

import math

from .. import layout
from ..a1 import a1, column_letters
from ..i18n import pick
from ..writer import (DATA_ROW, HEADER_ROW, LIBREOFFICE_WIDER, MARGINS, NUMBER_ROW, _column_pixels, _Formats,
                      _row_height, _SheetWriter)
from . import methods as M
from .config import Config
from .fields import METHOD_WIDTH, QUARTER_FIELDS, ROMAN, TEXT_FIELDS, WIDTHS, Values, field_key, serapan, word
from .plan import Item, items

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

class MonevSheet(_SheetWriter):
    """One RAK sheet made into a monev sheet: :meth:`write` writes it all."""

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
