"""The monev workbook of the sample: layout, protection, validation, printing, and the
capaian rakxl reads back from it, against hand computations."""
import warnings

import openpyxl
import pandas as pd
import pytest

import rakxl
from rakxl.monitoring import workbook as W

from .helpers import fill


@pytest.fixture(scope="module")
def monev(tmp_path_factory, sample_path):
    out = tmp_path_factory.mktemp("monev") / "Monev_2021.xlsx"
    rakxl.write_monitoring(sample_path, out)
    return out


@pytest.fixture(scope="module")
def book(monev):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return openpyxl.load_workbook(monev)


@pytest.fixture(scope="module")
def blank(monev):
    return rakxl.read_monitoring(monev)


def test_sheets_and_print_setup(book):
    assert book.sheetnames == ["Petunjuk", "Metode", "RAK Sekretaris", "rakxl-monev"]
    assert book["rakxl-monev"].sheet_state == "hidden"
    ws = book["RAK Sekretaris"]
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize == 9                      # A4
    assert ws.print_title_rows == "$5:$7"                     # the header on every page
    assert ws.print_title_cols == "$A:$F"


def test_protected_without_password_only_inputs_unlocked(book, blank):
    ws = book["RAK Sekretaris"]
    assert ws.protection.sheet is True
    assert not ws.protection.password
    rec = blank.indicators.iloc[0]
    assert ws[rec["cell_realisasi_tw1"]].protection.locked is False
    assert ws[rec["cell_capaian_tw1"]].protection.locked is True
    assert ws["E8"].protection.locked is True                 # Kegiatan (plan)
    assert ws["E8"].fill.fgColor.rgb.endswith("EDEDED")       # greyed


def test_38_indicators_and_68_activities_with_their_targets(blank, book, sample):
    assert (len(blank.indicators), len(blank.activities), len(blank.budgets)) == (38, 68, 29)
    ws = book["RAK Sekretaris"]
    assert [ws[f"F{r}"].value for r in range(8, 76)] == sample.activities["target_kegiatan"].tolist()
    targets = blank.indicators["target"].tolist()
    assert targets[:6] == ["100 %", "100 %", "95 %", "70 %", "B", "WTP"]
    assert blank.indicators["cell_target"].tolist()[:6] == ["D8", "D10", "D12", "D14", "D17", "D18"]
    assert [ws[c].value for c in blank.activities["cell_target"]] == sample.activities["target_kegiatan"].tolist()
    assert blank.budgets["pagu"].sum() == 3_051_446_000


