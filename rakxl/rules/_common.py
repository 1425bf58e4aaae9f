"""Small helpers shared by the rules."""
from __future__ import annotations

import contextlib
import contextvars
import re

from .. import layout
from ..findings import Finding, make

#: Short column names for messages.
COLUMN_LABEL = {
    "no": "No", "sasaran": "Sasaran", "indikator": "Indikator", "target_indikator": "Target Indikator",
    "kegiatan": "Nama Kegiatan", "target_kegiatan": "Target Kegiatan", "tw1": "Triwulan I",
    "tw2": "Triwulan II", "tw3": "Triwulan III", "tw4": "Triwulan IV", "pagu": "Pagu Anggaran",
    "pelaksana": "Pelaksana",
}

_SPACES = re.compile(r"\s+")


def label(role: str | None) -> str:
    """The short name of a column for messages (``Pelaksana``)."""
    if role is None:
        return "?"
    return COLUMN_LABEL.get(role) or layout.COLUMN_BY_ROLE[role].title


def fold(text) -> str:
    """Text compared case- and space-insensitively: ``" Sarana  dan\\nPrasarana "`` -> ``"sarana dan prasarana"``."""
    if text is None:
        return ""
    return _SPACES.sub(" ", str(text)).strip().casefold()


#: While :func:`rakxl.checker.check` runs, the records of each frame, made once for all rules.
_SHARED: contextvars.ContextVar[dict | None] = contextvars.ContextVar("rakxl_records", default=None)


@contextlib.contextmanager
def shared_records():
    """Let the rules run inside this block share the records of each frame."""
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def records(frame) -> list[dict]:
    """The rows of a frame as plain dicts (missing values as None). Rules only read them."""
    if frame is None or not len(frame):
        return []
    shared = _SHARED.get()
    if shared is not None:
        hit = shared.get(id(frame))
        if hit is not None and hit[0] is frame:
            return hit[1]
    out = frame.astype(object).where(frame.notna(), None).to_dict("records")
    if shared is not None:
        shared[id(frame)] = (frame, out)
    return out


def _note_order(note) -> tuple:
    cell = note.cell or ""
    letters = cell.rstrip("0123456789")
    return (note.row or 0, len(letters), letters)


def from_notes(rak, code: str, **params_of) -> list[Finding]:
    """Turn the reader's notes of ``code`` into findings, in sheet order.

    ``params_of`` maps template placeholders to functions ``note -> value``.
    """
    out = []
    for note in sorted(rak.notes, key=_note_order):
        if note.code != code:
            continue
        params = {key: fn(note) for key, fn in params_of.items()}
        out.append(make(code, rak, note.cell, note.no, row=note.row, column=note.role, goal=note.goal, **params))
    return out
