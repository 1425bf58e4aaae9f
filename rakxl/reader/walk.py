"""The walk over the table rows: row kinds, hierarchy, budget lines, notes."""
from __future__ import annotations

import bisect
import datetime as _dt
import itertools
import operator
import re

from .. import layout
from ..amounts import parse_amount
from ..formulas import FormulaError
from ..model import Cell, Note, Range
from ..workbook import Grid, to_text
from .header import _HEADER_MAX_CHARS, _NUMBER_CELL, _Header, _role_of
from .meta import _NIP, _PLACE_DATE, parse_date

#: What a total row's label starts with (a cheap test before the full TOTAL_ROW).
_TOTAL_HINT = re.compile(r"\s*(sub|grand|jumlah|total)", re.I)
#: A comma ("Place, date") or a text that starts with n ("NIP ..."): where a
#: signature may start (in NUL-joined texts, see _Joined).
_SIGNATURE_HINTS = (re.compile(","), re.compile("\x00[nN]"))
#: A blank text, or one that starts with "(" or a digit, in NUL-joined texts.
_HEADING_START = re.compile(r"\x00(?=\x00|$|\(|\d)")
#: A text that may be a total label (layout.TOTAL_ROW, cheaper), in NUL-joined texts:
#: the total word, then the end or what TOTAL_ROW lets follow it ("Total", "Pagu",
#: "(Rp)", ":"...), so that "Jumlah dokumen" is not even a candidate.
_TOTAL_START = re.compile(r"\x00\s*(?:sub\s*)?(?:jumlah|total|grand\s*total)"
                          r"(?=\s*(?:\x00|$|to|ke|se|an|pa|bi|da|\(|:))", re.I)
_KEGIATAN_WORDS = re.compile("|".join(f"(?:{p})" for p in layout.COLUMN_BY_ROLE["kegiatan"].synonyms))
#: Every Kegiatan header word contains "kegiatan" or "aksi": a cheap test before
#: _KEGIATAN_WORDS (None, no shortcut, should a synonym ever lack both).
_KEGIATAN_HINT = (re.compile("kegiatan|aksi", re.I)
                  if all(re.search("kegiatan|aksi", p) for p in layout.COLUMN_BY_ROLE["kegiatan"].synonyms) else None)
#: Columns whose numbers may carry a % format (shown as "100%").
_PERCENT_ROLES = frozenset(layout.ACTIVITY_ROLES + ("target_indikator",))
_NIL = {"-", "–", "—", "--", "nihil"}


