"""A folder of units' monev workbooks for quarter II, built the way units send them.

Each unit's plan is the rule tests' clean plan (:mod:`tests.rules.build`: four budget
lines of Rp 10.000.000, 5.000.000, 2.500.000 and 1.500.000, Rp 19.000.000 in all;
indicators ``100 %`` (nilai akhir), ``4 lap`` (kumulatif) and ``B`` (predikat scale)),
with the unit as the Pelaksana of every row. ``rakxl.write_monitoring`` makes the
monev workbook; the realisations are typed in with openpyxl (no cached values).

- ``Subbag Keuangan``: everything reported for TW I and II; also an older file of the
  same unit with TW II left blank (superseded by the newer one);
- ``Subbag SDM``: TW II partly reported (one indicator, one budget line);
- ``Subbag Umum``: only TW I reported;
- ``Subbag Hukum``: still a plain RAK (nothing reported);
- ``Subbag Perencanaan``: expected by rakxl.toml, sent nothing;
- ``kode_rekening.xlsx``: not a plan at all.
"""
from __future__ import annotations

import os

import openpyxl

import rakxl
from tests.monitoring.helpers import fill
from tests.rules.build import clean_rows, write_rak

PAGU_PER_UNIT = 19_000_000
EXPECTED_UNITS = ["Subbag Keuangan", "Subbag SDM", "Subbag Umum", "Subbag Hukum", "Subbag Perencanaan"]
CONFIG = """
[pelaksana]
"Subbag Keuangan" = ["Sub Bagian Keuangan"]

[rekap]
units = ["Subbag Keuangan", "Subbag SDM", "Subbag Umum", "Subbag Hukum", "Subbag Perencanaan"]
"""


def unit_rak(path, unit):
    rows = clean_rows()
    for i in (0, 2, 3, 4):
        rows[i][11] = unit
    return write_rak(path, rows, merges=["A8:A9", "B8:B9", "C8:C9", "D8:D9", "K8:K9", "L8:L9",
                                         "A11:A12", "B11:B12", "C11:C12", "D11:D12"])


def monev(folder, name, unit, indicators, budgets, mtime):
    """A filled monev workbook: ``indicators`` {q: [three values]}, ``budgets`` {q: [four values]}."""
    rak = unit_rak(folder / f"_{name}_rak.xlsx", unit)
    blank = folder / f"_{name}_blank.xlsx"
    rakxl.write_monitoring(rak, blank)
    mon = rakxl.read_monitoring(blank)
    cells = {}
    for q, values in indicators.items():
        for rec, v in zip(mon.indicators.to_dict("records"), values):
            if v is not None:
                cells[(rec["sheet"], rec[f"cell_realisasi_tw{q}"])] = v
    for q, values in budgets.items():
        for rec, v in zip(mon.budgets.to_dict("records"), values):
            if v is not None:
                cells[(rec["sheet"], rec[f"cell_realisasi_tw{q}"])] = v
    out = fill(blank, folder / "kiriman" / f"{name}.xlsx", cells)
    rak.unlink()
    blank.unlink()
    os.utime(out, (mtime, mtime))
    return out


def build(folder):
    """Write the units' folder under ``folder / "kiriman"`` and return it."""
    (folder / "kiriman").mkdir()
    (folder / "kiriman" / "rakxl.toml").write_text(CONFIG, encoding="utf-8")
    monev(folder, "keuangan_lama", "Subbag Keuangan", {1: [50, 1, "C"]}, {1: [2_000_000, None, None, None]},
          1_600_000_000)
    monev(folder, "keuangan", "Sub Bagian Keuangan", {1: [50, 1, "C"], 2: [90, 1, "B"]},
          {1: [2_000_000, 1_000_000, 0, 500_000], 2: [3_000_000, 1_500_000, 1_000_000, 0]}, 1_700_000_000)
    monev(folder, "sdm", "Subbag SDM", {2: [80, None, None]}, {2: [1_000_000, None, None, None]}, 1_700_000_000)
    monev(folder, "umum", "Subbag Umum", {1: [100, 1, "B"]}, {1: [4_000_000, None, None, None]}, 1_700_000_000)
    unit_rak(folder / "kiriman" / "hukum.xlsx", "Subbag Hukum")
    book = openpyxl.Workbook()
    book.active.append(["Kode", "Uraian"])
    book.active.append(["5.1.02", "Belanja Barang dan Jasa"])
    book.save(folder / "kiriman" / "kode_rekening.xlsx")
    return folder / "kiriman"
