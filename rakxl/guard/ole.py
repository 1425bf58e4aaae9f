"""A new OLE2 compound file holding one stream: what the parser is given
instead of an .xls file.

The layout (version 3, 512-byte sectors): the header, the stream's sectors, one
directory sector, the FAT sectors, then the DIFAT sectors when there are more
than the 109 FAT sectors the header lists.
"""
from __future__ import annotations

import struct

_ENDOFCHAIN, _FREESECT, _FATSECT, _DIFSECT, _NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFC, 0xFFFFFFFF
_SECTOR = 512
_PER_SECTOR = _SECTOR // 4  # sector numbers in a FAT sector
_HEADER_DIFAT = 109  # FAT sectors the header lists itself


def ole_container(stream: bytes, name: str = "Workbook") -> bytes:
    """A new OLE2 compound file holding one stream, ``stream`` under ``name``
    (version 3, 512-byte sectors, no short streams): what the parser is given
    instead of an .xls file, so that it reads the stream the guard walked and
    nothing else (one directory, one allocation table, no other stream).

    ``stream`` must be at least 4,096 bytes (smaller streams live in the short
    stream); :func:`load_xls` pads it with zero bytes after its records.
    """
    n_stream = -(-len(stream) // _SECTOR)
    n_fat, n_difat = _table_sizes(n_stream)
    dir_sector = n_stream
    fat_start = n_stream + 1
    difat_start = fat_start + n_fat
    fat_sectors = list(range(fat_start, fat_start + n_fat))
    fat = _fat(n_stream, dir_sector, fat_sectors, range(difat_start, difat_start + n_difat), n_fat)
    header = _header(fat_sectors, dir_sector, difat_start if n_difat else _ENDOFCHAIN, n_difat)
    difat = _difat(fat_sectors[_HEADER_DIFAT:], difat_start, n_difat)
    body = stream + bytes(n_stream * _SECTOR - len(stream))
    return header + body + _directory(name, len(stream)) + struct.pack(f"<{len(fat)}I", *fat) + difat


def _table_sizes(n_stream: int) -> tuple[int, int]:
    """How many FAT and DIFAT sectors a file of ``n_stream`` stream sectors needs:
    the FAT describes every sector, its own and the DIFAT ones included."""
    n_fat = n_difat = 0
    while True:
        total = n_stream + 1 + n_fat + n_difat
        need_fat = -(-total // _PER_SECTOR)
        need_difat = 0 if need_fat <= _HEADER_DIFAT else -(-(need_fat - _HEADER_DIFAT) // (_PER_SECTOR - 1))
        if (need_fat, need_difat) == (n_fat, n_difat):
            return n_fat, n_difat
        n_fat, n_difat = need_fat, need_difat


def _fat(n_stream: int, dir_sector: int, fat_sectors, difat_sectors, n_fat: int) -> list[int]:
    """The allocation table: the stream's chain, the directory's one sector, the
    FAT and DIFAT sectors marked as such, the rest free."""
    fat = [_FREESECT] * (n_fat * _PER_SECTOR)
    for i in range(n_stream):
        fat[i] = i + 1 if i + 1 < n_stream else _ENDOFCHAIN
    fat[dir_sector] = _ENDOFCHAIN
    for i in fat_sectors:
        fat[i] = _FATSECT
    for i in difat_sectors:
        fat[i] = _DIFSECT
    return fat


def _header(fat_sectors: list[int], dir_sector: int, difat_start: int, n_difat: int) -> bytes:
    """The 512-byte header, listing the first 109 FAT sectors itself."""
    header = bytearray(_SECTOR)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x003E, 0x0003, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x2C, len(fat_sectors), dir_sector, 0, 4096, _ENDOFCHAIN, 0,
                     difat_start, n_difat, 0)
    head = fat_sectors[:_HEADER_DIFAT]
    struct.pack_into(f"<{_HEADER_DIFAT}I", header, 0x4C, *head, *[_FREESECT] * (_HEADER_DIFAT - len(head)))
    return bytes(header)


def _difat(rest: list[int], difat_start: int, n_difat: int) -> bytes:
    """The DIFAT sectors: the FAT sectors beyond the header's 109, each DIFAT
    sector ending with the number of the next."""
    per = _PER_SECTOR - 1
    difat = bytearray()
    for k in range(n_difat):
        chunk = rest[k * per:(k + 1) * per]
        chunk += [_FREESECT] * (per - len(chunk))
        nxt = difat_start + k + 1 if k + 1 < n_difat else _ENDOFCHAIN
        difat += struct.pack(f"<{per}I", *chunk) + struct.pack("<I", nxt)
    return bytes(difat)


def _directory(name: str, size: int) -> bytes:
    """The directory sector: the root, the one stream (from sector 0), two unused entries."""
    unused = bytearray(128)
    struct.pack_into("<III", unused, 0x44, _NOSTREAM, _NOSTREAM, _NOSTREAM)  # no siblings, no child
    return (_entry("Root Entry", 5, 1, _ENDOFCHAIN, 0) + _entry(name, 2, _NOSTREAM, 0, size)
            + bytes(unused) * 2)


def _entry(entry_name: str, kind: int, child: int, start: int, size: int) -> bytes:
    raw = entry_name.encode("utf-16-le") + b"\x00\x00"
    out = bytearray(128)
    out[0:len(raw)] = raw
    struct.pack_into("<HBB", out, 0x40, len(raw), kind, 1)
    struct.pack_into("<III", out, 0x44, _NOSTREAM, _NOSTREAM, child)
    struct.pack_into("<IQ", out, 0x74, start, size)
    return bytes(out)
