"""The one description of the RAK layout.

Everything that knows what a RAK table looks like reads it from here: the reader
(which header words mean which column), the checker (which columns form the
hierarchy) and the writer (titles, widths, formats, styles). Change a synonym or a
width here and every part of rakxl follows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One column of the official RAK table.

    Attributes:
        role: the key used for this column in every frame (``kegiatan``, ``pagu``...).
        number: the official column number, printed as ``(1)``..``(12)``.
        title: the official header text.
        synonyms: regular expressions matched (``re.fullmatch``) against a header
            cell's normalised text (see :func:`normalize_header`).
        level: which level of the hierarchy the column belongs to: ``goal``,
            ``indicator``, ``activity`` or ``budget``.
        width: column width in the official layout (Excel character units).
        kind: ``text``, ``center`` (short text, centred) or ``amount``.
    """

    role: str
    number: int
    title: str
    synonyms: tuple[str, ...]
    level: str
    width: float
    kind: str = "text"


TRIWULAN_GROUP_TITLE = "Pelaksanaan Kegiatan Triwulan"
#: Header words of the cell merged over the four quarter columns.
TRIWULAN_GROUP_SYNONYMS = (
    r"(pelaksanaan|jadwal|waktu|jadwal pelaksanaan|waktu pelaksanaan)?\s*(kegiatan\s*)?(per\s*)?(triwulan|tw)(\s*ke)?",
    r"(jadwal|waktu)\s*pelaksanaan(\s*kegiatan)?",
)

_ROMAN = ("i", "ii", "iii", "iv")


def _quarter_synonyms(q: int) -> tuple[str, ...]:
    roman = _ROMAN[q - 1]
    return (
        rf"(triwulan|tw|trw|tri wulan)\s*[-.]?\s*(ke\s*)?({roman}|{q})",
        rf"{roman}",
        rf"q{q}",
    )


COLUMNS: tuple[Column, ...] = (
    Column("no", 1, "No", (r"no\.?", r"nomor", r"no\.? urut"), "goal", 5, "center"),
    Column(
        "sasaran", 2, "Sasaran Program/Kegiatan",
        (r"sasaran.*", r"tujuan.*"), "goal", 30,
    ),
    Column(
        "indikator", 3, "Indikator Kinerja",
        (r"indikator.*", r"iku"), "indicator", 32,
    ),
    Column(
        "target_indikator", 4, "Target Indikator Kinerja",
        (r"target\s*(indikator|iku|kinerja).*",), "indicator", 11, "center",
    ),
    Column(
        "kegiatan", 5, "Nama Kegiatan/Aksi",
        (r"(nama\s*)?(kegiatan|aksi)(\s*/\s*(aksi|kegiatan))?", r"(uraian|rincian)\s*kegiatan.*",
         r"rencana\s*aksi.*", r"program\s*/\s*kegiatan"),
        "activity", 34,
    ),
    Column(
        "target_kegiatan", 6, "Target Kegiatan/Aksi",
        (r"target\s*(kegiatan|aksi|rencana\s*aksi).*",), "activity", 14, "center",
    ),
    Column("tw1", 7, "I", _quarter_synonyms(1), "activity", 9, "center"),
    Column("tw2", 8, "II", _quarter_synonyms(2), "activity", 9, "center"),
    Column("tw3", 9, "III", _quarter_synonyms(3), "activity", 9, "center"),
    Column("tw4", 10, "IV", _quarter_synonyms(4), "activity", 9, "center"),
    Column(
        "pagu", 11, "Pagu Anggaran",
        (r"(pagu|anggaran|pagu\s*anggaran|jumlah\s*anggaran|alokasi\s*anggaran|biaya|dana)"
         r"(\s*\(?\s*(rp|rupiah)\.?\s*\)?)?",),
        "budget", 16, "amount",
    ),
    Column(
        "pelaksana", 12, "Pelaksana Tingkat Pejabat Eselon IV",
        (r"pelaksana\b.*", r"penanggung\s*jawab.*", r"pj", r"pic", r"unit\s*pelaksana.*"),
        "activity", 20,
    ),
)

COLUMN_BY_ROLE = {c.role: c for c in COLUMNS}
ROLES = tuple(c.role for c in COLUMNS)
QUARTERS = ("tw1", "tw2", "tw3", "tw4")
#: A header that says only "Target": the first such column (before the activity) is
#: the indicator's target, a later one the activity's.
AMBIGUOUS_TARGET = r"target(\s*\(?(%|persen)\)?)?"

