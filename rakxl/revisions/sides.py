"""One side of a revision diff: a :class:`~rakxl.model.Rak` flattened into plain
lists, its texts cleaned and folded for comparing (the form the matching works on)."""
from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from ..text import fold_words

if TYPE_CHECKING:
    from ..model import Rak

#: The activity fields compared, besides the name (``kegiatan``). ``pagu`` is the
#: budget line the activity belongs to.
FIELDS = ("indikator", "target_indikator", "target_kegiatan", "tw1", "tw2", "tw3", "tw4",
          "pelaksana", "pagu")
#: Meta fields compared (the title and signature block).
META_FIELDS = ("year", "organization", "unit", "place", "signed_on", "signatory_title", "signatory", "nip")


def clean(text) -> str | None:
    """Text for comparing: runs of spaces and line breaks folded, blank -> None."""
    if text is None:
        return None
    out = " ".join(str(text).split())
    return out or None


def _each(fn, values: list) -> list:
    """``fn`` (:func:`clean` or :func:`rakxl.text.fold_words`) of each value; a text
    repeated down a column is worked once."""
    memo: dict = {}
    out = []
    for x in values:
        if type(x) is str:  # texts only: 1, 1.0 and True are equal keys but clean apart
            c = memo.get(x, memo)
            if c is memo:
                c = memo[x] = fn(x)
        else:
            c = fn(x)
        out.append(c)
    return out


def _groups(keys: list[int], n: int) -> list:
    """The positions in each of ``n`` groups, ``keys[i]`` being the group of position
    ``i``: ranges when every group's positions follow each other (a goal's activities
    do), else lists."""
    first, last, count = [None] * n, [0] * n, [0] * n
    for i, k in enumerate(keys):
        if first[k] is None:
            first[k] = i
        last[k] = i
        count[k] += 1
    if all(f is None or last[k] - f + 1 == count[k] for k, f in enumerate(first)):
        return [range(0) if f is None else range(f, last[k] + 1) for k, f in enumerate(first)]
    out: list[list[int]] = [[] for _ in range(n)]
    for i, k in enumerate(keys):
        out[k].append(i)
    return out


# -- one side of the comparison ---------------------------------------------------

def _not_compared(old: "Rak", new: "Rak") -> frozenset:
    """The activity fields that either side's RAK family does not have
    (:attr:`rakxl.layout.Family.lacks`: a work plan has no quarter targets), and ``no``
    when one side numbers no goals: a plan rewritten in another family does not
    change them."""
    from ..layout import FAMILY_BY_NAME

    lacking = set()
    for rak in (old, new):
        family = FAMILY_BY_NAME.get(rak.family)
        if family is not None:
            lacking.update(family.lacks)
        if rak.family != "kpu" and "no" not in rak.columns:  # goals by Sasaran order (Pemda): no numbers
            lacking.add("no")
    return frozenset(lacking & (set(FIELDS[:-1]) | {"no"}))


class _Plan:
    """A Rak flattened into plain lists, the form the matching works on."""

    def __init__(self, rak: "Rak", skip: frozenset = frozenset()):
        plan = rak.plan
        acts = plan.activities
        self.rak = rak
        self.n = len(acts)
        # the activities' columns, read in one pass over them
        columns = ("kegiatan", "row", "budget_line", "goal") + FIELDS[:-1]
        self.name, self.row, self.line, goal_of, *values = (
            zip(*map(attrgetter(*columns), acts)) if acts else [()] * len(columns))
        self.name_clean = _each(clean, self.name)
        self.name_fold = _each(fold_words, self.name)
        # fields in skip (one side's family has none of them) are compared as blank on both sides
        self.values = {f: [None] * self.n if f in skip else _each(clean, column)
                       for f, column in zip(FIELDS[:-1], values)}
        self.line_pagu = {}
        self.line_cell = {}
        self.line_pelaksana = {}
        for b in plan.budget_lines:
            self.line_pagu[b.budget_line] = b.pagu
            self.line_cell[b.budget_line] = b.range.a1
            self.line_pelaksana[b.budget_line] = b.pelaksana
        goals = plan.goals
        self.goal_ids = [g.goal for g in goals]
        self.goal_no = [g.no for g in goals]
        self.goal_text = [g.sasaran for g in goals]
        self.goal_clean = _each(clean, self.goal_text)
        self.goal_fold = _each(fold_words, self.goal_text)
        self.goal_pagu = [plan.goal_pagu(g.goal) for g in goals]
        position = {gid: k for k, gid in enumerate(self.goal_ids)}
        self.acts_of = _groups([position[g] for g in goal_of], len(self.goal_ids))
        # The budget lines of each goal, numbered 0, 1, 2... inside the goal, so that a
        # signature tells a range split in two from one range.
        self.line_rank: dict[int, int] = {}
        for acts_ in self.acts_of:
            rank = 0
            for i in acts_:
                line = self.line[i]
                if line is not None and line not in self.line_rank:
                    self.line_rank[line] = rank
                    rank += 1
        # An activity's signature: its name and fields as compared, and its budget
        # line's rank in the goal and amount; a goal's: its folded Sasaran and the
        # signatures of its activities in order.
        rank = [None if line is None else self.line_rank[line] for line in self.line]
        amount = [None if line is None else self.line_pagu[line] for line in self.line]
        act_sig = list(zip(self.name_clean, *(self.values[f] for f in FIELDS[:-1]), rank, amount))
        self.goal_sig = [(self.goal_fold[k], tuple([act_sig[i] for i in acts_]))
                         for k, acts_ in enumerate(self.acts_of)]
        self._names: dict[int, dict] = {}

    def goal_names(self, k: int) -> dict:
        """How many activities of goal position ``k`` carry each folded name, in order
        of appearance (a plain dict of texts and numbers, which the collector does not
        track)."""
        names = self._names.get(k)
        if names is None:
            names = self._names[k] = {}
            for i in self.acts_of[k]:
                name = self.name_fold[i]
                names[name] = names.get(name, 0) + 1
        return names

    def pagu_of(self, i) -> int | None:
        line = self.line[i]
        return None if line is None else self.line_pagu[line]

    def cell_of(self, i) -> str | None:
        line = self.line[i]
        return None if line is None else self.line_cell[line]

    def value(self, f: str, i: int):
        return self.pagu_of(i) if f == "pagu" else self.values[f][i]

