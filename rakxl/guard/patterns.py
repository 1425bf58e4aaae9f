"""The pattern path: a sheet's extent by a few regular-expression searches
(speed) where every cell tag is written plainly; None where the exact pass must read it.

:func:`_needs_exact` says whether a part can take this path at all. The claim path
(:func:`_scan_claimed`) trusts a sheet's ``<dimension>`` once every cell tag is
checked to lie within it; :func:`_scan_fast_bytes` reads each canonical cell tag.
tests/test_fast_paths.py proves both equal to the exact pass; tests/test_guard_searches.py
proves each quicker search (``contains``, the claim pattern) equal to the plain one.
"""
from __future__ import annotations

import re

from ..a1 import column_index
from .extent import ColumnNumbers, SheetExtent, _beyond
from .limits import Limits

# Pieces of the patterns (also read by the fast side information):
PREFIX = rb"<(?:[A-Za-z_][\w.-]{0,255}:)?"  # a tag's start, with any namespace prefix or none
PLAIN_REF = rb"[A-Z]{1,3}[1-9][0-9]{0,6}"  # a cell reference as writers write it
PLAIN_REF_PARTS = rb"([A-Z]{1,3})([1-9][0-9]{0,6})"  # the same, letters and digits captured
PLAIN_ATTR = rb' [A-Za-z_][\w.-]*="[^"<>]*"'  # an attribute written plainly: one space, double quotes
# a plain tag's rest after its r: plain attributes, none of them a second r, up to '>' or '/>'
PLAIN_REST = rb'(?: (?!r=)[A-Za-z_][\w.-]*="[^"<>]*")* ?/?>'

# Any cell or merge tag at all, also with a namespace prefix (<x:c ...>).
ANY_CELL = re.compile(PREFIX + rb"c[\s/>]")
_ANY_MERGE = re.compile(PREFIX + rb"mergeCell[\s/>]")
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_PREFIXED = re.compile(rb":(?:c|mergeCell)[\s/>]")  # a cell or merge tag with a namespace prefix
_PLAIN_CELL = re.compile(rb"<c[\s/>]")
_PLAIN_MERGE = re.compile(rb"<mergeCell[\s/>]")
_SHARED = re.compile(rb"""\st\s*=\s*["']shared""")
_DIMENSION = re.compile(rb'<dimension ref="(?:' + PLAIN_REF + rb':)?' + PLAIN_REF_PARTS + rb'"')
# The fast path: every cell tag written as all writers write it, r first:
# <c r="AB12" ...> (or <c r="AB12" .../> for an empty, styled cell).
_CANON_CELL = re.compile(
    rb'<c r="' + PLAIN_REF_PARTS + rb'"'
    rb'((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"]*"|\'[^\']*\'))*)\s*(/?)>')
_R_ATTR = re.compile(rb"(?:^|\s)r\s*=")
# A plain cell using a shared string, with its index.
_S_CELL = re.compile(rb'<c r="' + PLAIN_REF + rb'"(?:' + PLAIN_ATTR + rb')*? t="s"'
                     rb'(?:' + PLAIN_ATTR + rb')* ?>(?:<f[^<>]*/>|<f[^<>]*>[^<]*</f>)?<v>([0-9]+)</v>')


def _needs_exact(data: bytes) -> bool:
    """Whether the pattern path cannot read the part: a comment, CDATA, DTD or
    processing instruction after the declaration, a cell or merge tag with a
    namespace prefix, or a shared formula (searches that run in C)."""
    start = _prolog_end(data)
    return (contains(data, b"<!", start, rare=1) or contains(data, b"<?", start, rare=1)
            or _PREFIXED.search(data) is not None
            or (contains(data, b"shared", rare=1) and _SHARED.search(data) is not None))


_RARE_TRIES = 64


def contains(data: bytes, needle: bytes, start: int = 0, rare: int | None = None) -> bool:
    """``needle in data[start:]``, sooner than that test over markup. With ``rare``,
    the needle's byte at that index, one seldom in a sheet ("!", "?", the "h" of
    "shared"), is looked for first, at memory speed (0.05 ms of a 4.4 MB sheet, where
    "<!" stops at every "<": 3.6 ms); after ``_RARE_TRIES`` hits that are not the
    needle, or without ``rare``, CPython's reverse search, which skips about three
    times as fast over markup as its forward one (1.3 ms against 3.0 for "sst")."""
    pos = start
    if rare is not None:
        byte = needle[rare]
        pos = start + rare
        for _ in range(_RARE_TRIES):
            pos = data.find(byte, pos)
            if pos < 0:
                return False
            if data.startswith(needle, pos - rare):
                return True
            pos += 1
        pos -= rare  # every needle starting before pos was looked at
    return data.rfind(needle, pos) >= 0


def _prolog_end(data: bytes) -> int:
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if data.startswith(b"<?xml", start):
        end = data.find(b"?>", start)
        return end + 2 if end >= 0 else len(data)
    return start


# -- the claim path

def _scan_claimed(data: bytes, limits: Limits, plain: bool = False) -> "SheetExtent | None":
    """The extent a sheet claims in ``<dimension>``, when every cell tag is within
    that claim and the claim is within ``limits``; None when another path must
    decide. ``rows``/``cols`` are then the claim (an upper bound of the cells that
    hold a value) and ``cells`` is not counted (speed, issue 8: a few searches that
    run in C, not per cell in Python). ``plain``: the caller found no prefixed cell
    or merge tag already (:func:`_needs_exact` is False)."""
    m = _DIMENSION.search(data, 0, 64 * 1024)
    if m is None:
        return None
    letters, digits = m.group(1).decode(), m.group(2).decode()
    ext = SheetExtent(rows=int(digits), cols=column_index(letters) + 1)
    if _beyond(ext, limits):
        return None
    if _claim_pattern(letters, digits).search(data) or (not plain and _PREFIXED.search(data)):
        return None
    ext.merges = _count_plain_merges(data, len(data))
    if ext.merges > limits.max_merges:
        return None
    return ext


