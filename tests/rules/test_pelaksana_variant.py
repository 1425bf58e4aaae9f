"""pelaksana-variant: a Pelaksana name that is a variant of another in the same plan."""
import pytest

from rakxl.rules import pelaksana_variant
from rakxl.rules.pelaksana_variant import is_variant

from .build import clean_rows, read, triples, write_rak


def test_shorter_name_beside_the_full_one(tmp_path):
    rows = clean_rows()
    rows[2][11] = "Subbag Umum dan Logistik"   # goal 2: 3 rows now use the full name
    rows[3][11] = "Subbag Logistik"            # goal 3 (2 rows, merged L11:L12)
    rak = read(write_rak(tmp_path / "rak.xlsx", rows))
    found = pelaksana_variant.check(rak)
    assert triples(found) == [("pelaksana-variant", "3", "L11")]
    assert found[0].message == ("Pelaksana 'Subbag Logistik' (2 baris) tampaknya varian dari "
                                "'Subbag Umum dan Logistik' (3 baris); total per Pelaksana akan terpecah")


def test_abbreviation_variant_names_the_rarer(tmp_path):
    rows = clean_rows()
    rows[2][11] = "Sub Bagian Keuangan"
    rows[3][11] = "Subbag Keuangan"
    rak = read(write_rak(tmp_path / "rak.xlsx", rows))
    assert triples(pelaksana_variant.check(rak)) == [("pelaksana-variant", "2", "L10")]


@pytest.mark.parametrize("a, b", [
    ("Subbag Logistik", "Subbag Umum dan Logistik"),
    ("Sub Bagian Umum & Logistik", "Subbag Umum dan Logistik"),
    ("subbag  keuangan", "Subbag Keuangan"),
    ("Kasubbag Keuangan", "Subbag Keuangan"),
    ("Subbag Keuangn", "Subbag Keuangan"),
])
def test_variants(a, b):
    assert is_variant(a, b) and is_variant(b, a)


@pytest.mark.parametrize("a, b", [
    ("Subbag Hukum", "Subbag SDM"),
    ("Subbag Program dan Data", "Subbag Keuangan"),
    ("Subbag Teknis dan Hupmas", "Subbag Hukum"),
    ("Subbag Umum", "Subbag SDM"),
    ("Seksi Data", "Seksi Dana"),
])
def test_not_variants(a, b):
    assert not is_variant(a, b)


def test_clean(tmp_path):
    assert pelaksana_variant.check(read(write_rak(tmp_path / "rak.xlsx"))) == []


def test_sample(sample):
    found = pelaksana_variant.check(sample)
    assert triples(found) == [("pelaksana-variant", "28", "L69")]
    assert "'Subbag Logistik'" in found[0].message and "'Subbag Umum dan Logistik'" in found[0].message
