"""The plan model's bulk constructor (`rakxl.model.build`): objects exactly as the classes make them."""
from __future__ import annotations

import copy
import dataclasses
import pickle
import random

import pytest

import rakxl
from rakxl.model import Activity, BudgetLine, Goal, Indicator, build

SAMPLE = "samples/RAK_2021.xlsx"


def _random_columns(cls, n: int, rnd: random.Random) -> list[list]:
    """n rows of values for cls's fields: texts, None, numbers, tuples (extras)."""
    def value(name):
        if name == "extras":
            return tuple(rnd.choice(["x", None, "Rp 1"]) for _ in range(rnd.randrange(3)))
        return rnd.choice([None, rnd.randrange(1, 10_000), f"teks {rnd.randrange(99)}", "", 0])

    names = [f.name for f in dataclasses.fields(cls)]
    return [[value(name) for _ in range(n)] for name in names]


@pytest.mark.parametrize("cls", [Goal, Indicator, Activity, BudgetLine])
def test_build_makes_what_the_class_makes(cls):
    rnd = random.Random(cls.__name__)
    columns = _random_columns(cls, 300, rnd)
    fast = build(cls, *columns)
    plain = tuple(map(cls, *columns))
    assert isinstance(fast, tuple) and len(fast) == 300
    assert fast == plain
    for a, b in zip(fast, plain):
        assert type(a) is cls
        assert repr(a) == repr(b)
        assert hash(a) == hash(b)
        assert dataclasses.astuple(a) == dataclasses.astuple(b)
        assert pickle.loads(pickle.dumps(a)) == b
        assert copy.copy(a) == b and dataclasses.replace(a) == b
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(fast[0], dataclasses.fields(cls)[0].name, 1)
    assert not hasattr(fast[0], "__dict__")


def test_build_of_nothing():
    assert build(Goal, [], [], [], [], []) == ()


def test_read_plan_is_made_of_the_plain_classes():
    """The reader builds with `build`: what it returns equals the objects made one by one."""
    plan = rakxl.read_rak(SAMPLE).plan
    for items in (plan.goals, plan.indicators, plan.activities, plan.budget_lines):
        for item in items:
            cls = type(item)
            assert cls in (Goal, Indicator, Activity, BudgetLine)
            assert item == cls(*[getattr(item, f.name) for f in dataclasses.fields(cls)])
    assert len(plan.activities) == 68 and len(plan.goals) == 29
