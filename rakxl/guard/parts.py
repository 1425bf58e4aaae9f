"""The parts of an .xlsx other than its sheets: the workbook's map of sheets
and relationships, the percent styles, the shared strings' lengths."""
from __future__ import annotations

import posixpath
import re

from ..exceptions import RakInputError
from ..i18n import numbers
from .limits import Limits, _hostile
from .patterns import contains
from .xmlcheck import _Budget, _count_elements, _parse, _parser, _utf8


_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"


_SST = re.compile(rb"<(?:[^\s>:]+:)?sst\b")
_UNIQUE_COUNT = re.compile(rb"\suniqueCount\s*=\s*[\"']\s*(\d+)")

def _is_sst(data: bytes) -> bool:
    """Whether a part holds a shared-string table (``<sst>``, any prefix, anywhere:
    a comment before the root cannot hide one); its strings' lengths then bound
    what the cells using them expand to."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<"):
        data = data.decode("utf-16", "replace").encode("utf-8")
    return contains(data, b"sst") and _SST.search(data) is not None


def _check_sst_root(data: bytes, part: str, path) -> None:
    """Refuse a shared-strings part that announces more strings than it has
    bytes: calamine reserves memory for ``uniqueCount`` strings up front, and
    4,294,967,295 of them abort the process."""
    m = _SST.search(data, 0, 4096)
    if m:
        end = data.find(b">", m.end())
        u = _UNIQUE_COUNT.search(data, m.end(), end if end > 0 else m.end() + 4096)
        if u and int(u.group(1)) > max(len(data) // 5, 1000):
            raise _hostile("hostile.sst_count", path, part=part, count=numbers(int(u.group(1))),
                           size=numbers(len(data)))


_SI = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


def _shared_string_lengths(data: bytes, part: str, path, limits: Limits, budget: _Budget) -> list[int]:
    """An upper bound of the length of each shared string (``<si>``): the bytes
    from its tag to the next one (markup included), after the part is parsed as XML."""
    data = _utf8(data, part, path)
    _check_sst_root(data, part, path)
    _parse(_parser(part, path), data, part, path)
    if not contains(data, b":si"):
        pieces = data.split(b"<si>")
        if len(pieces) - 1 == data.count(b"<si"):  # each "<si" is "<si>": _SI's tags, found by one split
            return [len(piece) + 4 for piece in pieces[1:]]
    starts = [m.start() for m in _SI.finditer(data)]
    starts.append(len(data))
    return [b - a for a, b in zip(starts, starts[1:])]


def _percent_styles(xml: bytes | None, part, path, budget, limits) -> frozenset:
    """Indexes of the cell styles (xf) whose number format shows a percentage."""
    if not xml:
        return frozenset()
    xml = _utf8(xml, part, path)
    percent_ids = {9, 10}
    fmts: dict[int, str] = {}
    xfs: list[int] = []
    state = {"cellXfs": 0}

    def start(name, attrs):
        local = name.rpartition(":")[2]
        if local == "numFmt":
            try:
                fmts[int(attrs.get("numFmtId", "-1"))] = attrs.get("formatCode", "")
            except ValueError:
                raise RakInputError.of("error.numfmt", path=path, part=part) from None
        elif local == "cellXfs":
            state["cellXfs"] += 1
        elif local == "xf" and state["cellXfs"]:
            try:
                xfs.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                raise RakInputError.of("error.numfmt", path=path, part=part) from None

    def end(name):
        if name.rpartition(":")[2] == "cellXfs":
            state["cellXfs"] -= 1

    _count_elements(xml, part, path, limits, budget)
    parser = _parser(part, path)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    _parse(parser, xml, part, path)
    for fid, code in fmts.items():
        if "%" in re.sub(r'"[^"]*"|\\.', "", code):
            percent_ids.add(fid)
    return frozenset(i for i, fid in enumerate(xfs) if fid in percent_ids)


def _map_parts(take, names, path, limits, budget) -> tuple[dict[str, str], set[str]]:
    """``({"styles": part, "sheet:<name>": part}, every relationship target)``."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    def tree(name):
        xml = _utf8(take(name), name, path)
        if xml.count(b"<") > 200_000:  # no workbook has that many sheets or names; a tree of them is big
            raise _hostile("hostile.elements", path, part=name)
        _parse(_parser(name, path), xml, name, path)  # DTDs refused, well-formed
        return ElementTree.fromstring(xml)

    try:
        wb = tree("xl/workbook.xml")
        rels_name = "xl/_rels/workbook.xml.rels"
        rels = tree(rels_name) if rels_name in names else None
    except DefusedXmlException:
        raise _hostile("hostile.workbook_dtd", path) from None
    except (ElementTree.ParseError, LookupError) as exc:
        raise RakInputError.of("error.workbook_xml", path=path, detail=str(exc)) from None
    targets = {}
    parts = {}
    if rels is not None:
        for rel in rels:
            target = rel.get("Target", "")
            if target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id")] = target
            if rel.get("Type", "").endswith("/styles") and target in names:
                parts["styles"] = target
    for sheet in wb.iter():
        if sheet.tag.endswith("}sheet") or sheet.tag == "sheet":
            # transitional or strict OOXML: the relationship id by its namespace either way
            target = targets.get(sheet.get(f"{{{_REL_NS}}}id") or sheet.get(f"{{{_STRICT_REL_NS}}}id"))
            if target and target in names and "worksheets/" in target:
                parts["sheet:" + sheet.get("name", "")] = target
    return parts, {t for t in targets.values() if t in names}
