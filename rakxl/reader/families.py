"""Family stage: which RAK family a sheet is written in, and the reading of the
families other than the KPU layout (:data:`rakxl.layout.FAMILIES`).

The family is told from the header words only (never from the file name), and only
by words the KPU layout never uses, so that no KPU sheet reads differently:

- ``workplan``: a ``Program Kerja`` column and a total column (``Jumlah (Rp.)``); goals
  are rows of their own across the table. A unit cost (``Biaya``) beside ``Vol`` with
  no total column is refused: it is no budget.
- ``targets-budget``: Kinerja Utama / Indikator / quarter targets and no activity or
  budget column, then a second table (``No | Program/Kegiatan | Pagu Anggaran``) below.
- ``pemda``: a Program/Kegiatan column left of a ``Rencana Aksi`` column, and a budget
  column: the KPU walk reads it with the columns mapped the Pemda way.
- ``monthly``: the KPU header with twelve month columns and no quarter columns: the
  KPU walk reads it, and each quarter is derived from its months.

:func:`read_family` is the stage's one entry: a :class:`~rakxl.model.Rak` when the
sheet is written in one of these families, None for the KPU path.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from types import SimpleNamespace

from .. import layout
from ..exceptions import RakInputError
from ..a1 import a1
from ..model import Cell, Note, Rak
from ..text import fold_spaces
from ..workbook import Grid, to_text
from .assembly import _assemble
from .contract import check_rollups, header_problems
from .header import HEADER_MAX_CHARS, HEADER_SEARCH_ROWS, NUMBER_CELL, Header, role_of
from .meta import read_meta
from .hierarchy import walk_table
from .pagu import read_amount
from .rows import is_number_row, is_signature

WORKPLAN, TARGETS, PEMDA, MONTHLY = (layout.FAMILY_BY_NAME[n] for n in ("workplan", "targets-budget", "pemda",
                                                                          "monthly"))
#: Model roles: what the frames hold (other family roles are kept as extra columns).
_MODEL_ROLES = frozenset(layout.ROLES)
_GROUP = tuple(re.compile(p) for p in layout.FAMILY_QUARTER_GROUP)
_MONTH_GROUP = tuple(re.compile(p) for p in layout.MONTH_GROUP_SYNONYMS)
_CAPTION = re.compile(layout.BUDGET_TABLE_CAPTION)
_BUDGET_TABLE = tuple((role, tuple(re.compile(p) for p in pats)) for role, pats in layout.BUDGET_TABLE_COLUMNS)
#: A goal's number in a work plan's goal row: 1, 2., IV, "1." before the text...
_GOAL_NO = re.compile(r"(\d{1,3}|[IVXLC]{1,6})\s*[.)]?")
_GOAL_JOINED = re.compile(r"(\d{1,3}|[IVXLC]{1,6})\s*[.)]\s*(\S.*)", re.S)
_ROMAN = re.compile(r"[IVXLC]{1,6}\.?")
#: A word every budget column header of the budget table holds (a cheap test first).
_BUDGET_HINT = re.compile(r"pagu|anggaran|jumlah|dana", re.I)


@functools.lru_cache(maxsize=4096)
def _match(family_name: str, text: str) -> str | None:
    return layout.FAMILY_BY_NAME[family_name].match(text)


def _text(v) -> str | None:
    return v if isinstance(v, str) and v.strip() and len(v) <= HEADER_MAX_CHARS else None


# -- the header: which family --------------------------------------------------------

def read_family(grid: Grid, path=None) -> Rak | None:
    """The Rak of a sheet written in a family other than the KPU layout, or None.

    Looks at the rows the KPU header search looks at, down to the first row that is a
    KPU header; a family is considered only where its own header words stand.

    Raises:
        RakInputError: the header is ambiguous in a way that would make a wrong RAK
            (a unit cost with no total beside it).
    """
    last = min(grid.nrows, grid.top + HEADER_SEARCH_ROWS)
    for r in range(grid.top, last):
        row = grid.rows[r - grid.top]
        texts = [(grid.left + j, v) for j, v in enumerate(row) if type(v) is str and _text(v)]
        if len(texts) < 2:
            continue
        kpu, hints = {}, set()
        for c, t in texts:
            role = role_of(t)
            if role:
                kpu.setdefault(role, c)
            hints |= _hints(t)
        if ("workplan", "unit_cost") in hints and ("workplan", "volume") in hints:
            _refuse_unit_cost(grid, r, texts, kpu, path)
        found = None
        if ("workplan", "kegiatan") in hints:
            found = _workplan_header(grid, r, texts)
        if found is None and ("targets-budget", "sasaran") in hints and ("targets-budget", "indikator") in hints:
            found = _targets_header(grid, r, texts, kpu)
        if found is None and ("pemda", "program") in hints and ("pemda", "kegiatan") in hints:
            found = _pemda_header(grid, r, texts)
        if found is None and "kegiatan" in kpu and hints & _MONTH_HINTS:
            found = _monthly_header(grid, r, texts, kpu)
        if found is not None:
            family, header = found
            _refuse_side_by_side(layout.FAMILY_BY_NAME[family], grid, r, texts, path)
            return _READERS[family](grid, header, path)
        known = set(kpu) - {"triwulan"}
        if "kegiatan" in known and len(known) >= 3 and known & {"pagu", "sasaran", "indikator"}:
            return None  # a KPU header: the KPU stages read it, as they always did
    return None


_MONTH_HINTS = frozenset([("monthly", m) for m in layout.MONTHS] + [("monthly", "group")])


@functools.lru_cache(maxsize=4096)
def _hints(text: str) -> frozenset:
    """(family, role) pairs a header text names in the families (the month group too)."""
    out = {(f.name, role) for f in (WORKPLAN, TARGETS, PEMDA, MONTHLY) if (role := f.match(text))}
    if any(p.fullmatch(layout.normalize_header(text)) for p in _MONTH_GROUP):
        out.add(("monthly", "group"))
    return frozenset(out)


def _roles(family, grid, r, texts) -> tuple[dict, bool]:
    """role -> column of a header row in ``family``'s words; a blank cell, or a
    quarter/month group cell, named by the row below. Also whether the row below
    was used."""
    cols: dict[str, int] = {}
    uses_sub = False
    own = dict(texts)
    i = r + 1 - grid.top
    below_row = grid.rows[i] if 0 <= i < len(grid.rows) else []
    named_below = {grid.left + j for j, v in enumerate(below_row) if v != "" and v is not None}
    for c in sorted(set(own) | named_below):
        t = own.get(c)
        role = _match(family.name, t) if t else None
        grouped = t is not None and (any(p.fullmatch(layout.normalize_header(t)) for p in _GROUP)
                                     or any(p.fullmatch(layout.normalize_header(t)) for p in _MONTH_GROUP))
        if role is None or grouped:
            below = grid.value(r + 1, c)
            sub = None
            if isinstance(below, str) and _text(below):
                sub = _match(family.name, below)
            elif isinstance(below, (int, float)) and not isinstance(below, bool) and float(below).is_integer():
                sub = f"#{int(below)}"  # 1..4 under a quarter group, 1..12 under a month group
            if isinstance(below, str) and NUMBER_CELL.fullmatch(below.strip()) and not below.strip().startswith("("):
                sub = f"#{int(NUMBER_CELL.fullmatch(below.strip()).group(1))}"
            if sub is not None and (t is None or grouped or role is None):
                if sub.startswith("#"):
                    if not grouped and not _in_group(grid, r, c):
                        continue
                    n = int(sub[1:])
                    months = _in_month_group(grid, r, c, t)
                    sub = (f"m{n}" if 1 <= n <= 12 else None) if months else (f"tw{n}" if 1 <= n <= 4 else None)
                    if sub is None or (sub.startswith("m") and family not in (MONTHLY, PEMDA)):
                        continue
                role = sub
                uses_sub = True
        if role is not None and role not in cols:
            cols[role] = c
    return cols, uses_sub


def _group_of(grid, r, c) -> str | None:
    """The text of the header cell merged across row r over column c, if any."""
    for r1, c1, r2, c2 in grid.merges:
        if r1 == r and c1 <= c <= c2 and c2 > c1:
            v = grid.value(r1, c1)
            return v if isinstance(v, str) else None
    return None


def _in_group(grid, r, c) -> bool:
    g = _group_of(grid, r, c)
    if g is None:
        return False
    norm = layout.normalize_header(g)
    return any(p.fullmatch(norm) for p in _GROUP + _MONTH_GROUP) or layout.match_header(g) == "triwulan"


def _in_month_group(grid, r, c, own) -> bool:
    g = _group_of(grid, r, c) or own
    return bool(g) and any(p.fullmatch(layout.normalize_header(g)) for p in _MONTH_GROUP)


def _data_start(grid, r, cols, uses_sub) -> int:
    start = r + 2 if uses_sub else r + 1
    for r1, c1, r2, c2 in grid.merges:  # header cells merged down over a second header row
        if r1 == r and c1 in cols.values() and r2 >= start:
            start = r2 + 1
    return start


def _header(grid, r, cols, uses_sub, texts) -> Header:
    """A :class:`Header` of the model's roles; every other named column is an extra."""
    model = {role: c for role, c in cols.items() if role in _MODEL_ROLES}
    extras = {c: " ".join(t.split()) for c, t in texts if c not in model.values()}
    return Header(row=r, data_start=_data_start(grid, r, cols, uses_sub), cols=model, extras=extras)


