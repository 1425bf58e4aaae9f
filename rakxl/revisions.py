"""Revision diff: exactly what changed between two readings of a RAK.

Offices revise their RAK several times a year. :func:`diff` compares two
:class:`~rakxl.model.Rak` readings and says, goal by goal and activity by activity,
what was added, removed, renamed or changed, and how the Pagu moved.

How things are matched (the order matters; each step only sees what the steps
before it left unmatched):

Goals
  1. identical goals (same Sasaran once case, spacing and punctuation are folded,
     same activities, same budget lines), in order (a patience alignment), then anywhere;
  2. a folded Sasaran that only one old and one new goal still carry;
  3. goals anywhere in the plan that share at least :data:`GOAL_CONTENT_SHARE` of
     their activity names, under a Sasaran at least
     :data:`GOAL_TEXT_RATIO_WITH_CONTENT` similar (a corrected Sasaran);
  4. the rest, between the goals already matched (the "gaps" of an order-keeping
     chain of matches), by Sasaran similarity (``difflib`` ratio at least
     :data:`GOAL_TEXT_RATIO`, or the rule of step 3);
  5. if few goals are left, step 4 over the whole plan (a goal moved *and* edited).

  Where several candidates compete (steps 3-5) an optimal assignment picks the
  pairs: text similarity first, then shared activities, then position, so that
  duplicates (the sample's goals 4 and 17 differ only in case) resolve by content,
  then by order.

  The goal number (No) plays no part: renumbering after an insertion is not a
  change of content.

Activities (only within a matched goal pair)
  1. the same folded name; among several of one name, the pairing that keeps the
     most field values, then the closest positions (the sample's goal 26 has three
     identical rows);
  2. name similarity at least :data:`ACTIVITY_NAME_RATIO` (a typo fix ``lapoan`` ->
     ``laporan`` is a rename), optimal assignment, ties broken by the fields kept,
     then by position.

Everything else is ``added`` or ``removed``. Text similarity is computed within a
goal, between goals that share activity names, or between neighbouring unmatched
goals (all against all only when few goals are left), never over whole plans: two
10,000-row plans diff in well under a second (``benchmarks/diff_bench.py``).

A budget line (a Pagu cell or merged Pagu range) is compared by its amount and by
the activities it pays for: a range split in two changes every activity it covered.
Pagu totals are integer rupiah, so every delta is exact.
"""
from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .layout import format_date_id, format_rupiah
from .text import fold_words

if TYPE_CHECKING:  # pandas is imported lazily (the CLI's start-up stays fast)
    import pandas as pd

    from .model import Rak

#: A Sasaran this similar (``difflib`` ratio of the folded texts) is the same goal.
GOAL_TEXT_RATIO = 0.8
#: A Sasaran at least this similar is the same goal when the activities mostly agree.
GOAL_TEXT_RATIO_WITH_CONTENT = 0.5
#: ... "mostly": this share of the activity names (of the larger goal) is the same.
GOAL_CONTENT_SHARE = 0.75
#: An activity name this similar (within its goal) is the same activity, renamed.
ACTIVITY_NAME_RATIO = 0.8
#: At most this many candidate pairs are scored all against all; larger gaps are
#: scored within a window of :data:`WINDOW` positions.
ALL_PAIRS_LIMIT = 2500
WINDOW = 25
#: An activity name found in more unmatched goals than this does not make them
#: candidates for each other (step 3 of goal matching).
COMMON_NAME = 20
#: Components of competing candidates up to this size get an optimal assignment;
#: larger ones (never seen in real plans) are assigned greedily, best score first.
OPTIMAL_LIMIT = 60
#: Identical goals are aligned this many levels deep (each level looks between the
#: anchors of the level before); what is left is paired in order of appearance.
ALIGN_DEPTH = 8

#: The activity fields compared, besides the name (``kegiatan``). ``pagu`` is the
#: budget line the activity belongs to.
FIELDS = ("indikator", "target_indikator", "target_kegiatan", "tw1", "tw2", "tw3", "tw4",
          "pelaksana", "pagu")
#: Meta fields compared (the title and signature block).
META_FIELDS = ("year", "organization", "unit", "place", "signed_on", "signatory_title", "signatory", "nip")

GOAL_DIFF_COLUMNS = ("no_old", "no_new", "sasaran", "change", "pagu_old", "pagu_new", "delta",
                     "sasaran_old", "fields", "goal_old", "goal_new")
ACTIVITY_DIFF_COLUMNS = (
    ("change", "no_old", "no_new", "sasaran", "kegiatan_old", "kegiatan_new", "fields")
    + tuple(f"{f}_{side}" for f in FIELDS for side in ("old", "new"))
    + ("pagu_cell_old", "pagu_cell_new", "row_old", "row_new", "index_old", "index_new", "goal_old", "goal_new")
)
TOTAL_COLUMNS = ("pelaksana", "pagu_old", "pagu_new", "delta")
META_COLUMNS = ("field", "old", "new")
CHANGE_COLUMNS = ("level", "change", "no_old", "no_new", "sasaran", "kegiatan", "pelaksana", "field", "old",
                  "new", "delta", "cell", "cell_old")
#: The label of the grand total row of :attr:`RakDiff.totals`.
GRAND_TOTAL = "JUMLAH"
#: The label of budget lines without a Pelaksana in :attr:`RakDiff.totals`.
NO_PELAKSANA = "(tanpa Pelaksana)"



def clean(text) -> str | None:
    """Text for comparing: runs of spaces and line breaks folded, blank -> None."""
    if text is None:
        return None
    out = " ".join(str(text).split())
    return out or None


# -- one side of the comparison ---------------------------------------------------

def _not_compared(old: "Rak", new: "Rak") -> frozenset:
    """The activity fields that either side's RAK family does not have
    (:attr:`rakxl.layout.Family.lacks`: a work plan has no quarter targets), and ``no``
    when one side numbers no goals: a plan rewritten in another family does not
    change them."""
    from .layout import FAMILY_BY_NAME

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
        self.name = [a.kegiatan for a in acts]
        self.name_clean = [clean(x) for x in self.name]
        self.name_fold = [fold_words(x) for x in self.name]
        self.row = [a.row for a in acts]
        # fields in skip (one side's family has none of them) are compared as blank on both sides
        self.values = {f: [None] * self.n if f in skip else [clean(getattr(a, f)) for a in acts]
                       for f in FIELDS[:-1]}
        self.line = [a.budget_line for a in acts]
        self.line_pagu = {}
        self.line_cell = {}
        self.line_pelaksana = {}
        for b in plan.budget_lines:
            self.line_pagu[b.budget_line] = b.pagu
            self.line_cell[b.budget_line] = b.range.a1
            self.line_pelaksana[b.budget_line] = b.pelaksana
        self.cover: dict[int, list[int]] = defaultdict(list)
        for i, line in enumerate(self.line):
            if line is not None:
                self.cover[line].append(i)
        goals = plan.goals
        self.goal_ids = [g.goal for g in goals]
        self.goal_no = [g.no for g in goals]
        self.goal_text = [g.sasaran for g in goals]
        self.goal_clean = [clean(x) for x in self.goal_text]
        self.goal_fold = [fold_words(x) for x in self.goal_text]
        self.goal_pagu = [plan.goal_pagu(g.goal) for g in goals]
        position = {gid: k for k, gid in enumerate(self.goal_ids)}
        self.acts_of = [[] for _ in self.goal_ids]
        for i, gid in enumerate(a.goal for a in acts):
            self.acts_of[position[gid]].append(i)
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
        self.act_sig = [self._act_sig(i) for i in range(self.n)]
        self.goal_sig = [(self.goal_fold[k], tuple(self.act_sig[i] for i in acts_))
                         for k, acts_ in enumerate(self.acts_of)]
        self.goal_names = [Counter(self.name_fold[i] for i in acts_) for acts_ in self.acts_of]

    def _act_sig(self, i):
        line = self.line[i]
        budget = None if line is None else (self.line_rank[line], self.line_pagu[line])
        return (self.name_clean[i],) + tuple(self.values[f][i] for f in FIELDS[:-1]) + (budget,)

    def pagu_of(self, i) -> int | None:
        line = self.line[i]
        return None if line is None else self.line_pagu[line]

    def cell_of(self, i) -> str | None:
        line = self.line[i]
        return None if line is None else self.line_cell[line]

    def value(self, f: str, i: int):
        return self.pagu_of(i) if f == "pagu" else self.values[f][i]


