"""Fill a monev workbook the way staff do, with openpyxl (no cached values)."""
import warnings

import openpyxl

import rakxl
from rakxl.monitoring import methods as M


def realisation_set(mon):
    """A generated realisation set: {cell: value} over every indicator, activity and
    budget line, covering blanks, typed zeros, under, on and over target."""
    cells = {}
    for frame in (mon.indicators, mon.activities):
        for k, rec in enumerate(frame.to_dict("records")):
            target = M.parse_target(rec["target"])
            scale = rec["method"].split("skala ")[-1] if "skala" in rec["method"] else None
            for q in range(1, 5):
                pick = (k + q) % 6
                if scale:
                    grades = M.SCALES[scale]
                    value = None if pick in (0, 3) else grades[(k + q) % len(grades)]
                elif target is None:
                    value = None if pick % 2 else 1
                else:
                    base = target.hi if target.hi else 1
                    value = [None, 0, round(base * 0.37, 2), base, round(base * 1.3, 2), 1][pick]
                if value is not None:
                    cells[(rec["sheet"], rec[f"cell_realisasi_tw{q}"])] = value
    for k, rec in enumerate(mon.budgets.to_dict("records")):
        for q in range(1, 5):
            pick = (k + q) % 4
            value = [None, 0, int(rec["pagu"] * 0.2), int(rec["pagu"] * 0.45)][pick]
            if value is not None:
                cells[(rec["sheet"], rec[f"cell_realisasi_tw{q}"])] = value
    return cells


def fill(src, out, cells, unmerge=()):
    """Write ``cells`` ({(sheet, A1): value}) into a copy of ``src`` with openpyxl."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(src)
    for rng in unmerge:
        sheet, ref = rng
        book[sheet].unmerge_cells(ref)
    for (sheet, ref), value in cells.items():
        book[sheet][ref] = value
    book.save(out)
    return out


def blank_monitoring(path):
    return rakxl.read_monitoring(path)
