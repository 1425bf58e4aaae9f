"""A :class:`rakxl.rekap.Rollup` as text and JSON (``rakxl rekap``); its workbook,
CSV and JSON files: :mod:`rakxl.report.rekap_workbook`.
"""
from __future__ import annotations

from pathlib import Path

from ..i18n import REKAP, decimal, money, pick, said
from ..rekap import NO_FILE, NOT_REPORTED, PARTLY, REPORTED

ROMAN = ("I", "II", "III", "IV")


def w(key: str, lang: str, **kwargs) -> str:
    """The roll-up word ``key`` in ``lang``."""
    return pick(REKAP[key], lang, **kwargs)


def _year(r) -> int | None:
    return next((f.year for f in r.files if f.year), None)


def _organisation(r) -> str | None:
    return next((f.organization for f in r.files if f.organization), None)


def title_lines(r, lang: str = "id") -> list[str]:
    year = _year(r)
    q = ROMAN[r.quarter - 1]
    lines = [w("title", lang, q=q, year=year) if year else w("title_noyear", lang, q=q)]
    if _organisation(r):
        lines.append(_organisation(r))
    lines.append(w("read", lang, files=len(r.files) + len(r.superseded), units=len(r.files) + len(r.missing)))
    return lines


# -- text and JSON --------------------------------------------------------------------

def _pct(value, lang: str) -> str:
    if value is None:
        return "-"
    return decimal(value, lang)


def _money(value, lang: str) -> str:
    if value is None:
        return "-"
    return money(round(value), lang)


def status_lines(r, lang: str = "id") -> list[str]:
    """Who reported, who partly, who not, who sent nothing, who sent twice."""
    out = []
    rows = r.completeness_rows()
    for status in (REPORTED, PARTLY, NOT_REPORTED, NO_FILE):
        these = [row for row in rows if row["status"] == status]
        if not these:
            continue
        if status == PARTLY:
            names = [w("partly_detail", lang, unit=row["unit"], ind=row["indikator_lapor"], n_ind=row["indikator"],
                       lines=row["pagu_lapor"], n_lines=row["baris_pagu"]) for row in these]
        else:
            names = [row["unit"] for row in these]
        out.append(w("line_status", lang, label=w(status, lang), n=len(these), units="; ".join(names)))
    if r.superseded:
        items = [w("twice_item", lang, unit=unit, new=Path(new).name, old=Path(old).name)
                 for unit, old, new in r.superseded]
        out.append(w("twice", lang, n=len(items), items="; ".join(items)))
    return out


def summary_columns(r, lang: str) -> list[tuple[str, str]]:
    """(key, header) of the summary's columns, category names included."""
    cols = [("unit", w("unit", lang)), ("status", w("status", lang)),
            ("indikator_lapor", w("reported_ind", lang)), ("indikator", w("indicators", lang)),
            ("pagu_lapor", w("reported_lines", lang)), ("baris_pagu", w("lines", lang)),
            ("pagu", w("pagu", lang)), ("realisasi", w("realisasi", lang)), ("serapan", w("serapan", lang)),
            ("capaian_rata", w("capaian_rata", lang)), ("capaian_terendah", w("capaian_terendah", lang)),
            ("indikator_terendah", w("indikator_terendah", lang))]
    cols += [(f"kategori:{name}", name) for _, name in r.config.thresholds]
    cols += [("selisih", w("selisih", lang)), ("sinyal", w("sinyal", lang))]
    return cols


def summary_values(row: dict, key: str, lang: str):
    if key.startswith("kategori:"):
        return row["kategori"].get(key.split(":", 1)[1], 0)
    value = row[key]
    if key == "unit" and value is None:
        return w("organisation", lang)
    if key in ("status", "sinyal") and value is not None:
        return w(value, lang)
    if isinstance(value, float) and key in ("serapan", "capaian_rata", "capaian_terendah", "selisih"):
        return round(value, 2)
    return value


def rollup_text(r, lang: str = "id") -> str:
    """The roll-up on screen: the title, who reported, then the units' figures."""
    out = title_lines(r, lang) + [""] + status_lines(r, lang) + [""]
    heads = [w(k, lang) for k in ("unit", "status", "pagu", "realisasi", "serapan", "capaian_rata",
                                  "capaian_terendah", "sinyal")]
    rows = []
    for row in r.unit_rows():
        rows.append([row["unit"] or w("organisation", lang), w(row["status"], lang) if row["status"] else "",
                     _money(row["pagu"], lang), _money(row["realisasi"], lang), _pct(row["serapan"], lang),
                     _pct(row["capaian_rata"], lang), _pct(row["capaian_terendah"], lang),
                     w(row["sinyal"], lang) if row["sinyal"] else ""])
    widths = [max(len(h), *(len(x[i]) for x in rows)) for i, h in enumerate(heads)]
    right = {2, 3, 4, 5, 6}

    def line(cells):
        return "  ".join(c.rjust(wd) if i in right else c.ljust(wd) for i, (c, wd) in enumerate(zip(cells, widths)))

    rule = "  ".join("-" * wd for wd in widths)
    out += [line(heads).rstrip(), rule] + [line(x).rstrip() for x in rows[:-1]] + [rule, line(rows[-1]).rstrip()]
    return "\n".join(out)


def annual_text(r, lang: str = "id") -> str:
    heads = [w(k, lang) for k in ("sasaran", "indikator", "target", "realisasi_tahun", "capaian", "kategori", "unit")]
    rows = [[_short(x["sasaran"]), _short(x["indikator"]), str(x["target"] or "-"), _value(x["realisasi"]),
             _pct(x["capaian"], lang), x["kategori"] or "-", x["unit"]] for x in r.annual_rows()]
    widths = [max(len(h), *(len(x[i]) for x in rows)) if rows else len(h) for i, h in enumerate(heads)]
    out = [w("annual_title", lang, year=_year(r) or "", q=ROMAN[r.quarter - 1]), ""]
    out += ["  ".join(c.ljust(wd) for c, wd in zip(x, widths)).rstrip() for x in [heads] + rows]
    return "\n".join(out)


def _short(text, n: int = 40) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _value(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def to_json(r, lang: str = "id") -> dict:
    """The whole roll-up as plain data (what ``rakxl rekap --json`` prints); the reasons
    a file was not counted are said in ``lang``."""
    return {"quarter": r.quarter, "config": getattr(r.config, "path", None), "complete": r.complete,
            "not_reported": r.units_with(NOT_REPORTED), "partly_reported": r.units_with(PARTLY),
            "reported": r.units_with(REPORTED), "missing": list(r.missing),
            "superseded": [{"unit": u, "older": old, "newer": new} for u, old, new in r.superseded],
            "failures": [{"path": f.path, "reason": said(f.reason, lang)} for f in r.failures],
            "skipped": [{"path": f.path, "reason": said(f.reason, lang)} for f in r.skipped],
            "completeness": r.completeness_rows(), "units": r.unit_rows(), "goals": r.goal_rows(),
            "annual": r.annual_rows(), "quarters": r.quarter_rows()}


def __getattr__(name: str):
    """The workbook's names (:mod:`rakxl.report.rekap_workbook`), as before it had a module of its own."""
    if name in ("write_rollup", "unit_sheet_names"):
        from . import rekap_workbook

        return getattr(rekap_workbook, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["rollup_text", "annual_text", "to_json", "status_lines", "title_lines"]
