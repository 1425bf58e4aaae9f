"""Printing the official layout: paper, margins, the header rows on every page, the
print scale that makes the table one page wide, and page breaks between goals.

Excel ignores manual page breaks when "fit to N pages" is on, so instead of that
setting the writer computes the print scale that makes the table exactly one page
wide (the same result as "fit to 1 page wide") and sets it.
"""
from __future__ import annotations

import math

from .. import layout
from .blocks import runs
from .metrics import DATA_ROW, HEADER_ROW, NUMBER_ROW

#: Excel accepts at most this many manual page breaks on a sheet.
MAX_PAGE_BREAKS = 1023
#: How much wider LibreOffice draws a column than Excel (see print_scale).
LIBREOFFICE_WIDER = 1.06
#: Page margins in inches: left, right, top, bottom, header, footer.
MARGINS = (0.4, 0.4, 0.55, 0.6, 0.3, 0.3)


class PageSetup:
    """The printing half of a sheet writer (``self.ws``, ``self.cols``, ``self.paper``,
    ``self.heights``, ``self.rak``); the monev sheet shares it."""

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
        goals = [(DATA_ROW + s, DATA_ROW + e) for s, e in runs(goal_ids)]
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
