"""The pandas frames of a :class:`rakxl.model.Rak`, and a plan read back from frames.

:attr:`Rak.activities <rakxl.model.Rak.activities>`, ``.budgets``, ``.goals`` and
``.indicators`` are views of the typed plan built here on first access
(:data:`BUILDERS`); :func:`plan_from_frames` is the way back, for
:meth:`Rak.from_frames <rakxl.model.Rak.from_frames>` and ``Rak.with_frames``.
pandas is imported inside the functions only: a command that needs no frame never
imports it (``tests/test_no_pandas.py``).
"""
from __future__ import annotations

import dataclasses
import operator
from typing import TYPE_CHECKING

from .model import ACTIVITY_COLUMNS, BUDGET_COLUMNS, GOAL_COLUMNS, INDICATOR_COLUMNS, Activity, BudgetLine, Goal, \
    Indicator, Plan

if TYPE_CHECKING:
    import pandas as pd

    from .model import Rak

#: Frame columns of whole numbers (int64; ``budget_line`` of activities is Int64, may be missing).
_INT_COLUMNS = ("goal", "row", "first_row", "last_row", "pagu", "budget_lines")


# -- a plan from frames ---------------------------------------------------------------------

def _records(frame) -> list[dict]:
    if frame is None or not len(frame):
        return []
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def plan_from_frames(plan: Plan, *, extras, pagu_col, activities=None, budgets=None, goals=None,
                     indicators=None) -> Plan:
    """``plan`` with the parts given as frames read back from them."""
    from .a1 import parse_a1

    parts = {}
    if goals is not None:
        parts["goals"] = tuple(Goal(int(g["goal"]), g["no"], g["sasaran"], int(g["first_row"]), int(g["last_row"]))
                               for g in _records(goals))
    if indicators is not None:
        parts["indicators"] = tuple(
            Indicator(int(i["goal"]), i["no"], i["indikator"], i["target_indikator"], int(i["row"]))
            for i in _records(indicators))
    if activities is not None:
        parts["activities"] = tuple(
            Activity(**{k: a.get(k) for k in ACTIVITY_COLUMNS if k not in ("goal", "row", "budget_line")},
                     goal=int(a["goal"]), row=int(a["row"]),
                     budget_line=None if a.get("budget_line") is None else int(a["budget_line"]),
                     extras=tuple(a.get(x) for x in extras))
            for a in _records(activities))
    if budgets is not None:
        parts["budget_lines"] = tuple(
            BudgetLine(int(b["budget_line"]), None if b["goal"] is None else int(b["goal"]), b["no"], int(b["pagu"]),
                       b["pelaksana"],
                       parse_a1(b["cell"])[1] + 1 if b.get("cell") else (pagu_col or 0),
                       int(b["first_row"]), int(b["last_row"]))
            for b in _records(budgets))
    return dataclasses.replace(plan, **parts)


def rak_from_frames(cls, path, sheet, meta, *, activities, budgets, goals, indicators, **fields) -> "Rak":
    """:meth:`Rak.from_frames <rakxl.model.Rak.from_frames>`: ``cls`` built from four frames."""
    from .a1 import column_index

    letters = fields.pop("columns", None)
    if letters is not None and "column_of" not in fields:
        fields["column_of"] = {role: column_index(x) + 1 for role, x in letters.items()}
    extras = fields.pop("extra_columns", None)
    if extras is None:
        extras = [c for c in activities.columns if c not in ACTIVITY_COLUMNS]
    plan = plan_from_frames(Plan(), activities=activities, budgets=budgets, goals=goals, indicators=indicators,
                            extras=extras, pagu_col=fields.get("column_of", {}).get("pagu"))
    return cls(path=path, sheet=sheet, meta=meta, plan=plan, extra_columns=list(extras), **fields)


def with_frames(rak: "Rak", frames: dict) -> "Rak":
    """:meth:`Rak.with_frames <rakxl.model.Rak.with_frames>`: a copy of ``rak`` whose plan is read
    back from the ``frames`` given."""
    unknown = set(frames) - set(BUILDERS)
    if unknown:
        raise TypeError(f"with_frames() takes {', '.join(BUILDERS)}, not {', '.join(sorted(unknown))}")
    extras = rak.extra_columns
    if "activities" in frames:
        extras = [c for c in frames["activities"].columns if c not in ACTIVITY_COLUMNS]
    plan = plan_from_frames(rak.plan, extras=extras, pagu_col=rak.column_of.get("pagu"), **frames)
    return dataclasses.replace(rak, plan=plan, extra_columns=list(extras))


# -- frames from the plan (pandas imported here only) -------------------------------------

def _frame(data: dict, columns, nullable=()) -> "pd.DataFrame":
    import numpy as np
    import pandas as pd

    # Text columns are object columns holding str or None, whatever the pandas version
    # (pandas 3 would infer its string dtype); whole numbers int64, ``nullable`` Int64.
    # dtype objects, not names: a name is looked up among every registered dtype (slow).
    columns = list(columns)
    frame = pd.DataFrame({name: data[name] for name in columns}, columns=columns, dtype=object)
    int64 = np.dtype("int64")
    for name in columns:
        if name in nullable:
            frame[name] = frame[name].astype(pd.Int64Dtype())
        elif name in _INT_COLUMNS or name == "budget_line":
            frame[name] = frame[name].astype(int64)
    return frame


def _columns_of(items, names) -> dict[str, list]:
    """The attributes ``names`` of ``items``, column by column (at C speed, and no
    object per item: a tuple per item would wake the collector thousands of times)."""
    return {name: list(map(operator.attrgetter(name), items)) for name in names}


def _activities_frame(rak: Rak) -> "pd.DataFrame":
    acts = rak.plan.activities
    data = _columns_of(acts, ACTIVITY_COLUMNS)
    names = list(dict.fromkeys(rak.extra_columns))
    for k, name in enumerate(names):
        data[name] = [a.extras[k] if k < len(a.extras) else None for a in acts]
    return _frame(data, list(ACTIVITY_COLUMNS) + names, nullable=("budget_line",))


def _budgets_frame(rak: Rak) -> "pd.DataFrame":
    lines = rak.plan.budget_lines
    data = _columns_of(lines, BUDGET_COLUMNS)
    # a line that no goal owns leaves its goal empty (Int64)
    return _frame(data, BUDGET_COLUMNS, nullable=("goal",) if None in data["goal"] else ())


def _goals_frame(rak: Rak) -> "pd.DataFrame":
    plan = rak.plan
    goals = plan.goals
    lines = plan.lines_by_goal
    data = _columns_of(goals, ("goal", "no", "sasaran", "first_row", "last_row"))
    data["pagu"] = [plan.goal_pagu(g.goal) for g in goals]
    data["budget_lines"] = [len(lines.get(g.goal, ())) for g in goals]
    return _frame(data, GOAL_COLUMNS)


def _indicators_frame(rak: Rak) -> "pd.DataFrame":
    return _frame(_columns_of(rak.plan.indicators, INDICATOR_COLUMNS), INDICATOR_COLUMNS)


#: The frame builders, by name: ``BUILDERS["activities"](rak)``.
BUILDERS = {"activities": _activities_frame, "budgets": _budgets_frame, "goals": _goals_frame,
            "indicators": _indicators_frame}
