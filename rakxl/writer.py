"""Rak -> the official RAK workbook, formatted and ready to print and sign.

Everything about the layout (column titles, widths, kinds, styles, title lines, the
quarter group title, the number format, paper sizes) comes from :mod:`rakxl.layout`;
this module only decides where each value goes.

One sheet per :class:`~rakxl.model.Rak`::

    row 1-3   title lines, merged over the table's width
    row 5-6   the header; "Pelaksanaan Kegiatan Triwulan" merged over I-IV
    row 7     the column numbers (1)..(12)
    row 8..   one row per activity; No/Sasaran merged over the goal, Indikator/Target
              over the indicator, Pagu over each budget line, Pelaksana over each run
              of the same Pelaksana within a goal (never a one-cell merge, never a
              merge across two goals)
    JUMLAH    the total row: a live =SUM(...) over Pagu with its value cached
    then      the signature block at the bottom right

Printing: landscape on the chosen paper, header rows repeated on every page, panes
frozen below the header, "Halaman N dari M" in the footer. To keep the rows of a
goal together the writer puts a manual page break before a goal that would straddle
two pages. Excel ignores manual page breaks when "fit to N pages" is on, so instead
of that setting the writer computes the print scale that makes the table exactly one
page wide (the same result as "fit to 1 page wide") and sets it.
"""
from __future__ import annotations

import math
import re
from itertools import repeat
from dataclasses import dataclass
from pathlib import Path

from . import layout
from .exceptions import RakFileError, RakInputError
from .a1 import a1, column_letters
from .marker import mark_xlsxwriter
from .model import Rak
from .safeio import atomic_output

#: 0-based sheet rows of the fixed part of the layout.
HEADER_ROW = len(layout.TITLE_LINES) + 1       # the two header rows: 4 and 5
NUMBER_ROW = HEADER_ROW + 2                    # (1)..(12)
DATA_ROW = NUMBER_ROW + 1                      # first activity row (Excel row 8)

MARK_KINDS = tuple(layout.MARK_COLORS)
#: Excel accepts at most this many manual page breaks on a sheet.
MAX_PAGE_BREAKS = 1023
#: How much wider LibreOffice draws a column than Excel (see print_scale).
LIBREOFFICE_WIDER = 1.06
#: Page margins in inches: left, right, top, bottom, header, footer.
MARGINS = (0.4, 0.4, 0.55, 0.6, 0.3, 0.3)

# -- text measuring -------------------------------------------------------------
# Row heights must be set by the writer: Excel and LibreOffice do not grow a row that
# a file gives a height to, and xlsxwriter gives every written row one. The widths
# below are the advance widths of Arial/Helvetica (1/1000 em, the public Helvetica
# AFM metrics; Liberation Sans has the same), enough to wrap text as the programs do.
_ADVANCE = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    (278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
     556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
     1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
     667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
     333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
     556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584),
))
_WIDE = 600          # any other character (accented letters, symbols)
_WIDEST = 1015       # "@", the widest character above
#: Safety margin on measured text (other renderers, bold runs): wrap a little early.
_SLACK = 1.05
_BOLD = 1.1
#: Points per line of 10 pt Arial, and the padding of a row.
LINE_PT = 12.75
ROW_PAD_PT = 3.0


def _column_pixels(width: float) -> int:
    """Excel's (and xlsxwriter's) pixel width of a column ``width`` characters wide."""
    return int(width * 7 + 0.5) + 5 if width >= 1 else int(width * 12 + 0.5)


