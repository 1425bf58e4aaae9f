"""The speed paths (issue 8) give the answers of the plain paths they stand in for.

guard: a sheet's ``<dimension>`` is taken as a claim and every cell tag is checked
against it by a few regular-expression searches (:func:`rakxl.guard._scan_claimed`);
any doubt and the exact scan decides. These tests build sheets whose claim lies
(or whose cells are written oddly) and check that the claim is never trusted then,
and that for honest sheets the claim bounds what the exact scan finds.
"""
from __future__ import annotations

import random
import re
import zipfile

import pytest

from rakxl import guard
from rakxl.exceptions import RakHostileError
from tests.helpers import letters, load_script

PART = "xl/worksheets/sheet1.xml"


def sheet(cells, *, dimension: str | None, merges=(), raw: str = "") -> bytes:
    """A worksheet part: ``cells`` are (ref, value or None for a styled empty cell)."""
    rows: dict[int, list[str]] = {}
    for ref, value in cells:
        r = int(re.search(r"\d+", ref).group())
        rows.setdefault(r, []).append(f'<c r="{ref}" s="1"/>' if value is None else f'<c r="{ref}"><v>{value}</v></c>')
    data = "".join(f'<row r="{r}">{"".join(rows[r])}</row>' for r in sorted(rows)) + raw
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    merged = ("<mergeCells>" + "".join(f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>") if merges else ""
    return (f'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{dim}<sheetData>{data}</sheetData>{merged}</worksheet>").encode()


LIMITS = guard.Limits(max_cells=100_000, max_merges=50)


def claimed(xml, limits=LIMITS):
    return guard._scan_claimed(xml, limits)


@pytest.fixture
def exact():
    """The exact pass alone."""
    return lambda xml, limits=LIMITS: guard.scan_exact(xml, limits)[0]


@pytest.mark.parametrize("cap", ["1", "9", "10", "99", "100", "1000", "100017", "1048576"])
def test_row_numbers_at_most(cap):
    pattern = re.compile(guard._at_most(cap, "1", "0", "9").decode())
    n = int(cap)
    for value in list(range(1, 2100)) + [n - 1, n, n + 1, n * 10, 10 ** len(cap) - 1, 10 ** len(cap)]:
        if value >= 1:
            assert bool(pattern.fullmatch(str(value))) == (value <= n), value


@pytest.mark.parametrize("cap", [1, 12, 26, 27, 52, 702, 703, 16384])
def test_column_letters_at_most(cap):
    pattern = re.compile(guard._at_most(letters(cap), "A", "A", "Z").decode())
    for n in range(1, 18279):  # A .. ZZZ
        assert bool(pattern.fullmatch(letters(n))) == (n <= cap), letters(n)


def test_honest_claim_is_taken():
    xml = sheet([("A1", 1), ("L20", 2), ("C7", None)], dimension="A1:L20", merges=["A1:A3", "B2:C2"])
    got = claimed(xml)
    assert (got.rows, got.cols, got.merges) == (20, 12, 2)


@pytest.mark.parametrize("cells", [
    [("A1", 1), ("L99999", 2)],      # a value far below the claim
    [("A1", 1), ("XFD50", 2)],       # a value far right of the claim
    [("A1", 1), ("A2000000", 2)],    # beyond Excel's last row
])
def test_a_lying_claim_is_not_trusted(cells):
    xml = sheet(cells, dimension="A1:L20")
    assert claimed(xml) is None
    with pytest.raises(RakHostileError):
        guard.scan_part(xml, LIMITS)


@pytest.mark.parametrize("raw", [
    '<row r="3"><c r="A3" r="XFD9000"><v>1</v></c></row>',      # a second r: the last one wins
    '<row r="3"><c r="A3" s="1"r="XFD9000"><v>1</v></c></row>',
    '<row r="3"><c r="A3" x=">" r="XFD9000"><v>1</v></c></row>',
    '<row r="3"><c r="A3" r ="XFD9000"><v>1</v></c></row>',
    '<row r="3"><c\tr="XFD9000"><v>1</v></c></row>',              # odd whitespace
    '<row r="3"><c  r="B3"><v>1</v></c></row>',
    '<row r="3"><x:c r="XFD9000" xmlns:x="urn:x"><v>1</v></x:c></row>',   # a namespace prefix
    '<row r="9000"><c><v>1</v></c><c s="1"/></row>',              # no r: placed by order
    '<row r="3"><c r="a9000"><v>1</v></c></row>',                 # lower case
    '<row r="3"><c r="A09"><v>1</v></c></row>',                   # leading zero
    "<row r=\"3\"><c r='A3'><v>1</v></c></row>",                   # single quotes
    '<row r="3"><c r="A3" s="1"',                                 # a tag cut short
])
def test_cells_written_any_other_way_go_to_the_exact_scan(raw):
    assert claimed(sheet([("A1", 1)], dimension="A1:L20", raw=raw)) is None


def test_no_dimension_or_claim_beyond_limits_goes_to_the_exact_scan(exact):
    assert claimed(sheet([("A1", 1)], dimension=None)) is None
    # The claim itself is too big, although the cells are few: the exact scan decides (and accepts).
    xml = sheet([("A1", 1), ("B2", 2)], dimension="A1:XFD1048576")
    assert claimed(xml) is None
    assert exact(xml).cells == 2


def test_styled_empty_cells_beyond_the_claim_still_read(exact):
    xml = sheet([("A1", 1), ("A90000", None)], dimension="A1:L20")
    assert claimed(xml) is None
    assert exact(xml).rows == 1


def test_too_many_merges_refused_with_the_exact_message():
    merges = [f"A{r}:B{r}" for r in range(1, 52)]
    xml = sheet([("A1", 1)], dimension="A1:B51", merges=merges)
    assert claimed(xml) is None
    with pytest.raises(RakHostileError, match="51 sel gabungan"):
        guard.scan_part(xml, LIMITS)


def test_random_honest_sheets_claim_bounds_the_exact_scan(exact):
    rnd = random.Random(8)
    for _ in range(150):
        n_rows, n_cols = rnd.randint(1, 300), rnd.randint(1, 60)
        cells = {}
        for _ in range(rnd.randint(1, 40)):
            ref = f"{letters(rnd.randint(1, n_cols))}{rnd.randint(1, n_rows)}"
            cells[ref] = None if rnd.random() < 0.3 else rnd.randint(0, 9)
        merges = [f"A{r}:B{r}" for r in range(1, rnd.randint(1, 30))]
        xml = sheet(sorted(cells.items()), dimension=f"A1:{letters(n_cols)}{n_rows}", merges=merges)
        got, want = claimed(xml), exact(xml)
        assert got is not None
        assert got.rows >= want.rows and got.cols >= want.cols and got.merges == want.merges


def test_the_sample_and_xlsxwriter_files_take_the_claim(sample_path, tmp_path):
    """The point of the claim path: ordinary workbooks never need the exact scan."""

    from tests.conftest import ROOT

    generate = load_script(ROOT / "benchmarks" / "generate.py", "generate")
    generated = tmp_path / "RAK_500.xlsx"
    generate.build(generated, 500)
    for path, rows in ((sample_path, 84), (generated, 517)):  # 500 activities + title, header, signature
        with zipfile.ZipFile(path) as zf:
            got = guard._scan_claimed(zf.read(PART), guard.DEFAULT_LIMITS)
        assert got is not None and (got.rows, got.cols) == (rows, 12) and got.merges > 100


# -- synonyms.match_header: one search over every pattern before the role by role one --

def _match_header_role_by_role(text):
    """match_header as written before its speed paths: every synonym of every role in
    turn (no search over all of them first, no role's synonyms joined in one pattern)."""
    from rakxl import layout

    norm = layout.normalize_header(text)
    if not norm:
        return None
    for role in layout.MATCH_ORDER:
        if any(re.fullmatch(p, norm) for p in layout.COLUMN_BY_ROLE[role].synonyms):
            return role
    if re.fullmatch(layout.AMBIGUOUS_TARGET, norm):
        return "target"
    if any(re.fullmatch(p, norm) for p in layout.TRIWULAN_GROUP_SYNONYMS):
        return "triwulan"
    return None


def test_match_header_fast_reject_changes_no_answer():
    from rakxl import synonyms

    texts = ["No", "NO.", "No. Urut", "Nomor", "Sasaran Program/Kegiatan", "Tujuan", "Indikator Kinerja", "IKU",
             "Target", "Target (%)", "Target Indikator Kinerja", "Target Kegiatan/Aksi", "TW I", "Triwulan II",
             "Tri wulan ke-3", "Q4", "I", "II", "III", "IV", "Pelaksanaan Kegiatan Triwulan", "Jadwal Pelaksanaan",
             "Pagu Anggaran (Rp)", "Pagu\nAnggaran", "Biaya", "Dana (Rupiah)", "Pelaksana Tingkat Pejabat Eselon IV",
             "Penanggung Jawab", "PIC", "PJ", "Nama Kegiatan/Aksi", "Kegiatan", "Rencana Aksi 2021", "Uraian Kegiatan",
             "Program / Kegiatan", "Keterangan", "100%", "√", "Subbag Umum dan Logistik", "", "  ", None, 12, 0.5,
             "Penyusunan laporan keuangan triwulan", "JUMLAH", "Serang, 28 Januari 2021"]
    rnd = random.Random(3)
    words = [w for t in texts if isinstance(t, str) for w in t.split()] + ["ke", "-", "(", ")", "rp", "per", "1", "4"]
    texts += [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 4))) for _ in range(5000)]
    for text in texts:
        assert synonyms.match_header(text) == _match_header_role_by_role(text), text