def _claim_pattern(cols: str, rows: str) -> re.Pattern:
    """A regex that finds any cell tag not written ``<c r="REF"`` with REF inside
    ``cols``/``rows`` and no second ``r`` attribute (what the cheap path trusts)."""
    ref_ok = rb"(?:" + _at_most(cols, "A", "A", "Z") + rb")(?:" + _at_most(rows, "1", "0", "9") + rb')"'
    # after REF, the rest of the tag (PLAIN_REST, as _QUICK_REST matches it): attributes
    # written plainly (one space, double quotes, no '<' or '>' in a value; each starts
    # with a character a value excludes, so nothing backtracks for long) and no second r:
    # a sheet the claim path takes is one the pattern side information reads as the
    # exact pass does (fast_side_info(strict=True))
    return re.compile(rb'<c(?: (?!r="' + ref_ok + _QUICK_REST + rb")|[\t\n\r\x0b\x0c/>])")


# PLAIN_REST's strings, matched sooner (a third of the claim path's time): first the
# shapes writers use (` s="3"`, ` t="s"`, both, none), then any plain attributes;
# possessive, as nothing matched would be given back (a name or a value never holds
# the character that ends it; the tail starts with neither a space plus a name nor a quote)
_QUICK_REST = (rb'(?:(?: s="[0-9]++")?+(?: t="[a-zA-Z]++")?+/?+>'
               rb'|(?: (?!r=)[A-Za-z_][\w.-]*+="[^"<>]*+")*+ ?+/?+>)')


def _at_most(cap: str, first: str, low: str, high: str) -> bytes:
    """A regex matching the strings over ``low``..``high`` (first character from
    ``first``) that are at most ``cap`` read as numbers: shorter ones, or as long
    and smaller at the first difference, or ``cap`` itself. Row numbers use digits
    (no leading 0), columns letters A..Z."""
    k = len(cap)
    alts = [f"[{first}-{high}]" + (f"[{low}-{high}]{{0,{k - 2}}}" if k > 2 else "")] if k >= 2 else []
    for i, ch in enumerate(cap[:-1]):
        lo = first if i == 0 else low
        if ch > lo:
            alts.append(f"{cap[:i]}[{lo}-{chr(ord(ch) - 1)}][{low}-{high}]" + (f"{{{k - i - 1}}}" if k - i > 2 else ""))
    alts.append(f"{cap[:-1]}[{first if k == 1 else low}-{cap[-1]}]")  # cap itself and those below it in the last place
    return "|".join(alts).encode()


def _count_plain_merges(data: bytes, end: int) -> int:
    """``len(_PLAIN_MERGE.findall(data[:end]))``, searched from the first
    ``<mergeCell`` on (merges sit after the cells, so most of a sheet is skipped)."""
    start = data.find(b"<mergeCell", 0, end)
    return 0 if start < 0 else len(_PLAIN_MERGE.findall(data, start, end))


# -- every canonical cell tag

def _scan_fast_bytes(data: bytes) -> "SheetExtent | None":
    """The cells of a part whose cell tags are all canonical; None otherwise."""
    ext = SheetExtent()
    if not _scan_fast(data, ext):
        return None
    ext.merges = _count_any_merges(data)
    return ext


def _scan_fast(body: bytes, ext: SheetExtent) -> bool:
    """Add the canonical cells of ``body`` to ``ext``; False when some cell tag is
    not canonical (the caller then parses the sheet as XML)."""
    canonical = 0
    columns = ColumnNumbers()
    for m in _CANON_CELL.finditer(body):
        canonical += 1
        if _R_ATTR.search(m.group(3)):
            return False  # a second r: the last one wins in calamine
        if m.group(4):
            continue  # <c r="X1" s="3"/>: styled but empty, calamine keeps no cell
        ext.cells += 1
        ext.cols = max(ext.cols, columns[m.group(1)])
        ext.rows = max(ext.rows, int(m.group(2)))
    return canonical == _count_any_cells(body)


def _count_any_cells(body: bytes) -> int:
    """``len(ANY_CELL.findall(body))``; without a prefixed cell tag (``:c``), the
    plain ``<c`` tags alone, a search that runs much faster."""
    if _PREFIXED_CELL.search(body):
        return len(ANY_CELL.findall(body))
    return len(_PLAIN_CELL.findall(body))


def _holds_cell_tags(data: bytes) -> bool:
    """Whether a part has a cell or merge tag at all (any prefix); the finds skip
    the searches where neither ``<c``/``:c`` nor ``mergeCell`` is there."""
    return (((contains(data, b"<c") or contains(data, b":c")) and ANY_CELL.search(data) is not None)
            or (contains(data, b"mergeCell") and _ANY_MERGE.search(data) is not None))


def _count_any_merges(body: bytes) -> int:
    """``len(_ANY_MERGE.findall(body))``, skipped when no ``mergeCell`` is there."""
    return len(_ANY_MERGE.findall(body)) if b"mergeCell" in body else 0


# -- shared strings

def _shared_text_plain(data: bytes, lengths) -> int | None:
    """The text the shared-string cells of a plainly written sheet expand to, or
    None when some ``t="s"`` is not in a plain cell with its index (the exact pass
    then counts)."""
    found = _S_CELL.findall(data)
    if len(found) != data.count(b't="s"'):
        return None
    n = len(lengths)
    total = 0
    for idx in found:
        i = int(idx)
        if i < n:
            total += lengths[i]
    return total
