"""numbering: goal numbers not 1, 2, 3... in order."""
import pytest

from rakxl.rules import numbering

from .build import clean_rows, read, triples, write_rak


def goals(nos):
    """One-row goals numbered ``nos``, each with its own Sasaran and Pagu."""
    return [[no, f"Sasaran ke-{i}", f"Indikator {i}", "100 %", f"Kegiatan {i}", "100 %", None, None, None, None,
             1_000_000, "Subbag Umum"] for i, no in enumerate(nos, start=1)]


@pytest.mark.parametrize("nos, expected", [
    (["1", "2", "4", "5"], [("numbering", "4", "A10")]),                 # gap
    (["1", "2", "2", "3"], [("numbering", "2", "A10")]),                 # repeat
    (["1", "2", "3", "41", "5"], [("numbering", "41", "A11")]),          # typo 41 for 4
    (["2", "3", "4"], [("numbering", "2", "A8")]),                       # does not start at 1
    (["1", "2", "x", "4"], [("numbering", "x", "A10")]),                 # not a number
])
def test_out_of_sequence(tmp_path, nos, expected):
    rak = read(write_rak(tmp_path / "rak.xlsx", goals(nos), merges=[], total=None))
    assert triples(numbering.check(rak)) == expected


@pytest.mark.parametrize("nos", [["1", "2", "3"], ["1.", "2.", "3."], ["I", "II", "III", "IV"]])
def test_in_sequence(tmp_path, nos):
    rak = read(write_rak(tmp_path / "rak.xlsx", goals(nos), merges=[], total=None))
    assert numbering.check(rak) == []


def test_message_says_the_expected_number(tmp_path):
    rak = read(write_rak(tmp_path / "rak.xlsx", goals(["1", "2", "3", "41", "5"]), merges=[], total=None))
    assert numbering.check(rak)[0].message == "Nomor Sasaran '41' tidak urut; seharusnya 4"


def test_goal_without_number(tmp_path):
    rows = clean_rows()
    rows[2][0] = None  # goal 2 (row 10) has a Sasaran but no No
    found = numbering.check(read(write_rak(tmp_path / "rak.xlsx", rows)))
    assert triples(found) == [("numbering", None, "A10")]
    assert found[0].message == "Sasaran tanpa nomor; seharusnya 2"


def test_clean(tmp_path):
    assert numbering.check(read(write_rak(tmp_path / "rak.xlsx"))) == []


def test_sample(sample):
    assert numbering.check(sample) == []
