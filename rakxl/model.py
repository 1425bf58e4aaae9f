"""The typed plan model: what one RAK sheet says, as small frozen values.

The reader builds a :class:`Rak` from a sheet; the checker's rules, the writer, the
totals and the diff read its :class:`Plan` (goals, indicators, activities, budget
lines) and never a DataFrame. The pandas frames :attr:`Rak.activities`,
:attr:`Rak.budgets`, :attr:`Rak.goals` and :attr:`Rak.indicators` are the public
view of the plan, built on first access (so that a command that needs no frame never
imports pandas) and kept on the instance.

Positions are integers: rows are 1-based sheet rows, columns 1-based column numbers
(``K`` is 11), as Excel counts them; a cell is a :class:`Cell`, a merged range a
:class:`Range` (:mod:`rakxl.positions`, importable from here too). Their A1 texts
(``K8``, ``K8:K9``) are derived, for people and for the frames.

A plan can be built in memory, without a workbook::

    plan = Plan(goals=(Goal(1, "1", "Sasaran", 8, 8),),
                activities=(Activity(1, "1", "Sasaran", kegiatan="Rapat", row=8, budget_line=1),),
                budget_lines=(BudgetLine(1, 1, "1", 1_000_000, None, col=11, first_row=8, last_row=8),))
    rak = Rak(path=None, sheet="RAK", meta=Meta(), plan=plan, column_of={"kegiatan": 5, "pagu": 11})
"""
from __future__ import annotations

import datetime as _dt
import functools
from dataclasses import asdict, dataclass, field, fields, make_dataclass
from typing import TYPE_CHECKING

from .a1 import a1, column_letters
from .positions import Cell, Range

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


