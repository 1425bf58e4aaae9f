"""Safety checks run on a workbook before any parser sees it.

Workbooks arrive by e-mail and flash drive and are read unattended, so rakxl
checks a file before python-calamine (which aborts the whole process on some
files: an abort cannot be caught) or any XML parser reads it, and makes sure the
parser reads exactly the bytes that were checked (no differential by
construction):

- :func:`open_input` refuses what is not a regular file (FIFO, device, socket)
  before opening it, and a file over ``max_file_bytes`` before reading it;
- :func:`load_xlsx` reads the zip directory once (zip bombs: parts, declared sizes,
  ratios, duplicates, encryption), inflates every part the parser may read within
  its budget, parses each as XML (any DTD refused) whatever its first bytes, and
  scans each part's cells as calamine places them (:func:`scan_part`: a pattern
  path for plainly written sheets, :func:`scan_exact` for every other spelling,
  which also yields the side information: formulas, saved values, errors, percent
  formats). The parser is then given :meth:`XlsxPackage.zip_bytes`, a new zip of
  exactly those parts;
- :func:`load_xls` reads an .xls container once (encryption from its directory)
  and walks the BIFF records as calamine walks them (each sheet from its
  BOUNDSHEET offset), in the bytes calamine is then given.

Budgets bound everything that grows faster than the file: shared strings' text x
uses, elements read by the exact pass, XML bytes, cells read by formulas (the
workbook layer), time per file in a batch (:func:`rakxl.read_many`). Once calamine
has read a sheet, :func:`clip_merges` cuts its merged ranges to the cells it holds
and bounds the cells they cover together.

The limits are named constants in :class:`Limits`. To raise them pass your own
``Limits`` to :func:`rakxl.read_rak` (``limits=Limits(max_cells=10_000_000)``), or
set the environment variable ``RAKXL_LIMITS`` (``"max_cells=10000000
max_part_bytes=200000000"``), which the command line honours too.
"""
from __future__ import annotations

import dataclasses
import io
import os
import posixpath
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .i18n import number as _n
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
        max_xml_bytes: inflated size of all the XML parts handed to the parser
            together (parts x their size), checked from the zip directory before
            anything is inflated.
        max_exact_elements: XML elements, all parts together, read one by one
            by the exact pass (parts written in a way the pattern path does not
            read: namespace prefixes, cells without ``r``...); about 0.4 s per
            million.
        max_shared_text_bytes: text the shared strings expand to, each string's
            length times the cells that use it (the parser copies it per cell).
        max_formula_cells: cells read while evaluating the formulas saved without
            a value, the whole workbook together.
        max_seconds: time one file may take in a batch (:func:`rakxl.read_many`);
            a file taking longer is listed as unreadable.
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
    max_xml_bytes: int = 160 * MiB
    max_exact_elements: int = 6_000_000
    max_shared_text_bytes: int = 160 * MiB
    max_formula_cells: int = 500_000
    max_seconds: float = 120.0

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
                changes[name] = float(value) if name in _FLOAT_LIMITS else int(value.replace("_", ""))
            except ValueError:
                raise RakInputError(f"RAKXL_LIMITS: nilai '{value}' untuk {name} bukan angka") from None
        return dataclasses.replace(base, **changes)


_FLOAT_LIMITS = {"max_ratio", "max_seconds"}

#: The limits used when none are given (see also :func:`default_limits`).
DEFAULT_LIMITS = Limits()


def default_limits() -> Limits:
    """:data:`DEFAULT_LIMITS` with the changes asked for in ``$RAKXL_LIMITS``."""
    return Limits.from_env(DEFAULT_LIMITS)


_RAISE_HINT = "bila file ini memang sah, naikkan batasnya (Limits / RAKXL_LIMITS)"
_RESAVE = "buka di Excel lalu simpan ulang sebagai .xlsx"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"


def _hostile(message: str, path, sheet=None) -> RakHostileError:
    return RakHostileError(f"{message}; file ditolak", path=path, sheet=sheet)


# -- the input file -----------------------------------------------------------------

def open_input(path, limits: Limits = DEFAULT_LIMITS):
    """Open ``path`` for reading after checking that it is a regular file within
    ``limits.max_file_bytes``; nothing of it is read yet.

    A FIFO, a device or a socket given as a workbook would block a reader forever
    (or read without end), so the kind of file is checked before it is opened and
    again on the open descriptor (opened without blocking), and its size before
    any byte is read.

    Raises:
        RakInputError: not found, a folder, not a regular file, or too big.
    """
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise RakInputError("file tidak ditemukan", path=path) from None
    except OSError as exc:
        raise RakInputError(f"file tidak dapat dibuka ({exc.strerror})", path=path) from None
    _check_kind(st, path, limits)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise RakInputError(f"file tidak dapat dibuka ({exc.strerror})", path=path) from None
    try:
        _check_kind(os.fstat(fd), path, limits)  # the file opened is the file checked
        if hasattr(os, "O_NONBLOCK"):  # POSIX: reads of the regular file block as usual
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _check_kind(st: os.stat_result, path, limits: Limits) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise RakInputError("ini sebuah folder, bukan file workbook", path=path)
    if not stat.S_ISREG(st.st_mode):
        kind = ("FIFO (pipa bernama)" if stat.S_ISFIFO(st.st_mode) else "soket" if stat.S_ISSOCK(st.st_mode)
                else "perangkat" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "bukan file biasa")
        raise RakInputError(f"ini {kind}, bukan file workbook; berikan file .xlsx atau .xls yang tersimpan", path=path)
    if st.st_size > limits.max_file_bytes:
        raise RakInputError(f"file terlalu besar ({_n(st.st_size)} byte; batas {_n(limits.max_file_bytes)}); "
                            f"{_RAISE_HINT}", path=path)


