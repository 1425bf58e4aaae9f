"""Safety checks run on a workbook before any parser sees it.

Workbooks arrive by e-mail and flash drive and are read unattended, so rakxl
checks a file before python-calamine (which aborts the whole process on some
files: an abort cannot be caught) or any XML parser reads it, and makes sure the
parser reads exactly the bytes that were checked (no differential by
construction):

- :func:`open_input` refuses what is not a regular file (FIFO, device, socket)
  before opening it, and a file over ``max_file_bytes`` before reading it;
- :func:`load_xlsx` reads the zip directory once (zip bombs: parts, declared sizes,
  ratios, duplicates, encryption), inflates every part the parser may read within
  its budget, parses each as XML (any DTD refused) whatever its first bytes, and
  scans each part's cells as calamine places them (:func:`scan_part`: a pattern
  path for plainly written sheets, :func:`scan_exact` for every other spelling,
  which also yields the side information: formulas, saved values, errors, percent
  formats). The parser is then given :meth:`XlsxPackage.zip_bytes`, a new zip of
  exactly those parts;
- :func:`load_xls` reads an .xls container once (encryption from its directory)
  and walks the BIFF records as calamine walks them (each sheet from its
  BOUNDSHEET offset), in the bytes calamine is then given.

Budgets bound everything that grows faster than the file: shared strings' text x
uses, elements read by the exact pass, XML bytes, cells read by formulas (the
workbook layer), time per file in a batch (:func:`rakxl.read_many`). Once calamine
has read a sheet, :func:`clip_merges` cuts its merged ranges to the cells it holds
and bounds the cells they cover together.

The limits are named constants in :class:`Limits`. To raise them pass your own
``Limits`` to :func:`rakxl.read_rak` (``limits=Limits(max_cells=10_000_000)``), or
set the environment variable ``RAKXL_LIMITS`` (``"max_cells=10000000
max_part_bytes=200000000"``), which the command line honours too.

One concern per module (ARCHITECTURE.md lists them); this package gives the
names callers use (``guard.load_xlsx``, ``guard.Limits``, ...).
"""
from __future__ import annotations

from ..exceptions import RakHostileError, RakInputError
from .calamine import clip_merges, is_calamine_panic
from .exact import scan_exact, shift_formula
from .extent import SheetExtent, SideInfo
from .fastside import fast_side_info
from .files import open_input
from .limits import DEFAULT_LIMITS, MiB, Limits, default_limits
from .ole import ole_container
from .patterns import _at_most, _scan_claimed  # for tests/test_fast_paths.py
from .scan import PartScan, scan_part, side_info
from .xls import check_xls, load_xls, walk_biff
from .xlsx import XlsxPackage, check_xlsx, load_xlsx
from .zipdir import read_part, zip_entry_count

__all__ = [
    "DEFAULT_LIMITS", "Limits", "MiB", "PartScan", "RakHostileError", "RakInputError", "SheetExtent", "SideInfo",
    "XlsxPackage", "check_xls", "check_xlsx", "clip_merges", "default_limits", "fast_side_info",
    "is_calamine_panic", "load_xls", "load_xlsx", "ole_container", "open_input", "read_part", "scan_exact",
    "scan_part", "shift_formula", "side_info", "walk_biff", "zip_entry_count",
]

