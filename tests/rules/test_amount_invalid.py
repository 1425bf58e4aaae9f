"""amount-invalid: a Pagu cell with no readable amount."""
import pytest

from rakxl.rules import amount_invalid

from .build import clean_rows, read, triples, write_rak


@pytest.mark.parametrize("value", ["lihat lampiran", "Rp ..", "#REF!"])
def test_unreadable_pagu(tmp_path, value):
    rows = clean_rows()
    rows[2][10] = value
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, total=None))
    found = amount_invalid.check(rak)
    assert triples(found) == [("amount-invalid", "2", "K10")]
    assert value in found[0].message


def test_clean(tmp_path):
    assert amount_invalid.check(read(write_rak(tmp_path / "rak.xlsx"))) == []
