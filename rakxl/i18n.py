"""The one catalogue of words rakxl shows people, in Bahasa Indonesia (default) and English.

Every text is an ``(Indonesian, English)`` pair under a key, in sections:
:data:`MESSAGES` (``rakxl show``), :data:`OUTPUT_WORDS` (column labels, sheet names,
totals labels, severities, page footer), :data:`CLI_WORDS` (what the command line
confirms and refuses), :data:`DIFF_WORDS` and :data:`FIELD_WORDS` (the diff),
:data:`CLICK_ID` (click's own messages), and the sections of other parts (checker
refusals, monitoring). :func:`say` / :func:`text` look a key up; :func:`pick` is the
one place that chooses the language; :func:`number` and :func:`money` write figures
the way each language groups digits.
"""
from __future__ import annotations

import string

from .error_words import ERROR_WORDS

MESSAGES = {
    "file": ("File", "File"),
    "year": ("Tahun", "Year"),
    "organization": ("Organisasi", "Organization"),
    "unit": ("Unit", "Unit"),
    "signed": ("Ditandatangani", "Signed"),
    "signatory": ("Penandatangan", "Signatory"),
    "family": ("Bentuk tabel", "Table family"),
    "goals": ("Sasaran", "Goals"),
    "indicators": ("Indikator", "Indicators"),
    "activities": ("Kegiatan", "Activities"),
    "budget_lines": ("Baris Pagu", "Budget lines"),
    "total_pagu": ("Total Pagu", "Total Pagu"),
    "goals_without_budget": ("Sasaran tanpa Pagu: {nos}", "Goals without a budget: {nos}"),
    "other_sheets": ("Sheet RAK lain: {names} (pilih dengan --sheet NAMA)",
                     "Other RAK sheets: {names} (choose one with --sheet NAME)"),
    "used_sheet": ("dibaca sheet '{sheet}'; sheet RAK lain: {names} (pilih dengan --sheet NAMA)",
                   "read sheet '{sheet}'; other RAK sheets: {names} (choose one with --sheet NAME)"),
    # -- rakxl's own outputs (rakxl.marker) --
    "report_only": ("bukan tabel RAK: file ini {what}, ditulis oleh rakxl; baca file RAK sumbernya",
                    "not a RAK table: this file is {what}, written by rakxl; read its source RAK files"),
    "report_sheet": ("sheet '{sheet}' bukan tabel RAK: sheet laporan dalam {what}",
                     "sheet '{sheet}' is not a RAK table: a report sheet of {what}"),
    "output_skipped": ("dilewati: {what} (tidak dihitung agar Pagu tidak terhitung dua kali)",
                       "skipped: {what} (not counted, so that no Pagu is counted twice)"),
}


#: The languages of the catalogue, in the order of each pair; the first is the default.
LANGS = ("id", "en")


def pick(pair: tuple[str, str], lang: str = "id", **kwargs) -> str:
    """The text of an ``(Indonesian, English)`` pair in ``lang``, formatted with ``kwargs``.

    The words themselves live in this module's sections (:data:`CATALOGUE`); this is
    the one place that chooses between the two languages.
    """
    text = pair[1] if lang == "en" else pair[0]
    if not kwargs:
        return text
    return _PLURALS.vformat(text, (), kwargs) if "|" in text else text.format(**kwargs)


class _Plurals(string.Formatter):
    """``str.format`` that also knows plural forms: a field ``{n:file|files}`` is the
    word ``file`` when ``n`` is 1 and ``files`` otherwise (``n`` an int, or a figure
    already written as text, ``1.234``), so that ``{n} {n:file|files} read`` says
    ``1 file read`` and ``2 files read``. Indonesian needs no such field."""

    def format_field(self, value, format_spec: str) -> str:
        if "|" not in format_spec:
            return super().format_field(value, format_spec)
        one, many = format_spec.split("|", 1)
        return one if _count(value) == 1 else many


def _count(value) -> int | None:
    if isinstance(value, int):
        return value
    digits = str(value).replace(".", "").replace(",", "")
    return int(digits) if digits.isdigit() else None


_PLURALS = _Plurals()


#: Words of the outputs rakxl writes (table sheets, their headers and labels), by key.
OUTPUT_WORDS = {
    "page_footer": ("&CHalaman &P dari &N", "&CPage &P of &N"),
    "out.suffix": ("akhiran keluaran harus {kinds}", "the output must end in {kinds}"),
    # severities: one language per run
    "severity.error": ("kesalahan", "error"),
    "severity.error.many": ("kesalahan", "errors"),
    "severity.warning": ("peringatan", "warning"),
    "severity.warning.many": ("peringatan", "warnings"),
    "severity.info": ("info", "info"),
    "severity.info.many": ("info", "info"),
    "findings.none": ("Tidak ada temuan.", "No findings."),
    "findings.count": ("{n} temuan: {parts}", "{n} {n:finding|findings}: {parts}"),
    # column labels of tables (totals, sources, findings)
    "col.file": ("File", "File"),
    "col.sheet": ("Sheet", "Sheet"),
    "col.no": ("No", "No"),
    "col.sasaran": ("Sasaran", "Goal"),
    "col.pelaksana": ("Pelaksana", "Pelaksana"),
    "col.unit": ("Unit", "Unit"),
    "col.pagu": ("Pagu", "Pagu"),
    "col.budget_lines": ("Baris Pagu", "Budget lines"),
    "col.year": ("Tahun", "Year"),
    "col.findings": ("Temuan", "Findings"),
    "col.status": ("Keterangan", "Status"),
    "col.cell": ("Sel", "Cell"),
    "col.row": ("Baris", "Row"),
    "col.column": ("Kolom", "Column"),
    "col.code": ("Kode", "Code"),
    "col.severity": ("Tingkat", "Severity"),
    "col.message": ("Pesan", "Message"),
    "col.number": ("No", "No"),
    # the totals workbook and table
    "totals.total": ("JUMLAH", "TOTAL"),
    "totals.title": ("Jumlah Pagu Anggaran", "Budget totals"),
    "totals.organization": ("Organisasi: {names}", "Organisation: {names}"),
    "totals.units": ("Unit: {names}", "Unit: {names}"),
    "totals.years": ("Tahun: {names}", "Year: {names}"),
    "totals.files": ("Dari {files} file, {sheets} sheet RAK",
                     "From {files} {files:file|files}, {sheets} RAK {sheets:sheet|sheets}"),
    "totals.read": ("dibaca", "read"),
    "totals.unreadable": ("tidak terbaca: {reason}", "unreadable: {reason}"),
    "totals.blank": ("(kosong)", "(blank)"),
    "totals.failures": ("Tidak terbaca ({count} file):", "Unreadable ({count} {count:file|files}):"),
    "totals.skipped": ("Keluaran rakxl yang dilewati ({count} file):",
                       "rakxl outputs skipped ({count} {count:file|files}):"),
    "totals.duplicates": ("Peringatan: file berisi sama persis dihitung sekali ({count} file):",
                          "Warning: files with identical content counted once ({count} {count:file|files}):"),
    "totals.progress": ("Membaca", "Reading"),
    "sheet.total": ("Total", "Total"),
    "sheet.sources": ("Sumber", "Sources"),
    "sheet.warnings": ("Peringatan", "Warnings"),
    "sheet.findings": ("Temuan", "Findings"),
    # the diff's change list (the Perubahan sheet), by column of RakDiff.changes
    "change.level": ("Bagian", "Part"),
    "change.change": ("Perubahan", "Change"),
    "change.no_old": ("No lama", "Old No"),
    "change.no_new": ("No baru", "New No"),
    "change.sasaran": ("Sasaran", "Goal"),
    "change.kegiatan": ("Kegiatan", "Activity"),
    "change.pelaksana": ("Pelaksana", "Pelaksana"),
    "change.field": ("Kolom", "Field"),
    "change.old": ("Nilai lama", "Old value"),
    "change.new": ("Nilai baru", "New value"),
    "change.pagu_old": ("Pagu lama", "Old Pagu"),
    "change.pagu_new": ("Pagu baru", "New Pagu"),
    "change.delta": ("Selisih", "Difference"),
    "change.cell_old": ("Sel lama", "Old cell"),
    "change.cell": ("Sel", "Cell"),
}


