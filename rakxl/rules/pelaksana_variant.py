"""``pelaksana-variant`` (warning): a Pelaksana name that is a variant of another name
in the same plan (``Subbag Logistik`` beside ``Subbag Umum dan Logistik``), which would
split the totals by Pelaksana.

Two names are variants when, after folding case, punctuation and the usual
abbreviations (``Sub Bagian``, ``Subbagian``, ``Kasubbag`` -> ``subbag``):

- they are the same words;
- the words of one are all in the other and they share a word that is not generic
  (``Logistik``; not ``Subbag``);
- or they differ by one typo in one word (``Keuangn`` / ``Keuangan``).

The finding names the rarer of the two (fewer rows; on a tie the later one), at the
Pelaksana cell of the first row using it; ``no`` is that row's goal.
"""
from __future__ import annotations

import re

from ..findings import make
from ._common import fold, records

CODE = "pelaksana-variant"
_SUBBAG = re.compile(r"\b(?:ka\s*)?(?:sub\s*bagian|subbagian|sub\s*bag|subbag|subag)\b")
_KASI = re.compile(r"\b(?:kepala\s+seksi|kasi|kasie|seksi|seksie)\b")
_PUNCT = re.compile(r"[^\w\s]+")
_STOP = {"dan", "serta", "and"}
#: Words that say what kind of unit, not which one.
GENERIC = {"subbag", "seksi", "bagian", "bag", "bidang", "kabag", "kabid", "unit", "tim", "kepala", "sub"}


def words(name: str) -> tuple[str, ...]:
    """``"Sub Bagian Umum & Logistik"`` -> ``("subbag", "umum", "logistik")``."""
    text = _PUNCT.sub(" ", fold(name).replace("&", " dan "))
    text = _KASI.sub("seksi", _SUBBAG.sub("subbag", text))
    return tuple(w for w in text.split() if w not in _STOP)


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one inserted, deleted or changed letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:] or (len(a) == len(b) and a[i + 1:] == b[i + 1:])


def is_variant(a: str, b: str) -> bool:
    """Whether two different Pelaksana names most likely mean the same unit."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    sa, sb = set(wa), set(wb)
    if (sa < sb or sb < sa) and (sa & sb) - GENERIC:
        return True
    if len(wa) == len(wb):
        diffs = [(x, y) for x, y in zip(wa, wb) if x != y]
        return len(diffs) == 1 and min(len(diffs[0][0]), len(diffs[0][1])) >= 6 and _one_edit(*diffs[0])
    return False


def check(rak):
    count: dict[str, int] = {}
    first: dict[str, dict] = {}
    for act in records(rak.activities):
        name = act["pelaksana"]
        if name is None:
            continue
        name = " ".join(str(name).split())
        count[name] = count.get(name, 0) + 1
        first.setdefault(name, act)
    names = list(first)  # in order of first use
    partner: dict[str, str] = {}
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if not is_variant(a, b):
                continue
            rare, common = (a, b) if count[a] < count[b] else (b, a)
            best = partner.get(rare)
            if best is None or count[common] > count[best]:
                partner[rare] = common
    out = []
    for rare in names:
        if rare in partner:
            act, other = first[rare], partner[rare]
            out.append(make(CODE, rak, rak.cell("pelaksana", act["row"]), act["no"], goal=act["goal"], row=act["row"],
                            column="pelaksana", name=rare, count=count[rare], other=other,
                            other_count=count[other]))
    return out