def _refuse_side_by_side(family, grid, r, texts, path):
    """A header row of ``family`` naming the same roles twice holds two tables side by
    side (the table contract): refused, as in the KPU layout."""
    found: dict[str, list] = {}
    unique = layout.CONTRACTS[family.name].unique
    for c, t in texts:
        role = _match(family.name, t)
        if role in unique:
            found.setdefault(role, []).append((c, " ".join(t.split())))
    problems = header_problems(r, found)
    if problems:
        from .contract import say

        key, params = problems[0]
        raise RakInputError(f"{say('not_rak')}: {say(key, **params)}", path=path, sheet=grid.name)


def _refuse_unit_cost(grid, r, texts, kpu, path):
    """A unit cost (``Biaya``) beside a volume (``Vol``) with no total column: the
    budget of each line is not written, and taking the unit cost would be wrong."""
    roles = {}
    for c, t in texts:
        role = _match(WORKPLAN.name, t)
        if role:
            roles.setdefault(role, c)
    cost, vol = roles.get("unit_cost"), roles.get("volume")
    if cost is None or vol is None or abs(cost - vol) > 2 or "pagu" in roles:
        return
    if any(c != cost and role_of(t) == "pagu" for c, t in texts):
        return  # a budget column of its own (Pagu Anggaran) beside the unit cost
    activity = roles.get("kegiatan", kpu.get("kegiatan"))
    if activity is None:
        return
    raise RakInputError(
        f"kolom '{grid.value(r, cost)}' ({a1(r, cost)}) di samping '{grid.value(r, vol)}' ({a1(r, vol)}) adalah "
        "harga satuan, bukan Pagu, dan tidak ada kolom jumlah (mis. 'Jumlah (Rp.)'): Pagu tiap baris tidak "
        "tertulis, tabel tidak dibaca", path=path, sheet=grid.name)


