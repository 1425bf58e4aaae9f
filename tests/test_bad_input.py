"""Bad input and hostile files (issue 7): a clear error, fast, and nothing lost.

Every test builds its own file. Hostile and broken files are read in a child
process (:func:`read_isolated`) with a timeout, so that a hang, a memory blow-up or
an abort of python-calamine fails the test instead of killing the test run; the
child reports the error class, the message, the seconds ``read_rak`` took, what the
command line printed, and any open of a file outside the workbook. The parent
measures the child's peak memory (POSIX only).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

import rakxl
from rakxl import Limits, RakHostileError, RakInputError

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "RAK_2021.xlsx"
RESAVE = "simpan ulang sebagai .xlsx"

# A bound on a hang, never an assertion on speed (seconds belong in benchmarks/).
PROCESS_TIMEOUT = 90
PEAK_MB = 200

# -- building files -------------------------------------------------------------

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def sheet_xml(cells=(), merges=(), *, head: str = "", body: str | None = None) -> bytes:
    """A worksheet part. ``cells``: (A1 ref, value) pairs; str values are inline
    strings, ``("f", "SUM(A1:A3)")`` a formula without a saved value, ``("e",
    "#REF!")`` an error value, others numbers. ``head`` goes before the root element (a DTD);
    ``body`` replaces the generated <sheetData> content."""
    if body is None:
        rows: dict[int, list[str]] = {}
        for ref, value in cells:
            row = int(re.search(r"\d+", ref).group())
            if isinstance(value, tuple) and value[0] == "f":  # a formula saved without a value
                cell = f'<c r="{ref}"><f>{xml_escape(value[1])}</f></c>'
            elif isinstance(value, tuple):  # an error value such as #REF!
                cell = f'<c r="{ref}" t="e"><v>{xml_escape(value[1])}</v></c>'
            elif isinstance(value, str):
                cell = f'<c r="{ref}" t="inlineStr"><is><t>{xml_escape(value)}</t></is></c>'
            else:
                cell = f'<c r="{ref}"><v>{value}</v></c>'
            rows.setdefault(row, []).append(cell)
        body = "".join(f'<row r="{r}">{"".join(rows[r])}</row>' for r in sorted(rows))
    merged = ""
    if merges:
        merged = f'<mergeCells count="{len(merges)}">' + "".join(
            f'<mergeCell ref="{m}"/>' for m in merges) + "</mergeCells>"
    return (f'{XML_DECL}{head}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheetData>{body}'
            f"</sheetData>{merged}</worksheet>").encode()


def workbook_parts(sheets: dict[str, bytes], *, shared_strings: bytes | None = None,
                   styles: bytes | None = None, workbook_head: str = "") -> dict[str, bytes]:
    """The parts of a minimal .xlsx holding ``sheets`` (name -> sheet XML)."""
    names = list(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(1, len(names) + 1))
    rels = [f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(names) + 1)]
    parts = {
        "[Content_Types].xml": (
            f'{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' + overrides + "</Types>").encode(),
        "_rels/.rels": (f'{XML_DECL}<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
                        f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>').encode(),
        "xl/workbook.xml": (f'{XML_DECL}{workbook_head}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>'
                            + "".join(f'<sheet name="{xml_escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
                                      for i, n in enumerate(names, 1))
                            + "</sheets></workbook>").encode(),
    }
    for i, name in enumerate(names, 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sheets[name]
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
        rels.append(f'<Relationship Id="rIdS" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>')
    if styles is not None:
        parts["xl/styles.xml"] = styles
        rels.append(f'<Relationship Id="rIdT" Type="{REL_NS}/styles" Target="styles.xml"/>')
    parts["xl/_rels/workbook.xml.rels"] = (
        f'{XML_DECL}<Relationships xmlns="{PKG_REL_NS}">{"".join(rels)}</Relationships>').encode()
    return parts


def write_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def sample_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(SAMPLE) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


# A small RAK, written with XlsxWriter: 3 goals, 5 activities, 3 budget lines.
HEADER = ["No", "Sasaran Program/Kegiatan", "Indikator Kinerja", "Target Indikator Kinerja",
          "Nama Kegiatan/Aksi", "Target Kegiatan/Aksi", "Pagu Anggaran", "Pelaksana"]
GOALS = [
    ("1", "Terwujudnya Dukungan Logistik", "Persentase logistik terdistribusi", "100 %",
     ["Distribusi logistik", "Inventarisasi logistik"], 29_295_000, "Subbag Umum"),
    ("2", "Terwujudnya Tahapan Sesuai Jadwal", "Persentase tahapan tepat waktu", "100 %",
     ["Supervisi tahapan"], 23_134_000, "Subbag Program"),
    ("3", "Meningkatnya Kapasitas SDM", "Persentase pegawai kompeten", "95 %",
     ["Tes kompetensi", "Asesmen pegawai"], 4_600_000, "Subbag SDM"),
]
TOTAL = 29_295_000 + 23_134_000 + 4_600_000
HEADER_ROW = 4  # 0-based: title on rows 0-2, blank row 3


def write_small_rak(path: Path, *, texts=None, pagu=None, signature=("Serang, 28 Januari 2021",
                    "Sekretaris,", "ANNISA ROSPA.P", "NIP. 19710703 199903 2 007"), hook=None) -> Path:
    """The small RAK above. ``texts`` replaces activity names (list of 5), ``pagu``
    maps goal index -> value written instead of the amount (an error like '#REF!'
    is written as an error cell), ``signature`` holds the cells below the table
    (a date object is written as a date cell), and ``hook(workbook, sheet)`` can
    add anything else before the file is closed."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("RAK")
    date_fmt = wb.add_format({"num_format": "d mmmm yyyy"})
    ws.write(0, 0, "RENCANA AKSI KINERJA TAHUN 2021")
    ws.write(1, 0, "KOMISI PEMILIHAN UMUM PROVINSI BANTEN")
    ws.write(2, 0, "SEKRETARIS")
    ws.write_row(HEADER_ROW, 0, HEADER)
    names = list(texts) if texts else [a for g in GOALS for a in g[4]]
    r = HEADER_ROW + 1
    for gi, (no, sasaran, indikator, target, acts, amount, who) in enumerate(GOALS):
        first = r
        for _ in acts:
            ws.write(r, 4, names.pop(0))
            ws.write(r, 5, "100 %")
            r += 1
        last = r - 1
        for col, value in ((0, no), (1, sasaran), (2, indikator), (3, target), (7, who)):
            if last > first:
                ws.merge_range(first, col, last, col, value)
            else:
                ws.write(first, col, value)
        value = amount if pagu is None or gi not in pagu else pagu[gi]
        if isinstance(value, str) and value.startswith("#"):
            ws.write_formula(first, 6, "=1/0" if value == "#DIV/0!" else "=#REF!", None, value)
            if last > first:
                ws.merge_range(first, 6, last, 6, None)
                ws.write_formula(first, 6, "=1/0" if value == "#DIV/0!" else "=#REF!", None, value)
        elif last > first:
            ws.merge_range(first, 6, last, 6, value)
        else:
            ws.write(first, 6, value)
    r += 1
    for line in signature:
        if isinstance(line, (dt.date, dt.datetime)):
            ws.write_datetime(r, 4, line, date_fmt)
        elif line is not None:
            ws.write(r, 4, line)
        r += 1
    if hook:
        hook(wb, ws)
    wb.close()
    return path


# -- reading in a child process ----------------------------------------------------

CHILD = r"""
import contextlib, io, json, os, sys, time
path, secret, limits_json = sys.argv[1], sys.argv[2], sys.argv[3]
events = {"opened_secret": [], "input_written": []}
def audit(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        name = os.fsdecode(args[0])
        if secret and secret in name:
            events["opened_secret"].append(name)
        mode, flags = args[1], args[2] or 0
        writing = (mode and any(m in str(mode) for m in "wax+")) or flags & (os.O_WRONLY | os.O_RDWR)
        if writing and os.path.abspath(name) == os.path.abspath(path):
            events["input_written"].append(name)
sys.addaudithook(audit)
import rakxl
from rakxl.cli import main
limits = rakxl.Limits(**json.loads(limits_json)) if limits_json else None
out = {}
start = time.perf_counter()
try:
    rak = rakxl.read_rak(path, limits=limits)
    out.update(result="Rak", total_pagu=rak.total_pagu, activities=len(rak.activities))
except rakxl.RakError as exc:
    out.update(result=type(exc).__name__, message=str(exc))
except BaseException as exc:
    out.update(result="not a RakError: " + type(exc).__name__, message=repr(exc)[:2000])
out["seconds"] = time.perf_counter() - start
if not limits_json:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            main(["show", path])
            code = 0
        except SystemExit as exc:
            code = exc.code
    out.update(cli_code=code, cli_stderr=stderr.getvalue())
out.update(events)
sys.__stdout__.write("\nRESULT " + json.dumps(out) + "\n")
"""


