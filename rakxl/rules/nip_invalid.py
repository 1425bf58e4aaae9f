"""``nip-invalid`` (warning): the signatory's NIP (Nomor Induk Pegawai) is not valid.

A NIP has 18 digits (spaces allowed, as in ``19710703 199903 2 007``): the birth date
(YYYYMMDD), the month of appointment (YYYYMM, after the birth), the gender digit (1 or
2) and a 3-digit sequence number. Cell: where the NIP is written.
"""
from __future__ import annotations

import datetime as _dt

from ..findings import Phrase, make

CODE = "nip-invalid"


def nip_problem(text: str) -> Phrase | None:
    """Why ``text`` is not a valid NIP (a phrase of the catalogue); None when valid."""
    digits = "".join(str(text).split())
    if not digits.isdigit() or not digits.isascii():
        return Phrase("nip-not-digits")
    if len(digits) != 18:
        return Phrase("nip-length", n=len(digits))
    try:
        born = _dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return Phrase("nip-birth-date", digits=digits[0:8])
    if born.year < 1900:
        return Phrase("nip-birth-year", year=born.year)
    year, month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= month <= 12:
        return Phrase("nip-month", digits=digits[8:14])
    if (year, month) <= (born.year, born.month):
        return Phrase("nip-month-order", digits=digits[8:14], born=digits[0:8])
    if digits[14] not in "12":
        return Phrase("nip-gender", digit=digits[14])
    return None


def check(rak):
    nip = rak.meta.nip
    if not nip:
        return []
    problem = nip_problem(nip)
    if problem is None:
        return []
    at = rak.meta.at.get("nip")
    return [make(CODE, rak, at.a1 if at else None, None, value=" ".join(str(nip).split()), reason=problem)]
