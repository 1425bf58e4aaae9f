"""total-mismatch: the total row differs from the sum of the budget lines."""
from rakxl.rules import total_mismatch

from .build import read, triples, write_rak


def test_total_row_off_by_a_million(tmp_path):
    rak = read(write_rak(tmp_path / "rak.xlsx", total=18_000_000))
    found = total_mismatch.check(rak)
    assert triples(found) == [("total-mismatch", None, "K13")]
    assert found[0].message == ("Baris jumlah menyatakan Rp 18.000.000, tetapi jumlah Pagu semua baris anggaran "
                                "adalah Rp 19.000.000 (selisih Rp 1.000.000)")


def test_no_total_row(tmp_path):
    assert total_mismatch.check(read(write_rak(tmp_path / "rak.xlsx", total=None))) == []


def test_clean(tmp_path):
    assert total_mismatch.check(read(write_rak(tmp_path / "rak.xlsx"))) == []