class _Measure:
    """Counts the lines a text wraps to in a cell; caches word widths."""

    def __init__(self):
        self._words: dict[str, int] = {}
        self._cache: dict[tuple, int] = {}

    def _word(self, word: str) -> int:
        w = self._words.get(word)
        if w is None:
            w = sum(map(_ADVANCE.get, word, repeat(_WIDE)))
            self._words[word] = w
        return w

    def lines(self, text: str, pixels: int, font_pt: float = 10, bold: bool = False) -> int:
        # available width in 1/1000 em of the font
        avail = max(1.0, (pixels - 7) / (font_pt * 96 / 72) * 1000 / (_SLACK * (_BOLD if bold else 1)))
        if len(text) * _WIDEST <= avail and "\n" not in text:
            return 1        # short enough whatever its letters
        key = (text, pixels, font_pt, bold)
        n = self._cache.get(key)
        if n is not None:
            return n
        space = _ADVANCE[" "]
        n = 0
        for para in str(text).split("\n"):
            n += 1
            used = 0.0
            for word in para.split(" "):
                if not word:
                    continue
                w = self._word(word)
                if used and used + space + w <= avail:
                    used += space + w
                    continue
                if used:
                    n += 1
                # a word longer than the cell breaks between characters
                extra, used = divmod(w, avail)
                n += int(extra)
                if used == 0 and extra:
                    n -= 1
                    used = avail
        self._cache[key] = n
        return n


def _row_height(lines: int) -> float:
    return lines * LINE_PT + ROW_PAD_PT


# -- the public function ------------------------------------------------------------

def require_placed_budget(rak: Rak, what: str = "tata letak resmi KPU") -> None:
    """The KPU layout (and the monev workbook built on it) writes each budget line beside
    the activities it pays for; a family that keeps its lines in a table apart
    (``targets-budget``) cannot be written so without dropping them (a JUMLAH the lines
    would not add up to, a Pagu with no cell for its realisation): refused.

    Raises:
        RakInputError: naming the family and how many lines stand apart.
    """
    placed = {a.budget_line for a in rak.plan.activities}
    apart = [b.budget_line for b in rak.plan.budget_lines if b.budget_line not in placed]
    if apart:
        raise RakInputError(
            f"bentuk tabel {rak.family}: {len(apart)} baris Pagu berdiri di tabel anggaran tersendiri, bukan di "
            f"baris kegiatan; {what} belum dapat menuliskannya tanpa kehilangan Pagu",
            path=rak.path, sheet=rak.sheet)


def write_rak(rak_or_list, path, *, paper: str = "A4", marks=None, extra_sheets=None,
              kind: str = "format") -> Path:
    """Write one or more RAK tables as the official, print-ready workbook.

    Args:
        rak_or_list: a :class:`~rakxl.model.Rak` or a list of them; each becomes one
            sheet, named after ``rak.sheet`` (made a valid, unique Excel name of at
            most 31 characters).
        path: the .xlsx file to write. It is written to a temporary file first and
            renamed into place, so an interrupted run leaves no half-written file.
            It may not be the file any of the Raks was read from.
        paper: ``"A4"``, ``"F4"`` or ``"Legal"`` (see :data:`rakxl.layout.PAPERS`;
            F4 is printed as Excel's Folio 8.5 x 13 in, which is 215.9 x 330.2 mm).
        marks: cells to highlight, as ``{(rak_index, row_index, role): (kind,
            comment)}``: ``rak_index`` is the Rak's position in the list,
            ``row_index`` the positional index of the row in ``rak.activities``,
            ``role`` a column role (``"kegiatan"``, ``"tw1"``, ``"pagu"``,
            ``"sasaran"``...) or an extra column's name, ``kind`` ``"added"`` (green
            fill) or ``"changed"`` (yellow fill). The cell, or the merged range that
            holds that role for that row, gets the fill and a comment with the text.
            Where several marks fall on one merged range their comments are joined
            and "changed" wins over "added".
        extra_sheets: sheets to put before the RAK sheets, as ``{name: fill}``;
            ``fill(book, worksheet)`` writes the xlsxwriter worksheet (``rakxl diff -o``
            puts its ``Perubahan`` sheet first this way). RAK sheet names keep clear
            of these names.
        kind: the rakxl output this workbook is (:data:`rakxl.marker.KINDS`),
            recorded in its mark with the ``extra_sheets`` as report sheets
            (``rakxl diff -o`` writes ``"diff"``). A ``"format"`` workbook is
            refused when it would drop what the author wrote
            (:func:`rakxl.report.outputs.refuse_lost_text`).

    Returns:
        The path written.

    Raises:
        ValueError: an unknown paper, or a mark that names no Rak, row, column or kind.
        RakFileError: the path is a folder, an input, or cannot be written.
    """
    raks = [rak_or_list] if isinstance(rak_or_list, Rak) else list(rak_or_list)
    if not raks or not all(isinstance(r, Rak) for r in raks):
        raise ValueError("write_rak needs a Rak or a non-empty list of Rak")
    if paper not in layout.PAPERS:
        raise ValueError(f"unknown paper {paper!r}; use one of {', '.join(layout.PAPERS)}")
    for rak in raks:
        require_placed_budget(rak)
    if kind == "format":  # the official layout never drops what the author wrote (issue 15)
        from .report.outputs import refuse_lost_text

        refuse_lost_text(raks)
    grouped = _group_marks(marks, raks)

    import xlsxwriter
    from xlsxwriter.exceptions import XlsxFileError

    inputs = [r.path for r in raks if r.path]
    with atomic_output(path, inputs) as tmp:
        # Text is written as text, whatever it looks like (merge_range writes its value
        # through write(), which would otherwise make "=..." a formula and "http://..." a link).
        book = xlsxwriter.Workbook(tmp, {"default_format_properties": dict(layout.FONT), "in_memory": True,
                                         "strings_to_formulas": False, "strings_to_urls": False})
        formats = _Formats(book)
        measure = _Measure()
        extra = list(extra_sheets or {})
        names = sheet_names(extra + [r.sheet for r in raks])
        for name, fill in zip(names, (extra_sheets or {}).values()):
            fill(book, book.add_worksheet(name))
        mark_xlsxwriter(book, kind, names[:len(extra)])
        for i, (rak, name) in enumerate(zip(raks, names[len(extra):])):
            _SheetWriter(book, formats, measure, rak, name, layout.PAPERS[paper], grouped.get(i, {})).write()
        try:
            book.close()
        except (XlsxFileError, OSError) as exc:
            raise RakFileError(f"tidak dapat menulis workbook: {exc}", path=path) from exc
    return Path(path)


