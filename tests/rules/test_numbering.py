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


def test_numbers_of_five_digits_and_more_follow_on():
    """A plan of more than 9,999 goals numbers them on: 9999, 10000, 10001 are in sequence
    (was: every goal from 10000 on reported, a finding per goal)."""
    from rakxl.model import Goal, Meta, Plan, Rak

    nos = [str(n) for n in range(1, 10_003)]
    rak = Rak(path=None, sheet="RAK", meta=Meta(), column_of={"no": 1, "sasaran": 2, "kegiatan": 5},
              plan=Plan(goals=tuple(Goal(i, no, f"Sasaran {i}", 7 + i, 7 + i) for i, no in enumerate(nos, 1))))
    assert numbering.check(rak) == []
    assert numbering.number_of("10000") == 10_000 and numbering.number_of("123456.") == 123_456
    gap = Rak(path=None, sheet="RAK", meta=Meta(), column_of={"no": 1, "sasaran": 2, "kegiatan": 5},
              plan=Plan(goals=tuple(Goal(i, no, f"Sasaran {i}", 7 + i, 7 + i)
                                    for i, no in enumerate(nos[:10_000] + ["10002"], 1))))
    assert [(f.no, f.cell) for f in numbering.check(gap)] == [("10002", "A10008")]
