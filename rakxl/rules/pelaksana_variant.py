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
from ..text import fold_spaces

CODE = "pelaksana-variant"
_SUBBAG = re.compile(r"\b(?:ka\s*)?(?:sub\s*bagian|subbagian|sub\s*bag|subbag|subag)\b")
_KASI = re.compile(r"\b(?:kepala\s+seksi|kasi|kasie|seksi|seksie)\b")
_PUNCT = re.compile(r"[^\w\s]+")
_STOP = {"dan", "serta", "and"}
#: The shortest word in which a one-letter typo is looked for.
_TYPO_MIN = 6
#: Words that say what kind of unit, not which one.
GENERIC = {"subbag", "seksi", "bagian", "bag", "bidang", "kabag", "kabid", "unit", "tim", "kepala", "sub"}


def words(name: str) -> tuple[str, ...]:
    """``"Sub Bagian Umum & Logistik"`` -> ``("subbag", "umum", "logistik")``."""
    text = _PUNCT.sub(" ", fold_spaces(name).replace("&", " dan "))
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
    return _variant_words(words(a), words(b))


def _variant_words(wa: tuple, wb: tuple) -> bool:
    """:func:`is_variant` on the names' :func:`words`."""
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    sa, sb = set(wa), set(wb)
    if (sa < sb or sb < sa) and (sa & sb) - GENERIC:
        return True
    if len(wa) == len(wb):
        diffs = [(x, y) for x, y in zip(wa, wb) if x != y]
        return len(diffs) == 1 and min(len(diffs[0][0]), len(diffs[0][1])) >= _TYPO_MIN and _one_edit(*diffs[0])
    return False


def _related_classes(classes: list[tuple]) -> list[set[int]]:
    """For each distinct word tuple, the other tuples it is a variant of.

    Only tuples that can be variants are compared (near-linear, not every pair):
    tuples holding all words of a smaller one, found through that one's rarest word;
    tuples as long that are equal but for one word of at least six letters, found
    through that word's one-letter deletions (two words one edit apart share one).
    """
    sets = [frozenset(w) for w in classes]
    having: dict[str, list[int]] = {}  # word -> tuples holding it
    for i, s in enumerate(sets):
        for w in s:
            having.setdefault(w, []).append(i)
    related: list[set[int]] = [set() for _ in classes]

    def link(i, j):
        if i != j and j not in related[i] and _variant_words(classes[i], classes[j]):
            related[i].add(j)
            related[j].add(i)

    for i, s in enumerate(sets):
        if s - GENERIC:  # a smaller name of generic words only is nobody's variant by inclusion
            rarest = min(s, key=lambda w: len(having[w]))
            for j in having[rarest]:
                if s < sets[j]:
                    link(i, j)
    typo: dict[tuple, list[int]] = {}
    for i, w in enumerate(classes):
        for k, word in enumerate(w):
            if len(word) >= _TYPO_MIN:
                rest = (len(w), k, w[:k], w[k + 1:])
                for d in {word} | {word[:x] + word[x + 1:] for x in range(len(word))}:
                    typo.setdefault(rest + (d,), []).append(i)
    for group in typo.values():
        for x, i in enumerate(group):
            for j in group[x + 1:]:
                link(i, j)
    return related


def partners(names: list[str], count: dict[str, int]) -> dict[str, str]:
    """Each name that is a variant of a more used one (:func:`is_variant`) -> that name.

    Of a name's variants, the most used wins; on a tie of use, the earlier name in
    ``names``. A name has a partner when that winner is used more than it, or as much
    and named earlier (the later of two equally used names is the rarer). Names of the
    same words are variants of each other: they are compared as one word tuple, so the
    work grows with the distinct tuples and their few candidates, never with every pair.
    """
    def key(i):  # higher wins: more use, then the earlier name
        return count[names[i]], -i

    ws = [words(n) for n in names]
    class_of: dict[tuple, int] = {}
    members: list[list[int]] = []
    for i, w in enumerate(ws):
        if w:
            c = class_of.setdefault(w, len(members))
            if c == len(members):
                members.append([])
            members[c].append(i)
    classes = list(class_of)
    # the two best names of each tuple (a name's best variant of its own tuple is the other one)
    top2 = [sorted(group, key=key, reverse=True)[:2] for group in members]
    related = _related_classes(classes)
    out: dict[str, str] = {}
    for c, group in enumerate(members):
        best_other = max((top2[d][0] for d in related[c]), key=key, default=None)
        for i in group:
            own = next((j for j in top2[c] if j != i), None)
            best = max((j for j in (own, best_other) if j is not None), key=key, default=None)
            if best is not None and key(best) > key(i):
                out[names[i]] = names[best]
    return out


def _with_config(rak, names, count, partner):
    """The partners, corrected by the canonical names of a ``rakxl.toml`` next to the
    workbook (:mod:`rakxl.monitoring.config`): two names declared under different
    canonical names are never variants; names declared under the same one always are
    (the rarer is named, with the most used of them as its partner)."""
    from ..monitoring.config import config_for, declared

    config = config_for(rak.path)
    if not config.pelaksana:
        return partner
    canon = {n: declared(config, n) for n in names}
    out = {a: b for a, b in partner.items() if not (canon[a] and canon[b] and canon[a] != canon[b])}
    groups: dict[str, list[str]] = {}
    for n in names:
        if canon[n]:
            groups.setdefault(canon[n], []).append(n)
    for group in groups.values():
        best = max(group, key=lambda n: (count[n], -names.index(n)))
        for n in group:
            if n != best:
                out[n] = best
    return out


def check(rak):
    count: dict[str, int] = {}
    first: dict[str, object] = {}
    for act in rak.plan.activities:
        name = act.pelaksana
        if name is None:
            continue
        name = " ".join(str(name).split())
        count[name] = count.get(name, 0) + 1
        first.setdefault(name, act)
    names = list(first)  # in order of first use
    partner = _with_config(rak, names, count, partners(names, count))
    out = []
    for rare in names:
        if rare in partner:
            act, other = first[rare], partner[rare]
            out.append(make(CODE, rak, rak.cell("pelaksana", act.row), act.no, goal=act.goal, row=act.row,
                            column="pelaksana", name=rare, count=count[rare], other=other,
                            other_count=count[other]))
    return out
