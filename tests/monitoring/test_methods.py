"""Capaian arithmetic against hand computations (expected values worked out by hand)."""
import math

import pytest

from rakxl.monitoring import methods as m
from rakxl.monitoring.methods import Method, compute, parse_target, year_so_far

NAIK_AKHIR = Method("nilai_akhir", "naik")
NAIK_KUM = Method("kumulatif", "naik")
TURUN_KUM = Method("kumulatif", "turun")


@pytest.mark.parametrize("text, kind, lo, hi", [
    ("100 %", "percent", 100, 100), ("97.5 %", "percent", 97.5, 97.5), ("97,5%", "percent", 97.5, 97.5),
    ("80-90 %", "percent", 80, 90), ("4 lap", "count", 4, 4), ("12 dokumen", "count", 12, 12),
    ("8 Kali", "count", 8, 8), ("1.000 eksemplar", "count", 1000, 1000), ("WTP", "grade", 4, 4),
    ("B", "grade", 4, 4), ("BB", "grade", 5, 5), ("AA", "grade", 7, 7), ("Opini WTP", "grade", 4, 4),
])
def test_targets_read(text, kind, lo, hi):
    t = parse_target(text)
    assert (t.kind, t.lo, t.hi) == (kind, lo, hi)


@pytest.mark.parametrize("text", [None, "", "√", "-", "Maret 2021", "lihat lampiran"])
def test_no_numeric_target(text):
    assert parse_target(text) is None


@pytest.mark.parametrize("indicator, target, expected", [
    ("Persentase kesesuaian kompetensi", "95 %", ("nilai_akhir", "naik", None)),
    ("Jumlah laporan keuangan", "4 lap", ("kumulatif", "naik", None)),
    ("Dokumen perencanaan", "12 dokumen", ("kumulatif", "naik", None)),
    ("Revisi", "2 kali", ("kumulatif", "naik", None)),
    ("Opini BPK", "WTP", ("nilai_akhir", "naik", "opini")),
    ("Nilai SAKIP", "BB", ("nilai_akhir", "naik", "predikat")),
    ("Penurunan jumlah sengketa hukum", "3 Perkara", ("kumulatif", "turun", None)),
    ("Tingkat kesalahan data pemilih", "2 %", ("nilai_akhir", "turun", None)),
    ("Tunggakan yang berkurang", "10 %", ("nilai_akhir", "turun", None)),
])
def test_method_inferred(indicator, target, expected):
    method = m.infer_method(indicator, target)
    assert (method.aggregation, method.direction, method.scale) == expected


def value(method, target, reals, q, **kw):
    return compute(method, parse_target(target), reals, q, **kw)


def test_higher_is_better():
    assert value(NAIK_AKHIR, "100 %", [95, None, None, None], 1).value == 95.0
    assert value(NAIK_AKHIR, "95 %", [None, 76, None, None], 2).value == 80.0


def test_blank_is_not_reported_and_zero_is_zero():
    blank = value(NAIK_AKHIR, "100 %", [None, None, None, None], 1)
    assert (blank.value, blank.status) == (None, m.BLANK)
    zero = value(NAIK_AKHIR, "100 %", [0, None, None, None], 1)
    assert (zero.value, zero.status) == (0.0, m.OK)
    assert value(NAIK_AKHIR, "100 %", ["  ", None, None, None], 1).status == m.BLANK


def test_lower_is_better_floored_at_zero():
    # (2T - R) / T x 100 with T = 3: R = 1 -> 5/3 x 100; R = 7 -> below 0 -> 0
    assert math.isclose(value(TURUN_KUM, "3 perkara", [1, None, None, None], 1).value, 500 / 3)
    assert value(TURUN_KUM, "3 perkara", [3, 4, None, None], 2).value == 0.0
    assert value(TURUN_KUM, "3 perkara", [3, None, None, None], 1).value == 100.0


def test_lower_ratio_alternative():
    method = Method("nilai_akhir", "turun_rasio")
    assert value(method, "3 perkara", [2, None, None, None], 1).value == 150.0
    zero = value(method, "3 perkara", [0, None, None, None], 1)
    assert (zero.value, zero.status) == (None, m.UNDEFINED)


def test_cumulative_against_annual_target():
    reals = [2, 2, None, 3]
    assert value(NAIK_KUM, "8 Kali", reals, 1).value == 25.0
    assert value(NAIK_KUM, "8 Kali", reals, 2).value == 50.0
    assert value(NAIK_KUM, "8 Kali", reals, 3).status == m.BLANK
    assert value(NAIK_KUM, "8 Kali", reals, 4).value == 87.5
    assert value(NAIK_KUM, "8 Kali", reals, 4).basis == m.BASIS_ANNUAL