# -- matching ---------------------------------------------------------------------

def _align(old_keys: list, new_keys: list) -> list[tuple[int, int]]:
    """Pairs (i, j) with ``old_keys[i] == new_keys[j]``, one-to-one: first the
    order-keeping matches, then the remaining equal keys in order of appearance.

    The order-keeping matches of a stretch of at most :data:`ALL_PAIRS_LIMIT` pairs
    are difflib's longest matching blocks (so a plan of up to 50 goals is aligned
    exactly as difflib aligns it). A longer stretch is cut first (a patience
    alignment): its equal ends, then the longest order-keeping chain of the keys
    found once on each side of it; the stretches between those anchors are aligned
    the same way, up to :data:`ALIGN_DEPTH` levels deep. So the time is O(n log n)
    whatever the input: difflib alone is quadratic on a long plan in which every
    other goal changed (26 s for 16,000 goals)."""
    n, m = len(old_keys), len(new_keys)
    if not n or not m:
        return []
    pairs: list[tuple[int, int]] = []
    used_old, used_new = [False] * n, [False] * m
    stretches = [(0, n, 0, m)]
    for _ in range(ALIGN_DEPTH):
        if not stretches:
            break
        deeper = []
        for a0, a1, b0, b1 in stretches:
            if (a1 - a0) * (b1 - b0) > ALL_PAIRS_LIMIT:  # the equal ends of a long stretch
                while a0 < a1 and b0 < b1 and old_keys[a0] == new_keys[b0]:
                    pairs.append((a0, b0))
                    used_old[a0] = used_new[b0] = True
                    a0, b0 = a0 + 1, b0 + 1
                while a0 < a1 and b0 < b1 and old_keys[a1 - 1] == new_keys[b1 - 1]:
                    a1, b1 = a1 - 1, b1 - 1
                    pairs.append((a1, b1))
                    used_old[a1] = used_new[b1] = True
            if a0 == a1 or b0 == b1:
                continue
            if (a1 - a0) * (b1 - b0) <= ALL_PAIRS_LIMIT:  # a short stretch: the longest matching blocks
                sm = difflib.SequenceMatcher(None, old_keys[a0:a1], new_keys[b0:b1], autojunk=False)
                for a, b, size in sm.get_matching_blocks():
                    for k in range(size):
                        pairs.append((a0 + a + k, b0 + b + k))
                        used_old[a0 + a + k] = used_new[b0 + b + k] = True
                continue
            # the keys found once on each side, chained in order
            seen_old: dict = {}
            for i in range(a0, a1):
                k = old_keys[i]
                seen_old[k] = -1 if k in seen_old else i
            seen_new: dict = {}
            for j in range(b0, b1):
                k = new_keys[j]
                if seen_old.get(k, -1) >= 0:
                    seen_new[k] = -1 if k in seen_new else j
            anchors = _increasing_chain([(seen_old[k], j) for k, j in seen_new.items() if j >= 0])
            prev_a, prev_b = a0, b0
            for i, j in anchors + [(a1, b1)]:
                if i < a1:
                    pairs.append((i, j))
                    used_old[i] = used_new[j] = True
                if i > prev_a and j > prev_b:
                    deeper.append((prev_a, i, prev_b, j))
                prev_a, prev_b = i + 1, j + 1
            if not anchors:
                deeper.pop()  # nothing found: the stretch is left as it is
        stretches = deeper
    if len(pairs) < min(n, m):
        waiting: dict = defaultdict(deque)
        for j, key in enumerate(new_keys):
            if not used_new[j]:
                waiting[key].append(j)
        for i, key in enumerate(old_keys):
            if not used_old[i] and waiting.get(key):
                pairs.append((i, waiting[key].popleft()))
    return pairs


def _increasing_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing in both positions (patience sorting)."""
    pairs = sorted(pairs)
    tails, tail_at, back = [], [], [None] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        at = bisect.bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[at] = j
            tail_at[at] = k
        back[k] = tail_at[at - 1] if at else None
    chain, k = [], tail_at[-1] if tail_at else None
    while k is not None:
        chain.append(pairs[k])
        k = back[k]
    return chain[::-1]


def _gaps(n_old: int, n_new: int, matched: list[tuple[int, int]]):
    """The unmatched old and new positions between consecutive pairs of the
    order-keeping chain of ``matched``: a list of (old positions, new positions)."""
    chain = _increasing_chain(matched)
    used_old = {i for i, _ in matched}
    used_new = {j for _, j in matched}
    olds = [c[0] for c in chain]
    news = [c[1] for c in chain]
    gaps = [([], []) for _ in range(len(chain) + 1)]
    for i in range(n_old):
        if i not in used_old:
            gaps[bisect.bisect_left(olds, i)][0].append(i)
    for j in range(n_new):
        if j not in used_new:
            gaps[bisect.bisect_left(news, j)][1].append(j)
    return [g for g in gaps if g[0] and g[1]]


def _candidates(old_idx: list[int], new_idx: list[int]):
    """Pairs (rank in old_idx, rank in new_idx) worth scoring: all of them when few,
    else those within :data:`WINDOW` of the same relative position."""
    n, m = len(old_idx), len(new_idx)
    if n * m <= ALL_PAIRS_LIMIT:
        return ((a, b) for a in range(n) for b in range(m))

    def window():
        for a in range(n):
            centre = a * m // n
            for b in range(max(0, centre - WINDOW), min(m, centre + WINDOW + 1)):
                yield a, b
    return window()


def _assign(edges: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The matching of largest total score over the given (left, right) -> score edges:
    exact (Hungarian) on each component of competing candidates up to
    :data:`OPTIMAL_LIMIT` nodes a side, greedy beyond."""
    if not edges:
        return []
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(("o", a)), find(("n", b))
        if ra != rb:
            parent[ra] = rb
    components = defaultdict(list)
    for (a, b), score in edges.items():
        components[find(("o", a))].append((a, b, score))
    out = []
    for comp in components.values():
        if len(comp) == 1:
            out.append(comp[0][:2])
            continue
        lefts = sorted({a for a, _, _ in comp})
        rights = sorted({b for _, b, _ in comp})
        if max(len(lefts), len(rights)) > OPTIMAL_LIMIT:
            out.extend(_greedy(comp))
        else:
            out.extend(_hungarian(lefts, rights, {(a, b): s for a, b, s in comp}))
    return out