def _opened_size(fh, path, limits: Limits) -> int:
    """The size of the open file ``fh``, checked as :func:`open_input` checks a path
    (a caller may hand in a file it opened itself)."""
    st = os.fstat(fh.fileno())
    _check_kind(st, path, limits)
    return st.st_size


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


@dataclass
class PartScan:
    """What the scan of one part found: its extent, and (when the exact pass read
    it) the side information of its cells and the shared strings it uses."""

    extent: "SheetExtent"
    side: "SideInfo | None" = None
    exact: bool = False
    strict: bool = False  # every cell tag written plainly (the claim path took it)


class _Budget:
    """What the parts of one workbook used of the workbook-wide limits so far."""

    def __init__(self):
        self.exact_elements = 0
        self.shared_text = 0


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


def _is_xml_name(name: str) -> bool:
    """Parts the parser may read: XML and relationships. (VML drawings, which
    Excel writes as loose HTML-like markup, are read by no parser rakxl uses.)"""
    return name.lower().endswith((".xml", ".rels")) and not name.endswith("/")


def _zip_entry_count(fh, size: int) -> int:
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
        seen = set()
        dup = next(n for n in names if n in seen or seen.add(n))
        raise _hostile(f"zip memuat bagian '{dup}' lebih dari sekali (pembaca berbeda akan membaca isi "
                       "berbeda)", path)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.max_part_bytes:
            raise _hostile(f"bagian '{info.filename}' mengaku berukuran {_n(info.file_size)} byte setelah "
                           f"diekstrak (batas {_n(limits.max_part_bytes)}); ini ciri bom zip", path)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_from_bytes and ratio > limits.max_ratio:
            raise _hostile(f"bagian '{info.filename}' memiliki rasio kompresi {ratio:,.0f}:1 (batas "
                           f"{limits.max_ratio:,.0f}:1); ini ciri bom zip", path)
    if total > limits.max_total_bytes:
        raise _hostile(f"isi workbook mengaku {_n(total)} byte setelah diekstrak (batas "
                       f"{_n(limits.max_total_bytes)}); ini ciri bom zip", path)
    if any(i.flag_bits & 0x1 for i in infos):
        raise RakInputError("workbook dilindungi kata sandi (zip terenkripsi); buka di Excel, hapus "
                            "kata sandinya, lalu simpan ulang sebagai .xlsx", path=path)


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
        raise RakInputError(f"bagian '{label}' rusak ({exc}); {_RESAVE}", path=path) from None
    if len(data) > limits.max_part_bytes:
        raise _hostile(f"bagian '{label}' melebihi {_n(limits.max_part_bytes)} byte setelah diekstrak", path)
    return data


# -- XML: every part parsed, whatever its first bytes ------------------------------

_DECLARED_ENCODING = re.compile(rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\bencoding\s*=\s*[\"']([^\"']*)[\"']")
_ENCODINGS = {"utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be"}
_SST = re.compile(rb"<(?:[^\s>:]+:)?sst\b")
_UNIQUE_COUNT = re.compile(rb"\suniqueCount\s*=\s*[\"']\s*(\d+)")


def _utf8(data: bytes, part: str, path) -> bytes:
    """The part as UTF-8 (UTF-16 parts are re-encoded), after its declared
    encoding is checked: workbooks use UTF-8 or UTF-16 only."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:2] in (b"<\x00", b"\x00<"):
        enc = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else (
            "utf-16-le" if data[:1] == b"<" else "utf-16-be")
        try:
            data = data.decode(enc).encode("utf-8")
        except UnicodeError as exc:
            raise RakInputError(f"bagian '{part}' bukan XML yang sah ({exc}); {_RESAVE}", path=path) from None
    declared = _DECLARED_ENCODING.match(data, 0, 512)
    if declared and declared.group(1).decode("ascii", "replace").lower().replace("_", "-") not in _ENCODINGS:
        raise RakInputError(f"bagian '{part}' memakai encoding '{declared.group(1)[:40].decode('ascii', 'replace')}' "
                            f"(workbook hanya memakai UTF-8 atau UTF-16); {_RESAVE}", path=path)
    return data


def _is_sst(data: bytes) -> bool:
    """Whether a part holds a shared-string table (``<sst>``, any prefix, anywhere:
    a comment before the root cannot hide one); its strings' lengths then bound
    what the cells using them expand to."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<"):
        data = data.decode("utf-16", "replace").encode("utf-8")
    return b"sst" in data and _SST.search(data) is not None


