"""The side information of a plainly written sheet (formulas, errors, percent
cells) by a few searches; the exact pass answers for every other sheet.

Only parts whose cells are all written the plain way are read here (checked
first); the exact pass's answers are what this path must equal:
tests/test_fast_paths.py and tests/test_spellings.py prove it on generated spellings
(tests/test_guard_searches.py: the span of cells on hand-spelled prefixes).
"""
from __future__ import annotations

import re

from .exact import _TAG_REST
from .extent import ColumnNumbers, SideInfo
from .patterns import ANY_CELL, PLAIN_ATTR, PLAIN_REF, PLAIN_REF_PARTS, PLAIN_REST, PREFIX, _needs_exact, contains

_NOT_STRICT_CELL = re.compile(PREFIX + rb'c(?![ ]r="' + PLAIN_REF + rb'"' + PLAIN_REST + rb")[\s/>]")
_SHEETDATA = re.compile(rb"<sheetData[\s/>]")
_PREFIXED_DATA = re.compile(rb"<[A-Za-z_][\w.-]*:(?:sheetData|row|c|f|v|is)[\s/>]")
_PREFIXED_NAME = re.compile(rb":(?:sheetData|row|c|f|v|is)[\s/>]")  # its end: found 3x sooner, no "<" to try
_FAST_CELL = re.compile(rb'<c r="' + PLAIN_REF_PARTS + rb'"((?:' + PLAIN_ATTR + rb')*) ?(/?)>')
_F_ELEM = re.compile(rb"<f((?:\s[^>]*)?)(/?)>(?:([^<]*)</f\s*>)?")
_V_ELEM = re.compile(rb"<v(?:\s[^>]*)?(/?)>(?:([^<]*)</v\s*>)?")


def fast_side_info(xml: bytes, percent_styles=frozenset(), strict: bool = False) -> SideInfo | None:
    """The side information of a sheet by a few searches (speed), or None when the
    sheet is not written plainly enough for them (the exact pass must read it).
    ``strict``: the guard's claim path found every cell tag written plainly already."""
    if not strict and _needs_exact(xml):
        return None
    span = _cells_span(xml, strict)
    if span is None:
        return None
    side = SideInfo()
    cells = _PlainCells(xml, *span)
    if contains(xml, b"<f", rare=1):
        cells.formulas(side.formulas)
    if contains(xml, b't="e"'):
        cells.errors(side.errors)
    for sid in sorted(percent_styles):
        cells.styled(sid, side.percent)
    return side


def _cells_span(xml: bytes, strict: bool) -> tuple[int, int] | None:
    """Where the cells are: the bytes between ``<sheetData>`` and its end tag
    (empty when there are none), or None when the searches cannot read them: no
    end tag, a prefixed element, or (unless ``strict``) a cell tag not written plainly."""
    m = _SHEETDATA.search(xml)
    if m is None:
        return None if ANY_CELL.search(xml) else (0, 0)
    rest = _TAG_REST.match(xml, m.end() - 1) if xml[m.end() - 1:m.end()] != b">" else None
    lo = m.end() if rest is None else rest.end()
    if xml[lo - 2:lo] == b"/>":
        return lo, lo
    hi = xml.find(b"</sheetData", lo)
    if hi < 0 or (_PREFIXED_NAME.search(xml, lo, hi) and _PREFIXED_DATA.search(xml, lo, hi)):
        return None
    if not strict and _NOT_STRICT_CELL.search(xml, lo, hi):
        return None
    return lo, hi


class _PlainCells:
    """The plain cell tags of ``xml[lo:hi]``, found from a position inside them."""

    def __init__(self, xml: bytes, lo: int, hi: int):
        self.xml, self.lo, self.hi = xml, lo, hi
        self.columns = ColumnNumbers()

    def formulas(self, into: dict) -> None:
        """Each cell's formula text (``<f>``) and saved value, by position, into ``into``."""
        for pos in self.found(b"<f"):
            fm = _F_ELEM.match(self.xml, pos)
            if fm is not None and (fm.group(1) == b"" or fm.group(1)[:1].isspace() or fm.group(2)):
                cm, end = self.cell_at(pos)
                if cm is not None and not cm.group(4) and cm.end() <= pos < end:
                    text = fm.group(3)
                    if text and not fm.group(2):
                        into[self.position(cm)] = (_text(text), self.cached(cm, end))

    def errors(self, into: dict) -> None:
        """Each error cell's (``t="e"``) value, by position, into ``into``."""
        for pos in self.found(b' t="e"'):
            cm, end = self.cell_at(pos)
            if cm is not None and pos < cm.end() and not cm.group(4):
                value = self.cached(cm, end)
                into[self.position(cm)] = "#N/A" if value is None else value

    def styled(self, sid: int, into: set) -> None:
        """The position of each cell with style ``sid``, into ``into``."""
        # inside a plain tag, ' s="6"' can only be its s attribute (values hold no '"')
        for pos in self.found(b' s="%d"' % sid):
            cm, _ = self.cell_at(pos, False)
            if cm is not None and pos < cm.end() and not cm.group(4):
                into.add(self.position(cm))

    def found(self, needle: bytes):
        """Each position of ``needle`` among the cells, in order (not overlapping)."""
        return map(re.Match.start, re.compile(re.escape(needle)).finditer(self.xml, self.lo, self.hi))

    def cell_at(self, pos: int, need_end: bool = True):
        """The plain cell tag holding or preceding ``pos``: (match, end of the cell)."""
        xml = self.xml
        start = xml.rfind(b"<c ", self.lo, pos)
        if start < 0:
            return None, -1
        cm = _FAST_CELL.match(xml, start)
        if cm is None:
            return None, -1
        if cm.group(4) or not need_end:
            return cm, cm.end()
        end = xml.find(b"</c>", cm.end(), self.hi)
        return cm, (self.hi if end < 0 else end)

    def position(self, cm) -> tuple[int, int]:
        """The 0-based (row, column) of a cell tag found by :meth:`cell_at`."""
        return int(cm.group(2)) - 1, self.columns[cm.group(1)] - 1

    def cached(self, cm, end: int) -> str | None:
        """The saved value (``<v>``) of the cell whose tag is ``cm``, up to ``end``."""
        vm = _V_ELEM.search(self.xml, cm.end(), end)
        if vm is None or vm.group(1) or vm.group(2) is None:
            return None
        return _text(vm.group(2))


def _text(raw: bytes) -> str:
    """An element's text, its entities and character references read."""
    from html import unescape  # imported when first needed (start-up time)

    return unescape(raw.decode("utf-8", "replace"))