def _workplan_header(grid, r, texts):
    cols, uses_sub = _roles(WORKPLAN, grid, r, texts)
    if "kegiatan" not in cols or "pagu" not in cols:
        return None
    return "workplan", (_header(grid, r, cols, uses_sub, texts), cols)


def _targets_header(grid, r, texts, kpu):
    if "kegiatan" in kpu or "pagu" in kpu:
        return None
    cols, uses_sub = _roles(TARGETS, grid, r, texts)
    if not all(role in cols for role in TARGETS.signature):
        return None
    header = _header(grid, r, cols, uses_sub, texts)
    budget = _find_budget_table(grid, header.data_start)
    if budget is None:
        return None
    return "targets-budget", (header, budget)


def _pemda_header(grid, r, texts):
    cols, uses_sub = _roles(PEMDA, grid, r, texts)
    if not all(role in cols for role in PEMDA.signature) or cols["program"] > cols["kegiatan"]:
        return None
    if "sasaran" not in cols and "tujuan" in cols:  # no Sasaran column: the Tujuan are the goals
        cols = {**cols, "sasaran": cols["tujuan"]}
    if "sasaran" not in cols and "indikator" not in cols:
        return None
    if "sub_aksi" in cols:  # the sub-actions are the activities; their Rencana Aksi an extra column
        cols = {**cols, "kegiatan": cols["sub_aksi"]}
    header = _header(grid, r, cols, uses_sub, texts)
    months = [cols.get(m) for m in layout.MONTHS]
    if None in months or months != sorted(months) or any(q in cols for q in layout.QUARTERS):
        return "pemda", (header, None)
    for i, c in enumerate(months):  # a monthly Pemda plan: the months kept, the quarters derived
        header.extras[c] = layout.MONTHS_SHORT[i]
    return "pemda", (header, months)


def _monthly_header(grid, r, texts, kpu):
    if "kegiatan" not in kpu or any(q in kpu for q in layout.QUARTERS[1:]):
        return None
    cols, uses_sub = _roles(MONTHLY, grid, r, texts)
    months = [cols.get(m) for m in layout.MONTHS]
    if None in months or months != sorted(months):
        return None
    from .header import map_columns

    header = map_columns(grid, r)
    if any(header.cols.get(q) not in (None, *months) for q in layout.QUARTERS):
        return None  # quarters written too (rakxl's own output keeps the months as extras): the KPU layout
    for role, c in list(header.cols.items()):
        if c in months:  # "1".."4" under "Jadwal Pelaksanaan" are months here, not quarters
            del header.cols[role]
    for i, c in enumerate(months):
        header.extras[c] = layout.MONTHS_SHORT[i]
    header.data_start = max(header.data_start, _data_start(grid, r, {"m": c for c in months}, uses_sub))
    return "monthly", (header, months)


