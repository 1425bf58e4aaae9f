"""The limits every check holds a workbook to, and the words of a refusal."""
from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass

from ..exceptions import RakHostileError, RakInputError


MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Limits that no real RAK workbook comes near.

    A RAK sheet has tens of columns and hundreds (rarely thousands) of rows; its
    sheet XML is well under 1 MiB. The defaults leave a wide margin for other
    sheets in the same workbook while keeping the memory rakxl can be made to use
    to a few hundred MB.

    Attributes:
        max_file_bytes: size of the workbook file itself.
        max_parts: number of parts (files) in an .xlsx zip.
        max_part_bytes: declared uncompressed size of any one part.
        max_total_bytes: declared uncompressed size of all parts together.
        max_ratio: compression ratio of any part larger than ``ratio_from_bytes``.
        ratio_from_bytes: parts smaller than this are not held to ``max_ratio``.
        max_rows: last row a cell with a value may sit in (Excel's own limit).
        max_cols: last column a cell with a value may sit in (Excel's own: XFD).
        max_cells: rows x columns of the box from A1 to a sheet's last value;
            the reader allocates that box.
        max_merges: merged ranges in one sheet.
        max_merged_cells: cells covered by a sheet's merged ranges together,
            each range cut to the cells the sheet holds (the reader walks them).
        max_xml_bytes: inflated size of all the XML parts handed to the parser
            together (parts x their size), checked from the zip directory before
            anything is inflated.
        max_exact_elements: XML elements, all parts together, read one by one
            by the exact pass (parts written in a way the pattern path does not
            read: namespace prefixes, cells without ``r``...); about 0.4 s per
            million.
        max_shared_text_bytes: text the shared strings expand to, each string's
            length times the cells that use it (the parser copies it per cell).
        max_formula_cells: cells read while evaluating the formulas saved without
            a value, the whole workbook together.
        max_seconds: time one file may take in a batch (:func:`rakxl.read_many`);
            a file taking longer is listed as unreadable.
    """

    max_file_bytes: int = 100 * MiB
    max_parts: int = 10_000
    max_part_bytes: int = 64 * MiB
    max_total_bytes: int = 256 * MiB
    max_ratio: float = 100.0
    ratio_from_bytes: int = 1 * MiB
    max_rows: int = 1_048_576
    max_cols: int = 16_384
    max_cells: int = 4_000_000
    max_merges: int = 200_000
    max_merged_cells: int = 5_000_000
    max_xml_bytes: int = 160 * MiB
    max_exact_elements: int = 6_000_000
    max_shared_text_bytes: int = 160 * MiB
    max_formula_cells: int = 500_000
    max_seconds: float = 120.0

    @classmethod
    def from_env(cls, base: "Limits | None" = None, environ=None) -> "Limits":
        """``base`` (the defaults) with the values set in ``$RAKXL_LIMITS``.

        The variable holds ``name=value`` pairs separated by spaces, commas or
        semicolons, e.g. ``max_cells=10000000 max_part_bytes=200000000``.

        Raises:
            RakInputError: an unknown name or a value that is not a number.
        """
        base = base or cls()
        text = (os.environ if environ is None else environ).get("RAKXL_LIMITS", "").strip()
        if not text:
            return base
        known = {f.name: f.type for f in dataclasses.fields(cls)}
        changes = {}
        for pair in filter(None, re.split(r"[\s,;]+", text)):
            name, _, value = pair.partition("=")
            name = name.strip().lower()
            if name not in known:
                raise RakInputError.of("error.limit_unknown", name=name, names=", ".join(known))
            try:
                changes[name] = float(value) if name in _FLOAT_LIMITS else int(value.replace("_", ""))
            except ValueError:
                raise RakInputError.of("error.limit_value", name=name, value=value) from None
        return dataclasses.replace(base, **changes)


_FLOAT_LIMITS = {"max_ratio", "max_seconds"}

#: The limits used when none are given (see also :func:`default_limits`).
DEFAULT_LIMITS = Limits()


def default_limits() -> Limits:
    """:data:`DEFAULT_LIMITS` with the changes asked for in ``$RAKXL_LIMITS``."""
    return Limits.from_env(DEFAULT_LIMITS)


def _hostile(key: str, path, sheet=None, **params) -> RakHostileError:
    """The refusal of a file built to harm its reader: ``key`` is one of the catalogue's
    ``hostile.*`` refusals, with its ``params``."""
    from ..i18n import Said

    return RakHostileError.of("error.hostile", path=path, sheet=sheet, reason=Said(key, **params))
