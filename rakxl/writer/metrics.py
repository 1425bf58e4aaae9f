"""Sizes for the official layout: the sheet rows of its fixed part, column widths in
pixels, and the lines a text wraps to (the row heights the writer must set)."""
from __future__ import annotations

from itertools import repeat

from .. import layout

#: 0-based sheet rows of the fixed part of the layout.
HEADER_ROW = len(layout.TITLE_LINES) + 1       # the two header rows: 4 and 5
NUMBER_ROW = HEADER_ROW + 2                    # (1)..(12)
DATA_ROW = NUMBER_ROW + 1                      # first activity row (Excel row 8)

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
        self._cache: dict[tuple, dict[str, int]] = {}   # (pixels, font, bold) -> {text: lines}

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
        cache = self._cache.get((pixels, font_pt, bold))
        if cache is None:
            cache = self._cache[pixels, font_pt, bold] = {}
        n = cache.get(text)
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
        cache[text] = n
        return n


def _row_height(lines: int) -> float:
    return lines * LINE_PT + ROW_PAD_PT

