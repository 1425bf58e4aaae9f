"""A legacy .xls read and checked: its OLE2 container once (encryption from its
directory), its BIFF records walked as calamine walks them."""
from __future__ import annotations

import io
import struct
from pathlib import Path

from ..exceptions import RakInputError
from ..i18n import numbers
from .extent import SheetExtent, _check_extent
from .files import checked_input
from .limits import DEFAULT_LIMITS, Limits, _hostile
from .ole import ole_container


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
_BIFF_CELL_KINDS = _BIFF_CELLS | _BIFF_MULTI | _BIFF_DIMENSIONS  # what _add_cell reads
_U16_PAIR = struct.Struct("<HH")  # a record's kind and length; a cell's row and column
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
    with checked_input(path, limits, fh) as (fh, _size):
        fh.seek(0)
        data = fh.read(limits.max_file_bytes + 1)
    name, stream = _xls_workbook_stream(data, Path(path))
    del data
    if len(stream) < 4096:  # a stream this small would be a short stream: padded after its records
        stream += bytes(4096 - len(stream))
    walk_biff(stream, limits, path)
    return ole_container(stream, name)


def _xls_workbook_stream(data: bytes, path: Path) -> tuple[str, bytes]:
    """The name and bytes of the BIFF workbook stream of an OLE2 .xls file
    (xlrd's container reader, tolerant of damage LibreOffice and calamine read
    through)."""
    from xlrd import compdoc

    try:
        doc = compdoc.CompDoc(data, logfile=io.StringIO(), ignore_workbook_corruption=True)
        streams = {d.name.lower() for d in doc.dirlist}
        if streams & _ENCRYPTED_STREAMS:
            raise RakInputError.of("error.xls_password", path=path)
        for name in ("Workbook", "Book"):
            mem, start, length = doc.locate_named_stream(name)  # as xlrd itself locates it (tolerant)
            if mem is not None and length:
                return name, bytes(mem[start:start + length])
    except (compdoc.CompDocError, struct.error, IndexError, ValueError, MemoryError, UnicodeError) as exc:
        if isinstance(exc, RakInputError):
            raise
        raise RakInputError.of("error.xls_damaged", path=path, detail=str(exc)) from None
    raise RakInputError.of("error.ole_not_excel", path=path)


def walk_biff(stream: bytes, limits: Limits = DEFAULT_LIMITS, path=None) -> None:
    """Hold a BIFF workbook stream to ``limits``, walked as calamine walks it: the
    whole stream record by record (what xlrd reads), then each sheet from where
    its BOUNDSHEET record points, up to its EOF (what calamine reads)."""
    names, offsets = _walk_stream(stream, limits, path)
    for i, start in enumerate(offsets):
        label = names[i] if i < len(names) else f"#{i + 1}"
        if start > len(stream):
            raise RakInputError.of("error.xls_outside", path=path, name=label)
        _walk_sheet(stream, start, label, limits, path)


def _records(stream: bytes, pos: int = 0):
    """``(offset, kind, data)`` of each BIFF record from ``pos`` on, to the end of
    the stream (a record cut short at the end keeps what is there)."""
    end = len(stream)
    header = _U16_PAIR.unpack_from
    while pos + 4 <= end:
        kind, length = header(stream, pos)
        yield pos, kind, stream[pos + 4:pos + 4 + length]
        pos += 4 + length


def _walk_stream(stream: bytes, limits: Limits, path) -> tuple[list[str], list[int]]:
    """The whole stream, each substream's cells held to ``limits``; the sheets'
    names and offsets from the globals' BOUNDSHEET records (a shared-string table
    announcing more strings than the stream has bytes is refused)."""
    end = len(stream)
    names: list[str] = []
    offsets: list[int] = []
    ext = SheetExtent()
    substream = -1
    in_globals = True
    for at, kind, data in _records(stream):
        if kind in _BIFF_BOF:
            _check_extent(ext, limits, path, _sheet_label(names, substream))
            ext = SheetExtent()
            if at > 0:
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
                raise _hostile("hostile.xls_sst", path, count=numbers(unique), size=numbers(end))
        elif kind in _BIFF_CELL_KINDS and not _add_cell(kind, data, ext):
            raise _damaged_xls(kind, path, _sheet_label(names, substream))
    _check_extent(ext, limits, path, _sheet_label(names, substream))
    return names, offsets


def _walk_sheet(stream: bytes, start: int, label: str, limits: Limits, path) -> None:
    """One sheet's records from ``start`` up to its EOF, its cells held to ``limits``."""
    ext = SheetExtent()
    for _at, kind, data in _records(stream, start):
        if kind == _BIFF_EOF:
            break
        if kind in _BIFF_CELL_KINDS and not _add_cell(kind, data, ext):
            raise _damaged_xls(kind, path, label)
        if ext.rows > limits.max_rows or ext.cols > limits.max_cols:
            _check_extent(ext, limits, path, label)
    _check_extent(ext, limits, path, label)


def _sheet_label(names, substream):
    if substream < 0:
        return None
    return names[substream] if substream < len(names) else f"#{substream + 1}"


def _add_cell(kind: int, data: bytes, ext: SheetExtent) -> bool:
    """Grow ``ext`` to the cells a record holds; False when the record is damaged
    in a way calamine would read into an underflow (then an abort)."""
    if kind in _BIFF_CELLS and len(data) >= 4:
        row, col = _U16_PAIR.unpack_from(data)
        if row >= ext.rows:
            ext.rows = row + 1
        if col >= ext.cols:
            ext.cols = col + 1
    elif kind in _BIFF_MULTI and len(data) >= 6:
        row, first = struct.unpack_from("<HH", data)
        last = struct.unpack_from("<H", data, len(data) - 2)[0]
        if last < first:  # calamine subtracts them
            return False
        ext.rows, ext.cols = max(ext.rows, row + 1), max(ext.cols, last + 1)
    elif kind in _BIFF_DIMENSIONS:
        if len(data) >= 14:
            first_row, rows = struct.unpack_from("<II", data)
            first_col, cols = struct.unpack_from("<HH", data, 8)
        elif len(data) >= 8:
            first_row, rows, first_col, cols = struct.unpack_from("<HHHH", data)
        else:
            return True
        # calamine computes (rows - 1) - first_row + 1 when rows >= 1: an underflow
        # when the first row is not before the end
        if (rows >= 1 and cols >= 1) and (first_row >= rows or first_col >= cols):
            return False
        ext.rows, ext.cols = max(ext.rows, rows), max(ext.cols, cols)
    return True


def _damaged_xls(kind: int, path, sheet) -> RakInputError:
    return RakInputError.of("error.xls_record", path=path, sheet=sheet, kind=f"{kind:04X}")
