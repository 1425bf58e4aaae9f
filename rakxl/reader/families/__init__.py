"""Family stage: which RAK family a sheet is written in, and the reading of the
families other than the KPU layout (:data:`rakxl.layout.FAMILIES`).

The family is told from the header words only (never from the file name), and only
by words the KPU layout never uses, so that no KPU sheet reads differently:

- ``workplan``: a ``Program Kerja`` column and a total column (``Jumlah (Rp.)``); goals
  are rows of their own across the table. A unit cost (``Biaya``) beside ``Vol`` with
  no total column is refused: it is no budget.
- ``targets-budget``: Kinerja Utama / Indikator / quarter targets and no activity or
  budget column, then a second table (``No | Program/Kegiatan | Pagu Anggaran``) below.
- ``pemda``: a Program/Kegiatan column left of a ``Rencana Aksi`` column, and a budget
  column: the KPU walk reads it with the columns mapped the Pemda way.
- ``monthly``: the KPU header with twelve month columns and no quarter columns: the
  KPU walk reads it, and each quarter is derived from its months.

:func:`read_family` is the stage's one entry: a :class:`~rakxl.model.Rak` when the
sheet is written in one of these families, None for the KPU path. The modules, in
the order a sheet meets them:

- :mod:`.choose`: the header row's words choose the family and map its columns;
  the refusals a header alone decides (a unit cost with no total, two tables side by side);
- :mod:`.kpu_walk`: ``pemda`` and ``monthly``, read by the KPU stages over the
  family's columns; quarters derived from months (:func:`quarter_of`);
- :mod:`.workplan`: the work plan's own walk (goal rows across the table, goal subtotals);
- :mod:`.targets`: the targets table, then the budget table below it and the links
  of its lines to goals;
- :mod:`.common`: what the families' own walks share (cell texts, merges, amounts,
  notes) and their assembly into the model.

Every word they look for is in :mod:`rakxl.layout` (``FAMILIES``, ``BUDGET_TABLE_*``,
the month and quarter synonyms).
"""
from .choose import read_family
from .kpu_walk import MARKS, quarter_of

__all__ = ["MARKS", "quarter_of", "read_family"]
