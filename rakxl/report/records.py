"""Rows (a list of dicts) as JSON data, exactly as pandas gives them, without pandas.

``rakxl capaian --json`` and its ``.json`` output used to go through a DataFrame
(``json.loads(frame.to_json(orient="records"))``). :func:`json_records` gives the
same data from the rows the frame is built from, so that a command that prints JSON
never imports pandas. What pandas does, and what is done here:

- a column whose values are all numbers (no text, no bool), some missing or some
  fractional, is a float column: every number in it becomes a float (``2`` -> ``2.0``);
- a float is written with at most 10 decimals, rounded as pandas' JSON encoder
  rounds (:func:`pandas_float`), and a very large or very small one with 10
  significant digits;
- a missing value (None or NaN) is null.

``tests/monitoring/test_capaian_json.py`` proves the two equal on real workbooks.
"""
from __future__ import annotations

import math

#: Decimals pandas' JSON encoder keeps (``to_json(double_precision=10)``, its default).
DECIMALS = 10
_SCALE = 10.0 ** DECIMALS


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def pandas_float(value: float) -> float:
    """``value`` as it reads back from pandas' JSON text (10 decimals, half to even
    on the last one as its encoder does it)."""
    neg = value < 0
    a = -value if neg else value
    if a > 1e16 - 1 or (a != 0.0 and a < 1e-15):
        text = f"{a:.{DECIMALS}g}"
    else:
        whole = int(a)
        tmp = (a - whole) * _SCALE
        frac = int(tmp)
        diff = tmp - frac
        if diff > 0.5 or (diff == 0.5 and (frac == 0 or frac & 1)):
            frac += 1
        if frac >= _SCALE:
            frac, whole = 0, whole + 1
        text = f"{whole}.{str(frac).rjust(DECIMALS, '0').rstrip('0') or '0'}"
    return float(("-" if neg else "") + text)


def _column_is_float(values) -> bool:
    present = [v for v in values if not _missing(v)]
    if not present or not all(_number(v) for v in present):
        return False
    return len(present) < len(values) or any(isinstance(v, float) for v in present)


def _plain(value, as_float: bool):
    if _missing(value):
        return None
    if as_float:
        return pandas_float(float(value))
    if isinstance(value, float):
        return pandas_float(value)
    return value


def json_records(rows: list[dict]) -> list[dict]:
    """``rows`` as ``json.loads(pandas.DataFrame(rows).to_json(orient="records"))`` gives them."""
    if not rows:
        return []
    columns = list(dict.fromkeys(key for row in rows for key in row))
    floats = {c for c in columns if _column_is_float([row.get(c) for row in rows])}
    return [{c: _plain(row.get(c), c in floats) for c in columns} for row in rows]


def rows_table(rows: list[dict], name: str, columns=None):
    """``rows`` as a plain table sheet, as :func:`rakxl.report.outputs.frame_table` shows
    ``pandas.DataFrame(rows, columns=columns)``: the keys as headers; a column of numbers
    14 wide, another as wide as its longest text among the first 200 rows (10 to 50),
    wrapped from 30; a ``pagu`` column in rupiah."""
    from .table import Column, Table

    keys = list(columns) if columns is not None else list(dict.fromkeys(k for row in rows for k in row))
    cols = []
    for key in keys:
        values = [row.get(key) for row in rows]
        present = [v for v in values if not _missing(v)]
        if present and all(_number(v) for v in present):
            width, wrap = 14, False
        else:
            longest = max(len(str(key)), *(len(str(v)) for v in values[:200])) if values else len(str(key))
            width = max(10, min(50, longest))
            wrap = width >= 30
        cols.append(Column(str(key), width, "rupiah" if key == "pagu" else "text", wrap=wrap))
    return Table(name, cols, [[row.get(key) for key in keys] for row in rows])
