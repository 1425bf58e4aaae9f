"""Contract stage: whether a sheet is a RAK table (:data:`rakxl.layout.CONTRACTS`),
and, when it is not, a refusal that says what was found and what is missing.

A sheet is read only when its header row maps an activity column, a budget column
and a goal or indicator column, and its body holds an activity row. What would make
a plausible wrong RAK is refused, never guessed:

- the same role twice in the header row: two tables side by side;
- roll-up rows: a budget line whose amount is the sum of the lines below it
  (program over kegiatan), where the family has no such level;
- amounts "in thousands" (``Pagu (Rp. 000)``);

:func:`examine` looks at one sheet's header rows (cheap: the rows the header search
reads) and :func:`refusal` writes the one line naming the file, the sheets looked at,
the best candidate header with its roles and cells, the roles missing, and the
relative the sheet looks like (a Renja evaluation, an anggaran kas, a DPA export).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import layout
from ..exceptions import RakInputError
from ..a1 import a1
from ..i18n import Money, Said, in_each_language, number, pick, text
from ..workbook import Grid
from .header import CONTRACT, HEADER_MAX_CHARS, HEADER_SEARCH_ROWS, role_of

def say(key: str, lang: str = "id", **kw) -> str:
    """The refusal words ``key`` (:data:`rakxl.i18n.CONTRACT_WORDS`) in ``lang``."""
    return text("contract." + key, lang, **kw)


@dataclass
class Candidate:
    """The best header row of one sheet, and why it is no RAK table.

    Attributes:
        sheet: the sheet's name.
        row: the 0-based header row, or None when no row names a known column.
        found: role -> [(0-based column, header text), ...] in sheet order.
        missing: the contract's required groups that the row does not map.
        problems: (key, params) of :data:`rakxl.i18n.CONTRACT_WORDS` saying what else is wrong.
        texts: the texts of the rows above and of the header row (for the relative).
    """

    sheet: str
    row: int | None = None
    found: dict[str, list] = field(default_factory=dict)
    missing: list[tuple[str, ...]] = field(default_factory=list)
    problems: list[tuple[str, dict]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    @property
    def score(self) -> tuple:
        return (len(self.found) + len(self.problems), -(self.row or 0))


def examine(grid: Grid) -> Candidate:
    """The best candidate header row of a sheet (most roles found, then the highest),
    with the roles it maps, the required ones it misses, and what else is wrong."""
    best = Candidate(grid.name)
    last = min(grid.nrows, grid.top + HEADER_SEARCH_ROWS)
    texts: list[str] = []
    for r in range(grid.top, last):
        found: dict[str, list] = {}
        budget_like = []
        for c in range(grid.left, grid.ncols):
            v = grid.value(r, c)
            if not isinstance(v, str) or not v.strip():
                continue
            if len(v) <= HEADER_MAX_CHARS * 3:
                texts.append(v)
            if len(v) > HEADER_MAX_CHARS:
                continue
            role = role_of(v)
            text = " ".join(v.split())
            if role in layout.COLUMN_BY_ROLE:
                found.setdefault(role, []).append((c, text))
            elif role is None and layout.BUDGET_LIKE_HEADER.fullmatch(layout.normalize_header(v)):
                budget_like.append((c, text))
        if not found:
            continue
        cand = Candidate(grid.name, r, found)
        cand.missing = [g for g in CONTRACT.required if not any(role in found for role in g)]
        cand.problems = header_problems(r, found, budget_like if "pagu" not in found else [])
        if cand.score > best.score:
            best = cand
    best.texts = texts  # the texts of every row looked at: titles, header, first rows
    return best


def header_problems(r: int, found: dict, budget_like=()) -> list[tuple[str, dict]]:
    """What is wrong with a header row beyond missing roles: a role twice (tables side
    by side), a budget column in thousands, a budget named otherwise than Pagu."""
    out = []
    found = _without_unit_costs(found)
    twice = sorted(((role, cells) for role, cells in found.items() if role in CONTRACT.unique and len(cells) > 1),
                   key=lambda item: item[1][0][0])
    # Two tables side by side repeat their header: two roles twice or more. One role
    # twice is a column with a like name (Program/Kegiatan beside Nama Kegiatan/Aksi,
    # kept as an extra column), unless it is the budget: which Pagu to sum is no guess.
    if len(twice) >= 2 or any(role == "pagu" for role, _ in twice):
        out.append(("side_by_side", {"roles": ", ".join(_label(role, cells[0][1]) for role, cells in twice),
                                     "cells": ", ".join("/".join(a1(r, c) for c, _ in cells) for _, cells in twice)}))
    for c, header in budget_like:
        key = "thousands" if layout.THOUSANDS_HEADER.search(layout.normalize_header(header)) else "budget_like"
        out.append((key, {"text": header, "cell": a1(r, c)}))
    return out


def _without_unit_costs(found: dict) -> dict:
    """A second budget column that is a unit cost (``Biaya`` beside ``Pagu Anggaran``)
    is no second table: the total is the budget (see the header stage)."""
    cells = found.get("pagu", [])
    if len(cells) < 2:
        return found
    totals = [x for x in cells if not layout.UNIT_COST_HEADER.fullmatch(layout.normalize_header(x[1]))]
    return {**found, "pagu": totals or cells[:1]}


def _label(role: str, text: str) -> str:
    return text if len(text) <= 40 else layout.COLUMN_BY_ROLE[role].title


def check_header(grid: Grid, r: int, path=None) -> None:
    """Refuse a header row that meets the contract but holds two tables side by side.

    Raises:
        RakInputError: naming the sheet, the role and its cells.
    """
    found: dict[str, list] = {}
    for c in range(grid.left, grid.ncols):
        v = grid.value(r, c)
        if isinstance(v, str) and v.strip() and len(v) <= HEADER_MAX_CHARS:
            role = role_of(v)
            if role in CONTRACT.unique:
                found.setdefault(role, []).append((c, " ".join(v.split())))
    problems = header_problems(r, found)
    if problems:
        key, params = problems[0]
        second = min(cells[1][0] for cells in _without_unit_costs(found).values() if len(cells) > 1)
        raise RakInputError.of("error.not_rak_because", path=path, sheet=grid.name, cell=a1(r, second),
                               reason=Said("contract." + key, **params))


# -- roll-up rows ------------------------------------------------------------------------

_ROMAN_OR_LETTER = re.compile(r"[ivxlc]{1,6}|[a-z]", re.I)
_LEVEL_WORDS = re.compile(layout.ROLLUP_LEVEL_WORDS, re.I)


def rollups(budgets: list[dict]) -> list[tuple[int, int]]:
    """Budget lines whose amount is the sum of the two or more lines directly below
    them: ``(i, j)`` with line ``i`` equal to the sum of lines ``i+1..j`` (0-based in
    ``budgets``, sheet order). Found with prefix sums (linear): the sum of lines
    ``i+1..j`` is ``S[j+1] - S[i+1]``."""
    amounts = [int(b["pagu"]) for b in budgets]
    prefix = [0]
    for a in amounts:
        prefix.append(prefix[-1] + a)
    first_at: dict[int, int] = {}
    for k in range(len(prefix) - 1, -1, -1):  # the smallest k of each prefix value
        first_at[prefix[k]] = k
    out = []
    for i, a in enumerate(amounts):
        if a <= 0:
            continue
        k = first_at.get(prefix[i + 1] + a)  # amounts are not negative: prefix sums only grow
        if k is not None and k >= i + 3:  # two lines below or more (one equal line is no roll-up)
            out.append((i, k - 1))
    return out


def check_rollups(budgets: list[dict], grid: Grid, path=None, texts: dict | None = None) -> None:
    """Refuse a table whose budget lines hold roll-up rows (a program's amount over its
    kegiatan's), unless the family has such levels.

    Evidence needed, so that an amount equal to the sum of the next two by chance
    (``Rp 20.000.000`` over ``10.000.000`` and ``10.000.000``) is not refused: the
    row is numbered with a Roman numeral or a letter (``I``, ``II``, ``A``) as programs
    and urusan are, or the rows it sums start their numbering again at 1 (kegiatan
    1..n under each program), or (``texts``: budget line index -> the activity text on
    its first row, for tables without numbers) its text names a level (``Program ...``,
    ``Urusan ...``) that the text of the first row it sums does not.

    Raises:
        RakInputError: naming the sheet, the first roll-up row and the lines it sums.
    """
    if CONTRACT.rollup_levels or len(budgets) < 3:
        return
    found = rollups(budgets)
    if not found:
        return
    def no(k):
        return str(budgets[k]["no"] or "").strip(" .)").lower()

    def level(k):
        m = _LEVEL_WORDS.match((texts or {}).get(k) or "")
        return m.group(1).lower() if m else None

    evident = [(i, j) for i, j in found
               if _ROMAN_OR_LETTER.fullmatch(no(i)) or (no(i + 1) in ("1", "a") and no(i) != no(i + 1))
               or (level(i) is not None and level(i + 1) != level(i))]
    if not evident:
        return
    found = evident
    i, j = found[0]

    from ..a1 import a1

    def cell(k):  # the walk's budget lines hold 1-based first_row and col
        return a1(budgets[k]["first_row"] - 1, budgets[k]["col"] - 1)

    line = budgets[i]
    more = Said("contract.rollup_more", n=len(found) - 1) if len(found) > 1 else ""
    raise RakInputError.of("error.not_rak_because", path=path, sheet=grid.name, cell=cell(i), reason=Said(
        "contract.rollup", amount=Money(line["pagu"]), cell=cell(i), no=line["no"] or "-", count=j - i, first=cell(i + 1),
        last=cell(j), more=more))


# -- the refusal -----------------------------------------------------------------------

#: How many sheet names a refusal lists.
SHEETS_NAMED = 12


def refusal(path, sheets: list[str], candidates: list[Candidate]) -> RakInputError:
    """The one-line refusal of a workbook in which no sheet is a RAK table (in either language)."""
    said = in_each_language(lambda lang: _refusal_text(sheets, candidates, lang))
    return RakInputError.of("error.text", path=path, text=said)


def _refusal_text(sheets: list[str], candidates: list[Candidate], lang: str) -> str:
    shown = sheets[:SHEETS_NAMED]
    names = ", ".join(f"'{n}'" for n in shown) or "(-)"
    if len(sheets) > len(shown):
        names = say("more_sheets", lang, names=names, n=number(len(sheets) - len(shown), lang))
    parts = [say("not_rak", lang) + f" ({say('looked', lang, sheets=names)})"]
    best = max(candidates, key=lambda c: c.score, default=None)
    if best is None or best.row is None:
        parts.append(say("no_header", lang))
    else:
        r = best.row
        found = ", ".join(f"{text} ({a1(r, c)})" for role, cells in _in_sheet_order(best.found)
                          for c, text in cells[:1])
        line = say("candidate", lang, sheet=best.sheet, row=r + 1, found=found)
        if best.missing:
            names = [pick(layout.CONTRACT_GROUP_LABELS[g], lang) for g in best.missing]
            missing = names[0] if len(names) == 1 else ", ".join(names[:-1]) + say("and", lang) + names[-1]
            line += ", " + say("missing", lang, missing=missing)
        elif not best.problems:
            line += "; " + say("empty", lang)
        parts.append(line)
        parts += [say(key, lang, **params) for key, params in best.problems]
    rel = layout.relative_of(best.texts if best is not None else [])
    if rel is not None:
        parts.append(say("looks_like", lang, what=pick(rel.label, lang)))
    return "; ".join(parts)


def _in_sheet_order(found: dict) -> list:
    return sorted(found.items(), key=lambda item: item[1][0][0])