def _parser(part: str, path, sheet=None):
    """An expat parser reading UTF-8, refusing any DTD (entity expansion and
    external entities need one; no workbook part has one)."""
    from xml.parsers import expat

    def no_dtd(*_args):
        raise _hostile(f"bagian '{part}' memuat DTD/ENTITY (pola serangan XML seperti 'billion laughs' atau "
                       "entitas eksternal)", path, sheet)

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
        raise RakInputError(f"bagian '{part}' bukan XML yang sah ({exc}); {_RESAVE}", path=path,
                            sheet=sheet) from None


def _count_elements(data: bytes, part: str, path, limits: Limits, budget: _Budget) -> None:
    """Count the elements the exact pass is about to read, against the budget."""
    n = data.count(b"<") - data.count(b"</")
    budget.exact_elements += n
    if budget.exact_elements > limits.max_exact_elements:
        raise _hostile(f"bagian '{part}' dan bagian sebelumnya memuat lebih dari {_n(limits.max_exact_elements)} "
                       f"elemen XML yang harus dibaca satu per satu; {_RAISE_HINT}", path)


def _check_sst_root(data: bytes, part: str, path) -> None:
    """Refuse a shared-strings part that announces more strings than it has
    bytes: calamine reserves memory for ``uniqueCount`` strings up front, and
    4,294,967,295 of them abort the process."""
    m = _SST.search(data, 0, 4096)
    if m:
        end = data.find(b">", m.end())
        u = _UNIQUE_COUNT.search(data, m.end(), end if end > 0 else m.end() + 4096)
        if u and int(u.group(1)) > max(len(data) // 5, 1000):
            raise _hostile(f"bagian '{part}' mengaku memuat {_n(int(u.group(1)))} teks dalam {_n(len(data))} byte",
                           path)


_SI = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


def _shared_string_lengths(data: bytes, part: str, path, limits: Limits, budget: _Budget) -> list[int]:
    """An upper bound of the length of each shared string (``<si>``): the bytes
    from its tag to the next one (markup included), after the part is parsed as XML."""
    data = _utf8(data, part, path)
    _check_sst_root(data, part, path)
    _parse(_parser(part, path), data, part, path)
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
                raise RakInputError(f"bagian '{part}' rusak (numFmtId tidak sah); {_RESAVE}", path=path) from None
        elif local == "cellXfs":
            state["cellXfs"] += 1
        elif local == "xf" and state["cellXfs"]:
            try:
                xfs.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                raise RakInputError(f"bagian '{part}' rusak (numFmtId tidak sah); {_RESAVE}", path=path) from None

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
            raise _hostile(f"bagian '{name}' memuat lebih dari 200,000 elemen XML", path)
        _parse(_parser(name, path), xml, name, path)  # DTDs refused, well-formed
        return ElementTree.fromstring(xml)

    try:
        wb = tree("xl/workbook.xml")
        rels_name = "xl/_rels/workbook.xml.rels"
        rels = tree(rels_name) if rels_name in names else None
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
            # transitional or strict OOXML: the relationship id by its namespace either way
            target = targets.get(sheet.get(f"{{{_REL_NS}}}id") or sheet.get(f"{{{_STRICT_REL_NS}}}id"))
            if target and target in names and "worksheets/" in target:
                parts["sheet:" + sheet.get("name", "")] = target
    return parts, {t for t in targets.values() if t in names}


# -- sheets: extent, merges and side information -----------------------------------

@dataclass
class SheetExtent:
    """What the scan of a sheet found: the last row and column (1-based) holding
    a value, the number of cells with a value and of merged ranges."""

    rows: int = 0
    cols: int = 0
    cells: int = 0
    merges: int = 0


class SideInfo:
    """What calamine does not give about a sheet's cells, by 0-based (row, col):
    error values, formulas (with their saved value, None when there is none) and
    the cells whose number format shows a percentage."""

    def __init__(self):
        self.errors: dict[tuple[int, int], str] = {}
        self.formulas: dict[tuple[int, int], tuple[str, str | None]] = {}
        self.percent: set[tuple[int, int]] = set()

    def __eq__(self, other):
        return (isinstance(other, SideInfo) and (self.errors, self.formulas, self.percent)
                == (other.errors, other.formulas, other.percent))

    def __repr__(self):
        return f"SideInfo(errors={self.errors!r}, formulas={self.formulas!r}, percent={self.percent!r})"


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
        ext = strict = _scan_claimed(data, limits)
        if ext is None:
            ext = _scan_fast_bytes(data)
    if ext is not None and shared_lengths:
        bound = data.count(b't="s"') * longest
        if budget.shared_text + bound > limits.max_shared_text_bytes:
            text = _shared_text_plain(data, shared_lengths)  # each string's uses, by pattern
            if text is None:
                ext = None  # the exact pass counts them
            else:
                budget.shared_text += text
                if budget.shared_text > limits.max_shared_text_bytes:
                    raise _shared_text_refusal(limits, path, sheet)
        else:
            budget.shared_text += bound
    if ext is None:
        _count_elements(data, part, path, limits, budget)
        ext, side, uses = scan_exact(data, limits, path=path, part=part, sheet=sheet,
                                     percent_styles=percent_styles)
        if uses:
            text = sum(shared_lengths[i] * n for i, n in uses.items() if 0 <= i < len(shared_lengths))
            budget.shared_text += text
            if budget.shared_text > limits.max_shared_text_bytes:
                raise _shared_text_refusal(limits, path, sheet)
        _check_extent(ext, limits, path, sheet)
        return PartScan(ext, side, exact=True)
    _check_extent(ext, limits, path, sheet)
    _parse(_parser(part, path, sheet), data, part, path, sheet)
    return PartScan(ext, strict=strict is not None)


def _shared_text_refusal(limits: Limits, path, sheet) -> RakHostileError:
    return _hostile(f"teks bersama (shared strings) yang dipakai sel-selnya berjumlah lebih dari "
                    f"{_n(limits.max_shared_text_bytes)} byte setelah disalin ke tiap sel; {_RAISE_HINT}", path, sheet)


_S_CELL = re.compile(rb'<c r="[A-Z]{1,3}[1-9][0-9]{0,6}"(?: [A-Za-z_][\w.-]*="[^"<>]*")*? t="s"'
                     rb'(?: [A-Za-z_][\w.-]*="[^"<>]*")* ?>(?:<f[^<>]*/>|<f[^<>]*>[^<]*</f>)?<v>([0-9]+)</v>')


def _shared_text_plain(data: bytes, lengths) -> int | None:
    """The text the shared-string cells of a plainly written sheet expand to, or
    None when some ``t="s"`` is not in a plain cell with its index (the exact pass
    then counts)."""
    found = _S_CELL.findall(data)
    if len(found) != data.count(b't="s"'):
        return None
    n = len(lengths)
    total = 0
    for idx in found:
        i = int(idx)
        if i < n:
            total += lengths[i]
    return total


def _prolog_end(data: bytes) -> int:
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    if data.startswith(b"<?xml", start):
        end = data.find(b"?>", start)
        return end + 2 if end >= 0 else len(data)
    return start


_SHARED = re.compile(rb"""\st\s*=\s*["']shared""")


def _needs_exact(data: bytes) -> bool:
    """Whether the pattern path cannot read the part: a comment, CDATA, DTD or
    processing instruction after the declaration, a cell or merge tag with a
    namespace prefix, or a shared formula (searches that run in C)."""
    start = _prolog_end(data)
    return (data.find(b"<!", start) >= 0 or data.find(b"<?", start) >= 0 or _PREFIXED.search(data) is not None
            or (data.find(b"shared") >= 0 and _SHARED.search(data) is not None))


# The fast path: every cell tag written as all writers write it, r first:
# <c r="AB12" ...> (or <c r="AB12" .../> for an empty, styled cell).
_CANON_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"'
    rb'((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"]*"|\'[^\']*\'))*)\s*(/?)>')
