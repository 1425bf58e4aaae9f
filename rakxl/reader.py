"""Cell grid -> :class:`~rakxl.model.Rak`.

The reader finds the header by its words (:mod:`rakxl.layout`), maps each column to
its role, then walks the rows below once. The hierarchy (goal -> indicator ->
activity) may be written three ways and all three read the same:

- merged cells: the value stands in the top-left cell of a vertical merge;
- blank continuation cells with no merges (pasted from Word or PDF);
- the same text repeated on every row.

Pagu Anggaran is never forward-filled: each Pagu cell or merged Pagu range is one
budget line, counted once, covering the rows of its merge (or, unmerged, the rows
down to the next Pagu of the same goal).

Rows that are not activities are recognised and skipped: blank rows, the column-number
row, the header repeated at a page break (a merge split by such a break continues
below it, blank or with its text repeated) and the total row (``JUMLAH``), whose
amount is kept as :attr:`Rak.stated_total`. What only a cell can tell (an amount typed
as text, a Pagu that is no amount, a formula without a saved value, a gap in a merged
column) is recorded in :attr:`Rak.notes` for the checker; no single cell makes the
sheet unreadable. The README's "Layouts rakxl reads" lists every layout tested.
"""
from __future__ import annotations

import bisect
import contextlib
import datetime as _dt
import functools
import gc
import itertools
import operator
import re
from dataclasses import dataclass, field

from . import layout
from .amounts import parse_amount
from .exceptions import RakInputError
from .formulas import FormulaError, a1, column_letters
from .i18n import say
from .model import (
    ACTIVITY_COLUMNS, BUDGET_COLUMNS, GOAL_COLUMNS, INDICATOR_COLUMNS, Meta, Note, Rak,
)
from .workbook import Grid, Workbook, to_text

#: How far down a sheet the header may start (0-based rows scanned).
HEADER_SEARCH_ROWS = 40
_NUMBER_CELL = re.compile(r"\(?\s*(\d{1,2})\s*\)?")
#: Longer texts are never header words (keeps the repeated-header test cheap).
_HEADER_MAX_CHARS = 80
#: layout.match_header, remembered: repeated headers repeat the same few texts.
_role_of = functools.lru_cache(maxsize=1024)(layout.match_header)
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
_MONTHS = {m.lower(): i + 1 for i, m in enumerate(layout.MONTHS_ID)}
_MONTHS.update({m[:3].lower(): i + 1 for i, m in enumerate(layout.MONTHS_ID)})
_MONTHS.update({"agu": 8, "agt": 8, "ags": 8, "nop": 11, "des": 12, "peb": 2, "pebruari": 2,
                "nopember": 11, "january": 1, "february": 2, "march": 3, "may": 5, "june": 6,
                "july": 7, "august": 8, "october": 10, "oct": 10, "december": 12, "dec": 12})
_DATE_WORDS = re.compile(r"(\d{1,2})\s*[- ]?\s*([A-Za-z]+)\.?\s*[- ]?\s*(\d{4})")
_DATE_NUMERIC = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})")
_DATE_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_PLACE_DATE = re.compile(r"([A-Za-z][A-Za-z .'()-]{1,40}?)\s*,\s*(.+)")
_NIP = re.compile(r"nip\.?\s*[:.]?\s*(.*)", re.I)


@dataclass
class _Header:
    row: int                      # 0-based header row
    data_start: int               # first 0-based row below the header rows
    cols: dict[str, int]          # role -> 0-based column
    extras: dict[int, str] = field(default_factory=dict)   # column -> header text


def read_rak(path, sheet: str | int | None = None, *, limits=None) -> Rak:
    """Read one RAK table.

    Args:
        path: an .xlsx, .xlsm or .xls workbook (the format is told from the bytes).
        sheet: the sheet's name or 0-based index; None for the first sheet that
            holds a RAK table.
        limits: :class:`rakxl.guard.Limits` to use instead of the defaults.

    Returns:
        The :class:`~rakxl.model.Rak` of that sheet.

    Raises:
        RakError: the file cannot be read, the sheet does not exist, or holds no
            RAK table. The message names the file and the sheet.
    """
    with _gc_paused(), Workbook(path, limits) as book:
        return _read_one(book, path, sheet)