def text(key: str, lang: str = "id", **kwargs) -> str:
    """The catalogue's text ``key`` in ``lang``, formatted with ``kwargs`` (KeyError if unknown)."""
    return pick(CATALOGUE[key], lang, **kwargs)


def say(key: str, lang: str = "id", **kwargs) -> str:
    """The message ``key`` of the catalogue in ``lang`` (``id`` or ``en``), formatted with
    ``kwargs``; an unknown key is returned as it is."""
    pair = CATALOGUE.get(key)
    return key if pair is None else pick(pair, lang, **kwargs)


class Said:
    """A text of the catalogue with its parameters, said in whichever language is asked
    (:meth:`render`); a parameter may itself be a :class:`Said` or a :class:`Both`."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, **params):
        if key not in CATALOGUE:
            raise KeyError(f"unknown catalogue key {key!r}")
        self.key, self.params = key, params

    def render(self, lang: str = "id") -> str:
        params = {k: said(v, lang) for k, v in self.params.items()}
        return _PLURALS.vformat(pick(CATALOGUE[self.key], lang), (), params)  # formatted also without params

    def __repr__(self):
        return f"Said({self.key!r}, **{self.params!r})"


class Twin(str):
    """A text said in Bahasa Indonesia (the string itself) that carries its English twin
    (``.en``): a refusal's reason kept as text where a batch lists the files it skipped
    (pickled between processes like any string)."""

    def __new__(cls, text: str, en: str | None = None):
        twin = super().__new__(cls, text)
        twin.en = text if en is None else en
        return twin


def twin(key: str, **params) -> Twin:
    """The catalogue's text ``key`` as a :class:`Twin` (its parameters said in each language)."""
    return Twin(*(pick(CATALOGUE[key], lang, **{k: said(v, lang) for k, v in params.items()}) for lang in LANGS))


def labels(mark) -> "Both":
    """What a rakxl output is (:meth:`rakxl.marker.Mark.label`), in each language."""
    return Both(tuple(mark.label(lang) for lang in LANGS))


def numbers(n) -> "Both":
    """A count said in each language's digit grouping (``1.234`` / ``1,234``), for a :class:`Said`."""
    return Both(tuple(number(n, lang) for lang in LANGS))


def said(value, lang: str = "id"):
    """``value`` in ``lang`` when it is a :class:`Said`, a :class:`Both`, :class:`Money`..., else as it is."""
    if isinstance(value, Said):
        return value.render(lang)
    if isinstance(value, Twin):
        return pick((str(value), value.en), lang)
    if isinstance(value, (Both, Money, Label, Phrase, AndList)):
        return render_value(value, lang)
    return value


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
             "wrote {n} monev {n:sheet|sheets} to {out}: {ind} {ind:indicator|indicators}, "
             "{act} {act:activity|activities}, {lines} budget {lines:line|lines}"),
    "carried": ("dibawa dari {old}: {cells} isian; {unmatched} tidak terpetakan (lihat sheet '{sheet}')",
                "carried over from {old}: {cells} entries; {unmatched} unmatched (see sheet '{sheet}')"),
    # where a quarter's capaian gets its target (rakxl.monitoring.methods)
    "basis_triwulan": ("dari target triwulan", "from the quarter's target"),
    "basis_tahunan": ("dari target tahunan", "from the annual target"),
    "basis_tidak_terdefinisi": ("tidak terdefinisi (tidak ada target berupa angka)", "not defined (no numeric target)"),
    # rakxl capaian's screen report (rakxl.monitoring.report)
    "report_title": ("Capaian {what} s.d. triwulan {q}", "Capaian of {what} up to quarter {q}"),
    "report_title_last": ("Capaian {what} s.d. triwulan terakhir yang dilaporkan",
                          "Capaian of {what} up to the last quarter reported"),
    "report_indicators": ("indikator", "indicators"),
    "report_heads": ("No|Indikator|Target|Metode|Realisasi|Capaian|Kategori|Dasar",
                     "No|Indicator|Target|Method|Realised|Capaian|Category|Basis"),
    "report_budget": ("Serapan anggaran: {spent} dari Pagu {pagu} ({pct}) pada {lines} baris Pagu yang dilaporkan",
                      "Budget absorption: {spent} of Pagu {pagu} ({pct}) on {lines} budget lines reported"),
    "report_reported": ("{n} dari {total} indikator melaporkan realisasi",
                        "{n} of {total} indicators report a realisation"),
    "report_disagree": ("{n} sel rumus menyimpan nilai yang berbeda dari hitungan rakxl: {cells}",
                        "{n} formula cells hold a saved value other than rakxl's: {cells}"),
    "report_not_reported": ("belum dilaporkan", "not reported"),
    "report_undefined": ("tidak terdefinisi", "not defined"),
    "report_invalid": ("bukan angka", "not a number"),
    "sheet_indicators": ("Indikator", "Indicators"),
    "sheet_activities": ("Kegiatan", "Activities"),
    "sheet_budgets": ("Anggaran", "Budget"),
    "sheet_disagreements": ("Selisih", "Disagreements"),
    # the Petunjuk sheet
    "guide_title": ("PETUNJUK PENGISIAN MONITORING DAN EVALUASI RENCANA AKSI KINERJA",
                    "HOW TO FILL IN THE PERFORMANCE ACTION PLAN MONITORING"),
    "guide_column": ("Kolom", "Column"),
    "guide_content": ("Isi", "Content"),
    "guide_formulas": ("RUMUS DAN SUMBERNYA", "FORMULAS AND THEIR SOURCES"),
    "guide_method": ("Metode", "Method"),
    "guide_formula": ("Rumus", "Formula"),
    "guide_source": ("Sumber", "Source"),
    "guide_no_cap": ("tidak ada", "none"),
    "guide_categories": ("Kategori capaian: {cats}. Batas atas capaian: {cap}.",
                         "Capaian categories: {cats}. Capaian cap: {cap}."),
    "guide_settings": ("Pengaturan: {src}. Metode tiap indikator dan kegiatan: sheet '{sheet}'.",
                       "Settings: {src}. The method of each indicator and activity: sheet '{sheet}'."),
    "guide_built_in": ("bawaan (tidak ada rakxl.toml)", "built in (no rakxl.toml)"),
    # the Metode and Tidak Terpetakan sheets; levels and fields of what a carry-over lists
    "metode_heads": ("Sheet|No|Tingkat|Indikator / Kegiatan|Target|Metode|Rumus|Dasar capaian triwulan|Sumber metode",
                     "Sheet|No|Level|Indicator / activity|Target|Method|Formula|Quarter capaian basis|Method source"),
    "unmatched_heads": ("Tingkat|No|Uraian|Isian|Triwulan|Nilai|Sel lama", "Level|No|Text|Field|Quarter|Value|Old cell"),
    "level_indikator": ("Indikator", "Indicator"),
    "level_kegiatan": ("Kegiatan", "Activity"),
    "level_anggaran": ("Anggaran", "Budget"),
    "field_realisasi": ("Realisasi", "Realisation"),
    "field_ra": ("Realisasi Anggaran", "Spending"),
    "field_kendala": ("Kendala", "Problems"),
    "field_tindak_lanjut": ("Tindak Lanjut", "Follow-up"),
    "field_bukti": ("Bukti Dukung", "Evidence"),
}