#: Columns that hold the hierarchy and continue over the rows below them (by a merge,
#: a blank continuation cell, or the same text repeated).
GOAL_ROLES = ("no", "sasaran")
INDICATOR_ROLES = ("indikator", "target_indikator")
HIERARCHY_ROLES = GOAL_ROLES + INDICATOR_ROLES + ("pelaksana",)
#: Columns that describe one activity row; never continued from the row above.
ACTIVITY_ROLES = ("kegiatan", "target_kegiatan") + QUARTERS

#: The label of a total row (normalised text of its No, Sasaran, Indikator or
#: Kegiatan cell): "JUMLAH", "TOTAL", "Jumlah Total", "Total Pagu Anggaran"...
TOTAL_ROW = re.compile(
    r"(sub\s*)?(jumlah|total|grand\s*total)"
    r"(\s+(total|keseluruhan|seluruhnya|anggaran|pagu|pagu\s*anggaran|biaya|dana))?"
    r"\s*(\(\s*rp\.?\s*\))?\s*:?")
#: How the label of a goal's own total row starts (a work plan's "Sub Total": checked
#: against the goal's lines, never counted), in the normalised text.
SUBTOTAL_PREFIX = "sub"

# -- the table contract: what makes a sheet a RAK table ---------------------------


@dataclass(frozen=True)
class TableContract:
    """What a sheet must show to be read as a RAK table of one family (README, "The
    table contract"). Anything less is refused, naming what was found and what is
    missing; no part of a RAK is ever guessed.

    Attributes:
        family: the family the contract is for (``kpu``: the official layout).
        required: groups of roles the header row must map; each group is satisfied
            by any one of its roles (``(("kegiatan",), ("pagu",), ("sasaran",
            "indikator"))``: an activity column, a budget column, and a goal or an
            indicator column).
        unique: roles that may stand only once in the header row: a second one is a
            second table beside the first (side by side), never a column to pick.
        min_activity_rows: the body must hold at least this many activity rows.
        rollup_levels: whether the family has levels whose amount is the sum of the
            rows below them (program over kegiatan, urusan over program). Where it
            has not, such rows are refused: summing them with their rows counts the
            money twice.

    Besides: a budget column whose header says its amounts are in thousands
    (:data:`THOUSANDS_HEADER`) is refused (rakxl never multiplies on its own), and a
    unit cost beside a total (:data:`UNIT_COST_HEADER`, :data:`BUDGET_TOTAL_HEADER`)
    reads the total, saying so in ``Rak.notes``.
    """

    family: str
    required: tuple[tuple[str, ...], ...]
    unique: tuple[str, ...]
    min_activity_rows: int = 1
    rollup_levels: bool = False


#: The contract of each family. Other families (goals as rows, a targets table with a
#: budget table, Pemda rencana aksi, monthly plans) add theirs here.
CONTRACTS = {
    "kpu": TableContract(
        "kpu",
        required=(("kegiatan",), ("pagu",), ("sasaran", "indikator")),
        unique=("no", "sasaran", "indikator", "kegiatan", "pagu", "pelaksana"),
    ),
    # The other RAK families (FAMILIES below; rakxl/reader/families/).
    "workplan": TableContract(  # goals are rows of their own; a goal's total is checked, never counted
        "workplan", required=(("kegiatan",), ("pagu",)),
        unique=("no", "indikator", "kegiatan", "pagu", "pelaksana"), rollup_levels=True,
    ),
    "targets-budget": TableContract(  # no activity column: each indicator row (its quarter actions) is one
        "targets-budget", required=(("sasaran",), ("indikator",), ("tw1",), ("tw2",), ("tw3",), ("tw4",)),
        unique=("no", "sasaran", "indikator", "pelaksana"),
    ),
    "pemda": TableContract(
        "pemda", required=(("kegiatan",), ("pagu",), ("sasaran", "indikator")),
        unique=("no", "sasaran", "indikator", "kegiatan", "pagu", "pelaksana"),
    ),
    "monthly": TableContract(
        "monthly", required=(("kegiatan",), ("pagu",), ("sasaran", "indikator")),
        unique=("no", "sasaran", "indikator", "kegiatan", "pagu", "pelaksana"),
    ),
}
#: The text of a row that is a level over kegiatan (``Program ...``, ``Urusan ...``):
#: with a Pagu that sums the rows below it, a roll-up row (``re.match``, any case).
ROLLUP_LEVEL_WORDS = r"\s*(urusan|bidang\s+urusan|program)\b"
#: How each required group is named in a refusal (Indonesian, English).
CONTRACT_GROUP_LABELS = {
    ("kegiatan",): ("kolom Nama Kegiatan/Aksi", "an activity column (Nama Kegiatan/Aksi)"),
    ("pagu",): ("kolom Pagu Anggaran", "a budget column (Pagu Anggaran)"),
    ("sasaran", "indikator"): ("kolom Sasaran atau Indikator", "a goal or indicator column (Sasaran, Indikator)"),
}

