"""Monitoring checks: what ``rakxl check`` finds in a filled monev workbook.

One small function per finding code (catalogue: :data:`rakxl.findings.MONITORING_CATALOGUE`),
each ``(Monitoring, context) -> findings``; :func:`check_monitoring` runs them all.
"""
from __future__ import annotations

import math
from types import SimpleNamespace

from ..findings import Money, Phrase, make
from . import methods as M
from .plan import items

QUARTERS = (1, 2, 3, 4)


def _na(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _fmt(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".")
    return str(v)


def _money(v):
    """An amount for a message (:class:`Money`: ``Rp 1.000.000`` / ``Rp 1,000,000``); other
    values as they are."""
    if isinstance(v, (int, float)) and not isinstance(v, bool) and not _na(v) and float(v).is_integer():
        return Money(int(v))
    return _fmt(v) if v is not None else "-"


def _money_list(values) -> list:
    """Amounts named together: ``Rp 1.000.000, Rp 2.000.000``."""
    return [_money(v) for v in values]


def _where(mon, sheet):
    return SimpleNamespace(sheet=sheet, path=mon.path)


def _records(mon):
    """(level, record) of every indicator and activity."""
    return [("indikator", r) for r in mon.indicator_rows] + [("kegiatan", r) for r in mon.activity_rows]


def over_pagu(mon, ctx):
    out = []
    for rec in mon.budget_rows:
        pagu = rec["pagu"]
        if _na(pagu):
            continue
        for q in QUARTERS:
            cum = rec[f"kumulatif_tw{q}"]
            if not _na(cum) and cum > pagu:
                out.append(make("monev-over-pagu", _where(mon, rec["sheet"]), rec[f"cell_realisasi_tw{q}"], rec["no"],
                                column="realisasi_anggaran", q=q, spent=Money(int(cum)), pagu=Money(int(pagu)),
                                pagu_cell=rec["cell_pagu"]))
                break
    return out


def budget_repeated(mon, ctx):
    out = []
    for s in mon.stray:
        values = [v for v in s["values"]]
        out.append(make("monev-budget-repeated", _where(mon, s["sheet"]), s["cells"][0], s["no"],
                        column="realisasi_anggaran", q=s["q"], n=len(s["cells"]), cells=s["cells"],
                        values=_money_list(values)))
    return out


def no_target(mon, ctx):
    out = []
    for level, rec in _records(mon):
        for q in QUARTERS:
            if rec[f"status_tw{q}"] == M.UNDEFINED and not _na(rec[f"realisasi_tw{q}"]):
                out.append(make("monev-no-target", _where(mon, rec["sheet"]), rec[f"cell_realisasi_tw{q}"], rec["no"],
                                column="realisasi", q=q, value=_fmt(rec[f"realisasi_tw{q}"]),
                                target=rec["target"] or "-"))
    return out


def missing(mon, ctx):
    upto = mon.quarter
    if not upto:
        return []
    out = []
    roman = ("I", "II", "III", "IV")
    for level, rec in _records(mon):
        blank = [q for q in range(1, upto + 1) if _na(rec[f"realisasi_tw{q}"])]
        if blank:
            cells = [rec[f"cell_realisasi_tw{q}"] for q in blank]
            out.append(make("monev-missing", _where(mon, rec["sheet"]), cells[0], rec["no"], column="realisasi",
                            q=", ".join(roman[q - 1] for q in blank), upto=roman[upto - 1],
                            level=Phrase(f"level-{level}"), cells=cells))
    return out


def _looks_cumulative(values, target) -> bool:
    """Reported values that never fall, at least two, whose sum overshoots the target
    while the last one alone does not."""
    nums = [v for v in values if isinstance(v, (int, float)) and not _na(v)]
    if len(nums) < 2 or target is None or target <= 0 or any(b < a for a, b in zip(nums, nums[1:])):
        return False
    return sum(nums) > target >= nums[-1] and nums[-1] > nums[0]


def cumulative_typed(mon, ctx):
    out = []
    for level, rec in _records(mon):
        if not str(rec["method"]).startswith("kumulatif"):
            continue
        target = M.parse_target(rec["target"])
        values = [rec[f"realisasi_tw{q}"] for q in QUARTERS]
        if target is not None and _looks_cumulative(values, target.hi):
            nums = [v for v in values if not _na(v)]
            last_q = max(q for q in QUARTERS if not _na(values[q - 1]))
            out.append(make("monev-cumulative-typed", _where(mon, rec["sheet"]), rec[f"cell_realisasi_tw{last_q}"],
                            rec["no"], column="realisasi", values=[_fmt(v) for v in nums], total=_fmt(sum(nums)),
                            target=rec["target"], last=_fmt(nums[-1])))
    for rec in mon.budget_rows:
        values = [rec[f"realisasi_tw{q}"] for q in QUARTERS]
        if not _na(rec["pagu"]) and _looks_cumulative(values, rec["pagu"]):
            nums = [v for v in values if not _na(v)]
            last_q = max(q for q in QUARTERS if not _na(values[q - 1]))
            out.append(make("monev-cumulative-typed", _where(mon, rec["sheet"]), rec[f"cell_realisasi_tw{last_q}"],
                            rec["no"], column="realisasi_anggaran", values=_money_list(nums),
                            total=_money(sum(nums)), target=Phrase("pagu-amount", amount=_money(rec["pagu"])),
                            last=_money(nums[-1])))
    return out


def invalid(mon, ctx):
    out = []
    for level, rec in _records(mon):
        for q in QUARTERS:
            v = rec[f"realisasi_tw{q}"]
            status = rec[f"status_tw{q}"]
            if _na(v):
                continue
            if status == M.INVALID:
                reason = "not-a-grade" if "skala" in str(rec["method"]) else "not-a-number"
                out.append(make("monev-invalid", _where(mon, rec["sheet"]), rec[f"cell_realisasi_tw{q}"], rec["no"],
                                column="realisasi", q=q, value=_fmt(v), reason=Phrase(reason)))
            elif isinstance(v, (int, float)) and v < 0:
                out.append(make("monev-invalid", _where(mon, rec["sheet"]), rec[f"cell_realisasi_tw{q}"], rec["no"],
                                column="realisasi", q=q, value=_fmt(v), reason=Phrase("negative")))
    for rec in mon.budget_rows:
        for q in QUARTERS:
            v = rec[f"realisasi_tw{q}"]
            if _na(v):
                continue
            if not isinstance(v, (int, float)) or isinstance(v, bool):
                reason = "not-an-amount"
            elif v < 0:
                reason = "negative"
            else:
                continue
            out.append(make("monev-invalid", _where(mon, rec["sheet"]), rec[f"cell_realisasi_tw{q}"], rec["no"],
                            column="realisasi_anggaran", q=q, value=_fmt(v), reason=Phrase(reason)))
    return out


def over_cap(mon, ctx):
    cap = mon.config.cap if mon.config else None
    if cap is None:
        return []
    out = []
    for rak in mon.raks:
        indicators, activities = items(rak, mon.config)
        for its, rows in ((indicators, mon.indicator_rows), (activities, mon.activity_rows)):
            recs = [rec for rec in rows if rec["sheet"] == rak.sheet]
            for item, rec in zip(its, recs):
                values = [None if _na(rec[f"realisasi_tw{q}"]) else rec[f"realisasi_tw{q}"] for q in QUARTERS]
                for q in QUARTERS:
                    raw = M.compute(item.method, item.target, values, q, item.qtargets, None)
                    if raw.status == M.OK and raw.value > cap:
                        out.append(make("monev-over-cap", _where(mon, rec["sheet"]), rec[f"cell_capaian_tw{q}"],
                                        rec["no"], column="capaian", q=q, value=f"{raw.value:.2f} %",
                                        cap=f"{cap:g} %"))
    return out


def no_evidence(mon, ctx):
    out = []
    for rec in mon.activity_rows:
        for q in QUARTERS:
            v = rec[f"capaian_tw{q}"]
            if rec[f"status_tw{q}"] == M.OK and not _na(v) and v >= 100 and _na(rec[f"bukti_tw{q}"]):
                out.append(make("monev-no-evidence", _where(mon, rec["sheet"]), rec[f"cell_bukti_tw{q}"], rec["no"],
                                column="bukti", q=q, value=f"{v:.2f} %"))
    return out


#: The monitoring rules by code, in the order they run.
RULES = {
    "monev-over-pagu": over_pagu,
    "monev-budget-repeated": budget_repeated,
    "monev-no-target": no_target,
    "monev-missing": missing,
    "monev-cumulative-typed": cumulative_typed,
    "monev-invalid": invalid,
    "monev-over-cap": over_cap,
    "monev-no-evidence": no_evidence,
}


def check_monitoring(mon, codes=None) -> list:
    """Every monitoring finding about a :class:`~rakxl.monitoring.reader.Monitoring`."""
    from ..checker import _order

    found = []
    for code, rule in RULES.items():
        if codes is None or code in codes:
            found.extend(rule(mon, None))
    return sorted(found, key=_order)


def is_monitoring(path) -> bool:
    """Whether ``path`` is a monev workbook rakxl wrote (by its mark)."""
    from ..marker import read_mark

    mark = read_mark(path)
    return mark is not None and mark.kind == "monev"
