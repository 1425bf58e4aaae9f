"""An .xlsx read and checked: its zip directory once, every part the parser may
read inflated, parsed and scanned, and the new zip the parser is given."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..i18n import numbers
from .extent import SheetExtent
from .files import checked_input
from .limits import DEFAULT_LIMITS, Limits, _hostile
from .parts import _is_sst, _map_parts, _percent_styles, _shared_string_lengths
from .patterns import _holds_cell_tags
from .scan import PartScan, scan_part
from .xmlcheck import _Budget, _utf8
from .zipdir import _is_xml_name, open_zip, read_part


@dataclass
class XlsxPackage:
    """An .xlsx as the guard read it: the parts the parser may read, inflated and
    checked, and what the scan of each found.

    Attributes:
        parts: ``{"styles": part, "sheet:<name>": part, ...}`` for the parts rakxl reads.
        data: every part handed to the parser, by name, as inflated (and checked).
        scans: what :func:`scan_part` found in each part of ``data``.
        percent_styles: indexes of the cell styles whose number format shows a percentage.
    """

    parts: dict[str, str]
    data: dict[str, bytes]
    scans: dict[str, "PartScan"]
    percent_styles: frozenset
    budget: "_Budget | None" = None

    def zip_bytes(self) -> bytes:
        """A new zip holding exactly ``data`` (stored, not compressed): what the
        parser is given instead of the file, so that it reads the bytes the guard
        checked and nothing else (one directory, no second archive, no extra part)."""
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
            for name, data in self.data.items():
                zf.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
        return buf.getvalue()


def check_xlsx(path: Path, limits: Limits = DEFAULT_LIMITS) -> dict[str, str]:
    """Check an .xlsx/.xlsm file; the part map of :func:`load_xlsx`."""
    return load_xlsx(path, limits).parts


def load_xlsx(path: Path, limits: Limits = DEFAULT_LIMITS, fh=None) -> XlsxPackage:
    """Read and check an .xlsx/.xlsm: its zip directory once, then every part the
    parser may read, inflated within its budget and parsed as XML.

    The parts kept are the XML parts (names ending ``.xml``/``.rels``) and the
    targets of the workbook's relationships; :meth:`XlsxPackage.zip_bytes` is then
    all the parser ever sees. Each kept part is parsed as XML whatever its first
    bytes (a part that is not XML is refused, not skipped), held to the limits on
    DTDs, encodings, cell extents (a cell reference read with the full grammar of a
    spreadsheet: any letters, any digits) and merges, and the shared strings it
    expands to.

    Raises:
        RakHostileError: a zip bomb, an XML entity attack or an impossible extent.
        RakInputError: a damaged zip, a zip that is not a workbook, an encrypted one.
    """
    path = Path(path)
    budget = _Budget()
    with checked_input(path, limits, fh) as (fh, size):
        zf, infos = open_zip(fh, size, path, limits)
        data, parts = _inflate(zf, infos, path, limits, budget)
    styles = parts.get("styles")
    percent = _percent_styles(data.get(styles or ""), styles, path, budget, limits)
    scans = _scan_parts(data, parts, percent, path, limits, budget)
    return XlsxPackage(parts=parts, data=data, scans=scans, percent_styles=percent, budget=budget)


def _inflate(zf: zipfile.ZipFile, infos, path: Path, limits: Limits,
             budget: _Budget) -> tuple[dict[str, bytes], dict[str, str]]:
    """Every part the parser may read, inflated, in the directory's order; and the
    part map (``{"styles": part, "sheet:<name>": part}``).

    The XML parts' declared sizes are held to ``max_xml_bytes`` before the
    workbook's map (XML itself) is inflated, and again with the relationships'
    targets that are not named as XML."""
    by_name = {i.filename: i for i in infos}
    data: dict[str, bytes] = {}

    def take(name: str) -> bytes:
        if name not in data:
            data[name] = read_part(zf, by_name[name], limits, path)
        return data[name]

    _check_xml_bytes(sum(i.file_size for i in infos if _is_xml_name(i.filename)), "hostile.what_xml",
                     path, limits)
    parts, targets = _map_parts(take, set(by_name), path, limits, budget)
    kept = [i.filename for i in infos if not i.is_dir() and (_is_xml_name(i.filename) or i.filename in targets)]
    _check_xml_bytes(sum(by_name[n].file_size for n in kept), "hostile.what_parsed", path, limits)
    for name in kept:
        take(name)
    return {name: data[name] for name in kept}, parts


def _check_xml_bytes(total: int, what: str, path: Path, limits: Limits) -> None:
    if total > limits.max_xml_bytes:
        from ..i18n import Said

        raise _hostile("hostile.xml_bytes", path, what=Said(what), size=numbers(total),
                       limit=numbers(limits.max_xml_bytes))


def _scan_parts(data: dict[str, bytes], parts: dict[str, str], percent: frozenset, path: Path, limits: Limits,
                budget: _Budget) -> dict[str, PartScan]:
    """What :func:`scan_part` finds in each part. The shared strings first: their
    lengths (the longest at each index, over every table) bound what the sheets'
    uses of them expand to. A shared-string part is scanned as a sheet too when it
    holds a cell or merge tag: ``<sst/>`` in a sheet's comment must not hide its
    cells from their limits (calamine reads them; a far cell aborts it)."""
    sheet_of = {part: key[6:] for key, part in parts.items() if key.startswith("sheet:")}
    lengths: list[int] = []
    scans: dict[str, PartScan] = {}
    for name, xml in data.items():
        if _is_sst(xml):
            found = _shared_string_lengths(xml, name, path, limits, budget)
            lengths = [max(a, b) for a, b in zip(found, lengths)] + found[len(lengths):] + lengths[len(found):]
            if not _holds_cell_tags(_utf8(xml, name, path)):  # a sheet with "<sst" in it is still a sheet
                scans[name] = PartScan(SheetExtent(), exact=True)
    longest = max(lengths, default=0)
    for name, xml in data.items():
        if name not in scans:
            scans[name] = scan_part(xml, limits, path=path, part=name, sheet=sheet_of.get(name, name),
                                    percent_styles=percent, shared_lengths=lengths, longest=longest, budget=budget)
    return scans