# Any cell tag at all, also with a namespace prefix (<x:c ...>).
_ANY_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,255}:)?c[\s/>]")
_ANY_MERGE = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,255}:)?mergeCell[\s/>]")
_R_ATTR = re.compile(rb"(?:^|\s)r\s*=")
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
    # attributes written plainly (one space, double quotes, no '<' or '>' in a value)
    # and no second r: a sheet the claim path takes is one the pattern side
    # information reads as the exact pass does (fast_side_info(strict=True))
    rest_ok = rb"""(?: (?!r=)[A-Za-z_][\w.-]*="[^"<>]*")* ?/?>"""
    return re.compile(rb'<c(?:[\t\n\r\x0b\x0c/>]| (?!r="' + ref_ok + rest_ok + rb"))")


def _scan_claimed(data: bytes, limits: Limits) -> "SheetExtent | None":
    """The extent a sheet claims in ``<dimension>``, when every cell tag is within
    that claim and the claim is within ``limits``; None when another path must
    decide. ``rows``/``cols`` are then the claim (an upper bound of the cells that
    hold a value) and ``cells`` is not counted (speed, issue 8: a few searches that
    run in C, not per cell in Python)."""
    m = _DIMENSION.search(data, 0, 64 * 1024)
    if m is None:
        return None
    letters, digits = m.group(1).decode(), m.group(2).decode()
    cols = 0
    for ch in letters:
        cols = cols * 26 + ord(ch) - 64
    ext = SheetExtent(rows=int(digits), cols=cols)
    if ext.rows > limits.max_rows or ext.cols > limits.max_cols or ext.rows * ext.cols > limits.max_cells:
        return None
    if _claim_pattern(letters, digits).search(data) or _PREFIXED.search(data):
        return None
    ext.merges = _count_plain_merges(data, len(data))
    if ext.merges > limits.max_merges:
        return None
    return ext


def _scan_fast_bytes(data: bytes) -> "SheetExtent | None":
    """The cells of a part whose cell tags are all canonical; None otherwise."""
    ext = SheetExtent()
    if not _scan_fast(data, ext):
        return None
    ext.merges = _count_any_merges(data)
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
        from .a1 import column_letters

        last = f"{column_letters(ext.cols - 1)}{ext.rows}" if 0 < ext.cols < 10**6 else f"baris {_n(ext.rows)}"
        raise _hostile(
            f"sel berisi menjangkau hingga {last} ({_n(ext.rows)} baris x {_n(ext.cols)} kolom = "
            f"{_n(ext.rows * ext.cols)} sel), jauh melebihi tabel RAK mana pun (batas {_n(limits.max_rows)} "
            f"baris, {_n(limits.max_cols)} kolom, {_n(limits.max_cells)} sel); {_RAISE_HINT}", path, sheet)
    if ext.merges > limits.max_merges:
        raise _hostile(f"sheet memuat {_n(ext.merges)} sel gabungan (batas {_n(limits.max_merges)}); "
                       f"{_RAISE_HINT}", path, sheet)


