"""The checker as a whole: check(), check_file(), the catalogue, `rakxl check` and --annotate."""
import json
import shutil
import subprocess
import sys

import openpyxl
import pytest
from click.testing import CliRunner

import rakxl
from rakxl.cli import cli
from rakxl.exceptions import RakFileError
from rakxl.findings import CATALOGUE
from tests.conftest import ROOT
from tests.rules.build import clean_merges, clean_rows, fill_sheet, triples, write_rak

CODES = [
    "missing-budget", "merged-cell-gap", "merge-crosses-goal", "numbering", "amount-as-text", "amount-invalid",
    "formula-no-cache", "total-mismatch", "duplicate-goal", "duplicate-budget", "pelaksana-variant",
    "target-format", "target-unit-mismatch", "nip-invalid", "missing-pelaksana", "empty-activity",
    "budget-unlinked", "unit-cost-ignored",
]
SAMPLE_FINDINGS = [
    ("target-unit-mismatch", "5", "F18"),
    ("missing-budget", "13", "K39"),
    ("target-unit-mismatch", "14", "F40"),
    ("duplicate-budget", "17", "K44"),
    ("duplicate-goal", "17", "B44"),
    ("missing-budget", "20", "K49"),
    ("missing-budget", "23", "K55"),
    ("missing-budget", "25", "K60"),
    ("duplicate-budget", "28", "K69"),
    ("pelaksana-variant", "28", "L69"),
    ("duplicate-budget", "29", "K71"),
]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


# -- the sample ------------------------------------------------------------------

def test_sample_findings_exactly(sample):
    found = rakxl.check(sample)
    assert triples(found) == SAMPLE_FINDINGS
    assert {f.sheet for f in found} == {"RAK Sekretaris"}
    assert not {f.code for f in found} & {"merged-cell-gap", "merge-crosses-goal", "numbering"}


def test_sample_messages(sample):
    found = {(f.code, f.no): f for f in rakxl.check(sample)}
    assert found["missing-budget", "13"].message == "Sasaran 13 tidak memiliki Pagu Anggaran di baris mana pun"
    assert found["missing-budget", "13"].message_en == "Goal 13 has no Pagu (budget) on any of its rows"
    assert found["duplicate-budget", "17"].message == (
        "Pagu Sasaran 17 (Rp 1.159.691.000) sama dengan Pagu Sasaran 4, yang Sasarannya sama; "
        "anggaran bisa terhitung dua kali")
    assert found["duplicate-goal", "17"].severity == "warning"
    assert found["missing-budget", "13"].severity == "error"


def test_check_file_is_check_over_every_sheet(sample_path):
    found = rakxl.check_file(sample_path)
    assert triples(found) == SAMPLE_FINDINGS
    assert {f.file for f in found} == {str(sample_path)}


def test_finding_fields(sample):
    f = rakxl.check(sample)[1]
    assert isinstance(f, rakxl.Finding)
    assert f.to_dict() == {
        "code": "missing-budget", "severity": "error", "sheet": "RAK Sekretaris", "cell": "K39", "no": "13",
        "message": "Sasaran 13 tidak memiliki Pagu Anggaran di baris mana pun",
        "message_en": "Goal 13 has no Pagu (budget) on any of its rows",
        "row": 39, "column": "pagu", "file": sample.path,
    }


def test_only_some_codes(sample):
    assert triples(rakxl.check(sample, codes=["pelaksana-variant"])) == [("pelaksana-variant", "28", "L69")]
    with pytest.raises(ValueError):
        rakxl.check(sample, codes=["no-such-code"])


def test_check_wants_a_rak_and_says_so(sample_path):
    with pytest.raises(TypeError, match="check_file"):
        rakxl.check(sample_path)


# -- the catalogue ---------------------------------------------------------------