# -- pemda and monthly: the KPU walk over the family's columns --------------------------

def _walk_and_assemble(grid, header, path, family, after_walk=None) -> Rak | None:
    walk = walk_table(grid, header, path)
    if len(walk.activities["row"]) < layout.CONTRACTS[family].min_activity_rows:
        return None  # the family's header with no activity below it (an empty template): no RAK table
    check_rollups(walk.budgets, grid, path)  # program amounts over their kegiatan: refused, as in kpu
    if after_walk is not None:
        after_walk(walk)
    meta = read_meta(grid, header, walk.end_row)
    return dataclasses.replace(_assemble(grid, header, walk, meta, path), family=family)


def _read_pemda(grid, found, path) -> Rak:
    header, months = found
    return _walk_and_assemble(grid, header, path, "pemda", _derive_quarters if months else None)


def _read_monthly(grid, found, path) -> Rak:
    header, _ = found
    return _walk_and_assemble(grid, header, path, "monthly", _derive_quarters)


def _derive_quarters(walk) -> None:
    """Each activity's quarters from its months (kept as the extra columns Jan..Des)."""
    frame = walk.activities
    names = layout.MONTHS_SHORT
    n = len(frame["row"])
    for q, month_roles in layout.QUARTER_MONTHS.items():
        idx = [layout.MONTHS.index(m) for m in month_roles]
        frame[q] = [quarter_of([(names[i], frame[names[i]][k]) for i in idx]) for k in range(n)]


#: Check marks offices put in a month (or quarter) cell.
MARKS = frozenset("√vVxX✓✔")


def quarter_of(months: list[tuple[str, str | None]]) -> str | None:
    """A quarter's plan from its months' cells ``[(month, text)...]``: the one filled
    month's text; the same check mark in every filled month: that mark; otherwise the
    months spelled out (``Jan: 1 lap; Mar: 2 lap``): never a sum rakxl would invent."""
    filled = [(m, v.strip()) for m, v in months if v is not None and str(v).strip()]
    if not filled:
        return None
    if len(filled) == 1:
        return filled[0][1]
    values = {v for _, v in filled}
    if len(values) == 1 and values <= MARKS:
        return values.pop()
    return "; ".join(f"{m}: {v}" for m, v in filled)


# -- a family's own walk: the rows of one table ----------------------------------------

class _Rows:
    """What the families' own walks share: merges, cell texts, amounts, row kinds."""

    def __init__(self, grid: Grid, path):
        self.grid = grid
        self.path = path
        self.notes: list[Note] = []
        self.errors = grid.errors
        self.cover: dict[tuple[int, int], int] = {}   # (row, col) inside a vertical merge -> its top row
        self.bottom: dict[tuple[int, int], int] = {}  # (top row, col) -> bottom row
        self.across: dict[int, list] = {}             # row -> horizontal merges starting on it
        for r1, c1, r2, c2 in grid.merges:
            if c2 > c1:
                self.across.setdefault(r1, []).append((c1, c2))
            if r2 > r1:
                for c in range(c1, c2 + 1):
                    self.bottom[(r1, c)] = r2
                    for r in range(r1 + 1, r2 + 1):
                        self.cover[(r, c)] = r1

    def text(self, r, c) -> str | None:
        if c is None:
            return None
        v = self.grid.value(r, c)
        if v == "" and self.errors:
            return self.errors.get((r, c))
        return to_text(v)

    def resolved(self, r, c) -> tuple[str | None, bool]:
        """(text, whether it starts here) of a hierarchy cell: a merge's text on every
        row of the merge, starting on its top row."""
        if c is None:
            return None, False
        top = self.cover.get((r, c))
        if top is not None:
            return self.text(top, c), False
        t = self.text(r, c)
        return t, t is not None

    def amount(self, r, c, goal=None, record=True):
        """(amount or None, whether the cell holds anything), as the KPU walk reads a Pagu."""
        return read_amount(self.grid, r, c, goal, self.notes if record else None)

    def blank(self, r, cols) -> bool:
        return all(self.grid.value(r, c) in ("", None) for c in cols)

    def texts(self, r, cols) -> list[str]:
        return [t for t in (self.text(r, c) for c in cols) if t]

    def is_number_row(self, r, cols) -> bool:
        raw = {c: self.grid.value(r, c) for c in cols}
        return is_number_row(raw.values())

    def stop_here(self, r, cols) -> bool:
        """A signature block starts on row r."""
        return is_signature(self.texts(r, cols))


