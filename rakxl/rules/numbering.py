"""``numbering`` (warning): goal numbers that are not 1, 2, 3... in order: a gap
(1, 2, 4), a repeat (2, 2), a typo (41 for 14), or a goal with no number. Cell: the
goal's No cell.

A number is accepted when it follows the number written just before it, or when it
is where the sequence of the last accepted number says it should be (so a typo is
reported once, not again on the goal after it).
"""
from __future__ import annotations

import re

from ..findings import Phrase, make
from ._common import one_line

CODE = "numbering"
_ARABIC = re.compile(r"(\d{1,6})\s*[.)]?")  # a plan of 10,000 goals or more numbers them on
_ROMAN = re.compile(r"(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})\s*[.)]?")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def number_of(text) -> int | None:
    """``"14"``, ``"14."``, ``"14)"``, ``"XIV"`` -> 14; anything else -> None."""
    if text is None:
        return None
    t = str(text).strip().lower()
    m = _ARABIC.fullmatch(t)
    if m:
        return int(m.group(1))
    if t and _ROMAN.fullmatch(t):
        digits = [_ROMAN_VALUES[ch] for ch in t.rstrip(".) ")]
        return sum(-d if i + 1 < len(digits) and d < digits[i + 1] else d for i, d in enumerate(digits))
    return None


def check(rak):
    if "no" not in rak.columns:
        return []
    goals = rak.plan.goals
    if not any(g.no is not None for g in goals):
        return []  # a sheet that does not number its goals
    out = []
    previous = None                 # the number written on the goal before
    anchor_value, anchor_index = 0, -1   # the last accepted number and its position
    for i, goal in enumerate(goals):
        value = number_of(goal.no)
        expected = anchor_value + (i - anchor_index)
        if value is not None and (value == expected or (previous is not None and value == previous + 1)):
            anchor_value, anchor_index = value, i
        else:
            if goal.no is None:
                what = Phrase("goal-without-number")
            else:
                what = Phrase("number-out-of-sequence", written=one_line(goal.no))
            out.append(make(CODE, rak, rak.cell("no", goal.first_row), goal.no, goal=goal.goal,
                            row=goal.first_row, column="no", what=what, expected=expected))
        previous = value
    return out