def test_one_budget_input_per_merged_pagu(book, blank):
    ws = book["RAK Sekretaris"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "K14:K16" in merged                               # goal 4's Pagu
    line = blank.budgets[blank.budgets["cell_pagu"] == "K14"].iloc[0]
    for q in range(1, 5):
        col = line[f"cell_realisasi_tw{q}"].rstrip("0123456789")
        assert f"{col}14:{col}16" in merged


def test_validation_messages_in_bahasa_indonesia(book, blank):
    ws = book["RAK Sekretaris"]
    dvs = ws.data_validations.dataValidation
    by_cell = {}
    for dv in dvs:
        for rng in dv.sqref.ranges:
            by_cell[str(rng).split(":")[0]] = dv
    number = by_cell[blank.indicators.iloc[0]["cell_realisasi_tw1"]]
    assert (number.type, number.operator, number.formula1) == ("decimal", "greaterThanOrEqual", "0")
    assert "Kosongkan bila belum dilaporkan" in number.prompt
    grade = by_cell[blank.indicators.iloc[5]["cell_realisasi_tw1"]]      # WTP
    assert grade.type == "list" and grade.formula1 == '"TMP,TW,WDP,WTP"'
    money = by_cell[blank.budgets.iloc[0]["cell_realisasi_tw1"]]
    assert "bukan kumulatif" in money.prompt


def test_petunjuk_and_the_method_of_each_indicator(book, sample):
    text = "\n".join(str(c.value) for row in book["Petunjuk"].iter_rows() for c in row if c.value)
    assert "(2T - R) / T x 100" in text and "PermenPAN-RB No. 53/2014" in text
    assert "Sangat Baik >= 91" in text and "Batas atas capaian: tidak ada" in text
    rows = list(book["Metode"].iter_rows(values_only=True))
    assert rows[0][:6] == ("Sheet", "No", "Tingkat", "Indikator / Kegiatan", "Target", "Metode")
    body = rows[1:]
    assert len(body) == 38 + 68
    by_level = {}
    for r in body:
        by_level.setdefault(r[2], []).append(r)
    assert len(by_level["Indikator"]) == 38 and len(by_level["Kegiatan"]) == 68
    g20 = [r for r in by_level["Indikator"] if r[1] == "20"]
    assert [r[5] for r in g20] == ["kumulatif, turun", "kumulatif, turun"]
    wtp = next(r for r in by_level["Indikator"] if r[4] == "WTP")
    assert (wtp[5], wtp[7], wtp[8]) == ("nilai_akhir, naik, skala opini", "dari target tahunan", "target")


def test_reads_as_the_same_plan(monev):
    (rak,) = rakxl.read_workbook(monev)
    assert (len(rak.goals), len(rak.activities), rak.total_pagu) == (29, 68, 3_051_446_000)


def cell_of(frame, no, q, pos=0, what="realisasi"):
    return frame[frame["no"] == no].iloc[pos][f"cell_{what}_tw{q}"]


def test_capaian_by_hand(monev, blank, tmp_path):
    ind, act = blank.indicators, blank.activities
    S = "RAK Sekretaris"
    cells = {
        (S, cell_of(ind, "3", 1)): 76,          # 95 %: 76 / 95 x 100 = 80
        (S, cell_of(ind, "1", 1)): 0,           # typed 0 -> 0 %, TW II left blank
        (S, cell_of(ind, "7", 1)): 2,           # 8 Kali, kumulatif: 2/8, 4/8, blank, 7/8
        (S, cell_of(ind, "7", 2)): 2,
        (S, cell_of(ind, "7", 4)): 3,
        (S, cell_of(ind, "20", 1)): 1,          # lower is better, 3 perkara: (6-1)/3, then (6-1)/3
        (S, cell_of(ind, "20", 2)): 0,
        (S, cell_of(ind, "5", 4, 1)): "WDP",    # WTP target: 3 / 4
        (S, cell_of(ind, "5", 4, 0)): "BB",     # B target: 5 / 4
        (S, cell_of(act, "12", 2, 0)): 3,       # 12 lap, kumulatif: 3 / 12
    }
    line = blank.budgets[blank.budgets["cell_pagu"] == "K14"].iloc[0]   # Pagu 1,159,691,000
    cells[(S, line["cell_realisasi_tw1"])] = 200_000_000
    cells[(S, line["cell_realisasi_tw2"])] = 300_000_000
    mon = rakxl.read_monitoring(fill(monev, tmp_path / "filled.xlsx", cells))
    i = mon.indicators.set_index(["no", mon.indicators.groupby("no").cumcount()])
    assert i.loc[("3", 0), "capaian_tw1"] == 80.0
    assert (i.loc[("1", 0), "capaian_tw1"], i.loc[("1", 0), "status_tw1"]) == (0.0, "ok")
    assert pd.isna(i.loc[("1", 0), "capaian_tw2"]) and i.loc[("1", 0), "status_tw2"] == "kosong"
    assert [i.loc[("7", 0), f"capaian_tw{q}"] for q in (1, 2, 4)] == [25.0, 50.0, 87.5]
    assert i.loc[("7", 0), "status_tw3"] == "kosong"
    assert i.loc[("20", 0), "capaian_tw1"] == pytest.approx(500 / 3)
    assert i.loc[("20", 0), "capaian_tw2"] == pytest.approx(500 / 3)      # 1 + 0 so far
    assert i.loc[("5", 1), "capaian_tw4"] == 75.0
    assert i.loc[("5", 0), "capaian_tw4"] == 125.0
    assert i.loc[("7", 0), "capaian_tahun"] == 87.5 and i.loc[("7", 0), "tw_tahun"] == 4
    a = mon.activities
    assert a[a["no"] == "12"].iloc[0]["capaian_tw2"] == 25.0
    b = mon.budgets.set_index("cell_pagu").loc["K14"]
    assert b["kumulatif_tw2"] == 500_000_000
    assert b["serapan_tw2"] == pytest.approx(500_000_000 / 1_159_691_000 * 100)
    assert b["serapan_tw1"] == pytest.approx(200_000_000 / 1_159_691_000 * 100)
    assert pd.isna(b["realisasi_tw3"]) and pd.isna(b["serapan_tw3"])
    assert mon.disagreements.empty          # openpyxl saved no values to disagree with


def test_output_is_never_the_input(sample_path):
    with pytest.raises(rakxl.RakFileError):
        rakxl.write_monitoring(sample_path, sample_path)


def test_saved_values_that_disagree_are_reported(sample, tmp_path):
    """A workbook written under a cap of 100 (its formulas and saved values capped),
    read without the cap: rakxl computes 130 / 95 x 100 itself and names the cell
    whose saved value (100) differs."""
    from rakxl.monitoring.config import Config

    path = tmp_path / "Monev.xlsx"
    values = W.Values({("indikator", 2, "ri", 1): 130})          # goal 3, target 95 %
    rakxl.write_monitoring(sample, path, config=Config(cap=100.0), values=[values])
    capped = rakxl.read_monitoring(path, config=Config(cap=100.0))
    assert capped.disagreements.empty
    assert capped.indicators.iloc[2]["capaian_tw1"] == 100.0
    mon = rakxl.read_monitoring(path)
    rec = mon.indicators.iloc[2]
    assert rec["capaian_tw1"] == pytest.approx(13000 / 95)
    (row,) = mon.disagreements.to_dict("records")
    assert (row["cell"], row["what"], row["saved"]) == (rec["cell_capaian_tw1"], "ci1", 100.0)
    assert row["rakxl"] == pytest.approx(13000 / 95)


def test_one_monev_sheet_per_rak_sheet(sample, tmp_path):
    import copy

    second = copy.copy(sample)
    second.sheet = "RAK Kedua"
    path = tmp_path / "Dua.xlsx"
    rakxl.write_monitoring([sample, second], path)
    mon = rakxl.read_monitoring(path)
    assert mon.indicators.groupby("sheet").size().to_dict() == {"RAK Kedua": 38, "RAK Sekretaris": 38}
    assert mon.activities.groupby("sheet").size().to_dict() == {"RAK Kedua": 68, "RAK Sekretaris": 68}
    assert mon.budgets.groupby("sheet")["pagu"].sum().to_dict() == {"RAK Kedua": 3_051_446_000,
                                                                   "RAK Sekretaris": 3_051_446_000}


def test_columns_moved_are_refused_naming_the_cell(monev, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(monev)
    ws = book["RAK Sekretaris"]
    ws.insert_cols(16)                       # a column put in before Capaian Indikator (P)
    path = tmp_path / "geser.xlsx"
    book.save(path)
    with pytest.raises(rakxl.RakInputError) as err:
        rakxl.read_monitoring(path)
    message = str(err.value)
    assert "sel P6" in message and "Capaian Indikator (%)" in message and "bergeser" in message


def test_other_families_and_budget_lines_apart(tmp_path):
    """Plans of the other RAK families (tests/families.py renders the same plan in each)
    give the same monev sheet; a family whose budget lines stand in a table apart is
    refused, as the official layout refuses it, rather than lose its Pagu."""
    from tests import families as F
    from tests import variants as V

    plan = V.PLANS["sample"]()
    for family in ("workplan", "pemda", "monthly"):
        path = F.render(tmp_path / f"{family}.xlsx", family, plan)
        rakxl.write_monitoring(path, tmp_path / f"monev_{family}.xlsx")
        mon = rakxl.read_monitoring(tmp_path / f"monev_{family}.xlsx")
        assert (len(mon.indicators), len(mon.activities), len(mon.budgets)) == (38, 68, 29), family
        assert mon.budgets["pagu"].sum() == 3_051_446_000, family
    apart = F.render(tmp_path / "targets-budget.xlsx", "targets-budget", plan)
    with pytest.raises(rakxl.RakInputError, match="tabel anggaran tersendiri"):
        rakxl.write_monitoring(apart, tmp_path / "monev_tb.xlsx")
    assert not (tmp_path / "monev_tb.xlsx").exists()


def test_capaian_by_hand_lower_ratio_and_cap(sample, tmp_path):
    """The named alternative T / R x 100 and a cap, set in rakxl.toml, on goal 20
    (3 perkara, kumulatif): R = 1 then 0 -> 3 / 1 x 100 = 300, capped at 120."""
    from rakxl.monitoring.config import load_config

    (tmp_path / "rakxl.toml").write_text('[capaian]\ncap = 120\n[[methods]]\ngoal = "20"\n'
                                         'direction = "turun_rasio"\n', encoding="utf-8")
    config = load_config(tmp_path / "rakxl.toml")
    path = tmp_path / "Monev.xlsx"
    rakxl.write_monitoring(sample, path, config=config)
    blank = rakxl.read_monitoring(path)
    ind = blank.indicators
    g20 = ind[ind["no"] == "20"].iloc[0]
    filled = fill(path, tmp_path / "isi.xlsx", {("RAK Sekretaris", g20["cell_realisasi_tw1"]): 1,
                                                 ("RAK Sekretaris", g20["cell_realisasi_tw2"]): 0})
    uncapped = rakxl.read_monitoring(filled, config=type(config)(methods=config.methods))
    rec = uncapped.indicators[uncapped.indicators["no"] == "20"].iloc[0]
    assert (rec["method"], rec["capaian_tw1"], rec["capaian_tw2"]) == ("kumulatif, turun_rasio", 300.0, 300.0)
    capped = rakxl.read_monitoring(filled)          # rakxl.toml next to the workbook: cap 120
    rec = capped.indicators[capped.indicators["no"] == "20"].iloc[0]
    assert (rec["capaian_tw1"], rec["capaian_tw2"], rec["kategori"]) == (120.0, 120.0, "Sangat Baik")
