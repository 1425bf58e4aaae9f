"""The workbooks the comparison tests write: one numbered file per feature.

Each builder writes, with rakxl, a small workbook cut from the real sample; its
reference ``xlsx_files/<name>.xlsx`` is that same workbook opened and saved by
LibreOffice (``python -m tests.comparison.make_files``). ``PARTS`` says which parts
of the two files a feature is judged on.
"""
from __future__ import annotations

import datetime

import pandas as pd

import rakxl
from rakxl.model import Meta, Rak
from tests.conftest import SAMPLE


def text_column(values):
    """A text column as the reader makes them: object dtype, str or None."""
    return pd.Series(values, dtype=object)


def subset(rak: Rak, goals, **columns) -> Rak:
    """The sample restricted to some goals (a small real fixture), built from its frames
    as a user would; ``columns`` replace (or add, as extra columns) activity columns."""
    keep = lambda f: f[f["goal"].isin(goals)].reset_index(drop=True)  # noqa: E731
    activities = keep(rak.activities)
    for name, values in columns.items():
        activities[name] = text_column(values)
    return Rak.from_frames(None, rak.sheet, rak.meta, activities=activities, budgets=keep(rak.budgets),
                           goals=keep(rak.goals), indicators=keep(rak.indicators))


def _sample():
    return rakxl.read_rak(SAMPLE)


def header_merge01(path):
    """Title rows, the two-row header with the quarter group, the number row."""
    rakxl.write_rak(subset(_sample(), [1, 2]), path)


def merge_range01(path):
    """Vertical merges: goal, two indicators, two budget lines, two Pelaksana."""
    rakxl.write_rak(subset(_sample(), [3, 4, 5]), path)


def text01(path):
    """Text that looks like a formula or a number stays text."""
    small = subset(_sample(), [1, 2],
                   kegiatan=['=HYPERLINK("http://example.com","klik")', "- Rapat koordinasi", "+62 812 3456",
                             "@admin"],
                   tw1=["=1+1", "0012", "1e5", None])
    rakxl.write_rak(small, path)


def total01(path):
    """The whole sample: the JUMLAH row's =SUM with its cached total, every Pagu."""
    rakxl.write_rak(_sample(), path)


def print01(path):
    """A4 landscape, scale, margins, footer, page breaks between goals, print titles."""
    rakxl.write_rak(_sample(), path, paper="A4")


def print02(path):
    """F4 (as Excel's Folio)."""
    rakxl.write_rak(_sample(), path, paper="F4")


def print03(path):
    """Legal."""
    rakxl.write_rak(_sample(), path, paper="Legal")


def marks01(path):
    """The diff's marks: fills and comments on a cell and on a merged range."""
    marks = {(0, 0, "kegiatan"): ("changed", "dulu: Evaluasi"), (0, 1, "pagu"): ("changed", "dulu: 1"),
             (0, 2, "sasaran"): ("added", "baru"), (0, 3, "tw2"): ("added", "baru")}
    rakxl.write_rak(subset(_sample(), [1, 2]), path, marks=marks)


def sheets01(path):
    """Two sheets whose names must be made valid and unique."""
    one, two = subset(_sample(), [1]), subset(_sample(), [2])
    one.sheet = "RAK Bagian [Umum]: Tahun 2021/2022 dan seterusnya"
    two.sheet = "RAK Bagian [Umum]: Tahun 2021/2022 dan seterusnya"
    rakxl.write_rak([one, two], path)


def extra01(path):
    """A column the official layout does not know, kept after column (12)."""
    small = subset(_sample(), [1, 2], Keterangan=["lihat lampiran", None, "+62", None])
    small.meta = Meta(year=2022, organization="KPU KOTA SERANG", unit="SEKRETARIAT", place="Serang",
                      signed_on=datetime.date(2022, 1, 3), signatory_title="Sekretaris", signatory="BUDI",
                      nip="19800101 200501 1 001")
    rakxl.write_rak(small, path)


FEATURES = {
    "header_merge01": (header_merge01, ("cells", "merges", "styles")),
    "merge_range01": (merge_range01, ("cells", "merges")),
    "text01": (text01, ("cells", "styles")),
    "total01": (total01, ("cells", "styles")),
    "print01": (print01, ("page", "sizes")),
    "print02": (print02, ("page",)),
    "print03": (print03, ("page",)),
    "marks01": (marks01, ("comments", "styles")),
    "sheets01": (sheets01, ("sheets", "cells")),
    "extra01": (extra01, ("cells", "merges", "sizes")),
}