#: A budget column's header that says its amounts are in thousands of rupiah:
#: ``Pagu (Rp. 000)``, ``Anggaran (Rp ribu)``, ``Pagu Indikatif (dalam ribuan rupiah)``.
THOUSANDS_HEADER = re.compile(
    r"(pagu|anggaran|biaya|dana|jumlah|nilai|kebutuhan\s*dana).*("
    r"\(\s*(rp\.?\s*)?\.?000\s*\)|rp\.?\s*\.?000\b|\bribu(an)?\b|\brb\b)")
#: A budget column's header with a unit of its own beside the budget words
#: (``Pagu Indikatif (Rp.)``, ``Anggaran (Rp) 2021``...): a budget the KPU words do not
#: name, told in a refusal ("Pagu Indikatif (F8) is no Pagu Anggaran").
BUDGET_LIKE_HEADER = re.compile(r"(pagu|anggaran|biaya|dana|jumlah|nilai|kebutuhan\s*dana)\b.*")
#: A unit cost (``Biaya``, ``Harga Satuan``) and the total beside it (``Jumlah (Rp.)``,
#: ``Jumlah Biaya``): the total is the budget, and Rak.notes says so (unit-cost-ignored).
UNIT_COST_HEADER = re.compile(r"(biaya|harga)(\s*(satuan|per\s*(unit|satuan)))?(\s*\(?\s*(rp|rupiah)\.?\s*\)?)?")
BUDGET_TOTAL_HEADER = re.compile(
    r"(jumlah|total)(\s*(biaya|dana|harga|anggaran))?(\s*\(?\s*(rp|rupiah)\.?\s*\)?)?")

#: A cell above the header that is a page label or a table caption, never the
#: organisation or the unit: ``J-3``, ``Hal. 2``, ``Tabel``, ``Tabel 2.3 ...``,
#: ``Lampiran``, ``Formulir``.
CAPTION = re.compile(
    r"([a-z]{1,3}\s*[-./]\s*\d{1,3}[a-z]?"            # J-3, T-C.27, A.1
    r"|(hal(aman)?|page|hlm)\.?\s*:?\s*\d+(\s*(dari|/|of)\s*\d+)?"
    r"|(tabel|table|lampiran|form(ulir|at)?|model|gambar|bagan)\b.*"
    r"|\(?\d+[.)]?)", re.I)


@dataclass(frozen=True)
class Relative:
    """A kind of table that looks like a RAK but is not one, for the refusal to name.

    Attributes:
        name: a key (``renja-evaluation``...).
        label: what the refusal says it looks like (Indonesian, English).
        strong: patterns (``re.search`` in the normalised texts of the rows above
            and of the header) any one of which tells it.
        weak: patterns two of which tell it.
    """

    name: str
    label: tuple[str, str]
    strong: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()


#: The relatives a refusal can name, most specific first.
RELATIVES = (
    Relative("renja-evaluation", ("formulir evaluasi Renja (Permendagri 86/2017)",
                                  "a Renja evaluation form (Permendagri 86/2017)"),
             strong=(r"evaluasi\s+(terhadap\s+)?(hasil\s+)?(pelaksanaan\s+)?renja",
                     r"target\s+kinerja\s+dan\s+anggaran\s+renja"),
             weak=(r"realisasi\s+(capaian\s+)?kinerja", r"tingkat\s+capaian", r"renstra", r"renja",
                   r"capaian\s+kinerja")),
    Relative("renja", ("Renja / rancangan RKPD (review program dan kegiatan)",
                       "a Renja / draft RKPD review (programs and kegiatan)"),
             strong=(r"rancangan\s+(awal\s+)?rkpd", r"pagu\s+indikatif", r"rencana\s+kerja\s+perangkat\s+daerah"),
             weak=(r"\brenja\b", r"kebutuhan\s+dana", r"prakiraan\s+maju", r"\blokasi\b", r"target\s+capaian")),
    Relative("anggaran-kas", ("anggaran kas (Rencana Anggaran Kas, bukan Rencana Aksi Kinerja)",
                              "a cash budget (Rencana Anggaran Kas, not a Rencana Aksi Kinerja)"),
             strong=(r"anggaran\s+kas",),
             weak=(r"kode\s+rekening", r"\bjanuari\b", r"\bdesember\b", r"\bbulan\b")),
    Relative("dpa", ("ekspor DPA/RKA dari aplikasi keuangan", "a DPA/RKA export from a finance system"),
             strong=(r"dokumen\s+pelaksanaan\s+anggaran", r"rencana\s+kerja\s+(dan\s+)?anggaran",
                     r"\b(dpa|rka|dppa|rkpa)\b"),
             weak=(r"kode\s+rekening", r"koefisien", r"harga\s+satuan", r"\bppn\b", r"rincian\s+(perhitungan|belanja)",
                   r"\bvolume\b", r"\bsatuan\b")),
    Relative("code-list", ("daftar kode program/kegiatan/sub-kegiatan", "a code list of programs/kegiatan/sub-kegiatan"),
             strong=(r"nomenklatur",),
             weak=(r"\bkode\b", r"sub\s*kegiatan", r"\burusan\b", r"\bbidang\b", r"perangkat\s+daerah",
                   r"\bsatuan\b")),
    Relative("pk", ("Perjanjian Kinerja (PK)", "a performance agreement (Perjanjian Kinerja)"),
             strong=(r"perjanjian\s+kinerja",)),
    Relative("iku-monitoring", ("lembar pemantauan capaian IKU", "an IKU achievement monitoring sheet"),
             weak=(r"\brealisasi\b", r"\bcapaian\b", r"\biku\b", r"\bpersentase\s+capaian")),
)


