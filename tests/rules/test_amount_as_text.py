"""amount-as-text: a Pagu typed as text."""
from rakxl.rules import amount_as_text

from .build import clean_rows, read, triples, write_rak


def test_rupiah_typed_as_text(tmp_path):
    rows = clean_rows()
    rows[2][10] = "Rp 5.000.000"
    rak = read(write_rak(tmp_path / "rak.xlsx", rows))
    found = amount_as_text.check(rak)
    assert triples(found) == [("amount-as-text", "2", "K10")]
    assert "Rp 5.000.000" in found[0].message and "Rp 5,000,000" in found[0].message_en
    assert rak.total_pagu == 19_000_000  # still counted


def test_clean(tmp_path):
    assert amount_as_text.check(read(write_rak(tmp_path / "rak.xlsx"))) == []
