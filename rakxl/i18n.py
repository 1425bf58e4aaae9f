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


# -- monitoring (rakxl.monitoring): the monev workbook and the capaian report ----------
#: Words of the monev workbook and of ``rakxl monev`` / ``rakxl capaian``: (id, en).
MONITORING = {
    "quarter_group": ("Realisasi Triwulan {q}", "Quarter {q} realisation"),
    "ri": ("Realisasi Indikator", "Indicator realisation"),
    "ci": ("Capaian Indikator (%)", "Indicator capaian (%)"),
    "rk": ("Realisasi Kegiatan", "Activity realisation"),
    "ck": ("Capaian Kegiatan (%)", "Activity capaian (%)"),
    "kendala": ("Kendala", "Problems"),
    "tindak_lanjut": ("Tindak Lanjut", "Follow-up"),
    "bukti": ("Bukti Dukung", "Evidence"),
    "ra": ("Realisasi Anggaran (Rp)", "Spent (Rp)"),
    "kum": ("Realisasi Anggaran s.d. Triwulan (Rp)", "Spent so far (Rp)"),
    "serapan": ("Serapan (%)", "Absorption (%)"),
    "method_ind": ("Metode Capaian Indikator", "Indicator capaian method"),
    "method_act": ("Metode Capaian Kegiatan", "Activity capaian method"),
    "input_title_number": ("Realisasi (angka)", "Realisation (number)"),
    "input_number": ("Ketik realisasi triwulan ini sebagai angka >= 0 (tanpa %, tanpa satuan), mis. 95. "
                     "Kosongkan bila belum dilaporkan; ketik 0 bila realisasinya nol.",
                     "Type this quarter's realisation as a number >= 0 (no %, no unit), e.g. 95. Leave blank "
                     "when not reported; type 0 when it is zero."),
    "input_title_grade": ("Realisasi (nilai)", "Realisation (grade)"),
    "input_grade": ("Pilih nilai/predikat yang dicapai dari daftar ({grades}). Kosongkan bila belum ada.",
                    "Pick the grade achieved from the list ({grades}). Leave blank when there is none yet."),
    "input_title_money": ("Realisasi anggaran", "Spending"),
    "input_money": ("Ketik rupiah yang dibelanjakan PADA triwulan ini (bukan kumulatif), satu kali untuk "
                    "seluruh baris Pagu ini. Kosongkan bila belum dilaporkan.",
                    "Type the rupiah spent IN this quarter (not cumulative), once for the whole Pagu range. "
                    "Leave blank when not reported."),
    "input_title_text": ("{field}", "{field}"),
    "input_kendala": ("Tuliskan kendala pelaksanaan triwulan ini (boleh kosong).",
                      "Write this quarter's problems (may be blank)."),
    "input_tindak_lanjut": ("Tuliskan tindak lanjut atas kendala (boleh kosong).",
                            "Write the follow-up to the problems (may be blank)."),
    "input_bukti": ("Tuliskan tautan atau nama dokumen bukti dukung (mis. SK, laporan, foto).",
                    "Write the link or name of the evidence document (decree, report, photo)."),
    "error_title": ("Isian tidak sah", "Invalid entry"),
    "error_number": ("Realisasi harus angka >= 0.", "The realisation must be a number >= 0."),
    "error_grade": ("Pilih salah satu nilai dari daftar.", "Pick one grade from the list."),
    "basis_all": ("capaian triwulan {basis}", "quarter capaian {basis}"),
    "total": ("JUMLAH", "TOTAL"),
    "petunjuk": ("Petunjuk", "Instructions"),
    "unmatched_sheet": ("Tidak Terpetakan", "Unmatched"),
    "done": ("{n} sheet monev ditulis ke {out}: {ind} indikator, {act} kegiatan, {lines} baris Pagu",
             "wrote {n} monev sheet(s) to {out}: {ind} indicators, {act} activities, {lines} budget lines"),
    "carried": ("dibawa dari {old}: {cells} isian; {unmatched} tidak terpetakan (lihat sheet '{sheet}')",
                "carried over from {old}: {cells} entries; {unmatched} unmatched (see sheet '{sheet}')"),
}
