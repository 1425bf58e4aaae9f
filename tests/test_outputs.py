"""Issue 15: every file rakxl writes is what it says, and nothing a user has is lost.

Each test runs the command line (CliRunner, or a real process where a signal, a
race or a console is the point) on the sample or on small workbooks written here
with xlsxwriter, and looks at the files left behind.
"""
import csv
import io
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time

import openpyxl
import pytest
from click.testing import CliRunner

import rakxl
from rakxl.cli import cli
from tests.conftest import ROOT
from tests.test_reader import BY_PELAKSANA
from tests.helpers import load_script

TOTAL = 3_051_446_000
POSIX = os.name == "posix"
RAKXL = [sys.executable, "-m", "rakxl.cli"]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def proc(*args, **kw):
    return subprocess.run(RAKXL + [str(a) for a in args], capture_output=True, text=True, timeout=300, **kw)


@pytest.fixture
def rak(sample_path, tmp_path):
    """A copy of the sample that the test may try to lose."""
    path = tmp_path / "RAK.xlsx"
    shutil.copy(sample_path, path)
    return path


def small_rak(path, sasaran=("Sasaran satu",), pelaksana="Subbag Umum"):
    """A one-activity-per-goal RAK written by xlsxwriter, text cells as given."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet("RAK")
    for c, head in enumerate(["No", "Sasaran", "Indikator Kinerja", "Target", "Nama Kegiatan/Aksi", "Target",
                              "Pagu Anggaran", "Pelaksana"]):
        ws.write_string(0, c, head)
    for r, text in enumerate(sasaran, start=1):
        ws.write_row(r, 0, [str(r), text, "Indikator", "100%", f"Kegiatan {r}", "1 dok"])
        ws.write_number(r, 6, 1_000_000 * r)
        ws.write_string(r, 7, pelaksana)
    wb.close()
    return path


# -- 1. nothing lost ------------------------------------------------------------------------

def test_totals_never_replaces_an_input_named_by_o(tmp_path, sample_path):
    """`rakxl totals a.xlsx b.xlsx -o a.xlsx` replaced the RAK a.xlsx with the totals."""
    a, b = tmp_path / "a.xlsx", small_rak(tmp_path / "b.xlsx")
    shutil.copy(sample_path, a)
    before = a.read_bytes()
    res = run("totals", a, b, "-o", a)
    assert res.exit_code == 2, res.output
    assert res.stderr.count("\n") == 1 and "sama dengan file masukan" in res.stderr
    assert a.read_bytes() == before
    # the same through a folder: kiriman/ -o kiriman/RAK_X.xlsx
    res = run("totals", tmp_path, "-o", a)
    assert res.exit_code == 2 and a.read_bytes() == before


@pytest.mark.skipif(not POSIX, reason="hard and symbolic links as a user makes them on POSIX")
@pytest.mark.parametrize("link", ["hard", "symbolic"])
@pytest.mark.parametrize("command", [["format", "{rak}", "-o", "{out}"],
                                     ["export", "{rak}", "-o", "{out}"],
                                     ["check", "{rak}", "-o", "{out}"],
                                     ["check", "{rak}", "--annotate", "{out}"],
                                     ["diff", "{rak}", "{rak}", "-o", "{out}"],
                                     ["totals", "{rak}", "-o", "{out}"]])
def test_an_output_linked_to_an_input_is_refused(rak, tmp_path, link, command):
    out = tmp_path / "keluaran.xlsx"
    (os.link if link == "hard" else os.symlink)(rak, out)
    before = rak.read_bytes()
    res = run(*[a.format(rak=rak, out=out) for a in command])
    assert res.exit_code == 2, res.output
    assert "sama dengan" in res.stderr and "masukan" in res.stderr and "Traceback" not in res.output
    assert rak.read_bytes() == before
    assert os.path.islink(out) == (link == "symbolic")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_an_output_that_is_a_pipe_or_a_device_is_refused(rak, tmp_path):
    fifo = tmp_path / "pipa.xlsx"
    os.mkfifo(fifo)
    nodes = [fifo]
    if hasattr(os, "geteuid") and os.geteuid() == 0:   # as root, a device node as rakxl's issue saw it
        node = tmp_path / "null.xlsx"
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        nodes.append(node)
    for node in nodes:
        for command in (["format", rak, "-o", node], ["export", rak, "-o", node], ["totals", rak, "-o", node]):
            res = run(*command)
            assert res.exit_code == 2, (command, res.output)
            assert "bukan file biasa" in res.stderr, res.stderr
        mode = os.stat(node).st_mode
        assert stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["RAK.xlsx"] + [n.name for n in nodes])


@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_an_output_that_is_a_link_to_another_file_writes_that_file(rak, tmp_path):
    target = tmp_path / "nyata.xlsx"
    target.write_bytes(b"old")
    link = tmp_path / "tautan.xlsx"
    os.symlink(target, link)
    assert run("format", rak, "-o", link, "-q").exit_code == 0
    assert os.path.islink(link) and rakxl.read_rak(target).total_pagu == TOTAL


def test_in_place_keeps_every_original_and_the_mode(rak, sample_path):
    original = sample_path.read_bytes()
    os.chmod(rak, 0o444)
    try:
        first = run("format", rak, "--in-place")
        assert first.exit_code == 0, first.output
        assert "RAK.xlsx.bak" in first.stderr
        formatted = rak.read_bytes()
        assert stat.S_IMODE(os.stat(rak).st_mode) == 0o444          # a read-only file stays read-only
        second = run("format", rak, "--in-place", "--quiet")          # twice in a row
        assert second.exit_code == 0 and second.output == ""
    finally:
        os.chmod(rak, 0o644)
    bak, bak1 = rak.with_name("RAK.xlsx.bak"), rak.with_name("RAK.xlsx.1.bak")
    assert bak.read_bytes() == original                                # never overwritten
    assert bak1.read_bytes() == formatted
    assert rakxl.read_rak(rak).total_pagu == TOTAL
    # the original put back and formatted again: its content is already kept, no new backup
    rak.write_bytes(original)
    assert run("format", rak, "--in-place", "-q").exit_code == 0
    assert sorted(p.name for p in rak.parent.iterdir()) == ["RAK.xlsx", "RAK.xlsx.1.bak", "RAK.xlsx.bak"]


@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_in_place_on_a_link_formats_its_target(rak, tmp_path, sample_path):
    link = tmp_path / "tautan.xlsx"
    os.symlink(rak, link)
    res = run("format", link, "--in-place")
    assert res.exit_code == 0, res.output
    assert os.path.islink(link)
    assert rak.with_name("RAK.xlsx.bak").read_bytes() == sample_path.read_bytes()
    assert rak.read_bytes() != sample_path.read_bytes()
    assert rakxl.read_rak(rak).total_pagu == TOTAL


def test_two_in_place_runs_at_once_keep_the_original(tmp_path, sample_path):
    """Two `rakxl format R.xlsx --in-place` started together: some .bak holds the
    original every time (the issue saw the original lost in 7 of 30 rounds)."""
    original = sample_path.read_bytes()
    for round_ in range(4):
        folder = tmp_path / f"r{round_}"
        folder.mkdir()
        rak = folder / "R.xlsx"
        rak.write_bytes(original)
        runs = [subprocess.Popen(RAKXL + ["format", str(rak), "--in-place", "-q"], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE) for _ in range(2)]
        codes = [p.wait(timeout=300) for p in runs]
        assert codes == [0, 0], [p.stderr.read() for p in runs]
        backups = [p for p in folder.iterdir() if p.name.endswith(".bak")]
        assert any(b.read_bytes() == original for b in backups), round_
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]
        assert rakxl.read_rak(rak).total_pagu == TOTAL


@pytest.fixture(scope="module")
def big_rak(tmp_path_factory):
    """A 6,000-row RAK from the benchmark generator: writing it takes long enough to be stopped."""
    mod = load_script(ROOT / "benchmarks" / "generate.py", "generate")
    path = tmp_path_factory.mktemp("big") / "RAK_besar.xlsx"
    mod.build(path, 6000)
    return path


@pytest.mark.skipif(not POSIX, reason="SIGTERM and SIGHUP as POSIX sends them")
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_a_signal_while_writing_leaves_no_temporary_file(big_rak, tmp_path, signame):
    out_dir, tmp_dir = tmp_path / "keluar", tmp_path / "tmp"
    out_dir.mkdir()
    tmp_dir.mkdir()
    out = out_dir / "RAK_rapi.xlsx"
    env = {**os.environ, "TMPDIR": str(tmp_dir), "TEMP": str(tmp_dir), "TMP": str(tmp_dir)}
    child = subprocess.Popen(RAKXL + ["format", str(big_rak), "-o", str(out)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 240
    while child.poll() is None and time.monotonic() < deadline:   # the write has started: its temp file exists
        if any(p.name.endswith(".tmp") for p in out_dir.iterdir()):
            break
        time.sleep(0.002)
    assert child.poll() is None, "the run ended before its temporary file was seen"
    child.send_signal(getattr(signal, signame))
    code = child.wait(timeout=120)
    stderr = child.stderr.read().decode()
    assert code == 128 + getattr(signal, signame), stderr
    assert "dibatalkan" in stderr and "Traceback" not in stderr
    assert list(out_dir.iterdir()) == []           # neither the output nor .RAK_rapi.*.xlsx.tmp
    assert list(tmp_dir.iterdir()) == []           # nor library temp files holding the plan's text


# -- 2. folders walked completely or said ---------------------------------------------------

@pytest.mark.skipif(not POSIX, reason="symbolic links")
def test_folder_links_followed_once_broken_links_listed(tmp_path):
    root = tmp_path / "kiriman"
    (root / "unit1").mkdir(parents=True)
    small_rak(root / "unit1" / "RAK_1.xlsx")
    elsewhere = tmp_path / "di_luar"
    elsewhere.mkdir()
    small_rak(elsewhere / "RAK_2.xlsx", sasaran=("Sasaran dua", "Sasaran tiga"))
    os.symlink(elsewhere, root / "unit2")                   # a linked subfolder: followed
    os.symlink(root, root / "unit1" / "kembali")            # a loop: detected, not walked again
    os.symlink(tmp_path / "hilang.xlsx", root / "RAK_3.xlsx")  # a broken link: listed
    res = run("totals", root, "--by", "file", "--json")
    assert res.exit_code == 1, res.output
    rows = json.loads(res.stdout)
    assert sorted(os.path.basename(r["file"]) for r in rows) == ["RAK_1.xlsx", "RAK_2.xlsx"]
    assert sum(r["pagu"] for r in rows) == 1_000_000 + 3_000_000
    assert "RAK_3.xlsx" in res.stderr and "tautan (symlink) rusak" in res.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_links_to_missing_folders_and_pipes_in_folders_are_listed(tmp_path):
    root = tmp_path / "kiriman"
    root.mkdir()
    small_rak(root / "RAK_1.xlsx")
    os.symlink(tmp_path / "folder_hilang", root / "unit_hilang")   # a link to a folder that is gone
    os.mkfifo(root / "RAK_pipa.xlsx")                              # a pipe named like a workbook
    res = run("totals", root, "--json")
    assert res.exit_code == 1, res.output
    assert sum(r["pagu"] for r in json.loads(res.stdout)) == 1_000_000
    assert "unit_hilang" in res.stderr and "tautan (symlink) rusak" in res.stderr
    assert "RAK_pipa.xlsx" in res.stderr and "bukan file biasa" in res.stderr


def test_an_unreadable_subfolder_is_listed(tmp_path, monkeypatch):
    root = tmp_path / "kiriman"
    (root / "tertutup").mkdir(parents=True)
    small_rak(root / "RAK_1.xlsx")
    small_rak(root / "tertutup" / "RAK_2.xlsx", sasaran=("Lain",))
    closed = str(root / "tertutup")
    real_scandir = os.scandir

    def scandir(path="."):  # what a folder without read permission does (also as root)
        if os.fspath(path) == closed:
            raise PermissionError(13, "Permission denied", closed)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    res = run("totals", root, "--json")
    assert res.exit_code == 1, res.output
    assert sum(r["pagu"] for r in json.loads(res.stdout)) == 1_000_000
    assert closed in res.stderr and "folder tidak dapat dibaca" in res.stderr


def test_identical_files_counted_once_with_a_warning_naming_both(tmp_path, sample_path):
    a, b = tmp_path / "unit_a.xlsx", tmp_path / "unit_b.xlsx"
    shutil.copy(sample_path, a)
    shutil.copy(sample_path, b)
    res = run("totals", tmp_path, "--json")
    assert res.exit_code == 0, res.output
    assert sum(r["pagu"] for r in json.loads(res.stdout)) == TOTAL
    warning = [line for line in res.stderr.splitlines() if "unit_b.xlsx" in line]
    assert warning and str(a) in warning[0] and "dihitung sekali" in warning[0]
    out = tmp_path / "total.xlsx"
    assert run("totals", a, b, "-o", out, "-q").exit_code == 0
    sumber = list(openpyxl.load_workbook(out)["Sumber"].iter_rows(values_only=True))
    assert [r[7] for r in sumber if r[0] == str(b)] == [f"isinya sama persis dengan {a}; dihitung sekali"]


def test_excel_lock_file_is_named_as_such(tmp_path):
    lock = tmp_path / "~$RAK.xlsx"
    lock.write_bytes(b"\x0bAnnisa" + b"\x00" * 150)
    res = run("show", lock)
    assert res.exit_code == 2
    assert res.stderr.count("\n") == 1 and "file kunci Excel" in res.stderr and "RAK.xlsx terbuka" in res.stderr


# -- 3. formats match names -------------------------------------------------------------------

def test_export_writes_real_xlsx_and_refuses_mismatched_names(rak, tmp_path):
    out = tmp_path / "kegiatan.xlsx"
    res = run("export", rak, "-o", out)
    assert res.exit_code == 0, res.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["activities", "budgets", "goals", "indicators"]
    rows = list(book["budgets"].iter_rows(values_only=True))
    pagu = rows[0].index("pagu")
    assert sum(r[pagu] for r in rows[1:]) == TOTAL
    for bad in (["--to", "csv", "-o", tmp_path / "x.xlsx"], ["--to", "json", "-o", tmp_path / "x.csv"],
                ["-o", tmp_path / "x.txt"]):
        res = run("export", rak, *bad)
        assert res.exit_code == 2 and res.stderr.count("\n") == 1, (bad, res.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["RAK.xlsx", "kegiatan.xlsx"]
    for bad in (["check", rak, "-o", tmp_path / "temuan.txt"], ["diff", rak, rak, "-o", tmp_path / "d.pdf"],
                ["totals", rak, "-o", tmp_path / "t.ods"], ["format", rak, "-o", tmp_path / "r.xls"]):
        assert run(*bad).exit_code == 2, bad


TRICKY = ("=HYPERLINK(\"http://x\",\"klik\")", "+62 812 3456", "@SUM(A1)", "\uff1d1+1", "\uff0bcmd", "\uff0d2",
          "\uff20A1", "  =1+1", "Sasaran biasa")


def test_csv_to_the_screen_is_escaped_like_csv_to_a_file(tmp_path):
    path = small_rak(tmp_path / "RAK_rumus.xlsx", sasaran=TRICKY)
    screen = run("export", path, "--to", "csv", "--table", "goals")
    assert screen.exit_code == 0, screen.output
    out = tmp_path / "sasaran.csv"
    assert run("export", path, "--table", "goals", "-o", out, "-q").exit_code == 0
    from_file = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    from_screen = list(csv.DictReader(io.StringIO(screen.stdout)))
    assert [r["sasaran"] for r in from_screen] == [r["sasaran"] for r in from_file]
    # (the reader strips the spaces before "=1+1")
    assert [r["sasaran"] for r in from_screen] == ["'" + t.strip() for t in TRICKY[:-1]] + ["Sasaran biasa"]


def test_check_o_xlsx_writes_the_findings(rak, tmp_path):
    """It always crashed: pandas refused the .xlsx.tmp name."""
    out = tmp_path / "temuan.xlsx"
    res = run("check", rak, "-o", out)
    assert res.exit_code == 1 and res.stdout == "" and "Traceback" not in res.output
    rows = list(openpyxl.load_workbook(out)["Temuan"].iter_rows(values_only=True))
    assert rows[0] == ("No", "File", "Tingkat", "Kode", "Sheet", "Sel", "Sasaran", "Pesan")
    missing = [(r[5], r[6]) for r in rows[1:] if r[3] == "missing-budget"]
    assert missing == [("K39", "13"), ("K49", "20"), ("K55", "23"), ("K60", "25")]
    assert {r[2] for r in rows[1:]} == {"kesalahan", "peringatan", "info"}


def test_a_bad_annotate_name_is_refused_before_the_findings(rak, tmp_path):
    res = run("check", rak, "--annotate", tmp_path / "salinan.xls")
    assert res.exit_code == 2 and res.stdout == "" and ".xlsx" in res.stderr


def _rewrite_part(src, dst, part, change):
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, change(data) if info.filename == part else data)
    return dst


def test_annotate_on_odd_styles_never_tracebacks(sample_path, tmp_path):
    """A cell with an unknown style index (s="999"): a copy, or one line, never a traceback."""
    import re
    import zipfile

    with zipfile.ZipFile(sample_path) as z:
        sheet = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    odd = _rewrite_part(sample_path, tmp_path / "gaya.xlsx", sheet,
                        lambda b: re.sub(rb' s="\d+"', b' s="999"', b, count=1))
    res = run("check", odd, "--annotate", tmp_path / "salinan.xlsx")
    assert res.exit_code in (1, 2) and "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    # one junk byte before the XML of the sheet part: one line naming the file, exit 2
    junk = _rewrite_part(sample_path, tmp_path / "sampah.xlsx", sheet, lambda b: b"\x00" + b)
    res = run("check", junk, "--annotate", tmp_path / "salinan2.xlsx")
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert res.stderr.count("\n") == 1 and "sampah.xlsx" in res.stderr
    assert not (tmp_path / "salinan2.xlsx").exists()


# -- 4. one voice -------------------------------------------------------------------------------

def test_every_writing_command_confirms_on_stderr_unless_quiet(rak, tmp_path):
    commands = {
        "format": ["format", rak, "-o", tmp_path / "rapi.xlsx"],
        "export": ["export", rak, "-o", tmp_path / "kegiatan.csv"],
        "check": ["check", rak, "-o", tmp_path / "temuan.json"],
        "annotate": ["check", rak, "--annotate", tmp_path / "salinan.xlsx"],
        "totals": ["totals", rak, "-o", tmp_path / "total.xlsx"],
        "diff": ["diff", rak, rak, "-o", tmp_path / "beda.xlsx"],
    }
    for name, argv in commands.items():
        res = run(*argv)
        assert res.exit_code in (0, 1), (name, res.output)
        if name != "annotate":       # -o replaces the screen output (--annotate writes a copy besides it)
            assert res.stdout == "", (name, res.stdout)
        assert f"ditulis: {argv[-1]}" in res.stderr, (name, res.stderr)
        quiet = run(*argv, "--quiet")
        assert quiet.stderr == "", (name, quiet.stderr)
    res = run("totals", rak, "-o", tmp_path / "total.csv", "--lang", "en")
    # one row per Pelaksana of the sample (tests.test_reader.BY_PELAKSANA)
    assert res.stderr.strip() == f"rakxl: wrote {tmp_path / 'total.csv'} ({len(BY_PELAKSANA)} rows)"


def test_clicks_own_words_follow_the_language(rak):
    res = run("format", rak, "--paper", "A5", "-o", "x.xlsx")
    assert res.exit_code == 2
    assert "Pemakaian:" in res.output and "Nilai tidak sah untuk '--paper'" in res.output
    assert "Invalid value" not in res.output and "Usage:" not in res.output
    en = run("format", rak, "--paper", "A5", "-o", "x.xlsx", "--lang", "en")
    assert "Usage:" in en.output and "Invalid value for '--paper'" in en.output
    assert "Tampilkan pesan ini lalu keluar." in run("format", "--help").output
    assert "Show this message and exit." in run("format", "--help", "--lang", "en").output
    # click's English comes back after a run
    assert "Show this message and exit." in CliRunner().invoke(
        __import__("click").Command("x", callback=lambda: None), ["--help"]).output


def test_choices_in_any_case(rak, tmp_path):
    assert run("format", rak, "--paper", "a4", "-o", tmp_path / "a.xlsx", "--lang", "EN").exit_code == 0
    assert run("export", rak, "--to", "CSV", "--table", "Goals").exit_code == 0
    assert run("totals", rak, "--by", "Pelaksana", "--json").exit_code == 0


@pytest.mark.parametrize("command", [["show", "{d}"], ["format", "{d}", "-o", "{d}/x.xlsx"],
                                     ["export", "{d}"], ["diff", "{d}", "{d}"], ["check", "{d}"]])
def test_a_folder_where_a_file_belongs_is_one_line(tmp_path, command):
    res = proc(*[a.format(d=tmp_path) for a in command])
    assert res.returncode == 2
    assert len(res.stderr.strip().splitlines()) == 1 and "folder" in res.stderr and "Usage" not in res.stderr


def test_indonesian_numbers_are_grouped_with_dots(tmp_path):
    big = tmp_path / "besar.xlsx"
    with open(big, "wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.truncate(300 * 1024 * 1024)
    res = run("show", big)
    assert res.exit_code == 2 and "314.572.800 byte" in res.stderr, res.stderr
    en = run("show", big, "--lang", "en")
    assert "314,572,800" in en.stderr or "314.572.800" in en.stderr


# -- 6. workbooks people print ------------------------------------------------------------------

def test_totals_workbook_is_print_ready_and_names_the_unit(rak, tmp_path):
    out = tmp_path / "total.xlsx"
    assert run("totals", rak, "--by", "sasaran,pelaksana", "-o", out, "-q").exit_code == 0
    book = openpyxl.load_workbook(out)
    ws = book["Total"]
    title = [ws.cell(r, 1).value for r in range(1, 6)]
    assert title[0] == "Jumlah Pagu Anggaran"
    assert "KOMISI PEMILIHAN UMUM PROVINSI BANTEN" in title[1] and "SEKRETARIS" in title[2]
    assert "2021" in title[3]
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows
    head = next(r for r in range(1, 10) if ws.cell(r, 1).value == "Sasaran")
    assert ws.print_title_rows == f"${head}:${head}"
    assert ws.cell(head + 1, 1).alignment.wrap_text
    tall = [ws.row_dimensions[r].height for r in range(head + 1, ws.max_row) if ws.row_dimensions[r].height]
    assert tall and max(tall) > 15                     # long Sasaran rows get the height they need
    last = ws.max_row
    assert ws.cell(last, 3).value == f"=SUBTOTAL(109,C{head + 1}:C{last - 1})"


# -- 4. what the author wrote ------------------------------------------------------------------

def _rak_with(path, pagu, jumlah=None):
    """Two goals; the first Pagu as given (text or number), an optional JUMLAH row."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    ws = wb.add_worksheet("RAK")
    ws.write_row(0, 0, ["No", "Sasaran", "Indikator Kinerja", "Target", "Nama Kegiatan/Aksi", "Target",
                        "Pagu Anggaran", "Pelaksana"])
    ws.write_row(1, 0, ["1", "Sasaran satu", "Indikator", "100%", "Kegiatan 1", "1 dok"])
    (ws.write_string if isinstance(pagu, str) else ws.write_number)(1, 6, pagu)
    ws.write_string(1, 7, "Subbag Umum")
    ws.write_row(2, 0, ["2", "Sasaran dua", "Indikator", "100%", "Kegiatan 2", "1 dok"])
    ws.write_number(2, 6, 2_000_000)
    ws.write_string(2, 7, "Subbag Umum")
    if jumlah is not None:
        ws.write_string(3, 0, "JUMLAH")
        ws.write_string(3, 6, jumlah)
    wb.close()
    return path


