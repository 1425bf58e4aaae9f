"""rakxl's own outputs are known by their mark (rakxl.marker): every workbook rakxl
writes carries it, and every reading path (read_rak, read_workbook, check, show,
totals) recognises it.

The outputs are made by running rakxl's own commands on the sample; the mark is
read back through the zip's custom-properties part, spelled here by hand where the
test is about parsing it.
"""
import shutil
import zipfile

import pytest

import rakxl
from rakxl.exceptions import RakInputError
from rakxl.marker import is_rakxl_output, parse_custom, read_mark
from tests.helpers import run_apart as run

SAMPLE_TOTAL = 3_051_446_000


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Every kind of workbook rakxl writes, from the sample."""
    from tests.conftest import SAMPLE

    d = tmp_path_factory.mktemp("outputs")
    src = d / "src"
    src.mkdir()
    plan = src / "RAK_2021.xlsx"
    shutil.copyfile(SAMPLE, plan)
    out = {"plan": plan}
    out["format"] = d / "rapi.xlsx"
    assert run("format", plan, "-o", out["format"]).exit_code == 0
    out["diff"] = d / "perubahan.xlsx"
    assert run("diff", plan, out["format"], "-o", out["diff"]).exit_code in (0, 1)
    out["totals"] = d / "total.xlsx"
    assert run("totals", plan, "-o", out["totals"]).exit_code == 0
    out["findings"] = d / "temuan.xlsx"
    res = run("check", plan, "-o", out["findings"])
    assert res.exit_code in (0, 1) and isinstance(res.exception, (SystemExit, type(None))), res.exception
    out["annotate"] = d / "beranotasi.xlsx"
    assert run("check", plan, "--annotate", out["annotate"]).exit_code in (0, 1)
    for key, path in out.items():
        assert path.is_file(), key
    return out


def test_every_output_is_marked_and_inputs_are_not(outputs):
    assert read_mark(outputs["plan"]) is None
    kinds = {k: is_rakxl_output(outputs[k]) for k in ("format", "diff", "totals", "findings", "annotate")}
    assert kinds == {"format": "format", "diff": "diff", "totals": "totals", "findings": "findings",
                     "annotate": "annotate"}
    assert read_mark(outputs["diff"]).report_sheets == ("Perubahan",)
    assert read_mark(outputs["annotate"]).report_sheets == ("Temuan",)
    assert read_mark(outputs["totals"]).report_sheets == ("Total", "Sumber", "Peringatan")
    assert read_mark(outputs["format"]).report_sheets == ()
    assert read_mark(outputs["format"]).version == rakxl.__version__


def test_mark_is_a_custom_document_property(outputs):
    with zipfile.ZipFile(outputs["diff"]) as zf:
        xml = zf.read("docProps/custom.xml").decode()
    assert 'name="rakxl-output"' in xml and "<vt:lpwstr>diff</vt:lpwstr>" in xml


def test_diff_workbook_reads_only_its_plan(outputs):
    raks = rakxl.read_workbook(outputs["diff"])
    assert [r.sheet for r in raks] == ["RAK Sekretaris"]
    assert raks[0].total_pagu == SAMPLE_TOTAL
    with pytest.raises(RakInputError, match="sheet 'Perubahan' bukan tabel RAK: sheet laporan"):
        rakxl.read_rak(outputs["diff"], sheet="Perubahan")
    findings = rakxl.check_file(outputs["diff"])
    assert {f.sheet for f in findings} <= {"RAK Sekretaris"}


def test_show_on_each_output(outputs):
    res = run("show", outputs["diff"], "--json")
    assert res.exit_code == 0, res.stderr
    assert '"total_pagu": 3051446000' in res.output
    res = run("show", outputs["annotate"], "--json")
    assert res.exit_code == 0 and '"total_pagu": 3051446000' in res.output
    for kind, said in (("totals", "rekap Pagu dari 'rakxl totals'"), ("findings", "daftar temuan")):
        res = run("show", outputs[kind])
        assert res.exit_code == 2
        assert f"bukan tabel RAK: file ini {said}" in res.stderr
        assert "Traceback" not in res.stderr


def test_totals_over_a_folder_skips_outputs_with_a_notice(outputs, tmp_path):
    folder = tmp_path / "kiriman"
    folder.mkdir()
    for key in ("plan", "format", "diff", "totals", "findings", "annotate"):
        shutil.copyfile(outputs[key], folder / f"{key}.xlsx")
    result = rakxl.read_many([folder], jobs=1)
    assert sorted(p.rsplit("/", 1)[-1] for p in (s.path for s in result.skipped)) == [
        "annotate.xlsx", "diff.xlsx", "findings.xlsx", "totals.xlsx"]
    assert result.failures == []
    # the plan and its formatted copy: two plans, each counted once
    assert sorted(r.path.rsplit("/", 1)[-1] for r in result.raks) == ["format.xlsx", "plan.xlsx"]
    assert sum(r.total_pagu for r in result.raks) == 2 * SAMPLE_TOTAL
    res = run("totals", folder, "--by", "file")
    assert res.exit_code == 0, res.stderr
    assert "Keluaran rakxl yang dilewati (4 file):" in res.stderr
    assert "diff.xlsx: dilewati: hasil 'rakxl diff'" in res.stderr


def test_mark_parsing_by_hand():
    xml = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
           b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Owner">'
           b'<vt:lpwstr>Subbag Keuangan</vt:lpwstr></property>'
           b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="rakxl-output">'
           b'<vt:lpwstr>diff</vt:lpwstr></property>'
           b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="4" name="rakxl-report-sheets">'
           b'<vt:lpwstr>Perubahan/Temuan</vt:lpwstr></property></Properties>')
    mark = parse_custom(xml)
    assert (mark.kind, mark.report_sheets, mark.version) == ("diff", ("Perubahan", "Temuan"), None)
    owner_only = xml.replace(b"rakxl-output", b"Department")
    assert parse_custom(owner_only) is None
    entity = (b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x "diff">]>'
              b'<Properties><property name="rakxl-output"><v>&x;</v></property></Properties>')
    assert parse_custom(entity) is None
    assert parse_custom(b"<Properties><property") is None


def test_read_mark_never_raises(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    assert read_mark(bad) is None
    assert read_mark(tmp_path / "missing.xlsx") is None
    text = tmp_path / "t.xlsx"
    text.write_text("No,Kegiatan\n")
    assert read_mark(text) is None


def test_annotated_copy_of_a_diff_keeps_both_report_sheets(outputs, tmp_path):
    out = tmp_path / "diff_beranotasi.xlsx"
    res = run("check", outputs["diff"], "--annotate", out)
    assert res.exit_code in (0, 1) and out.is_file(), res.stderr
    mark = read_mark(out)
    assert (mark.kind, mark.report_sheets) == ("annotate", ("Perubahan", "Temuan"))
    assert [r.sheet for r in rakxl.read_workbook(out)] == ["RAK Sekretaris"]