def test_catalogue_has_the_fixed_codes_each_with_a_rule_and_a_test():
    from rakxl.rules import RULE_BY_CODE

    assert list(CATALOGUE) == CODES
    assert set(RULE_BY_CODE) == set(CODES)
    for code, kind in CATALOGUE.items():
        assert kind.severity in ("error", "warning", "info")
        assert (ROOT / "tests" / "rules" / f"test_{code.replace('-', '_')}.py").exists(), code
    assert {c: k.severity for c, k in CATALOGUE.items() if k.severity != "warning"} == {
        "missing-budget": "error", "merge-crosses-goal": "error", "amount-invalid": "error",
        "formula-no-cache": "error", "total-mismatch": "error", "target-unit-mismatch": "info",
        "budget-unlinked": "info", "unit-cost-ignored": "info"}


# -- several sheets ---------------------------------------------------------------

def test_check_file_goes_sheet_by_sheet_in_workbook_order(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Petunjuk"
    book.active["A1"] = "Isi sheet RAK, satu sheet per unit."
    rows = clean_rows()
    rows[2][10] = None                                   # sheet "Umum": goal 2 without Pagu
    fill_sheet(book.create_sheet("Umum"), rows, total=14_000_000)
    fill_sheet(book.create_sheet("Keuangan"), total=18_000_000)   # sheet "Keuangan": total off
    path = tmp_path / "dua_sheet.xlsx"
    book.save(path)
    found = rakxl.check_file(path)
    assert [(f.sheet, f.code, f.no, f.cell) for f in found] == [
        ("Umum", "missing-budget", "2", "K10"), ("Keuangan", "total-mismatch", None, "K13")]


def test_sorted_by_row_then_code(tmp_path):
    rows = clean_rows()
    rows[2][10] = None      # K10 missing-budget (error)
    rows[2][11] = None      # L10 missing-pelaksana
    rows[2][3] = "Tercapai"  # D10 target-format
    found = rakxl.check(rakxl.read_rak(write_rak(tmp_path / "rak.xlsx", rows, total=None)))
    assert triples(found) == [("missing-budget", "2", "K10"), ("missing-pelaksana", "2", "L10"),
                              ("target-format", "2", "D10")]


def test_clean_plan_has_no_findings(tmp_path):
    assert rakxl.check_file(write_rak(tmp_path / "rak.xlsx")) == []


# -- command line ------------------------------------------------------------------

def test_cli_table(sample_path):
    res = run("check", sample_path)
    assert res.exit_code == 1
    assert "K39  13  kesalahan   missing-budget        Sasaran 13 tidak memiliki Pagu Anggaran" in res.output
    # severity words in one language per run
    assert res.output.rstrip().endswith("11 temuan: 4 kesalahan, 5 peringatan, 2 info")
    assert " error " not in res.output
    en = run("check", sample_path, "--lang", "en").output
    assert en.rstrip().endswith("11 findings: 4 errors, 5 warnings, 2 info") and "peringatan" not in en


def test_cli_json_english(sample_path):
    res = run("check", sample_path, "--json", "--lang", "en")
    assert res.exit_code == 1
    data = json.loads(res.output)
    assert [(d["code"], d["no"], d["cell"]) for d in data] == SAMPLE_FINDINGS
    assert data[1]["message_en"] == "Goal 13 has no Pagu (budget) on any of its rows"
    assert (data[1]["row"], data[1]["column"], data[1]["severity"]) == (39, "pagu", "error")
    assert run("check", sample_path, "--lang", "en").output.rstrip().endswith(
        "11 findings: 4 errors, 5 warnings, 2 info")


def test_cli_exit_0_without_errors(tmp_path):
    clean = write_rak(tmp_path / "bersih.xlsx")
    res = run("check", clean)
    assert (res.exit_code, res.output.strip()) == (0, "Tidak ada temuan.")
    rows = clean_rows()
    rows[2][11] = None  # a warning only
    res = run("check", write_rak(tmp_path / "peringatan.xlsx", rows), "--json")
    assert res.exit_code == 0
    assert [d["code"] for d in json.loads(res.output)] == ["missing-pelaksana"]


def test_cli_unreadable_file_exit_2_others_still_checked(sample_path, tmp_path):
    bad = tmp_path / "rusak.xlsx"
    bad.write_text("bukan workbook", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "rakxl.cli", "check", str(bad), str(sample_path), "--json"],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "rusak.xlsx" in lines[0]
    assert [(d["code"], d["no"], d["cell"]) for d in json.loads(proc.stdout)] == SAMPLE_FINDINGS


def test_cli_folder_and_missing_file_one_line_each(tmp_path):
    res = CliRunner().invoke(cli, ["check", str(tmp_path), str(tmp_path / "tidak_ada.xlsx")])
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 2 and "folder" in lines[0] and "tidak_ada.xlsx" in lines[1]
    assert res.stdout == ""


def test_cli_output_csv(sample_path, tmp_path):
    out = tmp_path / "temuan.csv"
    assert run("check", sample_path, "-o", out).exit_code == 1
    import pandas as pd

    frame = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
    assert list(zip(frame["code"], frame["no"], frame["cell"])) == SAMPLE_FINDINGS


# -- annotated copy --------------------------------------------------------------------

def test_annotate_sample(sample_path, tmp_path):
    src = tmp_path / "RAK_2021.xlsx"
    shutil.copy(sample_path, src)
    before = src.read_bytes()
    out = tmp_path / "RAK_2021_temuan.xlsx"
    res = run("check", src, "--annotate", out)
    assert res.exit_code == 1
    assert src.read_bytes() == before
    original, copy = openpyxl.load_workbook(src), openpyxl.load_workbook(out)
    assert copy.sheetnames == ["Temuan", "RAK Sekretaris"]
    assert copy.active.title == "Temuan"
    ws, ws0 = copy["RAK Sekretaris"], original["RAK Sekretaris"]
    # flagged cells: red for errors, amber for warnings, comment with the message
    assert ws["K39"].fill.fgColor.rgb == "00FFC7CE"
    assert "Sasaran 13 tidak memiliki Pagu Anggaran" in ws["K39"].comment.text
    assert ws["L69"].fill.fgColor.rgb == "00FFE699"
    assert "Subbag Logistik" in ws["L69"].comment.text
    assert ws["F18"].comment is not None and ws["F18"].fill.fgColor.rgb == ws0["F18"].fill.fgColor.rgb
    # the rest of the sheet as it was
    assert sorted(map(str, ws.merged_cells.ranges)) == sorted(map(str, ws0.merged_cells.ranges))
    assert ws["K8"].value == ws0["K8"].value == 29295000
    assert ws["K8"].number_format == ws0["K8"].number_format
    assert ws["A5"].font.b == ws0["A5"].font.b
    assert ws.column_dimensions["B"].width == ws0.column_dimensions["B"].width
    assert ws["K40"].comment is None and ws["K40"].fill.fgColor.rgb == ws0["K40"].fill.fgColor.rgb
    # the Temuan sheet: one row per finding, a link to each cell
    temuan = copy["Temuan"]
    assert [c.value for c in temuan[1]] == ["No", "Tingkat", "Kode", "Sheet", "Sel", "Sasaran", "Pesan"]
    rows = list(temuan.iter_rows(min_row=2, values_only=True))
    assert [(r[2], r[5], r[4]) for r in rows] == SAMPLE_FINDINGS
    assert temuan["E3"].hyperlink.location == "'RAK Sekretaris'!K39"
    # the copy is still a RAK rakxl reads the same
    assert rakxl.read_rak(out).total_pagu == 3_051_446_000


def test_annotate_cell_inside_a_merge_and_existing_comment(tmp_path):
    from openpyxl.comments import Comment

    rows = clean_rows()
    rows[2][10] = None                       # goal 2 has no Pagu of its own...
    merges = [m for m in clean_merges() if m != "K8:K9"] + ["K8:K10"]   # ...goal 1's spans row 10
    src = write_rak(tmp_path / "rak.xlsx", rows, merges, total=14_000_000)
    book = openpyxl.load_workbook(src)
    book["RAK"]["K8"].comment = Comment("cek ke bagian keuangan", "Budi")
    book.save(src)
    found = rakxl.check_file(src)
    assert triples(found) == [("merge-crosses-goal", "1", "K8"), ("missing-budget", "2", "K10")]
    out = tmp_path / "temuan.xlsx"
    rakxl_annotate(src, out, found)
    ws = openpyxl.load_workbook(out)["RAK"]
    text = ws["K8"].comment.text
    assert text.startswith("cek ke bagian keuangan")
    assert "K8:K10" in text and "Sasaran 2 tidak memiliki Pagu" in text
    assert ws["K8"].fill.fgColor.rgb == "00FFC7CE"


def rakxl_annotate(*args, **kwargs):
    from rakxl.annotate import annotate

    return annotate(*args, **kwargs)


def test_annotate_refuses_the_input_as_output(sample_path, tmp_path):
    src = tmp_path / "RAK.xlsx"
    shutil.copy(sample_path, src)
    before = src.read_bytes()
    res = run("check", src, "--annotate", src)
    assert res.exit_code == 2
    assert "sama dengan file masukan" in res.output
    assert src.read_bytes() == before


def test_annotate_one_file_only(sample_path, tmp_path):
    res = run("check", sample_path, sample_path, "--annotate", tmp_path / "out.xlsx")
    assert res.exit_code == 2 and "satu FILE" in res.output


def test_annotate_xls_says_save_as_xlsx(tmp_path):
    old = tmp_path / "lama.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(RakFileError, match=r"lama\.xls.*\.xls \(Excel 97-2003\).*simpan ulang sebagai \.xlsx"):
        rakxl_annotate(old, tmp_path / "out.xlsx", [])
    assert not (tmp_path / "out.xlsx").exists()


def test_annotate_output_must_be_xlsx(sample_path, tmp_path):
    with pytest.raises(RakFileError, match="harus bernama .xlsx"):
        rakxl_annotate(sample_path, tmp_path / "out.xls", [])


def test_annotate_xlsm_gives_a_plain_xlsx(sample_path, tmp_path):
    import zipfile

    from tests import variants as V

    src = V.as_xlsm(sample_path, tmp_path / "RAK.xlsm")
    out = tmp_path / "RAK_temuan.xlsx"
    assert run("check", src, "--annotate", out).exit_code == 1
    assert b"macroEnabled" not in zipfile.ZipFile(out).read("[Content_Types].xml")
    assert openpyxl.load_workbook(out)["RAK Sekretaris"]["K39"].comment is not None


def test_annotate_real_xls_prints_findings_then_says_save_as_xlsx(sample_path, tmp_path):
    from tests import variants as V

    if V.soffice_missing():
        pytest.skip(V.soffice_missing())
    (xls,) = V.to_xls([sample_path], tmp_path)
    out = tmp_path / "temuan.xlsx"
    res = CliRunner().invoke(cli, ["check", str(xls), "--json", "--annotate", str(out)])
    assert res.exit_code == 2
    assert [(d["code"], d["no"], d["cell"]) for d in json.loads(res.stdout)] == SAMPLE_FINDINGS
    assert "simpan ulang sebagai .xlsx" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_readme_shows_the_real_output(monkeypatch):
    """The example in README's 'rakxl check' section is what the command prints."""
    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### rakxl check\n", 1)[1].split("\n### ", 1)[0]
    res = CliRunner().invoke(cli, ["check", "samples/RAK_2021.xlsx"])
    assert res.stdout.strip() in section


def test_annotate_an_xlsx_saved_with_an_xls_name(sample_path, tmp_path):
    """rakxl reads a workbook by its content; the annotated copy must too (openpyxl
    alone refuses a path that does not end in .xlsx)."""
    misnamed = tmp_path / "RAK_2021.xls"
    shutil.copy(sample_path, misnamed)
    out = tmp_path / "temuan.xlsx"
    res = CliRunner().invoke(cli, ["check", str(misnamed), "--annotate", str(out)])
    assert res.exit_code == 1, res.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "Temuan"