def _group_marks(marks, raks) -> dict[int, dict[tuple[int, str], tuple[str, str]]]:
    """Check the marks and group them by Rak: ``{rak_index: {(row, role): (kind, comment)}}``."""
    out: dict[int, dict] = {}
    for key, value in (marks or {}).items():
        try:
            i, pos, role = key
            kind, comment = value
        except (TypeError, ValueError):
            raise ValueError(f"mark {key!r}: {value!r}: expected (rak, row, role): (kind, comment)") from None
        if kind not in MARK_KINDS:
            raise ValueError(f"mark {key!r}: kind must be one of {', '.join(MARK_KINDS)}, not {kind!r}")
        if not isinstance(i, int) or not 0 <= i < len(raks):
            raise ValueError(f"mark {key!r}: there is no Rak number {i!r} (have {len(raks)})")
        rak = raks[i]
        n = len(rak.plan.activities)
        if not isinstance(pos, int) or not 0 <= pos < n:
            raise ValueError(f"mark {key!r}: Rak {i} has no row {pos!r} (has {n})")
        if role not in layout.COLUMN_BY_ROLE and role not in rak.extra_columns:
            raise ValueError(f"mark {key!r}: unknown column {role!r}")
        out.setdefault(i, {})[(pos, role)] = (kind, "" if comment is None else str(comment))
    return out


_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def sheet_names(names) -> list[str]:
    """Valid, unique Excel sheet names for ``names``, in order.

    Characters Excel refuses (``[ ] : * ? / \\``) become ``_``, leading and trailing
    apostrophes go, names are cut to 31 characters, and a name already taken
    (case-insensitively) gets `` (2)``, `` (3)``... within the 31 characters.
    """
    out, seen = [], set()
    for name in names:
        base = _BAD_SHEET_CHARS.sub("_", str(name or "")).strip().strip("'").strip()[:31].strip() or "RAK"
        if base.lower() == "history":  # reserved by Excel
            base = "RAK History"
        cand, k = base, 2
        while cand.lower() in seen:
            suffix = f" ({k})"
            cand = base[:31 - len(suffix)].rstrip() + suffix
            k += 1
        seen.add(cand.lower())
        out.append(cand)
    return out


# -- formats ------------------------------------------------------------------------