# A start tag's rest up to its '>', quoted values skipped whole.
_TAG_REST = re.compile(rb"""[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")
_CELL_REF = re.compile(r"([A-Za-z]+)([0-9]+)")


def _cell_position(ref: str, limits: Limits, path, sheet) -> tuple[int, int]:
    """A cell reference (``r="AB12"``) as 1-based (row, column), read as a
    spreadsheet reads it: any number of letters then any number of digits, letters
    in either case. Anything else is refused; a position beyond the limits is
    refused before it is even computed in full."""
    m = _CELL_REF.fullmatch(ref)
    if m is None:
        raise RakInputError(f"referensi sel '{ref[:24]}' tidak sah; {_RESAVE}", path=path, sheet=sheet)
    letters, digits = m.groups()
    digits = digits.lstrip("0")
    if len(letters) > 7 or len(digits) > 12:  # far beyond any limit; no huge numbers built
        raise _hostile(f"sel '{ref[:24]}' berada jauh di luar batas lembar kerja (batas {_n(limits.max_rows)} "
                       f"baris, {_n(limits.max_cols)} kolom); {_RAISE_HINT}", path, sheet)
    if not digits:
        raise RakInputError(f"referensi sel '{ref[:24]}' tidak sah (baris 0); {_RESAVE}", path=path, sheet=sheet)
    col = 0
    for ch in letters.upper():
        col = col * 26 + ord(ch) - 64
    return int(digits), col


def _row_number(text: str, limits: Limits, path, sheet) -> int:
    if not text.isdigit() or not text.lstrip("0"):
        raise RakInputError(f"nomor baris '{text[:24]}' tidak sah; {_RESAVE}", path=path, sheet=sheet)
    if len(text.lstrip("0")) > 12:
        raise _hostile(f"baris '{text[:24]}' berada jauh di luar batas lembar kerja (batas {_n(limits.max_rows)} "
                       f"baris); {_RAISE_HINT}", path, sheet)
    return int(text)


_SHIFT_REF = re.compile(r"""("(?:[^"]|"")*")|(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![\w(!])""")


def shift_formula(text: str, drow: int, dcol: int) -> str:
    """A shared formula's text as it reads ``drow`` rows and ``dcol`` columns
    from the cell that holds it: relative references move, ``$``-fixed parts stay."""
    from .a1 import column_index, column_letters

    def move(m):
        if m.group(1) is not None:
            return m.group(1)
        start = m.start()
        if start and (text[start - 1].isalnum() or text[start - 1] in "_."):
            return m.group(0)  # part of a name
        fixed_col, letters, fixed_row, digits = m.group(2), m.group(3), m.group(4), m.group(5)
        col = column_index(letters) + (0 if fixed_col else dcol)
        row = int(digits) + (0 if fixed_row else drow)
        if col < 0 or row < 1:
            return "#REF!"
        return f"{fixed_col}{column_letters(col)}{fixed_row}{row}"

    return _SHIFT_REF.sub(move, text)


