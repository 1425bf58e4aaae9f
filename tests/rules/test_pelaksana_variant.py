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


def _partners_by_every_pair(names, count):
    """The rule as first written: every pair compared, in order (the plain path)."""
    partner = {}
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if not is_variant(a, b):
                continue
            rare, common = (a, b) if count[a] < count[b] else (b, a)
            best = partner.get(rare)
            if best is None or count[common] > count[best]:
                partner[rare] = common
    return partner


def _random_names(rnd, n):
    """Unit names with the variations offices make: abbreviations, cases, one-letter
    typos, a word more or less, the same words spelled apart, generic-only names."""
    bases = ["Keuangan", "Logistik", "Hukum", "SDM", "Umum", "Program", "Data", "Teknis", "Hupmas",
             "Perencanaan", "Kepegawaian", "Partisipasi", "Masyarakat", "Dinas", "Kabupaten", "Serang"]
    kinds = ["Subbag", "Sub Bagian", "Kasubbag", "Seksi", "Bagian", "Bidang", "", "Tim"]
    out = []
    while len(out) < n:
        words = rnd.sample(bases, rnd.randint(1, 3))
        if rnd.random() < 0.2:
            w = rnd.randrange(len(words))
            word = words[w]
            if len(word) >= 6:
                x = rnd.randrange(len(word))
                words[w] = rnd.choice([word[:x] + word[x + 1:], word[:x] + "a" + word[x + 1:],
                                       word[:x] + "e" + word[x:]])
        joiner = rnd.choice([" ", " dan ", " & ", "  "])
        name = (rnd.choice(kinds) + " " + joiner.join(words)).strip()
        if rnd.random() < 0.2:
            name = name.upper()
        if rnd.random() < 0.05:
            name = rnd.choice(kinds) or "Tim"
        out.append(" ".join(name.split()))
    return list(dict.fromkeys(out))


@pytest.mark.parametrize("seed", range(12))
def test_indexed_partners_equal_every_pair(seed):
    import random

    rnd = random.Random(seed)
    names = _random_names(rnd, rnd.choice([5, 40, 200]))
    count = {name: rnd.choice([1, 1, 2, 3, 5, 8]) for name in names}
    expected = _partners_by_every_pair(names, count)
    assert pelaksana_variant.partners(names, count) == expected
    if seed == 0:
        assert len(expected) > 10  # the test compares real variants, not empty answers