class _Walk:
    """State of one pass over the table rows."""

    def __init__(self, grid: Grid, header: _Header, path):
        self.grid = grid
        self.h = header
        self.path = path
        self.cols = header.cols
        self.notes: list[Note] = list(header.notes)  # what the header stage chose (unit-cost-ignored)
        # ((goal, no, sasaran), (indikator, target_indikator), pelaksana, budget_line, row - data_start)
        # of each activity row while walking; then {column: values} (run)
        self.activities: list | dict = []
        self.budgets: list[dict] = []
        self.goals: list[dict] = []
        self.indicators: list[dict] = []
        self.stated_total = None
        self.stated_total_at = None  # model.Cell of its amount
        self.end_row = header.data_start  # first row after the table
        self.n = max(grid.nrows - header.data_start, 0)  # rows from data_start down
        self.goal_at: list = [None] * self.n  # goal number of each table row (by row - data_start)
        # cover[col][r - data_start] = top row of the vertical merge covering (r, col)
        self.cover: dict[int, list] = {}
        self.merged_roles: set[str] = set()
        self.table_merges: list[tuple[int, int, int, int]] = []
        self.errors = grid.errors  # error cells (usually none)
        self._header_like: dict[int, bool] = {}
        # (top row, col) of each vertical merge -> its bottom row
        self.merge_bottom: dict[tuple[int, int], int] = {}  # Pagu column only
        self._columns: dict[int, list] = {}
        self._kegiatan_words: set | None = None
        self._texts: dict[str, list] = {}
        self._joined: dict[str, _Joined] = {}
        self._narrowest: int | None = None  # length of the shortest row from data_start down
        self._index_merges()

    def _index_merges(self):
        g = self.grid
        start, n, last = self.h.data_start, self.n, g.nrows - 1
        role_of_col = {c: role for role, c in self.cols.items()}
        pagu_c = self.cols.get("pagu")
        hierarchy = set(layout.HIERARCHY_ROLES)
        self.table_merges = table = [m for m in g.merges if m[2] >= start]
        cover, bottom, merged_roles = self.cover, self.merge_bottom, self.merged_roles
        # rows whose Kegiatan cell may name the column: only there a header may repeat
        maybe_header = {start + i for i in self._kegiatan_words_rows()}
        # column -> (r1, r2) of its vertical merges, in sheet order; a header repeated at
        # a page break does not make a merged column
        by_col: dict[int, list] = {}
        vertical = [m for m in table if m[2] != m[0]]
        if all(m[1] == m[3] for m in vertical):  # one column each: grouped at C speed
            spans = [(c1, r1, r2) for r1, c1, r2, _ in vertical if c1 in role_of_col and not (
                (r1 < start or r1 in maybe_header) and self._is_header_cell(r1, c1, role_of_col[c1]))]
            spans.sort(key=operator.itemgetter(0))  # stable: sheet order within a column
            for c, group in itertools.groupby(spans, key=operator.itemgetter(0)):
                by_col[c] = [(r1, r2) for _, r1, r2 in group]
        else:
            for r1, c1, r2, c2 in vertical:
                for c in range(c1, c2 + 1):
                    if c in role_of_col and not (
                            (r1 < start or r1 in maybe_header) and self._is_header_cell(r1, c, role_of_col[c])):
                        by_col.setdefault(c, []).append((r1, r2))
        for c, spans in by_col.items():
            if role_of_col[c] in hierarchy:
                merged_roles.add(role_of_col[c])
            if c == pagu_c:
                bottom.update(((r1, c), r2) for r1, r2 in spans)
            arr = cover[c] = [None] * n
            for r1, r2 in spans:
                lo = r1 - start if r1 > start else 0
                hi = (r2 if r2 < last else last) - start
                if hi >= lo:
                    arr[lo:hi + 1] = [r1] * (hi - lo + 1)

    def _kegiatan_words_rows(self) -> set:
        """Rows (0-based from data_start) whose Kegiatan cell may be the column's header
        word (a necessary condition of the _KEGIATAN_WORDS test, cheap)."""
        if self._kegiatan_words is None:
            c = self.cols["kegiatan"]
            values = self._column(c)
            texts = self._texts_of("kegiatan")
            low = self._joined_of("kegiatan").text.lower()
            if _KEGIATAN_HINT is not None and "kegiatan" not in low and "aksi" not in low:
                found = ()  # the normalised (lower-case) texts hold neither word
            else:
                found = [i for i, t in enumerate(texts) if t and (_KEGIATAN_HINT is None or _KEGIATAN_HINT.search(t))]
            self._kegiatan_words = {i for i in found
                                    if isinstance(values[i], str) and len(values[i]) <= _HEADER_MAX_CHARS}
        return self._kegiatan_words

    def cell_text(self, r: int, c: int, role: str, v=None) -> str | None:
        """The text a person sees at (r, c); ``v`` is the cell's value when already read."""
        if v is None:
            v = self.grid.value(r, c)
        if type(v) is str and v:  # the common case, as to_text would answer it
            return v.strip() or None
        if v == "" and self.errors:
            return self.errors.get((r, c))  # "#REF!" as the sheet shows it, not a blank
        if isinstance(v, (float, int)) and not isinstance(v, bool) and role in _PERCENT_ROLES:
            if self.grid.is_percent(r, c):  # .xls gives whole numbers as int
                return _percent_text(v)
        return to_text(v)

    def _column(self, c: int) -> list:
        """The values of column c on every row from data_start down ('' where empty)."""
        found = self._columns.get(c)
        if found is not None:
            return found
        g = self.grid
        j = c - g.left  # >= 0: every mapped column lies inside the grid
        rows = g.rows[self.h.data_start - g.top:]
        if self._narrowest is None:
            self._narrowest = min(map(len, rows), default=0)
        if self._narrowest > j:  # calamine's rows are all as wide as the sheet
            found = list(map(operator.itemgetter(j), rows))
        else:
            found = [row[j] if j < len(row) else "" for row in rows]
        self._columns[c] = found
        return found

    def _texts_of(self, role: str) -> list:
        """cell_text of every cell of a role's column from data_start down."""
        found = self._texts.get(role)
        if found is None:
            c = self.cols[role]
            found = self._texts[role] = self._column_texts(c, role, self._column(c))
        return found

    def _joined_of(self, role: str) -> "_Joined":
        """The texts of a role's column, joined to be searched at once."""
        found = self._joined.get(role)
        if found is None:
            found = self._joined[role] = _Joined(self._texts_of(role))
        return found

    def _column_texts(self, c: int, role: str, values: list) -> list:
        """cell_text of every cell of one column (values from :meth:`_column`)."""
        start, ct = self.h.data_start, self.cell_text
        if self.errors:  # rare: an empty cell may show "#REF!"
            return [ct(start + i, c, role, v) for i, v in enumerate(values)]
        # the common case answered here, as cell_text would: text stripped, blanks None
        try:  # every cell a text (or ''): stripped at C speed
            return [t or None for t in map(str.strip, values)]
        except TypeError:  # a number, a date...
            pass
        return [(v.strip() or None) if type(v) is str else
                (None if v is None or v == "" else ct(start + i, c, role, v)) for i, v in enumerate(values)]

    def _resolved(self, role: str, texts: list | None) -> tuple[list, list]:
        """resolve() of every row at once: (texts, is_anchor) lists for a hierarchy column."""
        n = self.n
        c = self.cols.get(role)
        if c is None:
            return [None] * n, [False] * n
        arr = self.cover.get(c)
        if arr is None:
            return texts, [t is not None for t in texts]
        start, ct = self.h.data_start, self.cell_text
        out = [texts[i] if top is None else (texts[top - start] if top >= start else ct(top, c, role))
               for i, top in enumerate(arr)]
        anchor = [(texts[i] is not None) if top is None else top == start + i for i, top in enumerate(arr)]
        return out, anchor

    def _rare_rows(self, values: dict, texts: dict) -> tuple[set, set, set]:
        """Rows (0-based from data_start) where a signature, a repeated header or
        column-number row, or a total row COULD start: the full tests run only there.

        Each test is a necessary condition of the one in _is_signature /
        _is_place_then_date, _is_repeated_header / _is_number_row, _is_total_row.
        ``texts`` holds the cell texts of the role columns (stripped, None when blank).
        """
        sig = set()  # "Place, date" has a comma; "NIP ..." starts with an n
        for role, c in self.cols.items():
            if role in texts:
                sig |= self._joined_of(role).rows(*_SIGNATURE_HINTS)
            else:
                sig.update([i for i, v in enumerate(values[c])
                            if isinstance(v, str) and v and ("," in v or v.lstrip()[:1] in "nN")])
        for c in self.h.extras:
            sig.update([i for i, v in enumerate(values[c])
                        if isinstance(v, str) and v and ("," in v or v.lstrip()[:1] in "nN")])
        # blank Kegiatan (second header row), a number or "(5)" (column numbers), a header word
        kegiatan = values[self.cols["kegiatan"]]
        if set(map(type, kegiatan)) == {str}:  # the texts tell: None for blanks, stripped
            heading = self._joined_of("kegiatan").rows(_HEADING_START)
        else:
            heading = {i for i, v in enumerate(kegiatan)
                       if not isinstance(v, str) or not v or v.lstrip()[:1] == "(" or v.lstrip()[:1].isdigit()}
        heading |= self._kegiatan_words_rows()
        total = set()
        for role in ("no", "sasaran", "indikator", "kegiatan"):
            if role in texts:
                raw = values[self.cols[role]]  # then _is_total_row's own test on the few found
                total.update(i for i in self._joined_of(role).rows(_TOTAL_START)
                             if isinstance(raw[i], str) and len(raw[i]) <= _HEADER_MAX_CHARS
                             and layout.TOTAL_ROW.fullmatch(layout.normalize_header(raw[i])))
        return sig, heading, total

    def run(self):
        g = self.grid
        cols = self.cols
        start = self.h.data_start
        n = self.n
        all_cols = sorted(set(cols.values()) | set(self.h.extras))
        values = {c: self._column(c) for c in all_cols}
        pagu_c = cols.get("pagu")
        width = len(all_cols)
        blank = [t.count("") + t.count(None) == width for t in zip(*(values[c] for c in all_cols))]
        errors = self.errors
        if errors and pagu_c is not None:  # a blank row whose Pagu shows "#REF!" is no blank row
            for (er, ec), text in errors.items():
                if ec == pagu_c and start <= er < g.nrows and text:
                    blank[er - start] = False

        texts = {role: self._texts_of(role) for role in cols if role != "pagu"}
        sig_rows, heading_rows, total_rows = self._rare_rows(values, texts)
        rare_rows = sig_rows | heading_rows | total_rows
        no_t, no_a = self._resolved("no", texts.get("no"))
        sas_t, sas_a = self._resolved("sasaran", texts.get("sasaran"))
        ind_t, ind_a = self._resolved("indikator", texts.get("indikator"))
        tgt_t, _ = self._resolved("target_indikator", texts.get("target_indikator"))
        pel_t, pel_a = self._resolved("pelaksana", texts.get("pelaksana"))
        kegiatan_t = texts["kegiatan"]
        nones = [None] * n
        own_cols = [(role, texts.get(role, nones)) for role in ("target_kegiatan",) + layout.QUARTERS]
        extra_cols = [(name, [to_text(v) for v in values[c]]) for c, name in self.h.extras.items()]
        # whether a row has a cell of its own (Kegiatan, its target, a quarter)
        own_lists = [kegiatan_t] + [texts[role] for role in ("target_kegiatan",) + layout.QUARTERS if role in cols]
        has_own = [t.count(None) != len(own_lists) for t in zip(*own_lists)]
        goal_roles = [cols[role] for role in ("no", "sasaran", "kegiatan") if role in cols]

        pagu_vals = values[pagu_c] if pagu_c is not None else None
        pagu_cover = self.cover.get(pagu_c) if pagu_c is not None else None
        # rows whose Pagu cell has an error or a formula: the full _amount there
        pagu_side = {r for (r, c) in list(g.formulas) + list(errors) if c == pagu_c} if pagu_c is not None else ()
        merged_roles = self.merged_roles
        goals, indicators, budgets, activities = self.goals, self.indicators, self.budgets, self.activities
        goal_at = self.goal_at
        gap = self._gap
        end_row = self.end_row

        goal = None          # dict of the current goal
        ind = None           # dict of the current indicator
        pelaksana = None     # Pelaksana in force in the current goal
        line = None          # dict of the open budget line
        line_until = None    # last row of the open line's merge, or None (open-ended)
        # True on the first row after a header repeated at a page break: there a
        # merge split by the break continues blank (no new goal, no gap, same Pagu).
        after_break = False
        after_total = False  # rows below a total row are table rows only if they name an activity or goal
        band_rows = self._band_rows()  # rows with a text merged across columns: maybe a category label
        label_before_goal = "no" in cols or "sasaran" in cols
        for i in itertools.compress(range(n), [not b for b in blank]):
            r = start + i
            if i in rare_rows:
                raw = {c: values[c][i] for c in all_cols}
                if i in sig_rows:
                    row_texts = [str(v).strip() for v in raw.values() if isinstance(v, str) and v.strip()]
                    if self._is_signature(row_texts) or self._is_place_then_date(r, raw, row_texts):
                        break
                if i in heading_rows and (self._is_repeated_header(raw) or self._is_number_row(raw)):
                    after_break = True
                    continue
                if i in total_rows and self._is_total_row(r, raw):
                    end_row = r + 1
                    after_total = True
                    continue
            if after_total and not any(values[c][i] not in ("", None) for c in goal_roles):
                break  # below the total row: a signature block without a date, notes...
            end_row = r + 1
            if ((goal is None and label_before_goal) or i in band_rows) and self._is_label(i, values, all_cols):
                continue  # a category label (Urusan Wajib...): never a goal or an activity

            no, no_new = no_t[i], no_a[i]
            sas, sas_new = sas_t[i], sas_a[i]
            if after_break:  # a blank merge split by the break continues the goal
                no_new = no_new and no is not None
                sas_new = sas_new and sas is not None
            new_goal = goal is None or (no_new and no != goal["no"]) or (sas_new and sas != goal["sasaran"])
            if new_goal:
                line = None  # an unmerged Pagu covers rows of its own goal only
                goal = {"goal": len(goals) + 1, "no": no, "sasaran": sas, "first_row": r + 1,
                        "last_row": r + 1}
                goals.append(goal)
                goal_of_act = (goal["goal"], no, sas)  # what each activity row takes from its goal
                ind = None
                pelaksana = None
            goal["last_row"] = r + 1
            goal_at[i] = goal_of_act[0]

            ind_text, ind_new = ind_t[i], ind_a[i]
            tgt = tgt_t[i]
            if after_break and ind is not None and ind_text is None and tgt in (None, ind["target_indikator"]):
                ind_new = False  # a blank merge split by the break continues the indicator
            if ind is None or (ind_new and ind_text != ind["indikator"]):
                ind = {"goal": goal["goal"], "no": goal["no"], "indikator": ind_text, "target_indikator": tgt,
                       "row": r + 1}
                ind_of_act, ind_row = (ind_text, tgt), r + 1
                if ind_text is not None or tgt is not None:
                    indicators.append(ind)
            elif not ind_new and ind_text is None and not after_break and merged_roles:
                gap(r, "indikator", goal)
                if tgt is None:
                    gap(r, "target_indikator", goal)
            p_text, p_new = pel_t[i], pel_a[i]
            if p_text is not None:
                pelaksana = p_text
            elif pelaksana is not None and not after_break and merged_roles:
                gap(r, "pelaksana", goal)
            if not new_goal and not after_break and merged_roles:
                if no is None:
                    gap(r, "no", goal)
                if sas is None:
                    gap(r, "sasaran", goal)

            # Pagu: a new budget line where a Pagu cell (or merge) starts.
            new_line = False
            if pagu_c is not None:
                pv = pagu_vals[i]
                top = pagu_cover[i] if pagu_cover is not None else None
                if top is not None and top != r:
                    amount, anchor, until = None, False, None
                elif (pv == "" or pv is None) and r not in pagu_side:  # no amount, as _amount answers
                    amount, anchor = None, False
                    until = self.merge_bottom.get((r, pagu_c)) if top == r else None
                else:
                    amount, anchor, until = self._pagu(r, pagu_c, goal)
                if anchor:
                    line = None
                if amount is not None:
                    line = {"budget_line": len(budgets) + 1, "goal": goal["goal"], "no": goal["no"],
                            "pagu": amount, "pelaksana": pelaksana, "col": pagu_c + 1,
                            "first_row": r + 1, "last_row": r + 1}
                    line_until = until
                    budgets.append(line)
                    new_line = True
                elif line is not None and line_until is not None and r > line_until:
                    if after_break and new_goal is False and pv in ("", None):
                        line_until = until if until is not None else r  # a Pagu merge split by the break
                    else:
                        line = None
            if line is not None:
                line["last_row"] = r + 1

            if has_own[i] or new_line or new_goal or ind_row == r + 1 or p_new:
                activities.append((goal_of_act, ind_of_act, pelaksana,
                                   line["budget_line"] if line is not None else None, i))
            after_break = False
        self.end_row = end_row
        # the activity frame's columns: what the rows above chose, then each row's own cells
        picked = list(zip(*activities)) or [()] * 5
        at = picked[4]
        frame = dict(zip(("goal", "no", "sasaran"), map(list, zip(*picked[0])))) if at else \
            {"goal": [], "no": [], "sasaran": []}
        frame.update(zip(("indikator", "target_indikator"), map(list, zip(*picked[1]))) if at else
                     {"indikator": [], "target_indikator": []})
        frame["kegiatan"] = [kegiatan_t[i] for i in at]
        for role, lst in own_cols:
            frame[role] = [lst[i] for i in at]
        frame["pelaksana"] = list(picked[2])
        frame["budget_line"] = list(picked[3])
        frame["row"] = [start + i + 1 for i in at]
        for name, lst in extra_cols:
            frame[name] = [lst[i] for i in at]
        self.activities = frame
        self._merge_notes()

    # -- row kinds -------------------------------------------------------------

    def _band_rows(self) -> set:
        """Rows (0-based from data_start) where one text is merged across two mapped
        columns or more: a label across the table, or a total or signature line."""
        mapped = set(self.cols.values())
        start = self.h.data_start
        return {r1 - start for r1, c1, r2, c2 in self.table_merges
                if c2 > c1 and r1 >= start and sum(1 for c in range(c1, c2 + 1) if c in mapped) >= 2}

    def _is_label(self, i: int, values: dict, all_cols) -> bool:
        """Whether table row i is a category label (``Urusan Wajib``, ``Bidang Otonomi
        Daerah``): one text, no number, no amount, in no vertical merge (no goal's or
        budget line's row). Noted in Rak.notes (``category-label``), never read as a
        goal or an activity."""
        filled = [c for c in all_cols if values[c][i] not in ("", None)]
        if len(filled) != 1:
            return False
        c = filled[0]
        v = values[c][i]
        if not isinstance(v, str) or c == self.cols.get("pagu") or _NUMBERISH.fullmatch(v.strip()):
            return False
        if any(arr[i] is not None for arr in self.cover.values()):
            return False
        r = self.h.data_start + i
        role = next((role for role, col in self.cols.items() if col == c), None)
        self.notes.append(Note("category-label", r + 1, c + 1, role, value=" ".join(v.split())))
        return True

    def _is_repeated_header(self, raw) -> bool:
        # Cheap test first: a header repeated at a page break names the Kegiatan column
        # (or leaves it blank, on the header's second row: I, II, III, IV).
        v = raw.get(self.cols["kegiatan"])
        if v != "" and v is not None:
            if not isinstance(v, str) or len(v) > _HEADER_MAX_CHARS:
                return False
            if not _KEGIATAN_WORDS.fullmatch(layout.normalize_header(v)) or _role_of(v) != "kegiatan":
                return False
        hits = 0
        for role, c in self.cols.items():
            v = raw.get(c)
            if isinstance(v, str) and v.strip():
                m = _role_of(v)
                if m == role or (m == "target" and role.startswith("target")):
                    hits += 1
        return hits >= 3

    def _is_number_row(self, raw) -> bool:
        nums = []
        for v in raw.values():
            if v == "" or v is None:
                continue
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                if not float(v).is_integer():  # numbers 1, 2, 3... as number cells
                    return False
                nums.append(int(v))
                continue
            m = _NUMBER_CELL.fullmatch(str(v).strip())  # "(1)", "(2)"... or "1", "2"... as text
            if not m:
                return False
            nums.append(int(m.group(1)))
        return len(nums) >= 4 and nums == sorted(nums) and len(set(nums)) == len(nums)

    def _is_total_row(self, r, raw) -> bool:
        for role in ("no", "sasaran", "indikator", "kegiatan"):
            c = self.cols.get(role)
            v = raw.get(c) if c is not None else None
            if isinstance(v, str) and len(v) <= _HEADER_MAX_CHARS and _TOTAL_HINT.match(v) and \
                    layout.TOTAL_ROW.fullmatch(layout.normalize_header(v)):
                break
        else:
            return False
        pagu_c = self.cols.get("pagu")
        if pagu_c is not None:
            amount, _ = self._amount(r, pagu_c, record=False)
            self.stated_total = amount
            self.stated_total_at = Cell(r + 1, pagu_c + 1)
        return True

    def _is_place_then_date(self, r, raw, texts) -> bool:
        """'Serang,' alone with a real date cell on its row or the next one: a
        signature block whose date was typed as a date."""
        if len(texts) != 1 or not re.fullmatch(r"[A-Za-z][A-Za-z .'()-]{1,40},", texts[0]):
            return False
        values = list(raw.values()) + [self.grid.value(r + 1, c) for c in raw]
        return any(isinstance(v, (_dt.date, _dt.datetime)) for v in values)

    @staticmethod
    def _is_signature(texts) -> bool:
        for t in texts:
            m = _PLACE_DATE.fullmatch(t) if "," in t else None  # "Place, date" has a comma
            if m and parse_date(m.group(2)) is not None:
                return True
            if _NIP.fullmatch(t) and re.search(r"\d{8}", t):
                return True
        return False

    # -- Pagu ------------------------------------------------------------------

    def _pagu(self, r, c, goal):
        """(amount or None, whether a Pagu cell starts here, last row of its merge)."""
        arr = self.cover.get(c)
        top = arr[r - self.h.data_start] if arr is not None else None
        if top is not None and top != r:
            return None, False, None
        until = self.merge_bottom.get((r, c)) if top == r else None
        amount, present = self._amount(r, c, goal=goal)
        return amount, present, until

    def _amount(self, r, c, goal=None, record=True):
        """(amount or None, whether the cell holds anything)."""
        g = self.grid
        v = g.value(r, c)
        no = goal["no"] if goal else None
        gid = goal["goal"] if goal else None
        err = g.error(r, c)
        if err:
            if record:
                self.notes.append(Note("amount-invalid", r + 1, c + 1, "pagu", gid, no, err))
            return None, True
        formula = g.formula(r, c) if (v == "" or v == 0) else None
        if formula is not None and (formula[1] is None or formula[1] == "" or v == 0):
            try:
                value = g.evaluate(r, c)
            except (FormulaError, RecursionError):
                if formula[1] is None or formula[1] == "":
                    if record:  # the formula alone: the finding's message says the rest, id or en
                        self.notes.append(Note("formula-no-cache", r + 1, c + 1, "pagu", gid, no,
                                               f"={formula[0]}"))
                    return None, True
                value = None
            if value is not None:
                return parse_amount(value), True
        if v == "" or v is None:
            return None, False
        if isinstance(v, str):
            if v.strip().lower() in _NIL:
                return None, False
            amount = parse_amount(v)
            if record:
                code = "amount-as-text" if amount is not None else "amount-invalid"
                self.notes.append(Note(code, r + 1, c + 1, "pagu", gid, no, v))
            return amount, True
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            amount = parse_amount(v)
            if amount is None and record:  # beyond any budget (amounts.MAX_AMOUNT)
                self.notes.append(Note("amount-invalid", r + 1, c + 1, "pagu", gid, no, to_text(v)))
            return amount, True
        if record:
            self.notes.append(Note("amount-invalid", r + 1, c + 1, "pagu", gid, no, to_text(v)))
        return None, True

    # -- notes about merges -----------------------------------------------------

    def _is_header_cell(self, r, c, role) -> bool:
        """Whether (r, c) is a header cell of a header repeated at a page break."""
        if r not in self._header_like:  # such a row names the Kegiatan column
            k = self.grid.value(r, self.cols["kegiatan"])
            self._header_like[r] = (isinstance(k, str) and len(k) <= _HEADER_MAX_CHARS
                                    and (_KEGIATAN_HINT is None or bool(_KEGIATAN_HINT.search(k)))
                                    and bool(_KEGIATAN_WORDS.fullmatch(layout.normalize_header(k))))
        if not self._header_like[r]:
            return False
        v = self.grid.value(r, c)
        if not isinstance(v, str) or len(v) > _HEADER_MAX_CHARS:
            return False
        found = _role_of(v)
        return found == role or (found == "target" and role.startswith("target"))

    def _gap(self, r, role, goal):
        """Note a blank, unmerged cell of a column that the sheet merges elsewhere."""
        if role in self.merged_roles:
            c = self.cols[role]
            arr = self.cover.get(c)
            if arr is not None and arr[r - self.h.data_start] is not None:
                return  # inside a (blank) merge: not a gap
            self.notes.append(Note("merged-cell-gap", r + 1, c + 1, role, goal["goal"], goal["no"]))

    def _merge_notes(self):
        role_of_col = {c: role for role, c in self.cols.items()}
        start, goal_at = self.h.data_start, self.goal_at
        n, goal_roles = self.n, set(layout.GOAL_ROLES)
        for r1, c1, r2, c2 in self.table_merges:
            if r2 == r1:
                continue
            if c1 == c2:
                role = role_of_col.get(c1)
            else:
                role = next((role_of_col[c] for c in range(c1, c2 + 1) if c in role_of_col), None)
            if role is None or role in goal_roles:
                continue
            lo, hi = max(r1 - start, 0), min(r2 - start, n - 1)
            if hi < lo:
                continue
            first, end = goal_at[lo], goal_at[hi]  # goal numbers only grow down the sheet
            if first is None or end is None:
                seg = [x for x in goal_at[lo:hi + 1] if x is not None]
                if not seg:
                    continue
                first, end = seg[0], seg[-1]
            if first != end:
                no = self.goals[first - 1]["no"]
                self.notes.append(Note("merge-crosses-goal", r1 + 1, c1 + 1, role, first, no,
                                       range=Range(r1 + 1, c1 + 1, r2 + 1, c2 + 1)))


