"""Property tests (hypothesis): whatever the file, read_rak returns a Rak or raises
RakError, never anything else, never hangs, never takes the process down.

Two properties:

- random small workbooks: random cells (texts, numbers, RAK header words, amounts
  written as text, signature lines, error values, formulas without a saved value),
  random merges (overlapping, outside the cells), sometimes a RAK header row so that
  the reader walks a table;
- random mutations of the sample: bytes of the file itself changed, cut or
  inserted, and bytes of one inflated part (the sheet, shared strings, styles,
  workbook) changed and zipped again, so that the XML readers see them.

python-calamine can abort the whole process on some malformed files, so each
property runs in a child process (``python -m tests.test_fuzz NAME DIR``). The
child writes every example to ``DIR/current.xlsx`` before reading it: when the
child dies, that file is the culprit and the test names it.

The examples are derandomized (the same every run, for CI); set
``RAKXL_FUZZ_EXAMPLES`` to run more, e.g. 2000, and ``RAKXL_FUZZ_RANDOM=1`` for new
ones each run.
"""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_bad_input import sample_xls  # noqa: F401  (the fixture: the sample as .xls)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "RAK_2021.xlsx"
CHILD_TIMEOUT = 600  # generous for CI; the two runs take seconds


def _settings(examples: int):
    return settings(
        max_examples=int(os.environ.get("RAKXL_FUZZ_EXAMPLES", examples)),
        deadline=None,
        database=None,
        derandomize=not os.environ.get("RAKXL_FUZZ_RANDOM"),
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )


OUTCOMES = {"Rak": 0, "RakError": 0}


def _read(path: Path):
    """The property itself: a Rak or a RakError, nothing else."""
    import rakxl

    try:
        result = rakxl.read_rak(path)
    except rakxl.RakError:
        OUTCOMES["RakError"] += 1
        return
    OUTCOMES["Rak"] += 1
    assert isinstance(result, rakxl.Rak)
    # The Rak is usable: its figures can be summed and its tables iterated.
    assert result.total_pagu == sum(int(p) for p in result.budgets["pagu"])
    len(result.activities)


# -- random workbooks ----------------------------------------------------------------

HEADER_WORDS = ["No", "Sasaran Program/Kegiatan", "Indikator Kinerja", "Target Indikator Kinerja",
                "Nama Kegiatan/Aksi", "Target Kegiatan/Aksi", "Pelaksanaan Kegiatan Triwulan", "I", "II",
                "III", "IV", "Pagu Anggaran", "Pelaksana", "JUMLAH", "Total"]
ODD_TEXTS = ["Serang, 28 Januari 2021", "NIP. 19710703 199903 2 007", "Rp 1.000.000", "1.000.000,00",
             "-", "100 %", "#REF!", "RENCANA AKSI KINERJA TAHUN 2021", "(1)", "(12)", "=SUM(A1:A3)",
             "28-01-2021", "Sekretaris,", "تنظيم", "选举", "x" * 3000]
# Characters XML 1.0 allows (control characters cannot be written in a part).
xml_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
cell_ref = st.tuples(st.integers(1, 40), st.integers(1, 16))


def _a1(row: int, col: int) -> str:
    from rakxl.a1 import column_letters

    return f"{column_letters(col - 1)}{row}"


a1_ref = cell_ref.map(lambda rc: _a1(*rc))
# Formulas saved without a value: the reader evaluates them (references may be
# circular, reach other sheets or whole columns).
formula = st.one_of(
    st.builds(lambda a, b: f"SUM({a}:{b})", a1_ref, a1_ref),
    st.builds(lambda a, b: f"{a}+{b}*2", a1_ref, a1_ref),
    st.builds(lambda a: f"Lain!{a}", a1_ref),
    st.sampled_from(["SUM(A:A)", "SUM(1:1048576)", "1/0", "VLOOKUP(A1,B:C,2,0)", "((((1))))", "SUM(", "A1:"]),
)
cell_value = st.one_of(
    xml_text,
    st.sampled_from(HEADER_WORDS + ODD_TEXTS),
    st.integers(-10**15, 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.tuples(st.just("f"), formula),
    st.tuples(st.just("e"), st.sampled_from(["#REF!", "#DIV/0!", "#N/A", "#VALUE!", "#NAME?"])),
)


@st.composite
def random_workbooks(draw):
    from tests.test_bad_input import sheet_xml, workbook_parts

    cells = draw(st.dictionaries(cell_ref, cell_value, max_size=80))
    if draw(st.booleans()):
        row = draw(st.integers(1, 12))
        start = draw(st.integers(1, 3))
        words = draw(st.permutations(HEADER_WORDS[:12]))[: draw(st.integers(3, 12))]
        for i, word in enumerate(words):
            cells[(row, start + i)] = word
    merges = []
    for r1, c1 in draw(st.lists(cell_ref, max_size=12)):
        r2 = r1 + draw(st.integers(0, 8))
        c2 = c1 + draw(st.integers(0, 3))
        if draw(st.integers(0, 9)) == 0:
            r2 = 1_048_576  # a merge reaching the end of the sheet
        if (r1, c1) != (r2, c2):
            merges.append(f"{_a1(r1, c1)}:{_a1(r2, c2)}")
    ordered = sorted(cells.items())  # rows and cells in order, as every writer writes them
    sheets = {"RAK": sheet_xml([(_a1(r, c), v) for (r, c), v in ordered], merges)}
    if draw(st.booleans()):
        sheets["Lain"] = sheet_xml([("A1", draw(xml_text))])
    return workbook_parts(sheets)


def random_workbook_property(workdir: Path):
    from tests.test_bad_input import write_zip

    @_settings(100)
    @given(random_workbooks())
    def prop(parts):
        path = write_zip(workdir / "current.xlsx", parts)
        _read(path)

    prop()


# -- mutations of the sample ----------------------------------------------------------

TOKENS = [b"<", b">", b"/>", b'"', b"&", b"&amp;", b"<c r=\"XFD1048576\"><v>1</v></c>",
          b"<c r=\"A1048576\"><v>1</v></c>", b"<c><v>1</v></c>", b"<row>", b"</row>", b"<!DOCTYPE x>",
          b"<mergeCell ref=\"A1:XFD1048576\"/>", b"9999999", b"-1", b"\x00", b"\xff\xfe", b"t=\"e\"",
          b"t=\"s\"", b"<v>99999</v>", b"<f>SUM(K1:K99)</f>", b"r=\"", b"]]>", b"<![CDATA["]


@st.composite
def mutations(draw):
    with zipfile.ZipFile(SAMPLE) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    if draw(st.booleans()):
        # Mutate the bytes of the file itself.
        data = bytearray(SAMPLE.read_bytes())
        for _ in range(draw(st.integers(1, 6))):
            at = draw(st.integers(0, len(data) - 1))
            kind = draw(st.sampled_from(["byte", "cut", "insert", "truncate"]))
            if kind == "byte":
                data[at] = draw(st.integers(0, 255))
            elif kind == "cut":
                del data[at:at + draw(st.integers(1, 64))]
            elif kind == "insert":
                data[at:at] = draw(st.binary(min_size=1, max_size=16))
            else:
                del data[at:]
            if not data:
                break
        return ("file", bytes(data))
    name = draw(st.sampled_from(["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
                                 "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"]))
    data = bytearray(parts[name])
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["byte", "cut", "token", "copy"]))
        if kind == "byte" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at:at + draw(st.integers(1, 200))]
        elif kind == "token":
            data[at:at] = draw(st.sampled_from(TOKENS))
        else:
            size = draw(st.integers(1, 400))
            data[at:at] = data[at:at + size] * draw(st.integers(1, 20))
    parts[name] = bytes(data)
    return ("parts", parts)