def _read_one(book: Workbook, path, sheet) -> Rak:
    if sheet is None:
        for name in book.plan_sheets:
            rak = read_grid(book.grid(name), path)
            if rak is not None:
                return rak
        raise _no_table(book)
    if isinstance(sheet, str) and sheet not in book.sheet_names and sheet.isdigit():
        sheet = int(sheet)  # "--sheet 0" on the command line
    if isinstance(sheet, int):
        if not 0 <= sheet < len(book.sheet_names):
            raise RakInputError(f"tidak ada sheet nomor {sheet} (workbook punya {len(book.sheet_names)} sheet)",
                                path=path)
        sheet = book.sheet_names[sheet]
    if sheet not in book.sheet_names:
        raise RakInputError(f"tidak ada sheet '{sheet}'; sheet yang ada: {', '.join(book.sheet_names)}",
                            path=path)
    if sheet not in book.plan_sheets:  # a report sheet rakxl wrote (Perubahan, Temuan, Total...)
        raise RakInputError(say("report_sheet", sheet=sheet, what=book.output_mark.label()), path=path, sheet=sheet)
    rak = read_grid(book.grid(sheet), path)
    if rak is None:
        raise RakInputError("tidak ditemukan tabel RAK (baris judul kolom seperti 'Nama Kegiatan' dan "
                            "'Pagu Anggaran')", path=path, sheet=sheet)
    return rak


def read_workbook(path, *, limits=None) -> list[Rak]:
    """Read every sheet that holds a RAK table, in workbook order.

    Sheets without a RAK table (instructions, lookups, helper sheets) are skipped.

    Raises:
        RakError: the file cannot be read, or no sheet holds a RAK table (the
            message names the sheets looked at).
    """
    with _gc_paused(), Workbook(path, limits) as book:
        raks = [r for r in (read_grid(book.grid(n), path) for n in book.plan_sheets) if r is not None]
        if not raks:
            raise _no_table(book)
        return raks


#: How many sheet names the "no RAK table" message lists.
_SHEETS_NAMED = 12


def _no_table(book: Workbook) -> RakInputError:
    mark = book.output_mark
    if mark is not None and not book.plan_sheets:  # a totals or findings workbook rakxl wrote
        return RakInputError(say("report_only", what=mark.label()), path=book.path)
    shown = book.sheet_names[:_SHEETS_NAMED]
    names = ", ".join(f"'{n}'" for n in shown) or "(tidak ada)"
    if len(book.sheet_names) > len(shown):  # one line stays one readable line
        names += f" dan {len(book.sheet_names) - len(shown):,} sheet lain"
    return RakInputError(f"tidak ditemukan tabel RAK di sheet mana pun (diperiksa: {names}); tabel RAK "
                         "butuh baris judul kolom seperti 'Nama Kegiatan/Aksi' dan 'Pagu Anggaran'",
                         path=book.path)


# -- header -------------------------------------------------------------------

def find_header(grid: Grid) -> _Header | None:
    """Find the header row by its words; None when the sheet has no RAK table."""
    best = None
    last = min(grid.nrows, grid.top + HEADER_SEARCH_ROWS)
    for r in range(grid.top, last):
        roles = {}
        for c in range(grid.left, grid.ncols):
            v = grid.value(r, c)
            role = _role_of(v) if isinstance(v, str) else None
            if role:
                roles.setdefault(role, c)
        known = set(roles) - {"triwulan"}
        if "kegiatan" not in known or len(known) < 3 or not known & {"pagu", "sasaran", "indikator"}:
            continue
        if best is None or len(known) > best[0]:
            best = (len(known), r)
    if best is None:
        return None
    return _map_columns(grid, best[1])