def relative_of(texts) -> Relative | None:
    """The :data:`RELATIVES` entry that ``texts`` (cell texts above and in a header)
    tell, or None."""
    norm = " \n ".join(normalize_header(t) for t in texts if t)
    best, best_score = None, 0
    for rel in RELATIVES:
        if any(re.search(p, norm) for p in rel.strong):
            return rel
        score = sum(1 for p in rel.weak if re.search(p, norm))
        if score >= 2 and score > best_score:
            best, best_score = rel, score
    return best


#: A Pagu cell that says "no amount" (a dash, "nihil"): read as blank, nothing to note.
NIL_AMOUNTS = ("-", "–", "—", "--", "nihil")

#: The NIP line of a signature block ("NIP. 19700101 199003 1 001"); group 1 is the number.
NIP_LINE_PATTERN = r"nip\.?\s*[:.]?\s*(.*)"
#: A line above the header that only gives the year ("Tahun 2021", "2021"): never the
#: organisation or the unit.
YEAR_LINE = r"(tahun\s*)?(19|20)\d\d"

#: Title rows of the official layout; ``{year}``, ``{organization}``, ``{unit}`` filled in.
TITLE_LINES = ("RENCANA AKSI KINERJA TAHUN {year}", "{organization}", "{unit}")
TITLE_PATTERN = re.compile(r"rencana\s+aksi(\s+kinerja)?.*?\b((19|20)\d\d)\b", re.I)

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)

#: How dates spell months besides ``MONTHS_ID`` and their first three letters
#: (old spellings, abbreviations, English), lower case -> month number.
MONTH_SPELLINGS = {
    "agu": 8, "agt": 8, "ags": 8, "nop": 11, "des": 12, "peb": 2, "pebruari": 2, "nopember": 11,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10, "oct": 10, "december": 12, "dec": 12,
}

#: Number format of Pagu amounts.
AMOUNT_FORMAT = "#,##0"
RUPIAH_FORMAT = '"Rp "#,##0'

#: xlsxwriter format properties of the official layout, by purpose.
STYLES = {
    "title": {"bold": True, "align": "center", "valign": "vcenter", "font_size": 12},
    "header": {
        "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True,
        "border": 1, "bg_color": "#D9E1F2",
    },
    "number_row": {
        "italic": True, "align": "center", "valign": "vcenter", "border": 1,
        "font_size": 9, "bg_color": "#F2F2F2",
    },
    "text": {"valign": "top", "text_wrap": True, "border": 1},
    "center": {"valign": "top", "align": "center", "text_wrap": True, "border": 1},
    "amount": {"valign": "top", "border": 1, "num_format": AMOUNT_FORMAT},
    "total_label": {"bold": True, "align": "center", "valign": "vcenter", "border": 1},
    "total_amount": {"bold": True, "valign": "vcenter", "border": 1, "num_format": AMOUNT_FORMAT},
    "signature": {"align": "center"},
    "signature_name": {"align": "center", "bold": True, "underline": True},
}

# -- what the writer adds (rakxl.writer) ---------------------------------------