#: The monev workbook's Petunjuk sheet: the instructions, (id, en) each.
MONITORING_INSTRUCTIONS = (
    ("1. Isi hanya sel berwarna krem (isian). Sel abu-abu (rencana) dan hijau (rumus) terkunci; proteksi sheet "
     "tanpa kata sandi (Review > Unprotect Sheet) bila benar-benar perlu.",
     "1. Fill in only the cream cells (inputs). Grey (plan) and green (formula) cells are locked; the sheet is "
     "protected without a password (Review > Unprotect Sheet) if it must be."),
    ("2. Realisasi yang KOSONG berarti belum dilaporkan, BUKAN nol. Ketik 0 bila realisasinya memang nol.",
     "2. A BLANK realisation is not reported, NOT zero. Type 0 when it is zero."),
    ("3. Realisasi Anggaran diisi SATU KALI per Pagu (sel digabung selebar Pagu), berisi belanja PADA triwulan "
     "itu, bukan kumulatif.",
     "3. Spending is typed ONCE per Pagu (the cell merged over the Pagu range): the money spent IN that quarter, "
     "not cumulative."),
    ("4. Setelah diisi: rakxl capaian FILE.xlsx --tw N (rekap capaian) dan rakxl check FILE.xlsx --tw N "
     "(pemeriksaan isian).",
     "4. Once filled in: rakxl capaian FILE.xlsx --tw N (capaian) and rakxl check FILE.xlsx --tw N (checks)."),
)
#: ... and what each column holds: (column, id, en).
MONITORING_COLUMN_HELP = (
    ("Kolom (1)-(12)", "Rencana Aksi Kinerja seperti ditandatangani (abu-abu, terkunci).",
     "The plan as signed (grey, locked)."),
    ("Metode Capaian", "Cara menghitung capaian indikator/kegiatan dan dasar target tiap triwulan.",
     "How capaian is computed and where each quarter's target comes from."),
    ("Realisasi Indikator / Kegiatan", "ISIAN: realisasi triwulan (angka tanpa % dan satuan, atau nilai dari "
     "daftar). Kosong = belum dilaporkan (bukan 0); ketik 0 bila realisasinya nol.",
     "INPUT: the quarter's realisation; blank = not reported (not 0)."),
    ("Capaian (%)", "RUMUS: dihitung otomatis menurut metode; '-' = tidak terdefinisi (tidak ada target "
     "berupa angka); '?' = realisasi bukan angka.", "FORMULA by the method; '-' not defined; '?' not a number."),
    ("Kendala, Tindak Lanjut", "ISIAN: teks bebas per kegiatan per triwulan.", "INPUT: free text."),
    ("Bukti Dukung", "ISIAN: tautan atau nama dokumen bukti (SK, laporan, foto).", "INPUT: link or document."),
    ("Realisasi Anggaran (Rp)", "ISIAN: rupiah yang dibelanjakan PADA triwulan itu, SATU KALI per Pagu "
     "(sel digabung selebar Pagu). Jangan ketik jumlah yang sama di setiap kegiatan.",
     "INPUT: rupiah spent in the quarter, once per Pagu range."),
    ("Realisasi Anggaran s.d. Triwulan", "RUMUS: jumlah realisasi anggaran triwulan I s.d. triwulan ini.",
     "FORMULA: spending so far."),
    ("Serapan (%)", "RUMUS: realisasi anggaran s.d. triwulan / Pagu x 100.", "FORMULA: spent so far / Pagu x 100."),
)

