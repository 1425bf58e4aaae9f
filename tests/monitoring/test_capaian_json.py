"""``rakxl capaian --json`` without pandas gives what the frames gave: the rows'
JSON (:func:`rakxl.report.records.json_records`) equals pandas' own
``to_json(orient="records")`` of the same frames, on real filled workbooks."""
import json
import math
import random

import pandas as pd
import pytest

import rakxl
from rakxl.monitoring import workbook as W
from rakxl.monitoring.config import Config
from rakxl.monitoring.report import to_json
from rakxl.report.records import json_records, pandas_float

from .helpers import fill, realisation_set

S = "RAK Sekretaris"


def pandas_json(frame):
    return json.loads(frame.to_json(orient="records", force_ascii=False))


@pytest.fixture(scope="module")
def readings(tmp_path_factory, sample_path):
    """Monitoring readings: blank; filled with every method, grades, text, zeros;
    with saved values that disagree; with amounts typed on the rows of a merge."""
    tmp = tmp_path_factory.mktemp("capaian_json")
    blank_path = tmp / "Monev.xlsx"
    rakxl.write_monitoring(sample_path, blank_path)
    blank = rakxl.read_monitoring(blank_path)
    cells = realisation_set(blank)
    for k, rec in enumerate(blank.activity_rows[:20]):
        cells[(S, rec["cell_kendala_tw1"])] = f"kendala {k}"
    cells[(S, blank.indicator_rows[2]["cell_realisasi_tw2"])] = "selesai"          # text: not a number
    filled = rakxl.read_monitoring(fill(blank_path, tmp / "isi.xlsx", cells, unmerge=[(S, "V14:V16")]))
    capped = tmp / "Capped.xlsx"
    rakxl.write_monitoring(sample_path, capped, config=Config(cap=100.0),
                           values=[W.Values({("indikator", 2, "ri", 1): 130, ("anggaran", 3, "ra", 1): 5_000_000})])
    return {"blank": blank, "filled": filled, "disagree": rakxl.read_monitoring(capped),
            "quarter": rakxl.read_monitoring(tmp / "isi.xlsx", quarter=2)}


@pytest.mark.parametrize("name", ["blank", "filled", "disagree", "quarter"])
def test_rows_json_equals_the_frames_json(readings, name):
    mon = readings[name]
    data = to_json(mon)
    for key in ("indicators", "activities", "budgets", "disagreements"):
        assert data[key] == pandas_json(getattr(mon, key)), key
        assert json.dumps(data[key]) == json.dumps(pandas_json(getattr(mon, key))), key   # 2.0 stays 2.0
    assert len(data["indicators"]) == 38 and len(data["budgets"]) == 29
    if name == "disagree":
        assert [d["what"] for d in data["disagreements"]] == ["ci1"]
        # one budget line reported in TW I: its column of quarters is a float column in pandas
        assert [r["tw_tahun"] for r in data["budgets"] if r["tw_tahun"] is not None] == [1.0]
        assert isinstance(data["budgets"][3]["tw_tahun"], float)
    if name == "filled":     # floats of 10 decimals (13000 / 95 and the like)
        assert any(isinstance(v, float) and v != round(v, 6) for r in data["indicators"] for v in r.values())


def test_floats_as_pandas_writes_them():
    rng = random.Random(19)
    values = [0.0, 1.0, 2.5, 1 / 3, 2 / 3, 66.66666666666667, 13684.210526315789, 5e-11, 1.5e-10, 2.5e-10, 0.99999999999,
              0.12345678905, 0.12345678915, 1e-15, 9.99e-16, 1e16, 1e17, 123456789.123456789, 3_051_446_000.0,
              -0.5, -1 / 7, -1e17, 4.000000000049999]
    values += [rng.uniform(-1e6, 1e6) for _ in range(3000)]
    values += [rng.uniform(0, 1) * 10 ** rng.randint(-16, 17) for _ in range(3000)]
    values += [round(rng.uniform(0, 200), rng.randint(0, 12)) for _ in range(3000)]
    frame = pd.DataFrame({"v": values})
    want = [r["v"] for r in pandas_json(frame)]
    got = [pandas_float(v) for v in values]
    bad = [(v, g, w) for v, g, w in zip(values, got, want) if g != w or math.copysign(1, g) != math.copysign(1, w)]
    assert not bad, bad[:5]


def test_columns_typed_as_pandas_types_them():
    rows = [{"ints": 1, "gaps": 2, "mixed": "a", "none": None, "floats": 1.5, "flags": True},
            {"ints": 3, "gaps": None, "mixed": 2.25, "none": None, "floats": 2, "flags": False},
            {"ints": 4, "gaps": 5, "mixed": None, "none": None, "floats": float("nan"), "flags": None}]
    assert json_records(rows) == pandas_json(pd.DataFrame(rows))
    assert json.dumps(json_records(rows)) == json.dumps(pandas_json(pd.DataFrame(rows)))
    assert json_records([]) == []


@pytest.mark.parametrize("name", ["blank", "filled", "disagree"])
def test_rows_table_equals_the_frames_table(readings, name):
    """``rakxl capaian -o .xlsx`` lays out the rows as it laid out the frames."""
    from rakxl.monitoring.reader import DISAGREEMENT_COLUMNS
    from rakxl.report.outputs import frame_table
    from rakxl.report.records import rows_table
    from rakxl.report.table import cell_value

    mon = readings[name]
    for key, rows in (("indicators", mon.indicator_rows), ("activities", mon.activity_rows),
                      ("budgets", mon.budget_rows), ("disagreements", mon.disagreement_rows)):
        mine = rows_table(rows, key, DISAGREEMENT_COLUMNS if key == "disagreements" else None)
        theirs = frame_table(getattr(mon, key), key)
        assert mine.columns == theirs.columns, key
        assert [[cell_value(v) for v in r] for r in mine.rows] == [[cell_value(v) for v in r] for r in theirs.rows]
    assert any(c.width == 14 for c in mine.columns) or name != "disagree"