def read_isolated(path: Path, *, secret: str = "", limits: dict | None = None) -> dict:
    """Read ``path`` with read_rak and ``rakxl show`` in a child process.

    Returns the child's report plus ``wall`` (seconds of the whole process) and
    ``peak_mb`` (its peak resident memory; None where it cannot be measured).
    """
    env = dict(os.environ, PYTHONPATH=str(ROOT), RAKXL_LANG="id")
    env.pop("RAKXL_LIMITS", None)
    cmd = [sys.executable, "-c", CHILD, str(path), secret, json.dumps(limits) if limits else ""]
    with tempfile.TemporaryFile() as out:
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=str(ROOT))
        peak_mb = None
        if hasattr(os, "wait4"):
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    proc.returncode = os.waitstatus_to_exitcode(status)
                    # ru_maxrss is in KiB on Linux, in bytes on macOS.
                    peak_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
                    break
                if time.monotonic() - start > PROCESS_TIMEOUT:
                    proc.kill()
                    proc.wait()
                    pytest.fail(f"reading {path.name} did not finish in {PROCESS_TIMEOUT} s")
                time.sleep(0.01)
        else:
            try:
                proc.wait(PROCESS_TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                pytest.fail(f"reading {path.name} did not finish in {PROCESS_TIMEOUT} s")
        wall = time.monotonic() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    marker = text.rfind("\nRESULT ")
    assert proc.returncode == 0 and marker >= 0, (
        f"the child reading {path.name} died (exit {proc.returncode}):\n{text[-3000:]}")
    report = json.loads(text[marker + len("\nRESULT "):])
    report.update(wall=wall, peak_mb=peak_mb, output=text[:marker])
    return report


def assert_refused(report: dict, error: type, *words: str, peak_mb: float = PEAK_MB) -> None:
    """The file was refused with ``error``, a message holding ``words``, within
    ``peak_mb``; the command line printed one line and exited with 2. (No seconds
    are asserted: a loaded machine is slow; the child's timeout catches a hang, and
    tests assert what was read instead.)"""
    assert report["result"] == error.__name__, report
    for word in words:
        assert word.lower() in report["message"].lower(), (word, report["message"])
    if report["peak_mb"] is not None:
        assert report["peak_mb"] < peak_mb, report
    if "cli_code" in report:
        assert report["cli_code"] == 2, report
        lines = report["cli_stderr"].strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("rakxl: "), report["cli_stderr"]
        assert "Traceback" not in report["cli_stderr"] and "Traceback" not in report["output"]
    assert not report["opened_secret"] and not report["input_written"], report


# -- not a workbook -------------------------------------------------------------------

NOT_WORKBOOKS = {
    # file name: (bytes, words the message must hold)
    "kosong.xlsx": (b"", ["kosong"]),
    "catatan.xls": ("Rencana Aksi Kinerja 2021\nharap diisi sebelum tanggal 5\n".encode(), ["teks"]),
    "ekspor.xlsx": ("No;Kegiatan;Pagu\n1;Rapat koordinasi;1.000.000\n".encode(), ["CSV"]),
    "ekspor_web.xls": (b"<html><head><meta charset='utf-8'></head><body><table><tr><td>No</td>"
                       b"<td>Pagu</td></tr></table></body></html>", ["HTML"]),
    "laporan.xlsx": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", ["PDF"]),
}


@pytest.mark.parametrize("name", sorted(NOT_WORKBOOKS))
def test_not_a_workbook(tmp_path, name):
    data, words = NOT_WORKBOOKS[name]
    path = tmp_path / name
    path.write_bytes(data)
    report = read_isolated(path)
    assert_refused(report, RakInputError, name, "bukan workbook", RESAVE, *words)


def test_truncated_zip(tmp_path):
    path = tmp_path / "terpotong.xlsx"
    data = SAMPLE.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert_refused(read_isolated(path), RakInputError, "terpotong.xlsx", "zip rusak atau terpotong", RESAVE)


def test_corrupt_zip_data(tmp_path):
    """The zip directory is intact but the compressed sheet is damaged."""
    path = tmp_path / "rusak.xlsx"
    data = bytearray(SAMPLE.read_bytes())
    with zipfile.ZipFile(SAMPLE) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 200
    data[start:start + 64] = bytes(64)
    path.write_bytes(bytes(data))
    assert_refused(read_isolated(path), RakInputError, "rusak.xlsx", "sheet1.xml", "rusak", RESAVE)


@pytest.mark.parametrize("kind, parts, words", [
    ("zip", {"catatan.txt": b"bukan workbook"}, ["arsip zip biasa"]),
    ("docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}, ["dokumen Word"]),
    ("ods", {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"},
     ["OpenDocument"]),
])
def test_zip_without_workbook_parts(tmp_path, kind, parts, words):
    path = write_zip(tmp_path / f"bukan_{kind}.xlsx", parts)
    assert_refused(read_isolated(path), RakInputError, path.name, "bukan workbook Excel", RESAVE, *words)


def test_password_protected_workbook(tmp_path):
    """A workbook saved with a password is an OLE2 file with an EncryptionInfo
    stream (ECMA-376 agile encryption), made here by msoffcrypto-tool."""
    from msoffcrypto.format.ooxml import OOXMLFile

    path = tmp_path / "rahasia.xlsx"
    with open(SAMPLE, "rb") as src, open(path, "wb") as dst:
        OOXMLFile(src).encrypt("rahasia", dst)
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    assert_refused(read_isolated(path), RakInputError, "rahasia.xlsx", "kata sandi", RESAVE)


def write_zipcrypto(path: Path) -> Path:
    """The sample's parts in a zip whose entries carry the (old PKWARE) encryption flag."""
    path = write_zip(path, sample_parts())
    data = bytearray(path.read_bytes())
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(sig)
        while at >= 0:
            data[at + flag_at] |= 0x1
            at = data.find(sig, at + 4)
    path.write_bytes(bytes(data))
    return path


def test_encrypted_zip_entries(tmp_path):
    """A zip whose entries carry the (old PKWARE) encryption flag."""
    path = write_zipcrypto(tmp_path / "zipcrypto.xlsx")
    assert_refused(read_isolated(path), RakInputError, "kata sandi", RESAVE)


def test_binary_workbook_xlsb(tmp_path):
    path = write_zip(tmp_path / "biner.xlsx", {"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x00"})
    assert_refused(read_isolated(path), RakInputError, ".xlsb", RESAVE)


# -- a workbook without a RAK table --------------------------------------------------

def test_no_rak_table_names_the_sheets(tmp_path):
    import xlsxwriter

    path = tmp_path / "penjualan.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    sales = wb.add_worksheet("Penjualan")
    sales.write_row(0, 0, ["Tanggal", "Barang", "Jumlah", "Harga"])
    for i in range(1, 30):
        sales.write_row(i, 0, [f"2021-01-{i:02d}", "Kertas A4", i, 55_000])
    wb.add_worksheet("Petunjuk").write(0, 0, "Isi tabel RAK pada sheet berikutnya, lalu kirim ke Sekretariat.")
    wb.close()
    report = read_isolated(path)
    assert_refused(report, RakInputError, "bukan tabel RAK", "'Penjualan'", "'Petunjuk'")


# -- zip bombs ---------------------------------------------------------------------------

def _deflated_bomb(path: Path, declared: int) -> Path:
    """An .xlsx whose one sheet inflates to ``declared`` bytes of real cells,
    streamed into the zip block by block, so that building it needs no memory."""
    head = f'{XML_DECL}<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
    tail = b"</sheetData></worksheet>"
    block = b'<row><c t="inlineStr"><is><t>bom</t></is></c><c><v>1</v></c></row>' * 16384
    parts = workbook_parts({"Data": b""})
    del parts["xl/worksheets/sheet1.xml"]
    write_zip(path, parts)
    info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=(2021, 1, 28, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "a", compresslevel=9) as zf:
        with zf.open(info, "w", force_zip64=declared > 0xFFFFFFFF) as out:
            out.write(head)
            for _ in range((declared - len(head) - len(tail)) // len(block)):
                out.write(block)
            out.write(tail)
    return path


@pytest.fixture(scope="module")
def gigabyte_bomb(tmp_path_factory) -> Path:
    return _deflated_bomb(tmp_path_factory.mktemp("bomb") / "bom_1gb.xlsx", 1024 * 1024 * 1024)


def test_zip_bomb_declared_1gb_refused_before_inflating(gigabyte_bomb):
    size = gigabyte_bomb.stat().st_size
    assert size < 5 * 1024 * 1024  # a small file ...
    with zipfile.ZipFile(gigabyte_bomb) as zf:  # ... declaring 1 GiB of sheet
        assert zf.getinfo("xl/worksheets/sheet1.xml").file_size >= 1000 * 1024 * 1024
    report = read_isolated(gigabyte_bomb)
    assert_refused(report, RakHostileError, "bom_1gb.xlsx", "sheet1.xml", "bom zip", peak_mb=200)


def test_zip_bomb_by_ratio(tmp_path):
    """20 MiB of sheet (under the size limit) compressed about 1000:1."""
    path = _deflated_bomb(tmp_path / "rasio.xlsx", 20 * 1024 * 1024)
    assert_refused(read_isolated(path), RakHostileError, "rasio kompresi", "bom zip")


def test_zip_bomb_total_size_with_lower_limit(tmp_path):
    """The sum of the parts is held to its own limit (lowered here for the test)."""
    path = write_zip(tmp_path / "total.xlsx", sample_parts())
    report = read_isolated(path, limits={"max_total_bytes": 50_000})
    assert_refused(report, RakHostileError, "isi workbook mengaku", "50.000")


def test_zip_with_too_many_parts(tmp_path):
    parts = sample_parts()
    parts.update({f"xl/media/kosong{i}.txt": b"" for i in range(10_001)})
    path = write_zip(tmp_path / "banyak.xlsx", parts)
    assert_refused(read_isolated(path), RakHostileError, "10.011 bagian")


def test_zip_with_a_part_twice(tmp_path):
    """Two entries of the same name: one reader could take the first, another the last."""
    import warnings

    path = write_zip(tmp_path / "ganda.xlsx", sample_parts())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path, "a") as zf:
            zf.writestr("xl/worksheets/sheet1.xml", sheet_xml([("A1", 1), ("XFD1048576", 2)]))
    assert_refused(read_isolated(path), RakHostileError, "lebih dari sekali")


# -- impossible extents: checked before calamine walks the grid ---------------------------

def test_one_cell_at_a1_and_one_at_xfd1048576(tmp_path):
    """The 5 KB workbook that makes calamine abort the process and openpyxl loop."""
    path = write_zip(tmp_path / "jauh.xlsx", workbook_parts(
        {"RAK": sheet_xml([("A1", "Rencana Aksi Kinerja"), ("XFD1048576", 1)])}))
    assert path.stat().st_size < 5 * 1024
    report = read_isolated(path)
    assert_refused(report, RakHostileError, "jauh.xlsx", "sheet 'RAK'", "XFD1048576", "4.000.000 sel")


def test_far_cell_without_reference(tmp_path):
    """Cells without an r attribute are placed by their row: 16,384 of them in
    row 1,048,576 reach just as far (the guard's XML path)."""
    body = '<row r="1"><c t="inlineStr"><is><t>No</t></is></c></row><row r="1048576">' + (
        "<c><v>1</v></c>" * 16384) + "</row>"
    path = write_zip(tmp_path / "tanpa_r.xlsx", workbook_parts({"RAK": sheet_xml(body=body)}))
    assert_refused(read_isolated(path), RakHostileError, "XFD1048576")


def test_far_cell_with_prefixed_tags(tmp_path):
    xml = (f'{XML_DECL}<x:worksheet xmlns:x="{MAIN_NS}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v>'
           '</x:c><x:c r="xfd0001048576"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>').encode()
    path = write_zip(tmp_path / "prefiks.xlsx", workbook_parts({"RAK": xml}))
    assert_refused(read_isolated(path), RakHostileError, "XFD1048576")


@pytest.mark.parametrize("mention", ["<!--<sst/>-->", '<?x <sst?>', "<!--<x:sst>-->"])
def test_far_cell_in_a_sheet_that_mentions_shared_strings(tmp_path, mention):
    """A part holding ``<sst`` is measured as shared strings; a sheet that holds one
    (in a comment, a processing instruction) is still a sheet: its cells keep their
    limits (calamine aborted the process on this file: 512 GB asked for)."""
    xml = (f'{XML_DECL}{mention}<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
           '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData></worksheet>').encode()
    path = write_zip(tmp_path / "sst_komentar.xlsx", workbook_parts({"RAK": xml}))
    assert_refused(read_isolated(path), RakHostileError, "sst_komentar.xlsx", "XFD1048576")


def test_merges_of_a_sheet_that_mentions_shared_strings_are_counted(tmp_path):
    merges = "".join(f'<mergeCell ref="A{r}:B{r}"/>' for r in range(1, 200_002))
    xml = (f'{XML_DECL}<worksheet xmlns="{MAIN_NS}"><!--<sst/>--><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
           f"</sheetData><mergeCells>{merges}</mergeCells></worksheet>").encode()
    path = write_zip(tmp_path / "sst_gabung.xlsx", workbook_parts({"RAK": xml}))
    assert_refused(read_isolated(path), RakHostileError, "200.001 sel gabungan")


def test_row_beyond_excel(tmp_path):
    path = write_zip(tmp_path / "baris.xlsx", workbook_parts({"RAK": sheet_xml([("A1", 1), ("A99999999", 2)])}))
    assert_refused(read_isolated(path), RakHostileError, "99.999.999 baris")


def test_too_many_merged_ranges(tmp_path):
    merges = [f"A{r}:B{r}" for r in range(1, 200_002)]
    path = write_zip(tmp_path / "gabung.xlsx", workbook_parts({"RAK": sheet_xml([("A1", 1)], merges)}))
    assert_refused(read_isolated(path), RakHostileError, "200.001 sel gabungan")


def test_styled_empty_cells_far_away_still_read(tmp_path):
    """Borders drawn down to row 1,048,576 leave empty styled cells there; they
    hold no value, so they are no reason to refuse the workbook."""
    path = write_small_rak(tmp_path / "bergaris.xlsx")
    parts = {}
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            parts[name] = zf.read(name)
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>')
    write_zip(path, parts)
    rak = rakxl.read_rak(path)
    assert rak.total_pagu == TOTAL


# -- XML attacks: billion laughs and external entities ------------------------------------

LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                    for i in range(1, 10)) + "]>")


def _xxe(secret: Path) -> str:
    return f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'


def _attack_parts(where: str, dtd: str, entity: str) -> dict[str, bytes]:
    """The sample's parts with ``dtd`` in the prolog of ``where`` and ``entity``
    used in its text."""
    parts = sample_parts()
    name = {"sharedStrings": "xl/sharedStrings.xml", "sheet": "xl/worksheets/sheet1.xml",
            "workbook": "xl/workbook.xml", "styles": "xl/styles.xml"}[where]
    xml = parts[name].decode("utf-8")
    decl_end = xml.index("?>") + 2 if xml.startswith("<?xml") else 0
    xml = xml[:decl_end] + dtd + xml[decl_end:]
    if where == "sharedStrings":
        xml = xml.replace("<t>", f"<t>{entity}", 1)
    elif where == "sheet":
        xml = xml.replace("</sheetData>", f'<row r="900"><c r="A900" t="inlineStr"><is><t>{entity}</t></is>'
                          "</c></row></sheetData>")
    elif where == "workbook":
        xml = re.sub(r'name="[^"]*"', f'name="{entity}"', xml, count=1)
    else:
        xml = xml.replace("<numFmts", f'<numFmts><numFmt numFmtId="200" formatCode="{entity}"/></numFmts><numFmts',
                          1) if "<numFmts" in xml else xml.replace("<fonts", f"<!--{entity}--><fonts", 1)
    parts[name] = xml.encode("utf-8")
    return parts


@pytest.mark.parametrize("where", ["sharedStrings", "sheet", "workbook", "styles"])
def test_billion_laughs(tmp_path, where):
    path = write_zip(tmp_path / f"tawa_{where}.xlsx", _attack_parts(where, LAUGHS, "&lol9;"))
    assert_refused(read_isolated(path), RakHostileError, "DTD/ENTITY", "billion laughs", peak_mb=PEAK_MB)


@pytest.mark.parametrize("where", ["sharedStrings", "sheet", "workbook", "styles"])
def test_external_entity_never_read(tmp_path, where):
    secret = tmp_path / "rahasia_lokal.txt"
    secret.write_text("KATA-SANDI-BANK-12345", encoding="utf-8")
    path = write_zip(tmp_path / f"xxe_{where}.xlsx", _attack_parts(where, _xxe(secret), "&xxe;"))
    report = read_isolated(path, secret=secret.name)
    assert_refused(report, RakHostileError, "DTD/ENTITY", "entitas eksternal")
    assert "KATA-SANDI-BANK" not in json.dumps(report)


def test_dtd_in_utf16_part(tmp_path):
    parts = _attack_parts("sharedStrings", LAUGHS, "&lol9;")
    text = parts["xl/sharedStrings.xml"].decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    parts["xl/sharedStrings.xml"] = text.encode("utf-16")
    path = write_zip(tmp_path / "utf16.xlsx", parts)
    assert_refused(read_isolated(path), RakHostileError, "DTD/ENTITY")


def test_dtd_after_a_long_prolog(tmp_path):
    """200 KB of comments before the DTD: the prolog is read to its end."""
    padding = "<!--" + "x" * 200_000 + "-->"
    path = write_zip(tmp_path / "prolog.xlsx", _attack_parts("sharedStrings", padding + LAUGHS, "&lol9;"))
    assert_refused(read_isolated(path), RakHostileError, "DTD/ENTITY")


def test_dtd_in_a_part_named_otherwise(tmp_path):
    """calamine follows the relationships, whatever a part's name: every part is checked."""
    parts = _attack_parts("sharedStrings", LAUGHS, "&lol9;")
    parts["xl/strings.dat"] = parts.pop("xl/sharedStrings.xml")
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"sharedStrings.xml", b"strings.dat")
    path = write_zip(tmp_path / "nama_lain.xlsx", parts)
    assert_refused(read_isolated(path), RakHostileError, "strings.dat", "DTD/ENTITY")