def test_names_role_equals_match_header_for_every_role():
    """synonyms.names_role (a role's own synonyms first) answers match_header(text) == role,
    for every role, on header texts, cell texts of the corpus shapes and random word mixes."""
    from rakxl import layout, synonyms

    texts = [c.title for c in layout.COLUMNS] + ["No", "NO.", "Nomor", "Tujuan", "IKU", "Target", "Target (%)",
             "TW I", "Triwulan II", "Q4", "I", "IV", "Pelaksanaan Kegiatan Triwulan", "Pagu\nAnggaran", "Biaya",
             "Penanggung Jawab", "PIC", "Kegiatan", "Aksi", "Nama Kegiatan / Aksi", "Rencana Aksi 2021",
             "Uraian Kegiatan", "Rincian kegiatan", "Program / Kegiatan", "Program/ Kegiatan", "Keterangan", "100%",
             "Subbag Umum dan Logistik", "", "  ", None, 12, 0.5, "Penyusunan laporan keuangan triwulan", "JUMLAH",
             "Target Kegiatan/Aksi", "Indikator Kinerja Kegiatan", "Sasaran Kegiatan", "Kegiatan Sasaran"]
    rnd = random.Random(5)
    words = [w for t in texts if isinstance(t, str) for w in t.split()] + ["ke", "/", "(", ")", "rp", "nama", "aksi"]
    texts += [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 4))) for _ in range(4000)]
    roles = [c.role for c in layout.COLUMNS] + ["target", "triwulan", "unknown"]
    seen = set()
    for text in texts:
        found = synonyms.match_header(text)
        seen.add(found)
        for role in roles:
            assert synonyms.names_role(text, role) == (found == role), (text, role)
    assert {c.role for c in layout.COLUMNS} <= seen  # every role named by some text


