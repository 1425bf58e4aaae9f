"""A new OLE2 compound file holding one stream: what the parser is given
instead of an .xls file."""
from __future__ import annotations

import struct


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
