"""What is monitored in a RAK: its indicators and activities, each with its target,
quarter targets and capaian method, and its budget lines.

Both the workbook writer and the reader of a filled workbook build the same items
from the plan (:func:`items`), so that the formulas the workbook holds and the
capaian rakxl computes come from one decision per indicator.
"""
from __future__ import annotations

from dataclasses import dataclass

from .config import DEFAULT, Config
from .methods import Method, Target, infer_method, parse_target, quarter_targets

LEVEL_INDICATOR, LEVEL_ACTIVITY = "indikator", "kegiatan"


@dataclass(frozen=True)
class Item:
    """One indicator or activity to report on.

    Attributes:
        level: ``indikator`` or ``kegiatan``.
        goal: the goal's id (1, 2, 3... in sheet order); ``no`` its No as written.
        indicator: the indicator's position within its goal (1-based).
        text: the indicator's or activity's text.
        target_text: the annual target as written; ``target`` its reading (or None).
        quarter_texts: the RAK's TW I-IV cells (activities; None for indicators).
        qtargets: the quarter targets usable as targets (:func:`methods.quarter_targets`).
        method: the capaian method; ``rule`` the rakxl.toml rule that set it, or None.
        first, last: positions in ``Rak.activities`` the item spans (an indicator's
            activities; an activity's own row).
        index: position in its level's list (0-based).
        activity: the activity's position in ``Rak.activities`` (activities only).
    """

    level: str
    goal: int
    no: str | None
    indicator: int
    text: str | None
    target_text: str | None
    target: Target | None
    quarter_texts: tuple
    qtargets: tuple
    method: Method
    rule: str | None
    first: int
    last: int
    index: int
    activity: int | None = None


def _method(config: Config, level, no, pos, text, target, parent=None) -> tuple[Method, str | None]:
    inferred = infer_method(text, target, parent=parent)
    rule = config.rule_for(level, no, pos, text)
    if rule is None:
        return inferred, None
    scale = rule.scale if rule.scale is not None else inferred.scale
    if rule.scale is None and target is not None and target.kind != "grade":
        scale = None
    return Method(rule.aggregation or inferred.aggregation, rule.direction or inferred.direction, scale,
                  f"rakxl.toml {rule.key}"), rule.key


def _text(v):
    """A cell's text as the plan holds it (a value put in by hand through frames: its str)."""
    if v is None:
        return None
    try:
        if v != v:  # NaN
            return None
    except (TypeError, ValueError):
        pass
    return str(v)


def items(rak, config: Config = DEFAULT) -> tuple[list[Item], list[Item]]:
    """(indicators, activities) of ``rak`` with their methods (read from its typed plan)."""
    acts = rak.plan.activities
    n = len(acts)
    col = {c: [_text(getattr(a, c)) for a in acts]
           for c in ("no", "indikator", "target_indikator", "kegiatan", "target_kegiatan", "tw1", "tw2", "tw3", "tw4")}
    goal = [a.goal for a in acts]
    indicators: list[Item] = []
    activities: list[Item] = []
    start = 0
    pos_in_goal = 0
    for i in range(1, n + 1):
        if i < n and (goal[i], col["indikator"][i], col["target_indikator"][i]) == \
                (goal[start], col["indikator"][start], col["target_indikator"][start]):
            continue
        if start == 0 or goal[start] != goal[start - 1]:
            pos_in_goal = 0
        pos_in_goal += 1
        no = col["no"][start]
        target = parse_target(col["target_indikator"][start])
        method, rule = _method(config, "indicator", no, pos_in_goal, col["indikator"][start], target)
        ind = Item(LEVEL_INDICATOR, int(goal[start]), no, pos_in_goal, col["indikator"][start],
                   col["target_indikator"][start], target, (None,) * 4, (None,) * 4, method, rule,
                   start, i - 1, len(indicators))
        indicators.append(ind)
        for k in range(start, i):
            t = parse_target(col["target_kegiatan"][k])
            qtexts = tuple(col[q][k] for q in ("tw1", "tw2", "tw3", "tw4"))
            m, r = _method(config, "activity", no, pos_in_goal, col["kegiatan"][k], t, parent=method)
            activities.append(Item(LEVEL_ACTIVITY, int(goal[k]), no, pos_in_goal, col["kegiatan"][k],
                                   col["target_kegiatan"][k], t, qtexts, tuple(quarter_targets(qtexts, t)),
                                   m, r, k, k, len(activities), k))
        start = i
    return indicators, activities