# -- side information: the pattern path gives the exact pass's answers ----------------

def test_percent_cells_same_as_the_exact_pass():
    xml = (b'<worksheet><sheetData><row r="1" s="6" customFormat="1"><c r="A1" s="6"><v>1</v></c>'
           b'<c r="B1" t="n" s="6"><v>0.5</v></c><c r="C1" s="60"><v>2</v></c><c r="D1" s="7"><v>3</v></c>'
           b'<c r="E1" t="inlineStr"><is><t> s="6" </t></is></c><c r="F1" s="6"/></row>'
           b'<row r="12"><c r="AA12" s="60"><v>1</v></c><c r="AB12" t="s" s="6" cm="1"><v>0</v></c>'
           b'<c r="AC12" cm="1" s="6"><v>1</v></c></row></sheetData></worksheet>')
    for styles in ({6}, {60}, {6, 60}, {7}, {6, 7, 60}):
        fast = guard.fast_side_info(xml, frozenset(styles))
        assert fast is not None and fast == guard.scan_exact(xml, percent_styles=frozenset(styles))[1]
    # F1 is an empty-element tag: calamine keeps no cell there, so neither path reports it
    assert guard.fast_side_info(xml, frozenset({6})).percent == {(0, 0), (0, 1), (11, 27), (11, 28)}