def scan_exact(data: bytes, limits: Limits = DEFAULT_LIMITS, *, path=None, part="", sheet=None,
               percent_styles=frozenset()) -> tuple[SheetExtent, SideInfo, dict[int, int]]:
    """The exact pass over one part (UTF-8): expat places the cells of the first
    ``sheetData`` exactly as calamine does (a ``row``/``c`` start tag with ``r``
    sets the position; without, the next row or column; an empty-element
    ``<c/>``/``<row/>`` moves nothing; element names by their local name, so
    namespace prefixes and strict-OOXML namespaces read alike; attributes by their
    plain name) and yields, in the same pass, the extent, the merges, the side
    information and the uses of each shared string.

    Returns:
        ``(extent, side information, {shared string index: cells using it})``.
    """
    ext = SheetExtent()
    side = SideInfo()
    uses: dict[int, int] = {}
    shared: dict[str, tuple] = {}
    percent_ids = percent_styles
    max_rows, max_cols = limits.max_rows, limits.max_cols
    match_rest = _TAG_REST.match
    # state: [where (0 before sheetData, 1 inside, 2 after), row index, col index, skip next end]
    st = [0, 0, 0, None]
    cell: list | None = None   # [pos, t, f texts, f attrs, v texts, has value]
    capture: list | None = None
    parser = _parser(part, path, sheet)

    def self_closing() -> bool:
        pos = parser.CurrentByteIndex
        m = match_rest(data, pos + 1)
        return m is not None and data[m.end() - 2] == 47  # "/>"

    def start(name, attrs):
        nonlocal cell, capture
        local = name[name.find(":") + 1:] if ":" in name else name
        if cell is not None:
            if local == "v":
                if self_closing():
                    st[3] = "v"
                    return
                cell[4] = capture = []
                cell[5] = True
            elif local == "f":
                cell[3] = attrs
                if self_closing():
                    cell[2] = []
                    st[3] = "f"
                    return
                cell[2] = capture = []
                cell[5] = True
            elif local == "is":
                cell[5] = True
            return
        if local == "mergeCell":
            ext.merges += 1
            return
        where = st[0]
        if where != 1:
            if where == 0 and local == "sheetData":
                if self_closing():
                    st[3] = local
                    return
                st[0] = 1
            return
        if local == "c":
            if self_closing():
                st[3] = "c"
                return
            ref = attrs.get("r")
            if ref is not None:
                r, c = _cell_position(ref, limits, path, sheet)
                if r > max_rows or c > max_cols:
                    ext.rows, ext.cols = max(ext.rows, r), max(ext.cols, c)
                    _check_extent(ext, limits, path, sheet)
                pos = (r - 1, c - 1)
                st[2] = c - 1
            else:
                pos = (st[1], st[2])
            s = attrs.get("s")
            if s is not None and percent_ids and s.isdigit() and int(s) in percent_ids and str(int(s)) == s:
                side.percent.add(pos)
            cell = [pos, attrs.get("t"), None, None, None, False]
        elif local == "row":
            if self_closing():
                st[3] = "row"
                return
            r = attrs.get("r")
            if r is not None:
                st[1] = _row_number(r, limits, path, sheet) - 1

    def end(name):
        nonlocal cell, capture
        local = name[name.find(":") + 1:] if ":" in name else name
        if st[3] is not None:  # the end of an empty-element tag, ignored as its start was
            if st[3] == local:
                st[3] = None
                return
        if cell is not None:
            if local in ("v", "f"):
                capture = None
            elif local == "c":
                finish(cell)
                cell = None
                capture = None
                st[2] += 1
            return
        if st[0] == 1:
            if local == "row":
                st[1] += 1
                st[2] = 0
            elif local == "sheetData":
                st[0] = 2

    def chars(text):
        if capture is not None:
            capture.append(text)

    def finish(cell):
        pos, t, f, fattrs, v, has_value = cell
        if has_value:
            r, c = pos[0] + 1, pos[1] + 1
            ext.cells += 1
            if r > ext.rows:
                ext.rows = r
            if c > ext.cols:
                ext.cols = c
            if r > max_rows or c > max_cols:  # the box (rows x cols) is checked at the end
                _check_extent(ext, limits, path, sheet)
        cached = None if v is None else "".join(v)
        if f is not None:
            text = "".join(f)
            if fattrs.get("t") == "shared" and fattrs.get("si") is not None:
                si = fattrs["si"]
                if text:
                    shared[si] = (text, pos)
                elif si in shared:
                    master, (r0, c0) = shared[si]
                    text = shift_formula(master, pos[0] - r0, pos[1] - c0)
            if text:
                side.formulas[pos] = (text, cached)
        if t == "e":
            side.errors[pos] = cached if cached is not None else "#N/A"
        elif t == "s" and cached is not None:
            key = cached.strip()
            if key.isdigit():
                idx = int(key)
                uses[idx] = uses.get(idx, 0) + 1

    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    _parse(parser, data, part, path, sheet)
    return ext, side, uses


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


# -- .xls: the records the parser walks ------------------------------------------------

# BIFF records that hold one cell (row and column are their first two u16), of
# BIFF2 to BIFF8; MULRK/MULBLANK hold a run of cells of one row.
_BIFF_CELLS = {0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x00D6, 0x00FD, 0x0201, 0x0203,
               0x0204, 0x0205, 0x0206, 0x0207, 0x027E, 0x0406}
_BIFF_MULTI = {0x00BD, 0x00BE}
_BIFF_BOF = {0x0009, 0x0209, 0x0409, 0x0809}
_BIFF_DIMENSIONS = {0x0000, 0x0200}
_BIFF_EOF = 0x000A
_BIFF_BOUNDSHEET = 0x0085
_BIFF_SST = 0x00FC
_ENCRYPTED_STREAMS = {"encryptioninfo", "encryptedpackage"}


