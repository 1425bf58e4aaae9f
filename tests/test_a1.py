"""A1 addresses (rakxl.a1): column letters both ways and cell references."""
import pytest

from rakxl.a1 import a1, column_index, column_letters, parse_a1
from rakxl.formulas import FormulaError, evaluate


@pytest.mark.parametrize("index, letters", [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"),
                                            (701, "ZZ"), (702, "AAA"), (16383, "XFD")])
def test_column_letters_both_ways(index, letters):
    assert column_letters(index) == letters
    assert column_index(letters) == index
    assert column_index(letters.lower()) == index


def test_a1_and_parse_a1():
    assert a1(0, 0) == "A1"
    assert a1(7, 10) == "K8"
    assert parse_a1("K8") == (7, 10)
    assert parse_a1("$k$8") == (7, 10)
    assert parse_a1(" AA100 ") == (99, 26)


@pytest.mark.parametrize("bad", ["", "8K", "K", "K8:K9", "ABCD1", "Sheet!K8"])
def test_parse_a1_refuses_what_is_not_one_cell(bad):
    with pytest.raises(ValueError):
        parse_a1(bad)


def test_formula_references_go_through_a1():
    cells = {(7, 10): 5.0, (8, 10): 7.0, (0, 26): 100.0}
    assert evaluate("=SUM(K8:K9)+AA1", lambda sheet, r, c: cells.get((r, c))) == 112.0
    with pytest.raises(FormulaError):
        evaluate("=K8+", lambda sheet, r, c: 1.0)
