"""Reading a target: a percentage, a grade, or a count with a unit.

Shared by ``target-format`` (a target that is none of these) and
``target-unit-mismatch`` (an activity counted in another unit than its indicator).
"""
from __future__ import annotations

import re

_NUMBER = r"\d+(?:[.,]\d+)*"
_COMPARE = (r"(?:(?:>=|<=|≥|≤|>|<|=|±|min(?:imal|imum)?\.?|maks(?:imal|imum)?\.?|max\.?|paling\s+(?:sedikit|"
            r"banyak|lambat)|sekurang-kurangnya|sebanyak|target)\s*)?")
_RANGE = rf"{_NUMBER}(?:\s*(?:-|–|s\.?d\.?|sampai)\s*{_NUMBER})?"
_NOTE = r"(?:\s*\(.{1,40}\))?"   # a note in brackets after the target: "B (Baik)"
#: A percentage, possibly followed by a few words: "95 %", "≥ 80%", "90 - 100 %", "95% realisasi".
PERCENT = re.compile(rf"{_COMPARE}{_RANGE}\s*(?:%|persen|percent)(?:\s*\(.{{1,40}}\)|\s+[a-z].{{0,40}})?", re.I)
BARE_NUMBER = re.compile(rf"{_COMPARE}{_RANGE}", re.I)
#: A count: a number, an optional number in words in brackets, then a unit of one to four words.
COUNT = re.compile(rf"{_COMPARE}({_RANGE})\s*(?:\([a-z\s]+\)\s*)?([a-z][\w./²³-]*(?:\s+[a-z][\w./²³-]*){{0,3}})",
                   re.I)
GRADE = re.compile(
    r"(?:(?:(?:nilai|predikat|opini|kategori|indeks|level|peringkat)\s*:?\s*)?(?:aa|a|bb|b|cc|c|d|e)[+-]?"
    r"|(?:opini\s+)?(?:wtp|wdp|tmp|tw)|wbk|wbbm|wajar(?:\s+tanpa\s+pengecualian)?"
    r"|(?:sangat\s+)?(?:baik|memuaskan)|cukup(?:\s+baik)?"
    r"|(?:nilai|predikat|indeks|level|skor|tingkat|peringkat)\s*:?\s*\d+(?:[.,]\d+)?)" + _NOTE,
    re.I)
_NIL = {"-", "–", "—", "--", "nihil"}
#: Abbreviated units and their full word, so that "4 lap" and "12 laporan" agree.
UNIT_WORDS = {
    "lap": "laporan", "lapor": "laporan", "keg": "kegiatan", "dok": "dokumen", "dokumen": "dokumen",
    "org": "orang", "pkt": "paket", "bln": "bulan", "x": "kali", "kl": "kali", "pgw": "pegawai",
    "pkr": "perkara", "ds": "desa", "kab": "kabupaten", "kec": "kecamatan", "eks": "eksemplar",
    "exp": "eksemplar", "bh": "buah", "thn": "tahun", "hr": "hari", "mg": "minggu", "mgg": "minggu",
}


def unit_word(text: str) -> str:
    """The first word of a unit, lower-case, abbreviations spelled out: ``"Lap."`` -> ``"laporan"``."""
    word = text.split()[0].strip(".").lower()
    return UNIT_WORDS.get(word, word)


def read_target(text) -> tuple[str, str | None] | None:
    """What a target says: ``("percent", "%")``, ``("grade", None)``, ``("count", "laporan")``,
    ``("number", None)`` for a bare number, ``("nil", None)`` for ``-``, or None when it
    is none of these (or blank: ``("blank", None)``)."""
    if text is None:
        return ("blank", None)
    t = " ".join(str(text).split())
    if not t:
        return ("blank", None)
    if t.lower() in _NIL:
        return ("nil", None)
    if PERCENT.fullmatch(t):
        return ("percent", "%")
    if GRADE.fullmatch(t):
        return ("grade", None)
    if BARE_NUMBER.fullmatch(t):
        return ("number", None)
    m = COUNT.fullmatch(t)
    if m:
        return ("count", unit_word(m.group(2)))
    return None


def describe(kind: tuple[str, str | None]):
    """A reading's unit for messages: ``%``, the phrase ``nilai``/``grade``, or the unit word."""
    from ..findings import Phrase

    if kind[0] == "percent":
        return "%"
    if kind[0] == "grade":
        return Phrase("unit-grade")
    return kind[1] or "?"
