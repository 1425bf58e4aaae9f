"""Capaian (achievement): how a target is read, which method an indicator uses, the
arithmetic, and the same arithmetic as a live Excel formula.

Sources: PermenPAN-RB No. 53/2014 (pengukuran kinerja, "kondisi khusus" for
indicators where lower is better) and the e-SAKIP practice of the regions.

A method has three parts:

``aggregation`` -- how the quarters add up
    ``kumulatif``: the sum of the realisations so far over the target so far (the
    sum of the quarters' own targets, or the annual target when the quarters have
    none); ``nilai_akhir``: the quarter's realisation over its target (its own, or
    the annual one); ``persentase``: the same as ``nilai_akhir`` (a percentage is a
    level, not an amount that adds up).

``direction`` -- which way is better
    ``naik`` (higher is better): ``R / T x 100``; ``turun`` (lower is better,
    PermenPAN-RB's ``1 + (1 - R/T)``): ``(2T - R) / T x 100``, floored at 0;
    ``turun_rasio`` (lower is better, the alternative some offices use):
    ``T / R x 100``.

``scale`` -- for grade targets (``WTP``, ``B``, ``BB``...)
    the grades in increasing order; a grade counts as its position (1, 2, 3...),
    then the formula above applies.

A range target (``80-90 %``) is met inside the range (100); below it the lower
bound is the target, above it the upper bound: ``T = MEDIAN(lo, R, hi)``.

**A blank realisation is not reported, never 0**: its capaian is blank. A typed 0
is 0. Where no numeric target exists (a mark, a date, unreadable text, a target of
0) the capaian is *not defined*: rakxl says so and never invents a target.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..i18n import MONITORING
from .targets import SCALES, Target, grade_scale, is_blank, is_grade, parse_number, parse_target, quarter_targets

__all__ = ["AGGREGATIONS", "DIRECTIONS", "ALIASES", "SCALES", "DEFAULT_THRESHOLDS", "LOWER_IS_BETTER", "Target",
           "parse_number", "parse_target", "grade_scale", "is_grade", "is_blank", "quarter_targets", "Method",
           "infer_method", "Result", "score", "basis", "ratio", "compute", "year_so_far", "category", "formula",
           "cached", "OK", "BLANK", "UNDEFINED", "INVALID", "NOT_DEFINED_MARK", "INVALID_MARK", "BASIS_QUARTER",
           "BASIS_ANNUAL", "BASIS_UNDEFINED", "BASIS_TEXT"]

AGGREGATIONS = ("kumulatif", "nilai_akhir", "persentase")
DIRECTIONS = ("naik", "turun", "turun_rasio")
#: English names accepted in rakxl.toml, mapped to the Indonesian ones.
ALIASES = {"cumulative": "kumulatif", "last": "nilai_akhir", "last_value": "nilai_akhir",
           "percentage": "persentase", "higher": "naik", "lower": "turun", "lower_ratio": "turun_rasio"}

#: Words of an indicator or activity that mean lower is better.
LOWER_IS_BETTER = re.compile(
    r"\b(menurun\w*|penurunan|turunnya|berkurang\w*|pengurangan|(?:tingkat|angka|jumlah)\s+kesalahan)\b", re.I)

#: Default category thresholds: (lowest capaian, name), highest first.
DEFAULT_THRESHOLDS = ((91.0, "Sangat Baik"), (76.0, "Baik"), (66.0, "Cukup"), (51.0, "Kurang"),
                      (-math.inf, "Sangat Kurang"))

# How a quarter's capaian is based (said per indicator and activity, per quarter).
BASIS_QUARTER = "triwulan"        # the quarter's own target(s) in the RAK
BASIS_ANNUAL = "tahunan"          # the annual target, by the method
BASIS_UNDEFINED = "tidak_terdefinisi"
#: How each basis is said: (id, en) pairs of the catalogue (:data:`rakxl.i18n.MONITORING`).
BASIS_TEXT = {b: MONITORING[f"basis_{b}"] for b in (BASIS_QUARTER, BASIS_ANNUAL, BASIS_UNDEFINED)}

# Status of one computed capaian.
OK, BLANK, UNDEFINED, INVALID = "ok", "kosong", "tidak_terdefinisi", "tidak_valid"
#: What the workbook's formula shows for a capaian that cannot be computed.
NOT_DEFINED_MARK = "-"
INVALID_MARK = "?"


@dataclass(frozen=True)
class Method:
    """How one indicator's or activity's capaian is computed.

    Attributes:
        aggregation: ``kumulatif``, ``nilai_akhir`` or ``persentase``.
        direction: ``naik``, ``turun`` or ``turun_rasio``.
        scale: the grade scale's name, or None for numbers.
        source: where the method came from: ``rakxl.toml`` (with the rule),
            ``target`` (inferred from the target), ``teks`` (the words of the text),
            ``bawaan`` (the default).
    """

    aggregation: str = "nilai_akhir"
    direction: str = "naik"
    scale: str | None = None
    source: str = "bawaan"
    cap: float | None = field(default=None, compare=False)

    def __post_init__(self):
        if self.aggregation not in AGGREGATIONS:
            raise ValueError(f"unknown aggregation {self.aggregation!r}")
        if self.direction not in DIRECTIONS:
            raise ValueError(f"unknown direction {self.direction!r}")

    @property
    def name(self) -> str:
        """``kumulatif, naik`` / ``nilai_akhir, turun, skala opini``."""
        parts = [self.aggregation, self.direction]
        if self.scale:
            parts.append(f"skala {self.scale}")
        return ", ".join(parts)

    def formula_text(self, lang: str = "id") -> str:
        """The formula in words, for Petunjuk and reports."""
        from ..i18n import pick

        agg = pick({"kumulatif": ("jumlah R s.d. triwulan ini", "sum of R so far"),
                    "nilai_akhir": ("R triwulan ini", "R of the quarter"),
                    "persentase": ("R triwulan ini", "R of the quarter")}[self.aggregation], lang)
        core = {"naik": "R / T x 100", "turun": "(2T - R) / T x 100, min. 0",
                "turun_rasio": "T / R x 100"}[self.direction]
        scale = ""
        if self.scale:
            grades = " < ".join(SCALES[self.scale])
            scale = f"; {pick(('nilai dihitung sebagai urutan', 'grades scored by rank'), lang)} {grades}"
        return f"{core}; R = {agg}{scale}"


def infer_method(text, target, *, parent: Method | None = None) -> Method:
    """The method an indicator or activity gets from its target and its words.

    ``%`` -> nilai_akhir; a count (``4 lap``, ``12 dokumen``, ``2 kali``) or a bare
    number -> kumulatif; a grade -> nilai_akhir on the grade's scale; words such as
    *menurun*, *berkurang*, *tingkat kesalahan* -> lower is better (``turun``). An
    activity whose own words say nothing about the direction takes its indicator's
    (``parent``).
    """
    t = target if isinstance(target, Target) or target is None else parse_target(target)
    source = "target"
    if t is None:
        aggregation, scale, source = "nilai_akhir", None, "bawaan"
    elif t.kind == "grade":
        aggregation, scale = "nilai_akhir", t.scale
    elif t.kind == "percent":
        aggregation, scale = "nilai_akhir", None
    else:
        aggregation, scale = "kumulatif", None
    direction = "naik"
    if text and LOWER_IS_BETTER.search(str(text)) and not scale:
        direction, source = "turun", ("teks" if source != "target" else "target+teks")
    elif parent is not None and parent.direction != "naik" and not scale:
        direction = parent.direction
    return Method(aggregation, direction, scale, source)


# -- the arithmetic -------------------------------------------------------------------

@dataclass(frozen=True)
class Result:
    """One capaian: ``value`` (percent) or None, and why."""

    value: float | None
    status: str            # OK, BLANK, UNDEFINED or INVALID
    basis: str             # BASIS_QUARTER, BASIS_ANNUAL or BASIS_UNDEFINED
    realised: float | None = None   # R as counted (the sum so far for kumulatif)
    target: float | None = None     # T as used (after a range is resolved)


def score(value, method: Method) -> float | None:
    """A realisation as a number: its grade's rank on the method's scale, a number
    as it is, numeric text read; None when it is not a number (or not on the scale)."""
    if isinstance(value, bool):
        return None
    if method.scale:
        g = " ".join(str(value).split()).upper() if isinstance(value, str) else None
        grades = SCALES[method.scale]
        return float(grades.index(g) + 1) if g in grades else None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    return None


def basis(method: Method, annual: Target | None, qtargets, q: int) -> str:
    """Where quarter ``q``'s (1-4) capaian gets its target."""
    qt = qtargets or [None] * 4
    if method.aggregation == "kumulatif":
        if any(t is not None for t in qt[:q]):
            return BASIS_QUARTER
    elif qt[q - 1] is not None:
        return BASIS_QUARTER
    if annual is None or (annual.lo == 0 and annual.hi == 0):
        return BASIS_UNDEFINED
    return BASIS_ANNUAL