def test_cumulative_against_quarter_targets():
    annual = parse_target("4 lap")
    qt = m.quarter_targets(["1 lap", "1 lap", "1 lap", "1 lap"], annual)
    r = compute(NAIK_KUM, annual, [1, 0, 2, None], 3, qt)
    assert (r.value, r.basis, r.target) == (100.0, m.BASIS_QUARTER, 3.0)     # 3 / 3
    assert compute(NAIK_KUM, annual, [1, 0, 2, None], 2, qt).value == 50.0    # 1 / 2


def test_quarter_marks_and_other_units_are_not_targets():
    annual = parse_target("100 %")
    assert m.quarter_targets(["√", "36 Pegawai", "Maret", None], annual) == [None] * 4
    r = compute(NAIK_AKHIR, annual, [None, 90, None, None], 2, m.quarter_targets(["36 Pegawai"] * 4, annual))
    assert (r.value, r.basis) == (90.0, m.BASIS_ANNUAL)


def test_grades_on_their_scale():
    method = m.infer_method("Opini BPK", "WTP")
    assert value(method, "WTP", [None, None, None, "WDP"], 4).value == 75.0    # 3 / 4
    assert value(method, "WTP", [None, None, None, "wtp"], 4).value == 100.0
    assert value(method, "WTP", [None, None, None, "B"], 4).status == m.INVALID
    sakip = m.infer_method("Nilai SAKIP", "BB")
    assert value(sakip, "BB", ["A", None, None, None], 1).value == 120.0      # 6 / 5


def test_range_target():
    assert value(NAIK_AKHIR, "80-90 %", [85, None, None, None], 1).value == 100.0
    assert value(NAIK_AKHIR, "80-90 %", [70, None, None, None], 1).value == 87.5      # 70 / 80
    assert math.isclose(value(NAIK_AKHIR, "80-90 %", [99, None, None, None], 1).value, 110.0)  # 99 / 90
    lower = Method("nilai_akhir", "turun")
    assert value(lower, "80-90 %", [100, None, None, None], 1).value == pytest.approx(800 / 9)  # (180-100)/90


def test_cap_is_a_setting():
    assert value(NAIK_AKHIR, "100 %", [130, None, None, None], 1).value == 130.0
    assert value(NAIK_AKHIR, "100 %", [130, None, None, None], 1, cap=120).value == 120.0


def test_not_defined_without_numeric_target():
    r = value(NAIK_AKHIR, "√", [1, None, None, None], 1)
    assert (r.status, r.basis) == (m.UNDEFINED, m.BASIS_UNDEFINED)
    r = value(NAIK_KUM, "0 kasus", [1, None, None, None], 1)
    assert r.status == m.UNDEFINED


def test_text_realisation_is_invalid():
    assert value(NAIK_AKHIR, "100 %", ["sudah", None, None, None], 1).status == m.INVALID


def test_year_so_far():
    result, q = year_so_far(NAIK_KUM, parse_target("8 Kali"), [2, 2, None, None])
    assert (result.value, q) == (50.0, 2)
    result, q = year_so_far(NAIK_AKHIR, parse_target("100 %"), [50, 80, 90, None], upto=2)
    assert (result.value, q) == (80.0, 2)
    result, q = year_so_far(NAIK_AKHIR, parse_target("100 %"), [None] * 4)
    assert (result.status, q) == (m.BLANK, None)


@pytest.mark.parametrize("v, name", [(120, "Sangat Baik"), (91, "Sangat Baik"), (90.5, "Baik"), (76, "Baik"),
                                     (70, "Cukup"), (51, "Kurang"), (50.9, "Sangat Kurang"), (0, "Sangat Kurang"),
                                     (None, None)])
def test_categories(v, name):
    assert m.category(v) == name


def test_formula_shapes():
    cells = ["M8", "W8", "AG8", "AQ8"]
    assert m.formula(NAIK_AKHIR, parse_target("95 %"), cells, 2) == \
        '=IF(W8="","",IF(NOT(ISNUMBER(W8)),"?",(W8)/95*100))'
    assert m.formula(TURUN_KUM, parse_target("3 perkara"), cells, 2) == \
        '=IF(W8="","",IF(NOT(ISNUMBER(W8)),"?",MAX(0,(2*3-(SUM(M8,W8)))/3*100)))'
    assert m.formula(NAIK_AKHIR, parse_target("√"), cells, 1) is None