def _note(code, r, c, role="pagu", goal=None, no=None, value=None) -> Note:
    """A reader note about the cell at 0-based (r, c): the one place notes are made here."""
    return Note(code, r + 1, c + 1, role, goal, no, value)


def _at(r, c) -> Cell:
    """Where an amount stands (0-based r, c), as :class:`~rakxl.model.Rak` keeps it."""
    return Cell(r + 1, c + 1)


def _goal_dict(n, no, sasaran, row):
    return {"goal": n, "no": no, "sasaran": sasaran, "first_row": row, "last_row": row}


def _line(n, goal, amount, pelaksana, r, c):
    return {"budget_line": n, "goal": goal["goal"] if goal else None, "no": goal["no"] if goal else None,
            "pagu": amount, "pelaksana": pelaksana, "col": c + 1, "first_row": r + 1, "last_row": r + 1}


_ACTIVITY_KEYS = ("goal", "no", "sasaran", "indikator", "target_indikator", "kegiatan", "target_kegiatan",
                  "tw1", "tw2", "tw3", "tw4", "pelaksana", "budget_line", "row")


def _finish(grid, header, rows: _Rows, path, family, goals, indicators, budgets, activities, extras,
            stated_total=None, stated_total_at=None, end_row=None, columns=None) -> Rak:
    """The Rak of a family's own walk, assembled as the KPU walk's; None when the body
    holds no row (an empty template: no RAK table)."""
    if not activities:
        return None
    table_merges = [m for m in grid.merges if m[2] >= header.data_start and (end_row is None or m[0] < end_row)]
    frame = {k: [a.get(k) for a in activities] for k in _ACTIVITY_KEYS}
    for name in extras:
        frame[name] = [a.get(name) for a in activities]
    merged = {role for role, c in header.cols.items() if role in layout.HIERARCHY_ROLES
              and any(m[1] <= c <= m[3] and m[2] > m[0] for m in table_merges)}
    walk = SimpleNamespace(activities=frame, budgets=budgets, goals=goals, indicators=indicators,
                           stated_total=stated_total, stated_total_at=stated_total_at,
                           table_merges=table_merges, merged_roles=merged, notes=rows.notes)
    meta = read_meta(grid, header, end_row if end_row is not None else grid.nrows)
    rak = _assemble(grid, header, walk, meta, path)  # budget lines linked to no goal keep goal None
    if columns:
        rak = dataclasses.replace(rak, column_of={**rak.column_of, **{k: c + 1 for k, c in columns.items()}})
    return dataclasses.replace(rak, family=family)


# -- workplan ----------------------------------------------------------------------------

