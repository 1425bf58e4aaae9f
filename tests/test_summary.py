"""rakxl.summary and its text (what ``rakxl show`` prints), in Python, without the CLI.

The expected figures are the seed document's (/work/shared/seed/000_c05ffda831ea9073.txt,
the RAK 2021 of KPU Provinsi Banten that samples/RAK_2021.xlsx holds), counted in its
table by hand: 29 goals (No 1..29), 38 rows with an Indikator Kinerja, 68 rows with a
Nama Kegiatan/Aksi, 29 Pagu cells adding up to Rp 3,051,446,000, and goals 13, 20, 23
and 25 with no Pagu on any of their rows. Title: "RENCANA AKSI KINERJA TAHUN 2021",
"KOMISI PEMILIHAN UMUM PROVINSI BANTEN", "SEKRETARIS"; signature block: "Serang, 28
Januari 2021", "Pt. Sekretaris,", "ANNISA ROSPA.P", "NIP. 19710703 199903 2 007".
"""
import datetime as dt
import json

import pytest

import rakxl
from rakxl.model import Activity, BudgetLine, Goal, Meta, Plan, Rak
from rakxl.report.text import summary_text
from tests import contract_shapes as S

SEED_META = {"year": 2021, "organization": "KOMISI PEMILIHAN UMUM PROVINSI BANTEN", "unit": "SEKRETARIS",
             "place": "Serang", "signed_on": dt.date(2021, 1, 28), "signatory_title": "Pt. Sekretaris",
             "signatory": "ANNISA ROSPA.P", "nip": "19710703 199903 2 007"}


def test_summary_of_the_sample_gives_the_seed_figures(sample_path):
    s = rakxl.summary(sample_path)
    assert isinstance(s, rakxl.PlanSummary)
    assert (s.goals, s.indicators, s.activities, s.budget_lines) == (29, 38, 68, 29)
    assert s.total_pagu == 3_051_446_000
    assert [str(n) for n in s.goals_without_budget] == ["13", "20", "23", "25"]
    assert {k: getattr(s.meta, k) for k in SEED_META} == SEED_META
    assert s.file == str(sample_path)
    assert s.sheet == "RAK Sekretaris"      # the sheet samples/build_sample.py writes
    assert s.family == "kpu"
    assert s.other_sheets == ()


def test_to_dict_is_the_json_of_show(sample_path):
    d = rakxl.summary(str(sample_path)).to_dict()
    assert list(d) == ["file", "sheet", "family", "year", "organization", "unit", "place", "signed_on",
                       "signatory_title", "signatory", "nip", "goals", "indicators", "activities", "budget_lines",
                       "total_pagu", "other_sheets"]
    assert d["signed_on"] == "2021-01-28" and d["total_pagu"] == 3_051_446_000 and d["other_sheets"] == []
    assert json.loads(json.dumps(d)) == d


def test_summary_of_a_rak_already_read(sample, sample_path):
    s = rakxl.summary(sample)
    assert (s.goals, s.indicators, s.activities, s.budget_lines, s.total_pagu) == (29, 38, 68, 29, 3_051_446_000)
    assert s.other_sheets is None            # a Rak alone does not know its workbook's other sheets
    assert s.to_dict()["other_sheets"] is None
    with pytest.raises(TypeError):
        rakxl.summary(sample, sheet="RAK Sekretaris")


def test_summary_text_in_both_languages(sample_path):
    s = rakxl.summary(sample_path)
    lines = summary_text(s, "id").splitlines()
    assert lines[0] == f"File            {sample_path} [RAK Sekretaris]"
    assert "Ditandatangani  Serang, 28 Januari 2021" in lines
    assert "Penandatangan   Pt. Sekretaris / ANNISA ROSPA.P / NIP 19710703 199903 2 007" in lines
    assert "Indikator       38" in lines
    assert "Total Pagu      Rp 3.051.446.000" in lines
    assert lines[-1] == "Sasaran tanpa Pagu: 13, 20, 23, 25"
    en = summary_text(s, "en").splitlines()
    assert "Activities    68" in en and "Budget lines  29" in en
    assert en[-1] == "Goals without a budget: 13, 20, 23, 25"


def test_other_rak_sheets_are_named(tmp_path):
    def plan(amount):
        return S.TITLE + [S.KPU_HEAD, [1, "Sasaran satu", "Indikator satu", "Kegiatan satu", amount, "Subbag Umum"]]

    path = S.write(tmp_path / "units.xlsx", [S.Sheet("Petunjuk", [["Isi RAK pada sheet berikut."]]),
                                              S.Sheet("Sekretariat", plan(10_000_000)),
                                              S.Sheet("Bagian Umum", plan(25_000_000))])
    first = rakxl.summary(path)
    assert (first.sheet, first.total_pagu, first.other_sheets) == ("Sekretariat", 10_000_000, ("Bagian Umum",))
    named = rakxl.summary(path, sheet="Bagian Umum")
    assert (named.sheet, named.total_pagu, named.other_sheets) == ("Bagian Umum", 25_000_000, ("Sekretariat",))
    assert summary_text(first).splitlines()[-1] == "Sheet RAK lain: 'Bagian Umum' (pilih dengan --sheet NAMA)"


def test_a_plan_in_memory_with_nothing_said():
    rak = Rak(path=None, sheet="RAK", meta=Meta(),
              plan=Plan(goals=(Goal(1, "1", "Sasaran satu", 8, 9), Goal(2, "2", "Sasaran dua", 10, 10)),
                        activities=(Activity(1, "1", "Sasaran satu", kegiatan="Rapat", budget_line=1, row=8),
                                    Activity(1, "1", "Sasaran satu", kegiatan="Laporan", row=9),
                                    Activity(2, "2", "Sasaran dua", kegiatan="Reviu", row=10)),
                        budget_lines=(BudgetLine(1, 1, "1", 7_500_000, "Subbag Umum", col=11, first_row=8,
                                                 last_row=9),)))
    s = rakxl.summary(rak)
    assert (s.file, s.goals, s.indicators, s.activities, s.budget_lines, s.total_pagu) == (None, 2, 0, 3, 1,
                                                                                            7_500_000)
    assert s.goals_without_budget == ("2",)
    lines = summary_text(s, "en").splitlines()
    assert lines[0] == "File          - [RAK]"
    assert "Year          -" in lines and "Signatory     -" in lines
    assert "Total Pagu    Rp 7.500.000" in lines
    assert lines[-1] == "Goals without a budget: 2"
