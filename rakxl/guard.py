"""Safety checks run on a workbook before any parser sees it.

A workbook is a zip of XML parts. Before python-calamine (which aborts the whole
process on some malformed files) or any XML parser reads it, rakxl checks:

- the zip directory: declared sizes and compression ratios (zip bombs);
- every XML part for a DTD (entity expansion, external entities);
- each sheet's extent: its last row and column, so that one cell at XFD1048576
  cannot make a reader walk or allocate a billion cells.

The limits are named constants in :class:`Limits`; pass your own ``Limits`` to
:func:`rakxl.read_rak` (``limits=``) to raise them.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .exceptions import RakHostileError, RakInputError


@dataclass(frozen=True)
class Limits:
    """Limits that no real RAK workbook comes near.

    Attributes:
        max_file_bytes: size of the workbook file itself.
        max_part_bytes: declared uncompressed size of any one part.
        max_total_bytes: declared uncompressed size of all parts together.
        max_ratio: compression ratio of any part larger than 1 MiB.
        max_rows: rows of one sheet (Excel's own limit is 1,048,576).
        max_cols: columns of one sheet.
        max_cells: rows x columns of one sheet's used area.
    """

    max_file_bytes: int = 200 * 1024 * 1024
    max_part_bytes: int = 512 * 1024 * 1024
    max_total_bytes: int = 1024 * 1024 * 1024
    max_ratio: float = 200.0
    max_rows: int = 1_048_576
    max_cols: int = 1_000
    max_cells: int = 20_000_000


DEFAULT_LIMITS = Limits()

_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_ROW = re.compile(rb'<row\b[^>]*?\br="(\d+)"')
# Cells whose column has two or more letters (beyond Z), with r as the first
# attribute as every writer puts it; _ANY_ORDER is the slow path for other files.
_MULTI_LETTER_CELL = re.compile(rb'<c r="([A-Z]{2,})(\d+)"')
_MULTI_LETTER_ANY_ORDER = re.compile(rb'<c\b[^>]*?\br="([A-Z]{2,})(\d+)"')
_R_NOT_FIRST = re.compile(rb"<c\s(?!r=)")
_BIG_ROW_CELL = re.compile(rb'<c\b[^>]*?\br="[A-Z]{1,3}(\d{7,})"')
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def check_xlsx(path: Path, limits: Limits = DEFAULT_LIMITS) -> dict[str, str]:
    """Check an .xlsx/.xlsm file and map its parts.

    Returns:
        ``{"styles": part, "sheet:<name>": part, ...}`` for the parts rakxl reads.

    Raises:
        RakHostileError: a zip bomb, an XML entity attack or an impossible extent.
        RakInputError: a damaged zip, or a zip that is not a workbook.
    """
    if path.stat().st_size > limits.max_file_bytes:
        raise RakInputError(f"file terlalu besar ({path.stat().st_size:,} byte; batas "
                            f"{limits.max_file_bytes:,})", path=path)
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise RakInputError(f"file zip rusak atau terpotong ({exc}); minta file aslinya lagi atau "
                            "buka di Excel lalu simpan ulang sebagai .xlsx", path=path) from None
    with zf:
        names = {i.filename for i in infos}
        if "xl/workbook.bin" in names:
            raise RakInputError("workbook biner Excel (.xlsb) tidak didukung; simpan ulang sebagai .xlsx",
                                path=path)
        if "xl/workbook.xml" not in names:
            what = "dokumen Word" if "word/document.xml" in names else (
                "presentasi PowerPoint" if "ppt/presentation.xml" in names else (
                    "spreadsheet OpenDocument (.ods)" if "content.xml" in names else "arsip zip biasa"))
            raise RakInputError(f"bukan workbook Excel: isinya {what}; buka di Excel lalu simpan ulang sebagai .xlsx",
                                path=path)
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > limits.max_part_bytes:
                raise RakHostileError(
                    f"bagian '{info.filename}' mengaku berukuran {info.file_size:,} byte setelah diekstrak; "
                    "ini ciri bom zip, file ditolak", path=path)
            if info.file_size > 1024 * 1024 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
                raise RakHostileError(
                    f"bagian '{info.filename}' memiliki rasio kompresi "
                    f"{info.file_size / max(info.compress_size, 1):,.0f}:1; ini ciri bom zip, file ditolak",
                    path=path)
        if total > limits.max_total_bytes:
            raise RakHostileError(f"isi workbook mengaku {total:,} byte setelah diekstrak; file ditolak",
                                  path=path)
        if any(i.flag_bits & 0x1 for i in infos):
            raise RakInputError("workbook dilindungi kata sandi (terenkripsi); hapus kata sandinya lalu "
                                "simpan ulang sebagai .xlsx", path=path)
        for info in infos:
            if info.filename.endswith((".xml", ".rels", ".vml")):
                _check_dtd(zf, info, path, limits)
        parts = _map_parts(zf, names, path, limits)
        for key, part in parts.items():
            if key.startswith("sheet:"):
                check_extent(read_part(zf, part, limits), limits, path=path, sheet=key[6:])
        return parts


def check_xls(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Check a legacy .xls file's size (calamine and xlrd bound the rest)."""
    if path.stat().st_size > limits.max_file_bytes:
        raise RakInputError(f"file terlalu besar ({path.stat().st_size:,} byte)", path=path)


def read_part(zf: zipfile.ZipFile, name: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read one part, never inflating more than ``limits.max_part_bytes``."""
    try:
        with zf.open(name) as fh:
            data = fh.read(limits.max_part_bytes + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError) as exc:
        raise RakInputError(f"bagian '{name}' rusak ({exc})", path=zf.filename) from None
    if len(data) > limits.max_part_bytes:
        raise RakHostileError(f"bagian '{name}' melebihi {limits.max_part_bytes:,} byte setelah diekstrak",
                              path=zf.filename)
    return data


def _check_dtd(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, limits: Limits) -> None:
    # A DTD can only come before the root element, so the head of the part is enough;
    # a DOCTYPE that appears later is just as refused by defusedxml when it parses.
    try:
        with zf.open(info) as fh:
            head = fh.read(64 * 1024)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
        raise RakInputError(f"bagian '{info.filename}' rusak ({exc})", path=path) from None
    if _DTD.search(head):
        raise RakHostileError(
            f"bagian '{info.filename}' memuat DTD/ENTITY (pola serangan XML seperti 'billion laughs' "
            "atau entitas eksternal); file ditolak", path=path)


def _map_parts(zf, names, path, limits) -> dict[str, str]:
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        wb = ElementTree.fromstring(read_part(zf, "xl/workbook.xml", limits))
        rels_name = "xl/_rels/workbook.xml.rels"
        rels = ElementTree.fromstring(read_part(zf, rels_name, limits)) if rels_name in names else None
    except DefusedXmlException:
        raise RakHostileError("workbook.xml memuat DTD/ENTITY; file ditolak", path=path) from None
    except ElementTree.ParseError as exc:
        raise RakInputError(f"workbook.xml rusak ({exc})", path=path) from None
    targets = {}
    if rels is not None:
        for rel in rels:
            target = rel.get("Target", "")
            if target.startswith("/"):
                target = target.lstrip("/")
            else:
                target = posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id")] = target
            if rel.get("Type", "").endswith("/styles"):
                parts_styles = target
                if parts_styles in names:
                    targets["__styles__"] = parts_styles
    parts = {}
    if "__styles__" in targets:
        parts["styles"] = targets["__styles__"]
    for sheet in wb.iter():
        if sheet.tag.endswith("}sheet") or sheet.tag == "sheet":
            rid = sheet.get(f"{{{_REL_NS}}}id")
            target = targets.get(rid)
            if target and target in names and "worksheets/" in target:
                parts["sheet:" + sheet.get("name", "")] = target
    return parts


def check_extent(xml: bytes, limits: Limits = DEFAULT_LIMITS, *, path=None, sheet=None) -> tuple[int, int]:
    """The (rows, cols) a sheet's cells reach; raises when beyond ``limits``.

    Looks at the cells the sheet really holds, not at the ``<dimension>`` it
    declares: a hostile file can declare A1:A1 and still place a cell at XFD1048576.
    """
    max_row = max((int(m.group(1)) for m in _ROW.finditer(xml)), default=0)
    max_row = max([max_row] + [int(m.group(1)) for m in _BIG_ROW_CELL.finditer(xml)])
    max_col = 26 if b"<c " in xml else 0  # single-letter columns: at most Z
    pattern = _MULTI_LETTER_ANY_ORDER if _R_NOT_FIRST.search(xml) else _MULTI_LETTER_CELL
    for m in pattern.finditer(xml):
        col = 0
        for ch in m.group(1):
            col = col * 26 + ch - 64
        max_col = max(max_col, col)
        max_row = max(max_row, int(m.group(2)))
    if max_row > limits.max_rows or max_col > limits.max_cols or max_row * max_col > limits.max_cells:
        raise RakHostileError(
            f"sheet menjangkau hingga baris {max_row:,} dan kolom {max_col:,}, jauh melebihi tabel RAK "
            f"mana pun (batas {limits.max_rows:,} baris, {limits.max_cols:,} kolom, {limits.max_cells:,} sel); "
            "file ditolak", path=path, sheet=sheet)
    return max_row, max_col