def _read_workplan(grid, found, path) -> Rak:
    header, cols = found
    h = header.cols
    rows = _Rows(grid, path)
    c_no, c_keg = h.get("no"), h["kegiatan"]
    c_ind, c_tgt, c_pel, c_pagu = h.get("indikator"), h.get("target_indikator"), h.get("pelaksana"), h["pagu"]
    if "unit_cost" in cols:  # Jumlah over Biaya: said once, where the choice was made
        rows.notes.append(_note("unit-cost-ignored", header.row, cols["unit_cost"],
                                value=f"{to_text(grid.value(header.row, cols['unit_cost']))} -> "
                                      f"{to_text(grid.value(header.row, c_pagu))}"))
    all_cols = sorted(set(h.values()) | set(header.extras))
    first_col = min(all_cols)
    extras = list(dict.fromkeys(header.extras.values()))
    # Goal rows merged across the table: then only such rows are goals.
    wide = {r for r, spans in rows.across.items() if r >= header.data_start
            and any(c1 <= c_keg < c2 and c2 - c1 >= 2 for c1, c2 in spans)}
    goals, indicators, budgets, activities = [], [], [], []
    goal = ind = line = None
    pelaksana = None
    line_until = None
    stated = stated_cell = None
    subtotal = None       # (amount, 0-based row) the current goal states for itself
    goal_first_line = 0
    after_total = False
    end_row = header.data_start

    def close_goal():
        """A goal's own total (on its row, or a Sub Total row) checked against its lines."""
        if goal is None or subtotal is None or subtotal[0] is None:
            return
        computed = sum(b["pagu"] for b in budgets[goal_first_line:])
        if computed != subtotal[0]:
            rows.notes.append(_note("total-mismatch", subtotal[1], c_pagu, goal=goal["goal"], no=goal["no"],
                                    value=(subtotal[0], computed)))

    for r in range(header.data_start, grid.nrows):
        if rows.blank(r, all_cols):
            continue
        if rows.is_number_row(r, all_cols) or _is_repeated_header(grid, r, WORKPLAN, all_cols):
            continue
        labels = [rows.text(r, c) for c in (c_no, c_keg, first_col) if c is not None]
        label = next((t for t in labels if t and len(t) <= HEADER_MAX_CHARS and WORKPLAN.is_total(t)), None)
        if label is not None:
            amount, _ = rows.amount(r, c_pagu, goal, record=False)
            if layout.normalize_header(label).startswith("sub"):  # a goal's Sub Total
                subtotal = (amount, r)
            else:
                close_goal()
                subtotal = None
                stated, stated_cell = amount, _at(r, c_pagu)
                after_total = True
            end_row = r + 1
            continue
        if rows.stop_here(r, all_cols):
            break
        goal_row = _workplan_goal(rows, r, c_no, c_keg, first_col, all_cols, (c_ind, c_tgt), wide)
        if after_total and goal_row is None:
            break  # below the total: notes, a signature block without a date...
        end_row = r + 1
        if goal_row is not None:
            close_goal()
            if after_total:  # the table goes on: the total above closed one part only
                stated = stated_cell = None
                after_total = False
            no, text = goal_row
            goal = _goal_dict(len(goals) + 1, no, text, r + 1)
            goals.append(goal)
            goal_first_line = len(budgets)  # the goal's lines: budgets[goal_first_line:]
            ind = line = pelaksana = None
            amount, present = rows.amount(r, c_pagu, goal, record=False)
            subtotal = (amount, r) if present else None
            continue
        if goal is None:  # activities above any goal row: a goal without a name
            goal = _goal_dict(1, None, None, r + 1)
            goals.append(goal)
        goal["last_row"] = r + 1
        ind_text, ind_new = rows.resolved(r, c_ind)
        tgt, tgt_new = rows.resolved(r, c_tgt)
        if ind is None or (ind_new and ind_text != ind["indikator"]) or (
                ind_text is None and tgt_new and tgt != ind["target_indikator"]):
            ind = {"goal": goal["goal"], "no": goal["no"], "indikator": ind_text, "target_indikator": tgt,
                   "row": r + 1}
            if ind_text is not None or tgt is not None:
                indicators.append(ind)
        p_text, _ = rows.resolved(r, c_pel)
        if p_text is not None:
            pelaksana = p_text
        top = rows.cover.get((r, c_pagu))
        if top is None:
            amount, present = rows.amount(r, c_pagu, goal)
            if present:
                line = None
            if amount is not None:
                line = _line(len(budgets) + 1, goal, amount, pelaksana, r, c_pagu)
                line_until = rows.bottom.get((r, c_pagu))
                budgets.append(line)
            elif line is not None and line_until is not None and r > line_until:
                line = None
        if line is not None:
            line["last_row"] = r + 1
        act = {"goal": goal["goal"], "no": goal["no"], "sasaran": goal["sasaran"], "indikator": ind["indikator"],
               "target_indikator": ind["target_indikator"], "kegiatan": rows.text(r, c_keg),
               "pelaksana": pelaksana, "budget_line": line["budget_line"] if line else None, "row": r + 1}
        for c, name in header.extras.items():
            act.setdefault(name, to_text(grid.value(r, c)))
        activities.append(act)
    close_goal()
    check_rollups(budgets, grid, path)
    return _finish(grid, header, rows, path, "workplan", goals, indicators, budgets, activities, extras,
                   stated, stated_cell, end_row)


def _workplan_goal(rows: _Rows, r, c_no, c_keg, first_col, all_cols, own_cols, wide):
    """(No, text) of a goal row, or None. Where the sheet merges its goal rows across
    the table, a goal row is such a merged row; otherwise a goal number with one text
    and nothing else on the row (no indicator or target of its own)."""
    if wide and r not in wide:
        return None
    if any(rows.resolved(r, c)[1] for c in own_cols if c is not None):
        return None
    no = rows.text(r, c_no) if c_no is not None else None
    if no is not None and _GOAL_NO.fullmatch(no):
        rest = [t for t in rows.texts(r, [c for c in all_cols if c != c_no])
                if not isinstance(_amount_or_none(t), int)]
        if len(rest) == 1:
            return no.rstrip(".) ").strip(), rest[0]
        return None
    if no is None or c_no is None or c_no == first_col:
        start = c_no if c_no is not None else first_col
        spans = rows.across.get(r, [])
        text = rows.text(r, start) if any(c1 <= start and c2 - c1 >= 2 for c1, c2 in spans) else None
        m = _GOAL_JOINED.fullmatch(text.strip()) if text else None
        if m:
            return m.group(1), m.group(2).strip()
    return None