#: The font of every cell the writer writes. Arial is on every Windows Excel, and
#: LibreOffice substitutes the metric-compatible Liberation Sans, so row heights
#: computed for it fit in both programs.
FONT = {"font_name": "Arial", "font_size": 10}
#: Fill of cells marked by a revision diff (Excel's "Good" green, "Neutral" yellow).
MARK_COLORS = {"added": "#C6EFCE", "changed": "#FFEB9C"}
#: Fill of rows in the diff's change list, by kind of change ("Bad" red for removals).
CHANGE_COLORS = {**MARK_COLORS, "removed": "#FFC7CE", "renamed": MARK_COLORS["changed"], "renumbered": None}
#: Fill of cells flagged by the checker in an annotated copy (light red, light amber);
#: info findings get a comment only.
FINDING_COLORS = {"error": "#FFC7CE", "warning": "#FFE699"}
#: Label of the total row the writer writes under the table.
TOTAL_LABEL = "JUMLAH"
#: The last line of the signature block.
NIP_LINE = "NIP. {nip}"
#: Page footer (Excel header/footer codes): "Halaman 2 dari 5".
PAGE_FOOTER = "&CHalaman &P dari &N"
#: Width of a column the official layout does not know (Rak.extra_columns).
EXTRA_COLUMN_WIDTH = 20


@dataclass(frozen=True)
class Paper:
    """A paper size the writer prints on.

    Attributes:
        code: the Excel paper code (``pageSetup paperSize``).
        width_mm, height_mm: the sheet of that code, portrait.
    """

    code: int
    width_mm: float
    height_mm: float


#: Paper sizes by the name staff use. Excel has no F4 code: F4 (215 x 330 mm) is
#: printed as Excel's code 14 "Folio 8 1/2 x 13 in" (215.9 x 330.2 mm), less than
#: 1 mm off on each side.
PAPERS = {
    "A4": Paper(9, 210.0, 297.0),
    "F4": Paper(14, 215.9, 330.2),
    "Legal": Paper(5, 215.9, 355.6),
}

def normalize_header(text: object) -> str:
    """Lower-case a header cell, fold line breaks and runs of spaces into one space."""
    if text is None:
        return ""
    return " ".join(str(text).split()).lower()  # split(): the whitespace of \s, runs folded


#: Roles tried in this order (:func:`rakxl.synonyms.match_header`), so that "Target Indikator
#: Kinerja" is a target and not an indicator, and "Pelaksanaan Kegiatan Triwulan" is the
#: quarter group, not a Pelaksana.
MATCH_ORDER = ("no", "target_indikator", "target_kegiatan", "tw1", "tw2", "tw3", "tw4",
               "pagu", "pelaksana", "indikator", "sasaran", "kegiatan")


def format_rupiah(amount: int | float | None) -> str:
    """``3051446000`` -> ``"Rp 3.051.446.000"`` (Indonesian grouping)."""
    if amount is None:
        return "-"
    return "Rp " + f"{int(amount):,}".replace(",", ".")