def _map_columns(grid: Grid, r: int) -> _Header:
    sub = r + 1
    # Horizontal merges on the header row (the quarter group): the cells under them
    # are named by the row below.
    under_group = set()
    for r1, c1, r2, c2 in grid.merges:
        if r1 == r and c2 > c1 and layout.match_header(grid.value(r1, c1)) == "triwulan":
            under_group.update(range(c1, c2 + 1))
    for c in range(grid.left, grid.ncols):
        if layout.match_header(grid.value(r, c)) == "triwulan":
            under_group.add(c)
    cols: dict[str, int] = {}
    extras: dict[int, str] = {}
    targets: list[int] = []
    uses_sub = False
    for c in range(grid.left, grid.ncols):
        text = grid.value(r, c)
        role = layout.match_header(text) if isinstance(text, str) else None
        below = grid.value(sub, c)
        below_role = layout.match_header(below) if isinstance(below, str) else None
        if c in under_group:
            if below_role in layout.QUARTERS:
                role = below_role
                uses_sub = True
            else:
                m = _NUMBER_CELL.fullmatch(str(below).strip()) if below != "" else None
                if m and 1 <= int(m.group(1)) <= 4 and not str(below).strip().startswith("("):
                    role = f"tw{int(m.group(1))}"
                    uses_sub = True
        elif role is None and (text == "" or text is None) and below_role not in (None, "triwulan"):
            role = below_role
            uses_sub = True
        if role == "target":
            targets.append(c)
            continue
        if role in layout.COLUMN_BY_ROLE and role not in cols:
            cols[role] = c
        elif role != "triwulan" and text not in ("", None):
            extras[c] = " ".join(str(text).split())
    for c in targets:
        kegiatan = cols.get("kegiatan")
        role = "target_indikator" if kegiatan is None or c < kegiatan else "target_kegiatan"
        if role in cols:
            role = "target_kegiatan" if role == "target_indikator" else "target_indikator"
        if role in cols:
            extras[c] = " ".join(str(grid.value(r, c)).split())
        else:
            cols[role] = c
    data_start = r + 2 if uses_sub else r + 1
    # Header cells merged down over a second header row.
    for r1, c1, r2, c2 in grid.merges:
        if r1 == r and c1 in cols.values() and r2 >= data_start:
            data_start = r2 + 1
    return _Header(row=r, data_start=data_start, cols=cols, extras=extras)


# -- table body ---------------------------------------------------------------

