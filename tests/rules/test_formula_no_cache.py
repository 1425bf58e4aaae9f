"""formula-no-cache: a Pagu formula with no saved value that cannot be evaluated.

openpyxl writes formulas without a saved value, like the programs this rule is about.
"""
from rakxl.rules import formula_no_cache

from .build import clean_rows, read, triples, write_rak


def test_formula_that_cannot_be_evaluated(tmp_path):
    rows = clean_rows()
    rows[2][10] = "=VLOOKUP(A1,Sheet9!A1:B9,2,FALSE)"
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, total=None))
    assert triples(formula_no_cache.check(rak)) == [("formula-no-cache", "2", "K10")]


def test_formula_rakxl_can_evaluate_is_fine(tmp_path):
    rows = clean_rows()
    rows[2][10] = "=2000000+3000000"
    rak = read(write_rak(tmp_path / "rak.xlsx", rows))
    assert formula_no_cache.check(rak) == []
    assert rak.total_pagu == 19_000_000


def test_clean(tmp_path):
    assert formula_no_cache.check(read(write_rak(tmp_path / "rak.xlsx"))) == []
