"""Reading one Pagu cell: its amount, and what the cell tells the checker.

An amount may stand as a number, as text ("Rp 12.500.000", noted ``amount-as-text``),
as a formula (evaluated when saved without its value; ``formula-no-cache`` when it
cannot be), or as something that is no amount (``amount-invalid``). A dash or
"nihil" (``layout.NIL_AMOUNTS``) is no amount and nothing to note.
"""
from __future__ import annotations

from .. import layout
from ..amounts import parse_amount
from ..formulas import FormulaError
from ..model import Note
from ..workbook import Grid, to_text

_NIL = frozenset(layout.NIL_AMOUNTS)


def _note(notes: list | None, r: int, c: int, goal: dict | None, code: str, value) -> None:
    """Append what the Pagu cell at (r, c) tells the checker to ``notes`` (None: note nothing).
    A function of the module, not a closure made on every cell read."""
    if notes is not None:
        notes.append(Note(code, r + 1, c + 1, "pagu", goal["goal"] if goal else None, goal["no"] if goal else None,
                          value))


def read_amount(grid: Grid, r: int, c: int, goal: dict | None = None, notes: list | None = None):
    """(amount or None, whether the cell holds anything) of the Pagu cell at (r, c).

    What the cell tells the checker is appended to ``notes`` as a :class:`Note`
    naming ``goal`` (None: nothing is noted, as for the total row's amount).
    """
    v = grid.value(r, c)
    err = grid.error(r, c)
    if err:
        _note(notes, r, c, goal, "amount-invalid", err)
        return None, True
    formula = grid.formula(r, c) if (v == "" or v == 0) else None
    if formula is not None and (formula[1] is None or formula[1] == "" or v == 0):
        try:
            value = grid.evaluate(r, c)
        except (FormulaError, RecursionError):
            if formula[1] is None or formula[1] == "":
                _note(notes, r, c, goal, "formula-no-cache", f"={formula[0]}")  # the message says the rest, id or en
                return None, True
            value = None
        if value is not None:
            return parse_amount(value), True
    if v == "" or v is None:
        return None, False
    if isinstance(v, str):
        if v.strip().lower() in _NIL:
            return None, False
        amount = parse_amount(v)
        _note(notes, r, c, goal, "amount-as-text" if amount is not None else "amount-invalid", v)
        return amount, True
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        amount = parse_amount(v)
        if amount is None:  # beyond any budget (amounts.MAX_AMOUNT)
            _note(notes, r, c, goal, "amount-invalid", to_text(v))
        return amount, True
    _note(notes, r, c, goal, "amount-invalid", to_text(v))
    return None, True
