"""The catalogue of findings: what the checker can say about a RAK.

Each finding code has one :class:`Kind` in :data:`CATALOGUE` (like frictionless-py's
error classes): its severity and what the rule looks for. Its title and message
template, in Bahasa Indonesia and English, live in the word catalogue
(:data:`rakxl.i18n.FINDING_TEXTS`). A rule (see :mod:`rakxl.rules`) never writes a
message itself: it calls :func:`make` with the code, the position and the values the
template needs, and the :class:`Finding` renders its messages from them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import i18n
from .i18n import AndList, Both, Label, Money, Phrase, goal_ref  # noqa: F401 - the rules' parameter types

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Kind:
    """One finding code.

    Attributes:
        code: stable kebab-case name (``missing-budget``).
        severity: ``error`` (the plan is wrong), ``warning`` (probably wrong, or
            ambiguous) or ``info`` (worth a look).
        description: what the rule looks for (English, for developers).
    """

    code: str
    severity: str
    description: str

    @property
    def title(self) -> str:
        """Short Bahasa Indonesia title (``title_en``: English)."""
        return i18n.finding_title(self.code, "id")

    @property
    def title_en(self) -> str:
        return i18n.finding_title(self.code, "en")

    @property
    def template(self) -> str:
        """The Bahasa Indonesia message with ``{placeholders}`` (``template_en``: English)."""
        return i18n.FINDING_TEXTS[self.code][1][0]

    @property
    def template_en(self) -> str:
        return i18n.FINDING_TEXTS[self.code][1][1]


@dataclass(frozen=True)
class Finding:
    """One thing the checker found, at one place.

    Attributes:
        code: the finding code (see :data:`CATALOGUE`).
        severity: ``error``, ``warning`` or ``info``.
        sheet: the sheet's name.
        cell: the A1 address to look at, or None for the sheet as a whole.
        no: the goal's No as written in the sheet, or None.
        row: the 1-based row of ``cell`` (None when there is no cell).
        column: the canonical column (``pagu``, ``pelaksana``...) or None.
        file: the file the sheet was read from, or None.
        params: the values of the message template (see :mod:`rakxl.i18n`).

    ``message`` (Bahasa Indonesia) and ``message_en`` (English) are rendered from the
    catalogue; :meth:`text` gives either.
    """

    code: str
    severity: str
    sheet: str
    cell: str | None
    no: str | None
    row: int | None = None
    column: str | None = None
    file: str | None = None
    params: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def message(self) -> str:
        return self.text("id")

    @property
    def message_en(self) -> str:
        return self.text("en")

    def text(self, lang: str = "id") -> str:
        """The message in ``lang`` (``id`` or ``en``)."""
        return i18n.finding_message(self.code, self.params, lang)

    def to_dict(self) -> dict:
        return {"code": self.code, "severity": self.severity, "sheet": self.sheet, "cell": self.cell,
                "no": self.no, "message": self.message, "message_en": self.message_en, "row": self.row,
                "column": self.column, "file": self.file}


CATALOGUE: dict[str, Kind] = {k.code: k for k in (
    Kind("missing-budget", "error", "A goal with no Pagu on any of its rows."),
    Kind("merged-cell-gap", "warning",
         "A blank, unmerged cell of a hierarchy column that elsewhere uses merges, on an activity row."),
    Kind("merge-crosses-goal", "error", "A merged range (Pagu, Pelaksana, Indikator...) spanning rows of two goals."),
    Kind("numbering", "warning", "Goal numbers that are not 1, 2, 3... in order (gap, repeat, typo)."),
    Kind("amount-as-text", "warning", "A Pagu typed as text."),
    Kind("amount-invalid", "error", "A Pagu cell with no readable amount (Rp .., #REF!, lihat lampiran)."),
    Kind("formula-no-cache", "error", "A Pagu formula with no cached value that could not be evaluated."),
    Kind("total-mismatch", "error", "A total row whose amount differs from the sum of the budget lines."),
    Kind("duplicate-goal", "warning", "Two goals with the same Sasaran text (case- and space-insensitive)."),
    Kind("duplicate-budget", "warning",
         "A goal whose budget lines repeat an earlier goal's, or whose total equals the total of a "
         "goal with the same Sasaran."),
    Kind("pelaksana-variant", "warning", "A Pelaksana name that is a variant of another name in the same plan."),
    Kind("target-format", "warning", "A target that is not a percentage, a grade or a count with a unit."),
    Kind("target-unit-mismatch", "info", "Activity targets whose unit differs from their indicator's target."),
    Kind("nip-invalid", "warning",
         "A NIP that is not 18 digits forming a birth date, an appointment month after it and a "
         "gender digit."),
    Kind("missing-pelaksana", "warning", "An activity with no Pelaksana."),
    Kind("empty-activity", "warning", "A row with Pagu or targets but no activity name."),
    Kind("budget-unlinked", "info",
         "A budget line of a separate budget table (family targets-budget) that no goal number or text "
         "links to a goal."),
    Kind("unit-cost-ignored", "info",
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
        params: the template's values, language-neutral: :class:`Money`,
            :class:`Label`, :class:`Phrase`, :class:`AndList` values are rendered per
            language.
    """
    kind = CATALOGUE[code] if code in CATALOGUE else MONITORING_CATALOGUE[code]
    if row is None and cell:
        row = int("".join(ch for ch in cell if ch.isdigit()) or 0) or None
    no = None if no is None else str(no)
    row = None if row is None else int(row)
    params = {"no": goal_ref(no, goal), "row": row if row is not None else "?", "cell": cell or "?", **params}
    return Finding(code=code, severity=kind.severity, sheet=rak.sheet, cell=cell, no=no, row=row, column=column,
                   file=rak.path, params=params)


# -- monitoring (rakxl.monitoring.rules): checks of a filled monev workbook -------------
#: The monitoring codes: the same :class:`Kind` and :func:`make` as the plan's, run by
#: ``rakxl check`` on a monev workbook (see :mod:`rakxl.monitoring.rules`); their texts
#: are in :data:`rakxl.i18n.FINDING_TEXTS` too.
MONITORING_CATALOGUE: dict[str, Kind] = {k.code: k for k in (
    Kind("monev-over-pagu", "error", "Cumulative spending of a budget line above its Pagu."),
    Kind("monev-budget-repeated", "error", "Amounts typed on several rows of one merged Pagu range (the merge undone)."),
    Kind("monev-no-target", "info", "A realisation for a quarter whose capaian has no target."),
    Kind("monev-missing", "warning", "A past quarter left blank (with --tw N)."),
    Kind("monev-cumulative-typed", "warning", "A non-decreasing series whose sum overshoots the target while its last value does not."),
    Kind("monev-invalid", "error", "A negative or non-numeric realisation (or a grade not on the scale)."),
    Kind("monev-over-cap", "warning", "A capaian above the configured cap."),
    Kind("monev-no-evidence", "info", "An activity marked done (capaian >= 100) without evidence."),
)}
