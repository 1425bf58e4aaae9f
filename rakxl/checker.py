"""Run the rules over a RAK: :func:`check` (one sheet) and :func:`check_file` (every RAK
sheet of a workbook).

Each rule is a module of :mod:`rakxl.rules` (one per finding code); the catalogue of
codes, severities and messages is :mod:`rakxl.findings`.
"""
from __future__ import annotations

from .findings import CATALOGUE, Finding
from .formulas import column_index

_CODE_ORDER = {code: i for i, code in enumerate(CATALOGUE)}


def _order(f: Finding):
    col = f.cell.rstrip("0123456789") if f.cell else ""
    return (f.row or 0, f.code, column_index(col) if col else -1, f.cell or "")


def check(rak, codes=None) -> list[Finding]:
    """Every finding about one RAK sheet, sorted by row, then code.

    Args:
        rak: a :class:`~rakxl.model.Rak` (from :func:`rakxl.read_rak`).
        codes: only run the rules of these finding codes (default: all).

    Returns:
        A list of :class:`~rakxl.findings.Finding`; empty when nothing is wrong.

    Example::

        >>> [f.no for f in rakxl.check(rak) if f.code == "missing-budget"]
        ['13', '20', '23', '25']
    """
    from .rules import RULES

    if isinstance(rak, (str, bytes)) or hasattr(rak, "__fspath__"):
        raise TypeError("check() takes a Rak (rakxl.read_rak(path)); for a file use rakxl.check_file(path)")
    wanted = None if codes is None else set(codes)
    if wanted is not None and wanted - set(CATALOGUE):
        raise ValueError(f"unknown finding codes: {', '.join(sorted(wanted - set(CATALOGUE)))}")
    from .rules._common import shared_records

    found: list[Finding] = []
    with shared_records():
        for rule in RULES:
            if wanted is None or rule.CODE in wanted:
                found.extend(rule.check(rak))
    return sorted(found, key=_order)


def check_file(path, *, limits=None) -> list[Finding]:
    """Every finding about every RAK sheet of a workbook, sheet by sheet in workbook order.

    Raises:
        RakError: the file cannot be read or holds no RAK table (the message names it).
    """
    from .reader import read_workbook

    found: list[Finding] = []
    for rak in read_workbook(path, limits=limits):
        found.extend(check(rak))
    return found


def summary(findings: list[Finding], lang: str = "id") -> str:
    """``11 temuan: 4 error, 6 peringatan, 1 info`` (or ``Tidak ada temuan.``)."""
    from .findings import SEVERITIES, SEVERITY_LABEL

    if not findings:
        return "No findings." if lang == "en" else "Tidak ada temuan."
    counts = [(sum(f.severity == s for f in findings), SEVERITY_LABEL[s][lang == "en"]) for s in SEVERITIES]
    if lang == "en":
        counts = [(n, name + "s" if n != 1 and name != "info" else name) for n, name in counts]
    parts = ", ".join(f"{n} {name}" for n, name in counts if n)
    return f"{len(findings)} {'findings' if lang == 'en' else 'temuan'}: {parts}"


def findings_table(findings: list[Finding], lang: str = "id") -> str:
    """Findings as a plain-text table, one heading per file and sheet, then a summary line."""
    from .findings import SEVERITY_LABEL

    heads = ("Cell", "No", "Severity", "Code", "Message") if lang == "en" else \
        ("Sel", "No", "Tingkat", "Kode", "Pesan")
    rows = [(f.cell or "-", f.no or "-", SEVERITY_LABEL[f.severity][lang == "en"], f.code, f.text(lang))
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
    out.append(summary(findings, lang))
    return "\n".join(out)
