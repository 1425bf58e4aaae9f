"""Text renderers: what the command line prints for people (tables, summaries).

Data comes from the domain modules (:func:`rakxl.budget_totals`, :func:`rakxl.check`);
these functions only turn it into lines, in the chosen language.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import text

if TYPE_CHECKING:
    import pandas as pd


def totals_text(table: "pd.DataFrame", lang: str = "id", max_text: int = 60) -> str:
    """A :func:`rakxl.budget_totals` table as aligned text with a total row; amounts as
    ``Rp 3.051.446.000``. Text longer than ``max_text`` characters is shortened with
    ``…`` (only here; files keep it whole)."""
    from ..layout import format_rupiah

    keys = [c for c in table.columns if c not in ("pagu", "budget_lines")]
    head = [text(f"col.{k}", lang) for k in keys] + [text("col.pagu", lang), text("col.budget_lines", lang)]

    def cell(v) -> str:
        s = text("totals.blank", lang) if v is None else " ".join(str(v).split())
        return s if len(s) <= max_text else s[:max_text - 1] + "…"

    rows = [[cell(v) for v in row[:len(keys)]] + [format_rupiah(row[-2]), str(row[-1])]
            for row in table.itertuples(index=False)]
    total = [text("totals.total", lang)] + [""] * (len(keys) - 1) if keys else []
    sums = [sum(int(row[i]) for row in table.itertuples(index=False)) for i in (-2, -1)]
    rows.append(total + [format_rupiah(sums[0]), str(sums[1])])
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    right = set(range(len(keys), len(head)))

    def line(cells) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(head), rule] + [line(r) for r in rows[:-1]] + [rule, line(rows[-1])])


def findings_summary(findings, lang: str = "id") -> str:
    """``11 temuan: 4 kesalahan, 6 peringatan, 1 info`` (or ``Tidak ada temuan.``)."""
    from ..findings import SEVERITIES

    if not findings:
        return text("findings.none", lang)
    parts = []
    for s in SEVERITIES:
        n = sum(f.severity == s for f in findings)
        if n:
            parts.append(f"{n} {text(f'severity.{s}' + ('' if n == 1 else '.many'), lang)}")
    return text("findings.count", lang, n=len(findings), parts=", ".join(parts))


def findings_text(findings, lang: str = "id") -> str:
    """Findings as a plain-text table, one heading per file and sheet, then a summary line."""
    heads = tuple(text(k, lang) for k in ("col.cell", "col.no", "col.severity", "col.code", "col.message"))
    rows = [(f.cell or "-", f.no or "-", text(f"severity.{f.severity}", lang), f.code, f.text(lang))
            for f in findings]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(heads[:4])]

    def line(cells):
        return "  ".join(c.ljust(w) for c, w in zip(cells[:4], widths)) + "  " + cells[4]

    out = []
    where = None
    for f, row in zip(findings, rows):
        if (f.file, f.sheet) != where:
            where = (f.file, f.sheet)
            if out:
                out.append("")
            out.append(f"{f.file or '-'} [{f.sheet}]")
            out.append(line(heads))
        out.append(line(row))
    if out:
        out.append("")
    out.append(findings_summary(findings, lang))
    return "\n".join(out)


def summary_text(s, lang: str = "id") -> str:
    """A :func:`rakxl.summary` as ``rakxl show`` prints it: one aligned line per field
    (``-`` where the sheet does not say it), Pagu as ``Rp 3.051.446.000``, then the
    goals without a budget and the workbook's other RAK sheets when there are any."""
    from ..layout import format_date_id, format_rupiah

    m = s.meta
    where = s.file if s.file is not None else "-"
    rows = [
        ("file", f"{where} [{s.sheet}]"), ("family", s.family),
        ("year", m.year), ("organization", m.organization), ("unit", m.unit),
        ("signed", ", ".join(x for x in (m.place, format_date_id(m.signed_on) if m.signed_on else None) if x)),
        ("signatory", " / ".join(x for x in (m.signatory_title, m.signatory, m.nip and f"NIP {m.nip}") if x)),
        ("goals", s.goals), ("indicators", s.indicators), ("activities", s.activities),
        ("budget_lines", s.budget_lines), ("total_pagu", format_rupiah(s.total_pagu)),
    ]
    width = max(len(text(k, lang)) for k, _ in rows)
    lines = [f"{text(key, lang):<{width}}  {'-' if value in (None, '') else value}" for key, value in rows]
    if s.goals_without_budget:
        lines.append(text("goals_without_budget", lang, nos=", ".join(str(n) for n in s.goals_without_budget)))
    if s.other_sheets:
        lines.append(text("other_sheets", lang, names=", ".join(f"'{n}'" for n in s.other_sheets)))
    return "\n".join(lines)