def _target_of(method, annual, qtargets, q, where) -> tuple[float, float] | None:
    if where == BASIS_UNDEFINED:
        return None
    if where == BASIS_ANNUAL:
        return annual.lo, annual.hi
    if method.aggregation == "kumulatif":
        ts = [t for t in qtargets[:q] if t is not None]
        return sum(t.lo for t in ts), sum(t.hi for t in ts)
    t = qtargets[q - 1]
    return t.lo, t.hi


def ratio(direction: str, r: float, lo: float, hi: float) -> tuple[float | None, float]:
    """(capaian, target used) for realisation ``r`` against the target ``lo``-``hi``."""
    t = lo if lo == hi else sorted((lo, r, hi))[1]
    if direction == "turun_rasio":
        return (None if r == 0 else t / r * 100), t
    if t == 0:
        return None, t
    if direction == "turun":
        return max(0.0, (2 * t - r) / t * 100), t
    return r / t * 100, t


def compute(method: Method, annual: Target | None, realisations, q: int, qtargets=None,
            cap: float | None = None) -> Result:
    """The capaian of quarter ``q`` (1-4) from the realisations of quarters 1..4.

    Args:
        method: the :class:`Method`.
        annual: the annual target (:func:`parse_target`), or None.
        realisations: four values (None or blank text for not reported).
        q: the quarter.
        qtargets: four quarter targets (:func:`quarter_targets`) or None.
        cap: the highest capaian (e.g. 120), or None for no cap.
    """
    qtargets = list(qtargets) if qtargets else [None] * 4
    where = basis(method, annual, qtargets, q)
    target = _target_of(method, annual, qtargets, q, where)
    if target is None or (target == (0, 0) and method.direction != "turun_rasio"):
        return Result(None, UNDEFINED, where)
    rq = realisations[q - 1]
    if is_blank(rq):
        return Result(None, BLANK, where)
    if method.aggregation == "kumulatif" and not method.scale:
        own = score(rq, method)
        if own is None:
            return Result(None, INVALID, where)
        # like Excel's SUM over cells: what is not a number counts nothing
        r = math.fsum(s for s in (score(v, method) for v in realisations[:q] if not is_blank(v)) if s is not None)
    else:
        r = score(rq, method)
        if r is None:
            return Result(None, INVALID, where)
    value, used = ratio(method.direction, r, *target)
    if value is None:
        return Result(None, UNDEFINED, where, r, used)
    if cap is not None:
        value = min(float(cap), value)
    return Result(value, OK, where, r, used)