#: A cell that is a number or a numbering (``1``, ``1.``, ``IV``, ``(3)``), never a label.
_NUMBERISH = re.compile(r"\(?[\divxlcIVXLC]+[.)]?")


class _Joined:
    """The texts of one column (str or None) in one string, each preceded by a NUL,
    to search them all at once (patterns may start with a NUL to anchor at a text's
    start, and must not match across a NUL otherwise)."""

    __slots__ = ("text", "_pieces", "_ends")

    def __init__(self, texts: list):
        self._pieces = [t or "" for t in texts]
        self.text = "\x00" + "\x00".join(self._pieces)
        self._ends = None

    def rows(self, *patterns: re.Pattern) -> set:
        """Indexes of the texts in which one of the patterns matches (a match of a
        lone NUL names the text after it)."""
        if all(p.search(self.text) is None for p in patterns):
            return set()
        if self._ends is None:  # text i lies before _ends[i]
            self._ends = list(itertools.accumulate([len(p) + 1 for p in self._pieces]))
        return {bisect.bisect_right(self._ends, m.end() - 1) for p in patterns for m in p.finditer(self.text)}


def _percent_text(v: float) -> str:
    pct = round(v * 100, 6)
    return f"{int(pct)}%" if float(pct).is_integer() else f"{pct:g}%"

