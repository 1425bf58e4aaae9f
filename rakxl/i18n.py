"""The one catalogue of words rakxl shows people, in Bahasa Indonesia (default) and English.

Every text is an ``(Indonesian, English)`` pair under a key. The pairs are data and live
in :mod:`rakxl.words`, by section: :data:`MESSAGES` (``rakxl show``), :data:`OUTPUT_WORDS`
(column labels, sheet names, totals labels, severities, page footer), :data:`CLI_WORDS`
(what the command line confirms and refuses) and :data:`CLICK_ID` (click's own messages)
in ``words/general.py``; :data:`CONTRACT_WORDS`, :data:`DIFF_WORDS` and
:data:`FIELD_WORDS` in ``words/diff.py``; the monitoring and roll-up words in
``words/monitoring.py``; the checker's texts in ``words/findings.py``; the refusals in
``words/errors.py``. This module merges them into :data:`CATALOGUE` (a key in two sections
is an error at import) and renders them: :func:`say` / :func:`text` look a key up;
:func:`pick` is the one place that chooses the language; :func:`number` and :func:`money`
write figures the way each language groups digits.
"""
from __future__ import annotations

import string

from .words.errors import ERROR_WORDS
from .words.general import MESSAGES, OUTPUT_WORDS, CLI_WORDS, CLICK_ID  # noqa: F401
from .words.monitoring import MONITORING, MONITORING_INSTRUCTIONS, MONITORING_COLUMN_HELP, REKAP  # noqa: F401
from .words.diff import CONTRACT_WORDS, DIFF_WORDS, FIELD_WORDS, DIFF_SHEET_WORDS  # noqa: F401
from .words.findings import COLUMN_LABELS, FINDING_TEXTS, FINDING_PHRASES  # noqa: F401


#: The languages of the catalogue, in the order of each pair; the first is the default.
LANGS = ("id", "en")


def pick(pair: tuple[str, str], lang: str = "id", **kwargs) -> str:
    """The text of an ``(Indonesian, English)`` pair in ``lang``, formatted with ``kwargs``.

    The words themselves live in this module's sections (:data:`CATALOGUE`); this is
    the one place that chooses between the two languages.
    """
    text = pair[1] if lang == "en" else pair[0]
    if not kwargs:
        return text
    return _PLURALS.vformat(text, (), kwargs) if "|" in text else text.format(**kwargs)


class _Plurals(string.Formatter):
    """``str.format`` that also knows plural forms: a field ``{n:file|files}`` is the
    word ``file`` when ``n`` is 1 and ``files`` otherwise (``n`` an int, or a figure
    already written as text, ``1.234``), so that ``{n} {n:file|files} read`` says
    ``1 file read`` and ``2 files read``. Indonesian needs no such field."""

    def format_field(self, value, format_spec: str) -> str:
        if "|" not in format_spec:
            return super().format_field(value, format_spec)
        one, many = format_spec.split("|", 1)
        return one if _count(value) == 1 else many


def _count(value) -> int | None:
    if isinstance(value, int):
        return value
    digits = str(value).replace(".", "").replace(",", "")
    return int(digits) if digits.isdigit() else None


_PLURALS = _Plurals()


def text(key: str, lang: str = "id", **kwargs) -> str:
    """The catalogue's text ``key`` in ``lang``, formatted with ``kwargs`` (KeyError if unknown)."""
    return pick(CATALOGUE[key], lang, **kwargs)


def say(key: str, lang: str = "id", **kwargs) -> str:
    """The message ``key`` of the catalogue in ``lang`` (``id`` or ``en``), formatted with
    ``kwargs``; an unknown key is returned as it is."""
    pair = CATALOGUE.get(key)
    return key if pair is None else pick(pair, lang, **kwargs)