def test_the_package_holds_each_part_as_the_zip_holds_it(sample_path):
    """The parser is given a new zip of the parts the guard inflated: the same
    bytes as the file's own parts, and nothing that is not XML or a relationship target."""
    import io
    import zipfile

    package = guard.load_xlsx(sample_path, guard.DEFAULT_LIMITS)
    sheet_part = package.parts["sheet:RAK Sekretaris"]
    with zipfile.ZipFile(sample_path) as zf, zipfile.ZipFile(io.BytesIO(package.zip_bytes())) as clean:
        assert package.data[sheet_part] == zf.read(sheet_part)
        assert clean.namelist() == list(package.data)
        for name in clean.namelist():
            assert clean.read(name) == zf.read(name)
        assert set(clean.namelist()) <= set(zf.namelist())


# -- layout.Family: one-word synonyms compared as texts, columns compiled when tried --

def _family_match_plain(family, text):
    """Family.match as written before its speed path: every synonym of every column in
    turn, by re.fullmatch."""
    from rakxl import layout

    norm = layout.normalize_header(text)
    if not norm:
        return None
    for role, patterns in family.columns:
        if any(re.fullmatch(p, norm) for p in patterns):
            return role
    return None


def _family_header_texts():
    """Header texts of every family (their own words, the KPU's, months, groups), their
    spellings with a dot, and random mixtures of their words."""
    from rakxl import layout

    texts = ["No", "NO.", "No. Urut", "nomor.", "Program Kerja", "Uraian Program Kerja 2021", "Waktu Pelaksanaan",
             "Indikator Capaian", "Target", "Vol", "Vol.", "Volume", "Sat.", "Satuan", "Biaya", "Harga Satuan (Rp)",
             "Jumlah (Rp.)", "Jumlah Usulan Anggaran", "Total Biaya", "Penanggung Jawab", "Unit Kerja", "OPD Pelaksana",
             "Kinerja Utama", "Sasaran Strategis", "Indikator Kinerja", "IKU", "Target Tahunan 2021", "Target 2021",
             "Target Rencana Aksi TW I", "Triwulan II", "TW 3", "IV", "Q1", "q4.", "Tujuan", "Program/Kegiatan",
             "Sub Kegiatan", "Program, Kegiatan dan Sub Kegiatan", "Anggaran (Rp)", "Pagu Indikatif",
             "Sub Rencana Aksi", "Rencana Aksi", "Pelaksanaan Kegiatan Triwulan", "Jadwal Pelaksanaan (Bulan)",
             "Bulan", "Bulan ke-1", "Bln. 12", "bulan 13", "bulan 01", "bulan1", "bulan ke - 7", "bln.ke-10",
             "bln 112", "bulan 0", "bulan 2 1", "bulan ke", "Jan", "jan.", "Januari", "Pebruari", "Agt",
             "Sept", "Sept.", "Des", "Desember", "Nama Kegiatan/Aksi", "Pagu Anggaran", "Pelaksana Tingkat Pejabat",
             "Keterangan", "√", "", "  ", None, "JUMLAH", "ii.", "i .", "no..", "janu"]
    for family in layout.FAMILIES:
        for _, patterns in family.columns:
            texts += [re.sub(r"[\\()?*|.]", "", p) for p in patterns]  # the words a pattern is made of
    rnd = random.Random(19)
    words = [w for t in texts if isinstance(t, str) for w in t.split()] + [".", "-", "(", ")", "rp", "ke", "1", "12"]
    texts += [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 4))) for _ in range(3000)]
    return texts


def test_family_match_and_names_give_the_plain_answers():
    from rakxl import layout

    texts = _family_header_texts()
    rnd = random.Random(23)
    named = set()
    for family in layout.FAMILIES:
        roles = [role for role, _ in family.columns]
        groups = [tuple(rnd.sample(roles, rnd.randint(2, 5))) for _ in range(20)] + [layout.MONTHS, layout.QUARTERS]
        for text in texts:
            plain = _family_match_plain(family, text)
            assert family.match(text) == plain, (family.name, text)
            for role in roles:
                assert family.names(text, role) == (plain == role), (family.name, role, text)
            for group in groups:
                assert family.names(text, *group) == (plain in group), (family.name, group, text)
            named.add((family.name, plain))
    assert len(named) > 50  # the texts reach most columns of every family
