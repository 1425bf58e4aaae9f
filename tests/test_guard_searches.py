"""The guard's searches (issue 12's read speed): each quicker spelling gives the
answer of the plain one it stands in for.

- presence tests led by a rare byte, else by the reverse search (``contains``), and
  ``_needs_exact`` built on them, against the plain finds;
- the claim pattern (writers' attribute shapes first, possessive) against the former one,
  over random tags;
- the shared strings' lengths by one split against the regex, over SSTs spelled by hand;
- the span of cells of the fast side information (prefixed names looked for first)
  against the former one.
"""
from __future__ import annotations

import random
import re
import zipfile

import pytest
from xlsxwriter.utility import xl_cell_to_rowcol

from rakxl import guard
from tests.helpers import letters

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
LIMITS = guard.Limits(max_cells=100_000, max_merges=50)


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