def check_xls(path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """Check a legacy .xls file (see :func:`load_xls`)."""
    load_xls(path, limits)


def load_xls(path: Path, limits: Limits = DEFAULT_LIMITS, fh=None) -> bytes:
    """Read and check a legacy .xls file; the bytes to give the parser: a new
    OLE2 container (:func:`ole_container`) holding only the workbook stream the
    guard walked.

    The size is checked before anything is read. The OLE2 container is read once
    (xlrd's reader, tolerant of the sloppy containers some programs write, as
    LibreOffice and calamine are); a password-protected workbook is told from the
    container's directory (an ``EncryptionInfo`` stream), never from a search of
    the bytes. Then the BIFF workbook stream is walked the way calamine walks it:
    the globals from the start, and each sheet from the offset its BOUNDSHEET
    record gives (wherever that points) up to its EOF record; every sheet's
    DIMENSIONS and cells are held to ``limits`` (calamine sizes a sheet from them
    and aborts the process at billions of cells), records calamine would subtract
    into an underflow are refused, and so is a shared-string table announcing more
    strings than the stream holds bytes (calamine reserves room for them first).

    Raises:
        RakHostileError: a sheet reaches beyond the limits.
        RakInputError: the file is too big, encrypted, or its container is damaged.
    """
    own = fh is None
    if own:
        fh = open_input(path, limits)
    try:
        _opened_size(fh, path, limits)
        fh.seek(0)
        data = fh.read(limits.max_file_bytes + 1)
    finally:
        if own:
            fh.close()
    name, stream = _xls_workbook_stream(data, Path(path))
    del data
    if len(stream) < 4096:  # a stream this small would be a short stream: padded after its records
        stream += bytes(4096 - len(stream))
    walk_biff(stream, limits, path)
    return ole_container(stream, name)


def walk_biff(stream: bytes, limits: Limits = DEFAULT_LIMITS, path=None) -> None:
    """Hold a BIFF workbook stream to ``limits``, walked as calamine walks it."""
    end = len(stream)
    names: list[str] = []
    offsets: list[int] = []
    pos = 0
    # 1. The whole stream, record by record (what xlrd reads), with the globals'
    #    BOUNDSHEET and SST records.
    ext = SheetExtent()
    substream = -1
    in_globals = True
    while pos + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, pos)
        data = stream[pos + 4:pos + 4 + length]
        pos += 4 + length
        if kind in _BIFF_BOF:
            _check_extent(ext, limits, path, _sheet_label(names, substream))
            ext = SheetExtent()
            if pos > 4 + length:
                substream += 1
        elif kind == _BIFF_EOF:
            in_globals = False
        elif kind == _BIFF_BOUNDSHEET and len(data) >= 8:
            offsets.append(struct.unpack_from("<I", data)[0])
            count, flags = data[6], data[7]
            raw = data[8:8 + count * (2 if flags & 1 else 1)]
            names.append(raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace"))
        elif kind == _BIFF_SST and in_globals and len(data) >= 8:
            unique = struct.unpack_from("<i", data, 4)[0]
            if unique < 0 or unique * 3 > end:
                raise _hostile(f"tabel teks .xls mengaku memuat {_n(unique)} teks dalam {_n(end)} byte", path)
        else:
            _biff_cell(kind, data, ext, path, _sheet_label(names, substream))
    _check_extent(ext, limits, path, _sheet_label(names, substream))
    # 2. Each sheet from where its BOUNDSHEET points, up to its EOF: what calamine reads.
    for i, start in enumerate(offsets):
        label = names[i] if i < len(names) else f"#{i + 1}"
        if start > end:
            raise RakInputError(f"file .xls rusak (sheet '{label}' menunjuk ke luar workbook); {_RESAVE}",
                                path=path)
        ext = SheetExtent()
        pos = start
        while pos + 4 <= end:
            kind, length = struct.unpack_from("<HH", stream, pos)
            data = stream[pos + 4:pos + 4 + length]
            pos += 4 + length
            if kind == _BIFF_EOF:
                break
            _biff_cell(kind, data, ext, path, label)
            if ext.rows > limits.max_rows or ext.cols > limits.max_cols:
                _check_extent(ext, limits, path, label)
        _check_extent(ext, limits, path, label)


def _sheet_label(names, substream):
    if substream < 0:
        return None
    return names[substream] if substream < len(names) else f"#{substream + 1}"


def _biff_cell(kind: int, data: bytes, ext: SheetExtent, path, sheet) -> None:
    if kind in _BIFF_CELLS and len(data) >= 4:
        row, col = struct.unpack_from("<HH", data)
        ext.rows, ext.cols = max(ext.rows, row + 1), max(ext.cols, col + 1)
    elif kind in _BIFF_MULTI and len(data) >= 6:
        row, first = struct.unpack_from("<HH", data)
        last = struct.unpack_from("<H", data, len(data) - 2)[0]
        if last < first:  # calamine subtracts them: an underflow, then an abort
            raise _damaged_xls(kind, path, sheet)
        ext.rows, ext.cols = max(ext.rows, row + 1), max(ext.cols, last + 1)
    elif kind in _BIFF_DIMENSIONS:
        if len(data) >= 14:
            first_row, rows = struct.unpack_from("<II", data)
            first_col, cols = struct.unpack_from("<HH", data, 8)
        elif len(data) >= 8:
            first_row, rows, first_col, cols = struct.unpack_from("<HHHH", data)
        else:
            return
        # calamine computes (rows - 1) - first_row + 1 when rows >= 1: an underflow
        # (then an abort) when the first row is not before the end
        if (rows >= 1 and cols >= 1) and (first_row >= rows or first_col >= cols):
            raise _damaged_xls(kind, path, sheet)
        ext.rows, ext.cols = max(ext.rows, rows), max(ext.cols, cols)


def _damaged_xls(kind: int, path, sheet) -> RakInputError:
    return RakInputError(f"file .xls rusak (rekaman BIFF 0x{kind:04X} tidak masuk akal); {_RESAVE}",
                         path=path, sheet=sheet)


_ENDOFCHAIN, _FREESECT, _FATSECT, _DIFSECT, _NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFC, 0xFFFFFFFF


def ole_container(stream: bytes, name: str = "Workbook") -> bytes:
    """A new OLE2 compound file holding one stream, ``stream`` under ``name``
    (version 3, 512-byte sectors, no short streams): what the parser is given
    instead of an .xls file, so that it reads the stream the guard walked and
    nothing else (one directory, one allocation table, no other stream).

    ``stream`` must be at least 4,096 bytes (smaller streams live in the short
    stream); :func:`load_xls` pads it with zero bytes after its records.
    """
    sec = 512
    n_stream = -(-len(stream) // sec)
    n_fat = n_difat = 0
    while True:  # FAT sectors describe every sector, themselves and the DIFAT ones included
        total = n_stream + 1 + n_fat + n_difat
        need_fat = -(-total // (sec // 4))
        need_difat = 0 if need_fat <= 109 else -(-(need_fat - 109) // (sec // 4 - 1))
        if (need_fat, need_difat) == (n_fat, n_difat):
            break
        n_fat, n_difat = need_fat, need_difat
    dir_sector = n_stream
    fat_start = n_stream + 1
    difat_start = fat_start + n_fat
    fat = [_FREESECT] * (n_fat * (sec // 4))
    for i in range(n_stream):
        fat[i] = i + 1 if i + 1 < n_stream else _ENDOFCHAIN
    fat[dir_sector] = _ENDOFCHAIN
    for i in range(n_fat):
        fat[fat_start + i] = _FATSECT
    for i in range(n_difat):
        fat[difat_start + i] = _DIFSECT
    fat_sectors = list(range(fat_start, fat_start + n_fat))
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x2C, n_fat, dir_sector, 0, 4096, _ENDOFCHAIN, 0,
                     difat_start if n_difat else _ENDOFCHAIN, n_difat, 0)
    # the DIFAT: the first 109 FAT sectors in the header, the rest in DIFAT sectors
    head_difat = fat_sectors[:109] + [_FREESECT] * (109 - min(109, n_fat))
    struct.pack_into("<109I", header, 0x4C, *head_difat)
    difat = bytearray()
    rest = fat_sectors[109:]
    per = sec // 4 - 1
    for k in range(n_difat):
        chunk = rest[k * per:(k + 1) * per]
        chunk += [_FREESECT] * (per - len(chunk))
        nxt = difat_start + k + 1 if k + 1 < n_difat else _ENDOFCHAIN
        difat += struct.pack(f"<{per}I", *chunk) + struct.pack("<I", nxt)

    def entry(entry_name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = entry_name.encode("utf-16-le") + b"\x00\x00"
        out = bytearray(128)
        out[0:len(raw)] = raw
        struct.pack_into("<HBB", out, 0x40, len(raw), kind, 1)
        struct.pack_into("<III", out, 0x44, _NOSTREAM, _NOSTREAM, child)
        struct.pack_into("<IQ", out, 0x74, start, size)
        return bytes(out)

    directory = (entry("Root Entry", 5, 1, _ENDOFCHAIN, 0) + entry(name, 2, _NOSTREAM, 0, len(stream))
                 + bytes(256))
    for i in (2, 3):  # unused entries: no siblings, no child
        at = 128 * i
        directory = directory[:at + 0x44] + struct.pack("<III", _NOSTREAM, _NOSTREAM, _NOSTREAM) + directory[at + 0x50:]
    body = stream + bytes(n_stream * sec - len(stream))
    return bytes(header) + body + directory + struct.pack(f"<{len(fat)}I", *fat) + bytes(difat)


def _xls_workbook_stream(data: bytes, path: Path) -> tuple[str, bytes]:
    """The name and bytes of the BIFF workbook stream of an OLE2 .xls file
    (xlrd's container reader, tolerant of damage LibreOffice and calamine read
    through)."""
    from xlrd import compdoc

    try:
        doc = compdoc.CompDoc(data, logfile=io.StringIO(), ignore_workbook_corruption=True)
        streams = {d.name.lower() for d in doc.dirlist}
        if streams & _ENCRYPTED_STREAMS:
            raise RakInputError("workbook dilindungi kata sandi (terenkripsi); buka di Excel, hapus kata "
                                "sandinya, lalu simpan ulang sebagai .xlsx", path=path)
        for name in ("Workbook", "Book"):
            mem, start, length = doc.locate_named_stream(name)  # as xlrd itself locates it (tolerant)
            if mem is not None and length:
                return name, bytes(mem[start:start + length])
    except (compdoc.CompDocError, struct.error, IndexError, ValueError, MemoryError, UnicodeError) as exc:
        if isinstance(exc, RakInputError):
            raise
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
        raise _hostile(f"sel gabungan sheet ini bersama-sama menutup {_n(covered)} sel (batas "
                       f"{_n(limits.max_merged_cells)}); {_RAISE_HINT}", path, sheet)
    return out


def is_calamine_panic(exc: BaseException) -> bool:
    """Whether ``exc`` is the PanicException that python-calamine raises when its
    Rust code panics on a damaged file. It derives from BaseException (so that
    ``except Exception`` misses it) and cannot be imported by name."""
    return type(exc).__name__ == "PanicException"
