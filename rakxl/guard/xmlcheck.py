"""Every part parsed as XML by expat, whatever its first bytes: its encoding,
any DTD refused, the elements the exact pass reads counted against the budget."""
from __future__ import annotations

import re

from ..exceptions import RakInputError
from ..i18n import numbers
from .limits import Limits, _hostile


class _Budget:
    """What the parts of one workbook used of the workbook-wide limits so far."""

    def __init__(self):
        self.exact_elements = 0
        self.shared_text = 0


_DECLARED_ENCODING = re.compile(rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\bencoding\s*=\s*[\"']([^\"']*)[\"']")
_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be"}


def _utf8(data: bytes, part: str, path) -> bytes:
    """The part as UTF-8 (UTF-16 parts are re-encoded), after its declared
    encoding is checked: workbooks use UTF-8 or UTF-16 only."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:2] in (b"<\x00", b"\x00<"):
        enc = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else (
            "utf-16-le" if data[:1] == b"<" else "utf-16-be")
        try:
            data = data.decode(enc).encode("utf-8")
        except UnicodeError as exc:
            raise RakInputError.of("error.not_xml", path=path, part=part, detail=str(exc)) from None
    declared = _DECLARED_ENCODING.match(data, 0, 512)
    if declared and declared.group(1).decode("ascii", "replace").lower().replace("_", "-") not in _ENCODINGS:
        raise RakInputError.of("error.encoding", path=path, part=part,
                               encoding=declared.group(1)[:40].decode("ascii", "replace"))
    return data

def _parser(part: str, path, sheet=None):
    """An expat parser reading UTF-8, refusing any DTD (entity expansion and
    external entities need one; no workbook part has one)."""
    from xml.parsers import expat

    def no_dtd(*_args):
        raise _hostile("hostile.dtd", path, sheet, part=part)

    parser = expat.ParserCreate("utf-8")
    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    parser.ExternalEntityRefHandler = no_dtd
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


def _parse(parser, data: bytes, part: str, path, sheet=None) -> None:
    from xml.parsers import expat

    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise RakInputError.of("error.not_xml", path=path, sheet=sheet, part=part, detail=str(exc)) from None


def _count_elements(data: bytes, part: str, path, limits: Limits, budget: _Budget) -> None:
    """Count the elements the exact pass is about to read, against the budget."""
    n = data.count(b"<") - data.count(b"</")
    budget.exact_elements += n
    if budget.exact_elements > limits.max_exact_elements:
        raise _hostile("hostile.exact_elements", path, part=part, limit=numbers(limits.max_exact_elements))
