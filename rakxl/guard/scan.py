"""One sheet part scanned: the pattern path where it can, the exact pass
elsewhere, and the shared strings its cells expand to held to the budget."""
from __future__ import annotations

from dataclasses import dataclass

from ..i18n import numbers
from .exact import scan_exact
from .extent import SheetExtent, SideInfo, _check_extent
from .fastside import fast_side_info
from .limits import DEFAULT_LIMITS, Limits, _hostile
from .patterns import _needs_exact, _scan_claimed, _scan_fast_bytes, _shared_text_plain
from .xmlcheck import _Budget, _count_elements, _parse, _parser, _utf8


@dataclass
class PartScan:
    """What the scan of one part found: its extent, and (when the exact pass read
    it) the side information of its cells and the shared strings it uses."""

    extent: "SheetExtent"
    side: "SideInfo | None" = None
    exact: bool = False
    strict: bool = False  # every cell tag written plainly (the claim path took it)


def scan_part(data: bytes, limits: Limits = DEFAULT_LIMITS, *, path=None, part="", sheet=None,
              percent_styles=frozenset(), shared_lengths=(), longest: int = 0,
              budget: _Budget | None = None) -> PartScan:
    """Parse one part as XML and hold its cells to ``limits``.

    Parts written as every writer writes them (``<c r="AB12" ...>``, no prefix,
    no comment or CDATA, no shared formula) are read with regular expressions
    (:func:`_scan_claimed`, :func:`_scan_fast`) and then checked to be XML by
    expat with no handler (C speed); any other spelling is read by the exact pass
    (:func:`scan_exact`), which places cells the way calamine does and yields the
    side information at the same time.

    Raises:
        RakHostileError: beyond the limits.
        RakInputError: not XML, or damaged.
    """
    budget = budget or _Budget()
    data = _utf8(data, part, path)
    ext = strict = None
    if not _needs_exact(data):
        ext = strict = _scan_claimed(data, limits, plain=True)
        if ext is None:
            ext = _scan_fast_bytes(data)
    if ext is not None and shared_lengths:
        bound = data.count(b't="s"') * longest
        if budget.shared_text + bound > limits.max_shared_text_bytes:
            text = _shared_text_plain(data, shared_lengths)  # each string's uses, by pattern
            if text is None:
                ext = None  # the exact pass counts them
            else:
                _spend_shared_text(budget, text, limits, path, sheet)
        else:
            budget.shared_text += bound
    if ext is None:
        _count_elements(data, part, path, limits, budget)
        ext, side, uses = scan_exact(data, limits, path=path, part=part, sheet=sheet,
                                     percent_styles=percent_styles)
        if uses:
            text = sum(shared_lengths[i] * n for i, n in uses.items() if 0 <= i < len(shared_lengths))
            _spend_shared_text(budget, text, limits, path, sheet)
        _check_extent(ext, limits, path, sheet)
        return PartScan(ext, side, exact=True)
    _check_extent(ext, limits, path, sheet)
    _parse(_parser(part, path, sheet), data, part, path, sheet)
    return PartScan(ext, strict=strict is not None)


def _spend_shared_text(budget: _Budget, text: int, limits: Limits, path, sheet) -> None:
    """Add ``text`` bytes of shared strings copied into cells to the workbook's
    budget; refused beyond ``limits.max_shared_text_bytes``."""
    budget.shared_text += text
    if budget.shared_text > limits.max_shared_text_bytes:
        raise _hostile("hostile.shared_text", path, sheet, limit=numbers(limits.max_shared_text_bytes))


def side_info(xml: bytes | None, percent_styles=frozenset(), *, limits: Limits | None = None, path=None, sheet=None,
              budget: _Budget | None = None, strict: bool = False) -> SideInfo:
    """Errors, formulas and percent cells of an .xlsx sheet's XML, for a sheet the
    scan did not read exactly: by the pattern path when the sheet is written plainly
    (``strict``: the claim path found every cell tag plain already), else by the
    exact pass, within the workbook's ``budget`` of exactly read elements."""
    if not xml:
        return SideInfo()
    limits = limits or DEFAULT_LIMITS
    xml = _utf8(xml, "sheet", path)
    side = fast_side_info(xml, percent_styles, strict)
    if side is None:
        _count_elements(xml, sheet or "sheet", path, limits, budget or _Budget())
        side = scan_exact(xml, limits, path=path, sheet=sheet, percent_styles=percent_styles)[1]
    return side
