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
from xlsxwriter.utility import xl_cell_to_rowcol

from rakxl import guard
from rakxl.exceptions import RakHostileError
from tests.helpers import letters

PART = "xl/worksheets/sheet1.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


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
    import importlib.util

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    generated = tmp_path / "RAK_500.xlsx"
    generate.build(generated, 500)
    for path, rows in ((sample_path, 84), (generated, 517)):  # 500 activities + title, header, signature
        with zipfile.ZipFile(path) as zf:
            got = guard._scan_claimed(zf.read(PART), guard.DEFAULT_LIMITS)
        assert got is not None and (got.rows, got.cols) == (rows, 12) and got.merges > 100


# -- layout.match_header: one search over every pattern before the role by role one --

def _match_header_role_by_role(text):
    """match_header as written before its fast reject: every role's patterns in turn."""
    from rakxl import layout

    norm = layout.normalize_header(text)
    if not norm:
        return None
    compiled = dict(layout._COMPILED)
    for role in layout._MATCH_ORDER:
        if any(p.fullmatch(norm) for p in compiled[role]):
            return role
    if layout._AMBIGUOUS_TARGET.fullmatch(norm):
        return "target"
    if any(p.fullmatch(norm) for p in layout._GROUP):
        return "triwulan"
    return None


def test_match_header_fast_reject_changes_no_answer():
    from rakxl import layout

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
        assert layout.match_header(text) == _match_header_role_by_role(text), text


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


# -- the guard's searches led by a rare byte give bytes.find's answers ----------------

def _needs_exact_by_plain_finds(data: bytes) -> bool:
    """guard's _needs_exact as written before its searches were led by a rare byte."""
    from rakxl.guard import patterns

    start = patterns._prolog_end(data)
    return (data.find(b"<!", start) >= 0 or data.find(b"<?", start) >= 0
            or patterns._PREFIXED.search(data) is not None
            or (data.find(b"shared") >= 0 and patterns._SHARED.search(data) is not None))


@pytest.mark.parametrize("tries", [1, 2, 64])
def test_contains_is_in(monkeypatch, tries):
    from rakxl.guard import patterns

    monkeypatch.setattr(patterns, "_RARE_TRIES", tries)  # few tries: the reverse search takes over early
    rnd = random.Random(tries)
    needles = [(b"<!", 1), (b"<?", 1), (b"shared", 1), (b"shared", 5), (b"ab", 0), (b"!", 0), (b"sst", None),
               (b"<!", None), (b"ab", None)]
    for _ in range(4000):
        data = bytes(rnd.choice(b"<!?shared abt") for _ in range(rnd.randint(0, 40)))
        needle, rare = rnd.choice(needles)
        start = rnd.randint(0, len(data) + 2)
        assert patterns.contains(data, needle, start, rare) == (needle in data[start:]), (data, needle, start, rare)


SPELLED = [  # a plain sheet, then one spelling each that the pattern path must leave to the exact pass
    b'<row r="1"><c r="A1"><v>1</v></c></row>',
    b'<row r="1"><!-- note --><c r="A1"><v>1</v></c></row>',
    b'<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[a<b]]></t></is></c></row>',
    b'<row r="1"><?mso-app x?><c r="A1"><v>1</v></c></row>',
    b'<row r="1"><x:c r="A1" xmlns:x="urn:x"><v>1</v></x:c></row>',
    b'<row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">B1</f><v>1</v></c>'
    b'<c r="A2"><f t="shared" si="0"/><v>1</v></c></row>',
    b'<row r="1"><c r="A1"><f t = \'shared\' si="0">B1</f><v>1</v></c></row>',
    # many rare bytes that are not the needle: the plain search takes over (a formula with
    # sheet names, a text with question marks and the letter h)
    b'<row r="1">' + b"".join(b'<c r="A%d"><f>Sheet1!A1+Sheet2!B2</f><v>1</v></c>' % r for r in range(1, 200))
    + b'<c r="B1" t="inlineStr"><is><t>' + b"why? hush! " * 100 + b"</t></is></c></row>",
    b'<row r="1">' + b"".join(b'<c r="A%d"><f>Sheet1!A1</f><v>1</v></c>' % r for r in range(1, 200))
    + b'<!-- at the end --></row>',
    b'<row r="1">' + b'<c r="A1" t="inlineStr"><is><t>' + b"why? " * 100 + b"</t></is></c><?late pi?></row>",
    b'<row r="1">' + b'<c r="A1" t="inlineStr"><is><t>' + b"hhh " * 100 + b'</t></is></c>'
    b'<c r="A2"><f t="shared" si="1">A1</f></c></row>',
]


@pytest.mark.parametrize("body", SPELLED)
@pytest.mark.parametrize("prolog", [b"", b'<?xml version="1.0"?>', b'\xef\xbb\xbf<?xml version="1.0"?>\n'])
def test_needs_exact_is_the_plain_finds(body, prolog):
    from rakxl.guard import patterns

    xml = prolog + b'<worksheet xmlns="' + MAIN.encode() + b'"><sheetData>' + body + b"</sheetData></worksheet>"
    assert patterns._needs_exact(xml) == _needs_exact_by_plain_finds(xml)
    assert patterns._needs_exact(xml) == (body is not SPELLED[0] and body is not SPELLED[7])