def format_date_id(day) -> str:
    """A date in Indonesian: ``28 Januari 2021``."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"

# -- the monitoring (monev) workbook (rakxl.monitoring.workbook) ------------------

#: Column widths of the plan columns in a monev workbook: narrower than the official
#: layout, so that the plan identifiers and one quarter fit an A4 landscape page.
MONEV_WIDTHS = {"no": 5, "sasaran": 20, "indikator": 24, "target_indikator": 11, "kegiatan": 26,
                "target_kegiatan": 12, "tw1": 6, "tw2": 6, "tw3": 6, "tw4": 6, "pagu": 14, "pelaksana": 16}
#: Title lines of a monev sheet.
MONEV_TITLE_LINES = ("MONITORING DAN EVALUASI RENCANA AKSI KINERJA TAHUN {year}", "{organization}", "{unit}")
#: Fills of a monev sheet: the plan (grey, protected), input cells, formulas.
#: Fills of capaian categories, best first (Excel's "Good" green to "Bad" red); a
#: rakxl.toml with another number of categories takes them by position.
CATEGORY_FILLS = ("#C6EFCE", "#E2EFDA", "#FFEB9C", "#FCE4D6", "#FFC7CE")
#: Fills of a unit's reporting status in ``rakxl rekap``.
STATUS_FILLS = {"lapor": "#C6EFCE", "sebagian": "#FFEB9C", "belum": "#FFC7CE", "tidak_ada_file": "#FFC7CE"}
MONEV_FILLS = {"plan": "#EDEDED", "input": "#FFF9E5", "formula": "#E2EFDA", "none": "#D0D0D0"}
#: Number format of capaian and serapan percentages.
PERCENT_NUMBER_FORMAT = "0.00"


# -- RAK families: the other shapes offices write the same plan in -----------------
#
# The plan is always goal -> indicator -> activity -> quarter targets -> budget ->
# responsible unit; offices lay it out in a few recurring shapes ("families"). Each
# family is described here once: which header words name which column, where goals
# and budgets live and what a total row says. The reader picks the family from the
# header words (never from the file name) and reads every family into the same
# model (:class:`rakxl.model.Rak`; ``Rak.family`` names it). The KPU layout above is
# the family ``kpu``; the writer writes it whatever family was read.

#: Roles a family may map besides the model's columns (never in the frames' own
#: columns; kept as extra columns where the sheet has them).
FAMILY_ROLES = {
    "program": "the program/kegiatan a budget line pays for (Pemda; the budget table)",
    "sub_aksi": "a sub-action under a Rencana Aksi (Pemda)",
    "satuan": "the unit of a target or volume, in a column apart",
    "volume": "the volume of a work-plan budget (Vol)",
    "unit_cost": "a unit cost (Biaya, Harga Satuan): never a budget",
    "waktu": "when a work-plan activity runs (Waktu Pelaksanaan), kept as text",
    "tujuan": "the aim above the Sasaran (Pemda): the goal only where no Sasaran column exists",
}


@dataclass(frozen=True)
class Family:
    """One shape in which offices write a RAK (README, "RAK families").

    Attributes:
        name: what :attr:`rakxl.model.Rak.family` says (``kpu``, ``workplan``...).
        title: a short description.
        header: a typical header line of the family, as the README shows it.
        columns: ``(role, synonyms)`` pairs, tried in this order against a header
            cell's normalised text (:func:`normalize_header`, ``re.fullmatch``): the
            first role whose synonym matches names the column. Roles are the model's
            (``no``, ``sasaran``...) or one of :data:`FAMILY_ROLES`.
        signature: roles the header row of the family always maps.
        goals: where goals live: ``column`` (No and Sasaran merged over their rows),
            ``row`` (a row of their own across the table, above their activities,
            ``1 | Poin Renstra ...``) or ``order`` (the Sasaran column; goals are
            numbered in sheet order and have no No unless a No column exists).
        budget: where budget lines live: ``column`` (an amount merged over, or
            standing above, the rows it pays for) or ``table`` (a second table below
            the first, one line per row).
        periods: ``quarters`` (TW I-IV) or ``months`` (Jan..Des, quarters derived).
        total_words: labels of the total row (normalised, ``re.fullmatch``) beside
            :data:`TOTAL_ROW`.
        lacks: model fields the family never fills: None in every frame.
    """

    name: str
    title: str
    header: str
    columns: tuple[tuple[str, tuple[str, ...]], ...]
    signature: tuple[str, ...]
    goals: str = "column"
    budget: str = "column"
    periods: str = "quarters"
    total_words: tuple[str, ...] = ()
    lacks: tuple[str, ...] = ()

    def match(self, text: object) -> str | None:
        """The role a header cell names in this family, or None (:mod:`rakxl.synonyms`)."""
        from .synonyms import family_match

        return family_match(self, text)

    def names(self, text: object, *roles: str) -> bool:
        """Whether the role a header cell names in this family is one of ``roles``
        (``match(text) in roles``, answered faster: :mod:`rakxl.synonyms`)."""
        from .synonyms import family_names

        return family_names(self, text, *roles)

    def is_total(self, text: object) -> bool:
        """Whether a cell's text is the label of this family's total row."""
        norm = normalize_header(text)
        return bool(norm) and (bool(TOTAL_ROW.fullmatch(norm))
                               or any(re.fullmatch(p, norm) for p in self.total_words))


_RP = r"(\s*\(?\s*(rp|rupiah)\.?\s*\)?)?"
_PELAKSANA = COLUMN_BY_ROLE["pelaksana"].synonyms + (r"unit\s*kerja.*", r"(opd|perangkat\s*daerah)(\s*pelaksana)?")

#: Month headers: Jan..Des (Indonesian and English), or "Bulan 1".."Bulan 12".
MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
_MONTH_WORDS = (
    ("januari", "january", "jan"), ("februari", "pebruari", "february", "feb", "peb"), ("maret", "march", "mar"),
    ("april", "apr"), ("mei", "may"), ("juni", "june", "jun"), ("juli", "july", "jul"),
    ("agustus", "august", "agu", "agt", "ags", "aug"), ("september", "sep", "sept"),
    ("oktober", "october", "okt", "oct"), ("november", "nopember", "nov", "nop"), ("desember", "december", "des", "dec"),
)
#: A month column named by its number after "Bulan" (``Bulan 3``, ``bln. ke-3``); the
#: last group is the number.
MONTH_NUMBER = r"(bulan|bln)\.?\s*(ke\s*-?\s*)?(\d+)"
#: Synonyms of each month column (``m1``..``m12``): its name, or its number after "Bulan"
#: (:data:`MONTH_NUMBER` with the number written in).
MONTH_SYNONYMS = tuple(
    tuple(rf"{w}\.?" for w in words) + (MONTH_NUMBER.replace(r"(\d+)", str(i + 1)),)
    for i, words in enumerate(_MONTH_WORDS))
#: The header merged over twelve month columns numbered 1..12 below it.
MONTH_GROUP_SYNONYMS = (
    r"(jadwal|waktu|rencana|target)?\s*(pelaksanaan\s*)?(kegiatan\s*)?\(?\s*(bulan|bln)(\s*ke)?\s*\)?(\s*ke\s*-?)?",
    r"(jadwal|waktu)\s*pelaksanaan(\s*kegiatan)?(\s*\(?\s*bulan\s*\)?)?",
)
MONTHS = tuple(f"m{i}" for i in range(1, 13))
#: The months of each quarter: a monthly plan's quarters are derived from them.
QUARTER_MONTHS = {q: MONTHS[3 * i:3 * i + 3] for i, q in enumerate(QUARTERS)}

_KPU_COLUMNS = tuple((role, COLUMN_BY_ROLE[role].synonyms) for role in MATCH_ORDER)

FAMILIES: tuple[Family, ...] = (
    Family(
        "kpu", "KPU official layout: goal No and Sasaran merged over indicators and activities",
        "No | Sasaran | Indikator Kinerja | Target | Nama Kegiatan/Aksi | Target | TW I..IV | Pagu Anggaran "
        "| Pelaksana",
        _KPU_COLUMNS, ("kegiatan",),
    ),
    Family(
        "workplan", "Work plan (RKAT): goals as rows across the table, activities lettered a., b. below",
        "No | Program Kerja | Waktu Pelaksanaan | Indikator Capaian | Target | Vol | Biaya | Jumlah (Rp.) "
        "| Penanggung Jawab",
        (
            ("no", (r"no\.?", r"nomor", r"no\.? urut")),
            ("kegiatan", (r"(nama\s*|uraian\s*)?program\s*kerja.*",)),
            ("waktu", (r"(waktu|jadwal)(\s*pelaksanaan)?(\s*kegiatan)?",)),
            ("indikator", (r"indikator.*",)),
            ("target_indikator", (r"target.*",)),
            ("volume", (r"vol(ume)?\.?",)),
            ("satuan", (r"sat(uan)?\.?",)),
            ("unit_cost", (rf"(biaya|harga)(\s*satuan)?{_RP}", rf"(biaya|harga)\s*per\s*(unit|satuan){_RP}")),
            ("pagu", (rf"jumlah(\s*(biaya|anggaran|dana|usulan(\s*anggaran)?))?{_RP}", rf"total\s*biaya{_RP}")),
            ("pelaksana", _PELAKSANA),
        ),
        ("kegiatan", "pagu"), goals="row",
        total_words=(r"total\s*usulan(\s*anggaran)?", r"(jumlah|total)\s*(usulan|seluruhnya)(\s*anggaran)?"),
        lacks=("target_kegiatan",) + QUARTERS,
    ),
    Family(
        "targets-budget", "Targets table, then a budget table (Alokasi Anggaran) below it",
        "No | Kinerja Utama | Indikator Kinerja | Target Tahunan | Target Rencana Aksi TW I..IV; "
        "then No | Program/Kegiatan | Pagu Anggaran",
        (
            ("no", (r"no\.?", r"nomor", r"no\.? urut")),
            ("sasaran", (r"kinerja\s*utama.*", r"sasaran.*")),
            ("indikator", (r"indikator.*", r"iku")),
            ("target_indikator", (r"target\s*tahun(an)?(\s*\d{4})?.*", r"target(\s*\d{4})?")),
            ("tw1", (r"(target\s*(rencana\s*aksi\s*)?)?" + _quarter_synonyms(1)[0], r"i", r"q1")),
            ("tw2", (r"(target\s*(rencana\s*aksi\s*)?)?" + _quarter_synonyms(2)[0], r"ii", r"q2")),
            ("tw3", (r"(target\s*(rencana\s*aksi\s*)?)?" + _quarter_synonyms(3)[0], r"iii", r"q3")),
            ("tw4", (r"(target\s*(rencana\s*aksi\s*)?)?" + _quarter_synonyms(4)[0], r"iv", r"q4")),
            ("pelaksana", _PELAKSANA),
        ),
        ("sasaran", "indikator", "tw1", "tw2", "tw3", "tw4"), budget="table",
        total_words=(r"jumlah\s*total", r"total\s*(anggaran|pagu|alokasi)(\s*anggaran)?"),
        lacks=("kegiatan", "target_kegiatan"),
    ),
    Family(
        "pemda", "Pemda rencana aksi (e-SAKIP): Anggaran merged over the actions of its program/kegiatan",
        "Sasaran | Indikator | Satuan | Target | Program/Kegiatan | Anggaran (Rp) | Rencana Aksi "
        "| (Sub Rencana Aksi) | Target TW I..IV | Penanggung Jawab",
        (
            ("no", (r"no\.?", r"nomor", r"no\.? urut")),
            ("sasaran", (r"sasaran.*",)),
            ("tujuan", (r"tujuan.*",)),
            ("indikator", (r"indikator.*",)),
            ("satuan", (r"sat(uan)?\.?",)),
            ("target_indikator", (r"target(\s*(kinerja|indikator|tahun(an)?))?(\s*(tahun\s*)?\d{4})?",)),
            ("program", (r"program(\s*/\s*kegiatan)?(\s*/\s*sub\s*kegiatan)?", r"(sub\s*)?kegiatan",
                         r"program\s*,\s*kegiatan(\s*(dan|,)\s*sub\s*kegiatan)?")),
            ("pagu", (rf"(anggaran|pagu(\s*anggaran)?|pagu\s*indikatif|alokasi\s*anggaran){_RP}",)),
            ("sub_aksi", (r"sub\s*rencana\s*aksi",)),
            ("kegiatan", (r"rencana\s*aksi",)),
            ("tw1", (r"(target\s*)?" + _quarter_synonyms(1)[0], r"i", r"q1")),
            ("tw2", (r"(target\s*)?" + _quarter_synonyms(2)[0], r"ii", r"q2")),
            ("tw3", (r"(target\s*)?" + _quarter_synonyms(3)[0], r"iii", r"q3")),
            ("tw4", (r"(target\s*)?" + _quarter_synonyms(4)[0], r"iv", r"q4")),
            ("pelaksana", _PELAKSANA),
        ) + tuple(zip(MONTHS, MONTH_SYNONYMS)),
        ("program", "kegiatan", "pagu"), goals="order",
        lacks=("target_kegiatan",),
    ),
    Family(
        "monthly", "The KPU columns with twelve months (Jan..Des, Bulan 1..12) instead of TW I-IV",
        "No | Sasaran | Indikator Kinerja | Target | Nama Kegiatan/Aksi | Target | Jan .. Des | Pagu Anggaran "
        "| Pelaksana",
        _KPU_COLUMNS + tuple(zip(MONTHS, MONTH_SYNONYMS)), ("kegiatan",) + MONTHS, periods="months",
    ),
)
FAMILY_BY_NAME = {f.name: f for f in FAMILIES}
#: Quarter group headers of the targets and Pemda families (merged over TW I..IV).
FAMILY_QUARTER_GROUP = (
    r"(target\s*)?(rencana\s*aksi|triwulan|tw|per\s*triwulan)(\s*(per\s*)?(triwulan|tw))?(\s*\d{4})?",
    r"target(\s*(kinerja|capaian))?(\s*per)?(\s*triwulan)?",
)
#: The caption above the budget table of ``targets-budget`` (the table's own header follows).
BUDGET_TABLE_CAPTION = r"(\w+\.\s*)?(alokasi|rencana|rincian)\s*anggaran.*"
#: Header words of the budget table of ``targets-budget``.
BUDGET_TABLE_COLUMNS = (
    ("no", (r"no\.?", r"nomor", r"no\.? urut")),
    ("program", (r"program(\s*/\s*kegiatan)?(\s*/\s*sub\s*kegiatan)?", r"(sub\s*)?kegiatan", r"uraian.*",
                 r"nama\s*(program|kegiatan).*")),
    ("pagu", (rf"(pagu|anggaran|pagu\s*anggaran|alokasi\s*anggaran|jumlah(\s*anggaran)?|dana){_RP}",)),
    ("pelaksana", _PELAKSANA),
)
#: A word every budget column header of the budget table holds: rows without one are
#: not looked at when the budget table is searched for (``re.search``, any case).
BUDGET_TABLE_HINT = r"pagu|anggaran|jumlah|dana"
#: Check marks offices put in a month (or quarter) cell of a plan.
CHECK_MARKS = frozenset("√vVxX✓✔")