def _amount_or_none(text):
    from ..amounts import parse_amount

    return parse_amount(text) if text and any(ch.isdigit() for ch in text) else None


def _is_repeated_header(grid, r, family, cols) -> bool:
    hits = 0
    for c in cols:
        t = _text(grid.value(r, c))
        if t and _match(family.name, t):
            hits += 1
    return hits >= 3


# -- targets table + budget table --------------------------------------------------------

def _find_budget_table(grid, start):
    """(header row, role -> column) of the budget table below row ``start`` (however
    long the targets table above it), or None. Only rows with a budget word are looked at."""
    for r in range(start, grid.nrows):
        i = r - grid.top
        row = grid.rows[i] if 0 <= i < len(grid.rows) else []
        if not any(type(v) is str and len(v) <= HEADER_MAX_CHARS and _BUDGET_HINT.search(v) for v in row):
            continue
        cols = {}
        for c in range(grid.left, grid.ncols):
            t = _text(grid.value(r, c))
            if not t:
                continue
            norm = layout.normalize_header(t)
            for role, pats in _BUDGET_TABLE:
                if any(p.fullmatch(norm) for p in pats):
                    cols.setdefault(role, c)
                    break
        if "program" in cols and "pagu" in cols and cols["program"] < cols["pagu"]:
            return r, cols
    return None


def _read_targets(grid, found, path) -> Rak:
    header, (b_row, b_cols) = found
    h = header.cols
    rows = _Rows(grid, path)
    c_no, c_sas, c_ind, c_tgt = h.get("no"), h["sasaran"], h["indikator"], h.get("target_indikator")
    quarters = [h[q] for q in layout.QUARTERS]
    all_cols = sorted(set(h.values()) | set(header.extras))
    goals, indicators, activities = [], [], []
    goal = ind = None
    for r in range(header.data_start, b_row):
        if rows.blank(r, all_cols) or rows.is_number_row(r, all_cols):
            continue
        texts = rows.texts(r, all_cols)
        if len(texts) == 1 and _CAPTION.fullmatch(layout.normalize_header(texts[0])):
            continue  # "B. Alokasi Anggaran" above the budget table
        if len(texts) == 1 and rows.text(r, all_cols[0]) == texts[0] and not rows.text(r, c_ind):
            continue  # another caption: alone in the first column
        no, no_new = rows.resolved(r, c_no)
        sas, sas_new = rows.resolved(r, c_sas)
        if goal is None or (no_new and no != goal["no"]) or (sas_new and sas != goal["sasaran"]):
            goal = _goal_dict(len(goals) + 1, no, sas, r + 1)
            goals.append(goal)
            ind = None
        goal["last_row"] = r + 1
        ind_text, ind_new = rows.resolved(r, c_ind)
        tgt, _ = rows.resolved(r, c_tgt)
        if ind is None or (ind_new and ind_text != ind["indikator"]):
            ind = {"goal": goal["goal"], "no": goal["no"], "indikator": ind_text, "target_indikator": tgt,
                   "row": r + 1}
            if ind_text is not None or tgt is not None:
                indicators.append(ind)
        act = {"goal": goal["goal"], "no": goal["no"], "sasaran": goal["sasaran"], "indikator": ind["indikator"],
               "target_indikator": ind["target_indikator"], "row": r + 1}
        for q, c in zip(layout.QUARTERS, quarters):
            act[q] = rows.text(r, c)
        for c, name in header.extras.items():
            act[name] = to_text(grid.value(r, c))
        activities.append(act)
    budgets, stated, stated_cell, end_row = _budget_table(grid, rows, b_row, b_cols, goals, activities, path)
    check_rollups(budgets, grid, path)
    extras = list(dict.fromkeys(header.extras.values()))
    return _finish(grid, header, rows, path, "targets-budget", goals, indicators, budgets, activities, extras,
                   stated, stated_cell, end_row, columns={"pagu": b_cols["pagu"]})


def _no_kind(no: str | None) -> tuple:
    """The numbering level of a budget row's No: roman, arabic, dotted (by depth), letter."""
    if not no:
        return ("none",)
    s = no.strip().rstrip(".)")
    if _ROMAN.fullmatch(s) and not s.isdigit():
        return ("roman",)
    if re.fullmatch(r"\d+(\.\d+)+", s):
        return ("dotted", s.count("."))
    if s.isdigit():
        return ("arabic",)
    if re.fullmatch(r"[a-zA-Z]", s):
        return ("letter",)
    return ("other",)