# -- limits can be raised -------------------------------------------------------------

def test_limits_lowered_and_raised(tmp_path):
    # The sample's cells reach L84: 84 rows x 12 columns = 1,008 cells.
    with pytest.raises(RakHostileError, match="L84 .* 1.007 sel"):
        rakxl.read_rak(SAMPLE, limits=Limits(max_cells=1_007))
    assert rakxl.read_rak(SAMPLE, limits=Limits(max_cells=1_008)).total_pagu == 3_051_446_000


def test_limits_from_environment(monkeypatch):
    from click.testing import CliRunner

    from rakxl.cli import cli

    monkeypatch.setenv("RAKXL_LIMITS", "max_cells=1000, max_merges=500,")
    assert rakxl.guard.default_limits() == Limits(max_cells=1000, max_merges=500)
    res = CliRunner().invoke(cli, ["show", str(SAMPLE)])
    assert res.exit_code == 2 and "1.000 sel" in res.output
    monkeypatch.setenv("RAKXL_LIMITS", "max_sel=5")
    res = CliRunner().invoke(cli, ["show", str(SAMPLE)])
    assert res.exit_code == 2 and "RAKXL_LIMITS" in res.output and "max_sel" in res.output
    monkeypatch.setenv("RAKXL_LIMITS", "max_cells=banyak")
    with pytest.raises(RakInputError, match="banyak"):
        rakxl.guard.default_limits()


