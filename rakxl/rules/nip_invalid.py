"""``nip-invalid`` (warning): the signatory's NIP (Nomor Induk Pegawai) is not valid.

A NIP has 18 digits (spaces allowed, as in ``19710703 199903 2 007``): the birth date
(YYYYMMDD), the month of appointment (YYYYMM, after the birth), the gender digit (1 or
2) and a 3-digit sequence number. Cell: where the NIP is written.
"""
from __future__ import annotations

import datetime as _dt

from ..findings import make

CODE = "nip-invalid"


def nip_problem(text: str) -> tuple[str, str] | None:
    """Why ``text`` is not a valid NIP, in Bahasa Indonesia and English; None when valid."""
    digits = "".join(str(text).split())
    if not digits.isdigit() or not digits.isascii():
        return ("harus berupa 18 angka (spasi boleh)", "must be 18 digits (spaces allowed)")
    if len(digits) != 18:
        return (f"harus 18 angka, tertulis {len(digits)} angka", f"must have 18 digits, has {len(digits)}")
    try:
        born = _dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return (f"tanggal lahir {digits[0:8]} bukan tanggal yang ada (TTTTBBHH)",
                f"birth date {digits[0:8]} is not a real date (YYYYMMDD)")
    if born.year < 1900:
        return (f"tahun lahir {born.year} tidak masuk akal", f"birth year {born.year} is implausible")
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12:
        return (f"bulan pengangkatan {digits[8:14]} tidak sah (TTTTBB)",
                f"appointment month {digits[8:14]} is not valid (YYYYMM)")
    if (year, month) <= (born.year, born.month):
        return (f"bulan pengangkatan {digits[8:14]} tidak sesudah tanggal lahir {digits[0:8]}",
                f"appointment month {digits[8:14]} is not after the birth date {digits[0:8]}")
    if digits[14] not in "12":
        return (f"digit jenis kelamin {digits[14]} harus 1 atau 2", f"gender digit {digits[14]} must be 1 or 2")
    return None


def check(rak):
    nip = rak.meta.nip
    if not nip:
        return []
    problem = nip_problem(nip)
    if problem is None:
        return []
    cell = rak.meta.cells.get("nip")
    return [make(CODE, rak, cell, None, value=" ".join(str(nip).split()), reason=problem[0], reason_en=problem[1])]