# -- the quarterly roll-up (rakxl.rollup, rakxl rekap) ------------------------------------
#: Words of ``rakxl rekap`` and its workbook: (id, en).
REKAP = {
    "title": ("REKAP MONEV TRIWULAN {q} TAHUN {year}", "QUARTER {q} MONITORING ROLL-UP {year}"),
    "title_noyear": ("REKAP MONEV TRIWULAN {q}", "QUARTER {q} MONITORING ROLL-UP"),
    "read": ("{files} file dibaca, {units} unit", "{files} {files:file|files} read, {units} {units:unit|units}"),
    "lapor": ("Lapor lengkap", "Reported"),
    "sebagian": ("Lapor sebagian", "Partly reported"),
    "belum": ("Belum lapor", "Not reported"),
    "tidak_ada_file": ("Tidak mengirim file", "Sent no file"),
    "line_status": ("{label} ({n}): {units}", "{label} ({n}): {units}"),
    "partly_detail": ("{unit} ({ind}/{n_ind} indikator, {lines}/{n_lines} baris Pagu)",
                      "{unit} ({ind}/{n_ind} indicators, {lines}/{n_lines} budget lines)"),
    "twice": ("Dikirim dua kali ({n}): {items}", "Sent twice ({n}): {items}"),
    "twice_item": ("{unit}: {new} dipakai (terbaru), {old} diabaikan",
                   "{unit}: {new} used (newest), {old} ignored"),
    "unreadable": ("Tidak terbaca ({n} file):", "Unreadable ({n} {n:file|files}):"),
    "skipped": ("Keluaran rakxl yang dilewati ({n} file):", "rakxl outputs skipped ({n} {n:file|files}):"),
    "organisation": ("ORGANISASI", "ORGANISATION"),
    "unit": ("Unit", "Unit"),
    "file": ("File", "File"),
    "status": ("Status", "Status"),
    "reported_ind": ("Indikator dilaporkan", "Indicators reported"),
    "indicators": ("Indikator", "Indicators"),
    "reported_lines": ("Baris Pagu dilaporkan", "Budget lines reported"),
    "lines": ("Baris Pagu", "Budget lines"),
    "pagu": ("Pagu", "Pagu"),
    "realisasi": ("Realisasi s.d. TW", "Spent so far"),
    "serapan": ("Serapan (%)", "Absorption (%)"),
    "capaian_rata": ("Capaian rata-rata (%)", "Average capaian (%)"),
    "capaian_terendah": ("Capaian terendah (%)", "Lowest capaian (%)"),
    "indikator_terendah": ("Indikator terendah", "Lowest indicator"),
    "selisih": ("Capaian - Serapan (poin)", "Capaian - absorption (points)"),
    "sinyal": ("Sinyal", "Signal"),
    "capaian_jauh_di_atas_serapan": ("capaian jauh di atas serapan", "achievement far above spending"),
    "serapan_jauh_di_atas_capaian": ("serapan jauh di atas capaian", "spending far above achievement"),
    "note": ("Keterangan", "Note"),
    "replaces": ("menggantikan {files}", "replaces {files}"),
    "no_file": ("tidak ada file dari unit ini", "no file from this unit"),
    "plain_rak": ("masih RAK biasa, belum workbook monev", "still a plain RAK, not a monev workbook"),
    "sasaran": ("Sasaran", "Goal"),
    "indikator": ("Indikator", "Indicator"),
    "target": ("Target", "Target"),
    "realisasi_tahun": ("Realisasi", "Realisation"),
    "capaian": ("Capaian (%)", "Capaian (%)"),
    "kategori": ("Kategori", "Category"),
    "cell": ("Sel", "Cell"),
    "tw": ("Triwulan", "Quarter"),
    "spent_q": ("Realisasi triwulan", "Spent in the quarter"),
    "cumulative": ("Realisasi kumulatif", "Spent so far"),
    "linear": ("Rencana linier (Pagu x TW/4)", "Linear plan (Pagu x Q/4)"),
    "sheet_summary": ("Ringkasan", "Summary"),
    "sheet_charts": ("Grafik", "Charts"),
    "sheet_complete": ("Kelengkapan", "Completeness"),
    "sheet_goals": ("Per Sasaran", "By goal"),
    "sheet_annual": ("Tahunan", "Annual"),
    "sheet_failed": ("Tidak Terbaca", "Unreadable"),
    "chart_capaian": ("Capaian rata-rata per unit (%)", "Average capaian by unit (%)"),
    "chart_gap": ("Serapan dan capaian per unit (%)", "Absorption and capaian by unit (%)"),
    "chart_quarters": ("Realisasi anggaran per triwulan terhadap rencana (Rp)",
                       "Spending by quarter against the plan (Rp)"),
    "below": ("Indikator di bawah target pada triwulan {q}", "Indicators below target in quarter {q}"),
    "none_below": ("Tidak ada indikator di bawah target.", "No indicator below target."),
    "annual_title": ("Capaian kinerja tahun {year} s.d. triwulan {q} (LKjIP Bab III)",
                     "Performance {year} up to quarter {q} (LKjIP chapter III)"),
    "reason": ("Alasan", "Reason"),
    "done": ("rekap triwulan {q} ditulis ke {out}: {units} unit, {files} file",
             "quarter {q} roll-up written to {out}: {units} {units:unit|units}, {files} {files:file|files}"),
}

#: Sentences of the command line (what it wrote, what it refuses), by key.
CLI_WORDS = {
    "cli.wrote": ("ditulis: {path} ({what})", "wrote {path} ({what})"),
    "cli.wrote_file": ("ditulis: {path}", "wrote {path}"),
    "cli.sheets": ("{n} sheet", "{n} {n:sheet|sheets}"),
    "cli.rows": ("{n} baris", "{n} {n:row|rows}"),
    "cli.suffix_format": ("akhiran {out} tidak cocok dengan --to {fmt}; pakai nama berakhiran .{fmt}",
                          "the suffix of {out} does not match --to {fmt}; use a name ending in .{fmt}"),
    "cli.xlsx_needs_output": ("--to xlsx perlu -o NAMA.xlsx (workbook tidak dicetak ke layar)",
                              "--to xlsx needs -o NAME.xlsx (a workbook is not printed on the screen)"),
    "cli.bad_by": ("--by '{by}' tidak dikenal; pilih dari {keys}", "--by '{by}' is unknown; choose from {keys}"),
    "cli.annotate_one": ("--annotate hanya untuk satu FILE", "--annotate takes one FILE only"),
    "cli.cancelled": ("dibatalkan", "cancelled"),
    "format.need_output": ("sebutkan file keluaran dengan -o OUT, atau --in-place untuk menimpa {file} "
                           "(aslinya disimpan dulu sebagai cadangan .bak)",
                           "give an output file with -o OUT, or --in-place to overwrite {file} "
                           "(the original is kept first as a .bak backup)"),
    "format.same": ("keluaran sama dengan masukan {file}; pakai --in-place untuk menimpanya "
                    "(aslinya disimpan dulu sebagai cadangan .bak)",
                    "the output is the input {file}; use --in-place to overwrite it "
                    "(the original is kept first as a .bak backup)"),
    "format.both": ("--in-place menimpa {file}; jangan pakai -o ke file lain bersamanya",
                    "--in-place overwrites {file}; do not combine it with -o to another file"),
    "format.xlsx": ("keluaran {out} harus berakhiran .xlsx (rakxl menulis workbook .xlsx); pakai -o NAMA.xlsx",
                    "the output {out} must end in .xlsx (rakxl writes .xlsx workbooks); use -o NAME.xlsx"),
    "format.done": ("ditulis: {out} ({n} sheet RAK, kertas {paper})",
                    "wrote {out} ({n} RAK {n:sheet|sheets}, {paper} paper)"),
    "format.family": ("tata letak resmi KPU ditulis (dibaca dari bentuk tabel {families})",
                      "wrote the KPU official layout (read from the table family {families})"),
    "format.backup": ("aslinya disimpan sebagai {backup}", "the original is kept as {backup}"),
    "format.changed_text": ("diubah: sheet '{sheet}' sel {cell}: Pagu '{value}' (teks) ditulis sebagai angka {amount}",
                            "changed: sheet '{sheet}' cell {cell}: Pagu '{value}' (text) written as the number {amount}"),
}