# -- odd but legitimate content --------------------------------------------------------

def test_hidden_rows_and_sheets(tmp_path):
    def hook(wb, ws):
        ws.set_row(HEADER_ROW + 2, None, None, {"hidden": True})
        ws.set_row(HEADER_ROW + 4, None, None, {"hidden": True})
        ws.hide()
        front = wb.add_worksheet("Petunjuk")
        front.write(0, 0, "Lihat sheet RAK")
        front.activate()

    rak = rakxl.read_rak(write_small_rak(tmp_path / "tersembunyi.xlsx", hook=hook))
    assert rak.sheet == "RAK"
    assert rak.total_pagu == TOTAL
    assert rak.activities["kegiatan"].tolist() == [
        "Distribusi logistik", "Inventarisasi logistik", "Supervisi tahapan", "Tes kompetensi", "Asesmen pegawai"]


def test_very_long_and_non_latin_texts(tmp_path):
    long_text = ("Penyusunan laporan " * 1800)[:32_767]  # Excel's limit for one cell
    texts = [long_text, "تنظيم الانتخابات", "选举物资分发", "ꦥꦼꦩꦶꦭꦸ (aksara Jawa)", "Évaluation – ½ 🗳️"]
    rak = rakxl.read_rak(write_small_rak(tmp_path / "teks.xlsx", texts=texts))
    assert rak.activities["kegiatan"].tolist() == [long_text.strip()] + texts[1:]
    assert rak.total_pagu == TOTAL


@pytest.mark.parametrize("error", ["#REF!", "#DIV/0!"])
def test_error_in_pagu_is_a_note_with_the_cell(tmp_path, error):
    rak = rakxl.read_rak(write_small_rak(tmp_path / "galat.xlsx", pagu={1: error}))
    # Goal 2 sits on row 8 (header on row 5, goal 1 on rows 6-7); Pagu is column G.
    notes = [(n.code, n.cell, n.value) for n in rak.notes if n.role == "pagu"]
    assert ("amount-invalid", "G8", error) in notes
    assert rak.total_pagu == 29_295_000 + 4_600_000


@pytest.mark.parametrize("signature", [
    ("Serang, 28-01-2021", "Sekretaris,", "ANNISA ROSPA.P", "NIP. 19710703 199903 2 007"),
    ("Serang, 28/1/2021", "Sekretaris,", "ANNISA ROSPA.P", "NIP. 19710703 199903 2 007"),
    ("Serang, 28 Jan. 2021", "Sekretaris,", "ANNISA ROSPA.P", "NIP. 19710703 199903 2 007"),
    ("Serang, 28 Pebruari 2021", "Sekretaris,", "ANNISA ROSPA.P", "NIP. 19710703 199903 2 007"),
    ("Serang,", dt.date(2021, 1, 28), "Sekretaris,", "ANNISA ROSPA.P", "NIP. 19710703 199903 2 007"),
])
def test_dates_typed_oddly_in_signature(tmp_path, signature):
    rak = rakxl.read_rak(write_small_rak(tmp_path / "tanggal.xlsx", signature=signature))
    month = 2 if "Pebruari" in str(signature[0]) else 1
    assert rak.meta.signed_on == dt.date(2021, month, 28)
    assert rak.meta.place == "Serang"
    assert rak.meta.signatory == "ANNISA ROSPA.P"
    assert rak.total_pagu == TOTAL


def test_merges_overlapping_and_outside_the_sheet(tmp_path):
    """Overlapping merges and merges far below the last cell (XlsxWriter refuses
    to write them, Excel repairs them): the reader still reads each Pagu once."""
    path = write_small_rak(tmp_path / "gabung_aneh.xlsx")
    parts = {}
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            parts[name] = zf.read(name)
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    extra = ['<mergeCell ref="E6:F7"/>', '<mergeCell ref="F7:F8"/>',           # overlap each other
             '<mergeCell ref="L1:XFD1048576"/>', '<mergeCell ref="H11:H5000"/>']  # far outside the cells
    sheet = re.sub(r'<mergeCells count="(\d+)">', lambda m: f'<mergeCells count="{int(m.group(1)) + 4}">'
                   + "".join(extra), sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    write_zip(path, parts)
    report = read_isolated(path)
    assert report["result"] == "Rak", report
    assert report["total_pagu"] == TOTAL


# -- output safety ------------------------------------------------------------------------

def _run_cli(*args):
    from click.testing import CliRunner

    from rakxl.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args])


def test_output_equal_to_input_refused_through_another_spelling(tmp_path):
    src = tmp_path / "RAK.xlsx"
    src.write_bytes(SAMPLE.read_bytes())
    (tmp_path / "sub").mkdir()
    other_spelling = tmp_path / "sub" / ".." / "RAK.xlsx"
    res = _run_cli("export", src, "--to", "json", "-o", other_spelling)
    assert res.exit_code == 2
    assert "sama dengan file masukan" in res.output
    assert src.read_bytes() == SAMPLE.read_bytes()


def test_output_that_is_a_folder_refused(tmp_path):
    folder = tmp_path / "keluaran"
    folder.mkdir()
    res = _run_cli("export", SAMPLE, "--to", "csv", "-o", folder)
    assert res.exit_code == 2
    assert "directory" in res.output or "folder" in res.output
    assert list(folder.iterdir()) == []


def test_failed_read_leaves_no_output(tmp_path):
    bad = tmp_path / "bom.xlsx"
    write_zip(bad, workbook_parts({"RAK": sheet_xml([("A1", 1), ("XFD1048576", 2)])}))
    out = tmp_path / "hasil.csv"
    res = _run_cli("export", bad, "--to", "csv", "-o", out)
    assert res.exit_code == 2
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["bom.xlsx"]


EXPORT_CHILD = r"""
import os, sys
src, out = sys.argv[1], sys.argv[2]
seen = []
def audit(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        seen.append(("open", os.path.abspath(os.fsdecode(args[0])), str(args[1]), args[2] or 0))
    elif event == "os.rename":
        seen.append(("rename", os.path.abspath(os.fsdecode(args[0])), os.path.abspath(os.fsdecode(args[1]))))
sys.addaudithook(audit)
from rakxl.cli import main
try:
    main(["export", src, "--to", "csv", "-o", out])
except SystemExit as exc:
    code = exc.code
import json
sys.__stdout__.write("\nRESULT " + json.dumps({"code": code, "seen": seen}) + "\n")
"""


def test_export_reads_input_only_and_writes_through_a_temporary_file(tmp_path):
    src = tmp_path / "RAK.xlsx"
    src.write_bytes(SAMPLE.read_bytes())
    os.chmod(src, 0o444)
    out = tmp_path / "kegiatan.csv"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", EXPORT_CHILD, str(src), str(out)], capture_output=True,
                          text=True, env=env, timeout=PROCESS_TIMEOUT, cwd=str(ROOT))
    report = json.loads(proc.stdout[proc.stdout.rfind("\nRESULT ") + 8:])
    assert report["code"] in (0, None), proc.stderr
    src_abs, out_abs = os.path.abspath(src), os.path.abspath(out)
    for event in report["seen"]:
        if event[0] == "open" and event[1] == src_abs:
            mode, flags = event[2], event[3]
            assert not any(m in mode for m in "wax+") and not flags & (os.O_WRONLY | os.O_RDWR), event
        if event[0] == "open" and event[1] == out_abs:
            pytest.fail(f"the output was written in place: {event}")
    renames = [e for e in report["seen"] if e[0] == "rename"]
    assert len(renames) == 1 and renames[0][2] == out_abs and renames[0][1] != out_abs
    assert Path(renames[0][1]).parent == tmp_path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["RAK.xlsx", "kegiatan.csv"]
    assert src.read_bytes() == SAMPLE.read_bytes()


# -- damaged parts found by the mutation fuzz (tests/test_fuzz.py) -------------------------

@pytest.mark.parametrize("name, old, new, words", [
    ("xl/styles.xml", b"<?xml", b"\x00?xml", ["styles.xml", "rusak"]),
    ("xl/styles.xml", b'<xf numFmtId="164" fontId="0"', b'<xf numFmtId="16x4" fontId="0"', ["styles.xml", "rusak"]),
    ("xl/worksheets/sheet1.xml", b'encoding="UTF-8"', b'encoding="U9999999TF-8"', ["encoding", "UTF-8"]),
    ("xl/workbook.xml", b'encoding="UTF-8"', b'encoding="latin-9x"', ["encoding"]),
])
def test_damaged_part_is_a_rak_input_error(tmp_path, name, old, new, words):
    parts = sample_parts()
    assert old in parts[name]
    parts[name] = parts[name].replace(old, new, 1)
    path = write_zip(tmp_path / "rusak_bagian.xlsx", parts)
    with pytest.raises(RakInputError) as info:
        rakxl.read_rak(path)
    assert not isinstance(info.value, RakHostileError)
    for word in words + [RESAVE]:
        assert word in str(info.value)


# -- more aborts of python-calamine, refused by the guard ----------------------------