def test_format_refuses_an_unreadable_pagu_naming_the_cell(tmp_path):
    src = _rak_with(tmp_path / "RAK.xlsx", "lihat lampiran", "Rp 3.000.000.000")
    for args in (["-o", tmp_path / "rapi.xlsx"], ["--in-place"]):
        res = run("format", src, *args)
        assert res.exit_code == 2, res.output
        assert res.stderr.count("\n") == 1 and "sel G2" in res.stderr and "lihat lampiran" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["RAK.xlsx"]
    with pytest.raises(rakxl.RakInputError, match="lihat lampiran"):
        rakxl.write_rak(rakxl.read_workbook(src), tmp_path / "rapi.xlsx")


def test_format_refuses_a_stated_jumlah_it_would_replace(tmp_path):
    src = _rak_with(tmp_path / "RAK.xlsx", 1_000_000, "Rp 3.000.000.000")
    res = run("format", src, "-o", tmp_path / "rapi.xlsx")
    assert res.exit_code == 2 and "sel G4" in res.stderr and "Rp 3.000.000.000" in res.stderr
    assert "Rp 3.000.000" in res.stderr              # what the Pagu add up to
    assert not (tmp_path / "rapi.xlsx").exists()


def test_format_says_what_it_changed(tmp_path):
    src = _rak_with(tmp_path / "RAK.xlsx", "Rp 1.000.000", "Rp 3.000.000")
    out = tmp_path / "rapi.xlsx"
    res = run("format", src, "-o", out)
    assert res.exit_code == 0, res.output
    assert "sel G2: Pagu 'Rp 1.000.000' (teks) ditulis sebagai angka Rp 1.000.000" in res.stderr
    assert rakxl.read_rak(out).total_pagu == 3_000_000
    quiet = run("format", src, "-o", out, "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""