#: click's own messages (usage errors, --help), by click's English text: the
#: Indonesian that :func:`click_words` gives them. Texts not listed stay English.
CLICK_ID = {
    "Show this message and exit.": "Tampilkan pesan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "Usage:": "Pemakaian:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Error: {message}": "Kesalahan: {message}",
    "Try '{command} {option}' for help.": "Coba '{command} {option}' untuk bantuan.",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "Missing argument": "Argumen tidak ada",
    "Missing option": "Opsi tidak ada",
    "Missing parameter": "Parameter tidak ada",
    "Missing {param_type}": "{param_type} tidak ada",
    "Missing command.": "Perintah tidak ada.",
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
    "No such option {name!r}.": "Tidak ada opsi {name!r}.",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Option {name!r} requires an argument.": "Opsi {name!r} memerlukan nilai.",
    "Option {name!r} requires {nargs} arguments.": "Opsi {name!r} memerlukan {nargs} nilai.",
    "Got unexpected extra argument ({args})": "Ada argumen lebih yang tidak dikenal ({args})",
    "Got unexpected extra arguments ({args})": "Ada argumen lebih yang tidak dikenal ({args})",
    "{value!r} is not {choice}.": "{value!r} bukan {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} bukan salah satu dari {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan {number_type} yang sah.",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah sebuah folder.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah sebuah file.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulis.",
    "Did you mean {possibility}?": "Maksudnya {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Maksudnya salah satu dari: {possibilities}?)",
    "Aborted!": "Dibatalkan!",
    "default: {default}": "bawaan: {default}",
    "env var: {var}": "variabel lingkungan: {var}",
    "integer": "bilangan bulat",
    "file": "file",
    "directory": "folder",
    "path": "path",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
}
_CLICK_MODULES = ("core", "types", "exceptions", "formatting", "decorators", "parser", "termui")


def click_words(lang: str = "id"):
    """A context manager in which click's own messages speak ``lang`` (Indonesian from
    :data:`CLICK_ID`); click's modules get their English back on exit. The command
    line uses it around a run; the library never touches click."""
    import contextlib
    import importlib

    @contextlib.contextmanager
    def scope():
        if lang == "en":
            yield
            return
        saved = []
        for name in _CLICK_MODULES:
            try:
                module = importlib.import_module(f"click.{name}")
            except ImportError:  # pragma: no cover - a click without this module
                continue
            for attr, fn in (("_", lambda m: CLICK_ID.get(m, m)),
                             ("ngettext", lambda one, many, n: CLICK_ID.get(one if n == 1 else many,
                                                                             one if n == 1 else many))):
                if hasattr(module, attr):
                    saved.append((module, attr, getattr(module, attr)))
                    setattr(module, attr, fn)
        try:
            yield
        finally:
            for module, attr, old in reversed(saved):
                setattr(module, attr, old)

    return scope()


def money(amount, lang: str = "id") -> str:
    """Rupiah as ``lang`` writes it: ``Rp 3.051.446.000`` (id), ``Rp 3,051,446,000`` (en)."""
    return f"Rp {number(amount, lang)}"


def decimal(x, lang: str = "id", places: int = 2) -> str:
    """A number with ``places`` decimals the way ``lang`` writes it: ``1.234,50`` (id),
    ``1,234.50`` (en)."""
    text = f"{x:,.{places}f}"
    return text if lang == "en" else text.translate(str.maketrans(",.", ".,"))


def number(n, lang: str = "id") -> str:
    """A whole number grouped the way ``lang`` writes it: ``314.572.800`` (id), ``314,572,800`` (en)."""
    grouped = f"{int(n):,}"
    return grouped if lang == "en" else grouped.replace(",", ".")


# -- the table contract (rakxl.reader.contract): refusals of tables that are no RAK --
#: Words of the refusals: (id, en).
CONTRACT_WORDS = {
    "contract.not_rak": ("bukan tabel RAK", "not a RAK table"),
    "contract.looked": ("diperiksa: {sheets}", "looked at: {sheets}"),
    "contract.more_sheets": ("{names} dan {n} sheet lain", "{names} and {n} more sheets"),
    "contract.no_header": ("tidak ada baris judul kolom yang dikenal (seperti 'Nama Kegiatan/Aksi' dan 'Pagu Anggaran')",
                  "no known header row (such as 'Nama Kegiatan/Aksi' and 'Pagu Anggaran')"),
    "contract.candidate": ("sheet '{sheet}' baris {row} punya {found}", "sheet '{sheet}' row {row} has {found}"),
    "contract.missing": ("tetapi tidak ada {missing}", "but no {missing}"),
    "contract.and": (" dan ", " and "),
    "contract.side_by_side": ("{roles} ada dua kali di baris judul ({cells}): dua tabel berdampingan; pisahkan ke sheet "
                     "masing-masing",
                     "{roles} stand twice in the header row ({cells}): two tables side by side; put each on a "
                     "sheet of its own"),
    "contract.thousands": ("kolom '{text}' ({cell}) dalam ribuan rupiah; rakxl tidak mengalikan sendiri: ubah ke rupiah penuh",
                  "column '{text}' ({cell}) is in thousands of rupiah; rakxl does not multiply on its own: write "
                  "full rupiah"),
    "contract.budget_like": ("kolom '{text}' ({cell}) bukan Pagu Anggaran", "column '{text}' ({cell}) is no Pagu Anggaran"),
    "contract.empty": ("judul kolom RAK lengkap tetapi tidak ada satu pun baris kegiatan di bawahnya",
              "a full RAK header but not one activity row below it"),
    "contract.looks_like": ("tampaknya {what}", "it looks like {what}"),
    "contract.rollup": ("baris ringkasan: Pagu {amount} di {cell} (No {no}) adalah jumlah {count} baris Pagu di bawahnya "
               "({first}:{last}){more}; program di atas kegiatan dihitung dua kali bila dijumlahkan",
               "roll-up rows: the Pagu {amount} in {cell} (No {no}) is the sum of the {count} Pagu lines below it "
               "({first}:{last}){more}; program over kegiatan would be counted twice"),
    "contract.rollup_more": (", dan {n} baris ringkasan lain", ", and {n} more roll-up rows"),
}