# -- the plan -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Goal:
    """One goal (Sasaran): ``goal`` numbers goals 1, 2, 3... in sheet order, whatever
    their written ``no``; rows are the goal's first and last sheet rows."""

    goal: int
    no: str | None
    sasaran: str | None
    first_row: int
    last_row: int


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator of a goal, with its target, at its first sheet row."""

    goal: int
    no: str | None
    indikator: str | None
    target_indikator: str | None
    row: int


@dataclass(frozen=True, slots=True)
class Activity:
    """One activity row: what it takes from its goal and indicator, its own cells,
    the Pelaksana in force and the budget line (``BudgetLine.budget_line``) that pays
    for it, if any. ``extras`` holds the texts of :attr:`Rak.extra_columns`, in order."""

    goal: int
    no: str | None = None
    sasaran: str | None = None
    indikator: str | None = None
    target_indikator: str | None = None
    kegiatan: str | None = None
    target_kegiatan: str | None = None
    tw1: str | None = None
    tw2: str | None = None
    tw3: str | None = None
    tw4: str | None = None
    pelaksana: str | None = None
    budget_line: int | None = None
    row: int = 0
    extras: tuple = ()


@dataclass(frozen=True, slots=True)
class BudgetLine:
    """One Pagu cell or merged Pagu range: counted once, covering rows
    ``first_row``..``last_row`` of column ``col``."""

    budget_line: int
    goal: int | None  # None: a line that no goal owns (a separate budget table, family targets-budget)
    no: str | None
    pagu: int
    pelaksana: str | None
    col: int
    first_row: int
    last_row: int

    @property
    def at(self) -> Cell:
        """The Pagu cell (the top-left cell of its merge)."""
        return Cell(self.first_row, self.col)

    @property
    def cell(self) -> str:
        """The Pagu cell as A1 text (``K8``)."""
        return a1(self.first_row - 1, self.col - 1)

    @property
    def range(self) -> Range:
        return Range(self.first_row, self.col, self.last_row, self.col)


def build(cls, *columns) -> tuple:
    """``tuple(map(cls, *columns))`` for one of the frozen plan classes above, built
    about three times faster: one object per row, thousands of them in a large sheet.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``;
    here each object is made as a plain slotted twin of ``cls`` (same fields, same
    slots, ordinary assignments), then given its class ``cls``: Python allows it
    between classes of the same slots. The objects are then exactly ``cls(...)``
    (type, equality, hash, repr, frozen: tests/test_model.py proves it).
    """
    twin = _TWINS.get(cls)
    if twin is None:
        names = [f.name for f in fields(cls)]
        twin = _TWINS[cls] = make_dataclass(f"_{cls.__name__}Twin", names, slots=True, eq=False, repr=False,
                                            namespace={"__doc__": f"{cls.__name__}, mutable, for build()."})
    out = list(map(twin, *columns))
    for obj in out:
        obj.__class__ = cls
    return tuple(out)


_TWINS: dict[type, type] = {}


@dataclass(frozen=True)
class Plan:
    """The hierarchy of one RAK table, in sheet order."""

    goals: tuple[Goal, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    activities: tuple[Activity, ...] = ()
    budget_lines: tuple[BudgetLine, ...] = ()

    @functools.cached_property
    def pagu_by_goal(self) -> dict[int, int]:
        """``goal -> sum of its budget lines`` (goals without a line are absent)."""
        out: dict[int, int] = {}
        for b in self.budget_lines:
            out[b.goal] = out.get(b.goal, 0) + b.pagu
        return out

    @functools.cached_property
    def lines_by_goal(self) -> dict[int, list[BudgetLine]]:
        """``goal -> its budget lines``, in sheet order."""
        out: dict[int, list] = {}
        for b in self.budget_lines:
            out.setdefault(b.goal, []).append(b)
        return out

    def goal_pagu(self, goal: int) -> int:
        """The sum of the budget lines of ``goal`` (0 when it has none)."""
        return self.pagu_by_goal.get(goal, 0)

    @property
    def total_pagu(self) -> int:
        return sum(b.pagu for b in self.budget_lines)


@dataclass(frozen=True)
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
    #: Where each field was read, e.g. ``{"nip": Cell(85, 10)}``.
    at: dict[str, Cell] = field(default_factory=dict, compare=False, repr=False)

    @property
    def cells(self) -> dict[str, str]:
        """Where each field was read, as A1 text: ``{"nip": "J85"}``."""
        return {k: v.a1 for k, v in self.at.items()}

    def to_dict(self) -> dict:
        out = asdict(self)
        out.pop("at")
        if self.signed_on:
            out["signed_on"] = self.signed_on.isoformat()
        return out


@dataclass(frozen=True)
class Note:
    """Something the reader saw in a cell that only the cells can tell.

    The checker turns notes into findings (``code`` is the finding code). ``row`` and
    ``col`` are the cell's 1-based position; ``range`` the merged range a note is
    about (``merge-crosses-goal``).
    """

    code: str
    row: int | None
    col: int | None
    role: str | None = None
    goal: int | None = None
    no: str | None = None
    value: object = None
    range: Range | None = None

    @property
    def cell(self) -> str | None:
        """The cell as A1 text (``K14``), or None."""
        if self.row is None or self.col is None:
            return None
        return a1(self.row - 1, self.col - 1)


# -- the reading of one sheet -------------------------------------------------------------

class Boxes(tuple):
    """Merged ranges as the reader holds them: 0-based ``(r1, c1, r2, c2)`` tuples.

    Given as :attr:`Rak.merges`, they are turned into :class:`Range` values on first
    access: a 100,000-row table has some 150,000 merges, and tuples of numbers cost the
    garbage collector nothing, where as many Range objects would be walked by each of
    its full passes for as long as the reading lives.
    """

    def ranges(self) -> tuple[Range, ...]:
        return tuple(Range(r1 + 1, c1 + 1, r2 + 1, c2 + 1) for r1, c1, r2, c2 in self)


class _Merges:
    """The :attr:`Rak.merges` field: a tuple of :class:`Range`, kept as :class:`Boxes`
    until first read (a dataclass field whose default is this descriptor)."""

    def __set_name__(self, owner, name):
        self.key = "_" + name

    def __get__(self, obj, owner=None):
        if obj is None:
            return ()  # the field's default
        value = obj.__dict__.get(self.key, ())
        if type(value) is Boxes:
            value = obj.__dict__[self.key] = value.ranges()
        return value

    def __set__(self, obj, value) -> None:
        obj.__dict__[self.key] = value


@dataclass(eq=False)
class Rak:
    """One RAK table read from one sheet.

    Attributes:
        path: the file it was read from (None when built in memory).
        sheet: the sheet name.
        meta: title and signature block.
        plan: the goals, indicators, activities and budget lines (:class:`Plan`).
        stated_total: the amount of the table's total row (``JUMLAH``), or None.
        stated_total_at: where that amount stands (:class:`Cell`), or None.
        column_of: where each column was found, as 1-based column numbers
            (``{"pagu": 11, ...}``; :attr:`columns` gives the letters).
        extra_columns: header texts of columns rakxl does not know, kept as extra
            columns of ``activities`` (and :attr:`Activity.extras`).
        header_row: the 1-based row of the header.
        merged: the roles whose column uses merged cells for the hierarchy (a vertical
            merge over activity rows).
        merges: merged ranges inside the table (:class:`Range`; the reader gives
            :class:`Boxes`, made Range values on first access).
        notes: what the reader saw in cells (text amounts, errors, gaps...).
        family: the RAK family the sheet is written in (:data:`rakxl.layout.FAMILIES`):
            ``kpu`` (the KPU layout), ``workplan``, ``targets-budget``, ``pemda`` or
            ``monthly``. Fields a family does not have are None (README, "RAK families").

    The frames :attr:`activities`, :attr:`budgets`, :attr:`goals` and
    :attr:`indicators` are views of :attr:`plan`, built on first access; they are
    not read back: to change a plan, build another one (or :meth:`from_frames`).
    """

    path: str | None
    sheet: str
    meta: Meta = field(default_factory=Meta)
    plan: Plan = field(default_factory=Plan)
    stated_total: int | None = None
    stated_total_at: Cell | None = None
    column_of: dict[str, int] = field(default_factory=dict)
    extra_columns: list[str] = field(default_factory=list)
    header_row: int | None = None
    merged: frozenset = frozenset()
    merges: tuple[Range, ...] = _Merges()  # type: ignore[assignment]
    notes: list[Note] = field(default_factory=list)
    family: str = "kpu"
    _frames: dict = field(default_factory=dict, init=False, repr=False)

    # -- positions ------------------------------------------------------------------

    @property
    def columns(self) -> dict[str, str]:
        """Where each column was found, as letters: ``{"pagu": "K", ...}``."""
        return {role: column_letters(c - 1) for role, c in self.column_of.items()}

    @property
    def stated_total_cell(self) -> str | None:
        """Where the total row's amount stands, as A1 text, or None."""
        return None if self.stated_total_at is None else self.stated_total_at.a1

    def cell(self, role: str, row: int) -> str | None:
        """The A1 address of column ``role`` on 1-based ``row``, or None."""
        col = self.column_of.get(role)
        if col is None or row is None:
            return None
        return a1(int(row) - 1, col - 1)

    @property
    def total_pagu(self) -> int:
        """The sum of the budget lines: each Pagu cell or merged range counted once."""
        return self.plan.total_pagu

    # -- the frames -------------------------------------------------------------------

    @property
    def activities(self) -> "pd.DataFrame":
        """One row per activity (see :data:`ACTIVITY_COLUMNS`, then the extra columns)."""
        return self._frame("activities")

    @property
    def budgets(self) -> "pd.DataFrame":
        """One row per Pagu cell or merged Pagu range (see :data:`BUDGET_COLUMNS`)."""
        return self._frame("budgets")

    @property
    def goals(self) -> "pd.DataFrame":
        """One row per goal; ``pagu`` sums its budget lines, 0 when none (see :data:`GOAL_COLUMNS`)."""
        return self._frame("goals")

    @property
    def indicators(self) -> "pd.DataFrame":
        """One row per indicator (see :data:`INDICATOR_COLUMNS`)."""
        return self._frame("indicators")

    def _frame(self, name: str) -> "pd.DataFrame":
        frame = self._frames.get(name)
        if frame is None:
            from .frames import BUILDERS

            frame = self._frames[name] = BUILDERS[name](self)
        return frame

    @classmethod
    def from_frames(cls, path, sheet, meta=None, *, activities, budgets, goals, indicators, **fields) -> "Rak":
        """A Rak from frames shaped like :attr:`activities` and the others (columns
        beyond :data:`ACTIVITY_COLUMNS` are extra columns, unless ``extra_columns``
        says which). ``fields`` are the other attributes (``columns`` may be given as
        letters, ``{"pagu": "K"}``)."""
        from .frames import rak_from_frames

        return rak_from_frames(cls, path, sheet, meta or Meta(), activities=activities, budgets=budgets,
                               goals=goals, indicators=indicators, **fields)

    def with_frames(self, **frames) -> "Rak":
        """A copy whose plan is read back from edited frames: ``rak.with_frames(activities=edited)``
        (the frames not given are kept; an activities frame's columns beyond
        :data:`ACTIVITY_COLUMNS` become the extra columns). Editing a frame in place
        changes the frame only, never the plan the checker and writer read."""
        from .frames import with_frames

        return with_frames(self, frames)

    def __repr__(self) -> str:
        p = self.plan
        return (f"<Rak sheet={self.sheet!r} goals={len(p.goals)} activities={len(p.activities)} "
                f"budget_lines={len(p.budget_lines)} total_pagu={self.total_pagu:,}>")
