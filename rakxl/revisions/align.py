"""Alignment and assignment, the tools the matching is built from: equal keys
aligned in order (:func:`_align`), order-keeping chains and the gaps between them,
candidate pairs within a window, optimal (Hungarian) or greedy assignment, and the
bounded text ratio."""
from __future__ import annotations

import bisect
import difflib
from collections import defaultdict, deque

#: At most this many candidate pairs are scored all against all; larger gaps are
#: scored within a window of :data:`WINDOW` positions.
ALL_PAIRS_LIMIT = 2500
WINDOW = 25
#: An activity name found in more unmatched goals than this does not make them
#: Components of competing candidates up to this size get an optimal assignment;
#: larger ones (never seen in real plans) are assigned greedily, best score first.
OPTIMAL_LIMIT = 60
#: Identical goals are aligned this many levels deep (each level looks between the
#: anchors of the level before); what is left is paired in order of appearance.
ALIGN_DEPTH = 8


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
        wanted = {key for i, key in enumerate(old_keys) if not used_old[i]}
        waiting: dict = defaultdict(deque)  # only keys left on both sides: few queues to make
        for j, key in enumerate(new_keys):
            if not used_new[j] and key in wanted:
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
    old_in, new_in = defaultdict(list), defaultdict(list)  # gap number -> its positions, gaps with any only
    for i in range(n_old):
        if i not in used_old:
            old_in[bisect.bisect_left(olds, i)].append(i)
    for j in range(n_new):
        if j not in used_new:
            new_in[bisect.bisect_left(news, j)].append(j)
    return [(old_in[g], new_in[g]) for g in sorted(old_in.keys() & new_in.keys())]


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

