"""Quarterly monitoring (monev): the RAK as a workbook to report realisation in, and
the capaian and serapan read back from it.

Modules, one per concern:

- :mod:`~rakxl.monitoring.methods`: targets, capaian methods, the arithmetic and its
  Excel formulas, categories;
- :mod:`~rakxl.monitoring.config`: ``rakxl.toml``;
- :mod:`~rakxl.monitoring.plan`: the indicators and activities of a RAK with their methods;
- :mod:`~rakxl.monitoring.workbook`: :func:`write_monitoring`, the monev workbook;
- :mod:`~rakxl.monitoring.reader`: :func:`read_monitoring`, a filled workbook read back;
- :mod:`~rakxl.monitoring.rules`: the monitoring checks.
"""