# -- the claim pattern: quicker to match, the same tags found ---------------------------

def _claim_pattern_as_before(cols: str, rows: str) -> re.Pattern:
    """guard's claim pattern as written before _QUICK_REST and the shorter _at_most."""
    def at_most(cap, first, low, high):
        k = len(cap)
        alts = [f"[{first}-{high}][{low}-{high}]{{0,{k - 2}}}"] if k >= 2 else []
        for i, ch in enumerate(cap):
            lo = first if i == 0 else low
            if ch > lo:
                alts.append(f"{cap[:i]}[{lo}-{chr(ord(ch) - 1)}][{low}-{high}]{{{k - i - 1}}}")
        alts.append(cap)
        return "|".join(alts).encode()

    plain_rest = rb'(?: (?!r=)[A-Za-z_][\w.-]*="[^"<>]*")* ?/?>'
    ref_ok = rb"(?:" + at_most(cols, "A", "A", "Z") + rb")(?:" + at_most(rows, "1", "0", "9") + rb')"'
    return re.compile(rb'<c(?:[\t\n\r\x0b\x0c/>]| (?!r="' + ref_ok + plain_rest + rb"))")


@pytest.mark.parametrize("cols, rows", [("A", "1"), ("L", "20"), ("L", "10017"), ("AB", "99"), ("XFD", "1048576")])
def test_claim_pattern_finds_what_it_found_before(cols, rows):
    from rakxl.guard import patterns

    new, old = patterns._claim_pattern(cols, rows), _claim_pattern_as_before(cols, rows)
    rnd = random.Random(f"{cols}{rows}")
    n, c = int(rows), xl_cell_to_rowcol(f"{cols}1")[1] + 1
    refs = [f"{letters(max(1, c + dc))}{max(1, n + dr)}" for dc in (-1, 0, 1) for dr in (-1, 0, 1, 9)]
    refs += ["A1", "a1", "A01", f"{cols}{rows}0", "A", "1", "", f"{cols}A{rows}"]
    attrs = [' s="1"', ' t="s"', ' s="12"', ' t="inlineStr"', ' t="str"', ' cm="1"', ' s=""', ' x=">"', " x='1'",
             ' r="B2"', ' r="x"', ' r ="B2"', ' rr="1"', ' r.x="1"', ' _a="1"', ' s="1"t="s"', 's="1"',
             ' s="a<b"', '  s="1"', ' t="s" ', ' 1="1"', ' s="1', ' t="e"', ' vm="1"']
    ends = [">", "/>", " >", " />", "  >", "", "<", ">x"]
    for _ in range(6000):
        lead = rnd.choice([" ", " ", " ", "\t", "\n", "  ", "/", ">", "ol", "x"])
        ref = rnd.choice(refs)
        r = rnd.choice([f'r="{ref}"', f"r='{ref}'", f'r ="{ref}"', f'r= "{ref}"', "", f'R="{ref}"'])
        rest = "".join(rnd.choice(attrs) for _ in range(rnd.choice([0, 1, 2, 2, 3])))
        tag = "<c" + lead + r + rest + rnd.choice(ends)
        text = (tag + "<v>1</v></c>").encode()
        want, got = old.search(text), new.search(text)
        assert (want and want.start()) == (got and got.start()), text
    for cell in (b'<c r="A1" s="1" t="s"><v>0</v></c>', b'<c r="A1"/>', b'<c r="A1" t="s">'):
        assert new.search(cell) is None and old.search(cell) is None  # the writers' own shapes are taken


# -- the shared strings' lengths: one split where every <si> tag is written plainly -----

SST_BODIES = [  # (the strings, how many there are)
    ("<si><t>Rapat</t></si><si><t xml:space=\"preserve\"> dua </t></si><si><t/></si>", 3),
    ("<si><r><rPr><b/><color rgb=\"FF000000\"/></rPr><t>tebal</t></r><r><t>biasa</t></r></si><si><t>x</t></si>", 2),
    ("<si><t>Lokasi:sini</t></si><si><t>b</t></si>", 2),                   # ":si" in a text: the regex decides
    ("<si ><t>a</t></si><si>\n<t>b</t></si>", 2),                          # a space in the tag
    ("<si/><si><t>b</t></si>", 2),                                          # an empty-element string
    ("<x:si xmlns:x=\"urn:x\"><x:t>a</x:t></x:si><si><t>b</t></si>", 2),    # a prefix
    ("<si><t><![CDATA[<si>]]></t></si><si><t>b</t></si>", 3),              # a tag's spelling in CDATA (counted)
    ("<si><t>a</t></si><!-- <si> --><si><t>b</t></si>", 3),                # ... in a comment (counted)
    ("<si><t>a</t><sist/></si><si><t>b</t></si>", 2),                      # an element named like it
    ("", 0),
]