#: Words of the diff (rakxl diff): its summary, kinds of change, the parts of a plan.
DIFF_WORDS = {
    "diff.title": ("Perubahan RAK", "RAK changes"),
    "diff.old": ("lama", "old"),
    "diff.new": ("baru", "new"),
    "diff.nothing": ("Tidak ada perubahan.", "No changes."),
    "diff.total": ("Total Pagu", "Total Pagu"),
    "diff.by_pelaksana": ("Pagu per Pelaksana:", "Pagu per Pelaksana:"),
    "diff.goal": ("Sasaran", "Goal"),
    "diff.was_no": ("sebelumnya {no}", "was {no}"),
    "diff.added": ("baru", "added"),
    "diff.removed": ("dihapus", "removed"),
    "diff.changed": ("diubah", "changed"),
    "diff.renamed": ("ganti nama", "renamed"),
    "diff.renumbered": ("nomor berubah", "renumbered"),
    "diff.same": ("sama", "same"),
    "diff.text_was": ("teks sebelumnya", "text was"),
    "diff.activity": ("Kegiatan", "Activity"),
    "diff.renumbered_goals": ("Nomor Sasaran berubah, isi sama: {pairs}", "Goals renumbered, content unchanged: {pairs}"),
    "diff.meta": ("Judul dan tanda tangan:", "Title and signature:"),
    "diff.was": ("Sebelumnya", "Was"),
    "diff.new_activity": ("Kegiatan baru", "New activity"),
    "diff.more_activities": ("dan {n} kegiatan lain", "and {n} more"),
    "diff.new_goal": ("Sasaran baru", "New goal"),
    "diff.removed_activities": ("Kegiatan dihapus", "Activities removed"),
    "diff.empty": ("(kosong)", "(blank)"),
    "diff.level_sasaran": ("Sasaran", "Goal"),
    "diff.level_kegiatan": ("Kegiatan", "Activity"),
    "diff.level_pelaksana": ("Pelaksana", "Pelaksana"),
    "diff.level_judul": ("Judul", "Title"),
    "diff.sheet_heading": ("== Sheet '{old}' -> '{new}' ==", "== Sheet '{old}' -> '{new}' =="),
    "diff.sheet_removed_line": ("Sheet RAK '{sheet}' tidak ada lagi di RAK baru (Pagu {pagu} hilang)",
                           "RAK sheet '{sheet}' is missing from the new plan (Pagu {pagu} gone)"),
    "diff.sheet_added_line": ("Sheet RAK baru '{sheet}' (Pagu {pagu})", "New RAK sheet '{sheet}' (Pagu {pagu})"),
    "diff.no_such_sheet": ("tidak ada sheet RAK '{sheet}' di kedua file", "no RAK sheet '{sheet}' in either file"),
}

#: Labels of the fields of a plan, as the diff names them (Kolom of the Perubahan sheet).
FIELD_WORDS = {
    "field.no": ("No", "No"),
    "field.sasaran": ("Sasaran", "Goal"),
    "field.kegiatan": ("Nama Kegiatan", "Activity name"),
    "field.indikator": ("Indikator", "Indicator"),
    "field.target_indikator": ("Target Indikator", "Indicator target"),
    "field.target_kegiatan": ("Target Kegiatan", "Activity target"),
    "field.tw1": ("Triwulan I", "Quarter I"),
    "field.tw2": ("Triwulan II", "Quarter II"),
    "field.tw3": ("Triwulan III", "Quarter III"),
    "field.tw4": ("Triwulan IV", "Quarter IV"),
    "field.pelaksana": ("Pelaksana", "Pelaksana"),
    "field.pagu": ("Pagu", "Pagu"),
    "field.year": ("Tahun", "Year"),
    "field.organization": ("Organisasi", "Organization"),
    "field.unit": ("Unit", "Unit"),
    "field.place": ("Tempat", "Place"),
    "field.signed_on": ("Tanggal", "Date"),
    "field.signatory_title": ("Jabatan penandatangan", "Signatory title"),
    "field.signatory": ("Penandatangan", "Signatory"),
    "field.nip": ("NIP", "NIP"),
}


#: Words of the sheet-level changes of a diff over several RAK sheets.
DIFF_SHEET_WORDS = {
    "diff.sheet_change": ("Perubahan sheet", "Sheet change"),
    "diff.sheet_removed": ("sheet RAK dihapus", "RAK sheet removed"),
    "diff.sheet_added": ("sheet RAK baru", "RAK sheet added"),
}

#: The sections merged into :data:`CATALOGUE` (a key in two sections is an error at import).
CATALOGUE_SECTIONS = (MESSAGES, OUTPUT_WORDS, CLI_WORDS, DIFF_WORDS, FIELD_WORDS, CONTRACT_WORDS, DIFF_SHEET_WORDS,
                      ERROR_WORDS)


def _merge(sections) -> dict:
    out: dict = {}
    for section in sections:
        shared = out.keys() & section.keys()
        if shared:
            raise RuntimeError(f"rakxl.i18n: keys in two sections: {', '.join(sorted(shared))}")
        out.update(section)
    return out


CATALOGUE = _merge(CATALOGUE_SECTIONS)


# -- findings ---------------------------------------------------------------------------
# What the checker says (rakxl.findings, rakxl.rules): one entry per finding code, the
# phrases its messages are made of, and the column labels they name. A rule passes a
# finding's parameters only (see rakxl.findings.make); its messages in both languages are
# rendered here.

#: Column labels in finding messages (the short names of layout's columns).
COLUMN_LABELS = {
    "no": ("No", "No"),
    "sasaran": ("Sasaran", "Goal"),
    "indikator": ("Indikator", "Indicator"),
    "target_indikator": ("Target Indikator", "Indicator target"),
    "kegiatan": ("Nama Kegiatan", "Activity"),
    "target_kegiatan": ("Target Kegiatan", "Activity target"),
    "tw1": ("Triwulan I", "Quarter I"),
    "tw2": ("Triwulan II", "Quarter II"),
    "tw3": ("Triwulan III", "Quarter III"),
    "tw4": ("Triwulan IV", "Quarter IV"),
    "pagu": ("Pagu Anggaran", "Pagu (budget)"),
    "pelaksana": ("Pelaksana", "Pelaksana"),
}