class _Formats:
    """xlsxwriter formats from :data:`rakxl.layout.STYLES`, with mark fills, made once."""

    def __init__(self, book):
        self.book = book
        self.cache: dict[tuple, object] = {}

    def get(self, style: str, mark: str | None = None):
        key = (style, mark)
        fmt = self.cache.get(key)
        if fmt is None:
            props = {**layout.FONT, **layout.STYLES[style]}
            if mark:
                props["bg_color"] = layout.MARK_COLORS[mark]
            fmt = self.cache[key] = self.book.add_format(props)
        return fmt


# -- one sheet ----------------------------------------------------------------------

@dataclass
class _Col:
    role: str        # layout role, or the extra column's header text
    title: str
    width: float
    kind: str        # text, center or amount (the STYLES key)
    pixels: int


@dataclass(slots=True)
class _Block:
    """The cell (first == last) or vertical merge that holds one value of a column."""

    first: int       # positional index of the first activity row
    last: int
    value: object    # str, int or None


def _values(rak: Rak, role: str) -> list:
    """The texts of one column of the activities (a role or an extra column), None where blank."""
    acts = rak.plan.activities
    if role in _ACTIVITY_FIELDS:
        out = [getattr(a, role) for a in acts]
    elif role in rak.extra_columns:
        k = list(dict.fromkeys(rak.extra_columns)).index(role)
        out = [a.extras[k] if k < len(a.extras) else None for a in acts]
    else:
        return [None] * len(acts)
    return [v if v is None or isinstance(v, str) else str(v) for v in out]


_ACTIVITY_FIELDS = frozenset(layout.ROLES) - {"pagu"}


def _runs(keys) -> list[tuple[int, int]]:
    """(first, last) of each run of equal consecutive keys."""
    out, start = [], 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            out.append((start, i - 1))
            start = i
    return out


