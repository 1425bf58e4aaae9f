"""The reading of one RAK sheet: :class:`Rak`, its :class:`Meta` and reader notes."""
from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from .formulas import a1, column_index

if TYPE_CHECKING:  # pandas is imported lazily to keep the CLI's start-up fast
    import pandas as pd

#: Columns of :attr:`Rak.activities`, in order (extra columns follow them).
ACTIVITY_COLUMNS = (
    "goal", "no", "sasaran", "indikator", "target_indikator", "kegiatan", "target_kegiatan",
    "tw1", "tw2", "tw3", "tw4", "pelaksana", "budget_line", "row",
)
BUDGET_COLUMNS = ("budget_line", "goal", "no", "pagu", "pelaksana", "cell", "first_row", "last_row")
GOAL_COLUMNS = ("goal", "no", "sasaran", "pagu", "budget_lines", "first_row", "last_row")
INDICATOR_COLUMNS = ("goal", "no", "indikator", "target_indikator", "row")
#: Columns that give positions in the sheet rather than content.
POSITION_COLUMNS = ("row", "cell", "first_row", "last_row")


@dataclass
class Meta:
    """What the title above the table and the signature block below it say.

    Every field is None where the sheet does not say it.
    """

    year: int | None = None
    organization: str | None = None
    unit: str | None = None
    place: str | None = None
    signed_on: _dt.date | None = None
    signatory_title: str | None = None
    signatory: str | None = None
    nip: str | None = None
    #: Where each field was read, e.g. ``{"nip": "J85"}``.
    cells: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict:
        out = asdict(self)
        out.pop("cells")
        if self.signed_on:
            out["signed_on"] = self.signed_on.isoformat()
        return out


@dataclass
class Note:
    """Something the reader saw in a cell that only the cells can tell.

    The checker turns notes into findings (``code`` is the finding code).
    """

    code: str
    cell: str | None
    row: int | None = None
    role: str | None = None
    goal: int | None = None
    no: str | None = None
    value: object = None


@dataclass
class Rak:
    """One RAK table read from one sheet.

    Attributes:
        path: the file it was read from (None when built in memory).
        sheet: the sheet name.
        meta: title and signature block.
        activities: one row per activity (see :data:`ACTIVITY_COLUMNS`); ``goal``
            numbers goals 1, 2, 3... in sheet order, whatever their written No.
        budgets: one row per Pagu cell or merged Pagu range.
        goals: one row per goal; ``pagu`` sums its budget lines, 0 when none.
        indicators: one row per indicator.
        stated_total: the amount of the table's total row (``JUMLAH``), or None.
        stated_total_cell: where that amount stands.
        columns: where each column was found, ``{"pagu": "K", ...}``.
        extra_columns: header texts of columns rakxl does not know, kept as extra
            columns of ``activities``.
        header_row: the 1-based row of the header.
        merged: the roles whose column uses merged cells for the hierarchy.
        merges: merged ranges inside the table, as A1 ranges.
        notes: what the reader saw in cells (text amounts, errors, gaps...).
        family: the RAK family the sheet is written in (:data:`rakxl.layout.FAMILIES`):
            ``kpu`` (the KPU layout), ``workplan``, ``targets-budget``, ``pemda`` or
            ``monthly``. Fields a family does not have are None (README, "RAK families").
    """

    path: str | None
    sheet: str
    meta: Meta
    activities: "pd.DataFrame"
    budgets: "pd.DataFrame"
    goals: "pd.DataFrame"
    indicators: "pd.DataFrame"
    stated_total: int | None = None
    stated_total_cell: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    extra_columns: list[str] = field(default_factory=list)
    header_row: int | None = None
    merged: frozenset = frozenset()
    merges: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    family: str = "kpu"

    @property
    def total_pagu(self) -> int:
        """The sum of the budget lines: each Pagu cell or merged range counted once."""
        return int(self.budgets["pagu"].sum()) if len(self.budgets) else 0

    def cell(self, role: str, row: int) -> str | None:
        """The A1 address of column ``role`` on 1-based ``row``, or None."""
        letter = self.columns.get(role)
        if letter is None or row is None:
            return None
        return a1(int(row) - 1, column_index(letter))

    def __repr__(self) -> str:
        return (f"<Rak sheet={self.sheet!r} goals={len(self.goals)} activities={len(self.activities)} "
                f"budget_lines={len(self.budgets)} total_pagu={self.total_pagu:,}>")
