"""Words the command line shows people, in Bahasa Indonesia (default) and English.

Finding messages live with their codes in :mod:`rakxl.findings`; this module holds
the labels and sentences of the CLI itself.
"""
from __future__ import annotations

MESSAGES = {
    "file": ("File", "File"),
    "year": ("Tahun", "Year"),
    "organization": ("Organisasi", "Organization"),
    "unit": ("Unit", "Unit"),
    "signed": ("Ditandatangani", "Signed"),
    "signatory": ("Penandatangan", "Signatory"),
    "goals": ("Sasaran", "Goals"),
    "indicators": ("Indikator", "Indicators"),
    "activities": ("Kegiatan", "Activities"),
    "budget_lines": ("Baris Pagu", "Budget lines"),
    "total_pagu": ("Total Pagu", "Total Pagu"),
    "goals_without_budget": ("Sasaran tanpa Pagu: {nos}", "Goals without a budget: {nos}"),
    # -- rakxl's own outputs (rakxl.marker) --
    "report_only": ("bukan tabel RAK: file ini {what}, ditulis oleh rakxl; baca file RAK sumbernya",
                    "not a RAK table: this file is {what}, written by rakxl; read its source RAK files"),
    "report_sheet": ("sheet '{sheet}' bukan tabel RAK: sheet laporan dalam {what}",
                     "sheet '{sheet}' is not a RAK table: a report sheet of {what}"),
    "output_skipped": ("dilewati: {what} (tidak dihitung agar Pagu tidak terhitung dua kali)",
                       "skipped: {what} (not counted, so that no Pagu is counted twice)"),
}


def pick(pair: tuple[str, str], lang: str = "id", **kwargs) -> str:
    """The text of an ``(Indonesian, English)`` pair in ``lang``, formatted with ``kwargs``.

    Every module that shows words to people keeps its pairs beside its code (the CLI's
    here, the diff's in :mod:`rakxl.revisions`, the totals' in :mod:`rakxl.totals`) and
    picks the language with this one function.
    """
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**kwargs) if kwargs else text


def say(key: str, lang: str = "id", **kwargs) -> str:
    """The CLI message ``key`` in ``lang`` (``id`` or ``en``), formatted with ``kwargs``."""
    pair = MESSAGES.get(key)
    return key if pair is None else pick(pair, lang, **kwargs)