#: Per finding code: (title, message template), each an (Indonesian, English) pair.
FINDING_TEXTS = {
    "missing-budget": (
        ("Pagu kosong", "Missing budget"),
        ("Sasaran {no} tidak memiliki Pagu Anggaran di baris mana pun",
         "Goal {no} has no Pagu (budget) on any of its rows")),
    "merged-cell-gap": (
        ("Celah sel gabungan", "Gap in merged cells"),
        ("Sel {column_label} kosong dan tidak digabung (merge), padahal kolom ini memakai sel gabungan; "
         "dianggap lanjutan sel di atasnya",
         "The {column_label} cell is blank and not merged although this column uses merged cells; "
         "read as continuing the cell above")),
    "merge-crosses-goal": (
        ("Sel gabungan melintasi sasaran", "Merge crosses goals"),
        ("Sel gabungan {range} (kolom {column_label}) melintasi baris Sasaran {goals}",
         "Merged range {range} (column {column_label}) spans rows of goals {goals}")),
    "numbering": (
        ("Nomor tidak urut", "Numbering"),
        ("{what}; seharusnya {expected}", "{what}; expected {expected}")),
    "amount-as-text": (
        ("Pagu berupa teks", "Amount typed as text"),
        ("Pagu '{value}' diketik sebagai teks; Excel tidak dapat menjumlahkannya (dibaca {amount})",
         "Pagu '{value}' is typed as text; Excel cannot sum it (read as {amount})")),
    "amount-invalid": (
        ("Pagu tidak terbaca", "Unreadable amount"),
        ("Sel Pagu berisi '{value}', bukan jumlah uang yang dapat dibaca",
         "The Pagu cell holds '{value}', not a readable amount")),
    "formula-no-cache": (
        ("Rumus tanpa nilai", "Formula without value"),
        ("Rumus Pagu {value} tidak punya nilai tersimpan dan tidak dapat dihitung; buka dan simpan "
         "ulang file di Excel",
         "The Pagu formula {value} has no saved value and cannot be evaluated; open and save the "
         "file again in Excel")),
    "total-mismatch": (
        ("Jumlah tidak cocok", "Total mismatch"),
        ("Baris jumlah menyatakan {stated}, tetapi jumlah Pagu semua baris anggaran adalah {computed} "
         "(selisih {difference})",
         "The total row states {stated}, but the budget lines add up to {computed} "
         "(difference {difference})")),
    "duplicate-goal": (
        ("Sasaran ganda", "Duplicate goal"),
        ("Sasaran {no} sama dengan Sasaran {other}: '{sasaran}'", "Goal {no} repeats goal {other}: '{sasaran}'")),
    "duplicate-budget": (
        ("Anggaran ganda", "Duplicate budget"),
        ("Pagu Sasaran {no} ({amount}) {reason}; anggaran bisa terhitung dua kali",
         "The Pagu of goal {no} ({amount}) {reason}; the money may be counted twice")),
    "pelaksana-variant": (
        ("Nama Pelaksana berbeda", "Pelaksana variant"),
        ("Pelaksana '{name}' ({count} baris) tampaknya varian dari '{other}' ({other_count} baris); "
         "total per Pelaksana akan terpecah",
         "Pelaksana '{name}' ({count} rows) looks like a variant of '{other}' ({other_count} rows); "
         "totals by Pelaksana would be split")),
    "target-format": (
        ("Target tidak terbaca", "Unreadable target"),
        ("Target '{value}' tidak dapat ditafsirkan: bukan persentase (100 %), nilai/predikat (B, WTP) "
         "atau jumlah dengan satuan (4 lap)",
         "Target '{value}' cannot be interpreted: not a percentage (100 %), a grade (B, WTP) "
         "or a count with a unit (4 lap)")),
    "target-unit-mismatch": (
        ("Satuan target berbeda", "Target unit mismatch"),
        ("Target kegiatan '{value}' memakai satuan lain ({unit}) dari target indikatornya "
         "'{indicator_target}' ({indicator_unit})",
         "Activity target '{value}' uses another unit ({unit}) than its indicator's target "
         "'{indicator_target}' ({indicator_unit})")),
    "nip-invalid": (
        ("NIP tidak sah", "Invalid NIP"),
        ("NIP '{value}' tidak sah: {reason}", "NIP '{value}' is not valid: {reason}")),
    "missing-pelaksana": (
        ("Pelaksana kosong", "Missing Pelaksana"),
        ("Kegiatan Sasaran {no} tidak memiliki Pelaksana", "An activity of goal {no} has no Pelaksana")),
    "empty-activity": (
        ("Nama kegiatan kosong", "Empty activity"),
        ("Baris {row} memiliki {what} tetapi tidak memiliki nama kegiatan", "Row {row} has {what} but no activity name")),
    "budget-unlinked": (
        ("Pagu tanpa sasaran", "Budget line without a goal"),
        ("Baris anggaran '{text}' tidak dapat dikaitkan ke satu sasaran (nomor atau teksnya tidak menunjuk satu "
         "sasaran): dihitung sebagai Pagu organisasi, tanpa sasaran",
         "Budget line '{text}' cannot be linked to one goal (neither its number nor its text names one): "
         "counted as the organisation's budget, with no goal")),
    "unit-cost-ignored": (
        ("Biaya satuan bukan Pagu", "Unit cost is not the budget"),
        ("Kolom {unit_cost} adalah biaya satuan; Pagu dibaca dari kolom {total}",
         "Column {unit_cost} is a unit cost; the budget is read from column {total}")),
    # monitoring (rakxl.monitoring.rules)
    "monev-over-pagu": (
        ("Realisasi melebihi Pagu", "Spending above Pagu"),
        ("Realisasi anggaran s.d. triwulan {q} ({spent}) melebihi Pagu {pagu} di {pagu_cell}",
         "Spending up to quarter {q} ({spent}) exceeds the Pagu {pagu} at {pagu_cell}")),
    "monev-budget-repeated": (
        ("Realisasi anggaran diketik berulang", "Spending typed on several rows"),
        ("Realisasi anggaran triwulan {q} diketik di {n} baris satu Pagu ({cells}: {values}); realisasi milik "
         "baris Pagu, bukan tiap kegiatan, dan hanya sel pertama yang dihitung",
         "Quarter {q} spending is typed on {n} rows of one Pagu ({cells}: {values}); spending belongs to the "
         "budget line, not to each activity, and only the first cell counts")),
    "monev-no-target": (
        ("Realisasi tanpa target", "Realisation without a target"),
        ("Realisasi '{value}' triwulan {q} dilaporkan, tetapi '{target}' bukan target berupa angka; capaian "
         "tidak terdefinisi",
         "Realisation '{value}' reported for quarter {q}, but '{target}' is no numeric target; capaian is not "
         "defined")),
    "monev-missing": (
        ("Realisasi belum diisi", "Realisation missing"),
        ("Realisasi {level} triwulan {q} kosong (belum dilaporkan: {cells}), padahal laporan sudah s.d. triwulan {upto}",
         "The {level} realisation of quarter {q} is blank (not reported: {cells}) although the report is up to "
         "quarter {upto}")),
    "monev-cumulative-typed": (
        ("Angka kumulatif di sel triwulan", "Cumulative figures typed"),
        ("Realisasi triwulan {values} naik terus dan jumlahnya ({total}) melampaui target {target}, padahal "
         "nilai terakhir ({last}) tidak; tampaknya angka kumulatif diketik di sel per triwulan (isi hanya "
         "realisasi triwulan itu)",
         "Quarter realisations {values} keep rising and add up to {total}, above the target {target}, while the "
         "last one ({last}) is not; cumulative figures seem typed into per-quarter cells")),
    "monev-invalid": (
        ("Realisasi tidak sah", "Invalid realisation"),
        ("Realisasi triwulan {q} '{value}' {reason}",
         "Quarter {q} realisation '{value}' {reason}")),
    "monev-over-cap": (
        ("Capaian melebihi batas", "Capaian above the cap"),
        ("Capaian triwulan {q} {value} melebihi batas {cap}; ditampilkan {cap}",
         "Quarter {q} capaian {value} is above the cap {cap}; shown as {cap}")),
    "monev-no-evidence": (
        ("Bukti dukung kosong", "No evidence"),
        ("Kegiatan tercapai {value} pada triwulan {q}, tetapi Bukti Dukung ({cell}) kosong",
         "The activity reached {value} in quarter {q}, but its evidence cell ({cell}) is blank")),
}