class Said:
    """A text of the catalogue with its parameters, said in whichever language is asked
    (:meth:`render`); a parameter may itself be a :class:`Said` or a :class:`Both`."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, **params):
        if key not in CATALOGUE:
            raise KeyError(f"unknown catalogue key {key!r}")
        self.key, self.params = key, params

    def render(self, lang: str = "id") -> str:
        params = {k: said(v, lang) for k, v in self.params.items()}
        return _PLURALS.vformat(pick(CATALOGUE[self.key], lang), (), params)  # formatted also without params

    def __repr__(self):
        return f"Said({self.key!r}, **{self.params!r})"


class Twin(str):
    """A text said in Bahasa Indonesia (the string itself) that carries its English twin
    (``.en``): a refusal's reason kept as text where a batch lists the files it skipped
    (pickled between processes like any string)."""

    def __new__(cls, text: str, en: str | None = None):
        twin = super().__new__(cls, text)
        twin.en = text if en is None else en
        return twin


def twin(key: str, **params) -> Twin:
    """The catalogue's text ``key`` as a :class:`Twin` (its parameters said in each language)."""
    return Twin(*(pick(CATALOGUE[key], lang, **{k: said(v, lang) for k, v in params.items()}) for lang in LANGS))


def in_each_language(render) -> "Both":
    """``render(lang)`` for each language, as a :class:`Both`."""
    return Both(tuple(render(lang) for lang in LANGS))


def labels(mark) -> "Both":
    """What a rakxl output is (:meth:`rakxl.marker.Mark.label`), in each language."""
    return in_each_language(mark.label)


def numbers(n) -> "Both":
    """A count said in each language's digit grouping (``1.234`` / ``1,234``), for a :class:`Said`."""
    return in_each_language(lambda lang: number(n, lang))


def said(value, lang: str = "id"):
    """``value`` in ``lang`` when it is a :class:`Said`, a :class:`Both`, :class:`Money`..., else as it is."""
    if isinstance(value, Said):
        return value.render(lang)
    if isinstance(value, Twin):
        return pick((str(value), value.en), lang)
    if isinstance(value, (Both, Money, Label, Phrase, AndList)):
        return render_value(value, lang)
    return value


# -- monitoring (rakxl.monitoring): the monev workbook and the capaian report ----------


# -- the quarterly roll-up (rakxl.rollup, rakxl rekap) ------------------------------------


_CLICK_MODULES = ("core", "types", "exceptions", "formatting", "decorators", "parser", "termui")


def click_words(lang: str = "id"):
    """A context manager in which click's own messages speak ``lang`` (Indonesian from
    :data:`CLICK_ID`); click's modules get their English back on exit. The command
    line uses it around a run; the library never touches click."""
    import contextlib
    import importlib

    @contextlib.contextmanager
    def scope():
        if lang == "en":
            yield
            return
        saved = []
        for name in _CLICK_MODULES:
            try:
                module = importlib.import_module(f"click.{name}")
            except ImportError:  # pragma: no cover - a click without this module
                continue
            for attr, fn in (("_", lambda m: CLICK_ID.get(m, m)),
                             ("ngettext", lambda one, many, n: CLICK_ID.get(one if n == 1 else many,
                                                                             one if n == 1 else many))):
                if hasattr(module, attr):
                    saved.append((module, attr, getattr(module, attr)))
                    setattr(module, attr, fn)
        try:
            yield
        finally:
            for module, attr, old in reversed(saved):
                setattr(module, attr, old)

    return scope()


def money(amount, lang: str = "id") -> str:
    """Rupiah as ``lang`` writes it: ``Rp 3.051.446.000`` (id), ``Rp 3,051,446,000`` (en)."""
    return f"Rp {number(amount, lang)}"


def decimal(x, lang: str = "id", places: int = 2) -> str:
    """A number with ``places`` decimals the way ``lang`` writes it: ``1.234,50`` (id),
    ``1,234.50`` (en)."""
    text = f"{x:,.{places}f}"
    return text if lang == "en" else text.translate(str.maketrans(",.", ".,"))


def number(n, lang: str = "id") -> str:
    """A whole number grouped the way ``lang`` writes it: ``314.572.800`` (id), ``314,572,800`` (en)."""
    grouped = f"{int(n):,}"
    return grouped if lang == "en" else grouped.replace(",", ".")


# -- the table contract (rakxl.reader.contract): refusals of tables that are no RAK --