def test_shared_strings_announcing_four_billion_strings(tmp_path):
    """calamine reserves room for uniqueCount strings up front: 4,294,967,295 of
    them abort the process (found while fuzzing the guard)."""
    parts = sample_parts()
    parts["xl/sharedStrings.xml"] = re.sub(rb'uniqueCount="\d+"', b'uniqueCount="4294967295"',
                                           parts["xl/sharedStrings.xml"], count=1)
    path = write_zip(tmp_path / "teks_banyak.xlsx", parts)
    assert_refused(read_isolated(path), RakHostileError, "sharedStrings.xml", "4.294.967.295 teks")


def test_thousands_of_merges_over_the_whole_sheet(tmp_path):
    """19,000 merges from column C to XFD1048576 (under the count limit): cut to
    the sheet's cells they still cover millions of cells; the reader would walk
    them for minutes."""
    parts = sample_parts()
    extra = b"".join(b'<mergeCell ref="C%d:XFD1048576"/>' % (8 + i % 70) for i in range(19_000))
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        rb'<mergeCells count="(\d+)">', lambda m: b'<mergeCells count="%d">' % (int(m.group(1)) + 19_000) + extra,
        parts["xl/worksheets/sheet1.xml"])
    path = write_zip(tmp_path / "gabung_ribuan.xlsx", parts)
    assert_refused(read_isolated(path), RakHostileError, "sel gabungan", "5.000.000")


@pytest.fixture(scope="module")
def sample_xls(tmp_path_factory) -> Path:
    """The sample saved as a legacy .xls by LibreOffice (a private profile, so
    that other soffice runs do not collide)."""
    import shutil

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is needed to make an .xls")
    out = tmp_path_factory.mktemp("xls")
    profile = (out / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xls",
                    "--outdir", str(out), str(SAMPLE)], check=True, capture_output=True, timeout=180)
    return out / "RAK_2021.xls"


def _patch_xls(source: Path, target: Path, patch) -> Path:
    """Copy an .xls, calling ``patch(kind, record_bytes)`` on each BIFF record of
    its workbook stream; what it returns replaces the record's data (same length)."""
    import struct

    from xlrd import compdoc

    data = bytearray(source.read_bytes())
    stream = compdoc.CompDoc(bytes(data), logfile=open(os.devnull, "w")).get_named_stream("Workbook")
    base = bytes(data).find(stream[:512])
    assert base > 0 and data[base:base + len(stream)] == stream, "the stream must be contiguous"
    pos = 0
    while pos + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, pos)
        new = patch(kind, bytes(stream[pos + 4:pos + 4 + length]))
        if new is not None:
            assert len(new) == length
            data[base + pos + 4:base + pos + 4 + length] = new
        pos += 4 + length
    target.write_bytes(bytes(data))
    return target


def test_legacy_xls_sample_still_reads(sample_xls):
    rak = rakxl.read_rak(sample_xls)
    assert (len(rak.goals), len(rak.activities), rak.total_pagu) == (29, 68, 3_051_446_000)


def test_xls_cell_at_column_65535(tmp_path, sample_xls):
    """BIFF keeps a cell's column in 16 bits: one number at row 65,536, column
    65,536 makes calamine allocate 4 billion cells and abort."""
    import struct

    def far(kind, data):
        if kind in (0x0203, 0x027E, 0x00FD):  # NUMBER, RK, LABELSST: the first one moves
            far.done = getattr(far, "done", 0) + 1
            if far.done == 1:
                return struct.pack("<HH", 65535, 65535) + data[4:]
        return None

    path = _patch_xls(sample_xls, tmp_path / "jauh.xls", far)
    assert_refused(read_isolated(path), RakHostileError, "jauh.xls", "sheet 'RAK Sekretaris'",
                   "4.294.967.296 sel")


def test_xls_dimensions_beyond_limits(tmp_path, sample_xls):
    """The DIMENSIONS record alone (no cell out there) also aborts calamine."""
    import struct

    def dims(kind, data):
        if kind == 0x0200 and len(data) == 14:
            return struct.pack("<IIHHH", 0, 0xFFFFFFFF, 0, 0xFFFF, 0)
        return None

    path = _patch_xls(sample_xls, tmp_path / "dimensi.xls", dims)
    assert_refused(read_isolated(path), RakHostileError, "dimensi.xls", "4.294.967.295 baris")


@pytest.mark.parametrize("kind, patch", [
    # DIMENSIONS whose first row is after its last: calamine subtracts, underflows and aborts
    (0x0200, lambda data: (0xFFFF).to_bytes(4, "little") + data[4:] if len(data) == 14 else None),
    # MULBLANK whose last column is before its first: the same (found by the .xls fuzz)
    (0x00BE, lambda data: data[:-2] + b"\x00\x00"),
])
def test_xls_records_that_underflow(tmp_path, sample_xls, kind, patch):
    def once(k, data):
        if k == kind and not getattr(once, "done", False):
            new = patch(data)
            if new is not None and new != data:
                once.done = True
                return new
        return None

    path = _patch_xls(sample_xls, tmp_path / "mundur.xls", once)
    assert once.done
    assert_refused(read_isolated(path), RakInputError, "mundur.xls", f"0x{kind:04X}", RESAVE)


def test_pagu_beyond_any_budget_is_a_note(tmp_path):
    """A Pagu of 10^20 (a typo, or a file made to overflow the int64 columns; found
    by the fuzz) is left out of the totals and noted with its cell."""
    rak = rakxl.read_rak(write_small_rak(tmp_path / "raksasa.xlsx", pagu={1: 10**20}))
    assert rak.total_pagu == 29_295_000 + 4_600_000
    assert ("amount-invalid", "G8") in [(n.code, n.cell) for n in rak.notes if n.role == "pagu"]
    assert rakxl.parse_amount("Rp 999.999.999.999.999") == 999_999_999_999_999
    assert rakxl.parse_amount("Rp 1.000.000.000.000.000") is None


@pytest.mark.parametrize("magic, name", [(b"PK\x03\x04", "besar.xlsx"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "besar.xls")])
def test_file_beyond_max_file_bytes(tmp_path, magic, name):
    """A 300 MB file (sparse: it costs no disk) is refused by its size before it is
    even opened (the child's audit hook sees no open of it), with little memory."""
    path = tmp_path / name
    with open(path, "wb") as fh:
        fh.write(magic)
        fh.truncate(300 * 1024 * 1024)
    report = read_isolated(path, secret=name)  # any open of the file is reported
    assert_refused(report, RakInputError, name, "file terlalu besar", "314.572.800 byte")
    assert report["opened_secret"] == []


def test_stray_formula_tags_read_in_linear_time(tmp_path):
    """150,000 stray <f/> tags (random attributes, so they do not compress like a
    bomb) after the cells: each was looked back to the last cell, O(n^2), over a
    minute for this 1.2 MB file; read now in well under a second."""
    import random

    rng = random.Random(7)
    parts = sample_parts()
    blob = b"".join(b'<f a="%x"/>' % rng.getrandbits(48) for _ in range(150_000))
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</worksheet>", b'<extLst><ext uri="x">' + blob + b"</ext></extLst></worksheet>")
    path = write_zip(tmp_path / "tag_f.xlsx", parts)
    report = read_isolated(path)
    assert report["result"] == "Rak" and report["total_pagu"] == 3_051_446_000, report


def test_formulas_that_double_at_every_step(tmp_path):
    """K10 (a Pagu) = N100+N100, N100 = N101+N101, ... 40 formulas without saved
    values: evaluated naively that is 2^41 evaluations (hours, for a 3 KB file);
    each formula is evaluated once, so the Pagu reads 2^41 (41 doublings of N140's 1)
    at once."""
    parts = sample_parts()
    sheet = parts["xl/worksheets/sheet1.xml"]
    sheet = sheet.replace(b'<c r="K10" s="6"><v>23134000</v></c>', b'<c r="K10" s="6"><f>N100+N100</f></c>')
    rows = b"".join(b'<row r="%d"><c r="N%d"><f>N%d+N%d</f></c></row>' % (k, k, k + 1, k + 1)
                    for k in range(100, 140))
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        b"</sheetData>", rows + b'<row r="140"><c r="N140"><v>1</v></c></row></sheetData>')
    report = read_isolated(write_zip(tmp_path / "berlipat.xlsx", parts))
    assert report["result"] == "Rak", report
    assert report["total_pagu"] == 3_051_446_000 - 23_134_000 + 2**41


def test_xls_that_makes_calamine_panic_one_line_on_stderr(tmp_path, sample_xls):
    """A defined name (NAME record) whose formula claims 65,535 bytes makes
    calamine panic (found by the .xls fuzz; a Rust panic prints its message and
    backtrace on stderr by itself): the command line still prints one line and
    exits with 2."""
    import struct

    from xlrd import compdoc

    data = bytearray(sample_xls.read_bytes())
    stream = compdoc.CompDoc(bytes(data), logfile=open(os.devnull, "w")).get_named_stream("Workbook")
    base = bytes(data).find(stream[:512])
    pos = 0
    while struct.unpack_from("<H", stream, pos)[0] != 0x0018:  # the first NAME record
        pos += 4 + struct.unpack_from("<H", stream, pos + 2)[0]
    data[base + pos + 9:base + pos + 11] = b"\xff\xff"
    path = tmp_path / "panik.xls"
    path.write_bytes(bytes(data))
    env = dict(os.environ, PYTHONPATH=str(ROOT), RUST_BACKTRACE="1")
    proc = subprocess.run([sys.executable, "-m", "rakxl.cli", "show", str(path)], capture_output=True, text=True,
                          env=env, timeout=PROCESS_TIMEOUT, cwd=str(ROOT))
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "panik.xls" in lines[0] and RESAVE in lines[0], proc.stderr
    assert "panicked" not in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("target", ["xl/worksheets/sheet1.xml", "../xl/worksheets/./sheet1.xml", "WORKSHEETS/SHEET1.XML"])