class _Walk:
    """State of one pass over the table rows."""

    def __init__(self, grid: Grid, header: _Header, path):
        self.grid = grid
        self.h = header
        self.path = path
        self.cols = header.cols
        self.notes: list[Note] = []
        # ((goal, no, sasaran), (indikator, target_indikator), pelaksana, budget_line, row - data_start)
        # of each activity row while walking; then {column: values} (run)
        self.activities: list | dict = []
        self.budgets: list[dict] = []
        self.goals: list[dict] = []
        self.indicators: list[dict] = []
        self.stated_total = None
        self.stated_total_cell = None
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
                            "pagu": amount, "pelaksana": pelaksana, "cell": a1(r, pagu_c),
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
            self.stated_total_cell = a1(r, pagu_c)
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
        cell = a1(r, c)
        no = goal["no"] if goal else None
        gid = goal["goal"] if goal else None
        err = g.error(r, c)
        if err:
            if record:
                self.notes.append(Note("amount-invalid", cell, r + 1, "pagu", gid, no, err))
            return None, True
        formula = g.formula(r, c) if (v == "" or v == 0) else None
        if formula is not None and (formula[1] is None or formula[1] == "" or v == 0):
            try:
                value = g.evaluate(r, c)
            except (FormulaError, RecursionError):
                if formula[1] is None or formula[1] == "":
                    if record:  # the formula alone: the finding's message says the rest, id or en
                        self.notes.append(Note("formula-no-cache", cell, r + 1, "pagu", gid, no,
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
                self.notes.append(Note(code, cell, r + 1, "pagu", gid, no, v))
            return amount, True
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            amount = parse_amount(v)
            if amount is None and record:  # beyond any budget (amounts.MAX_AMOUNT)
                self.notes.append(Note("amount-invalid", cell, r + 1, "pagu", gid, no, to_text(v)))
            return amount, True
        if record:
            self.notes.append(Note("amount-invalid", cell, r + 1, "pagu", gid, no, to_text(v)))
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
            self.notes.append(Note("merged-cell-gap", a1(r, c), r + 1, role, goal["goal"], goal["no"]))

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
                ref = f"{a1(r1, c1)}:{a1(r2, c2)}"
                self.notes.append(Note("merge-crosses-goal", a1(r1, c1), r1 + 1, role, first, no, ref))


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


# -- meta ---------------------------------------------------------------------

def parse_date(value) -> _dt.date | None:
    """A date written the ways offices write it: ``28 Januari 2021``, ``28-01-2021``,
    ``28/1/2021``, ``2021-01-28``, ``28 Jan. 2021``, or a real date cell."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        m = _DATE_WORDS.fullmatch(text)
        if m:
            month = _MONTHS.get(m.group(2).lower())
            if month:
                return _dt.date(int(m.group(3)), month, int(m.group(1)))
            return None
        m = _DATE_NUMERIC.fullmatch(text)
        if m:
            return _dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        m = _DATE_ISO.fullmatch(text)
        if m:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return None


def _texts(grid: Grid, r1: int, r2: int):
    """(row, col, value) of the non-empty cells in rows r1..r2-1, row by row."""
    for r in range(max(r1, grid.top), min(r2, grid.nrows)):
        for c in range(grid.left, grid.ncols):
            v = grid.value(r, c)
            if v == "" or v is None:
                continue
            yield r, c, v


def read_meta(grid: Grid, header: _Header, end_row: int) -> Meta:
    """Title lines above the header and the signature block below the table."""
    meta = Meta()
    lines = [(r, c, to_text(v)) for r, c, v in _texts(grid, 0, header.row) if to_text(v)]
    title_at = None
    for i, (r, c, text) in enumerate(lines):
        m = layout.TITLE_PATTERN.search(text)
        if m:
            meta.year = int(m.group(2))
            meta.cells["year"] = a1(r, c)
            title_at = i
            break
    rest = lines[title_at + 1:] if title_at is not None else lines
    rest = [x for x in rest if not re.fullmatch(r"(tahun\s*)?(19|20)\d\d", x[2], re.I)]
    if rest:
        meta.organization = rest[0][2]
        meta.cells["organization"] = a1(rest[0][0], rest[0][1])
    if len(rest) > 1:
        meta.unit = rest[1][2]
        meta.cells["unit"] = a1(rest[1][0], rest[1][1])

    below = [(r, c, v) for r, c, v in _texts(grid, end_row, grid.nrows)]
    sig_start = None
    for i, (r, c, v) in enumerate(below):
        text = to_text(v) if not isinstance(v, (_dt.date, _dt.datetime)) else None
        if text:
            m = _PLACE_DATE.fullmatch(text)
            if m and parse_date(m.group(2)):
                meta.place = m.group(1).strip()
                meta.signed_on = parse_date(m.group(2))
                meta.cells["place"] = meta.cells["signed_on"] = a1(r, c)
                sig_start = i
                break
        elif isinstance(v, (_dt.date, _dt.datetime)):
            meta.signed_on = parse_date(v)
            meta.cells["signed_on"] = a1(r, c)
            if i > 0 and isinstance(below[i - 1][2], str):
                meta.place = below[i - 1][2].strip().rstrip(",").strip()
                meta.cells["place"] = a1(below[i - 1][0], below[i - 1][1])
            sig_start = i
            break
    block = below[sig_start + 1:] if sig_start is not None else below
    texts = [(r, c, to_text(v)) for r, c, v in block if to_text(v)]
    nip_at = None
    for i, (r, c, t) in enumerate(texts):
        m = _NIP.fullmatch(t)
        if m:
            meta.nip = m.group(1).strip() or None
            meta.cells["nip"] = a1(r, c)
            nip_at = i
            break
    named = texts[:nip_at] if nip_at is not None else texts
    if named:
        r, c, t = named[-1]
        meta.signatory = t
        meta.cells["signatory"] = a1(r, c)
    if len(named) > 1:
        r, c, t = named[-2]
        meta.signatory_title = t.rstrip(",").strip()
        meta.cells["signatory_title"] = a1(r, c)
    return meta


# -- assembly -----------------------------------------------------------------

def read_grid(grid: Grid, path=None) -> Rak | None:
    """The RAK table of one sheet, or None when the sheet holds none."""
    header = find_header(grid)
    if header is None:
        return None
    with _gc_paused():
        walk = _Walk(grid, header, path)
        walk.run()
        meta = read_meta(grid, header, walk.end_row)
        return _assemble(grid, header, walk, meta, path)


@contextlib.contextmanager
def _gc_paused():
    """Pause Python's cycle collector while a workbook is read.

    The reader makes hundreds of thousands of small lists, tuples and dicts and no
    reference cycles; each automatic collection would walk the whole grid (millions
    of cells) again for nothing: a quarter of the reader's time at 100,000 rows.
    Memory is still freed as usual (reference counting); the collector's previous
    state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _assemble(grid, header, walk: _Walk, meta: Meta, path) -> Rak:
    import numpy as np
    import pandas as pd

    extras = list(dict.fromkeys(header.extras.values()))
    pagu_by_goal: dict[int, int] = {}
    lines_by_goal: dict[int, int] = {}
    for b in walk.budgets:
        pagu_by_goal[b["goal"]] = pagu_by_goal.get(b["goal"], 0) + b["pagu"]
        lines_by_goal[b["goal"]] = lines_by_goal.get(b["goal"], 0) + 1
    for gl in walk.goals:
        gl["pagu"] = pagu_by_goal.get(gl["goal"], 0)
        gl["budget_lines"] = lines_by_goal.get(gl["goal"], 0)

    # Text columns are object columns holding str or None, whatever the pandas version.
    activities = pd.DataFrame(walk.activities, columns=list(ACTIVITY_COLUMNS) + extras, dtype=object)
    budgets = pd.DataFrame(walk.budgets, columns=list(BUDGET_COLUMNS), dtype=object)
    goals = pd.DataFrame(walk.goals, columns=list(GOAL_COLUMNS), dtype=object)
    indicators = pd.DataFrame(walk.indicators, columns=list(INDICATOR_COLUMNS), dtype=object)
    # dtype objects, not names: a name is looked up among every registered dtype (slow)
    activities["budget_line"] = activities["budget_line"].astype(pd.Int64Dtype())
    int64 = np.dtype("int64")
    for frame in (activities, budgets, goals, indicators):
        for col in ("goal", "row", "first_row", "last_row", "pagu", "budget_lines", "budget_line"):
            if col in frame and not (frame is activities and col == "budget_line"):
                frame[col] = frame[col].astype(int64)
    letters = {c: column_letters(c) for c in {m[1] for m in walk.table_merges} | {m[3] for m in walk.table_merges}}
    ranges = [f"{letters[c1]}{r1 + 1}:{letters[c2]}{r2 + 1}" for r1, c1, r2, c2 in walk.table_merges]
    return Rak(
        path=None if path is None else str(path),
        sheet=grid.name,
        meta=meta,
        activities=activities,
        budgets=budgets,
        goals=goals,
        indicators=indicators,
        stated_total=walk.stated_total,
        stated_total_cell=walk.stated_total_cell,
        columns={role: column_letters(c) for role, c in header.cols.items()},
        extra_columns=extras,
        header_row=header.row + 1,
        merged=frozenset(walk.merged_roles),
        merges=ranges,
        notes=walk.notes,
    )
