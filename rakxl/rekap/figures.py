"""What a roll-up found (:class:`Rollup`) and its figures: per unit, per goal, for the
organisation, by quarter (plain rows; a frame only on request)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..text import fold_spaces

if TYPE_CHECKING:
    import pandas as pd

    from .files import Skipped, UnitFile

QUARTERS = (1, 2, 3, 4)
#: Status of a file or unit for the quarter.
REPORTED, PARTLY, NOT_REPORTED, NO_FILE = "lapor", "sebagian", "belum", "tidak_ada_file"
#: Gap signals (capaian minus serapan, in percentage points, beyond ``Config.gap``).
SPENDING_AHEAD, ACHIEVEMENT_AHEAD = "serapan_jauh_di_atas_capaian", "capaian_jauh_di_atas_serapan"


@dataclass
class Rollup:
    """What :func:`rollup` found. Frames are built on request (see each property).

    Attributes:
        quarter: the quarter rolled up (1-4).
        files: the files counted, one per unit (the newest when a unit sent two).
        superseded: ``(unit, older file, newer file)`` for each unit that sent two.
        missing: units ``rakxl.toml`` expects that sent no file.
        failures: files that could not be read, with the reason.
        skipped: rakxl's own reports found in the folders (not counted).
        config: the settings used (:class:`rakxl.monitoring.config.Config`).
    """

    quarter: int
    files: list[UnitFile]
    superseded: list[tuple[str, str, str]]
    missing: list[str]
    failures: list[Skipped]
    skipped: list[Skipped]
    config: object

    # -- who reported ----------------------------------------------------------------
    def units_with(self, status: str) -> list[str]:
        """The units whose file has ``status`` for the quarter (:data:`NOT_REPORTED`...)."""
        if status == NO_FILE:
            return list(self.missing)
        return [f.unit for f in self.files if f.status(self.quarter) == status]

    @property
    def complete(self) -> bool:
        """Whether every unit reported the quarter in full and no file failed."""
        return not (self.missing or self.failures
                    or any(f.status(self.quarter) != REPORTED for f in self.files))

    def completeness_rows(self) -> list[dict]:
        """One dict per file counted, per unit without a file and per superseded file."""
        rows = []
        for f in self.files:
            ind, n_ind, lines, n_lines = f.counts(self.quarter)
            rows.append({"unit": f.unit, "file": f.path, "status": f.status(self.quarter), "kind": f.kind,
                         "indikator_lapor": ind, "indikator": n_ind, "pagu_lapor": lines, "baris_pagu": n_lines,
                         "menggantikan": [old for unit, old, new in self.superseded if new == f.path]})
        for unit in self.missing:
            rows.append({"unit": unit, "file": None, "status": NO_FILE, "kind": None, "indikator_lapor": 0,
                         "indikator": 0, "pagu_lapor": 0, "baris_pagu": 0, "menggantikan": []})
        return rows

    # -- figures ---------------------------------------------------------------------
    def unit_rows(self) -> list[dict]:
        """The figures of each unit, then the organisation's (``unit`` None), in file order."""
        rows = [_figures(f.unit, [f], self.quarter, self.config) for f in self.files]
        rows.append(_figures(None, self.files, self.quarter, self.config))
        return rows

    def goal_rows(self) -> list[dict]:
        """The figures of each goal of the organisation (goals of every unit with the same
        Sasaran text together), in order of first appearance."""
        groups: dict[str, list] = {}
        names: dict[str, str] = {}
        for f in self.files:
            for rec in f.indicators + f.budgets:
                key = fold_spaces(rec["sasaran"])
                groups.setdefault(key, [[], []])
                names.setdefault(key, rec["sasaran"])
            for rec in f.indicators:
                groups[fold_spaces(rec["sasaran"])][0].append(rec)
            for rec in f.budgets:
                groups[fold_spaces(rec["sasaran"])][1].append(rec)
        out = []
        for key, (indicators, budgets) in groups.items():
            row = _money(budgets, self.quarter)
            row.update(_capaian(indicators, self.config))
            row["sasaran"] = names[key]
            row["unit"] = sorted({f.unit for f in self.files for rec in f.indicators + f.budgets
                                  if fold_spaces(rec["sasaran"]) == key})
            out.append(row)
        return out

    def annual_rows(self) -> list[dict]:
        """The LKjIP chapter III table: per goal, its indicators with target, realisation
        of the year so far (up to the quarter), capaian and category."""
        rows = []
        for f in self.files:
            for rec in f.indicators:
                rows.append({"sasaran": rec["sasaran"], "indikator": rec["indikator"], "target": rec["target"],
                             "realisasi": rec["realisasi_tahun"], "capaian": rec["capaian_tahun"],
                             "kategori": rec["kategori_tahun"], "unit": f.unit, "file": f.path, "cell": rec["cell"]})
        order = {}
        for row in rows:
            order.setdefault(fold_spaces(row["sasaran"]), len(order))
        return sorted(rows, key=lambda r: order[fold_spaces(r["sasaran"])])

    def quarter_rows(self) -> list[dict]:
        """The organisation's spending by quarter against the plan (Pagu): per quarter the
        spending reported, the cumulative spending and the Pagu of the budget lines."""
        pagu = sum(b["pagu"] or 0 for f in self.files for b in f.budgets)
        out, cum = [], 0.0
        for q in QUARTERS:
            spent = math.fsum(_number(b["spent"][q - 1]) for f in self.files for b in f.budgets
                              if _number(b["spent"][q - 1]) is not None) if q <= self.quarter else None
            cum = cum + spent if spent is not None else cum
            out.append({"tw": q, "realisasi": spent, "kumulatif": cum if q <= self.quarter else None,
                        "pagu": pagu, "rencana_linier": pagu * q / 4})
        return out

    def below_target(self, unit: str) -> list[dict]:
        """The indicators of ``unit`` whose capaian for the quarter is under 100 %."""
        return [rec for f in self.files if f.unit == unit for rec in f.indicators
                if rec["capaian"] is not None and rec["capaian"] < 100]

    # -- frames (pandas imported here only) ---------------------------------------------
    def frame(self, which: str) -> "pd.DataFrame":
        """One of the tables as a DataFrame: ``completeness``, ``units``, ``goals``,
        ``annual`` or ``quarters``."""
        import pandas as pd

        rows = {"completeness": self.completeness_rows, "units": self.unit_rows, "goals": self.goal_rows,
                "annual": self.annual_rows, "quarters": self.quarter_rows}[which]()
        return pd.DataFrame(rows)


