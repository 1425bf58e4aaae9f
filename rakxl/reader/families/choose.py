"""Which family a sheet is written in: the header row's words choose it and map its
columns (:func:`read_family`, the family stage's entry); the refusals a header alone
decides (a unit cost with no total beside it, one family's table twice side by side).

A family is considered only where its own header words stand, and the search stops
at the first row that is a KPU header, so that no KPU sheet reads differently.

Every read passes here first, so a KPU sheet is let through cheaply: each family is
asked only for the few roles that would make a row its header, each by its own words
first (:meth:`rakxl.layout.Family.names`), and a family's reader module is imported
when a sheet of that family is found.
"""
from __future__ import annotations

import functools
import importlib
import re

from ... import layout
from ...a1 import a1
from ...exceptions import RakInputError
from ...synonyms import match_header
from ...model import Rak
from ...workbook import Grid
from ..contract import header_problems
from ..header import HEADER_SEARCH_ROWS, NUMBER_CELL, Header, role_of
from .common import MONTHLY, PEMDA, TARGETS, WORKPLAN, family_role, header_text

#: Model roles: what the frames hold (other family roles are kept as extra columns).
_MODEL_ROLES = frozenset(layout.ROLES)


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
        texts = [(grid.left + j, v) for j, v in enumerate(row) if type(v) is str and header_text(v)]
        if len(texts) < 2:
            continue
        kpu = {}
        for c, t in texts:
            role = role_of(t)
            if role:
                kpu.setdefault(role, c)
        if _names(WORKPLAN, texts, "volume") and _names(WORKPLAN, texts, "unit_cost"):
            _refuse_unit_cost(grid, r, texts, kpu, path)
        found = (_workplan_header(grid, r, texts) or _targets_header(grid, r, texts, kpu)
                 or _pemda_header(grid, r, texts) or _monthly_header(grid, r, texts, kpu))
        if found is not None:
            family, header = found
            _refuse_side_by_side(layout.FAMILY_BY_NAME[family], grid, r, texts, path)
            return _reader(family)(grid, header, path)
        known = set(kpu) - {"triwulan"}
        if "kegiatan" in known and len(known) >= 3 and known & {"pagu", "sasaran", "indikator"}:
            return None  # a KPU header: the KPU stages read it, as they always did
    return None


def _names(family, texts, *roles: str) -> bool:
    """Whether a text of a header row names one of ``roles`` in ``family``
    (:meth:`~rakxl.layout.Family.names`: a KPU header tries few of the family's columns)."""
    return any(_text_names(family.name, t, roles) for _, t in texts)


@functools.lru_cache(maxsize=4096)
def _text_names(family_name: str, text: str, roles: tuple[str, ...]) -> bool:
    return layout.FAMILY_BY_NAME[family_name].names(text, *roles)


def _names_months(texts) -> bool:
    """Whether a text of a header row names a month, or the group over the months, in
    the monthly family."""
    return _names(MONTHLY, texts, *layout.MONTHS) or any(_is_month_group(t) for _, t in texts)


def _matches(patterns: tuple[str, ...], text: str) -> bool:
    """Whether a header text's normalised form fullmatches one of ``patterns``
    (compiled on first use, by :func:`re.fullmatch`'s cache)."""
    norm = layout.normalize_header(text)
    return any(re.fullmatch(p, norm) for p in patterns)


def _is_month_group(text: str) -> bool:
    return _matches(layout.MONTH_GROUP_SYNONYMS, text)


def _is_quarter_group(text: str) -> bool:
    return _matches(layout.FAMILY_QUARTER_GROUP, text)


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
        role = family_role(family.name, t) if t else None
        grouped = t is not None and (_is_quarter_group(t) or _is_month_group(t))
        if role is None or grouped:
            below = grid.value(r + 1, c)
            sub = None
            if isinstance(below, str) and header_text(below):
                sub = family_role(family.name, below)
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
    return _is_quarter_group(g) or _is_month_group(g) or match_header(g) == "triwulan"


def _in_month_group(grid, r, c, own) -> bool:
    g = _group_of(grid, r, c) or own
    return bool(g) and _is_month_group(g)


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
        role = family_role(family.name, t)
        if role in unique:
            found.setdefault(role, []).append((c, " ".join(t.split())))
    problems = header_problems(r, found)
    if problems:
        from ...i18n import Said

        key, params = problems[0]
        raise RakInputError.of("error.not_rak_because", path=path, sheet=grid.name,
                               reason=Said("contract." + key, **params))


def _refuse_unit_cost(grid, r, texts, kpu, path):
    """A unit cost (``Biaya``) beside a volume (``Vol``) with no total column: the
    budget of each line is not written, and taking the unit cost would be wrong."""
    roles = {}
    for c, t in texts:
        role = family_role(WORKPLAN.name, t)
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
    raise RakInputError.of("error.unit_cost", path=path, sheet=grid.name, cost=grid.value(r, cost),
                           cost_cell=a1(r, cost), vol=grid.value(r, vol), vol_cell=a1(r, vol))


def _workplan_header(grid, r, texts):
    if not _names(WORKPLAN, texts, "kegiatan"):
        return None
    cols, uses_sub = _roles(WORKPLAN, grid, r, texts)
    if "kegiatan" not in cols or "pagu" not in cols:
        return None
    return "workplan", (_header(grid, r, cols, uses_sub, texts), cols)


def _targets_header(grid, r, texts, kpu):
    if "kegiatan" in kpu or "pagu" in kpu:
        return None
    if not (_names(TARGETS, texts, "sasaran") and _names(TARGETS, texts, "indikator")):
        return None
    cols, uses_sub = _roles(TARGETS, grid, r, texts)
    if not all(role in cols for role in TARGETS.signature):
        return None
    header = _header(grid, r, cols, uses_sub, texts)
    budget = _module("targets").find_budget_table(grid, header.data_start)
    if budget is None:
        return None
    return "targets-budget", (header, budget)


def _pemda_header(grid, r, texts):
    if not (_names(PEMDA, texts, "kegiatan") and _names(PEMDA, texts, "program")):  # Rencana Aksi first: fewer words
        return None
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
    if "kegiatan" not in kpu or any(q in kpu for q in layout.QUARTERS[1:]) or not _names_months(texts):
        return None
    cols, uses_sub = _roles(MONTHLY, grid, r, texts)
    months = [cols.get(m) for m in layout.MONTHS]
    if None in months or months != sorted(months):
        return None
    from ..header import map_columns

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


#: Each family's reader: (module of this package, function). A module is imported when
#: a sheet of its family is found; a KPU sheet, the common case, loads none of them.
_READERS = {"workplan": ("workplan", "read_workplan"), "targets-budget": ("targets", "read_targets"),
            "pemda": ("kpu_walk", "read_pemda"), "monthly": ("kpu_walk", "read_monthly")}


def _module(name: str):
    return importlib.import_module(f".{name}", __package__)


def _reader(family: str):
    module, function = _READERS[family]
    return getattr(_module(module), function)
