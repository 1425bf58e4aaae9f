"""The monev workbook: a RAK made into the workbook staff report realisation in
(:func:`write_monitoring`).

One sheet per RAK sheet (:mod:`~rakxl.monitoring.sheet`: the plan greyed and
protected, then per quarter the realisation inputs and live capaian and serapan
formulas carrying rakxl's values); a ``Petunjuk`` sheet explains every column, the
formulas and their sources; a ``Metode`` sheet (the shared table writer,
:mod:`rakxl.report`) gives the method, formula and quarter basis of every indicator
and activity; a hidden sheet ``rakxl-monev`` records where each column is, for
:func:`rakxl.read_monitoring` (:mod:`~rakxl.monitoring.guide`). Where each field
stands: :mod:`~rakxl.monitoring.fields`.
"""
from __future__ import annotations

from pathlib import Path

from .. import layout
from ..exceptions import RakFileError, RakInputError
from ..safeio import atomic_output
from ..writer import _Measure, sheet_names
from .config import DEFAULT, Config, find_config
from .fields import (INPUT_FIELDS, MAP_SHEET, METODE, PETUNJUK, QUARTER_FIELDS, TEXT_FIELDS, UNMATCHED, Values,
                     field_key, serapan)
from .guide import _methods_table, _unmatched_table, _write_map, _write_petunjuk
from .sheet import MonevSheet, _MonevFormats

__all__ = ["write_monitoring", "refuse_monev", "Values", "serapan", "field_key", "QUARTER_FIELDS", "INPUT_FIELDS",
           "TEXT_FIELDS", "MAP_SHEET", "PETUNJUK", "METODE", "UNMATCHED"]

# -- the public function ----------------------------------------------------------------

def refuse_monev(path) -> None:
    """Refuse a monev workbook where a RAK is wanted (its quarter columns are no plan).

    Raises:
        RakInputError: ``path`` is a workbook ``rakxl monev`` wrote.
    """
    from ..marker import read_mark

    mark = read_mark(path)
    if mark is not None and mark.kind == "monev":
        raise RakInputError.of("error.already_monev", path=path)


def write_monitoring(rak_or_path, out, *, config: Config | None = None, config_path=None, paper: str = "A4",
                     lang: str = "id", previous=None, values=None, unmatched=None, inputs=()) -> Path:
    """Write the monev workbook of a RAK.

    Args:
        rak_or_path: a :class:`~rakxl.model.Rak`, a list of them, or the path of a RAK
            workbook (every RAK sheet becomes a monev sheet).
        out: the .xlsx to write (temporary file renamed into place; never an input).
        config: the settings (:func:`rakxl.monitoring.config.load_config`); default:
            ``config_path``, else ``rakxl.toml`` next to the RAK, else built-in.
        paper: ``A4``, ``F4`` or ``Legal`` (landscape).
        lang: language of headers and messages (``id`` or ``en``).
        previous: an earlier monev workbook of an earlier revision of this RAK: its
            realisations, notes and evidence are carried over (see
            :mod:`rakxl.monitoring.carry`); what cannot be matched is listed in a
            sheet ``Tidak Terpetakan``.
        values: inputs to fill in, ``[Values, ...]`` one per RAK sheet (tests; carry).
        unmatched: rows for the ``Tidak Terpetakan`` sheet (with ``values`` from a carry).
        inputs: more files the output may not be.

    Returns:
        The path written.

    Raises:
        RakError: the RAK cannot be read, ``out`` is an input or cannot be written.
        ConfigError: a bad rakxl.toml.
    """
    if paper not in layout.PAPERS:
        raise ValueError(f"unknown paper {paper!r}; use one of {', '.join(layout.PAPERS)}")
    raks = _plans(rak_or_path)
    if config is None:
        config = find_config(raks[0].path, config_path) if (raks[0].path or config_path) else DEFAULT
    if str(out).lower().endswith(".xlsx") is False:
        raise RakFileError.of("error.monev_suffix", path=out)
    inputs = [r.path for r in raks if r.path] + [str(p) for p in inputs]
    unmatched = list(unmatched or [])
    if previous is not None:
        from .carry import carry_over

        carried = carry_over(previous, raks, config, lang)
        values, unmatched = carried.values, carried.unmatched
        inputs.append(str(previous))
    values = list(values) if values is not None else [Values() for _ in raks]
    with atomic_output(out, inputs) as tmp:
        _write_book(tmp, out, raks, values, unmatched, config, layout.PAPERS[paper], lang)
    return Path(out)


def _plans(rak_or_path) -> list:
    """The plans to make monev sheets of: a Rak, a list of them, or every RAK sheet of
    a workbook (a monev workbook refused); each with its budget lines placed on the
    activity rows (a budget table apart, family targets-budget, has no Pagu cells here)."""
    from ..model import Rak
    from ..writer import require_placed_budget

    if isinstance(rak_or_path, Rak):
        raks = [rak_or_path]
    elif isinstance(rak_or_path, (list, tuple)):
        raks = list(rak_or_path)
    else:
        from ..reader import read_workbook

        refuse_monev(rak_or_path)
        raks = read_workbook(rak_or_path)
    if not raks or not all(isinstance(r, Rak) for r in raks):
        raise ValueError("write_monitoring needs a Rak, a list of Rak or a workbook path")
    for rak in raks:
        require_placed_budget(rak, "error.what_monev")
    return raks


def _write_book(tmp, out, raks, values, unmatched, config: Config, paper, lang: str) -> None:
    """Write the workbook to ``tmp``: Petunjuk, Metode, (Tidak Terpetakan), the map and one
    monev sheet per plan."""
    import xlsxwriter
    from xlsxwriter.exceptions import XlsxFileError

    from ..marker import mark_xlsxwriter
    from ..report import write_table

    book = xlsxwriter.Workbook(tmp, {"default_format_properties": dict(layout.FONT), "in_memory": True})
    formats, measure = _MonevFormats(book), _Measure()
    extra = [PETUNJUK, METODE] + ([UNMATCHED] if unmatched else [])
    names = sheet_names(extra + [MAP_SHEET] + [r.sheet for r in raks])
    petunjuk_ws = book.add_worksheet(names[0])
    metode_ws = book.add_worksheet(names[1])
    unmatched_ws = book.add_worksheet(names[2]) if unmatched else None
    sheets, rows = [], []
    for rak, name, vals in zip(raks, names[len(extra) + 1:], values):
        sheet = MonevSheet(book, formats, measure, rak, name, paper, config, vals, lang, rows)
        sheet.write()
        sheets.append(sheet)
    _write_petunjuk(book, petunjuk_ws, config, lang)
    write_table(metode_ws, _methods_table(sheets, lang), lang, book)
    if unmatched_ws is not None:
        write_table(unmatched_ws, _unmatched_table(unmatched, lang), lang, book)
    _write_map(book.add_worksheet(names[len(extra)]), rows)
    sheets[0].ws.activate()
    petunjuk_ws.set_first_sheet()
    mark_xlsxwriter(book, "monev", tuple(extra) + (MAP_SHEET,))
    try:
        book.close()
    except (XlsxFileError, OSError) as exc:
        raise RakFileError.of("error.write_failed", detail=str(exc), path=out) from exc