def _budget_table(grid, rows: _Rows, b_row, cols, goals, activities, path):
    """The budget lines of the second table, linked to goals where the table says which."""
    c_no, c_prog, c_pagu, c_pel = cols.get("no"), cols["program"], cols["pagu"], cols.get("pelaksana")
    all_cols = sorted(cols.values())
    start = b_row + 1
    items = []  # (row, no, text, amount or None, present, pelaksana)
    stated = stated_cell = None
    end_row = start
    for r in range(start, grid.nrows):
        if rows.blank(r, all_cols):
            if items and all(rows.blank(r + k, all_cols) for k in range(1, 3)):
                break  # the table ended
            continue
        if rows.is_number_row(r, all_cols):
            continue
        labels = [rows.text(r, c) for c in (c_no, c_prog) if c is not None]
        if any(t and TARGETS.is_total(t) for t in labels):
            stated, _ = rows.amount(r, c_pagu, record=False)
            stated_cell = _at(r, c_pagu)
            end_row = r + 1
            break
        if rows.stop_here(r, all_cols):
            break
        amount, present = rows.amount(r, c_pagu)
        items.append((r, rows.text(r, c_no), rows.text(r, c_prog), amount, present, rows.text(r, c_pel)))
        end_row = r + 1
    _refuse_rollups(grid, items, c_pagu, path)
    by_no: dict[str, list] = {}
    for g in goals:
        if g["no"]:
            by_no.setdefault(g["no"].strip().rstrip(".)"), []).append(g)
    by_text: dict[str, list] = {}
    for g in goals:
        by_text.setdefault(fold_spaces(g["sasaran"]), []).append(g)
    action_goal: dict[str, set] = {}
    for a in activities:
        for q in layout.QUARTERS:
            for piece in (a.get(q) or "").split("\n"):
                if piece.strip():
                    action_goal.setdefault(fold_spaces(piece), set()).add(a["goal"])
        for key in ("indikator",):
            if a.get(key):
                action_goal.setdefault(fold_spaces(a[key]), set()).add(a["goal"])
    budgets = []
    group = None  # the goal named by the group row above the current lines
    for r, no, text, amount, present, pelaksana in items:
        if amount is None:
            if present:
                continue  # an unreadable amount: noted by rows.amount
            named = by_text.get(fold_spaces(text), [])
            if len(named) > 1 and no:  # the same Sasaran twice: its No tells which
                named = [g for g in named if (g["no"] or "").strip().rstrip(".)") == no.strip().rstrip(".)")]
            group = named[0] if len(named) == 1 else None
            continue
        goal = None
        kind = _no_kind(no)
        if kind[0] == "dotted":
            head = no.strip().split(".")[0]
            found = by_no.get(head, [])
            goal = found[0] if len(found) == 1 else None
        if goal is None and group is not None:
            goal = group
        if goal is None:
            linked = action_goal.get(fold_spaces(text), set())
            named = by_text.get(fold_spaces(text), [])
            if len(named) == 1:
                goal = named[0]
            elif len(linked) == 1:
                goal = goals[next(iter(linked)) - 1]
        line = _line(len(budgets) + 1, goal, amount, pelaksana, r, c_pagu)
        budgets.append(line)
        if goal is None:
            rows.notes.append(_note("budget-unlinked", r, c_pagu, value=text))
    return budgets, stated, stated_cell, end_row


def _refuse_rollups(grid, items, c_pagu, path):
    """A line whose amount is the sum of the lines numbered under it (a program over its
    kegiatan) would count the money twice: refused, per the table contract."""
    for k, (r, no, text, amount, _, _) in enumerate(items):
        if amount is None:
            continue
        kind = _no_kind(no)
        children = []
        for r2, no2, _, amount2, _, _ in items[k + 1:]:
            kind2 = _no_kind(no2)
            if kind2 == kind or (kind[0] == "dotted" and kind2[0] == "dotted" and kind2[1] < kind[1]):
                break
            if kind2 == ("none",) and kind == ("none",):
                break
            if kind[0] == "dotted" and not (no2 or "").strip().startswith(no.strip().rstrip(".") + "."):
                break
            if amount2 is not None:
                children.append(amount2)
        if len(children) >= 2 and sum(children) == amount and kind != ("none",):
            raise RakInputError(
                f"baris {r + 1} ('{no} {text}', {a1(r, c_pagu)}) adalah jumlah dari {len(children)} baris di "
                "bawahnya: tabel anggaran bertingkat (program di atas kegiatan) tidak dibaca agar Pagu tidak "
                "terhitung dua kali", path=path, sheet=grid.name)


_READERS = {"workplan": _read_workplan, "targets-budget": _read_targets, "pemda": _read_pemda,
            "monthly": _read_monthly}
