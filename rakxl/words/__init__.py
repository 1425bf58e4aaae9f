"""The catalogue's data, by section (see :mod:`rakxl.i18n`, which merges and renders them).

``general`` (show, outputs, command line, click), ``monitoring`` (monev, capaian, rekap),
``diff`` (table contract, diff), ``findings`` (the checker's texts), ``errors`` (the
one-line refusals of :class:`rakxl.RakError`).
"""
