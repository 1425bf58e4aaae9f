"""Safety checks run on a workbook before any parser sees it.

Workbooks arrive by e-mail and flash drive and are read unattended, so rakxl
checks a file before python-calamine (which aborts the whole process on some
files: an abort cannot be caught) or any XML parser reads it. For an .xlsx, a zip
of XML parts, :func:`check_xlsx` looks at:

- the zip directory, read from the end of the file before anything is inflated:
  the number of parts, their declared sizes and compression ratios (zip bombs),
  duplicate names and encrypted entries;
- the prolog of every XML part, for a DTD (``<!DOCTYPE``/``<!ENTITY``): entity
  expansion ("billion laughs") and external entities need one, and no workbook
  part has one. Python's XML is parsed with defusedxml on top of that;
- every sheet's cells, streamed: the bounding box of the cells that hold a value
  (one cell at A1 and one at XFD1048576 make 17 billion cells for calamine) and
  the number of merged ranges;
- the shared strings' ``uniqueCount``, which calamine reserves memory for.

A legacy .xls is walked record by record (:func:`check_xls`): each sheet's
DIMENSIONS and cells are held to the same limits. Once calamine has read a sheet,
:func:`clip_merges` cuts its merged ranges to the cells it holds and bounds the
cells they cover together.

The limits are named constants in :class:`Limits`. To raise them pass your own
``Limits`` to :func:`rakxl.read_rak` (``limits=Limits(max_cells=10_000_000)``), or
set the environment variable ``RAKXL_LIMITS`` (``"max_cells=10000000
max_part_bytes=200000000"``), which the command line honours too.
"""
from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import posixpath
import re
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .exceptions import RakHostileError, RakInputError

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Limits that no real RAK workbook comes near.

    A RAK sheet has tens of columns and hundreds (rarely thousands) of rows; its
    sheet XML is well under 1 MiB. The defaults leave a wide margin for other
    sheets in the same workbook while keeping the memory rakxl can be made to use
    to a few hundred MB.

    Attributes:
        max_file_bytes: size of the workbook file itself.
        max_parts: number of parts (files) in an .xlsx zip.
        max_part_bytes: declared uncompressed size of any one part.
        max_total_bytes: declared uncompressed size of all parts together.
        max_ratio: compression ratio of any part larger than ``ratio_from_bytes``.
        ratio_from_bytes: parts smaller than this are not held to ``max_ratio``.
        max_rows: last row a cell with a value may sit in (Excel's own limit).
        max_cols: last column a cell with a value may sit in (Excel's own: XFD).
        max_cells: rows x columns of the box from A1 to a sheet's last value;
            the reader allocates that box.
        max_merges: merged ranges in one sheet.
        max_merged_cells: cells covered by a sheet's merged ranges together,
            each range cut to the cells the sheet holds (the reader walks them).
    """

    max_file_bytes: int = 100 * MiB
    max_parts: int = 10_000
    max_part_bytes: int = 64 * MiB
    max_total_bytes: int = 256 * MiB
    max_ratio: float = 100.0
    ratio_from_bytes: int = 1 * MiB
    max_rows: int = 1_048_576
    max_cols: int = 16_384
    max_cells: int = 4_000_000
    max_merges: int = 200_000
    max_merged_cells: int = 5_000_000

    @classmethod
    def from_env(cls, base: "Limits | None" = None, environ=None) -> "Limits":
        """``base`` (the defaults) with the values set in ``$RAKXL_LIMITS``.

        The variable holds ``name=value`` pairs separated by spaces, commas or
        semicolons, e.g. ``max_cells=10000000 max_part_bytes=200000000``.

        Raises:
            RakInputError: an unknown name or a value that is not a number.
        """
        base = base or cls()
        text = (os.environ if environ is None else environ).get("RAKXL_LIMITS", "").strip()
        if not text:
            return base
        known = {f.name: f.type for f in dataclasses.fields(cls)}
        changes = {}
        for pair in filter(None, re.split(r"[\s,;]+", text)):
            name, _, value = pair.partition("=")
            name = name.strip().lower()
            if name not in known:
                raise RakInputError(f"RAKXL_LIMITS: batas '{name}' tidak dikenal; yang ada: {', '.join(known)}")
            try:
                changes[name] = float(value) if name == "max_ratio" else int(value.replace("_", ""))
            except ValueError:
                raise RakInputError(f"RAKXL_LIMITS: nilai '{value}' untuk {name} bukan angka") from None
        return dataclasses.replace(base, **changes)


#: The limits used when none are given (see also :func:`default_limits`).
DEFAULT_LIMITS = Limits()


def default_limits() -> Limits:
    """:data:`DEFAULT_LIMITS` with the changes asked for in ``$RAKXL_LIMITS``."""
    return Limits.from_env(DEFAULT_LIMITS)


_RAISE_HINT = "bila file ini memang sah, naikkan batasnya (Limits / RAKXL_LIMITS)"
_RESAVE = "buka di Excel lalu simpan ulang sebagai .xlsx"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _hostile(message: str, path, sheet=None) -> RakHostileError:
    return RakHostileError(f"{message}; file ditolak", path=path, sheet=sheet)


# -- the zip directory ----------------------------------------------------------

def check_xlsx(path: Path, limits: Limits = DEFAULT_LIMITS, keep: dict[str, bytes] | None = None,
               keep_bytes: int = 64 * MiB) -> dict[str, str]:
    """Check an .xlsx/.xlsm file and map its parts, before anything reads it.

    Args:
        keep: when given, the inflated XML of the sheets is stored here by part
            name (``{"xl/worksheets/sheet1.xml": b"<?xml..."}``), at most
            ``keep_bytes`` in all, so that a later reader of the same sheet need
            not inflate it again (speed, issue 8). Only sheets the scan read in
            one pass are kept (those taking the claim path of :func:`scan_sheet`).

    Returns:
        ``{"styles": part, "sheet:<name>": part, ...}`` for the parts rakxl reads.

    Raises:
        RakHostileError: a zip bomb, an XML entity attack or an impossible extent.
        RakInputError: a damaged zip, a zip that is not a workbook, an encrypted one.
    """
    path = Path(path)
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise RakInputError(f"file terlalu besar ({size:,} byte; batas {limits.max_file_bytes:,}); "
                            f"{_RAISE_HINT}", path=path)
    entries = _zip_entry_count(path, size)
    if entries > limits.max_parts:
        raise _hostile(f"zip berisi {entries:,} bagian (batas {limits.max_parts:,}); tidak ada workbook "
                       "sebanyak itu", path)
    try:
        zf = zipfile.ZipFile(path)
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
            NotImplementedError, struct.error) as exc:
        raise RakInputError(f"file zip rusak atau terpotong ({exc}); minta file aslinya lagi atau "
                            f"{_RESAVE}", path=path) from None
    with zf:
        names = [i.filename for i in infos]
        _check_directory(infos, names, path, limits)
        xml_parts = [info.filename for info in infos if _check_prolog(zf, info, path)]
        parts = _map_parts(zf, set(names), path, limits)
        sheet_of = {part: key[6:] for key, part in parts.items() if key.startswith("sheet:")}
        # Every XML part, not only those mapped as sheets: calamine resolves the
        # relationships its own way, and a part it reads as a sheet must not escape.
        sizes = {info.filename: info.file_size for info in infos}
        for name in xml_parts:
            chunks = None
            if keep is not None and name in sheet_of and sizes[name] <= keep_bytes:
                chunks = []  # the inflated bytes, as the scan reads them (never more than declared)
            scan_sheet(zf, name, limits, path=path, sheet=sheet_of.get(name, name), chunks=chunks)
            if chunks:
                data = b"".join(chunks)
                del chunks[:]
                keep[name] = data
                keep_bytes -= len(data)
        return parts


def _zip_entry_count(path: Path, size: int) -> int:
    """The number of entries the zip's end record declares, read without zipfile.

    zipfile builds an object per entry, so a zip claiming millions of entries is
    refused from this count first. Returns 0 when there is no end record (zipfile
    then reports the damage).
    """
    tail_len = min(size, 22 + 65535 + 20 + 56)
    with open(path, "rb") as fh:
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
            with open(path, "rb") as fh:
                fh.seek(offset)
                rec = fh.read(56)
            if rec[:4] == b"PK\x06\x06":
                count = struct.unpack_from("<Q", rec, 32)[0]
    return count


def _check_directory(infos, names, path, limits) -> None:
    present = set(names)
    if "xl/workbook.bin" in present:
        raise RakInputError(f"workbook biner Excel (.xlsb) tidak didukung; {_RESAVE}", path=path)
    if "xl/workbook.xml" not in present:
        if "word/document.xml" in present:
            what = "dokumen Word (.docx)"
        elif "ppt/presentation.xml" in present:
            what = "presentasi PowerPoint (.pptx)"
        elif "content.xml" in present:
            what = "dokumen OpenDocument (.ods/.odt)"
        elif not names:
            what = "arsip zip kosong"
        else:
            what = "arsip zip biasa tanpa bagian workbook (xl/workbook.xml)"
        raise RakInputError(f"bukan workbook Excel: isinya {what}; {_RESAVE}", path=path)
    if len(present) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise _hostile(f"zip memuat bagian '{dup}' lebih dari sekali (pembaca berbeda akan membaca isi "
                       "berbeda)", path)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.max_part_bytes:
            raise _hostile(f"bagian '{info.filename}' mengaku berukuran {info.file_size:,} byte setelah "
                           f"diekstrak (batas {limits.max_part_bytes:,}); ini ciri bom zip", path)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_from_bytes and ratio > limits.max_ratio:
            raise _hostile(f"bagian '{info.filename}' memiliki rasio kompresi {ratio:,.0f}:1 (batas "
                           f"{limits.max_ratio:,.0f}:1); ini ciri bom zip", path)
    if total > limits.max_total_bytes:
        raise _hostile(f"isi workbook mengaku {total:,} byte setelah diekstrak (batas "
                       f"{limits.max_total_bytes:,}); ini ciri bom zip", path)
    if any(i.flag_bits & 0x1 for i in infos):
        raise RakInputError("workbook dilindungi kata sandi (zip terenkripsi); buka di Excel, hapus "
                            "kata sandinya, lalu simpan ulang sebagai .xlsx", path=path)


def read_part(zf: zipfile.ZipFile, name: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read one part, never inflating more than ``limits.max_part_bytes``."""
    try:
        with zf.open(name) as fh:
            data = fh.read(limits.max_part_bytes + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, NotImplementedError) as exc:
        raise RakInputError(f"bagian '{name}' rusak ({exc}); {_RESAVE}", path=zf.filename) from None
    if len(data) > limits.max_part_bytes:
        raise _hostile(f"bagian '{name}' melebihi {limits.max_part_bytes:,} byte setelah diekstrak",
                       zf.filename)
    return data


def _chunks(zf: zipfile.ZipFile, name, path, size: int = MiB):
    """The inflated bytes of a part, ``size`` at a time (never more than declared)."""
    try:
        with zf.open(name) as fh:
            while True:
                chunk = fh.read(size)
                if not chunk:
                    return
                yield chunk
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        label = name.filename if isinstance(name, zipfile.ZipInfo) else name
        raise RakInputError(f"bagian '{label}' rusak ({exc}); {_RESAVE}", path=path) from None


# -- XML prologs: DTDs -------------------------------------------------------------

_DTD = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_ROOT_START = re.compile(r"<[^?!]")
_DECLARED_ENCODING = re.compile(r"\ufeff?\s*<\?xml[^>]*?\bencoding\s*=\s*[\"']([^\"']*)[\"']")
_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be"}


def _check_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bool:
    """Refuse a part with a DTD. Only the prolog (before the root element) can hold
    one, so the scan stops at the root element; parts that are not XML (images)
    are skipped from their first bytes.

    Returns:
        Whether the part is XML.
    """
    if info.is_dir() or info.file_size == 0:
        return False
    encoding = None
    carry = ""
    root_tag = None
    for chunk in _chunks(zf, info, path, 64 * 1024):
        if encoding is None:
            encoding = _xml_encoding(chunk)
            if encoding is None:
                return False  # not XML
        text = carry + chunk.decode(encoding, "replace")
        if not carry:
            declared = _DECLARED_ENCODING.match(text)
            if declared and declared.group(1).lower().replace("_", "-") not in _ENCODINGS:
                raise RakInputError(f"bagian '{info.filename}' memakai encoding '{declared.group(1)[:40]}' "
                                    f"(workbook hanya memakai UTF-8 atau UTF-16); {_RESAVE}", path=path)
        if root_tag is not None:  # the root element's start tag runs on
            root_tag += text
        else:
            root = _ROOT_START.search(text)
            head = text if root is None else text[:root.start()]
            if _DTD.search(head):
                raise _hostile(f"bagian '{info.filename}' memuat DTD/ENTITY (pola serangan XML seperti "
                               "'billion laughs' atau entitas eksternal)", path)
            if root is None:
                carry = text[-16:]
                continue
            root_tag = text[root.start():]
        end = root_tag.find(">")
        if end >= 0:
            _check_root(root_tag[:end], info, path)
            return True
    if root_tag is not None:
        _check_root(root_tag, info, path)
    return encoding is not None


_SST = re.compile(r"<(?:[^\s>:]+:)?sst\b")
_UNIQUE_COUNT = re.compile(r"\suniqueCount\s*=\s*[\"']\s*(\d+)")


def _check_root(tag: str, info: zipfile.ZipInfo, path: Path) -> None:
    """Refuse a shared-strings part that announces more strings than it has
    bytes: calamine reserves memory for ``uniqueCount`` strings up front, and
    4,294,967,295 of them abort the process."""
    if _SST.match(tag):
        m = _UNIQUE_COUNT.search(tag)
        if m and int(m.group(1)) > max(info.file_size // 5, 1000):
            raise _hostile(f"bagian '{info.filename}' mengaku memuat {int(m.group(1)):,} teks dalam "
                           f"{info.file_size:,} byte", path)


def _xml_encoding(head: bytes) -> str | None:
    """'utf-8' or 'utf-16' for bytes that start like XML, None otherwise."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"<\x00", b"\x00<"):
        return "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else (
            "utf-16-le" if head[:1] == b"<" else "utf-16-be")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "utf-8"
    return None


def _map_parts(zf, names, path, limits) -> dict[str, str]:
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        wb = ElementTree.fromstring(read_part(zf, "xl/workbook.xml", limits))
        rels_name = "xl/_rels/workbook.xml.rels"
        rels = ElementTree.fromstring(read_part(zf, rels_name, limits)) if rels_name in names else None
    except DefusedXmlException:
        raise _hostile("workbook.xml memuat DTD/ENTITY (pola serangan XML)", path) from None
    except (ElementTree.ParseError, LookupError) as exc:
        raise RakInputError(f"workbook.xml rusak ({exc}); {_RESAVE}", path=path) from None
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
            target = targets.get(sheet.get(f"{{{_REL_NS}}}id"))
            if target and target in names and "worksheets/" in target:
                parts["sheet:" + sheet.get("name", "")] = target
    return parts


# -- sheets: extent and merges -----------------------------------------------------

# The fast path: every cell tag written as all writers write it, r first:
# <c r="AB12" ...> (or <c r="AB12" .../> for an empty, styled cell).
_CANON_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"'
    rb'((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"]*"|\'[^\']*\'))*)\s*(/?)>')
# Any cell tag at all, also with a namespace prefix (<x:c ...>).
_ANY_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,255}:)?c[\s/>]")
_ANY_MERGE = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,255}:)?mergeCell[\s/>]")
_R_ATTR = re.compile(rb"(?:^|\s)r\s*=")
_REF = re.compile(r"\s*([A-Za-z]{1,3})0*(\d{1,9})\s*")


@dataclass
class SheetExtent:
    """What :func:`scan_sheet` found: the last row and column (1-based) holding a
    value, the number of cells with a value and of merged ranges."""

    rows: int = 0
    cols: int = 0
    cells: int = 0
    merges: int = 0


def scan_sheet(zf: zipfile.ZipFile, part: str, limits: Limits = DEFAULT_LIMITS, *, path=None,
               sheet=None, chunks: list | None = None) -> SheetExtent:
    """Stream one sheet part and refuse it when its cells reach beyond ``limits``.

    Looks at the cells the sheet really holds, not at the ``<dimension>`` it
    declares: a hostile file can declare A1:A1 and still place a cell at
    XFD1048576. Cells written the usual way are read with a regular expression;
    a sheet with any other kind of cell tag (no ``r``, a namespace prefix, odd
    quoting) is read again with a streaming XML parser that places cells the
    way calamine does.

    Args:
        chunks: when given, a list that receives the part's inflated bytes, chunk
            by chunk, when the claim path accepts the sheet; left empty otherwise.

    Raises:
        RakHostileError: the sheet reaches beyond the limits.
        RakInputError: the part is damaged.
    """
    claimed = _scan_claimed(zf, part, limits, path, chunks)
    if claimed is not None:
        return claimed
    if chunks:
        del chunks[:]  # the claim path gave up part way: nothing kept
    head = next(_chunks(zf, part, path, 4), b"")
    if (_xml_encoding(head) or "").startswith("utf-16"):  # the regexes read UTF-8 only
        ext = _scan_xml(zf, part, limits, path, sheet)
        _check_extent(ext, limits, path, sheet)
        return ext
    ext = SheetExtent()
    fast = True
    carry = b""
    for chunk in _chunks(zf, part, path):
        data = carry + chunk
        cut = data.rfind(b"<")
        if cut <= 0 or len(data) - cut > 64 * 1024:
            cut = len(data)
        body, carry = data[:cut], data[cut:]
        fast = fast and _scan_fast(body, ext)
        ext.merges += _count_any_merges(body)
        _check_extent(ext, limits, path, sheet)
    if carry:
        fast = fast and _scan_fast(carry, ext)
        ext.merges += _count_any_merges(carry)
    if not fast:
        ext = _scan_xml(zf, part, limits, path, sheet)
    _check_extent(ext, limits, path, sheet)
    return ext


# The cheap path (speed, issue 8): the sheet's own <dimension> is taken as a claim,
# and every cell tag is checked against it by a few searches that run in C, not per
# cell in Python. Any doubt (no dimension, a claim beyond the limits, a cell tag
# written any other way, a cell outside the claim) and the exact scan decides.
_DIMENSION = re.compile(rb'<dimension ref="(?:[A-Z]{1,3}[1-9][0-9]{0,6}:)?([A-Z]{1,3})([1-9][0-9]{0,6})"')
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_PREFIXED = re.compile(rb":(?:c|mergeCell)[\s/>]")  # a cell or merge tag with a namespace prefix
_PLAIN_CELL = re.compile(rb"<c[\s/>]")
_PLAIN_MERGE = re.compile(rb"<mergeCell[\s/>]")


def _count_plain_merges(data: bytes, end: int) -> int:
    """``len(_PLAIN_MERGE.findall(data[:end]))``, searched from the first
    ``<mergeCell`` on (merges sit after the cells, so most of a sheet is skipped)."""
    start = data.find(b"<mergeCell", 0, end)
    return 0 if start < 0 else len(_PLAIN_MERGE.findall(data, start, end))


def _count_any_cells(body: bytes) -> int:
    """``len(_ANY_CELL.findall(body))``; without a prefixed cell tag (``:c``), the
    plain ``<c`` tags alone, a search that runs much faster."""
    if _PREFIXED_CELL.search(body):
        return len(_ANY_CELL.findall(body))
    return len(_PLAIN_CELL.findall(body))


def _count_any_merges(body: bytes) -> int:
    """``len(_ANY_MERGE.findall(body))``, skipped when no ``mergeCell`` is there."""
    return len(_ANY_MERGE.findall(body)) if b"mergeCell" in body else 0


def _at_most(cap: str, first: str, low: str, high: str) -> bytes:
    """A regex matching the strings over ``low``..``high`` (first character from
    ``first``) that are at most ``cap`` read as numbers: shorter ones, or as long
    and smaller at the first difference, or ``cap`` itself. Row numbers use digits
    (no leading 0), columns letters A..Z."""
    k = len(cap)
    alts = [f"[{first}-{high}][{low}-{high}]{{0,{k - 2}}}"] if k >= 2 else []
    for i, ch in enumerate(cap):
        lo = first if i == 0 else low
        if ch > lo:
            alts.append(f"{cap[:i]}[{lo}-{chr(ord(ch) - 1)}][{low}-{high}]{{{k - i - 1}}}")
    alts.append(cap)
    return "|".join(alts).encode()


def _claim_pattern(cols: str, rows: str) -> re.Pattern:
    """A regex that finds any cell tag not written ``<c r="REF"`` with REF inside
    ``cols``/``rows`` and no second ``r`` attribute (what the cheap path trusts)."""
    ref_ok = rb"(?:" + _at_most(cols, "A", "A", "Z") + rb")(?:" + _at_most(rows, "1", "0", "9") + rb')"'
    # the rest of the tag up to its '>', quoted values skipped whole, with no other r=;
    # written "plain run, then (special, plain run)*": each special starts with a
    # character the plain run excludes, so nothing can backtrack for long
    rest_ok = rb"""[^<>"'r]*(?:(?:"[^<"]*"|'[^<']*'|r(?!\s*=))[^<>"'r]*)*>"""
    return re.compile(rb'<c(?:[\t\n\r\x0b\x0c/>]| (?!r="' + ref_ok + rest_ok + rb"))")


def _scan_claimed(zf, part, limits, path, chunks: list | None = None) -> "SheetExtent | None":
    """The extent a sheet claims in ``<dimension>``, when every cell tag is within
    that claim and the claim is within ``limits``; None when the exact scan must
    decide. ``rows``/``cols`` are then the claim (an upper bound of the cells that
    hold a value) and ``cells`` is not counted. Every inflated chunk is appended
    to ``chunks`` when given (complete only when the claim is returned)."""
    ext = None
    pattern = None
    carry = b""
    for chunk in _chunks(zf, part, path):
        if chunks is not None:
            chunks.append(chunk)
        data = carry + chunk
        cut = data.rfind(b"<")
        if cut <= 0 or len(data) - cut > 64 * 1024:
            cut = len(data)
        carry = data[cut:]  # the body is data[:cut], searched in place (endpos=cut), not copied
        if pattern is None:
            m = _DIMENSION.search(data, 0, min(cut, 64 * 1024))
            if m is None:
                return None
            letters, digits = m.group(1).decode(), m.group(2).decode()
            cols = 0
            for ch in letters:
                cols = cols * 26 + ord(ch) - 64
            ext = SheetExtent(rows=int(digits), cols=cols)
            if ext.rows > limits.max_rows or ext.cols > limits.max_cols or ext.rows * ext.cols > limits.max_cells:
                return None
            pattern = _claim_pattern(letters, digits)
        if pattern.search(data, 0, cut) or _PREFIXED.search(data, 0, cut):
            return None
        ext.merges += _count_plain_merges(data, cut)
        if ext.merges > limits.max_merges:
            return None
    if carry and pattern is not None:
        if pattern.search(carry) or _PREFIXED.search(carry):
            return None
        ext.merges += _count_plain_merges(carry, len(carry))
    if ext is None or ext.merges > limits.max_merges:
        return None
    return ext


def _scan_fast(body: bytes, ext: SheetExtent) -> bool:
    """Add the canonical cells of ``body`` to ``ext``; False when some cell tag is
    not canonical (the caller then parses the sheet as XML)."""
    canonical = 0
    for m in _CANON_CELL.finditer(body):
        canonical += 1
        if _R_ATTR.search(m.group(3)):
            return False  # a second r: the last one wins in calamine
        if m.group(4):
            continue  # <c r="X1" s="3"/>: styled but empty, calamine keeps no cell
        col = 0
        for ch in m.group(1):
            col = col * 26 + ch - 64
        ext.cells += 1
        ext.cols = max(ext.cols, col)
        ext.rows = max(ext.rows, int(m.group(2)))
    return canonical == _count_any_cells(body)


def _check_extent(ext: SheetExtent, limits: Limits, path, sheet) -> None:
    if ext.rows > limits.max_rows or ext.cols > limits.max_cols or ext.rows * ext.cols > limits.max_cells:
        from .formulas import column_letters

        last = f"{column_letters(ext.cols - 1)}{ext.rows}" if 0 < ext.cols < 10**6 else f"baris {ext.rows:,}"
        raise _hostile(
            f"sel berisi menjangkau hingga {last} ({ext.rows:,} baris x {ext.cols:,} kolom = "
            f"{ext.rows * ext.cols:,} sel), jauh melebihi tabel RAK mana pun (batas {limits.max_rows:,} "
            f"baris, {limits.max_cols:,} kolom, {limits.max_cells:,} sel); {_RAISE_HINT}", path, sheet)
    if ext.merges > limits.max_merges:
        raise _hostile(f"sheet memuat {ext.merges:,} sel gabungan (batas {limits.max_merges:,}); "
                       f"{_RAISE_HINT}", path, sheet)


def _scan_xml(zf, part, limits, path, sheet) -> SheetExtent:
    """The slow path: place cells as calamine does, with expat (no DTD allowed)."""
    from xml.parsers import expat

    ext = SheetExtent()
    state = {"row": 0, "col": 0, "cell": None}

    def start(name, attrs):
        local = name.rpartition(":")[2]
        if local == "row":
            r = attrs.get("r")
            state["row"] = _int(r) if r is not None else state["row"] + 1
            state["col"] = 0
        elif local == "c":
            ref = attrs.get("r")
            m = _REF.fullmatch(ref) if ref is not None else None
            if m:
                col = 0
                for ch in m.group(1).upper():
                    col = col * 26 + ord(ch) - 64
                row = int(m.group(2))
            else:
                col, row = state["col"] + 1, state["row"]
            state["col"] = col
            state["cell"] = (row, col)
        elif state["cell"] is not None and local in ("v", "is", "f"):
            row, col = state["cell"]
            state["cell"] = None
            ext.cells += 1
            ext.rows = max(ext.rows, row)
            ext.cols = max(ext.cols, col)
        elif local == "mergeCell":
            ext.merges += 1

    def end(name):
        if name.rpartition(":")[2] == "c":
            state["cell"] = None

    def no_dtd(*_args):
        raise _hostile(f"bagian '{part}' memuat DTD/ENTITY (pola serangan XML)", path, sheet)

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = no_dtd
    parser.EntityDeclHandler = no_dtd
    parser.ExternalEntityRefHandler = no_dtd
    try:
        for chunk in _chunks(zf, part, path):
            parser.Parse(chunk, False)
            _check_extent(ext, limits, path, sheet)
        parser.Parse(b"", True)
    except (expat.ExpatError, LookupError) as exc:
        raise RakInputError(f"XML sheet rusak ({exc}); {_RESAVE}", path=path, sheet=sheet) from None
    return ext


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


# BIFF records that hold one cell (row and column are their first two u16), of
# BIFF2 to BIFF8; MULRK/MULBLANK hold a run of cells of one row.
_BIFF_CELLS = {0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204,
               0x0205, 0x0206, 0x027E, 0x0406}
_BIFF_MULTI = {0x00BD, 0x00BE}
_BIFF_BOF = {0x0009, 0x0209, 0x0409, 0x0809}
_BIFF_DIMENSIONS = {0x0000, 0x0200}


def check_xls(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Check a legacy .xls file before calamine reads it.

    calamine sizes each sheet from its DIMENSIONS record and from the cells it
    holds, and aborts the process when that comes to billions of cells (one
    number at column 65,535 is enough). So the workbook stream is walked record by
    record first: each sheet's declared dimensions and every cell's row and column
    are held to ``limits``, as for .xlsx.

    Raises:
        RakHostileError: a sheet reaches beyond the limits.
        RakInputError: the file is too big or its container is damaged.
    """
    size = Path(path).stat().st_size
    if size > limits.max_file_bytes:
        raise RakInputError(f"file terlalu besar ({size:,} byte; batas {limits.max_file_bytes:,}); "
                            f"{_RAISE_HINT}", path=path)
    stream = _xls_workbook_stream(Path(path))
    ext = SheetExtent()
    names: list[str] = []   # sheet names, from the BOUNDSHEET records
    substream = -1          # -1: workbook globals, then 0, 1, ... for each sheet

    def sheet_name():
        if substream < 0:
            return None
        return names[substream] if substream < len(names) else f"#{substream + 1}"

    pos, end = 0, len(stream)
    while pos + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, pos)
        data = stream[pos + 4:pos + 4 + length]
        pos += 4 + length
        if kind in _BIFF_BOF:  # the start of the globals, then of each sheet
            _check_extent(ext, limits, path, sheet_name())
            ext = SheetExtent()
            if pos > 4 + length:
                substream += 1
        elif kind == 0x0085 and len(data) >= 8:  # BOUNDSHEET (BIFF8): a sheet's name
            count, flags = data[6], data[7]
            raw = data[8:8 + count * (2 if flags & 1 else 1)]
            names.append(raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace"))
        elif kind in _BIFF_CELLS and len(data) >= 4:
            row, col = struct.unpack_from("<HH", data)
            ext.rows, ext.cols = max(ext.rows, row + 1), max(ext.cols, col + 1)
        elif kind in _BIFF_MULTI and len(data) >= 6:
            row, first = struct.unpack_from("<HH", data)
            last = struct.unpack_from("<H", data, len(data) - 2)[0]
            if last < first:  # calamine subtracts them: an underflow, then an abort
                raise _damaged_xls(kind, path, sheet_name())
            ext.rows, ext.cols = max(ext.rows, row + 1), max(ext.cols, last + 1)
        elif kind in _BIFF_DIMENSIONS:
            if len(data) >= 14:
                first_row, rows = struct.unpack_from("<II", data)
                first_col, cols = struct.unpack_from("<HH", data, 8)
            elif len(data) >= 8:
                first_row, rows, first_col, cols = struct.unpack_from("<HHHH", data)
            else:
                continue
            if first_row > rows or first_col > cols:  # the same underflow
                raise _damaged_xls(kind, path, sheet_name())
            ext.rows, ext.cols = max(ext.rows, rows), max(ext.cols, cols)
    _check_extent(ext, limits, path, sheet_name())


def _damaged_xls(kind: int, path, sheet) -> RakInputError:
    return RakInputError(f"file .xls rusak (rekaman BIFF 0x{kind:04X} tidak masuk akal); {_RESAVE}",
                         path=path, sheet=sheet)


def _xls_workbook_stream(path: Path) -> bytes:
    """The BIFF workbook stream of an OLE2 .xls file (xlrd's container reader)."""
    from xlrd import compdoc

    data = path.read_bytes()
    try:
        doc = compdoc.CompDoc(data, logfile=io.StringIO())
        for name in ("Workbook", "Book"):
            stream = doc.get_named_stream(name)
            if stream:
                return stream
    except (compdoc.CompDocError, struct.error, IndexError, ValueError, MemoryError) as exc:
        raise RakInputError(f"file .xls rusak ({exc}); {_RESAVE}", path=path) from None
    raise RakInputError(f"file OLE2 ini tidak memuat workbook Excel (mungkin dokumen Word lama); {_RESAVE}",
                        path=path)


def clip_merges(merges, nrows: int, ncols: int, limits: Limits = DEFAULT_LIMITS, *, path=None,
                sheet=None) -> list[tuple[int, int, int, int]]:
    """Merged ranges cut to the cells a sheet holds, as ``(r1, c1, r2, c2)``.

    A merge may point far outside the cells (``A1:XFD1048576``) or be written
    bottom-up; cut to the sheet's ``nrows`` x ``ncols`` it reads the same and the
    reader never walks past the last cell. Merges that start beyond the cells are
    dropped.

    Args:
        merges: calamine's ``((r1, c1), (r2, c2))`` pairs, 0-based, inclusive.

    Raises:
        RakHostileError: the cut ranges together cover more than
            ``limits.max_merged_cells`` cells (thousands of ranges over the
            same sheet: no reader should walk them).
    """
    out = []
    append = out.append
    covered = 0
    last_r, last_c = nrows - 1, ncols - 1
    for (r1, c1), (r2, c2) in merges:  # plain comparisons: 155,000 merges at 100,000 rows
        if r1 > r2:
            r1, r2 = r2, r1
        if c1 > c2:
            c1, c2 = c2, c1
        if r1 > last_r or c1 > last_c:
            continue
        if r2 > last_r:
            r2 = last_r
        if c2 > last_c:
            c2 = last_c
        covered += (r2 - r1 + 1) * (c2 - c1 + 1)
        append((r1, c1, r2, c2))
    if covered > limits.max_merged_cells:
        raise _hostile(f"sel gabungan sheet ini bersama-sama menutup {covered:,} sel (batas "
                       f"{limits.max_merged_cells:,}); {_RAISE_HINT}", path, sheet)
    return out


def is_calamine_panic(exc: BaseException) -> bool:
    """Whether ``exc`` is the PanicException that python-calamine raises when its
    Rust code panics on a damaged file. It derives from BaseException (so that
    ``except Exception`` misses it) and cannot be imported by name."""
    return type(exc).__name__ == "PanicException"


def file_contains(path, needle: bytes, chunk: int = MiB) -> bool:
    """Whether the file holds ``needle``, read a chunk at a time (a file of any
    size, never all in memory)."""
    tail = b""
    with open(path, "rb") as fh:
        while True:
            data = fh.read(chunk)
            if not data:
                return False
            if needle in tail + data:
                return True
            tail = data[-(len(needle) - 1):] if len(needle) > 1 else b""


@contextlib.contextmanager
def quiet_native_stderr():
    """While calamine runs, send what native code writes straight to file
    descriptor 2 (the message and backtrace of a Rust panic on a damaged file) to
    os.devnull; the panic itself still arrives as an exception and becomes a
    RakInputError, so the command line keeps to its one line on stderr.

    Python's own ``sys.stderr`` is flushed first and works as before afterwards.
    Output that another thread writes to descriptor 2 meanwhile is lost too.
    """
    try:
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        pass
    try:
        saved = os.dup(2)
    except OSError:  # no descriptor 2 (a GUI process): nothing to quiet
        yield
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 2)
        finally:
            os.close(devnull)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
