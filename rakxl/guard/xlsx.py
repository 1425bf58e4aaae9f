"""An .xlsx read and checked: its zip directory once, every part the parser may
read inflated, parsed and scanned, and the new zip the parser is given."""
from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..exceptions import RakInputError
from ..i18n import number as _n
from .extent import SheetExtent
from .files import _opened_size, open_input
from .limits import _RAISE_HINT, _RESAVE, DEFAULT_LIMITS, Limits, _hostile
from .parts import _is_sst, _map_parts, _percent_styles, _shared_string_lengths
from .scan import PartScan, scan_part
from .xmlcheck import _Budget
from .zipdir import _check_directory, _is_xml_name, _zip_entry_count, read_part


# -- .xlsx: the zip, read once --------------------------------------------------------

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
    own = fh is None
    if own:
        fh = open_input(path, limits)
    try:
        size = _opened_size(fh, path, limits)
        entries = _zip_entry_count(fh, size)
        if entries > limits.max_parts:
            raise _hostile(f"zip berisi {_n(entries)} bagian (batas {_n(limits.max_parts)}); tidak ada workbook "
                           "sebanyak itu", path)
        try:
            fh.seek(0)
            zf = zipfile.ZipFile(fh)
            infos = zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
                NotImplementedError, struct.error) as exc:
            raise RakInputError(f"file zip rusak atau terpotong ({exc}); minta file aslinya lagi atau "
                                f"{_RESAVE}", path=path) from None
        if len(infos) > limits.max_parts:
            raise _hostile(f"zip berisi {_n(len(infos))} bagian (batas {_n(limits.max_parts)}); tidak ada workbook "
                           "sebanyak itu", path)
        names = [i.filename for i in infos]
        _check_directory(infos, names, path, limits)
        by_name = {i.filename: i for i in infos}
        data: dict[str, bytes] = {}
        budget = _Budget()

        def take(name: str) -> bytes:
            if name not in data:
                data[name] = read_part(zf, by_name[name], limits, path)
            return data[name]

        xml_total = sum(i.file_size for i in infos if _is_xml_name(i.filename))
        if xml_total > limits.max_xml_bytes:
            raise _hostile(f"bagian XML workbook ini mengaku {_n(xml_total)} byte setelah diekstrak (batas "
                           f"{_n(limits.max_xml_bytes)}); {_RAISE_HINT}", path)
        parts, targets = _map_parts(take, set(names), path, limits, budget)
        kept = [i.filename for i in infos if not i.is_dir() and (_is_xml_name(i.filename) or i.filename in targets)]
        total = sum(by_name[n].file_size for n in kept)
        if total > limits.max_xml_bytes:
            raise _hostile(f"bagian yang dibaca parser mengaku {_n(total)} byte setelah diekstrak (batas "
                           f"{_n(limits.max_xml_bytes)}); {_RAISE_HINT}", path)
        for name in kept:
            take(name)
        data = {name: data[name] for name in kept}  # the directory's order
        sheet_of = {part: key[6:] for key, part in parts.items() if key.startswith("sheet:")}
        percent = _percent_styles(data.get(parts.get("styles", "")), parts.get("styles"), path, budget, limits)
        # The shared strings first: their lengths bound what the sheets' uses expand to.
        lengths: list[int] = []
        scans: dict[str, PartScan] = {}
        for name in kept:
            if _is_sst(data[name]):
                found = _shared_string_lengths(data[name], name, path, limits, budget)
                lengths = [max(a, b) for a, b in zip(found, lengths)] + found[len(lengths):] + lengths[len(found):]
                scans[name] = PartScan(SheetExtent(), exact=True)
        longest = max(lengths, default=0)
        for name in kept:
            if name in scans:
                continue
            scans[name] = scan_part(data[name], limits, path=path, part=name, sheet=sheet_of.get(name, name),
                                    percent_styles=percent, shared_lengths=lengths, longest=longest,
                                    budget=budget)
        return XlsxPackage(parts=parts, data=data, scans=scans, percent_styles=percent, budget=budget)
    finally:
        if own:
            fh.close()