def test_far_cell_in_a_part_the_relationships_do_not_name_plainly(tmp_path, target):
    """Whatever a relationship's target looks like, and whether or not rakxl maps
    it to a sheet, every XML part's cells are held to the limits."""
    parts = workbook_parts({"RAK": sheet_xml([("A1", "No")])})
    parts["xl/worksheets/sheet2.xml"] = sheet_xml([("A1", 1), ("XFD1048576", 2)])
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b'Target="worksheets/sheet1.xml"', f'Target="{target}"'.encode())
    assert_refused(read_isolated(write_zip(tmp_path / "sasaran.xlsx", parts)), RakHostileError, "XFD1048576")


def test_far_cell_in_a_utf16_sheet(tmp_path):
    xml = sheet_xml([("A1", 1), ("XFD1048576", 2)]).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = write_zip(tmp_path / "utf16_sheet.xlsx", workbook_parts({"RAK": xml.encode("utf-16")}))
    assert_refused(read_isolated(path), RakHostileError, "XFD1048576")


# -- issue 14: no way past the guard, bounded resources --------------------------------------

@pytest.mark.parametrize("ref, words", [
    ("AAAA1048576", ["AAAA1048576"]),          # four letters: column 18,279
    ("A1000000000", ["A1000000000"]),          # a row beyond any sheet
    ("xfd1048576", ["XFD1048576"]),            # lower case, read as a spreadsheet reads it
    ("A99999999999999999999", ["A99999999999999999999"]),  # more digits than 32 bits hold
])
def test_cell_references_any_spreadsheet_reads(tmp_path, ref, words):
    """The guard reads a reference with the grammar of a spreadsheet (any letters,
    any digits, either case), not a pattern that guesses a position for the rest."""
    path = write_zip(tmp_path / "ref.xlsx", workbook_parts({"RAK": sheet_xml([("A1", "No"), (ref, 1)])}))
    report = read_isolated(path)
    assert report["result"] == "RakHostileError", report
    assert any(w.lower() in report["message"].lower() for w in words) or "di luar batas" in report["message"]
    assert_refused(report, RakHostileError, "ref.xlsx", "sheet 'RAK'")


def test_four_letter_column_in_row_one(tmp_path):
    """ZZZZ1 in row 1 made an 8.5-million-cell box that passed max_cols/max_cells."""
    path = write_zip(tmp_path / "zzzz.xlsx", workbook_parts({"RAK": sheet_xml([("A1", "No"), ("ZZZZ1", 1)])}))
    assert_refused(read_isolated(path), RakHostileError, "zzzz.xlsx", "475.254 kolom")


@pytest.mark.parametrize("ref", ["1A", "A0", "$A$1", "A-1", "", "123"])
def test_cell_references_no_spreadsheet_reads_are_refused(tmp_path, ref):
    """A reference outside the grammar is refused (calamine would guess or fail):
    '123' has no column, which calamine turns into column 4,294,967,295."""
    body = f'<row r="1"><c r="A1"><v>1</v></c><c r="{ref}"><v>2</v></c></row>'
    path = write_zip(tmp_path / "ref_salah.xlsx", workbook_parts({"RAK": sheet_xml(body=body)}))
    report = read_isolated(path)
    assert report["result"] in ("RakInputError", "RakHostileError"), report
    assert_refused(report, getattr(rakxl, report["result"]), "ref_salah.xlsx", "sheet 'RAK'")


@pytest.mark.parametrize("junk", [b"x", b"\x0c", "\u00a0".encode(), b"\x00"])
def test_part_whose_first_byte_is_not_xml(tmp_path, junk):
    """One junk byte before the XML: the part was taken as 'not XML' and never
    scanned, while calamine parsed it. Every part handed to the parser is parsed
    as XML now, whatever its first bytes; one that is not XML is refused."""
    xml = junk + sheet_xml([("A1", 1), ("XFD1048576", 2)])
    path = write_zip(tmp_path / "sampah.xlsx", workbook_parts({"RAK": xml}))
    assert_refused(read_isolated(path), RakInputError, "sampah.xlsx", "sheet1.xml", "bukan XML yang sah", RESAVE)


def _far_workbook() -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in workbook_parts({"RAK": sheet_xml([("A1", 1), ("XFD1048576", 2)])}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def _eocd_at(data: bytes) -> int:
    return data.rfind(b"PK\x05\x06")


def test_two_zips_glued_with_a_comment_that_is_not_there(tmp_path):
    """A hostile zip, then a good one whose end record claims a comment that is
    not there: zip readers differ on which archive they read. The parser is given
    the parts Python's zipfile read (and the guard checked), whichever that is."""
    good = SAMPLE.read_bytes()
    at = _eocd_at(good)
    glued = bytearray(_far_workbook() + good)
    glued[len(glued) - len(good) + at + 20:len(glued) - len(good) + at + 22] = (40).to_bytes(2, "little")
    path = tmp_path / "dua_zip.xlsx"
    path.write_bytes(bytes(glued))
    report = read_isolated(path)
    if report["result"] == "Rak":  # Python read the good archive: it is read exactly
        assert (report["total_pagu"], report["activities"]) == (3_051_446_000, 68), report
    else:
        assert_refused(report, getattr(rakxl, report["result"]), "dua_zip.xlsx")


def test_zip64_end_record_pointing_elsewhere(tmp_path):
    """The local files of a hostile archive, then a good archive; a ZIP64 end
    record (what Python's zipfile reads) points at the hostile archive's directory,
    the 32-bit end record (what other readers take) at the good one. The parser is
    given what zipfile read and the guard checked: the hostile archive, refused."""
    import struct

    bad, good = _far_workbook(), SAMPLE.read_bytes()
    bad_end, good_end = _eocd_at(bad), _eocd_at(good)
    bad_entries = struct.unpack_from("<H", bad, bad_end + 10)[0]
    bad_cd_size, bad_cd_offset = struct.unpack_from("<II", bad, bad_end + 12)
    entries = struct.unpack_from("<H", good, good_end + 10)[0]
    cd_size, cd_offset = struct.unpack_from("<II", good, good_end + 12)
    out = bytearray(bad[:bad_cd_offset]) + good[:good_end]
    bad_cd_at = len(out)
    out += bad[bad_cd_offset:bad_cd_offset + bad_cd_size]
    zip64_at = len(out)
    out += struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, bad_entries, bad_entries, bad_cd_size,
                       bad_cd_at)
    out += struct.pack("<4sIQI", b"PK\x06\x07", 0, zip64_at, 1)
    out += struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, entries, entries, cd_size, cd_offset + bad_cd_offset, 0)
    path = tmp_path / "zip64.xlsx"
    path.write_bytes(bytes(out))
    with zipfile.ZipFile(path) as zf:  # zipfile reads the hostile archive
        assert b"XFD1048576" in zf.read("xl/worksheets/sheet1.xml")
    assert_refused(read_isolated(path), RakHostileError, "zip64.xlsx", "XFD1048576")


def test_parser_gets_only_the_parts_the_guard_read(tmp_path):
    """What calamine is given is a new zip of the parts the guard inflated and
    parsed: a part that is neither XML nor a relationship target is not in it."""
    import io

    from rakxl import guard

    parts = workbook_parts({"RAK": sheet_xml([("A1", "No")])})
    parts["xl/media/gambar.png"] = b"\x89PNG\r\n\x1a\n" + bytes(100)
    path = write_zip(tmp_path / "paket.xlsx", parts)
    package = guard.load_xlsx(path, Limits())
    with zipfile.ZipFile(io.BytesIO(package.zip_bytes())) as clean:
        names = clean.namelist()
        assert "xl/media/gambar.png" not in names
        assert sorted(names) == sorted(n for n in parts if n != "xl/media/gambar.png")
        assert all(i.compress_type == zipfile.ZIP_STORED for i in clean.infolist())


def test_xls_sheet_pointer_inside_another_record(tmp_path, sample_xls):
    """A BOUNDSHEET whose offset points inside another record's payload, where a
    far cell and an EOF are hidden: a walk of the records in order never sees the
    cell, calamine (which starts the sheet at the offset) does. The guard walks
    from the offset too."""
    import struct

    from xlrd import compdoc

    data = bytearray(sample_xls.read_bytes())
    stream = compdoc.CompDoc(bytes(data), logfile=open(os.devnull, "w")).get_named_stream("Workbook")
    base = bytes(data).find(stream[:512])
    hidden = struct.pack("<HHHHH", 0x0203, 14, 65535, 65535, 0) + struct.pack("<d", 1.0) + struct.pack("<HH", 0x000A, 0)
    pos, host, boundsheet = 0, None, None
    while pos + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, pos)
        if kind == 0x0085 and boundsheet is None:
            boundsheet = pos
        if host is None and kind in (0x0031, 0x041E, 0x00E0) and length >= len(hidden):  # FONT, FORMAT, XF
            host = pos
        pos += 4 + length
    assert host is not None and boundsheet is not None
    data[base + host + 4:base + host + 4 + len(hidden)] = hidden
    data[base + boundsheet + 4:base + boundsheet + 8] = struct.pack("<I", host + 4)
    path = tmp_path / "penunjuk.xls"
    path.write_bytes(bytes(data))
    assert_refused(read_isolated(path), RakHostileError, "penunjuk.xls", "4.294.967.296 sel")