#: The sections merged into :data:`CATALOGUE` (a key in two sections is an error at import).
CATALOGUE_SECTIONS = (MESSAGES, OUTPUT_WORDS, CLI_WORDS, DIFF_WORDS, FIELD_WORDS, CONTRACT_WORDS, DIFF_SHEET_WORDS,
                      ERROR_WORDS)


def _merge(sections) -> dict:
    out: dict = {}
    for section in sections:
        shared = out.keys() & section.keys()
        if shared:
            raise RuntimeError(f"rakxl.i18n: keys in two sections: {', '.join(sorted(shared))}")
        out.update(section)
    return out


CATALOGUE = _merge(CATALOGUE_SECTIONS)


# -- findings ---------------------------------------------------------------------------
# What the checker says (rakxl.findings, rakxl.rules): one entry per finding code, the
# phrases its messages are made of, and the column labels they name. A rule passes a
# finding's parameters only (see rakxl.findings.make); its messages in both languages are
# rendered here.


class Money(int):
    """An amount in a message: ``Rp 1.159.691.000`` in Indonesian, ``Rp 1,159,691,000`` in English."""


class Label(str):
    """A column role named in a message by its label in each language (:data:`COLUMN_LABELS`)."""


class Phrase:
    """A phrase of :data:`FINDING_PHRASES` with its parameters, rendered in each language."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, **params):
        if key not in FINDING_PHRASES:
            raise KeyError(f"unknown phrase {key!r}")
        self.key, self.params = key, params

    def __eq__(self, other):
        return isinstance(other, Phrase) and (self.key, self.params) == (other.key, other.params)

    def __repr__(self):
        return f"Phrase({self.key!r}, **{self.params!r})"


class Both(tuple):
    """A value already said in each language, ``Both(("ke-4", "#4"))``: for values the
    catalogue has no phrase for (prefer :class:`Phrase`)."""


class AndList(tuple):
    """Values named together: ``a dan b`` / ``a and b`` for two, ``a, b, c`` otherwise."""


def goal_ref(no, goal):
    """How a message names a goal: its No as written, or by position when it has none."""
    if no is not None:
        return str(no)
    return Phrase("goal-position", n=goal) if goal is not None else "?"


def severity_label(severity: str, lang: str = "id") -> str:
    """``peringatan`` / ``warning`` (the words of :data:`OUTPUT_WORDS`)."""
    return pick(OUTPUT_WORDS[f"severity.{severity}"], lang)


def column_label(role, lang: str = "id") -> str:
    """The label of a column role in messages (``Pelaksana``); ``?`` for None."""
    if role is None:
        return "?"
    pair = COLUMN_LABELS.get(role)
    if pair is None:
        from .layout import COLUMN_BY_ROLE

        return COLUMN_BY_ROLE[role].title if role in COLUMN_BY_ROLE else str(role)
    return pick(pair, lang)


def render_value(value, lang: str = "id") -> str:
    """One parameter of a finding as text in ``lang``."""
    if isinstance(value, Phrase):
        return pick(FINDING_PHRASES[value.key], lang,
                    **{k: render_value(v, lang) for k, v in value.params.items()})
    if isinstance(value, Money):
        from .layout import format_rupiah

        return pick((format_rupiah(value), f"Rp {int(value):,}"), lang)
    if isinstance(value, Label):
        return column_label(str(value), lang)
    if isinstance(value, Both):
        return str(pick(tuple(value), lang))
    if isinstance(value, AndList):
        items = [render_value(v, lang) for v in value]
        return pick(FINDING_PHRASES["and"], lang).join(items) if len(items) == 2 else ", ".join(items)
    if isinstance(value, (list, tuple)):
        return ", ".join(render_value(v, lang) for v in value)
    return str(value)


def finding_message(code: str, params: dict, lang: str = "id") -> str:
    """The message of finding ``code`` with ``params``, in ``lang``."""
    template = pick(FINDING_TEXTS[code][1], lang)
    return template.format(**{k: render_value(v, lang) for k, v in params.items()})


def finding_title(code: str, lang: str = "id") -> str:
    return pick(FINDING_TEXTS[code][0], lang)
