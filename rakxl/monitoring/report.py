"""A :class:`~rakxl.monitoring.reader.Monitoring` as text, JSON, CSV or a workbook
(``rakxl capaian``)."""
from __future__ import annotations

import math

from ..i18n import MONITORING, decimal, money, pick
from . import methods as M
from .reader import DISAGREEMENT_COLUMNS

#: The report's words: :data:`rakxl.i18n.MONITORING` (keys ``report_*``, ``sheet_*``).
WORDS = {key[len("report_"):]: pair for key, pair in MONITORING.items() if key.startswith("report_")}


def pct(value, lang="id") -> str:
    if value is None or value != value:
        return "-"
    return f"{decimal(value, lang)} %"


def _value(v) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return "-"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _short(text, n=48) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def capaian_table(mon, lang: str = "id") -> str:
    """The indicators' capaian of the year so far as a plain-text table, then serapan."""
    heads = pick(WORDS["heads"], lang).split("|")
    rows = []
    status_word = {M.BLANK: "not_reported", M.UNDEFINED: "undefined", M.INVALID: "invalid"}
    recs = mon.indicator_rows
    for rec in recs:
        q = rec.get("tw_tahun")
        realised = _value(rec.get(f"realisasi_tw{q}")) if q else "-"
        status = rec.get("status_tahun")
        value = pct(rec.get("capaian_tahun"), lang) if status == M.OK else pick(WORDS[status_word[status]], lang)
        basis = pick(M.BASIS_TEXT[rec["basis_tw4" if q is None else f"basis_tw{q}"]], lang).split(" (")[0]
        rows.append((_value(rec.get("no")), _short(rec.get("indikator")), _value(rec.get("target")),
                     _value(rec.get("method")), f"{realised} (TW {q})" if q else "-", value,
                     _value(rec.get("kategori")), basis))
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(heads)]
    what = pick(WORDS["indicators"], lang)
    out = [pick(WORDS["title"], lang, what=what, q=mon.quarter) if mon.quarter else
           pick(WORDS["title_last"], lang, what=what), ""]
    out.append("  ".join(h.ljust(w) for h, w in zip(heads, widths)).rstrip())
    for r in rows:
        out.append("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    out.append("")
    reported = sum(1 for rec in recs if rec["status_tahun"] != M.BLANK)
    out.append(pick(WORDS["reported"], lang, n=reported, total=len(recs)))
    lines = mon.budget_rows
    if lines:
        done = [b for b in lines if b["tw_tahun"] is not None]
        spent = math.fsum(b["realisasi_tahun"] for b in done if b["realisasi_tahun"] is not None)
        pagu = sum(b["pagu"] or 0 for b in lines)
        out.append(pick(WORDS["budget"], lang, spent=money(int(spent), lang), pagu=money(pagu, lang),
                        pct=pct(spent / pagu * 100 if pagu else None, lang), lines=len(done)))
    d = mon.disagreement_rows
    if d:
        cells = ", ".join(f"{x['sheet']}!{x['cell']}" for x in d)
        out.append(pick(WORDS["disagree"], lang, n=len(d), cells=_short(cells, 200)))
    return "\n".join(out)


def to_json(mon) -> dict:
    """The reading as JSON data: the rows as pandas' JSON gives them (:mod:`rakxl.report.records`)."""
    from ..report.records import json_records

    return {"file": mon.path, "quarter": mon.quarter, "config": mon.config.path if mon.config else None,
            "indicators": json_records(mon.indicator_rows), "activities": json_records(mon.activity_rows),
            "budgets": json_records(mon.budget_rows), "disagreements": json_records(mon.disagreement_rows)}


SHEETS = {key: MONITORING[f"sheet_{key}"] for key in ("indicators", "activities", "budgets", "disagreements")}


def write_report(mon, out, kind: str, lang: str = "id") -> None:
    """Write the report as ``xlsx`` (one sheet per frame), ``csv`` (indicators then
    activities, a ``level`` column first) or ``json``."""
    from ..safeio import write_csv, write_json

    if kind == "json":
        write_json(to_json(mon), out, [mon.path])
        return
    if kind == "csv":
        import pandas as pd

        frame = pd.concat([mon.indicators.assign(level="indikator"), mon.activities.assign(level="kegiatan")],
                          ignore_index=True)
        frame = frame[["level"] + [c for c in frame.columns if c != "level"]]
        write_csv(frame, out, inputs=[mon.path])
        return
    from ..report import write_tables
    from ..report.records import rows_table

    rows = {"indicators": mon.indicator_rows, "activities": mon.activity_rows, "budgets": mon.budget_rows,
            "disagreements": mon.disagreement_rows}
    tables = [rows_table(rows[key], pick(pair, lang), DISAGREEMENT_COLUMNS if key == "disagreements" else None)
              for key, pair in SHEETS.items()]
    write_tables(tables, out, [mon.path], lang, kind="capaian")