def _greedy(comp):
    used_a, used_b, out = set(), set(), []
    for a, b, _ in sorted(comp, key=lambda e: (-e[2], e[0], e[1])):
        if a not in used_a and b not in used_b:
            used_a.add(a)
            used_b.add(b)
            out.append((a, b))
    return out


def _hungarian(lefts, rights, score):
    """Maximum-score matching on a small dense bipartite graph (Kuhn-Munkres,
    O(n^2 m)); pairs without an edge score 0 and are dropped from the result."""
    transpose = len(lefts) > len(rights)
    if transpose:
        lefts, rights = rights, lefts
        score = {(b, a): s for (a, b), s in score.items()}
    n, m = len(lefts), len(rights)
    inf = float("inf")
    cost = [[-score.get((lefts[i], rights[j]), 0.0) for j in range(m)] for i in range(n)]
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    p, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            row = cost[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    out = []
    for j in range(1, m + 1):
        if p[j]:
            a, b = lefts[p[j] - 1], rights[j - 1]
            if (a, b) in score:
                out.append((b, a) if transpose else (a, b))
    return out


def _ratio(a: str, b: str, floor: float) -> float:
    """difflib's ratio of two texts, or 0.0 when its cheap upper bounds show it is
    below ``floor``."""
    if a == b:
        return 1.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < floor or sm.quick_ratio() < floor:
        return 0.0
    return sm.ratio()


def _content_share(a: Counter, b: Counter) -> float:
    """The share of activity names two goals have in common (of the larger goal)."""
    total = max(sum(a.values()), sum(b.values()))
    return sum((a & b).values()) / total if total else 0.0


def _score_goals(old: _Plan, new: _Plan, old_idx, new_idx, pairs, ratios: dict, min_content=0.0) -> dict:
    """Scores of the acceptable (old, new) goal pairs among ``pairs`` (ranks in
    ``old_idx``/``new_idx``), leaving out those sharing less than ``min_content`` of
    their activity names. ``ratios`` caches text ratios between calls."""
    edges = {}
    for a, b in pairs:
        i, j = old_idx[a], new_idx[b]
        content = _content_share(old.goal_names[i], new.goal_names[j])
        if content < min_content:
            continue
        floor = GOAL_TEXT_RATIO_WITH_CONTENT if content >= GOAL_CONTENT_SHARE else GOAL_TEXT_RATIO
        key = (old.goal_fold[i], new.goal_fold[j])
        text = ratios.get(key)
        if text is None:
            text = ratios[key] = _ratio(key[0], key[1], GOAL_TEXT_RATIO_WITH_CONTENT)
        if text >= floor:
            # content breaks ties between equal texts, position between equal content
            edges[(i, j)] = text + 0.5 * content + 0.01 * (1 - abs(a / len(old_idx) - b / len(new_idx)))
    return edges


def match_goals(old: _Plan, new: _Plan) -> dict[int, int]:
    """Old goal position -> new goal position (0-based positions in ``Rak.goals``);
    the steps are described in the module docstring."""
    n_old, n_new = len(old.goal_ids), len(new.goal_ids)
    matched = []
    done_old, done_new = set(), set()
    ratios: dict = {}

    def take(pairs):
        for i, j in pairs:
            matched.append((i, j))
            done_old.add(i)
            done_new.add(j)

    def left():
        return ([i for i in range(n_old) if i not in done_old], [j for j in range(n_new) if j not in done_new])

    # 1. Identical goals.
    take(_align(old.goal_sig, new.goal_sig))
    # 2. A folded Sasaran that only one old and one new goal still carry.
    olds, news = left()
    by_text_old, by_text_new = defaultdict(list), defaultdict(list)
    for i in olds:
        by_text_old[old.goal_fold[i]].append(i)
    for j in news:
        by_text_new[new.goal_fold[j]].append(j)
    take((o[0], by_text_new[key][0]) for key, o in by_text_old.items()
         if len(o) == 1 and len(by_text_new.get(key, ())) == 1)
    # 3. Mostly the same activities under a corrected Sasaran, anywhere: candidates
    # share an activity name (a name found in many goals tells nothing).
    olds, news = left()
    holders = defaultdict(list)
    for b, j in enumerate(news):
        for name in new.goal_names[j]:
            holders[name].append(b)
    pairs = set()
    for a, i in enumerate(olds):
        for name in old.goal_names[i]:
            found = holders.get(name, ())
            if len(found) <= COMMON_NAME:
                pairs.update((a, b) for b in found)
    take(_assign(_score_goals(old, new, olds, news, sorted(pairs), ratios, min_content=GOAL_CONTENT_SHARE)))
    # 4. Similar Sasaran between the goals matched so far.
    for olds, news in _gaps(n_old, n_new, matched):
        take(_assign(_score_goals(old, new, olds, news, _candidates(olds, news), ratios)))
    # 5. A few goals left: one more look over the whole plan (moved and edited).
    olds, news = left()
    if olds and news and len(olds) * len(news) <= ALL_PAIRS_LIMIT:
        take(_assign(_score_goals(old, new, olds, news, _candidates(olds, news), ratios)))
    return dict(matched)


def match_activities(old: _Plan, new: _Plan, olds: list[int], news: list[int]) -> dict[int, int]:
    """Old activity index -> new activity index within one matched goal pair.

    First the activities that keep their (folded) name: among several of the same
    name, the pairing that keeps the most field values, then the closest positions
    (the sample's goal 26 has three identical rows). Then the rest by name
    similarity. The work is linear in the goal's size: a name repeated on many rows
    is paired within a window of positions (as :func:`_candidates` does).
    """
    rank_o = {i: k for k, i in enumerate(olds)}
    rank_n = {j: k for k, j in enumerate(news)}
    by_name_new, by_name_old = defaultdict(list), defaultdict(list)
    for j in news:
        by_name_new[new.name_fold[j]].append(j)
    for i in olds:
        by_name_old[old.name_fold[i]].append(i)
    matched, edges = [], {}
    for name, same_old in by_name_old.items():
        same_new = by_name_new.get(name)
        if not same_new:
            continue
        if len(same_old) == 1 and len(same_new) == 1:
            matched.append((same_old[0], same_new[0]))
            continue
        for a, b in _candidates(same_old, same_new):
            i, j = same_old[a], same_new[b]
            # one kept field outweighs any distance; distance decides between equals
            edges[(i, j)] = _kept_fields(old, new, i, j) + 0.5 / (1 + abs(rank_o[i] - rank_n[j]))
    matched.extend(_assign(edges))
    used_o = {i for i, _ in matched}
    used_n = {j for _, j in matched}
    rest_o = [i for i in olds if i not in used_o]
    rest_n = [j for j in news if j not in used_n]
    if rest_o and rest_n:
        edges = {}
        for a, b in _candidates(rest_o, rest_n):
            i, j = rest_o[a], rest_n[b]
            ratio = _ratio(old.name_fold[i], new.name_fold[j], ACTIVITY_NAME_RATIO)
            if ratio >= ACTIVITY_NAME_RATIO:
                kept = _kept_fields(old, new, i, j) / len(FIELDS)
                edges[(i, j)] = ratio + 0.05 * kept + 0.01 / (1 + abs(rank_o[i] - rank_n[j]))
        matched.extend(_assign(edges))
    return dict(matched)


def _kept_fields(old: _Plan, new: _Plan, i: int, j: int) -> int:
    """How many of :data:`FIELDS` activity i (old) and j (new) have alike."""
    return (sum(old.values[f][i] == new.values[f][j] for f in FIELDS[:-1])
            + (old.pagu_of(i) == new.pagu_of(j)))


def _interleave(olds: list, news: list, match: dict) -> list[tuple]:
    """(old or None, new or None) in reading order: the new sequence, each unmatched
    old item placed where it stood (after the old item before it)."""
    out = []
    inverse = {j: i for i, j in match.items()}
    pos = {x: k for k, x in enumerate(olds)}
    emitted = 0  # olds[:emitted] are placed
    placed = set()
    for j in news:
        i = inverse.get(j)
        if i is not None:
            while emitted < pos[i]:
                x = olds[emitted]
                if x not in match and x not in placed:
                    out.append((x, None))
                    placed.add(x)
                emitted += 1
            out.append((i, j))
            placed.add(i)
            emitted = max(emitted, pos[i] + 1)
        else:
            out.append((None, j))
    for x in olds:
        if x not in match and x not in placed:
            out.append((x, None))
    return out


# -- the result -------------------------------------------------------------------

def word(key: str, lang: str = "id", **kwargs) -> str:
    """A word of the diff (``diff.KEY``) or a field's label (``field.KEY``) from the
    catalogue (:mod:`rakxl.i18n`), in ``lang``; an unknown key as it is."""
    from .i18n import CATALOGUE, say

    for name in (f"diff.{key}", f"field.{key}"):
        if name in CATALOGUE:
            return say(name, lang, **kwargs)
    return key



def signed_rupiah(amount: int) -> str:
    """``+Rp 1.000``, ``-Rp 1.000`` or ``Rp 0``."""
    if amount > 0:
        return "+" + format_rupiah(amount)
    if amount < 0:
        return "-" + format_rupiah(-amount)
    return format_rupiah(0)


@dataclass
class RakDiff:
    """What changed from one reading of a RAK (``old``) to another (``new``).

    Attributes:
        goals: one row per goal of either plan, in the new plan's order (removed goals
            where they stood): ``no_old``, ``no_new`` (the No as written; None on the
            side where the goal does not exist), ``sasaran`` (the new text, or the old
            one for a removed goal), ``change`` (``added``, ``removed``, ``changed`` or
            ``same``; a goal that was only renumbered is ``same``), ``pagu_old``,
            ``pagu_new`` (0 where absent), ``delta`` (new - old, exact rupiah),
            ``sasaran_old`` (the old text when the text changed, else None),
            ``fields`` (what changed: ``sasaran``, ``pagu``, ``kegiatan``,
            comma-separated), ``goal_old``, ``goal_new`` (the goals' ``goal`` ids).
        activities: one row per activity that changed (see :data:`ACTIVITY_DIFF_COLUMNS`):
            ``change`` (``added``, ``removed``, ``renamed`` (the name changed, maybe
            more) or ``changed``), the goal (``no_old``, ``no_new``, ``sasaran``),
            ``kegiatan_old`` and ``kegiatan_new``, ``fields`` (the changed fields of
            :data:`FIELDS` plus ``kegiatan`` for a rename, comma-separated), and for
            each field ``<field>_old`` and ``<field>_new``: filled for the changed
            fields only (an added activity has every ``_new`` filled, a removed one
            every ``_old``). ``pagu_*`` is the amount of the budget line the activity
            belongs to; ``pagu_cell_*`` that line's cells (``K14:K16``); the ``pagu``
            field changes when the amount or the activities the line covers change.
            ``row_*`` are sheet rows, ``index_*`` positions in ``Rak.activities``.
        totals: Pagu per Pelaksana (``pelaksana``, ``pagu_old``, ``pagu_new``,
            ``delta``), every Pelaksana of either plan, then a ``JUMLAH`` row.
        meta: the title and signature fields that changed (``field``, ``old``, ``new``).
        old, new: the two readings compared.

    The four frames are built on first access from the same rows as plain dicts
    (``goal_rows``, ``activity_rows``, ``total_rows``, ``meta_rows``), which the
    summary, the marks and the JSON use without pandas.
    """

    goal_rows: list[dict]
    activity_rows: list[dict]
    total_rows: list[dict]
    meta_rows: list[dict]
    old: "Rak" = field(repr=False)
    new: "Rak" = field(repr=False)
    _frames: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def goals(self) -> "pd.DataFrame":
        return self._frame("goals")

    @property
    def activities(self) -> "pd.DataFrame":
        return self._frame("activities")

    @property
    def totals(self) -> "pd.DataFrame":
        return self._frame("totals")

    @property
    def meta(self) -> "pd.DataFrame":
        return self._frame("meta")

    def _frame(self, name: str) -> "pd.DataFrame":
        frame = self._frames.get(name)
        if frame is None:
            import pandas as pd

            rows, columns, ints, nullable, text = {
                "goals": (self.goal_rows, GOAL_DIFF_COLUMNS, ("pagu_old", "pagu_new", "delta"),
                          ("goal_old", "goal_new"), True),
                "activities": (self.activity_rows, ACTIVITY_DIFF_COLUMNS, (),
                               ("pagu_old", "pagu_new", "row_old", "row_new", "index_old", "index_new",
                                "goal_old", "goal_new"), True),
                "totals": (self.total_rows, TOTAL_COLUMNS, TOTAL_COLUMNS[1:], (), False),
                "meta": (self.meta_rows, META_COLUMNS, (), (), True),
            }[name]
            frame = pd.DataFrame(rows, columns=list(columns), dtype=object if text else None)
            for c in ints:
                frame[c] = frame[c].astype("int64")
            for c in nullable:
                frame[c] = frame[c].astype("Int64")
            self._frames[name] = frame
        return frame

    @property
    def is_empty(self) -> bool:
        """True when nothing changed: no goal added, removed, changed or renumbered, no
        activity changed, no Pagu moved, the same title and signature block."""
        return (not self.activity_rows and not self.meta_rows
                and all(g["change"] == "same" and g["no_old"] == g["no_new"] for g in self.goal_rows)
                and not any(t["delta"] for t in self.total_rows))

    def __repr__(self) -> str:
        counts = dict(Counter(g["change"] for g in self.goal_rows).most_common())
        total = self.total_rows[-1]["delta"] if self.total_rows else 0
        return (f"<RakDiff goals={counts} activities={len(self.activity_rows)} "
                f"total_delta={total:+,} empty={self.is_empty}>")

    # -- one row per change ------------------------------------------------------

    @property
    def changes(self) -> "pd.DataFrame":
        """Every change, one row each (the ``Perubahan`` sheet): ``level`` (``sasaran``,
        ``kegiatan``, ``pelaksana`` or ``judul``), ``change``, ``no_old``, ``no_new``,
        ``sasaran``, ``kegiatan``, ``field``, ``old``, ``new`` (a Pagu as whole rupiah,
        other fields as written), ``delta`` (rupiah, for a goal's or a Pelaksana's Pagu),
        ``cell`` (where the new value stands in the new sheet, or the old one for
        something removed) and ``cell_old`` (the old budget line's cells, for a
        changed Pagu of an activity). :meth:`change_rows` gives the same rows as dicts."""
        import pandas as pd

        frame = pd.DataFrame(self.change_rows(), columns=list(CHANGE_COLUMNS), dtype=object)
        frame["delta"] = frame["delta"].astype("Int64")
        return frame

    def change_rows(self) -> list[dict]:
        """:attr:`changes` as plain dicts (no pandas)."""
        new, old = self.new, self.old
        sides = {side: (rak, [a.row for a in rak.plan.activities], [a.pelaksana for a in rak.plan.activities])
                 for side, rak in (("new", new), ("old", old))}
        goal_rows = {side: {g.goal: g.first_row for g in rak.plan.goals} for side, rak in (("new", new), ("old", old))}
        goal_pelaksana = {}
        for side, (rak, _, _) in sides.items():
            for a in rak.plan.activities:
                names = goal_pelaksana.setdefault((side, a.goal), [])
                if a.pelaksana and a.pelaksana not in names:
                    names.append(a.pelaksana)
        by_goal = defaultdict(list)
        for rec in self.activity_rows:
            by_goal[(_int(rec["goal_old"]), _int(rec["goal_new"]))].append(rec)
        rows = []

        def add(level, change, g, fld, old_v=None, new_v=None, *, kegiatan=None, pelaksana=None, delta=None,
                cell=None, cell_old=None):
            rows.append({"level": level, "change": change, "no_old": g["no_old"], "no_new": g["no_new"],
                         "sasaran": g["sasaran"], "kegiatan": kegiatan, "pelaksana": pelaksana, "field": fld,
                         "old": old_v, "new": new_v, "delta": delta, "cell": cell, "cell_old": cell_old})

        for g in self.goal_rows:
            go, gn = _int(g["goal_old"]), _int(g["goal_new"])
            side, gid = ("new", gn) if gn is not None else ("old", go)
            where = sides[side][0].cell("sasaran", goal_rows[side][gid])
            pel = "; ".join(goal_pelaksana.get((side, gid), ())) or None
            if g["change"] == "added":
                add("sasaran", "added", g, "sasaran", new_v=g["sasaran"], pelaksana=pel, cell=where)
            elif g["change"] == "removed":
                add("sasaran", "removed", g, "sasaran", old_v=g["sasaran"], pelaksana=pel, cell=where)
            elif g["sasaran_old"] is not None:
                add("sasaran", "changed", g, "sasaran", g["sasaran_old"], g["sasaran"], pelaksana=pel, cell=where)
            elif g["change"] == "same" and g["no_old"] != g["no_new"]:
                add("sasaran", "renumbered", g, "no", g["no_old"], g["no_new"], pelaksana=pel,
                    cell=new.cell("no", goal_rows["new"][gn]))
            if g["delta"]:
                add("sasaran", "changed" if go is not None and gn is not None else g["change"], g, "pagu",
                    g["pagu_old"], g["pagu_new"], pelaksana=pel, delta=g["delta"])
            for rec in by_goal.get((go, gn), ()):
                i = _int(rec["index_new"])
                side, i = ("new", i) if i is not None else ("old", _int(rec["index_old"]))
                rak, act_rows, act_pel = sides[side]
                at = dict(kegiatan=rec[f"kegiatan_{side}"], pelaksana=act_pel[i])
                if rec["change"] in ("added", "removed"):
                    value = rec[f"kegiatan_{side}"]
                    add("kegiatan", rec["change"], g, "kegiatan", *((None, value) if side == "new" else (value, None)),
                        **at, cell=rak.cell("kegiatan", act_rows[i]))
                    continue
                for fld in rec["fields"].split(", "):
                    if fld == "kegiatan":
                        add("kegiatan", "renamed", g, fld, rec["kegiatan_old"], rec["kegiatan_new"], **at,
                            cell=rak.cell(fld, act_rows[i]))
                    elif fld == "pagu":
                        add("kegiatan", "changed", g, fld, _int(rec["pagu_old"]), _int(rec["pagu_new"]), **at,
                            cell=rec["pagu_cell_new"], cell_old=rec["pagu_cell_old"])
                    else:
                        add("kegiatan", "changed", g, fld, rec[f"{fld}_old"], rec[f"{fld}_new"], **at,
                            cell=rak.cell(fld, act_rows[i]))
        blank = {"no_old": None, "no_new": None, "sasaran": None}
        for t in self.total_rows:
            if t["delta"] and t["pelaksana"] != GRAND_TOTAL:
                add("pelaksana", "changed", blank, "pagu", t["pagu_old"], t["pagu_new"], pelaksana=t["pelaksana"],
                    delta=t["delta"])
        for m in self.meta_rows:
            add("judul", "changed", blank, m["field"], m["old"], m["new"], cell=new.meta.cells.get(m["field"]))
        return rows

    # -- outputs -------------------------------------------------------------------

    def to_json(self) -> dict:
        """Plain JSON data: the two files, ``is_empty`` and every frame as records."""
        def records(rows, columns):
            return [{c: row[c] for c in columns} for row in rows]

        return {
            "old": {"file": self.old.path, "sheet": self.old.sheet, "total_pagu": self.old.total_pagu},
            "new": {"file": self.new.path, "sheet": self.new.sheet, "total_pagu": self.new.total_pagu},
            "is_empty": self.is_empty,
            "totals": records(self.total_rows, TOTAL_COLUMNS), "goals": records(self.goal_rows, GOAL_DIFF_COLUMNS),
            "activities": records(self.activity_rows, ACTIVITY_DIFF_COLUMNS),
            "meta": records(self.meta_rows, META_COLUMNS),
        }

    def summary(self, lang: str = "id") -> list[str]:
        """The diff as lines for people: totals first, then goal by goal."""
        w = lambda key, **kw: word(key, lang, **kw)  # noqa: E731
        lines = [f"{w('title')}: {self.old.path or '-'} [{self.old.sheet}] -> {self.new.path or '-'} "
                 f"[{self.new.sheet}]"]
        if self.is_empty:
            return lines + [w("nothing")]
        grand = self.total_rows[-1]
        lines.append(f"{w('total')}: {format_rupiah(grand['pagu_old'])} -> {format_rupiah(grand['pagu_new'])} "
                     f"({signed_rupiah(int(grand['delta']))})")
        moved = [t for t in self.total_rows if t["delta"] != 0 and t["pelaksana"] != GRAND_TOTAL]
        if moved:
            lines.append(w("by_pelaksana"))
            width = max(len(str(t["pelaksana"])) for t in moved)
            for t in moved:
                lines.append(f"  {t['pelaksana']:<{width}}  {format_rupiah(t['pagu_old'])} -> "
                             f"{format_rupiah(t['pagu_new'])} ({signed_rupiah(int(t['delta']))})")
        acts = defaultdict(list)
        for rec in self.activity_rows:
            acts[(_int(rec["goal_old"]), _int(rec["goal_new"]))].append(rec)
        renumbered = []
        for g in self.goal_rows:
            if g["change"] == "same":
                if g["no_old"] != g["no_new"]:
                    renumbered.append((g["no_old"], g["no_new"]))
                continue
            no = g["no_new"] if g["no_new"] is not None else g["no_old"]
            was = f" ({w('was_no', no=g['no_old'])})" if g["change"] == "changed" and g["no_old"] != g["no_new"] else ""
            head = f"{w('goal')} {no}{was} {w(g['change'])}: {_short(g['sasaran'])}"
            if g["delta"] or g["change"] != "changed":
                head += (f"  {w('pagu')} {format_rupiah(g['pagu_old'])} -> {format_rupiah(g['pagu_new'])}"
                         f" ({signed_rupiah(int(g['delta']))})")
            lines.append("")
            lines.append(head)
            if g["sasaran_old"] is not None:
                lines.append(f"  {w('text_was')}: {_short(g['sasaran_old'])}")
            # Activities whose only change is their budget line: one line per line change.
            budget_only = defaultdict(list)
            goal_lines: list = []
            for rec in acts.get((_int(g["goal_old"]), _int(g["goal_new"])), ()):
                if rec["fields"] == "pagu":
                    key = (_pagu_text(rec["pagu_old"], rec["pagu_cell_old"], lang),
                           _pagu_text(rec["pagu_new"], rec["pagu_cell_new"], lang))
                    if key not in budget_only:
                        goal_lines.append(key)  # a placeholder, written below
                    budget_only[key].append(rec["kegiatan_new"])
                else:
                    goal_lines.extend(_activity_lines(rec, lang))
            for line in goal_lines:
                if isinstance(line, tuple):
                    names = budget_only[line]
                    more = f" ({w('more_activities', n=len(names) - 1)})" if len(names) > 1 else ""
                    line = f"  ~ {w('pagu')}: {line[0]} -> {line[1]}: \"{_short(names[0], 60)}\"{more}"
                lines.append(line)
        if renumbered:
            lines.append("")
            lines.append(w("renumbered_goals", pairs=_number_runs(renumbered)))
        if self.meta_rows:
            lines.append("")
            lines.append(w("meta"))
            for m in self.meta_rows:
                lines.append(f"  {w(m['field'])}: {_meta_text(m['old'], lang)} -> {_meta_text(m['new'], lang)}")
        return lines

    def marks(self, lang: str = "id", position: int = 0) -> dict:
        """Highlights for the new plan, in the form ``rakxl.write_rak(marks=...)`` takes:
        ``{(position, index in new.activities, role): ("added" | "changed", comment)}``.

        Added goals and activities are marked ``added``; each changed cell is marked
        ``changed`` with a comment holding the old value. Removed activities are
        listed in a comment on their goal's Sasaran cell.
        """
        w = lambda key, **kw: word(key, lang, **kw)  # noqa: E731
        marks: dict = {}
        first_act = {}
        new_acts = self.new.plan.activities
        for i, a in enumerate(new_acts):
            first_act.setdefault(a.goal, i)
        lines = [a.budget_line for a in new_acts]
        cover = defaultdict(list)
        for i, line in enumerate(lines):
            cover[line].append(i)
        added = {rec["index_new"] for rec in self.activity_rows if rec["change"] == "added"}
        removed_in = defaultdict(list)
        goal_of = {}
        for g in self.goal_rows:
            key = (_int(g["goal_old"]), _int(g["goal_new"]))
            if _na(g["goal_new"]):
                continue
            at = first_act[int(g["goal_new"])]
            goal_of[key] = at
            if g["change"] == "added":
                marks[(position, at, "no")] = ("added", w("new_goal"))
                marks[(position, at, "sasaran")] = ("added", w("new_goal"))
            elif g["sasaran_old"] is not None:
                marks[(position, at, "sasaran")] = ("changed", f"{w('was')}: {g['sasaran_old']}")
        for rec in self.activity_rows:
            key = (_int(rec["goal_old"]), _int(rec["goal_new"]))
            if rec["change"] == "removed":
                if key in goal_of:
                    removed_in[key].append(rec["kegiatan_old"])
                continue
            i = int(rec["index_new"])
            if rec["change"] == "added":
                roles = ("kegiatan", "target_kegiatan", "tw1", "tw2", "tw3", "tw4")
                comment = w("new_activity")
                if _na(rec["goal_old"]):  # a new goal: its whole block
                    roles += ("indikator", "target_indikator", "pelaksana")
                    comment = w("new_goal")
                line = lines[i]
                if line is not None and all(x in added for x in cover[line]):  # a new budget line
                    roles += ("pagu",)
                for role in roles:
                    marks[(position, i, role)] = ("added", comment)
                continue
            for fld in rec["fields"].split(", "):
                if fld == "kegiatan":
                    marks[(position, i, "kegiatan")] = ("changed", f"{w('was')}: {rec['kegiatan_old']}")
                elif fld == "pagu":  # one comment per merged Pagu range: the writer joins equal ones
                    marks[(position, i, "pagu")] = (
                        "changed", f"{w('was')}: {_pagu_text(rec['pagu_old'], rec['pagu_cell_old'], lang)}")
                else:
                    old_v = rec[f"{fld}_old"]
                    marks[(position, i, fld)] = (
                        "changed", f"{w('was')}: {old_v if old_v is not None else w('empty')}")
        for key, names in removed_in.items():
            at = goal_of[key]
            text = f"{w('removed_activities')}: " + "; ".join(str(n) for n in names)
            kind, comment = marks.get((position, at, "sasaran"), ("changed", None))
            marks[(position, at, "sasaran")] = (kind, f"{comment}\n{text}" if comment else text)
        return marks


def _number_runs(pairs: list[tuple]) -> str:
    """``[("4", "5"), ("5", "6"), ("9", "8")]`` -> ``"4-5 -> 5-6, 9 -> 8"``: runs of
    consecutive numbers shifted alike are written once."""
    runs: list[list] = []
    for old, new in pairs:
        if (runs and str(old).isdigit() and str(new).isdigit() and str(runs[-1][1]).isdigit()
                and str(runs[-1][3]).isdigit() and int(old) == int(runs[-1][1]) + 1
                and int(new) == int(runs[-1][3]) + 1):
            runs[-1][1], runs[-1][3] = old, new
        else:
            runs.append([old, old, new, new])
    return ", ".join(f"{a}-{b} -> {c}-{d}" if a != b else f"{a} -> {c}" for a, b, c, d in runs)


def _int(value) -> int | None:
    return None if _na(value) else int(value)


def _na(value) -> bool:
    """None, NaN or pandas' NA (without importing pandas)."""
    if value is None:
        return True
    return (isinstance(value, float) and value != value) or type(value).__name__ == "NAType"


def _short(text, limit: int = 90) -> str:
    text = clean(text) or ""
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _pagu_text(amount, cell, lang: str = "id") -> str | None:
    if _na(amount):
        return word("empty", lang)
    return f"{format_rupiah(int(amount))} ({cell})" if cell else format_rupiah(int(amount))


def _meta_text(value, lang):
    if value is None:
        return word("empty", lang)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        import datetime as _dt

        return format_date_id(_dt.date.fromisoformat(value))
    return str(value)


def _value_text(value, lang):
    if _na(value):
        return word("empty", lang)
    return f'"{value}"' if isinstance(value, str) else str(value)


def _activity_lines(rec: dict, lang: str) -> list[str]:
    w = lambda key, **kw: word(key, lang, **kw)  # noqa: E731
    change = rec["change"]
    if change == "added":
        return [f"  + {w('activity')} {w('added')}: \"{_short(rec['kegiatan_new'])}\""]
    if change == "removed":
        return [f"  - {w('activity')} {w('removed')}: \"{_short(rec['kegiatan_old'])}\""]
    out = []
    fields = rec["fields"].split(", ")
    if change == "renamed":
        out.append(f"  ~ \"{_short(rec['kegiatan_old'])}\" -> \"{_short(rec['kegiatan_new'])}\" ({w('renamed')})")
    else:
        out.append(f"  ~ \"{_short(rec['kegiatan_new'])}\"")
    for fld in fields:
        if fld == "kegiatan":
            continue
        if fld == "pagu":
            old_v = _pagu_text(rec["pagu_old"], rec["pagu_cell_old"], lang)
            new_v = _pagu_text(rec["pagu_new"], rec["pagu_cell_new"], lang)
        else:
            old_v, new_v = _value_text(rec[f"{fld}_old"], lang), _value_text(rec[f"{fld}_new"], lang)
        out.append(f"      {w(fld)}: {old_v} -> {new_v}")
    return out


# -- the diff -----------------------------------------------------------------------

def diff(old: "Rak", new: "Rak") -> RakDiff:
    """What changed from ``old`` to ``new``.

    Args:
        old: the earlier reading (:func:`rakxl.read_rak`).
        new: the later one.

    Returns:
        A :class:`RakDiff` with the ``goals``, ``activities``, ``totals`` and ``meta``
        frames; ``is_empty`` is True when nothing changed. See the module docstring
        for how goals and activities are matched.
    """
    skip = _not_compared(old, new)
    po, pn = _Plan(old, skip), _Plan(new, skip)
    goal_match = match_goals(po, pn)
    goal_rows, act_rows = [], []
    for go, gn in _interleave(list(range(len(po.goal_ids))), list(range(len(pn.goal_ids))), goal_match):
        no_old = po.goal_no[go] if go is not None else None
        no_new = pn.goal_no[gn] if gn is not None else None
        if "no" in skip:  # one side numbers no goals: the other side's numbers shown, never "renumbered"
            no_old = no_new = no_old if no_old is not None else no_new
        sasaran = pn.goal_text[gn] if gn is not None else po.goal_text[go]
        head = {"no_old": no_old, "no_new": no_new, "sasaran": sasaran,
                "goal_old": po.goal_ids[go] if go is not None else None,
                "goal_new": pn.goal_ids[gn] if gn is not None else None}
        olds = po.acts_of[go] if go is not None else []
        news = pn.acts_of[gn] if gn is not None else []
        match = match_activities(po, pn, olds, news) if olds and news else {}
        seen: dict = {}  # budget lines already compared (see _budget_changed)
        rows = [row for row in (_activity_row(head, po, pn, i, j, match, seen)
                                for i, j in _interleave(olds, news, match)) if row is not None]
        act_rows.extend(rows)
        pagu_old = po.goal_pagu[go] if go is not None else 0
        pagu_new = pn.goal_pagu[gn] if gn is not None else 0
        fields = []
        sasaran_old = None
        if go is not None and gn is not None:
            if po.goal_clean[go] != pn.goal_clean[gn]:
                fields.append("sasaran")
                sasaran_old = po.goal_text[go]
            if pagu_old != pagu_new:
                fields.append("pagu")
            if rows:
                fields.append("kegiatan")
            change = "changed" if fields else "same"
        else:
            change = "added" if go is None else "removed"
        row = {**head, "change": change, "pagu_old": pagu_old, "pagu_new": pagu_new, "delta": pagu_new - pagu_old,
               "sasaran_old": sasaran_old, "fields": ", ".join(fields)}
        goal_rows.append({c: row[c] for c in GOAL_DIFF_COLUMNS})
    return RakDiff(goal_rows=goal_rows, activity_rows=act_rows, total_rows=_totals(old, new),
                   meta_rows=_meta(old, new), old=old, new=new)


def _activity_row(head, po: _Plan, pn: _Plan, i, j, match: dict, seen: dict) -> dict | None:
    """The row of old activity i and new activity j (either may be None), or None
    when nothing changed."""
    change = "added" if i is None else "removed" if j is None else None
    row = dict.fromkeys(ACTIVITY_DIFF_COLUMNS)
    row.update(head)
    if i is not None:
        row.update(kegiatan_old=po.name[i], row_old=po.row[i], index_old=i)
    if j is not None:
        row.update(kegiatan_new=pn.name[j], row_new=pn.row[j], index_new=j)
    if change is not None:  # a whole side: every value of that side
        plan, k, side = (pn, j, "new") if change == "added" else (po, i, "old")
        for f in FIELDS:
            row[f"{f}_{side}"] = plan.value(f, k)
        row[f"pagu_cell_{side}"] = plan.cell_of(k)
        row.update(change=change, fields="")
        return row
    fields = []
    if po.name_clean[i] != pn.name_clean[j]:
        fields.append("kegiatan")
    for f in FIELDS[:-1]:
        if po.values[f][i] != pn.values[f][j]:
            fields.append(f)
            row[f"{f}_old"], row[f"{f}_new"] = po.values[f][i], pn.values[f][j]
    if _budget_changed(po, pn, i, j, match, seen):
        fields.append("pagu")
        row.update(pagu_old=po.pagu_of(i), pagu_new=pn.pagu_of(j), pagu_cell_old=po.cell_of(i),
                   pagu_cell_new=pn.cell_of(j))
    if not fields:
        return None
    row.update(change="renamed" if fields[0] == "kegiatan" else "changed", fields=", ".join(fields))
    return row


def _budget_changed(po: _Plan, pn: _Plan, i: int, j: int, match: dict, seen: dict) -> bool:
    """Whether activity i's budget line (old) and j's (new) differ: one has a line and
    the other none, the amounts differ, or the lines pay for different activities
    (compared through ``match``, the activity matches of the goal pair: a line never
    covers more than one goal). ``seen`` keeps the answer for each pair of lines
    within the goal pair, so that a long merged Pagu is compared once, not once per
    row it covers."""
    lo, ln = po.line[i], pn.line[j]
    if lo is None or ln is None:
        return (lo is None) != (ln is None)
    if po.line_pagu[lo] != pn.line_pagu[ln]:
        return True
    answer = seen.get((lo, ln))
    if answer is None:
        cover_old = {match[x] for x in po.cover[lo] if x in match}
        matched_new = seen.get("matched_new")
        if matched_new is None:
            matched_new = seen["matched_new"] = set(match.values())
        cover_new = {x for x in pn.cover[ln] if x in matched_new}
        answer = seen[(lo, ln)] = cover_old != cover_new
    return answer


def _totals(old: "Rak", new: "Rak") -> list[dict]:
    """Pagu per Pelaksana in both plans (names compared with case and spacing folded),
    then the grand total; integer rupiah, so every delta is exact."""
    label: dict[str, str] = {}
    sums = {"old": defaultdict(int), "new": defaultdict(int)}
    for side, rak in (("new", new), ("old", old)):
        for b in rak.plan.budget_lines:
            name = clean(b.pelaksana) or NO_PELAKSANA
            key = name.casefold()
            label.setdefault(key, name)
            sums[side][key] += b.pagu
    rows = [{"pelaksana": name, "pagu_old": sums["old"][key], "pagu_new": sums["new"][key],
             "delta": sums["new"][key] - sums["old"][key]} for key, name in label.items()]
    total_old, total_new = sum(sums["old"].values()), sum(sums["new"].values())
    rows.append({"pelaksana": GRAND_TOTAL, "pagu_old": total_old, "pagu_new": total_new,
                 "delta": total_new - total_old})
    return rows


def _meta(old: "Rak", new: "Rak") -> list[dict]:
    """The title and signature fields that differ (dates as ISO text)."""
    a, b = old.meta.to_dict(), new.meta.to_dict()
    rows = []
    for name in META_FIELDS:
        va, vb = a.get(name), b.get(name)
        if isinstance(va, str) or isinstance(vb, str):
            if clean(va) == clean(vb):
                continue
        elif va == vb:
            continue
        rows.append({"field": name, "old": va, "new": vb})
    return rows


# -- every RAK sheet of two workbooks ------------------------------------------------------

@dataclass
class SheetPair:
    """One RAK sheet of the old workbook and its match in the new one.

    Attributes:
        old, new: the readings (None on the side where the sheet does not exist).
        diff: :func:`diff` of the two, or None when one side is missing.
    """

    old: "Rak | None"
    new: "Rak | None"
    diff: RakDiff | None = None

    @property
    def change(self) -> str:
        """``compared``, ``removed`` (the old sheet has no match) or ``added``."""
        return "compared" if self.diff is not None else ("removed" if self.new is None else "added")


@dataclass
class WorkbookDiff:
    """What changed between every RAK sheet of two workbooks (:func:`diff_workbooks`).

    Attributes:
        pairs: one per RAK sheet of either workbook, the old workbook's order first,
            then the new sheets without a match.
    """

    pairs: list

    @property
    def is_empty(self) -> bool:
        """True when every sheet has its match and none changed."""
        return all(p.diff is not None and p.diff.is_empty for p in self.pairs)

    @property
    def single(self) -> RakDiff | None:
        """The one diff when each workbook holds one RAK sheet (the usual case)."""
        return self.pairs[0].diff if len(self.pairs) == 1 else None

    def summary(self, lang: str = "id") -> list[str]:
        """Lines for people: each compared sheet's :meth:`RakDiff.summary` under a heading,
        and each sheet removed or added."""
        if self.single is not None:
            return self.single.summary(lang)
        lines = []
        for p in self.pairs:
            if p.diff is None:
                rak = p.old if p.new is None else p.new
                key = "sheet_removed_line" if p.new is None else "sheet_added_line"
                lines.append(word(key, lang, sheet=rak.sheet, pagu=format_rupiah(rak.total_pagu)))
                continue
            if lines:
                lines.append("")
            lines.append(word("sheet_heading", lang, old=p.old.sheet, new=p.new.sheet))
            lines += p.diff.summary(lang)
        return lines

    def to_json(self) -> dict:
        """``is_empty`` and one entry per sheet: ``change``, the sheets and their Pagu,
        and the sheet's :meth:`RakDiff.to_json` when both sides exist."""
        out = []
        for p in self.pairs:
            out.append({"change": p.change, "old_sheet": p.old.sheet if p.old else None,
                        "new_sheet": p.new.sheet if p.new else None,
                        "pagu_old": p.old.total_pagu if p.old else 0, "pagu_new": p.new.total_pagu if p.new else 0,
                        "diff": p.diff.to_json() if p.diff is not None else None})
        return {"is_empty": self.is_empty, "sheets": out}


def match_sheets(olds: list, news: list) -> list[tuple]:
    """Pair the RAK sheets of two workbooks: by sheet name (exactly, then case- and
    space-insensitively), then by unit (the title's unit line, where it names one
    sheet on each side), then, when one sheet is left on each side, those two.

    Returns:
        ``(old, new)`` pairs, None on a side without a match: the old workbook's order,
        then the new sheets left over in their order.
    """
    left_new = list(news)
    match: dict[int, object] = {}

    def take(i, key_old, key_new):
        keys = [key_new(n) for n in left_new]
        k = key_old(olds[i])
        if k and keys.count(k) == 1 and [key_old(o) for o in olds].count(k) == 1:
            match[i] = left_new.pop(keys.index(k))

    for key in (lambda r: r.sheet, lambda r: fold_words(r.sheet), lambda r: fold_words(r.meta.unit)):
        for i in range(len(olds)):
            if i not in match:
                take(i, key, key)
    rest = [i for i in range(len(olds)) if i not in match]
    if len(rest) == 1 and len(left_new) == 1:
        match[rest[0]] = left_new.pop()
    return [(o, match.get(i)) for i, o in enumerate(olds)] + [(None, n) for n in left_new]


def diff_workbooks(old_path, new_path, sheet: str | None = None, *, limits=None) -> WorkbookDiff:
    """Compare every RAK sheet of two workbooks (:func:`match_sheets`, then :func:`diff`).

    Args:
        sheet: compare only the sheet of this name (old or new side; its match on the
            other side as :func:`match_sheets` finds it).

    Raises:
        RakError: a file cannot be read or holds no RAK table; ``sheet`` is in
            neither file.
    """
    from .exceptions import RakInputError
    from .reader import read_workbook

    olds, news = read_workbook(old_path, limits=limits), read_workbook(new_path, limits=limits)
    pairs = match_sheets(olds, news)
    if sheet is not None:
        pairs = [p for p in pairs if sheet in ((p[0].sheet if p[0] else None), (p[1].sheet if p[1] else None))]
        if not pairs:
            raise RakInputError(word("no_such_sheet", sheet=sheet), path=old_path)
    return WorkbookDiff([SheetPair(o, n, diff(o, n) if o is not None and n is not None else None)
                         for o, n in pairs])