def test_xls_shared_strings_announcing_billions(tmp_path, sample_xls):
    """An SST record announcing 2,147,483,647 strings: calamine reserves room for
    them all first and aborts."""
    import struct

    def sst(kind, data):
        if kind == 0x00FC:
            return data[:4] + struct.pack("<i", 2**31 - 1) + data[8:]
        return None

    path = _patch_xls(sample_xls, tmp_path / "sst.xls", sst)
    assert_refused(read_isolated(path), RakHostileError, "sst.xls", "2.147.483.647 teks")


def test_one_long_shared_string_used_by_many_cells(tmp_path):
    """One 1 MB shared string used by 2,000 cells (a 600 KB file) expands to 2 GB
    in the parser (3.9 GB measured): refused from the strings' lengths x uses."""
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 2001))
    import random

    rng = random.Random(14)
    text = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(1024 * 1024))  # not a zip bomb
    sst = (f'{XML_DECL}<sst xmlns="{MAIN_NS}" count="2000" uniqueCount="1"><si><t>{text}</t></si></sst>').encode()
    path = write_zip(tmp_path / "teks_panjang.xlsx", workbook_parts({"RAK": sheet_xml(body=cells)},
                                                                    shared_strings=sst))
    assert path.stat().st_size < 2 * 1024 * 1024
    assert_refused(read_isolated(path), RakHostileError, "teks_panjang.xlsx", "shared strings", "167.772.160",
                   peak_mb=400)  # 3.9 GB before


def test_formulas_reading_millions_of_cells(tmp_path):
    """Three Pagu formulas of 500 ranges of 99,999 cells each, no saved value
    (each range is capped, their number was not: 150 s): the cells read by all
    formulas of a workbook together are held to a budget."""
    parts = sample_parts()
    sheet = parts["xl/worksheets/sheet1.xml"]
    huge = "SUM(" + ",".join(f"Z{i}:Z{i + 99998}" for i in range(1, 501)) + ")"
    for ref, value in ((b"K10", b"23134000"),):
        old = b'<c r="%s" s="6"><v>%s</v></c>' % (ref, value)
        assert old in sheet
        sheet = sheet.replace(old, b'<c r="%s" s="6"><f>%s</f></c>' % (ref, huge.encode()))
    parts["xl/worksheets/sheet1.xml"] = sheet
    path = write_zip(tmp_path / "rumus_besar.xlsx", parts)
    assert_refused(read_isolated(path), RakHostileError, "rumus_besar.xlsx", "500.000 sel")


def with_extra_parts(path, count: int, part: bytes):
    """A one-cell workbook at ``path`` plus ``count`` extra parts ``xl/extra/p<i>.xml``,
    each holding ``part`` and compressed as tightly as zip allows (a small file that
    inflates to much XML). Returns ``path``."""
    write_zip(path, workbook_parts({"RAK": sheet_xml([("A1", 1)])}))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for i in range(count):
            zf.writestr(f"xl/extra/p{i}.xml", part)
    return path


