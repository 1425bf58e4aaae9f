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

The package's modules, in the order the work is done:

- :mod:`.sides`: one side of the comparison, a Rak flattened into plain lists, its
  texts cleaned and folded;
- :mod:`.align`: the tools of matching: alignment of equal keys, order-keeping
  chains and their gaps, candidate windows, optimal assignment, text ratios;
- :mod:`.matching`: which goals and which activities are the same;
- :mod:`.compare`: :func:`diff`, each matched pair's changes, totals and title;
- :mod:`.result`: the change model, :class:`RakDiff`;
- :mod:`.sheets`: every RAK sheet of two workbooks (:func:`diff_workbooks`).

What people read (the summary, the marks on the new plan, the files) is written by
:mod:`rakxl.report.diff_text` and :mod:`rakxl.report.diff`.
"""
from __future__ import annotations

from .align import ALIGN_DEPTH, ALL_PAIRS_LIMIT, OPTIMAL_LIMIT, WINDOW
from .compare import diff
from .matching import (ACTIVITY_NAME_RATIO, COMMON_NAME, GOAL_CONTENT_SHARE, GOAL_TEXT_RATIO,
                       GOAL_TEXT_RATIO_WITH_CONTENT, match_activities, match_goals)
from .result import (ACTIVITY_DIFF_COLUMNS, CHANGE_COLUMNS, GOAL_DIFF_COLUMNS, GRAND_TOTAL, META_COLUMNS,
                     NO_PELAKSANA, TOTAL_COLUMNS, RakDiff)
from .sheets import SheetPair, WorkbookDiff, diff_workbooks, match_sheets
from .sides import FIELDS, META_FIELDS, clean

__all__ = ["diff", "RakDiff", "diff_workbooks", "WorkbookDiff", "SheetPair", "match_sheets", "match_goals",
           "match_activities", "clean", "FIELDS", "META_FIELDS", "GOAL_DIFF_COLUMNS", "ACTIVITY_DIFF_COLUMNS",
           "TOTAL_COLUMNS", "META_COLUMNS", "CHANGE_COLUMNS", "GRAND_TOTAL", "NO_PELAKSANA", "GOAL_TEXT_RATIO",
           "GOAL_TEXT_RATIO_WITH_CONTENT", "GOAL_CONTENT_SHARE", "ACTIVITY_NAME_RATIO", "ALL_PAIRS_LIMIT", "WINDOW",
           "COMMON_NAME", "OPTIMAL_LIMIT", "ALIGN_DEPTH"]
