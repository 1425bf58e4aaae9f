"""The catalogue of findings: what the checker can say about a RAK, in two languages.

Each finding code has one :class:`Kind` in :data:`CATALOGUE` (like frictionless-py's
error classes): its severity, a short title and a message template in Bahasa
Indonesia with its English twin. A rule (see :mod:`rakxl.rules`) never writes a
message itself; it calls :func:`make` with the code, the position and the values
the template needs.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from .layout import format_rupiah

SEVERITIES = ("error", "warning", "info")
#: How each severity is named for people: (Bahasa Indonesia, English).
SEVERITY_LABEL = {"error": ("error", "error"), "warning": ("peringatan", "warning"), "info": ("info", "info")}


@dataclass(frozen=True)
class Kind:
    """One finding code.

    Attributes:
        code: stable kebab-case name (``missing-budget``).
        severity: ``error`` (the plan is wrong), ``warning`` (probably wrong, or
            ambiguous) or ``info`` (worth a look).
        title: short Bahasa Indonesia title; ``title_en`` its English twin.
        template: Bahasa Indonesia message with ``{placeholders}``; ``template_en``
            its English twin.
        description: what the rule looks for (English, for developers).
    """

    code: str
    severity: str
    title: str
    title_en: str
    template: str
    template_en: str
    description: str


@dataclass
class Finding:
    """One thing the checker found, at one place.

    Attributes:
        code: the finding code (see :data:`CATALOGUE`).
        severity: ``error``, ``warning`` or ``info``.
        sheet: the sheet's name.
        cell: the A1 address to look at, or None for the sheet as a whole.
        no: the goal's No as written in the sheet, or None.
        message: the message in Bahasa Indonesia.
        message_en: the same message in English.
        row: the 1-based row of ``cell`` (None when there is no cell).
        column: the canonical column (``pagu``, ``pelaksana``...) or None.
        file: the file the sheet was read from, or None.
    """

    code: str
    severity: str
    sheet: str
    cell: str | None
    no: str | None
    message: str
    message_en: str
    row: int | None = None
    column: str | None = None
    file: str | None = None

    def text(self, lang: str = "id") -> str:
        """The message in ``lang`` (``id`` or ``en``)."""
        return self.message_en if lang == "en" else self.message

    def to_dict(self) -> dict:
        return asdict(self)


class Money(int):
    """An amount in a message: ``Rp 1.159.691.000`` in Indonesian, ``Rp 1,159,691,000`` in English."""


class Both(tuple):
    """A value said differently in each language: ``Both(("ke-4", "#4"))``."""


def goal_ref(no, goal) -> "str | Both":
    """How a message names a goal: its No as written, or by position when it has none."""
    if no is not None:
        return str(no)
    return Both((f"ke-{goal}", f"#{goal}")) if goal is not None else Both(("?", "?"))


def _render(template: str, params: dict, lang: str) -> str:
    values = {}
    for key, value in params.items():
        if isinstance(value, Both):
            value = value[1] if lang == "en" else value[0]
        elif isinstance(value, Money):
            value = format_rupiah(value) if lang == "id" else f"Rp {int(value):,}"
        elif isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        values[key] = value
    return template.format(**values)


def _kind(code, severity, title, title_en, template, template_en, description) -> Kind:
    return Kind(code, severity, title, title_en, template, template_en, description)


CATALOGUE: dict[str, Kind] = {k.code: k for k in (
    _kind("missing-budget", "error", "Pagu kosong", "Missing budget",
          "Sasaran {no} tidak memiliki Pagu Anggaran di baris mana pun",
          "Goal {no} has no Pagu (budget) on any of its rows",
          "A goal with no Pagu on any of its rows."),
    _kind("merged-cell-gap", "warning", "Celah sel gabungan", "Gap in merged cells",
          "Sel {column_label} kosong dan tidak digabung (merge), padahal kolom ini memakai sel gabungan; "
          "dianggap lanjutan sel di atasnya",
          "The {column_label} cell is blank and not merged although this column uses merged cells; "
          "read as continuing the cell above",
          "A blank, unmerged cell of a hierarchy column that elsewhere uses merges, on an activity row."),
    _kind("merge-crosses-goal", "error", "Sel gabungan melintasi sasaran", "Merge crosses goals",
          "Sel gabungan {range} (kolom {column_label}) melintasi baris Sasaran {goals}",
          "Merged range {range} (column {column_label}) spans rows of goals {goals}",
          "A merged range (Pagu, Pelaksana, Indikator...) spanning rows of two goals."),
    _kind("numbering", "warning", "Nomor tidak urut", "Numbering",
          "{what}; seharusnya {expected}",
          "{what_en}; expected {expected}",
          "Goal numbers that are not 1, 2, 3... in order (gap, repeat, typo)."),
    _kind("amount-as-text", "warning", "Pagu berupa teks", "Amount typed as text",
          "Pagu '{value}' diketik sebagai teks; Excel tidak dapat menjumlahkannya (dibaca {amount})",
          "Pagu '{value}' is typed as text; Excel cannot sum it (read as {amount})",
          "A Pagu typed as text."),
    _kind("amount-invalid", "error", "Pagu tidak terbaca", "Unreadable amount",
          "Sel Pagu berisi '{value}', bukan jumlah uang yang dapat dibaca",
          "The Pagu cell holds '{value}', not a readable amount",
          "A Pagu cell with no readable amount (Rp .., #REF!, lihat lampiran)."),
    _kind("formula-no-cache", "error", "Rumus tanpa nilai", "Formula without value",
          "Rumus Pagu {value} tidak punya nilai tersimpan dan tidak dapat dihitung; buka dan simpan "
          "ulang file di Excel",
          "The Pagu formula {value} has no saved value and cannot be evaluated; open and save the "
          "file again in Excel",
          "A Pagu formula with no cached value that could not be evaluated."),
    _kind("total-mismatch", "error", "Jumlah tidak cocok", "Total mismatch",
          "Baris jumlah menyatakan {stated}, tetapi jumlah Pagu semua baris anggaran adalah {computed} "
          "(selisih {difference})",
          "The total row states {stated}, but the budget lines add up to {computed} "
          "(difference {difference})",
          "A total row whose amount differs from the sum of the budget lines."),
    _kind("duplicate-goal", "warning", "Sasaran ganda", "Duplicate goal",
          "Sasaran {no} sama dengan Sasaran {other}: '{sasaran}'",
          "Goal {no} repeats goal {other}: '{sasaran}'",
          "Two goals with the same Sasaran text (case- and space-insensitive)."),
    _kind("duplicate-budget", "warning", "Anggaran ganda", "Duplicate budget",
          "Pagu Sasaran {no} ({amount}) {reason}; anggaran bisa terhitung dua kali",
          "The Pagu of goal {no} ({amount}) {reason_en}; the money may be counted twice",
          "A goal whose budget lines repeat an earlier goal's, or whose total equals the total of a "
          "goal with the same Sasaran."),
    _kind("pelaksana-variant", "warning", "Nama Pelaksana berbeda", "Pelaksana variant",
          "Pelaksana '{name}' ({count} baris) tampaknya varian dari '{other}' ({other_count} baris); "
          "total per Pelaksana akan terpecah",
          "Pelaksana '{name}' ({count} rows) looks like a variant of '{other}' ({other_count} rows); "
          "totals by Pelaksana would be split",
          "A Pelaksana name that is a variant of another name in the same plan."),
    _kind("target-format", "warning", "Target tidak terbaca", "Unreadable target",
          "Target '{value}' tidak dapat ditafsirkan: bukan persentase (100 %), nilai/predikat (B, WTP) "
          "atau jumlah dengan satuan (4 lap)",
          "Target '{value}' cannot be interpreted: not a percentage (100 %), a grade (B, WTP) "
          "or a count with a unit (4 lap)",
          "A target that is not a percentage, a grade or a count with a unit."),
    _kind("target-unit-mismatch", "info", "Satuan target berbeda", "Target unit mismatch",
          "Target kegiatan '{value}' memakai satuan lain ({unit}) dari target indikatornya "
          "'{indicator_target}' ({indicator_unit})",
          "Activity target '{value}' uses another unit ({unit_en}) than its indicator's target "
          "'{indicator_target}' ({indicator_unit_en})",
          "Activity targets whose unit differs from their indicator's target."),
    _kind("nip-invalid", "warning", "NIP tidak sah", "Invalid NIP",
          "NIP '{value}' tidak sah: {reason}",
          "NIP '{value}' is not valid: {reason_en}",
          "A NIP that is not 18 digits forming a birth date, an appointment month after it and a "
          "gender digit."),
    _kind("missing-pelaksana", "warning", "Pelaksana kosong", "Missing Pelaksana",
          "Kegiatan Sasaran {no} tidak memiliki Pelaksana",
          "An activity of goal {no} has no Pelaksana",
          "An activity with no Pelaksana."),
    _kind("empty-activity", "warning", "Nama kegiatan kosong", "Empty activity",
          "Baris {row} memiliki {what} tetapi tidak memiliki nama kegiatan",
          "Row {row} has {what_en} but no activity name",
          "A row with Pagu or targets but no activity name."),
    _kind("budget-unlinked", "info", "Pagu tanpa sasaran", "Budget line without a goal",
          "Baris anggaran '{text}' tidak dapat dikaitkan ke satu sasaran (nomor atau teksnya tidak menunjuk satu "
          "sasaran): dihitung sebagai Pagu organisasi, tanpa sasaran",
          "Budget line '{text}' cannot be linked to one goal (neither its number nor its text names one): "
          "counted as the organisation's budget, with no goal",
          "A budget line of a separate budget table (family targets-budget) that no goal number or text "
          "links to a goal."),
    _kind("unit-cost-ignored", "info", "Biaya satuan bukan Pagu", "Unit cost is not the budget",
          "Kolom {unit_cost} adalah biaya satuan; Pagu dibaca dari kolom {total}",
          "Column {unit_cost} is a unit cost; the budget is read from column {total}",
          "A unit-cost column (Biaya, Harga Satuan) beside a total column (Jumlah): the total is the budget."),
)}


def make(code: str, rak, cell: str | None = None, no=None, *, row: int | None = None,
         column: str | None = None, goal: int | None = None, **params) -> Finding:
    """Build the :class:`Finding` ``code`` about ``rak`` at ``cell``.

    Args:
        code: a key of :data:`CATALOGUE`.
        rak: the :class:`~rakxl.model.Rak` the finding is about.
        cell: A1 address, or None.
        no: the goal's No as written, or None.
        goal: the goal's position (1, 2, 3...), used by ``{no}`` when the goal has no No.
        row: the 1-based row; taken from ``cell`` when not given.
        column: the canonical column name.
        params: the template's values; :class:`Money` values are formatted per language.
    """
    kind = CATALOGUE[code] if code in CATALOGUE else MONITORING_CATALOGUE[code]
    if row is None and cell:
        row = int("".join(ch for ch in cell if ch.isdigit()) or 0) or None
    no = None if no is None else str(no)
    row = None if row is None else int(row)
    params = {"no": goal_ref(no, goal), "row": row if row is not None else "?",
              "cell": cell or "?", **params}
    return Finding(
        code=code, severity=kind.severity, sheet=rak.sheet, cell=cell, no=no,
        message=_render(kind.template, params, "id"), message_en=_render(kind.template_en, params, "en"),
        row=row, column=column, file=rak.path,
    )


# -- monitoring (rakxl.monitoring.rules): checks of a filled monev workbook -------------
#: The monitoring codes: the same :class:`Kind` and :func:`make` as the plan's, run by
#: ``rakxl check`` on a monev workbook (see :mod:`rakxl.monitoring.rules`).
MONITORING_CATALOGUE: dict[str, Kind] = {k.code: k for k in (
    _kind("monev-over-pagu", "error", "Realisasi melebihi Pagu", "Spending above Pagu",
          "Realisasi anggaran s.d. triwulan {q} ({spent}) melebihi Pagu {pagu} di {pagu_cell}",
          "Spending up to quarter {q} ({spent}) exceeds the Pagu {pagu} at {pagu_cell}",
          "Cumulative spending of a budget line above its Pagu."),
    _kind("monev-budget-repeated", "error", "Realisasi anggaran diketik berulang", "Spending typed on several rows",
          "Realisasi anggaran triwulan {q} diketik di {n} baris satu Pagu ({cells}: {values}); realisasi milik "
          "baris Pagu, bukan tiap kegiatan, dan hanya sel pertama yang dihitung",
          "Quarter {q} spending is typed on {n} rows of one Pagu ({cells}: {values}); spending belongs to the "
          "budget line, not to each activity, and only the first cell counts",
          "Amounts typed on several rows of one merged Pagu range (the merge undone)."),
    _kind("monev-no-target", "info", "Realisasi tanpa target", "Realisation without a target",
          "Realisasi '{value}' triwulan {q} dilaporkan, tetapi '{target}' bukan target berupa angka; capaian "
          "tidak terdefinisi",
          "Realisation '{value}' reported for quarter {q}, but '{target}' is no numeric target; capaian is not "
          "defined",
          "A realisation for a quarter whose capaian has no target."),
    _kind("monev-missing", "warning", "Realisasi belum diisi", "Realisation missing",
          "Realisasi {level} triwulan {q} kosong (belum dilaporkan: {cells}), padahal laporan sudah s.d. triwulan {upto}",
          "The {level_en} realisation of quarter {q} is blank (not reported: {cells}) although the report is up to "
          "quarter {upto}",
          "A past quarter left blank (with --tw N)."),
    _kind("monev-cumulative-typed", "warning", "Angka kumulatif di sel triwulan", "Cumulative figures typed",
          "Realisasi triwulan {values} naik terus dan jumlahnya ({total}) melampaui target {target}, padahal "
          "nilai terakhir ({last}) tidak; tampaknya angka kumulatif diketik di sel per triwulan (isi hanya "
          "realisasi triwulan itu)",
          "Quarter realisations {values} keep rising and add up to {total}, above the target {target}, while the "
          "last one ({last}) is not; cumulative figures seem typed into per-quarter cells",
          "A non-decreasing series whose sum overshoots the target while its last value does not."),
    _kind("monev-invalid", "error", "Realisasi tidak sah", "Invalid realisation",
          "Realisasi triwulan {q} '{value}' {reason}",
          "Quarter {q} realisation '{value}' {reason_en}",
          "A negative or non-numeric realisation (or a grade not on the scale)."),
    _kind("monev-over-cap", "warning", "Capaian melebihi batas", "Capaian above the cap",
          "Capaian triwulan {q} {value} melebihi batas {cap}; ditampilkan {cap}",
          "Quarter {q} capaian {value} is above the cap {cap}; shown as {cap}",
          "A capaian above the configured cap."),
    _kind("monev-no-evidence", "info", "Bukti dukung kosong", "No evidence",
          "Kegiatan tercapai {value} pada triwulan {q}, tetapi Bukti Dukung ({cell}) kosong",
          "The activity reached {value} in quarter {q}, but its evidence cell ({cell}) is blank",
          "An activity marked done (capaian >= 100) without evidence."),
)}
