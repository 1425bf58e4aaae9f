"""The side information of a plainly written sheet (formulas, errors, percent
cells) by a few searches; the exact pass answers for every other sheet."""
from __future__ import annotations

import re

from .exact import _TAG_REST
from .extent import SideInfo
from .patterns import _ANY_CELL, _needs_exact


# The fast side information: only for parts whose cells are all written the
# plain way (checked first; anything else takes the exact pass, whose answers the
# pattern path must equal: tests/test_fast_paths.py proves it on generated spellings).
_NOT_STRICT_CELL = re.compile(rb'<(?:[A-Za-z_][\w.-]{0,255}:)?c(?![ ]r="[A-Z]{1,3}[1-9][0-9]{0,6}"'
                              rb'(?: (?!r=)[A-Za-z_][\w.-]*="[^"<>]*")* ?/?>)[\s/>]')
_SHEETDATA = re.compile(rb"<sheetData[\s/>]")
_PREFIXED_DATA = re.compile(rb"<[A-Za-z_][\w.-]*:(?:sheetData|row|c|f|v|is)[\s/>]")
_FAST_CELL = re.compile(rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"((?: [A-Za-z_][\w.-]*="[^"<>]*")*) ?(/?)>')
_F_ELEM = re.compile(rb"<f((?:\s[^>]*)?)(/?)>(?:([^<]*)</f\s*>)?")
_V_ELEM = re.compile(rb"<v(?:\s[^>]*)?(/?)>(?:([^<]*)</v\s*>)?")


def fast_side_info(xml: bytes, percent_styles=frozenset(), strict: bool = False) -> SideInfo | None:
    """The side information of a sheet by a few searches (speed), or None when the
    sheet is not written plainly enough for them (the exact pass must read it).
    ``strict``: the guard's claim path found every cell tag written plainly already."""
    from html import unescape

    if not strict and _needs_exact(xml):
        return None
    m = _SHEETDATA.search(xml)
    side = SideInfo()
    if m is None:
        return side if not _ANY_CELL.search(xml) else None
    rest = _TAG_REST.match(xml, m.end() - 1) if xml[m.end() - 1:m.end()] != b">" else None
    lo = m.end() if rest is None else rest.end()
    if xml[lo - 2:lo] == b"/>":
        return side
    hi = xml.find(b"</sheetData", lo)
    if hi < 0:
        return None
    if _PREFIXED_DATA.search(xml, lo, hi):
        return None
    if not strict and _NOT_STRICT_CELL.search(xml, lo, hi):
        return None
    columns: dict[bytes, int] = {}

    def cell_at(pos, need_end=True):
        """The plain cell tag holding or preceding ``pos``: (match, end of the cell)."""
        start = xml.rfind(b"<c ", lo, pos)
        if start < 0:
            return None, -1
        cm = _FAST_CELL.match(xml, start)
        if cm is None:
            return None, -1
        if cm.group(4) or not need_end:
            return cm, cm.end()
        end = xml.find(b"</c>", cm.end(), hi)
        return cm, (hi if end < 0 else end)

    def position(cm):
        letters = cm.group(1)
        col = columns.get(letters)
        if col is None:
            col = 0
            for ch in letters:
                col = col * 26 + ch - 64
            col = columns[letters] = col - 1
        return int(cm.group(2)) - 1, col

    def cached(cm, end):
        vm = _V_ELEM.search(xml, cm.end(), end)
        if vm is None or vm.group(1) or vm.group(2) is None:
            return None
        return unescape(vm.group(2).decode("utf-8", "replace"))

    if b"<f" in xml:
        pos = xml.find(b"<f", lo, hi)
        while pos >= 0:
            fm = _F_ELEM.match(xml, pos)
            if fm is not None and (fm.group(1) == b"" or fm.group(1)[:1].isspace() or fm.group(2)):
                cm, end = cell_at(pos)
                if cm is not None and not cm.group(4) and cm.end() <= pos < end:
                    text = fm.group(3)
                    if text and not fm.group(2):
                        side.formulas[position(cm)] = (unescape(text.decode("utf-8", "replace")), cached(cm, end))
            pos = xml.find(b"<f", pos + 2, hi)
    if b't="e"' in xml:
        pos = xml.find(b' t="e"', lo, hi)
        while pos >= 0:
            cm, end = cell_at(pos)
            if cm is not None and pos < cm.end() and not cm.group(4):
                value = cached(cm, end)
                side.errors[position(cm)] = "#N/A" if value is None else value
            pos = xml.find(b' t="e"', pos + 6, hi)
    for sid in sorted(percent_styles):
        needle = b' s="%d"' % sid
        pos = xml.find(needle, lo, hi)
        while pos >= 0:  # inside a plain tag, ' s="6"' can only be its s attribute (values hold no '"')
            cm, _ = cell_at(pos, False)
            if cm is not None and pos < cm.end() and not cm.group(4):
                side.percent.add(position(cm))
            pos = xml.find(needle, pos + len(needle), hi)
    return side
