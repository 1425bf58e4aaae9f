"""Small helpers shared by the rules."""
from __future__ import annotations

from ..findings import Finding, make


def one_line(text) -> str:
    """A cell's text on one line, for messages: runs of spaces and line breaks as one space."""
    return " ".join(str(text).split())


def _note_order(note) -> tuple:
    return (note.row or 0, note.col or 0)


def from_notes(rak, code: str, **params_of) -> list[Finding]:
    """Turn the reader's notes of ``code`` into findings, in sheet order.

    ``params_of`` maps template placeholders to functions ``note -> value``.
    """
    out = []
    for note in sorted((n for n in rak.notes if n.code == code), key=_note_order):
        params = {key: fn(note) for key, fn in params_of.items()}
        out.append(make(code, rak, note.cell, note.no, row=note.row, column=note.role, goal=note.goal, **params))
    return out
