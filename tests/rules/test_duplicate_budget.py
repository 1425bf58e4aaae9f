"""duplicate-budget: a goal repeating another goal's budget."""
from rakxl.rules import duplicate_budget

from .build import clean_merges, clean_rows, read, triples, write_rak


def _goal3(rows, kegiatan, pagu):
    """Give goal 3 (rows 11-12) these activity names and Pagu amounts."""
    rows[3][4], rows[4][4] = kegiatan
    rows[3][10], rows[4][10] = pagu


def test_repeats_lines_and_activities_with_one_activity_more(tmp_path):
    rows = clean_rows()
    _goal3(rows, ("Pengadaan Logistik", "DISTRIBUSI  logistik"), (10_000_000, None))
    rows.append([None, None, None, None, "Evaluasi Logistik", "B", None, None, None, None, None, None])
    merges = clean_merges() + ["K11:K13"]
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, merges, total=25_000_000))
    found = duplicate_budget.check(rak)
    assert triples(found) == [("duplicate-budget", "3", "K11")]
    assert "Sasaran 1" in found[0].message


def test_total_equals_total_of_goal_with_same_sasaran(tmp_path):
    rows = clean_rows()
    rows[3][1] = "Terwujudnya dukungan logistik"
    _goal3(rows, ("Belanja Operasional", "Pemeliharaan Gudang"), (6_000_000, 4_000_000))
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, total=25_000_000))
    assert triples(duplicate_budget.check(rak)) == [("duplicate-budget", "3", "K11")]


def test_same_total_but_other_sasaran_and_activities(tmp_path):
    rows = clean_rows()
    _goal3(rows, ("Belanja Operasional", "Pemeliharaan Gudang"), (6_000_000, 4_000_000))
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, total=25_000_000))
    assert duplicate_budget.check(rak) == []


def test_same_amount_other_activities(tmp_path):
    rows = clean_rows()
    _goal3(rows, ("Belanja Operasional", "Pemeliharaan Gudang"), (10_000_000, None))
    rak = read(write_rak(tmp_path / "rak.xlsx", rows, clean_merges() + ["K11:K12"], total=25_000_000))
    assert duplicate_budget.check(rak) == []


def test_clean(tmp_path):
    assert duplicate_budget.check(read(write_rak(tmp_path / "rak.xlsx"))) == []


def test_sample(sample):
    found = duplicate_budget.check(sample)
    assert triples(found) == [("duplicate-budget", "17", "K44"), ("duplicate-budget", "28", "K69"),
                              ("duplicate-budget", "29", "K71")]
    assert [f.message_en for f in found] == [
        "The Pagu of goal 17 (Rp 1,159,691,000) equals the Pagu of goal 4, which has the same Sasaran; "
        "the money may be counted twice",
        "The Pagu of goal 28 (Rp 29,295,000) repeats the budget lines and activities of goal 1; "
        "the money may be counted twice",
        "The Pagu of goal 29 (Rp 39,044,000) repeats the budget lines and activities of goal 6; "
        "the money may be counted twice",
    ]
