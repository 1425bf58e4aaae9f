"""What ``rakxl show`` says about one plan, as data: :func:`summary`.

(The module is named ``summaries`` so that importing it never shadows the function
``rakxl.summary``.) The text ``rakxl show`` prints is
:func:`rakxl.report.text.summary_text`; its JSON is :meth:`PlanSummary.to_dict`.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from .model import Meta, Rak


@dataclass(frozen=True)
class PlanSummary:
    """One plan in figures: where it was read, its title and signature, its counts.

    ``goals_without_budget`` holds the No (as written) of each goal with no Pagu on
    any of its rows; ``other_sheets`` the workbook's other RAK sheets, in workbook
    order (None when the summary was made from a :class:`~rakxl.Rak` alone, which
    does not know them).
    """

    file: str | None
    sheet: str
    family: str
    meta: Meta
    goals: int
    indicators: int
    activities: int
    budget_lines: int
    total_pagu: int
    goals_without_budget: tuple = ()
    other_sheets: tuple[str, ...] | None = None

    def to_dict(self) -> dict:
        """The JSON of ``rakxl show --json``: file, sheet, family, the title and
        signature fields of :class:`~rakxl.Meta`, the counts, ``total_pagu`` (int
        rupiah) and ``other_sheets``."""
        return {
            "file": self.file, "sheet": self.sheet, "family": self.family, **self.meta.to_dict(),
            "goals": self.goals, "indicators": self.indicators, "activities": self.activities,
            "budget_lines": self.budget_lines, "total_pagu": self.total_pagu,
            "other_sheets": None if self.other_sheets is None else list(self.other_sheets),
        }


def summary(source: "str | os.PathLike | Rak", sheet: str | int | None = None, *, limits=None) -> PlanSummary:
    """Summarise one plan: what ``rakxl show`` prints.

    Args:
        source: a workbook's path (its first RAK sheet, or ``sheet``, is read and its
            other RAK sheets named) or a :class:`~rakxl.Rak` already read.
        sheet: with a path, the sheet's name or 0-based index (as :func:`rakxl.read_rak`).
        limits: with a path, the safety limits (:class:`rakxl.Limits`).

    Returns:
        a :class:`PlanSummary`.

    Raises:
        RakError: the file cannot be read or holds no RAK table (with a path).
    """
    if isinstance(source, Rak):
        if sheet is not None or limits is not None:
            raise TypeError("summary(rak) takes no sheet or limits: the plan is already read")
        rak, others, file = source, None, None if source.path is None else str(source.path)
    else:
        from .reader import read_rak_and_others

        rak, others = read_rak_and_others(source, sheet=sheet, limits=limits)
        others, file = tuple(others), os.fspath(source)
    plan = rak.plan
    return PlanSummary(
        file=file, sheet=rak.sheet, family=rak.family, meta=rak.meta,
        goals=len(plan.goals), indicators=len(plan.indicators), activities=len(plan.activities),
        budget_lines=len(plan.budget_lines), total_pagu=rak.total_pagu,
        goals_without_budget=tuple(g.no for g in plan.goals if g.goal not in plan.lines_by_goal),
        other_sheets=others)
