"""rakxl's own outputs, known by a mark: a custom document property on every workbook
rakxl writes.

Every .xlsx that rakxl writes carries two custom document properties (File >
Info > Properties > Advanced > Custom in Excel):

- ``rakxl-output``: what wrote it: ``format`` (the official layout), ``diff``
  (``rakxl diff -o X.xlsx``: a ``Perubahan`` sheet, then the new plan),
  ``totals`` (``rakxl totals -o X.xlsx``), ``findings`` (``rakxl check -o
  X.xlsx``), ``annotate`` (``rakxl check --annotate``: the checked workbook with
  a ``Temuan`` sheet) or ``export`` (``rakxl export -o X.xlsx``: a plan's tables);
- ``rakxl-report-sheets``: the sheets rakxl added that are reports, not plans
  (``Perubahan``, ``Temuan``, ``Total``...), joined by ``/`` (a character no sheet
  name may hold).

Every reading path asks :func:`read_mark` (or :attr:`rakxl.workbook.Workbook.output_mark`):
the reader never takes a report sheet for a RAK table, ``rakxl totals`` skips the
outputs listed in :data:`NOT_COUNTED` (their plans would be counted twice), and
``rakxl show`` on a totals or findings workbook says what it is.

Helpers: :func:`mark_xlsxwriter` and :func:`mark_openpyxl` put the mark on a
workbook being written.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import NamedTuple

#: The custom document property that says a workbook is a rakxl output, and which.
PROPERTY = "rakxl-output"
#: The custom document property naming the report sheets, joined by :data:`SEPARATOR`.
SHEETS_PROPERTY = "rakxl-report-sheets"
#: The custom document property holding the version of rakxl that wrote the file.
VERSION_PROPERTY = "rakxl-version"
SEPARATOR = "/"
#: The kinds of output rakxl writes.
KINDS = ("format", "diff", "totals", "findings", "annotate", "monev", "capaian", "export", "rekap")
#: Outputs whose sheets hold no plan at all (reports only).
REPORT_ONLY = ("totals", "findings", "capaian", "export", "rekap")
#: Outputs ``rakxl totals`` never counts: reports, and copies of a plan that is
#: counted from its own file (a diff's new plan, an annotated copy).
NOT_COUNTED = ("totals", "findings", "diff", "annotate", "monev", "capaian", "export", "rekap")
#: The part where Excel, openpyxl and xlsxwriter keep custom properties.
CUSTOM_PART = "docProps/custom.xml"
#: A custom-properties part larger than this is not read for the mark (rakxl writes
#: a few hundred bytes).
_MAX_CUSTOM_BYTES = 1 << 20

#: What each kind is, for messages (Indonesian, English).
KIND_LABEL = {
    "format": ("RAK berformat resmi dari 'rakxl format'", "an official-layout RAK from 'rakxl format'"),
    "diff": ("hasil 'rakxl diff' (sheet Perubahan dan RAK baru)",
             "a 'rakxl diff' output (Perubahan sheet and the new plan)"),
    "totals": ("rekap Pagu dari 'rakxl totals'", "a budget summary from 'rakxl totals'"),
    "findings": ("daftar temuan dari 'rakxl check -o'", "a findings list from 'rakxl check -o'"),
    "annotate": ("salinan beranotasi dari 'rakxl check --annotate'",
                 "an annotated copy from 'rakxl check --annotate'"),
    "monev": ("workbook monitoring dari 'rakxl monev'", "a monitoring workbook from 'rakxl monev'"),
    "capaian": ("laporan capaian dari 'rakxl capaian'", "a capaian report from 'rakxl capaian'"),
    "export": ("tabel ekspor dari 'rakxl export'", "exported tables from 'rakxl export'"),
    "rekap": ("rekap monev triwulan dari 'rakxl rekap'", "a quarterly roll-up from 'rakxl rekap'"),
}


class OutputMark(NamedTuple):
    """The mark read from a workbook rakxl wrote (a named tuple: every read imports
    this module, and a named tuple is defined in a quarter of a frozen dataclass's time).

    Attributes:
        kind: one of :data:`KINDS` (or a kind a later rakxl wrote).
        report_sheets: the sheets that are reports, never RAK tables.
        version: the rakxl version that wrote it, or None.
    """

    kind: str
    report_sheets: tuple[str, ...] = ()
    version: str | None = None

    @property
    def report_only(self) -> bool:
        """Whether the workbook holds no plan (a totals or findings workbook)."""
        return self.kind in REPORT_ONLY

    @property
    def counted(self) -> bool:
        """Whether ``rakxl totals`` counts the plans in it."""
        return self.kind not in NOT_COUNTED

    def label(self, lang: str = "id") -> str:
        pair = KIND_LABEL.get(self.kind, (f"keluaran rakxl ({self.kind})", f"a rakxl output ({self.kind})"))
        from .i18n import pick

        return pick(pair, lang)


def _properties(kind: str, report_sheets) -> dict[str, str]:
    from . import __version__

    if kind not in KINDS:
        raise ValueError(f"unknown rakxl output kind {kind!r}; use one of {', '.join(KINDS)}")
    return {PROPERTY: kind, SHEETS_PROPERTY: SEPARATOR.join(report_sheets), VERSION_PROPERTY: __version__}


def mark_xlsxwriter(book, kind: str, report_sheets=()) -> None:
    """Mark an xlsxwriter ``Workbook`` (before it is closed) as a rakxl output."""
    for name, value in _properties(kind, report_sheets).items():
        book.set_custom_property(name, value, "text")


def mark_openpyxl(book, kind: str, report_sheets=()) -> None:
    """Mark an openpyxl ``Workbook`` (before it is saved) as a rakxl output.

    A workbook that already carries a mark (an annotated copy of a diff output)
    keeps its report sheets besides ``report_sheets``.
    """
    from openpyxl.packaging.custom import StringProperty

    props = book.custom_doc_props
    old = {p.name: p for p in props.props}
    earlier = tuple(s for s in str(getattr(old.get(SHEETS_PROPERTY), "value", "") or "").split(SEPARATOR) if s)
    sheets = tuple(dict.fromkeys(earlier + tuple(report_sheets)))
    for name, value in _properties(kind, sheets).items():
        if name in old:
            props.props.remove(old[name])
        props.append(StringProperty(name=name, value=value))


def parse_custom(xml: bytes) -> OutputMark | None:
    """The mark in the bytes of a ``docProps/custom.xml`` part, or None.

    Parsed with defusedxml (no DTD, no entities); a damaged part is no mark.
    """
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(xml)
    except (ElementTree.ParseError, DefusedXmlException, ValueError, LookupError):
        return None
    found = {}
    for prop in root:
        name = prop.get("name")
        if name in (PROPERTY, SHEETS_PROPERTY, VERSION_PROPERTY):
            found[name] = "".join(child.text or "" for child in prop)
    kind = (found.get(PROPERTY) or "").strip()
    if not kind:
        return None
    sheets = tuple(s for s in found.get(SHEETS_PROPERTY, "").split(SEPARATOR) if s)
    return OutputMark(kind, sheets, found.get(VERSION_PROPERTY) or None)


def mark_in_zip(zf: zipfile.ZipFile) -> OutputMark | None:
    """The mark of an open .xlsx zip, or None (no custom part, or an odd one)."""
    try:
        info = zf.getinfo(CUSTOM_PART)
    except KeyError:
        return None
    if info.file_size > _MAX_CUSTOM_BYTES or info.flag_bits & 0x1:
        return None
    try:
        with zf.open(info) as fh:
            data = fh.read(_MAX_CUSTOM_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError):
        return None
    if len(data) > _MAX_CUSTOM_BYTES:
        return None
    return parse_custom(data)


def read_mark(path) -> OutputMark | None:
    """The mark of the workbook at ``path``, or None when rakxl did not write it.

    Cheap (the zip directory and one small part) and never raises for a bad file:
    whatever cannot be read has no mark, and the reader reports the damage.
    Legacy .xls files carry no mark (rakxl writes .xlsx only).
    """
    from . import guard

    path = Path(path)
    try:
        with guard.open_input(path, guard.DEFAULT_LIMITS) as fh:  # a regular file (never a FIFO), size checked
            if fh.read(4) != b"PK\x03\x04":
                return None
            size = os.fstat(fh.fileno()).st_size
            if guard.zip_entry_count(fh, size) > guard.DEFAULT_LIMITS.max_parts:
                return None
            fh.seek(0)
            with zipfile.ZipFile(fh) as zf:
                return mark_in_zip(zf)
    except guard.RakInputError:
        return None
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError):
        return None
    except Exception:  # noqa: BLE001 - struct.error and the like from a damaged zip: no mark
        return None


def is_rakxl_output(path) -> str | None:
    """The kind of rakxl output the workbook at ``path`` is (``"diff"``,
    ``"totals"``...), or None when rakxl did not write it."""
    mark = read_mark(path)
    return mark.kind if mark is not None else None
