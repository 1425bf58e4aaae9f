"""nip-invalid: the signatory's NIP is not a valid 18-digit NIP."""
import pytest

from rakxl.i18n import render_value
from rakxl.rules import nip_invalid
from rakxl.rules.nip_invalid import nip_problem

from .build import read, triples, write_rak


@pytest.mark.parametrize("nip", ["19710703 199903 2 007", "197107031999032007", "19800229 200501 1 001"])
def test_valid(nip):
    assert nip_problem(nip) is None


@pytest.mark.parametrize("nip, reason", [
    ("19710703 199903 2 00", "harus 18 angka, tertulis 17 angka"),
    ("19710703-199903-2-007", "harus berupa 18 angka (spasi boleh)"),
    ("19711303 199903 2 007", "tanggal lahir 19711303 bukan tanggal yang ada (TTTTBBHH)"),
    ("19810229 200501 1 001", "tanggal lahir 19810229 bukan tanggal yang ada (TTTTBBHH)"),
    ("19710703 199913 2 007", "bulan pengangkatan 199913 tidak sah (TTTTBB)"),
    ("19710703 196903 2 007", "bulan pengangkatan 196903 tidak sesudah tanggal lahir 19710703"),
    ("19710703 199903 3 007", "digit jenis kelamin 3 harus 1 atau 2"),
])
def test_invalid(nip, reason):
    assert render_value(nip_problem(nip), "id") == reason


def test_invalid_nip_in_signature(tmp_path):
    rak = read(write_rak(tmp_path / "rak.xlsx", nip="19710703 199903 3 007"))
    found = nip_invalid.check(rak)
    assert triples(found) == [("nip-invalid", None, "J20")]
    assert found[0].message == "NIP '19710703 199903 3 007' tidak sah: digit jenis kelamin 3 harus 1 atau 2"


def test_no_nip(tmp_path):
    assert nip_invalid.check(read(write_rak(tmp_path / "rak.xlsx", nip=None))) == []


def test_clean(tmp_path):
    assert nip_invalid.check(read(write_rak(tmp_path / "rak.xlsx"))) == []


def test_sample(sample):
    assert sample.meta.nip == "19710703 199903 2 007"
    assert nip_invalid.check(sample) == []