def test_many_parts_of_empty_cells_refused_from_the_directory(tmp_path):
    """240 parts of 1 MB of <c/> in a small file (refused after 79 s before):
    the XML the parser would read, all parts together, is over budget, which the
    zip directory tells before anything is inflated."""
    path = with_extra_parts(tmp_path / "banyak_c.xlsx", 240, b"<w>" + b"<c/>" * (1_000_000 // 4 - 16) + b"</w>")
    assert path.stat().st_size < 2 * 1024 * 1024
    assert_refused(read_isolated(path), RakHostileError, "banyak_c.xlsx", "167.772.160")


def test_parts_of_odd_cells_refused_by_the_element_budget(tmp_path):
    """Under the byte budget, 100 parts of <x:c/> (a prefix: the exact pass reads
    them one element at a time) are refused by the element budget, counted before
    the pass."""
    block = b"<x:c/>" * (1_000_000 // 6 - 16)
    path = with_extra_parts(tmp_path / "elemen.xlsx", 100, b'<w xmlns:x="urn:x">' + block + b"</w>")
    assert_refused(read_isolated(path), RakHostileError, "elemen.xlsx", "6.000.000 elemen")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_fifo_refused_before_opening(tmp_path):
    """A FIFO named like a workbook hung show, check and totals forever (opening
    it waits for a writer): it is refused from its kind, before it is opened."""
    fifo = tmp_path / "pipa.xlsx"
    os.mkfifo(fifo)
    report = read_isolated(fifo)
    assert_refused(report, RakInputError, "pipa.xlsx", "FIFO")
    env = dict(os.environ, PYTHONPATH=str(ROOT), RAKXL_LANG="id")
    for args in (["check", str(fifo)], ["totals", str(fifo)]):
        proc = subprocess.run([sys.executable, "-m", "rakxl.cli", *args], capture_output=True, text=True,
                              env=env, timeout=PROCESS_TIMEOUT, cwd=str(ROOT))
        assert "FIFO" in proc.stdout + proc.stderr, (args, proc.stdout, proc.stderr)
        # check: the input cannot be read (2); totals: listed as unreadable (1, as with any unreadable file)
        assert proc.returncode == (2 if args[0] == "check" else 1), (args, proc.stderr)
        assert "Traceback" not in proc.stderr, (args, proc.stderr)


def test_socket_refused_before_opening(tmp_path):
    import socket

    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets here")
    path = tmp_path / "soket.xlsx"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(RakInputError, match="soket"):
            rakxl.read_rak(path)
    finally:
        server.close()


def test_encryption_told_from_the_container_not_from_bytes(tmp_path, sample_xls):
    """An .xls whose text holds the word 'EncryptionInfo' (as UTF-16, as a stream
    name is written) is read: encryption is told from the container's directory."""
    word = "EncryptionInfo".encode("utf-16-le")
    data = bytearray(sample_xls.read_bytes())
    free = data.rfind(bytes(64))  # unused bytes in the container (padding of a sector)
    assert free > 512
    data[free:free + len(word)] = word
    path = tmp_path / "kata.xls"
    path.write_bytes(bytes(data))
    rak = rakxl.read_rak(path)
    assert (len(rak.activities), rak.total_pagu) == (68, 3_051_446_000)


# -- issue 14: a batch counts every good file and lists every bad one ---------------------------

def hostile_files(folder: Path, sample_xls: Path | None = None) -> list[Path]:
    """One file of each kind the issue found (built here), in ``folder``."""
    import random
    import struct

    folder.mkdir(parents=True, exist_ok=True)
    out = []

    def add(name, parts):
        out.append(write_zip(folder / name, parts))

    add("ref_aaaa.xlsx", workbook_parts({"RAK": sheet_xml([("A1", "No"), ("AAAA1048576", 1)])}))
    add("ref_baris.xlsx", workbook_parts({"RAK": sheet_xml([("A1", "No"), ("A1000000000", 1)])}))
    add("ref_kecil.xlsx", workbook_parts({"RAK": sheet_xml([("A1", "No"), ("xfd1048576", 1)])}))
    add("ref_zzzz.xlsx", workbook_parts({"RAK": sheet_xml([("A1", "No"), ("ZZZZ1", 1)])}))
    for i, junk in enumerate([b"x", b"\x0c", "\u00a0".encode()]):
        add(f"sampah_{i}.xlsx", workbook_parts({"RAK": junk + sheet_xml([("A1", 1), ("XFD1048576", 2)])}))
    good = SAMPLE.read_bytes()
    glued = bytearray(_far_workbook() + good)
    at = len(glued) - len(good) + _eocd_at(good)
    glued[at + 20:at + 22] = (40).to_bytes(2, "little")
    (folder / "dua_zip.xlsx").write_bytes(bytes(glued))
    out.append(folder / "dua_zip.xlsx")
    rng = random.Random(14)
    text = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(1024 * 1024))
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 2001))
    add("teks_panjang.xlsx", workbook_parts({"RAK": sheet_xml(body=cells)}, shared_strings=(
        f'{XML_DECL}<sst xmlns="{MAIN_NS}" count="2000" uniqueCount="1"><si><t>{text}</t></si></sst>').encode()))
    parts = sample_parts()
    huge = "SUM(" + ",".join(f"Z{i}:Z{i + 99998}" for i in range(1, 501)) + ")"
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b'<c r="K10" s="6"><v>23134000</v></c>', b'<c r="K10" s="6"><f>%s</f></c>' % huge.encode())
    add("rumus_besar.xlsx", parts)
    out.append(with_extra_parts(folder / "banyak_c.xlsx", 240, b"<w>" + b"<c/>" * (1_000_000 // 4 - 16) + b"</w>"))
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipa.xlsx")
        out.append(folder / "pipa.xlsx")
    with open(folder / "besar.xls", "wb") as fh:
        fh.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
        fh.truncate(300 * 1024 * 1024)
    out.append(folder / "besar.xls")
    if sample_xls is not None:
        from xlrd import compdoc

        data = bytearray(sample_xls.read_bytes())
        stream = compdoc.CompDoc(bytes(data), logfile=open(os.devnull, "w")).get_named_stream("Workbook")
        base = bytes(data).find(stream[:512])
        hidden = (struct.pack("<HHHHH", 0x0203, 14, 65535, 65535, 0) + struct.pack("<d", 1.0)
                  + struct.pack("<HH", 0x000A, 0))
        pos, host, boundsheet = 0, None, None
        while pos + 4 <= len(stream):
            kind, length = struct.unpack_from("<HH", stream, pos)
            if kind == 0x0085 and boundsheet is None:
                boundsheet = pos
            if host is None and kind in (0x0031, 0x041E, 0x00E0) and length >= len(hidden):
                host = pos
            pos += 4 + length
        data[base + host + 4:base + host + 4 + len(hidden)] = hidden
        data[base + boundsheet + 4:base + boundsheet + 8] = struct.pack("<I", host + 4)
        (folder / "penunjuk.xls").write_bytes(bytes(data))
        out.append(folder / "penunjuk.xls")
    return out


def test_batch_counts_every_good_file_and_lists_every_hostile_one(tmp_path, sample_xls):
    """Good workbooks and every hostile file of issue 14 in one folder: every good
    one is counted, each hostile one is listed with its reason (in a child process
    with a timeout, as every hostile read here)."""
    import shutil

    folder = tmp_path / "kiriman"
    bad = hostile_files(folder / "buruk", sample_xls)
    good = []
    for i in range(60):
        target = folder / "baik" / f"RAK_{i:02d}.xlsx"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE, target)
        with zipfile.ZipFile(target, "a") as zf:  # sixty different files (identical ones count once)
            zf.comment = b"salinan %d" % i
        good.append(target)
    code = (
        "import json, sys\n"
        "from rakxl import read_many\n"
        "r = read_many(sys.argv[1:], jobs=2)\n"
        "print(json.dumps({'read': sorted({k.path for k in r.raks}), 'total': sum(k.total_pagu for k in r.raks),"
        " 'failed': {f.path: f.reason for f in r.failures}}))\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), RAKXL_LANG="id")
    env.pop("RAKXL_LIMITS", None)
    fifo = [str(p) for p in bad if p.name == "pipa.xlsx"]  # a folder search takes regular files only: named here
    proc = subprocess.run([sys.executable, "-c", code, str(folder), *fifo], capture_output=True, text=True, env=env,
                          timeout=PROCESS_TIMEOUT * 3, cwd=str(ROOT))
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    glued = str(folder / "buruk" / "dua_zip.xlsx")  # read exactly when zipfile takes the good archive
    assert [p for p in report["read"] if p != glued] == sorted(str(p) for p in good)
    assert report["total"] == (60 + (glued in report["read"])) * 3_051_446_000
    hostile = {str(p) for p in bad} - {glued}
    assert hostile <= set(report["failed"]), sorted(hostile - set(report["failed"]))
    assert all("berhenti mendadak" not in reason for reason in report["failed"].values()), report["failed"]


def _distinct_copies(folder: Path, n: int) -> list[Path]:
    """``n`` copies of the sample that differ in their zip comment (identical
    files are counted once)."""
    import shutil

    out = []
    for i in range(n):
        out.append(folder / f"RAK_{i}.xlsx")
        shutil.copy(SAMPLE, out[-1])
        with zipfile.ZipFile(out[-1], "a") as zf:
            zf.comment = b"salinan %d" % i
    return out


def _abort_on(name):
    def read(task):
        if task[0].endswith(name):
            import faulthandler

            faulthandler.disable()  # no Python traceback dump: what a native abort looks like
            os.abort()  # stands for a parser that still crashes: SIGABRT, no exception
        return _REAL_READ_ONE(task)
    return read


def _hang_on(name):
    def read(task):
        if task[0].endswith(name):
            time.sleep(3600)
        return _REAL_READ_ONE(task)
    return read


_REAL_READ_ONE = None


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_survives_a_file_that_aborts_the_parser(tmp_path, monkeypatch, jobs):
    """Defence in depth: a file that still aborts the process (SIGABRT, exit 134
    before) is tried again in a fresh worker, then listed; every other file is
    read, with --jobs 1 too."""

    global _REAL_READ_ONE
    import rakxl.totals as totals

    _REAL_READ_ONE = totals._read_one
    files = _distinct_copies(tmp_path, 6)
    monkeypatch.setattr(totals, "_read_one", _abort_on("RAK_2.xlsx"))
    result = rakxl.read_many(files, jobs=jobs, start_method="fork")
    assert [f.path for f in result.failures] == [str(files[2])]
    assert "SIGABRT" in result.failures[0].reason and "dicoba lagi" in result.failures[0].reason
    assert [r.path for r in result.raks] == [str(f) for f in files if f != files[2]]


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="needs fork")
def test_batch_holds_each_file_to_its_time(tmp_path, monkeypatch):
    """A file that takes longer than max_seconds is listed as such; its worker is
    replaced and the other files are read."""

    global _REAL_READ_ONE
    import rakxl.totals as totals

    _REAL_READ_ONE = totals._read_one
    files = _distinct_copies(tmp_path, 4)
    monkeypatch.setattr(totals, "_read_one", _hang_on("RAK_1.xlsx"))
    result = rakxl.read_many(files, jobs=2, start_method="fork", limits=Limits(max_seconds=2))
    assert [f.path for f in result.failures] == [str(files[1])]
    assert "melebihi 2 detik" in result.failures[0].reason
    assert "more than 2 seconds" in result.failures[0].reason.en
    assert [r.path for r in result.raks] == [str(f) for f in files if f != files[1]]


def test_xls_that_xlrd_calls_corrupt_is_read(tmp_path, sample_xls):
    """The root entry's short-stream container starts in the Workbook stream's
    first sector, as some writers leave it: xlrd refuses the container ('Workbook
    corruption: seen[2] == 4'), LibreOffice and calamine read the workbook, and so
    does rakxl (xlrd's ignore_workbook_corruption), within the same limits."""
    import io
    import struct

    import xlrd

    data = bytearray(sample_xls.read_bytes())
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    directory = 512 + struct.unpack_from("<i", data, 0x30)[0] * sector
    entries = {}
    for i in range(sector // 128):
        at = directory + i * 128
        size = struct.unpack_from("<H", data, at + 0x40)[0]
        entries[data[at:at + max(size - 2, 0)].decode("utf-16-le")] = at
    workbook_start = struct.unpack_from("<i", data, entries["Workbook"] + 0x74)[0]
    struct.pack_into("<i", data, entries["Root Entry"] + 0x74, workbook_start)
    path = tmp_path / "ceroboh.xls"
    path.write_bytes(bytes(data))
    with pytest.raises(xlrd.compdoc.CompDocError, match="corruption: seen"):
        xlrd.open_workbook(file_contents=bytes(data), logfile=io.StringIO())
    report = read_isolated(path)
    assert report["result"] == "Rak", report
    assert (report["total_pagu"], report["activities"]) == (3_051_446_000, 68)
    assert report["cli_code"] == 0, report


def test_xls_parser_gets_only_the_stream_the_guard_walked(sample_xls):
    """For an .xls too the parser is given a new container: one directory, one
    allocation table, one stream, the Workbook stream the guard walked (byte for
    byte); large streams (an allocation table past the header's 109 sectors) too."""
    import io

    import python_calamine
    from xlrd import compdoc

    from rakxl import guard

    original = compdoc.CompDoc(sample_xls.read_bytes(), logfile=io.StringIO()).get_named_stream("Workbook")
    clean = guard.load_xls(sample_xls)
    doc = compdoc.CompDoc(clean, logfile=io.StringIO())
    assert [d.name for d in doc.dirlist if d.etype] == ["Root Entry", "Workbook"]
    assert doc.get_named_stream("Workbook") == original
    ours = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(clean))
    theirs = python_calamine.load_workbook(str(sample_xls))
    assert ours.sheet_names == theirs.sheet_names
    assert ours.get_sheet_by_index(0).to_python() == theirs.get_sheet_by_index(0).to_python()
    big = original + bytes(8 * 1024 * 1024)  # 16,000+ sectors: 130 FAT sectors, a DIFAT sector
    container = guard.ole_container(big)
    assert compdoc.CompDoc(container, logfile=io.StringIO()).get_named_stream("Workbook") == big
    assert python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(container)).sheet_names == ours.sheet_names


def test_vml_drawing_that_is_not_xml_does_not_stop_a_read(tmp_path):
    """Excel writes comment boxes as VML, loose markup that is not XML: no parser
    rakxl uses reads it, so it is not handed to the parser nor refused."""
    parts = sample_parts()
    parts["xl/drawings/vmlDrawing1.vml"] = b"<xml xmlns:v='urn:schemas-microsoft-com:vml'><o:p><br></xml>"
    rak = rakxl.read_rak(write_zip(tmp_path / "vml.xlsx", parts))
    assert (rak.total_pagu, len(rak.activities)) == (3_051_446_000, 68)


def test_shared_strings_behind_a_long_comment_still_budgeted(tmp_path):
    """A comment longer than the first bytes looked at, before the <sst> root,
    does not hide the shared strings from their budget."""
    import random

    rng = random.Random(15)
    text = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(1024 * 1024))
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(1, 2001))
    sst = (f'{XML_DECL}<!-- {"x" * 10_000} --><sst xmlns="{MAIN_NS}" count="2000" uniqueCount="1"><si><t>{text}'
           "</t></si></sst>").encode()
    path = write_zip(tmp_path / "komentar.xlsx", workbook_parts({"RAK": sheet_xml(body=cells)}, shared_strings=sst))
    # the 1 MB string is parsed to be measured (never copied 2,000 times: 2 GB)
    assert_refused(read_isolated(path), RakHostileError, "komentar.xlsx", "shared strings", peak_mb=400)
