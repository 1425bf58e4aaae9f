"""Reading rupiah amounts the way offices type them.

Thousands and decimal separators are told apart by the pattern of the text, never
by the machine's locale: ``29.295.000`` and ``29,295,000`` are both 29,295,000, and
``29.295.000,00`` and ``29,295,000.00`` too.
"""
from __future__ import annotations

import math
import re

_CURRENCY = re.compile(r"^\s*(rp\.?|idr)\s*", re.I)
_TRAILER = re.compile(r"\s*(,-|\.-|,--|-)\s*$")
# Grouped integer with one kind of separator, optionally a 1-2 digit decimal part
# using the other separator.
_GROUPED_DOT = re.compile(r"^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$")
_GROUPED_COMMA = re.compile(r"^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$")
_GROUPED_SPACE = re.compile(r"^(\d{1,3}(?:[  ]\d{3})+)(?:[.,](\d{1,2}))?$")
_PLAIN = re.compile(r"^(\d+)(?:[.,](\d{1,2}))?$")

#: No Pagu comes near Rp 1.000.000.000.000.000 (a third of the national budget):
#: a larger number is a typo or a hostile file, and would overflow the int64 columns.
MAX_AMOUNT = 10**15 - 1


def parse_amount(value: object) -> int | None:
    """The whole-rupiah amount a cell holds, or None when it holds no amount.

    Args:
        value: a cell value: a number, or text such as ``"Rp. 29.295.000,-"``.

    Returns:
        The amount in whole rupiah (rounded half up), or None for empty cells,
        error values, text that is not an amount (``"lihat lampiran"``) and
        amounts beyond :data:`MAX_AMOUNT`.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        amount = int(math.floor(value + 0.5))
        return amount if abs(amount) <= MAX_AMOUNT else None
    text = str(value).strip()
    if not text:
        return None
    text = _CURRENCY.sub("", text)
    text = _TRAILER.sub("", text).strip()
    negative = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
    text = text.strip("()-").strip()
    for pattern, sep in ((_GROUPED_DOT, "."), (_GROUPED_COMMA, ","), (_GROUPED_SPACE, None), (_PLAIN, "")):
        m = pattern.match(text)
        if m:
            whole = re.sub(r"\D", "", m.group(1))
            if not whole:
                return None
            amount = int(whole)
            if m.group(2) and int(m.group(2).ljust(2, "0")) >= 50:
                amount += 1
            if amount > MAX_AMOUNT:
                return None
            return -amount if negative else amount
    return None
