"""The reader on the official sample: the figures of the real document."""
import datetime
import shutil

import pandas as pd
import pytest

import rakxl
from rakxl.model import ACTIVITY_COLUMNS, BUDGET_COLUMNS
from tests.helpers import load_script

BY_PELAKSANA = {
    "Subbag Umum dan Logistik": 2_633_827_000, "Subbag Keuangan": 129_193_000,
    "Subbag Program dan Data": 125_044_000, "Subbag Teknis dan Hupmas": 50_189_000,
    "Subbag Hukum": 48_734_000, "Subbag SDM": 35_164_000, "Subbag Logistik": 29_295_000,
}


def test_counts(sample):
    assert len(sample.goals) == 29
    assert len(sample.indicators) == 38
    assert len(sample.activities) == 68
    assert len(sample.budgets) == 29


def test_total_pagu_counts_each_budget_line_once(sample):
    assert sample.total_pagu == 3_051_446_000
    # A forward-filled Pagu column (the usual pandas recipe) would say much more.
    assert sample.activities["budget_line"].notna().sum() > len(sample.budgets)


def test_pagu_by_pelaksana(sample):
    got = {k: int(v) for k, v in sample.budgets.groupby("pelaksana")["pagu"].sum().items()}
    assert got == BY_PELAKSANA
    assert sum(got.values()) == 3_051_446_000


def test_goals_without_budget(sample):
    assert sample.goals.loc[sample.goals["pagu"] == 0, "no"].tolist() == ["13", "20", "23", "25"]
    assert sample.goals["no"].tolist() == [str(n) for n in range(1, 30)]


def test_goal_pagu_sums_its_budget_lines(sample):
    goals = sample.goals.set_index("no")
    assert goals.loc["3", "pagu"] == 4_600_000 + 2_100_000
    assert goals.loc["17", "pagu"] == 191_955_000 + 886_388_000 + 81_348_000
    assert goals.loc["4", "pagu"] == goals.loc["17", "pagu"] == 1_159_691_000
    assert goals.loc["28", "pagu"] == goals.loc["1", "pagu"] == 29_295_000


def test_meta(sample):
    m = sample.meta
    assert m.year == 2021
    assert m.organization == "KOMISI PEMILIHAN UMUM PROVINSI BANTEN"
    assert m.unit == "SEKRETARIS"
    assert m.place == "Serang"
    assert m.signed_on == datetime.date(2021, 1, 28)
    assert m.signatory_title == "Pt. Sekretaris"
    assert m.signatory == "ANNISA ROSPA.P"
    assert m.nip == "19710703 199903 2 007"


def test_merged_budget_line_covers_its_rows(sample):
    b = sample.budgets.set_index("budget_line")
    first = b.loc[1]
    assert (first["no"], first["pagu"], first["cell"], first["first_row"], first["last_row"]) == (
        "1", 29_295_000, "K8", 8, 9)
    acts = sample.activities
    assert acts.loc[acts["budget_line"] == 1, "row"].tolist() == [8, 9]
    # Goal 5: two budget lines with two Pelaksana.
    g5 = sample.budgets[sample.budgets["no"] == "5"]
    assert g5[["pagu", "pelaksana"]].values.tolist() == [[2_190_000, "Subbag Program dan Data"],
                                                         [43_934_000, "Subbag Keuangan"]]


def test_values_traceable_to_cells(sample):
    acts = sample.activities
    row = acts[acts["kegiatan"] == "Kenaikan Pangkat"].iloc[0]
    assert sample.cell("kegiatan", row["row"]) == f"E{row['row']}"
    assert (row["tw1"], row["tw2"], row["tw3"], row["tw4"]) == ("36 Pegawai", None, None, None)
    assert sample.columns["pagu"] == "K"
    assert sample.header_row == 5


def test_text_kept_as_written(sample):
    acts = sample.activities
    assert "Reviu atas lapoan keuangan triwulan" in acts["kegiatan"].tolist()
    assert acts["kegiatan"].tolist().count(
        "Perjalanan dinas dalam rangka supervisi dan monitoring pilot project desa melek politik") == 3
    assert sample.indicators.iloc[0]["target_indikator"] == "100 %"


def test_frame_columns(sample):
    assert tuple(sample.activities.columns) == ACTIVITY_COLUMNS
    assert tuple(sample.budgets.columns) == BUDGET_COLUMNS
    assert str(sample.activities["budget_line"].dtype) == "Int64"
    assert sample.budgets["pagu"].dtype == "int64"


def test_read_workbook_returns_every_rak_sheet(sample_path):
    raks = rakxl.read_workbook(sample_path)
    assert [r.sheet for r in raks] == ["RAK Sekretaris"]
    assert raks[0].total_pagu == 3_051_446_000


def test_sheet_by_name_and_index(sample_path):
    assert rakxl.read_rak(sample_path, sheet=0).sheet == "RAK Sekretaris"
    assert rakxl.read_rak(sample_path, sheet="RAK Sekretaris").total_pagu == 3_051_446_000
    with pytest.raises(rakxl.RakError, match="tidak ada sheet 'Lain'"):
        rakxl.read_rak(sample_path, sheet="Lain")


def test_reading_never_modifies_the_input(sample_path, tmp_path):
    copy = tmp_path / "RAK.xlsx"
    shutil.copy(sample_path, copy)
    before = copy.read_bytes()
    mtime = copy.stat().st_mtime_ns
    rakxl.read_rak(copy)
    assert copy.read_bytes() == before and copy.stat().st_mtime_ns == mtime


def test_sample_is_built_from_the_seed_text(tmp_path):
    """The committed sample is what samples/build_sample.py makes of RAK_2021.txt."""

    from tests.conftest import ROOT

    mod = load_script(ROOT / "samples" / "build_sample.py", "build_sample")
    out = mod.build(tmp_path / "RAK.xlsx")
    rebuilt = rakxl.read_rak(out)
    committed = rakxl.read_rak(ROOT / "samples" / "RAK_2021.xlsx")
    pd.testing.assert_frame_equal(rebuilt.activities, committed.activities)
    pd.testing.assert_frame_equal(rebuilt.budgets, committed.budgets)


def test_no_rak_table_names_the_sheets_looked_at(tmp_path):
    import xlsxwriter

    path = tmp_path / "penjualan.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    for i in range(15):
        wb.add_worksheet(f"Bulan {i + 1}").write_row(0, 0, ["Tanggal", "Barang", "Harga"])
    wb.close()
    with pytest.raises(rakxl.RakError) as info:
        rakxl.read_workbook(path)
    message = str(info.value)
    assert "penjualan.xlsx" in message and "bukan tabel RAK" in message
    assert "'Bulan 1'" in message and "'Bulan 12'" in message and "'Bulan 13'" not in message
    assert "dan 3 sheet lain" in message