class _SheetWriter:
    def __init__(self, book, formats: _Formats, measure: _Measure, rak: Rak, name: str, paper, marks):
        self.book = book
        self.fmt = formats
        self.measure = measure
        self.rak = rak
        self.ws = book.add_worksheet(name)
        self.paper = paper
        self.marks = marks
        self.cols = [_Col(c.role, c.title, c.width, c.kind, _column_pixels(c.width)) for c in layout.COLUMNS]
        for extra in rak.extra_columns:
            w = layout.EXTRA_COLUMN_WIDTH
            self.cols.append(_Col(extra, extra, w, "text", _column_pixels(w)))
        self.index = {c.role: i for i, c in enumerate(self.cols)}
        self.n = len(rak.plan.activities)
        self.heights: dict[int, float] = {}      # 0-based sheet row -> points

    # -- plan: which value goes in which cell or merge --------------------------

    def blocks(self) -> dict[str, list[_Block]]:
        acts = self.rak.plan.activities
        v = {role: _values(self.rak, role) for role in self.index if role != "pagu"}
        goal = [a.goal for a in acts]
        line = [a.budget_line for a in acts]
        blocks: dict[str, list[_Block]] = {}

        goals = _runs(goal)
        goal_start = set(s for s, _ in goals)
        for role in layout.GOAL_ROLES:
            blocks[role] = self._merged(goals, v[role])
        ind_runs = _runs(list(zip(goal, v["indikator"], v["target_indikator"])))
        for role in layout.INDICATOR_ROLES:
            blocks[role] = self._merged(ind_runs, v[role])
        ind_start = set(s for s, _ in ind_runs)

        # Pagu: one block per run of the same budget line within a goal.
        pagu_of = {b.budget_line: b.pagu for b in self.rak.plan.budget_lines}
        placed = set()
        pagu_blocks = []
        line_start = set()
        for s, e in _runs(list(zip(goal, line))):
            b = line[s]
            if b is None or b in placed or b not in pagu_of:
                pagu_blocks.extend(_Block(i, i, None) for i in range(s, e + 1))
                continue
            placed.add(b)
            line_start.add(s)
            pagu_blocks.append(_Block(s, e, pagu_of[b]))
        blocks["pagu"] = pagu_blocks

        # Pelaksana: runs of the same value within a goal; a run also restarts on a row
        # that has nothing else of its own, so that the row reads back as a row.
        own_roles = layout.ACTIVITY_ROLES
        starts = goal_start | ind_start | line_start
        n_own = len(own_roles)
        anchor, keys = 0, []
        for i, (g, pel, own) in enumerate(zip(goal, v["pelaksana"], zip(*(v[r] for r in own_roles)))):
            if own.count(None) == n_own and i not in starts:  # a bare row
                anchor += 1
            keys.append((g, pel, anchor))
        blocks["pelaksana"] = self._merged(_runs(keys), v["pelaksana"])

        # One cell per row: kept as the plain list of values (10,000 rows make 60,000
        # cells here; write_body writes them without building a block for each).
        for role in layout.ACTIVITY_ROLES + tuple(self.rak.extra_columns):
            blocks[role] = v[role]
        return blocks

    @staticmethod
    def _merged(runs, values) -> list[_Block]:
        out = []
        for s, e in runs:
            value = values[s]
            if value is None and e > s:
                out.extend(_Block(i, i, None) for i in range(s, e + 1))
            else:
                out.append(_Block(s, e, value))
        return out

    # -- writing -----------------------------------------------------------------

    def write(self):
        ws = self.ws
        ncols = len(self.cols)
        for c, col in enumerate(self.cols):
            ws.set_column(c, c, col.width)
        self.write_title(ncols)
        self.write_header()
        blocks = self.blocks()
        total = self.write_body(blocks)
        total_row = DATA_ROW + self.n
        self.write_total(total_row, total)
        end = self.write_signature(total_row + 2)
        for r, h in self.heights.items():
            ws.set_row(r, h)
        self.print_setup(total_row, end)

    def write_title(self, ncols):
        meta = self.rak.meta
        fields = {"year": meta.year or "", "organization": meta.organization or "", "unit": meta.unit or ""}
        fmt = self.fmt.get("title")
        for r, line in enumerate(layout.TITLE_LINES):
            text = " ".join(line.format(**fields).split())
            self.heights[r] = 18
            if not text:
                continue
            if ncols > 1:
                self.ws.merge_range(r, 0, r, ncols - 1, "", fmt)
            self.ws.write_string(r, 0, text, fmt)
        self.heights[HEADER_ROW - 1] = LINE_PT

    def write_header(self):
        ws = self.ws
        head = self.fmt.get("header")
        quarters = [self.index[q] for q in layout.QUARTERS]
        q1, q4 = min(quarters), max(quarters)
        ws.merge_range(HEADER_ROW, q1, HEADER_ROW, q4, "", head)
        ws.write_string(HEADER_ROW, q1, layout.TRIWULAN_GROUP_TITLE, head)
        need = 0.0
        for c, col in enumerate(self.cols):
            if col.role in layout.QUARTERS:
                ws.write_string(HEADER_ROW + 1, c, col.title, head)
                continue
            ws.merge_range(HEADER_ROW, c, HEADER_ROW + 1, c, "", head)
            ws.write_string(HEADER_ROW, c, col.title, head)
            need = max(need, _row_height(self.measure.lines(col.title, col.pixels, bold=True)))
        second = _row_height(1)
        self.heights[HEADER_ROW] = max(_row_height(1), need - second)
        self.heights[HEADER_ROW + 1] = second
        num = self.fmt.get("number_row")
        for c in range(len(self.cols)):
            ws.write_string(NUMBER_ROW, c, f"({c + 1})", num)
        self.heights[NUMBER_ROW] = _row_height(1)

    def _mark_of(self, role, block: _Block):
        """(kind, comment) of the marks on this block, or (None, None)."""
        if not self.marks:
            return None, None
        hits = [self.marks[(i, role)] for i in range(block.first, block.last + 1) if (i, role) in self.marks]
        if not hits:
            return None, None
        kind = "changed" if any(k == "changed" for k, _ in hits) else "added"
        return kind, "\n".join(dict.fromkeys(c for _, c in hits if c)) or None

    def write_body(self, blocks) -> int:
        ws = self.ws
        n = self.n
        heights = [_row_height(1)] * n
        multi = []            # (block, column) of vertical merges, for heights afterwards
        total = 0
        lines = self.measure.lines
        write_blank, write_string = ws.write_blank, ws.write_string
        for c, col in enumerate(self.cols):
            plain = self.fmt.get(col.kind)
            is_amount = col.kind == "amount"
            pixels = col.pixels
            column = blocks[col.role]
            if column and not isinstance(column[0], _Block):          # one cell per row
                if not self.marks:
                    height_of = {}  # each distinct text measured once
                    for i, value in enumerate(column):
                        if value is None:
                            write_blank(DATA_ROW + i, c, None, plain)
                        else:
                            write_string(DATA_ROW + i, c, value, plain)
                            need = height_of.get(value)
                            if need is None:
                                need = height_of[value] = _row_height(lines(value, pixels))
                            if need > heights[i]:
                                heights[i] = need
                    continue
                column = [_Block(i, i, x) for i, x in enumerate(column)]
            for block in column:
                fmt, comment = plain, None
                if self.marks:
                    kind, comment = self._mark_of(col.role, block)
                    fmt = self.fmt.get(col.kind, kind)
                first, last, value = block.first, block.last, block.value
                r1 = DATA_ROW + first
                if value is None:
                    if last > first:
                        ws.merge_range(r1, c, DATA_ROW + last, c, None, fmt)
                    else:
                        write_blank(r1, c, None, fmt)
                elif is_amount and isinstance(value, (int, float)):
                    if last > first:  # the number written by the merge itself: one call
                        ws.merge_range(r1, c, DATA_ROW + last, c, value, fmt)
                    else:
                        ws.write_number(r1, c, value, fmt)
                    total += value
                else:
                    text = str(value)
                    if last > first and text:  # a string: the workbook turns no text into a formula or link
                        ws.merge_range(r1, c, DATA_ROW + last, c, text, fmt)
                    else:
                        if last > first:
                            ws.merge_range(r1, c, DATA_ROW + last, c, None, fmt)
                        write_string(r1, c, text, fmt)
                    if not is_amount:
                        need = _row_height(lines(text, pixels))
                        if last == first:
                            if need > heights[first]:
                                heights[first] = need
                        else:
                            multi.append((block, need))
                if comment is not None:
                    ws.write_comment(r1, c, comment, {"author": "rakxl", "x_scale": 2, "y_scale": 2})
        # A merge's text must fit the rows it spans: spread what is missing over them.
        multi.sort(key=lambda x: x[0].last - x[0].first)
        for block, need in multi:
            have = sum(heights[block.first:block.last + 1])
            if need > have:
                add = (need - have) / (block.last - block.first + 1)
                for i in range(block.first, block.last + 1):
                    heights[i] += add
        for i, h in enumerate(heights):
            self.heights[DATA_ROW + i] = round(h, 2)
        if n:
            last = a1(DATA_ROW + n - 1, len(self.cols) - 1)
            ws.ignore_errors({"number_stored_as_text": f"{a1(DATA_ROW, 0)}:{last}"})
        return total

    def write_total(self, r, total):
        ws = self.ws
        label = self.fmt.get("total_label")
        amount = self.fmt.get("total_amount")
        pagu_c = self.index["pagu"]
        if pagu_c > 1:
            ws.merge_range(r, 0, r, pagu_c - 1, "", label)
        ws.write_string(r, 0, layout.TOTAL_LABEL, label)
        if self.n:
            letter = column_letters(pagu_c)
            formula = f"=SUM({letter}{DATA_ROW + 1}:{letter}{DATA_ROW + self.n})"
            ws.write_formula(r, pagu_c, formula, amount, total)
        else:
            ws.write_number(r, pagu_c, 0, amount)
        for c in range(pagu_c + 1, len(self.cols)):
            ws.write_blank(r, c, None, label)
        self.heights[r] = _row_height(1) + 3

    def signature_lines(self) -> list[tuple[str | None, str]]:
        """(text or None for a blank line, style) of the signature block."""
        from .layout import format_date_id

        m = self.rak.meta
        lines = []
        dated = ", ".join(x for x in (m.place, format_date_id(m.signed_on) if m.signed_on else None) if x)
        if dated:
            lines.append((dated, "signature"))
        if m.signatory_title:
            if m.organization:
                lines.append((m.organization, "signature"))
            lines.append((f"{m.signatory_title},", "signature"))
        if m.signatory or m.nip:
            lines += [(None, "signature")] * 3
        if m.signatory:
            lines.append((m.signatory, "signature_name"))
        if m.nip:
            lines.append((layout.NIP_LINE.format(nip=m.nip), "signature"))
        return lines

    def write_signature(self, r) -> int:
        """Write the signature block from row r at the bottom right; returns the last row."""
        ncols = len(self.cols)
        c1 = max(0, ncols - 3)
        last = r - 2  # the total row when there is no block
        for text, style in self.signature_lines():
            self.heights[r] = _row_height(1)
            if text is not None:
                fmt = self.fmt.get(style)
                if ncols - 1 > c1:
                    self.ws.merge_range(r, c1, r, ncols - 1, "", fmt)
                self.ws.write_string(r, c1, text, fmt)
            last = r
            r += 1
        return last

    # -- printing ----------------------------------------------------------------

    def print_scale(self) -> int:
        """The print scale (percent) that makes the table one page wide."""
        left, right = MARGINS[0], MARGINS[1]
        page_w = self.paper.height_mm / 25.4 * 72 - (left + right) * 72     # landscape
        # Excel draws a column of n pixels n * 0.75 pt wide; LibreOffice measures the
        # same column with Liberation Sans' digit width and draws it about 6% wider.
        sheet_w = sum(c.pixels for c in self.cols) * 0.75 * LIBREOFFICE_WIDER
        return max(10, min(100, math.floor(page_w / sheet_w * 100 * 0.99)))

    def page_breaks(self, scale, total_row, end) -> list[int]:
        """Manual page breaks: before a goal that would straddle two pages (when it
        fits on one), and before the last goal when the total and signature would be
        left alone on a page."""
        top, bottom = MARGINS[2], MARGINS[3]
        page_h = (self.paper.width_mm / 25.4 * 72 - (top + bottom) * 72) / (scale / 100) - 2
        h = self.heights
        height = lambda r1, r2: sum(h.get(r, 15.0) for r in range(r1, r2 + 1))  # noqa: E731
        repeat = height(HEADER_ROW, NUMBER_ROW)
        used = height(0, NUMBER_ROW)
        breaks: list[int] = []
        goal_ids = [a.goal for a in self.rak.plan.activities]
        goals = [(DATA_ROW + s, DATA_ROW + e) for s, e in _runs(goal_ids)]
        for g1, g2 in goals:
            gh = height(g1, g2)
            if used + gh > page_h and used > repeat + 1 and repeat + gh <= page_h:
                breaks.append(g1)
                used = repeat
            for r in range(g1, g2 + 1):
                if used + h.get(r, 15.0) > page_h:
                    used = repeat
                used += h.get(r, 15.0)
        tail = height(total_row, end)
        if goals and used + tail > page_h:
            g1, g2 = goals[-1]
            if repeat + height(g1, g2) + tail <= page_h and used - height(g1, g2) > repeat + 1:
                if g1 not in breaks:
                    breaks.append(g1)
            else:
                breaks.append(total_row + 1)
        return sorted(breaks)[:MAX_PAGE_BREAKS]

    def page_setup(self):
        """Paper, landscape, margins, page footer and the header rows on every page
        (shared with the monev sheet)."""
        ws = self.ws
        ws.set_landscape()
        ws.set_paper(self.paper.code)
        left, right, top, bottom, header, footer = MARGINS
        ws.set_margins(left=left, right=right, top=top, bottom=bottom)
        ws.set_footer(layout.PAGE_FOOTER, {"margin": footer})
        ws.repeat_rows(HEADER_ROW, NUMBER_ROW)

    def print_setup(self, total_row, end):
        ws = self.ws
        self.page_setup()
        ws.freeze_panes(DATA_ROW, 0)
        ws.print_area(0, 0, end, len(self.cols) - 1)
        ws.center_horizontally()
        scale = self.print_scale()
        ws.set_print_scale(scale)
        breaks = self.page_breaks(scale, total_row, end)
        if breaks:
            ws.set_h_pagebreaks(breaks)
