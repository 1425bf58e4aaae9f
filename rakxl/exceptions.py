"""Exceptions raised by rakxl.

Every error a user can cause with a file is a :class:`RakError`; its message names
the file, and the sheet and cell where there is one, and is meant to be shown as it
is (in Bahasa Indonesia, the language of the people who fix the file).
"""
from __future__ import annotations


class RakError(ValueError):
    """A file, sheet or cell that rakxl cannot read or write.

    Attributes:
        path: the file concerned (str), or None.
        sheet: the sheet concerned, or None.
        cell: the A1 address concerned, or None.
    """

    def __init__(self, message: str, *, path=None, sheet=None, cell=None):
        self.path = None if path is None else str(path)
        self.sheet = sheet
        self.cell = cell
        where = []
        if self.path:
            where.append(self.path)
        if sheet:
            where.append(f"sheet '{sheet}'")
        if cell:
            where.append(f"sel {cell}")
        self.reason = message
        super().__init__(": ".join([", ".join(where), message]) if where else message)


class RakInputError(RakError):
    """The input is not a readable RAK workbook (wrong format, no RAK table...)."""


class RakFileError(RakError):
    """A file cannot be opened, or an output cannot be written where asked."""


class RakHostileError(RakInputError):
    """The input looks built to harm its reader (zip bomb, XML entity attack...)."""


def first_line(exc: BaseException) -> str:
    """The first line of an exception's text (its type when it has none), at most 160
    characters: what a one-line message says a library raised."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
