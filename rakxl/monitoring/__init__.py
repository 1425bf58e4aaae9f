"""Quarterly monitoring (monev): the RAK as a workbook to report realisation in, and
the capaian and serapan read back from it.

Modules, one per concern:

- :mod:`~rakxl.monitoring.targets`: targets and grades read as numbers;
- :mod:`~rakxl.monitoring.methods`: capaian methods, the arithmetic and its Excel
  formulas, categories;
- :mod:`~rakxl.monitoring.config`: ``rakxl.toml``;
- :mod:`~rakxl.monitoring.plan`: the indicators and activities of a RAK with their methods;
- :mod:`~rakxl.monitoring.fields`: where each field of a quarter block stands, the
  inputs to put in a workbook, serapan;
- :mod:`~rakxl.monitoring.sheet`: one monev sheet; :mod:`~rakxl.monitoring.guide`:
  the Petunjuk, Metode and map sheets;
- :mod:`~rakxl.monitoring.workbook`: :func:`write_monitoring`, the monev workbook;
- :mod:`~rakxl.monitoring.reader`: :func:`read_monitoring`, a filled workbook read
  back (plain rows; frames on demand);
- :mod:`~rakxl.monitoring.carry`: ``--from``, what an earlier workbook reported;
- :mod:`~rakxl.monitoring.rules`: the monitoring checks;
- :mod:`~rakxl.monitoring.report`: ``rakxl capaian``'s text, JSON and files.
"""
