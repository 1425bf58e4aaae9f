"""Text folding: one function per way rakxl compares texts.

- :func:`fold_spaces`: case and spacing (names, Sasaran texts, Pelaksana, settings);
- :func:`fold_words`: case, spacing and punctuation (matching activities and goals
  across revisions of a RAK).

Header cells are matched by :func:`rakxl.layout.normalize_header` (lower case,
spacing folded), against the header words of :mod:`rakxl.layout`.
"""
from __future__ import annotations

import re

_NOT_WORD = re.compile(r"[\W_]+")


def fold_spaces(text) -> str:
    """Case and spacing folded: ``" Sarana  dan\\nPrasarana "`` -> ``"sarana dan prasarana"``
    (None -> ``""``)."""
    if text is None:
        return ""
    return " ".join(str(text).split()).casefold()


def fold_words(text) -> str:
    """Case, spacing and punctuation folded: ``"Guna,  Meningkatkan"`` -> ``"guna meningkatkan"``
    (None -> ``""``)."""
    if text is None:
        return ""
    return _NOT_WORD.sub(" ", str(text).casefold()).strip()
