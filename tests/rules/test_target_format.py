"""target-format: a target that is not a percentage, a grade or a count with a unit."""
import pytest

from rakxl.rules import target_format
from rakxl.rules._targets import read_target

from .build import clean_rows, read, triples, write_rak

SAMPLE_TARGETS = ["100 %", "B", "WTP", "4 lap", "2 kali", "3 Perkara", "8 Kali", "97.5 %", "100%",
                  "12 lap", "5 Lap", "2 perkara", "95 %", "87.5 %"]


@pytest.mark.parametrize("text", SAMPLE_TARGETS + [
    "100 persen", "≥ 80 %", "min. 90%", "80 - 100 %", "A", "BB", "Opini WTP", "Predikat B", "WBK",
    "Sangat Baik", "1 (satu) dokumen", "36 Pegawai", "12 x", "1.000 orang", "Level 3", "0,95", "12", "-",
    "B (Baik)", "WTP (Wajar Tanpa Pengecualian)", "100 % (persen)", "95% realisasi", "2x", "4 Laporan/Tahun",
])
def test_readable_targets(text):
    assert read_target(text) is not None


@pytest.mark.parametrize("text", ["Tercapai", "sesuai jadwal", "lihat lampiran", "%", "Rp", "B dan C"])
def test_unreadable_targets(text):
    assert read_target(text) is None


def test_unreadable_indicator_and_activity_targets(tmp_path):
    rows = clean_rows()
    rows[2][3] = "Tercapai"        # D10: indicator target of goal 2
    rows[4][5] = "sesuai jadwal"   # F12: activity target of goal 3
    rak = read(write_rak(tmp_path / "rak.xlsx", rows))
    found = target_format.check(rak)
    assert triples(found) == [("target-format", "2", "D10"), ("target-format", "3", "F12")]
    assert "'Tercapai'" in found[0].message


def test_blank_target_is_not_this_rule(tmp_path):
    rows = clean_rows()
    rows[4][5] = None
    assert target_format.check(read(write_rak(tmp_path / "rak.xlsx", rows))) == []


def test_clean(tmp_path):
    assert target_format.check(read(write_rak(tmp_path / "rak.xlsx"))) == []


def test_sample(sample):
    assert target_format.check(sample) == []
