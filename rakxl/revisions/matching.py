"""Which goals and which activities of two plans are the same (the steps are
described in :mod:`rakxl.revisions`)."""
from __future__ import annotations

from collections import defaultdict

from .align import ALL_PAIRS_LIMIT, _align, _assign, _candidates, _gaps, _ratio
from .sides import FIELDS, _Plan

#: A Sasaran this similar (``difflib`` ratio of the folded texts) is the same goal.
GOAL_TEXT_RATIO = 0.8
#: A Sasaran at least this similar is the same goal when the activities mostly agree.
GOAL_TEXT_RATIO_WITH_CONTENT = 0.5
#: ... "mostly": this share of the activity names (of the larger goal) is the same.
GOAL_CONTENT_SHARE = 0.75
#: An activity name this similar (within its goal) is the same activity, renamed.
ACTIVITY_NAME_RATIO = 0.8
#: candidates for each other (step 3 of goal matching).
COMMON_NAME = 20


def _content_share(a: dict, b: dict) -> float:
    """The share of activity names two goals have in common (of the larger goal);
    ``a`` and ``b`` count each goal's names (:meth:`_Plan.goal_names`)."""
    total = max(sum(a.values()), sum(b.values()))
    return sum(min(n, b[name]) for name, n in a.items() if name in b) / total if total else 0.0


def _once(keys: list) -> dict:
    """The keys found once in ``keys``, each with its position, in order."""
    seen: dict = {}
    for k, key in enumerate(keys):
        seen[key] = -1 if key in seen else k
    return {key: k for key, k in seen.items() if k >= 0}


def _score_goals(old: _Plan, new: _Plan, old_idx, new_idx, pairs, ratios: dict, min_content=0.0) -> dict:
    """Scores of the acceptable (old, new) goal pairs among ``pairs`` (ranks in
    ``old_idx``/``new_idx``), leaving out those sharing less than ``min_content`` of
    their activity names. ``ratios`` caches text ratios between calls."""
    edges = {}
    for a, b in pairs:
        i, j = old_idx[a], new_idx[b]
        content = _content_share(old.goal_names(i), new.goal_names(j))
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
    ids: dict = {}  # each signature as a small number (one hash each): equal numbers, equal goals
    take(_align([ids.setdefault(s, len(ids)) for s in old.goal_sig],
                [ids.setdefault(s, len(ids)) for s in new.goal_sig]))
    # 2. A folded Sasaran that only one old and one new goal still carry.
    olds, news = left()
    once_old, once_new = _once([old.goal_fold[i] for i in olds]), _once([new.goal_fold[j] for j in news])
    take((olds[a], news[once_new[key]]) for key, a in once_old.items() if key in once_new)
    # 3. Mostly the same activities under a corrected Sasaran, anywhere: candidates
    # share an activity name (a name found in many goals tells nothing).
    olds, news = left()
    holders: dict = {}  # name -> the rank of the one new goal holding it, or a list of them
    for b, j in enumerate(news):
        for name in new.goal_names(j):
            held = holders.get(name)
            if held is None:
                holders[name] = b
            elif type(held) is int:
                holders[name] = [held, b]
            else:
                held.append(b)
    pairs = set()
    for a, i in enumerate(olds):
        for name in old.goal_names(i):
            found = holders.get(name, ())
            if type(found) is int:
                pairs.add((a, found))
            elif len(found) <= COMMON_NAME:
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