def _number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return float(value)


def _spent_so_far(spent, tw: int) -> float | None:
    """Spending of the quarters up to ``tw`` (None when none of them is reported)."""
    values = [_number(v) for v in spent[:tw]]
    values = [v for v in values if v is not None]
    return math.fsum(values) if values else None


def _money(budgets: list[dict], tw: int) -> dict:
    pagu = sum(b["pagu"] or 0 for b in budgets)
    spent = [_spent_so_far(b["spent"], tw) for b in budgets]
    real = math.fsum(s for s in spent if s is not None) if any(s is not None for s in spent) else None
    return {"pagu": pagu, "realisasi": real,
            "serapan": real / pagu * 100 if real is not None and pagu else None,
            "baris_pagu": len(budgets), "pagu_lapor": sum(1 for b in budgets if b["spent"][tw - 1] is not None)}


def _capaian(indicators: list[dict], config) -> dict:
    values = [(rec["capaian"], rec) for rec in indicators if rec["capaian"] is not None]
    out = {"indikator": len(indicators), "indikator_lapor": sum(1 for r in indicators if r["realisasi"] is not None),
           "capaian_rata": math.fsum(v for v, _ in values) / len(values) if values else None,
           "capaian_terendah": None, "indikator_terendah": None}
    if values:
        low, rec = min(values, key=lambda x: x[0])
        out["capaian_terendah"], out["indikator_terendah"] = low, rec["indikator"]
    counts = {name: 0 for _, name in config.thresholds}
    for rec in indicators:
        if rec["kategori"] is not None:
            counts[rec["kategori"]] = counts.get(rec["kategori"], 0) + 1
    out["kategori"] = counts
    return out


def _figures(unit, files: list[UnitFile], tw: int, config) -> dict:
    budgets = [b for f in files for b in f.budgets]
    indicators = [i for f in files for i in f.indicators]
    row = {"unit": unit, "status": files[0].status(tw) if unit is not None and files else None,
           "file": files[0].path if unit is not None and files else None}
    row.update(_money(budgets, tw))
    row.update(_capaian(indicators, config))
    gap = None
    if row["capaian_rata"] is not None and row["serapan"] is not None:
        gap = row["capaian_rata"] - row["serapan"]
    row["selisih"] = gap
    row["sinyal"] = (None if gap is None or abs(gap) < config_gap(config)
                     else ACHIEVEMENT_AHEAD if gap > 0 else SPENDING_AHEAD)
    return row


def config_gap(config) -> float:
    """The gap (percentage points) between capaian and serapan worth a signal."""
    return float(getattr(config, "gap", None) or DEFAULT_GAP)


#: Default of ``[rekap] selisih`` in rakxl.toml.
DEFAULT_GAP = 25.0


