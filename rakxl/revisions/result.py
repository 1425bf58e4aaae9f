"""The change model: :class:`RakDiff`, its rows as plain dicts, the frames built
from them on demand, and one row per change (:meth:`RakDiff.change_rows`)."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .sides import FIELDS

if TYPE_CHECKING:  # pandas is imported lazily (the CLI's start-up stays fast)
    import pandas as pd

    from ..model import Rak

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

    goals = property(lambda self: self._frame("goals"), doc="The goals frame (see above).")
    activities = property(lambda self: self._frame("activities"), doc="The activities frame (see above).")
    totals = property(lambda self: self._frame("totals"), doc="The totals frame (see above).")
    meta = property(lambda self: self._frame("meta"), doc="The meta frame (see above).")

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
        """The diff as lines for people: totals first, then goal by goal
        (:func:`rakxl.report.diff.summary_lines`)."""
        from ..report.diff_text import summary_lines

        return summary_lines(self, lang)

    def marks(self, lang: str = "id", position: int = 0) -> dict:
        """Highlights for the new plan, in the form ``rakxl.write_rak(marks=...)`` takes
        (:func:`rakxl.report.diff.cell_marks`)."""
        from ..report.diff import cell_marks

        return cell_marks(self, lang, position)


def _int(value) -> int | None:
    return None if _na(value) else int(value)


def _na(value) -> bool:
    """None, NaN or pandas' NA (without importing pandas)."""
    if value is None:
        return True
    return (isinstance(value, float) and value != value) or type(value).__name__ == "NAType"


