"""Header texts against the layout's synonyms: which column a header cell names.

The words are :mod:`rakxl.layout`'s (``COLUMNS``' synonyms, ``FAMILIES``' columns,
the normal form of :func:`rakxl.layout.normalize_header`); this module only compiles
and matches them, each pattern once, and answers the frequent questions quickly
(a text that names no column, whether a text names one given role). The quick
answers equal the plain, synonym-by-synonym ones: tests/test_fast_paths.py.
"""
from __future__ import annotations

import functools
import re

from .layout import (AMBIGUOUS_TARGET, COLUMNS, FAMILY_BY_NAME, MATCH_ORDER, MONTH_NUMBER, MONTH_SYNONYMS,
                     TRIWULAN_GROUP_SYNONYMS, Family, normalize_header)

# -- the KPU layout's columns ----------------------------------------------------------

#: Each role's synonyms in one pattern (a text fullmatches it when it fullmatches one of them).
_ROLE_PATTERNS = {c.role: re.compile("|".join(f"(?:{s})" for s in c.synonyms)) for c in COLUMNS}
_GROUP = tuple(re.compile(s) for s in TRIWULAN_GROUP_SYNONYMS)
_AMBIGUOUS_TARGET = re.compile(AMBIGUOUS_TARGET)

#: Every synonym, target and group pattern in one: a text none of them matches is no
#: header word (what match_header answers first, for speed).
_ANY_HEADER = re.compile("|".join(
    f"(?:{p})" for p in [s for c in COLUMNS for s in c.synonyms] + [AMBIGUOUS_TARGET] + list(TRIWULAN_GROUP_SYNONYMS)))

def names_role(text: object, role: str) -> bool:
    """``match_header(text) == role``, answered faster for the many texts that name no
    column: a text none of ``role``'s own synonyms matches is rejected by one search
    (tests/test_fast_paths.py proves the two equal)."""
    norm = normalize_header(text)
    if not norm:
        return False
    own = _ROLE_PATTERNS.get(role)
    if own is not None and not own.fullmatch(norm):
        return False
    return match_header(text) == role


def match_header(text: object) -> str | None:
    """The role a header cell's text names, ``"target"`` for a bare "Target",
    ``"triwulan"`` for the quarter group header, or None for an unknown (extra) column.
    """
    norm = normalize_header(text)
    if not norm or not _ANY_HEADER.fullmatch(norm):
        return None  # most cells of a sheet: one search instead of one per synonym
    for role in MATCH_ORDER:
        if _ROLE_PATTERNS[role].fullmatch(norm):
            return role
    if _AMBIGUOUS_TARGET.fullmatch(norm):
        return "target"
    if any(p.fullmatch(norm) for p in _GROUP):
        return "triwulan"
    return None


# -- the columns of the other families ---------------------------------------------------

def family_match(family: Family, text: object) -> str | None:
    """The role a header cell names in ``family``, or None: its columns tried in order."""
    norm = normalize_header(text)
    if not norm:
        return None
    for i, (role, _) in enumerate(family.columns):
        if _names_column(family.name, i, norm):
            return role
    return None


def family_names(family: Family, text: object, *roles: str) -> bool:
    """``family_match(family, text) in roles``: the columns of ``roles`` tried first,
    the columns before the first of them that matches only then."""
    norm = normalize_header(text)
    if not norm:
        return False
    for i, (role, _) in enumerate(family.columns):
        if role in roles and _names_column(family.name, i, norm):
            return not any(_names_column(family.name, j, norm) for j in range(i))
    return False


#: A synonym that is one word, with or without a final dot (``nomor``, ``jan\.?``):
#: matched by comparing texts, no regular expression compiled for it.
_ONE_WORD = re.compile(r"([a-z0-9]+)(\\\.\?)?")


#: The month synonyms written from :data:`MONTH_NUMBER` -> their number (as written).
_MONTH_NUMBERED = {syns[-1]: str(i + 1) for i, syns in enumerate(MONTH_SYNONYMS)}


@functools.lru_cache(maxsize=None)
def _column_synonyms(name: str, i: int) -> tuple[frozenset, frozenset, tuple]:
    """The synonyms of column ``i`` of family ``name``: the texts its one-word synonyms
    match, the month numbers its :data:`MONTH_NUMBER` synonyms name (one pattern for
    twelve), and its other synonyms compiled. Built when the column is first tried (not
    at import, and not for every column of every family: a header row is decided by a
    few columns of each family)."""
    words, numbers, patterns = set(), set(), []
    for p in FAMILY_BY_NAME[name].columns[i][1]:
        one = _ONE_WORD.fullmatch(p)
        if one:
            words.update((one[1], one[1] + ".") if one[2] else (one[1],))
        elif p in _MONTH_NUMBERED:
            numbers.add(_MONTH_NUMBERED[p])
        else:
            patterns.append(re.compile(p))
    return frozenset(words), frozenset(numbers), tuple(patterns)


@functools.lru_cache(maxsize=None)
def _month_number() -> re.Pattern:
    return re.compile(MONTH_NUMBER)


def _names_column(name: str, i: int, norm: str) -> bool:
    """Whether a header cell's normalised text fullmatches a synonym of column ``i`` of
    family ``name``."""
    words, numbers, patterns = _column_synonyms(name, i)
    if norm in words:
        return True
    if numbers:
        m = _month_number().fullmatch(norm)
        if m is not None and m[m.re.groups] in numbers:  # its last group: the number
            return True
    for p in patterns:
        if p.fullmatch(norm):
            return True
    return False
