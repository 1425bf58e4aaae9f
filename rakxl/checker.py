"""Run the rules over a RAK: :func:`check` (one sheet) and :func:`check_file` (every RAK
sheet of a workbook).

Each rule is a module of :mod:`rakxl.rules` (one per finding code); the catalogue of
codes, severities and messages is :mod:`rakxl.findings`.
"""
from __future__ import annotations

from .findings import CATALOGUE, Finding
from .a1 import column_index

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
    found: list[Finding] = []
    for rule in RULES:
        if wanted is None or rule.CODE in wanted:
            found.extend(rule.check(rak))
    return sorted(found, key=_order)


def check_file(path, *, limits=None, quarter: int | None = None) -> list[Finding]:
    """Every finding about every RAK sheet of a workbook, sheet by sheet in workbook order.

    On a monev workbook (``rakxl monev``) the monitoring checks follow the plan's
    (:mod:`rakxl.monitoring.rules`); ``quarter`` (``--tw``) is the quarter reported on.

    Raises:
        RakError: the file cannot be read or holds no RAK table (the message names it).
    """
    from .reader import read_workbook

    found: list[Finding] = []
    for rak in read_workbook(path, limits=limits):
        found.extend(check(rak))
    from .monitoring.rules import check_monitoring, is_monitoring

    if is_monitoring(path):
        from .monitoring.reader import read_monitoring

        found.extend(check_monitoring(read_monitoring(path, quarter=quarter, limits=limits)))
    return found
