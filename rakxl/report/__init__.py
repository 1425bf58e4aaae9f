"""Outputs in one place: the safe table-sheet writer, the files each command writes,
and the text renderers.

- :mod:`.table`: :class:`Table` and :func:`write_table`, the one way rakxl writes a
  table sheet (text stays text, numbers numbers, widths, header, print setup), and
  the output marker every workbook rakxl writes carries;
- :mod:`.outputs`: :func:`write_totals`, :func:`write_findings`, :func:`write_export`,
  :func:`to_json`;
- :mod:`.diff`: a revision diff's files (:func:`write_diff`, :func:`write_workbook_diff`),
  its ``Perubahan`` sheet and the marks on the new plan; :mod:`.diff_text` its lines
  on screen;
- :mod:`.text`: what the command line prints for people.
"""
from .diff import CHANGES_SHEET, changes_table, write_diff, write_workbook_diff
from .outputs import (EXPORT_TABLES, FINDING_FIELDS, findings_table, output_kind, to_json, totals_records,
                      write_export, write_findings, write_totals)
from .table import Column, Table, write_table, write_tables

__all__ = ["CHANGES_SHEET", "changes_table", "write_diff", "write_workbook_diff", "EXPORT_TABLES", "FINDING_FIELDS", "Column", "Table", "findings_table", "output_kind",
           "to_json", "totals_records", "write_export", "write_findings", "write_table", "write_tables",
           "write_totals"]
