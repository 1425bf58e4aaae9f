"""The monev workbook's other sheets: ``Petunjuk`` (how to fill in, every column, the
formulas and their sources, the categories and cap in force), ``Metode`` (the
method, formula and quarter basis of every indicator and activity), ``Tidak
Terpetakan`` (what a carry-over could not place) and the hidden map sheet
``rakxl-monev`` the reader finds the columns by.
"""
from __future__ import annotations

import math

from .. import layout
from ..i18n import MONITORING_COLUMN_HELP, MONITORING_INSTRUCTIONS, pick
from ..writer import _column_pixels, _Measure, _row_height
from .config import Config
from .fields import MAP_VERSION, METODE, UNMATCHED, word

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