def mutation_property(workdir: Path):
    from tests.test_bad_input import write_zip

    @_settings(300)
    @given(mutations())
    def prop(mutation):
        kind, content = mutation
        path = workdir / "current.xlsx"
        if kind == "file":
            path.write_bytes(content)
        else:
            write_zip(path, content)
        _read(path)

    prop()


@st.composite
def xls_mutations(draw, source: Path):
    """Bytes of the sample's .xls changed inside its BIFF workbook stream (cells,
    dimensions, strings, merges...), so that calamine's .xls reader sees them."""
    import struct

    from xlrd import compdoc

    data = bytearray(source.read_bytes())
    stream = compdoc.CompDoc(bytes(data), logfile=open(os.devnull, "w")).get_named_stream("Workbook")
    base = bytes(data).find(stream[:512])
    records = []
    pos = 0
    while pos + 4 <= len(stream):
        length = struct.unpack_from("<H", stream, pos + 2)[0]
        records.append((base + pos, length))
        pos += 4 + length
    for _ in range(draw(st.integers(1, 6))):
        at, length = draw(st.sampled_from(records))
        field = draw(st.integers(0, length + 2))
        width = draw(st.sampled_from([1, 2, 4]))
        value = draw(st.sampled_from([0, 1, 0xFF, 0xFFFF, 0x7FFF, 0xFFFFFFFF, 65535, 256, 16384]) | st.integers(0, 255))
        data[at + 2 + field:at + 2 + field + width] = (value % 256 ** width).to_bytes(width, "little")
    return bytes(data)


def xls_mutation_property(workdir: Path):
    source = workdir / "RAK_2021.xls"

    @_settings(150)
    @given(xls_mutations(source))
    def prop(data):
        path = workdir / "current.xls"
        path.write_bytes(data)
        _read(path)

    prop()


PROPERTIES = {"random": random_workbook_property, "mutation": mutation_property, "xls": xls_mutation_property}


# -- the tests: each property in its own process ---------------------------------------

@pytest.mark.parametrize("name", sorted(PROPERTIES))
def test_property_in_child_process(tmp_path, name, request):
    if name == "xls":
        import shutil

        shutil.copy(request.getfixturevalue("sample_xls"), tmp_path / "RAK_2021.xls")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("RAKXL_LIMITS", None)
    try:
        proc = subprocess.run([sys.executable, "-m", "tests.test_fuzz", name, str(tmp_path)], cwd=str(ROOT),
                              env=env, capture_output=True, text=True, timeout=CHILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the {name} property did not finish in {CHILD_TIMEOUT} s; last input: "
                    f"{tmp_path / 'current.xlsx'}")
    assert proc.returncode == 0, (
        f"the {name} property failed (exit {proc.returncode}); the input being read is kept in "
        f"{tmp_path}\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    # Both outcomes occur: the examples reach the reader, not only the guards.
    outcomes = dict(x.split("=") for x in proc.stdout.split("PROPERTY OK")[1].split())
    assert int(outcomes["Rak"]) > 0 and int(outcomes["RakError"]) > 0, outcomes


if __name__ == "__main__":
    PROPERTIES[sys.argv[1]](Path(sys.argv[2]))
    print("PROPERTY OK", " ".join(f"{k}={v}" for k, v in OUTCOMES.items()))