def year_so_far(method: Method, annual: Target | None, realisations, upto: int | None = None,
                cap: float | None = None) -> tuple[Result, int | None]:
    """The capaian of the year so far: against the annual target, with the
    realisations up to quarter ``upto`` (default: the last reported quarter).

    Returns (result, the quarter it stands on, or None when nothing is reported).
    """
    upto = upto or 4
    last = None
    for q in range(1, upto + 1):
        if not is_blank(realisations[q - 1]):
            last = q
    if last is None:
        where = BASIS_UNDEFINED if annual is None else BASIS_ANNUAL
        return Result(None, BLANK, where), None
    return compute(method, annual, realisations, last, None, cap), last


def category(value: float | None, thresholds=DEFAULT_THRESHOLDS) -> str | None:
    """The category of a capaian: the first threshold (highest first) it reaches."""
    if value is None:
        return None
    for low, name in thresholds:
        if value >= low:
            return name
    return thresholds[-1][1]


# -- the same arithmetic as an Excel formula -------------------------------------------

def _num(x: float) -> str:
    """A number as Excel formula text (``100``, ``97.5``)."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _grades_array(scale: str) -> str:
    return "{" + ",".join(f'"{g}"' for g in SCALES[scale]) + "}"


def formula(method: Method, annual: Target | None, cells: list[str], q: int, qtargets=None,
            cap: float | None = None) -> str | None:
    """The Excel formula of quarter ``q``'s capaian over the realisation ``cells``
    (four A1 addresses, quarters 1-4), or None when the capaian is not defined
    (the workbook then shows :data:`NOT_DEFINED_MARK`).

    It computes what :func:`compute` computes: blank when the quarter's cell is
    blank, :data:`INVALID_MARK` when it is not a number (or grade of the scale).
    """
    qtargets = list(qtargets) if qtargets else [None] * 4
    where = basis(method, annual, qtargets, q)
    target = _target_of(method, annual, qtargets, q, where)
    if target is None or (target == (0, 0) and method.direction != "turun_rasio"):
        return None
    lo, hi = target
    cell = cells[q - 1]
    if method.scale:
        r = f"MATCH({cell},{_grades_array(method.scale)},0)"
        check = f"ISNA({r})"
    elif method.aggregation == "kumulatif":
        r = f"SUM({','.join(cells[:q])})"
        check = f"NOT(ISNUMBER({cell}))"
    else:
        r = cell
        check = f"NOT(ISNUMBER({cell}))"
    t = _num(lo) if lo == hi else f"MEDIAN({_num(lo)},{r},{_num(hi)})"
    if method.direction == "turun_rasio":
        core = f'IF({r}=0,"{NOT_DEFINED_MARK}",{t}/{r}*100)'
    elif lo == hi or lo > 0:
        core = f"({r})/{t}*100" if method.direction == "naik" else f"MAX(0,(2*{t}-({r}))/{t}*100)"
    else:  # a range from 0: the target used may be 0
        inner = f"({r})/{t}*100" if method.direction == "naik" else f"MAX(0,(2*{t}-({r}))/{t}*100)"
        core = f'IF({t}=0,"{NOT_DEFINED_MARK}",{inner})'
    if cap is not None:
        core = f"MIN({_num(cap)},{core})" if method.direction != "turun_rasio" else \
            f'IF({r}=0,"{NOT_DEFINED_MARK}",MIN({_num(cap)},{t}/{r}*100))'
    return f'=IF({cell}="","",IF({check},"{INVALID_MARK}",{core}))'


def cached(result: Result):
    """The value a capaian formula shows for ``result`` (what rakxl caches)."""
    if result.status == OK:
        return result.value
    if result.status == BLANK:
        return ""
    if result.status == INVALID:
        return INVALID_MARK
    return NOT_DEFINED_MARK
