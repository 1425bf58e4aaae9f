"""The zip directory of an .xlsx, read once: entries, declared sizes, ratios,
duplicates, encryption; one part inflated within its budget."""
from __future__ import annotations

import struct
import zipfile
import zlib

from ..exceptions import RakInputError
from ..i18n import Said, numbers
from .limits import DEFAULT_LIMITS, Limits, _hostile


def open_zip(fh, size: int, path, limits: Limits) -> tuple[zipfile.ZipFile, list[zipfile.ZipInfo]]:
    """The zip in ``fh`` (``size`` bytes) and its directory, checked: the number of
    entries (from the end record first, before zipfile builds an object per
    entry), the declared sizes and ratios, duplicates, encryption, and that it is
    a workbook at all."""
    _check_part_count(zip_entry_count(fh, size), path, limits)
    try:
        fh.seek(0)
        zf = zipfile.ZipFile(fh)
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, struct.error) as exc:
        raise RakInputError.of("error.zip_broken", path=path, detail=str(exc)) from None
    _check_part_count(len(infos), path, limits)
    _check_directory(infos, [i.filename for i in infos], path, limits)
    return zf, infos


def _check_part_count(count: int, path, limits: Limits) -> None:
    if count > limits.max_parts:
        raise _hostile("hostile.parts", path, count=numbers(count), limit=numbers(limits.max_parts))


def _is_xml_name(name: str) -> bool:
    """Parts the parser may read: XML and relationships. (VML drawings, which
    Excel writes as loose HTML-like markup, are read by no parser rakxl uses.)"""
    return name.lower().endswith((".xml", ".rels")) and not name.endswith("/")


def zip_entry_count(fh, size: int) -> int:
    """The number of entries the zip's end record declares, read without zipfile.

    zipfile builds an object per entry, so a zip claiming millions of entries is
    refused from this count first. Returns 0 when there is no end record (zipfile
    then reports the damage).
    """
    tail_len = min(size, 22 + 65535 + 20 + 56)
    fh.seek(size - tail_len)
    tail = fh.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return 0
    count = struct.unpack_from("<H", tail, at + 10)[0]
    loc = at - 20
    if count == 0xFFFF and loc >= 0 and tail[loc:loc + 4] == b"PK\x06\x07":
        offset = struct.unpack_from("<Q", tail, loc + 8)[0]
        if offset + 56 <= size:
            fh.seek(offset)
            rec = fh.read(56)
            if rec[:4] == b"PK\x06\x06":
                count = struct.unpack_from("<Q", rec, 32)[0]
    return count


def _check_directory(infos, names, path, limits) -> None:
    present = set(names)
    if "xl/workbook.bin" in present:
        raise RakInputError.of("error.xlsb", path=path)
    if "xl/workbook.xml" not in present:
        if "word/document.xml" in present:
            what = "docx"
        elif "ppt/presentation.xml" in present:
            what = "pptx"
        elif "content.xml" in present:
            what = "odf"
        elif not names:
            what = "empty_zip"
        else:
            what = "plain_zip"
        raise RakInputError.of("error.not_workbook", path=path, what=Said(f"error.what.{what}"))
    if len(present) != len(names):
        seen = set()
        dup = next(n for n in names if n in seen or seen.add(n))
        raise _hostile("hostile.part_twice", path, part=dup)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.max_part_bytes:
            raise _hostile("hostile.part_size", path, part=info.filename, size=numbers(info.file_size),
                           limit=numbers(limits.max_part_bytes))
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_from_bytes and ratio > limits.max_ratio:
            raise _hostile("hostile.ratio", path, part=info.filename, ratio=f"{ratio:,.0f}",
                           limit=f"{limits.max_ratio:,.0f}")
    if total > limits.max_total_bytes:
        raise _hostile("hostile.total_size", path, size=numbers(total), limit=numbers(limits.max_total_bytes))
    if any(i.flag_bits & 0x1 for i in infos):
        raise RakInputError.of("error.zip_encrypted", path=path)


def read_part(zf: zipfile.ZipFile, name, limits: Limits = DEFAULT_LIMITS, path=None) -> bytes:
    """Read one part, never inflating more than its declared size nor
    ``limits.max_part_bytes``."""
    label = name.filename if isinstance(name, zipfile.ZipInfo) else name
    path = path if path is not None else zf.filename
    try:
        with zf.open(name) as fh:
            data = fh.read(limits.max_part_bytes + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, NotImplementedError,
            RuntimeError, ValueError) as exc:
        raise RakInputError.of("error.part_broken", path=path, part=label, detail=str(exc)) from None
    if len(data) > limits.max_part_bytes:
        raise _hostile("hostile.part_inflated", path, part=label, limit=numbers(limits.max_part_bytes))
    return data
