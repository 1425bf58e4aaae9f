"""Where a monev sheet keeps what: the fields of each quarter block and their keys,
the names of the extra sheets, the inputs to put in a workbook (:class:`Values`), and
serapan as the workbook's formulas show it. Shared by the writer
(:mod:`~rakxl.monitoring.sheet`), the reader and the carry-over.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..i18n import MONITORING, pick
from . import methods as M

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
