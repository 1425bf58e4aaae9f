"""Exceptions raised by rakxl.

Every error a user can cause with a file is a :class:`RakError`; its message names
the file, and the sheet and cell where there is one, and is meant to be shown as it
is: ``str(err)`` in Bahasa Indonesia (the language of the people who fix the file),
``err.render("en")`` in English for a refusal made from the catalogue
(:data:`rakxl.words.errors.ERROR_WORDS`, ``RakInputError.of(key, path=..., **params)``).
"""
from __future__ import annotations


class RakError(ValueError):
    """A file, sheet or cell that rakxl cannot read or write.

    Made with a message (Indonesian only) or from a key of the catalogue's refusals
    (:data:`rakxl.words.errors.ERROR_WORDS`) with its parameters, ``RakInputError.of(key,
    path=..., **params)``: then :meth:`render` says it in either language. ``str(err)`` is
    the Indonesian text in both cases.

    Attributes:
        path: the file concerned (str), or None.
        sheet: the sheet concerned, or None.
        cell: the A1 address concerned, or None.
        reason: the message without its location (Indonesian).
        key, params: the catalogue key and its parameters (None and {} for a plain message).
    """

    def __init__(self, message: str | None = None, *, path=None, sheet=None, cell=None, key=None, params=None):
        self.path = None if path is None else str(path)
        self.sheet = sheet
        self.cell = cell
        self.key, self.params = key, dict(params or {})
        self.reason = message if key is None else self._reason("id")
        super().__init__(self.render("id") if key is not None else self._located(message, "id"))

    @classmethod
    def of(cls, key: str, /, *, path=None, sheet=None, cell=None, **params):
        """The refusal ``key`` of the catalogue with ``params`` (a :class:`rakxl.i18n.Said`
        parameter is said in the same language)."""
        return cls(path=path, sheet=sheet, cell=cell, key=key, params=params)

    def _reason(self, lang: str) -> str:
        from .i18n import said, text

        params = {"sheet": self.sheet, "cell": self.cell, **self.params}  # a text may name its sheet too
        return text(self.key, lang, **{k: said(v, lang) for k, v in params.items()})

    def _located(self, reason: str, lang: str, with_path: bool = True) -> str:
        from .i18n import text

        where = [self.path] if self.path and with_path else []
        if self.sheet:
            where.append(text("error.sheet", lang, sheet=self.sheet))
        if self.cell:
            where.append(text("error.cell", lang, cell=self.cell))
        return ": ".join([", ".join(where), reason]) if where else reason

    def located_reason(self):
        """The reason with its sheet and cell, without the file, in both languages (a
        :class:`rakxl.i18n.Twin`: the Indonesian text, its English twin as ``.en``)."""
        from .i18n import Twin

        if self.key is None:
            return Twin(self._located(self.reason, "id", False))
        return Twin(self._located(self._reason("id"), "id", False), self._located(self._reason("en"), "en", False))

    def render(self, lang: str = "id") -> str:
        """The one-line message (file, sheet, cell, reason) in ``lang`` (``id`` or ``en``);
        a message made without a key is said as it is (Indonesian)."""
        return str(self) if self.key is None else self._located(self._reason(lang), lang)


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