#: Parts of finding messages that a rule chooses (:class:`Phrase`), with their own parameters.
FINDING_PHRASES = {
    "goal-position": ("ke-{n}", "#{n}"),                     # a goal without a No, by position
    "and": (" dan ", " and "),
    # duplicate-budget
    "repeats-lines": ("mengulang baris anggaran dan kegiatan Sasaran {other}",
                      "repeats the budget lines and activities of goal {other}"),
    "equals-total": ("sama dengan Pagu Sasaran {other}, yang Sasarannya sama",
                     "equals the Pagu of goal {other}, which has the same Sasaran"),
    # numbering
    "goal-without-number": ("Sasaran tanpa nomor", "Goal without a number"),
    "number-out-of-sequence": ("Nomor Sasaran '{written}' tidak urut", "Goal number '{written}' is out of sequence"),
    # empty-activity
    "has-pagu": ("Pagu", "a Pagu"),
    "has-targets": ("target", "targets"),
    # target units
    "unit-grade": ("nilai", "grade"),
    # nip-invalid
    "nip-not-digits": ("harus berupa 18 angka (spasi boleh)", "must be 18 digits (spaces allowed)"),
    "nip-length": ("harus 18 angka, tertulis {n} angka", "must have 18 digits, has {n}"),
    "nip-birth-date": ("tanggal lahir {digits} bukan tanggal yang ada (TTTTBBHH)",
                       "birth date {digits} is not a real date (YYYYMMDD)"),
    "nip-birth-year": ("tahun lahir {year} tidak masuk akal", "birth year {year} is implausible"),
    "nip-month": ("bulan pengangkatan {digits} tidak sah (TTTTBB)",
                  "appointment month {digits} is not valid (YYYYMM)"),
    "nip-month-order": ("bulan pengangkatan {digits} tidak sesudah tanggal lahir {born}",
                        "appointment month {digits} is not after the birth date {born}"),
    "nip-gender": ("digit jenis kelamin {digit} harus 1 atau 2", "gender digit {digit} must be 1 or 2"),
    # monitoring: which level a realisation belongs to, why a realisation is invalid, a Pagu as a target
    "level-indikator": ("indikator", "indicator"),
    "level-kegiatan": ("kegiatan", "activity"),
    "not-a-grade": ("bukan nilai pada skala target", "is not a grade of the target's scale"),
    "not-a-number": ("bukan angka (ketik angka saja, tanpa % atau satuan)", "is not a number (type the number only)"),
    "not-an-amount": ("bukan jumlah rupiah berupa angka", "is not an amount typed as a number"),
    "negative": ("negatif", "is negative"),
    "pagu-amount": ("Pagu {amount}", "Pagu {amount}"),
}


class Money(int):
    """An amount in a message: ``Rp 1.159.691.000`` in Indonesian, ``Rp 1,159,691,000`` in English."""


class Label(str):
    """A column role named in a message by its label in each language (:data:`COLUMN_LABELS`)."""


class Phrase:
    """A phrase of :data:`FINDING_PHRASES` with its parameters, rendered in each language."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, **params):
        if key not in FINDING_PHRASES:
            raise KeyError(f"unknown phrase {key!r}")
        self.key, self.params = key, params

    def __eq__(self, other):
        return isinstance(other, Phrase) and (self.key, self.params) == (other.key, other.params)

    def __repr__(self):
        return f"Phrase({self.key!r}, **{self.params!r})"


class Both(tuple):
    """A value already said in each language, ``Both(("ke-4", "#4"))``: for values the
    catalogue has no phrase for (prefer :class:`Phrase`)."""


class AndList(tuple):
    """Values named together: ``a dan b`` / ``a and b`` for two, ``a, b, c`` otherwise."""


def goal_ref(no, goal):
    """How a message names a goal: its No as written, or by position when it has none."""
    if no is not None:
        return str(no)
    return Phrase("goal-position", n=goal) if goal is not None else "?"


def severity_label(severity: str, lang: str = "id") -> str:
    """``peringatan`` / ``warning`` (the words of :data:`OUTPUT_WORDS`)."""
    return pick(OUTPUT_WORDS[f"severity.{severity}"], lang)


def column_label(role, lang: str = "id") -> str:
    """The label of a column role in messages (``Pelaksana``); ``?`` for None."""
    if role is None:
        return "?"
    pair = COLUMN_LABELS.get(role)
    if pair is None:
        from .layout import COLUMN_BY_ROLE

        return COLUMN_BY_ROLE[role].title if role in COLUMN_BY_ROLE else str(role)
    return pick(pair, lang)


def render_value(value, lang: str = "id") -> str:
    """One parameter of a finding as text in ``lang``."""
    if isinstance(value, Phrase):
        return pick(FINDING_PHRASES[value.key], lang,
                    **{k: render_value(v, lang) for k, v in value.params.items()})
    if isinstance(value, Money):
        from .layout import format_rupiah

        return pick((format_rupiah(value), f"Rp {int(value):,}"), lang)
    if isinstance(value, Label):
        return column_label(str(value), lang)
    if isinstance(value, Both):
        return str(pick(tuple(value), lang))
    if isinstance(value, AndList):
        items = [render_value(v, lang) for v in value]
        return pick(FINDING_PHRASES["and"], lang).join(items) if len(items) == 2 else ", ".join(items)
    if isinstance(value, (list, tuple)):
        return ", ".join(render_value(v, lang) for v in value)
    return str(value)


def finding_message(code: str, params: dict, lang: str = "id") -> str:
    """The message of finding ``code`` with ``params``, in ``lang``."""
    template = pick(FINDING_TEXTS[code][1], lang)
    return template.format(**{k: render_value(v, lang) for k, v in params.items()})


def finding_title(code: str, lang: str = "id") -> str:
    return pick(FINDING_TEXTS[code][0], lang)
