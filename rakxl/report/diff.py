"""A revision diff's outputs: the marks on the new plan, the ``Perubahan`` sheet and
the files ``rakxl diff -o`` writes (:func:`write_diff`, :func:`write_workbook_diff`).
The lines printed on screen are :mod:`.diff_text`'s."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..i18n import text
from ..revisions.result import _int, _na
from .diff_text import _pagu_text, word
from .outputs import output_kind
from .table import Column, Table


def cell_marks(d, lang: str = "id", position: int = 0) -> dict:
    """:meth:`rakxl.RakDiff.marks`: highlights for the new plan, in the form
    ``rakxl.write_rak(marks=...)`` takes:
    ``{(position, index in new.activities, role): ("added" | "changed", comment)}``.

    Added goals and activities are marked ``added``; each changed cell is marked
    ``changed`` with a comment holding the old value. Removed activities are
    listed in a comment on their goal's Sasaran cell.
    """
    w = lambda key, **kw: word(key, lang, **kw)  # noqa: E731
    marks: dict = {}
    new_acts = d.new.plan.activities
    lines = [a.budget_line for a in new_acts]
    cover = defaultdict(list)
    for i, line in enumerate(lines):
        cover[line].append(i)
    added = {rec["index_new"] for rec in d.activity_rows if rec["change"] == "added"}
    goal_of = _goal_marks(d, marks, position, w)
    removed_in = defaultdict(list)
    for rec in d.activity_rows:
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
                marks[(position, i, fld)] = ("changed", f"{w('was')}: {old_v if old_v is not None else w('empty')}")
    for key, names in removed_in.items():
        at = goal_of[key]
        text = f"{w('removed_activities')}: " + "; ".join(str(n) for n in names)
        kind, comment = marks.get((position, at, "sasaran"), ("changed", None))
        marks[(position, at, "sasaran")] = (kind, f"{comment}\n{text}" if comment else text)
    return marks


def _goal_marks(d, marks: dict, position: int, w) -> dict:
    """Marks the No and Sasaran of added goals and the Sasaran of goals whose text
    changed (on their first activity's row); returns where each goal of the new plan
    starts, by (old goal, new goal) ids."""
    first_act = {}
    for i, a in enumerate(d.new.plan.activities):
        first_act.setdefault(a.goal, i)
    goal_of = {}
    for g in d.goal_rows:
        if _na(g["goal_new"]):
            continue
        at = goal_of[(_int(g["goal_old"]), _int(g["goal_new"]))] = first_act[int(g["goal_new"])]
        if g["change"] == "added":
            marks[(position, at, "no")] = ("added", w("new_goal"))
            marks[(position, at, "sasaran")] = ("added", w("new_goal"))
        elif g["sasaran_old"] is not None:
            marks[(position, at, "sasaran")] = ("changed", f"{w('was')}: {g['sasaran_old']}")
    return goal_of


# -- the Perubahan sheet and the files ------------------------------------------------------------------------------------

#: The name of the diff workbook's sheet that lists every change.
CHANGES_SHEET = "Perubahan"
_CHANGE_SHEET_COLUMNS = (  # (column of RakDiff.changes or a sheet column, width, kind, wrap)
    ("level", 9, "text", False), ("change", 11, "text", False), ("no_old", 5, "text", False),
    ("no_new", 5, "text", False), ("sasaran", 30, "text", True), ("kegiatan", 30, "text", True),
    ("pelaksana", 16, "text", True), ("field", 12, "text", True), ("old", 28, "text", True),
    ("new", 28, "text", True), ("pagu_old", 15, "rupiah", False), ("pagu_new", 15, "rupiah", False),
    ("delta", 15, "rupiah", False), ("cell_old", 9, "text", False), ("cell", 9, "text", False))


def changes_table(d, lang: str = "id") -> Table:
    """The ``Perubahan`` sheet of a diff: :attr:`RakDiff.changes`, one row per change;
    Pagu amounts in number columns (old, new, difference), other values as text, the
    budget line's cells in their own columns; the kind of change filled by colour."""
    from ..layout import CHANGE_COLORS

    cols = [Column(text(f"change.{name}", lang), width, kind, wrap) for name, width, kind, wrap in
            _CHANGE_SHEET_COLUMNS]
    rows, fills = [], {}
    for i, rec in enumerate(d.change_rows()):
        old, new = rec["old"], rec["new"]
        amounts = rec["field"] == "pagu"
        row = {**rec, "level": word(f"level_{rec['level']}", lang), "change": word(rec["change"], lang),
               "field": None if rec["field"] is None else word(rec["field"], lang),
               "old": None if amounts else old, "new": None if amounts else new,
               "pagu_old": old if amounts else None, "pagu_new": new if amounts else None}
        rows.append([row[name] for name, *_ in _CHANGE_SHEET_COLUMNS])
        color = CHANGE_COLORS.get(rec["change"])
        if color:
            fills[(i, 1)] = color
    return Table(CHANGES_SHEET, cols, rows, fills=fills)


def write_diff(d, out, *, lang: str = "id", paper: str = "A4") -> Path:
    """Write a :func:`rakxl.diff` to ``out``, by its suffix:

    - ``.xlsx``: a ``Perubahan`` sheet (:func:`changes_table`) followed by the new plan
      in the official layout (:func:`rakxl.write_rak`), added cells in green, changed
      cells in yellow with a comment holding the old value;
    - ``.json``: :meth:`RakDiff.to_json`;
    - ``.csv``: :attr:`RakDiff.changes` (UTF-8 with BOM, text escaped for Excel).

    Neither input is ever overwritten.

    Raises:
        RakFileError: an unknown suffix, a folder, or one of the two inputs as ``out``.
    """
    from ..safeio import check_output, write_csv, write_json

    inputs = [p for p in (d.old.path, d.new.path) if p]
    kind = output_kind(out, ("xlsx", "json", "csv"))
    check_output(out, inputs)
    if kind == "json":
        write_json(d.to_json(), out, inputs)
    elif kind == "csv":
        changes = d.changes
        for col in ("old", "new"):  # amounts as digits, never as floats
            changes[col] = [v if v is None or isinstance(v, str) else str(v) for v in changes[col]]
        write_csv(changes, out, inputs=inputs)
    else:
        from ..writer import write_rak
        from .table import write_table

        table = changes_table(d, lang)
        write_rak(d.new, out, paper=paper, marks=d.marks(lang), kind="diff",
                  extra_sheets={CHANGES_SHEET: lambda book, ws: write_table(ws, table, lang, book=book)})
    return Path(out)


def write_workbook_diff(wd, out, *, lang: str = "id", paper: str = "A4") -> Path:
    """Write a :func:`rakxl.revisions.diff_workbooks` of several RAK sheets to ``out``:

    - ``.xlsx``: one ``Perubahan`` sheet per compared RAK sheet (``Perubahan``,
      ``Perubahan 2``... in the order of the pairs), a ``Sheet`` sheet when a RAK sheet
      was removed or added, then every new plan in the official layout with its
      changes marked (as :func:`write_diff`);
    - ``.json``: :meth:`WorkbookDiff.to_json`;
    - ``.csv``: every compared sheet's changes, with the sheets in a first column.

    A single pair of sheets is written exactly as :func:`write_diff` writes it.
    """
    from ..safeio import check_output, write_csv, write_json

    if wd.single is not None:
        return write_diff(wd.single, out, lang=lang, paper=paper)
    inputs = sorted({r.path for p in wd.pairs for r in (p.old, p.new) if r is not None and r.path})
    kind = output_kind(out, ("xlsx", "json", "csv"))
    check_output(out, inputs)
    if kind == "json":
        write_json(wd.to_json(), out, inputs)
        return Path(out)
    compared = [p for p in wd.pairs if p.diff is not None]
    if kind == "csv":
        import pandas as pd

        frames = []
        for p in compared:
            changes = p.diff.changes
            for col in ("old", "new"):
                changes[col] = [v if v is None or isinstance(v, str) else str(v) for v in changes[col]]
            changes.insert(0, "sheet", f"{p.old.sheet} -> {p.new.sheet}")
            frames.append(changes)
        write_csv(pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(), out, inputs=inputs)
        return Path(out)
    from ..writer import write_rak
    from .table import write_table

    extra: dict = {}
    for n, p in enumerate(compared, 1):
        table = changes_table(p.diff, lang)
        name = CHANGES_SHEET if n == 1 else f"{CHANGES_SHEET} {n}"
        extra[name] = (lambda t: lambda book, ws: write_table(ws, t, lang, book=book))(table)
    moved = [p for p in wd.pairs if p.diff is None]
    if moved:
        rows = [(text("diff.sheet_" + p.change, lang), (p.old or p.new).sheet, (p.old or p.new).total_pagu)
                for p in moved]
        cols = [Column(text("diff.sheet_change", lang), 16), Column("Sheet", 30),
                Column("Pagu", 20, "rupiah")]
        table = Table("Sheet", cols, rows)
        extra["Sheet"] = lambda book, ws: write_table(ws, table, lang, book=book)
    raks = [p.new for p in wd.pairs if p.new is not None]
    marks = {}
    position = {id(p.new): i for i, p in enumerate([p for p in wd.pairs if p.new is not None])}
    for p in compared:
        marks.update(p.diff.marks(lang, position=position[id(p.new)]))
    write_rak(raks, out, paper=paper, marks=marks, kind="diff", extra_sheets=extra)
    return Path(out)


def workbook_diff_size(wd, kind: str) -> tuple[int | None, int]:
    """``(sheets, rows)`` of what :func:`write_workbook_diff` writes as ``kind``
    (``xlsx``, ``json`` or ``csv``): the change rows, and for ``.xlsx`` the sheets
    (one pair: ``Perubahan`` and the new plan; several: a ``Perubahan`` per compared
    pair, every new plan, and a ``Sheet`` sheet when a RAK sheet was removed or added);
    None for the sheets of the other kinds."""
    if wd.single is not None:
        return (2 if kind == "xlsx" else None), len(wd.single.change_rows())
    compared = [p for p in wd.pairs if p.diff is not None]
    rows = sum(len(p.diff.change_rows()) for p in compared)
    if kind != "xlsx":
        return None, rows
    moved = any(p.diff is None for p in wd.pairs)
    return len([p for p in wd.pairs if p.new is not None]) + len(compared) + (1 if moved else 0), rows
