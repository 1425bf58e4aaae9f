"""Every RAK sheet of two workbooks: sheets paired by name, then unit, each pair
diffed (:func:`diff_workbooks`)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..text import fold_words
from .compare import diff
from .result import RakDiff

if TYPE_CHECKING:
    from ..model import Rak

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
        and each sheet removed or added (:func:`rakxl.report.diff_text.workbook_summary_lines`)."""
        from ..report.diff_text import workbook_summary_lines

        return workbook_summary_lines(self, lang)

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
    from ..exceptions import RakInputError
    from ..reader import read_workbook

    olds, news = read_workbook(old_path, limits=limits), read_workbook(new_path, limits=limits)
    pairs = match_sheets(olds, news)
    if sheet is not None:
        pairs = [p for p in pairs if sheet in ((p[0].sheet if p[0] else None), (p[1].sheet if p[1] else None))]
        if not pairs:
            raise RakInputError(key="diff.no_such_sheet", params={"sheet": sheet}, path=old_path)
    return WorkbookDiff([SheetPair(o, n, diff(o, n) if o is not None and n is not None else None)
                         for o, n in pairs])
