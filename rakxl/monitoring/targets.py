"""Targets as RAKs write them, read as numbers: percentages (``97,5 %``), counts with a
unit (``4 lap``), bare numbers, ranges (``80-90 %``) and grades (``WTP``, ``B``), each
grade scored by its rank on its scale; the quarter targets of the TW columns that
can serve as targets. :mod:`rakxl.monitoring.methods` computes capaian against them.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..rules._targets import GRADE, read_target

#: Grade scales, lowest grade first (a grade's score is its position, 1-based).
SCALES = {
    # Opini BPK: Tidak Menyatakan Pendapat, Tidak Wajar, Wajar Dengan Pengecualian,
    # Wajar Tanpa Pengecualian.
    "opini": ("TMP", "TW", "WDP", "WTP"),
    # Predikat SAKIP / evaluasi (PermenPAN-RB No. 88/2021): D, C, CC, B, BB, A, AA.
    "predikat": ("D", "C", "CC", "B", "BB", "A", "AA"),
    "kualitas": ("SANGAT KURANG", "KURANG", "CUKUP", "BAIK", "SANGAT BAIK"),
}


_NUM = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")



def parse_number(text: str) -> float | None:
    """A number as Indonesian offices write it: ``97.5``, ``97,5``, ``1.000`` (thousands)."""
    t = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d{1,3}(?:,\d{3})+", t):
        return float(re.sub(r"[.,]", "", t))
    if t.count(",") + t.count(".") > 1:
        return None
    try:
        return float(t.replace(",", "."))
    except ValueError:
        return None


@dataclass(frozen=True)
class Target:
    """A target read from its text.

    Attributes:
        text: the target as written.
        kind: ``percent``, ``count``, ``number`` or ``grade``.
        lo, hi: the numbers (equal unless a range); for a grade its score.
        unit: the unit word of a count (``laporan``), ``%`` or None.
        scale: the grade scale's name for a grade target.
    """

    text: str
    kind: str
    lo: float
    hi: float
    unit: str | None = None
    scale: str | None = None

    @property
    def is_range(self) -> bool:
        return self.lo != self.hi


def grade_scale(grade: str) -> str | None:
    """The name of the scale that holds ``grade`` (``"WTP"`` -> ``"opini"``)."""
    g = " ".join(str(grade).split()).upper()
    for name, grades in SCALES.items():
        if g in grades:
            return name
    return None


def _grade_token(text: str) -> str | None:
    """The grade of a grade target: ``"B (Baik)"`` -> ``"B"``, ``"Opini WTP"`` -> ``"WTP"``."""
    t = re.sub(r"\(.*?\)", " ", text)
    t = re.sub(r"(?i)\b(nilai|predikat|opini|kategori)\b\s*:?", " ", t)
    t = " ".join(t.split()).upper()
    return t if grade_scale(t) else None


def parse_target(text) -> Target | None:
    """The numeric reading of a target, or None when it has none (blank, a mark, a
    date, text).

    >>> parse_target("97.5 %")
    Target(text='97.5 %', kind='percent', lo=97.5, hi=97.5, unit='%', scale=None)
    >>> parse_target("80-90 %").is_range
    True
    >>> parse_target("WTP").lo   # the 4th grade of the opini scale
    4.0
    """
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        if isinstance(text, float) and not math.isfinite(text):
            return None
        return Target(str(text), "number", float(text), float(text))
    t = " ".join(str(text).split())
    kind = read_target(t)
    if kind is None or kind[0] in ("blank", "nil"):
        return None
    if kind[0] == "grade":
        token = _grade_token(t)
        if token is None:
            return None
        scale = grade_scale(token)
        score = float(SCALES[scale].index(token) + 1)
        return Target(t, "grade", score, score, None, scale)
    nums = [parse_number(m.group()) for m in _NUM.finditer(t)]
    nums = [n for n in nums if n is not None]
    if not nums:
        return None
    is_range = re.search(r"\d\s*(?:-|–|s\.?d\.?|sampai)\s*\d", t) is not None and len(nums) >= 2
    lo, hi = (min(nums[:2]), max(nums[:2])) if is_range else (nums[0], nums[0])
    return Target(t, kind[0], lo, hi, kind[1])


def is_grade(value) -> bool:
    return isinstance(value, str) and GRADE.fullmatch(value.strip()) is not None


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or \
        (isinstance(value, float) and math.isnan(value))



def quarter_targets(values, annual: Target | None) -> list[Target | None]:
    """The quarter targets of the RAK's TW columns that can serve as targets: numbers
    in the same kind and unit as the annual target. Marks (``√``), dates and
    targets in another unit (``36 Pegawai`` under ``100 %``) give None."""
    out = []
    for v in values:
        t = parse_target(v) if not is_blank(v) else None
        if t is not None and annual is not None and t.kind == "number" and annual.kind != "grade":
            t = Target(t.text, annual.kind, t.lo, t.hi, annual.unit, None)
        if t is None or annual is None or t.kind != annual.kind or t.unit != annual.unit or t.kind == "grade":
            out.append(None)
        else:
            out.append(t)
    return out