def _lengths_by_regex(data: bytes) -> list[int]:
    """guard's shared-string lengths as found before the split: each _SI tag to the next."""
    from rakxl.guard import parts

    starts = [m.start() for m in parts._SI.finditer(data)] + [len(data)]
    return [b - a for a, b in zip(starts, starts[1:])]


@pytest.mark.parametrize("body, n", SST_BODIES)
def test_shared_string_lengths_split_equals_the_regex(body, n):
    from rakxl.guard import parts

    xml = f'<?xml version="1.0"?><sst xmlns="{MAIN}" count="2">{body}</sst>'.encode()
    got = parts._shared_string_lengths(xml, "xl/sharedStrings.xml", None, guard.DEFAULT_LIMITS, None)
    assert got == _lengths_by_regex(xml)
    assert len(got) == n


def test_shared_string_lengths_of_the_sample(sample_path):
    from rakxl.guard import parts

    with zipfile.ZipFile(sample_path) as zf:
        xml = zf.read("xl/sharedStrings.xml")
    got = parts._shared_string_lengths(xml, "xl/sharedStrings.xml", None, guard.DEFAULT_LIMITS, None)
    assert got == _lengths_by_regex(xml) and len(got) > 100


@pytest.mark.parametrize("body", SPELLED)
def test_claim_path_trusts_needs_exact_for_prefixes(body):
    """scan_part tells _scan_claimed that _needs_exact found no prefixed tag (plain=True):
    the same extent as when it looks again itself."""
    from rakxl.guard import patterns

    xml = (b'<worksheet xmlns="' + MAIN.encode() + b'"><dimension ref="A1:B300"/><sheetData>' + body
           + b'</sheetData><mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>')
    if not patterns._needs_exact(xml):
        assert patterns._scan_claimed(xml, LIMITS, plain=True) == patterns._scan_claimed(xml, LIMITS) is not None
    else:
        assert guard.scan_part(xml, LIMITS).exact


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
    named = set()
    for family in layout.FAMILIES:
        roles = [role for role, _ in family.columns]
        assert len(roles) == len(set(roles)), family.name  # Family.names stops at a role's one column
        for text in texts:
            plain = _family_match_plain(family, text)
            assert family.match(text) == plain, (family.name, text)
            for role in roles:
                assert family.names(text, role) == (plain == role), (family.name, role, text)
            named.add((family.name, plain))
    assert len(named) > 50  # the texts reach most columns of every family


def _cells_span_as_before(xml: bytes, strict: bool):
    """fastside._cells_span as written before the prefixed names were looked for first."""
    from rakxl.guard import fastside

    m = fastside._SHEETDATA.search(xml)
    if m is None:
        return None if guard.patterns.ANY_CELL.search(xml) else (0, 0)
    rest = fastside._TAG_REST.match(xml, m.end() - 1) if xml[m.end() - 1:m.end()] != b">" else None
    lo = m.end() if rest is None else rest.end()
    if xml[lo - 2:lo] == b"/>":
        return lo, lo
    hi = xml.find(b"</sheetData", lo)
    if hi < 0 or fastside._PREFIXED_DATA.search(xml, lo, hi):
        return None
    if not strict and fastside._NOT_STRICT_CELL.search(xml, lo, hi):
        return None
    return lo, hi


@pytest.mark.parametrize("body", SPELLED + [
    b'<row r="1"><c r="A1"><x:f xmlns:x="urn:x">B1</x:f><v>1</v></c></row>',
    b'<row r="1"><c r="A1"><x:v xmlns:x="urn:x">1</x:v></c></row>',
    b'<x:row r="1" xmlns:x="urn:x"><c r="A1"><v>1</v></c></x:row>',
    b'<row r="1"><c r="A1" t="inlineStr"><x:is xmlns:x="urn:x"><t>a</t></x:is></c></row>',
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>a:f b:row</t></is></c><c r="B1"><v>1</v></c></row>',
    b'<row r="1"><c r="A1"><v>1</v></c></row><x:sheetData xmlns:x="urn:x"/>',
    b'<row r="1"><c r="A1"><f>A1:c</f><v>1</v></c></row>',
])
@pytest.mark.parametrize("strict", [False, True])
def test_cells_span_looks_for_prefixed_names_first(body, strict):
    """The side information's span of cells: the prefixed elements' names are looked
    for before their tags (one literal ':' to start from); the same answer, and the
    same side information, as the exact pass wherever the pattern path answers."""
    from rakxl.guard import fastside

    xml = b'<worksheet xmlns="' + MAIN.encode() + b'"><sheetData>' + body + b"</sheetData></worksheet>"
    assert fastside._cells_span(xml, strict) == _cells_span_as_before(xml, strict)
    fast = guard.fast_side_info(xml, frozenset({1}))
    if fast is not None:
        assert fast == guard.scan_exact(xml, percent_styles=frozenset({1}))[1]
