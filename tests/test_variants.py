"""The layouts real offices produce read into the same frames as the tidy layout.

Each test renders a plan (the sample's, and a second one written by hand in
tests/variants.py) in one layout and asserts that rakxl reads exactly the frames
derived from the plan model (position columns aside), that these equal the tidy
layout's reading, and that ``total_pagu`` is the plan's total.
"""
from __future__ import annotations

import random
import shutil
from dataclasses import replace

import pytest
from click.testing import CliRunner

import rakxl
from rakxl.cli import cli
from tests import variants as V
from tests.variants import Layout

PLANS = ("sample", "office")
_plans: dict = {}
_tidy: dict = {}


def plan_of(name: str, percent: bool = False) -> V.Plan:
    key = (name, percent)
    if key not in _plans:
        plan = V.PLANS[name]()
        _plans[key] = V.with_percent_targets(plan) if percent else plan
    return _plans[key]


@pytest.fixture(scope="module")
def tidy_frames(tmp_path_factory):
    """The tidy (official) layout's reading of each plan, rendered once."""
    def get(name, percent=False):
        key = (name, percent)
        if key not in _tidy:
            path = tmp_path_factory.mktemp("tidy") / f"{name}.xlsx"
            _tidy[key] = V.frames(rakxl.read_rak(V.render(path, (plan_of(name, percent), V.TIDY))))
        return _tidy[key]
    return get


def assert_reads_like_tidy(rak, plan: V.Plan, tidy: dict):
    got = V.frames(rak)
    exp = V.expected(plan)
    for name in V.FIELDS:
        assert got[name] == exp[name], f"{name} differ from the plan"
        assert got[name] == tidy[name], f"{name} differ from the tidy layout's"
    assert rak.total_pagu == plan.total


def test_tidy_layout_reads_the_plan(tmp_path):
    """The renderer's official layout of the sample plan reads like the committed sample."""
    plan = plan_of("sample")
    got = V.frames(rakxl.read_rak(V.render(tmp_path / "tidy.xlsx", (plan, V.TIDY))))
    committed = V.frames(rakxl.read_rak(V.ROOT / "samples" / "RAK_2021.xlsx"))
    assert got == committed == V.expected(plan)
    assert (len(got["goals"]), len(got["indicators"]), len(got["activities"]), len(got["budgets"])) == (
        29, 38, 68, 29)
    assert plan.total == 3_051_446_000


# -- layouts that must read like the tidy one ------------------------------------------

OFFICE_WORDS_1 = {
    "sasaran": "Sasaran Strategis", "indikator": "Indikator Kinerja Utama (IKU)", "target_indikator": "Target",
    "kegiatan": "Rencana Aksi", "target_kegiatan": "Target", "tw1": "Triwulan I", "tw2": "Triwulan II",
    "tw3": "Triwulan III", "tw4": "Triwulan IV", "pagu": "Anggaran (Rp)", "pelaksana": "Penanggung Jawab",
}
OFFICE_WORDS_2 = {
    "no": "NO.", "sasaran": "SASARAN", "indikator": "INDIKATOR\nKINERJA", "target_indikator": "TARGET",
    "kegiatan": "KEGIATAN", "target_kegiatan": "TARGET", "tw1": "TW I", "tw2": "TW II", "tw3": "TW III",
    "tw4": "TW IV", "pagu": "PAGU", "pelaksana": "PJ",
}
OFFICE_WORDS_3 = {
    "no": "No", "sasaran": "  Sasaran   Program/Kegiatan ", "indikator": "Indikator Kinerja",
    "target_indikator": "Target", "kegiatan": "Nama Kegiatan/\nAksi", "target_kegiatan": "target",
    "tw1": "TW-1", "tw2": "TW-2", "tw3": "TW-3", "tw4": "TW-4", "pagu": "Pagu\nAnggaran",
    "pelaksana": "pelaksana",
}
OFFICE_WORDS_4 = {"tw1": "1", "tw2": "2", "tw3": "3", "tw4": "4", "pagu": "Anggaran",
                  "kegiatan": "Kegiatan", "pelaksana": "Penanggung jawab"}
REORDERED = ("no", "sasaran", "indikator", "target_indikator", "kegiatan", "target_kegiatan", "pelaksana",
             "pagu", "tw1", "tw2", "tw3", "tw4")
PAGU_FIRST = ("no", "sasaran", "indikator", "target_indikator", "pelaksana", "pagu", "kegiatan",
              "target_kegiatan", "tw1", "tw2", "tw3", "tw4")
WITH_EXTRAS_2 = ("Kode", "no", "sasaran", "indikator", "target_indikator", "kegiatan", "Volume", "target_kegiatan",
                 "tw1", "tw2", "tw3", "tw4", "pagu", "Realisasi Anggaran", "pelaksana")
WITH_EXTRAS = ("no", "sasaran", "indikator", "target_indikator", "Satuan", "kegiatan", "target_kegiatan",
               "tw1", "tw2", "tw3", "tw4", "pagu", "Sumber Dana", "pelaksana", "Keterangan")

LAYOUTS = {
    # 1. table anywhere
    "title-rows-header-row-26-column-D": Layout(header_row=25, first_col=3, number_row=False),
    "logo-and-title-header-row-9": Layout(header_row=8, logo=True),
    "header-row-29-column-H-one-row": Layout(header_row=28, first_col=7, group=None),
    "no-title-header-at-A1": Layout(title=False, header_row=0, number_row=False),
    "number-row-as-numbers": Layout(number_row="number"),
    "number-row-as-numbers-one-row-header-column-B": Layout(number_row="number", group=None, first_col=1),
    # 2. header words
    "words-strategis-iku-rencana-aksi": Layout(headers=OFFICE_WORDS_1, group=None),
    "words-upper-case-tw-pj": Layout(headers=OFFICE_WORDS_2, group=None, number_row=False),
    "words-spaces-line-breaks": Layout(headers=OFFICE_WORDS_3, group=None),
    "words-triwulan-group-1-4": Layout(headers=OFFICE_WORDS_4, group="TRIWULAN"),
    "columns-reordered": Layout(order=REORDERED, headers={"target_indikator": "Target",
                                                          "target_kegiatan": "Target"}),
    "columns-reordered-pagu-before-kegiatan": Layout(order=PAGU_FIRST, hierarchy="blank"),
    "extra-columns": Layout(order=WITH_EXTRAS),
    "extra-columns-numbers-kode-first": Layout(order=WITH_EXTRAS_2, hierarchy="blank", group=None),
    "two-row-header-not-merged-down": Layout(header_merged=False),
    "group-jadwal-pelaksanaan-tw": Layout(group="Jadwal Pelaksanaan", headers={
        "tw1": "TW I", "tw2": "TW II", "tw3": "TW III", "tw4": "TW IV"}),
    "word-paste-wide-columns": Layout(hierarchy="blank", wide=("sasaran", "indikator", "kegiatan"),
                                      group=None, number_row=False),
    "wide-columns-merged": Layout(wide=("sasaran", "kegiatan"), total_label="JUMLAH"),
    # 3. hierarchy
    "blank-continuation": Layout(hierarchy="blank"),
    "repeated-text": Layout(hierarchy="repeated", group=None),
    "merged-hierarchy-pagu-unmerged": Layout(pagu_merged=False),
    "blank-continuation-openpyxl": Layout(hierarchy="blank", engine="openpyxl"),
    "merged-openpyxl": Layout(engine="openpyxl"),
    "mixed-hierarchy": Layout(hierarchy={"indikator": "repeated", "target_indikator": "repeated",
                                         "pelaksana": "blank", "pagu": "blank"}),
    "mixed-hierarchy-2": Layout(hierarchy={"no": "repeated", "sasaran": "blank", "pelaksana": "repeated"},
                                page_break_rows=6),
    "goal-no-as-number": Layout(no_as_number=True),
    # 4. page-break headers, separators, total rows
    "page-break-headers-merged": Layout(page_break_every=4, blank_between_goals=True),
    "page-break-inside-merges-text-repeated": Layout(page_break_rows=4),
    "page-break-inside-merges-blank-below": Layout(page_break_rows=3, split_text="blank"),
    "page-break-blank-merge-target-repeated": Layout(hierarchy={"indikator": "merged", "target_indikator": "repeated"},
                                                     page_break_rows=5, split_text="blank"),
    "page-break-headers-inside-goals-blank": Layout(hierarchy="blank", page_break_rows=4),
    "page-break-headers-inside-goals-repeated": Layout(hierarchy="repeated", page_break_rows=5,
                                                       group=None),
    "blank-rows-between-goals": Layout(hierarchy="blank", blank_between_goals=True),
    "total-JUMLAH": Layout(total_label="JUMLAH"),
    "total-TOTAL-blank": Layout(total_label="TOTAL", hierarchy="blank", blank_between_goals=True),
    "total-Jumlah-Total-repeated": Layout(total_label="Jumlah Total", hierarchy="repeated"),
    # 5. amounts as text
    **{f"amount-text-{style}": Layout(amount=style, total_label="JUMLAH") for style in V.AMOUNT_TEXT_STYLES},
    "amount-text-mixed-blank": Layout(amount="mixed", hierarchy="blank"),
    # 6. formulas
    "formulas-cached": Layout(formula="cached", total_label="JUMLAH"),
    "formulas-uncached-openpyxl": Layout(formula="uncached", engine="openpyxl", total_label="JUMLAH"),
    "formulas-uncached-blank": Layout(formula="uncached", engine="openpyxl", hierarchy="blank"),
}


@pytest.mark.parametrize("plan_name", PLANS)
@pytest.mark.parametrize("variant", LAYOUTS)
def test_layout_reads_like_tidy(variant, plan_name, tidy_frames, tmp_path):
    lay = LAYOUTS[variant]
    plan = plan_of(plan_name)
    path = V.render(tmp_path / f"{variant}.xlsx", (plan, lay))
    rak = rakxl.read_rak(path)
    assert_reads_like_tidy(rak, plan, tidy_frames(plan_name))
    assert rak.stated_total == (plan.total if lay.total_label else None)
    if lay.total_label:
        assert rak.stated_total_cell is not None
    assert rak.meta.year == (plan.year if lay.title else None)
    # A clean plan leaves no reader notes, but for amounts typed as text.
    expected_codes = {"amount-as-text"} if lay.amount != "number" else set()
    assert {n.code for n in rak.notes} == expected_codes


@pytest.mark.parametrize("seed", range(12))
def test_layouts_combined_read_like_tidy(seed, tidy_frames, tmp_path):
    """Variations mixed at random (seeded): every combination reads like the tidy layout."""
    lay = V.random_layout(random.Random(seed))
    for name in PLANS:
        plan = plan_of(name, lay.percent)
        rak = rakxl.read_rak(V.render(tmp_path / f"{name}.xlsx", (plan, lay)))
        assert_reads_like_tidy(rak, plan, tidy_frames(name, lay.percent))
        assert rak.stated_total == (plan.total if lay.total_label else None), lay
        assert {n.code for n in rak.notes} <= {"amount-as-text"}, lay


@pytest.mark.parametrize("plan_name", PLANS)
def test_extra_columns_as_numbers_are_kept_apart(plan_name, tmp_path):
    plan = plan_of(plan_name)
    rak = rakxl.read_rak(V.render(tmp_path / "extra.xlsx", (plan, LAYOUTS["extra-columns-numbers-kode-first"])))
    assert rak.extra_columns == ["Kode", "Volume", "Realisasi Anggaran"]
    assert rak.columns["no"] == "B" and rak.columns["pagu"] == "M"
    for name in rak.extra_columns:
        exp = [V.EXTRA_VALUES[name](i) for i in range(plan.n_rows)]
        assert rak.activities[name].tolist() == [v if isinstance(v, str) else str(v) for v in exp]


@pytest.mark.parametrize("plan_name", PLANS)
def test_extra_columns_are_kept_apart(plan_name, tmp_path):
    plan = plan_of(plan_name)
    rak = rakxl.read_rak(V.render(tmp_path / "extra.xlsx", (plan, LAYOUTS["extra-columns"])))
    assert rak.extra_columns == ["Satuan", "Sumber Dana", "Keterangan"]
    assert list(rak.activities.columns[-3:]) == ["Satuan", "Sumber Dana", "Keterangan"]
    assert rak.columns["kegiatan"] == "F" and rak.columns["pagu"] == "L" and rak.columns["pelaksana"] == "N"
    for name in rak.extra_columns:
        exp = [V.EXTRA_VALUES[name](i) for i in range(plan.n_rows)]
        assert rak.activities[name].tolist() == exp


@pytest.mark.parametrize("plan_name", PLANS)
def test_table_anywhere_keeps_its_positions(plan_name, tmp_path):
    plan = plan_of(plan_name)
    rak = rakxl.read_rak(V.render(tmp_path / "x.xlsx", (plan, LAYOUTS["title-rows-header-row-26-column-D"])))
    assert rak.header_row == 26
    assert rak.columns["no"] == "D" and rak.columns["pagu"] == "N"
    assert rak.meta.organization == plan.organization and rak.meta.unit == plan.unit
    # header on rows 26-27, no number row: the first activity stands on row 28
    assert int(rak.activities["row"].iloc[0]) == 28
    assert rak.budgets["cell"].iloc[0] == f"N{28 + plan.goals[0].pagu[0][0]}"


@pytest.mark.parametrize("plan_name", PLANS)
def test_amounts_as_text_are_noted(plan_name, tmp_path):
    plan = plan_of(plan_name)
    rak = rakxl.read_rak(V.render(tmp_path / "t.xlsx", (plan, LAYOUTS["amount-text-mixed-blank"])))
    notes = [n for n in rak.notes if n.code == "amount-as-text"]
    assert [n.cell for n in notes] == rak.budgets["cell"].tolist()
    styles = list(V.AMOUNT_TEXT_STYLES.values())
    amounts = [a for g in plan.goals for _, a in g.pagu]
    assert [n.value for n in notes] == [styles[i % len(styles)](a) for i, a in enumerate(amounts)]
    assert {n.role for n in notes} == {"pagu"}


@pytest.mark.parametrize("plan_name", PLANS)
def test_uncached_formulas_leave_no_note(plan_name, tmp_path):
    plan = plan_of(plan_name)
    rak = rakxl.read_rak(V.render(tmp_path / "f.xlsx", (plan, LAYOUTS["formulas-uncached-openpyxl"])))
    assert [n for n in rak.notes if n.code == "formula-no-cache"] == []
    assert rak.stated_total == plan.total


# -- 9. percentages -------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ["xlsxwriter", "openpyxl"])
@pytest.mark.parametrize("plan_name", PLANS)
def test_percent_numbers_read_as_shown(plan_name, engine, tidy_frames, tmp_path):
    plan = plan_of(plan_name, percent=True)
    path = V.render(tmp_path / "pct.xlsx", (plan, Layout(percent=True, engine=engine)))
    rak = rakxl.read_rak(path)
    assert_reads_like_tidy(rak, plan, tidy_frames(plan_name, percent=True))
    assert "100%" in rak.indicators["target_indikator"].tolist()


def test_check_marks_and_counts_kept_as_written(tidy_frames):
    acts = tidy_frames("office")["activities"]
    quarters = {v for row in acts for v in row[7:11]}
    assert {"√", "v", "x", "3 lap", "1 lap", None} == quarters
    assert [row[6] for row in acts][:4] == ["1 publikasi", "12 publikasi", "1 laporan", "3 lap"]


# -- 7. several RAK sheets ------------------------------------------------------------------

def several_sheets(path, engine="xlsxwriter"):
    instructions = V.TextSheet("Petunjuk", [
        ["PETUNJUK PENGISIAN RENCANA AKSI KINERJA"],
        ["1. Isi kolom Sasaran, Indikator Kinerja dan Nama Kegiatan/Aksi sesuai Perjanjian Kinerja."],
        ["2. Pagu Anggaran diisi sesuai DIPA, satu kali untuk setiap rincian."],
        ["Kolom", "Isi"], ["No", "nomor sasaran"], ["Pagu Anggaran", "rupiah"],
    ])
    lookup = V.TextSheet("Daftar", [["Kode", "Nama Unit"], ["01", "Subbag Umum dan Logistik"],
                                    ["02", "Subbag Keuangan"]], hidden=True)
    return V.render(path, instructions, (plan_of("sample"), Layout(sheet="Sekretaris", engine=engine)), lookup,
                    (plan_of("office"), Layout(sheet="Bagian Umum", hierarchy="blank", header_row=7,
                                               engine=engine, formula="uncached" if engine == "openpyxl" else None)),
                    engine=engine)


@pytest.mark.parametrize("engine", ["xlsxwriter", "openpyxl"])
def test_workbook_with_several_rak_sheets(engine, tidy_frames, tmp_path):
    path = several_sheets(tmp_path / "units.xlsx", engine)
    raks = rakxl.read_workbook(path)
    assert [r.sheet for r in raks] == ["Sekretaris", "Bagian Umum"]
    for rak, name in zip(raks, PLANS):
        assert_reads_like_tidy(rak, plan_of(name), tidy_frames(name))
    assert rakxl.read_rak(path).sheet == "Sekretaris"
    assert rakxl.read_rak(path, sheet="Bagian Umum").total_pagu == plan_of("office").total
    with pytest.raises(rakxl.RakError, match=r"bukan tabel RAK \(diperiksa: 'Petunjuk'\)"):
        rakxl.read_rak(path, sheet="Petunjuk")


# -- 8. file formats ------------------------------------------------------------------------

def test_xlsm_reads_like_tidy(tidy_frames, tmp_path):
    xlsx = V.render(tmp_path / "plan.xlsx", (plan_of("office"), Layout(hierarchy="blank")))
    xlsm = V.as_xlsm(xlsx, tmp_path / "plan.xlsm")
    assert_reads_like_tidy(rakxl.read_rak(xlsm), plan_of("office"), tidy_frames("office"))


def test_format_is_told_by_content_not_name(tidy_frames, tmp_path):
    xlsx = V.render(tmp_path / "plan.xlsx", (plan_of("office"), V.TIDY))
    misnamed = tmp_path / "plan.xls"
    shutil.copy(xlsx, misnamed)
    assert_reads_like_tidy(rakxl.read_rak(misnamed), plan_of("office"), tidy_frames("office"))


XLS_SEEDS = (100, 101, 102, 103)
XLS_LAYOUTS = ("formulas-cached", "page-break-inside-merges-blank-below", "word-paste-wide-columns",
               "amount-text-mixed-blank")


@pytest.fixture(scope="module")
def xls_files(tmp_path_factory):
    """Legacy .xls made by LibreOffice from rendered .xlsx files, in one soffice run."""
    reason = V.soffice_missing()
    if reason:
        pytest.skip(reason)
    d = tmp_path_factory.mktemp("xls")
    sources = {}
    for name in PLANS:
        sources[f"{name}-merged"] = V.render(d / f"{name}-merged.xlsx", (plan_of(name), V.TIDY))
        sources[f"{name}-blank"] = V.render(d / f"{name}-blank.xlsx",
                                            (plan_of(name), Layout(hierarchy="blank", total_label="JUMLAH")))
        sources[f"{name}-percent"] = V.render(d / f"{name}-percent.xlsx",
                                              (plan_of(name, percent=True), Layout(percent=True)))
        for kind in XLS_LAYOUTS:
            sources[f"{name}-{kind}"] = V.render(d / f"{name}-{kind}.xlsx", (plan_of(name), LAYOUTS[kind]))
    for seed in XLS_SEEDS:
        lay = V.random_layout(random.Random(seed))
        for name in PLANS:
            sources[f"{name}-random-{seed}"] = V.render(d / f"{name}-random-{seed}.xlsx",
                                                        (plan_of(name, lay.percent), lay))
    sources["units"] = several_sheets(d / "units.xlsx")
    out = V.to_xls(list(sources.values()), d / "out")
    return dict(zip(sources, out))


@pytest.mark.parametrize("plan_name", PLANS)
@pytest.mark.parametrize("kind", ["merged", "blank", "percent", *XLS_LAYOUTS])
def test_legacy_xls_reads_like_tidy(kind, plan_name, xls_files, tidy_frames):
    path = xls_files[f"{plan_name}-{kind}"]
    assert path.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    rak = rakxl.read_rak(path)
    percent = kind == "percent"
    assert_reads_like_tidy(rak, plan_of(plan_name, percent), tidy_frames(plan_name, percent))
    if kind == "merged":
        assert {"no", "sasaran", "indikator", "pelaksana"} <= rak.merged  # merges came through
        assert any(m.vertical and m.first_col == rak.column_of["pagu"] for m in rak.merges)
    if kind == "blank":
        assert rak.stated_total == plan_of(plan_name).total


@pytest.mark.parametrize("plan_name", PLANS)
@pytest.mark.parametrize("seed", XLS_SEEDS)
def test_legacy_xls_layouts_combined(seed, plan_name, xls_files, tidy_frames):
    lay = V.random_layout(random.Random(seed))
    rak = rakxl.read_rak(xls_files[f"{plan_name}-random-{seed}"])
    assert_reads_like_tidy(rak, plan_of(plan_name, lay.percent), tidy_frames(plan_name, lay.percent))
    assert rak.stated_total == (plan_of(plan_name).total if lay.total_label else None)


def test_legacy_xls_with_several_sheets(xls_files, tidy_frames):
    raks = rakxl.read_workbook(xls_files["units"])
    assert [r.sheet for r in raks] == ["Sekretaris", "Bagian Umum"]
    for rak, name in zip(raks, PLANS):
        assert_reads_like_tidy(rak, plan_of(name), tidy_frames(name))


HTML_PAGE = ("<html><head><meta charset='utf-8'></head><body><table><tr><td>No</td><td>Sasaran</td>"
             "<td>Nama Kegiatan</td><td>Pagu Anggaran</td></tr></table></body></html>")
XML_2003 = ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="RAK">'
            "<Table><Row><Cell><Data ss:Type=\"String\">No</Data></Cell></Row></Table></Worksheet></Workbook>")
CSV_TEXT = "No;Sasaran;Indikator Kinerja;Nama Kegiatan/Aksi;Pagu Anggaran\n1;Sasaran satu;Ind;Keg;1000000\n"


@pytest.mark.parametrize("content, kind", [(HTML_PAGE, "halaman HTML"), (CSV_TEXT, "file teks/CSV"),
                                           (XML_2003, "XML Spreadsheet 2003"),
                                           ("\ufeff" + CSV_TEXT.replace(";", ","), "file teks/CSV")])
def test_html_or_csv_named_xls_is_refused(content, kind, tmp_path):
    path = tmp_path / "RAK 2021.xls"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(rakxl.RakInputError) as info:
        rakxl.read_rak(path)
    message = str(info.value)
    assert str(path) in message and kind in message and "simpan ulang sebagai .xlsx" in message
    res = CliRunner().invoke(cli, ["show", str(path)])
    assert res.exit_code == 2
    assert kind in res.output and "Traceback" not in res.output


# -- 5./6. bad cells: recorded, left out of the totals, never a silent 0 ------------------

def _without_pagu(plan: V.Plan, goal_no: str) -> V.Plan:
    goals = [replace(g, pagu=[]) if g.no == goal_no else g for g in plan.goals]
    return replace(plan, goals=goals)


def _render_with_bad_pagu(path, plan, goal_no, write):
    """Render ``plan`` (blank continuation) and overwrite the Pagu of goal ``goal_no``
    (a goal with one budget line on its first row) with ``write(sheet, row, col)``."""
    import openpyxl

    V.render(path, (plan, Layout(hierarchy="blank", engine="openpyxl")))
    wb = openpyxl.load_workbook(path)
    ws = wb["RAK"]
    pagu_col = next(c.column for c in ws[5] if c.value == "Pagu Anggaran")
    no_col = next(c.column for c in ws[5] if c.value == "No")
    row = next(r for r in range(8, ws.max_row + 1) if str(ws.cell(r, no_col).value) == goal_no)
    write(wb, ws.cell(row, pagu_col))
    wb.save(path)
    return f"{ws.cell(row, pagu_col).column_letter}{row}"


@pytest.mark.parametrize("bad, code", [
    ("lihat lampiran", "amount-invalid"),
    ("Rp 2,5 M", "amount-invalid"),
    ("=VLOOKUP(A1,Daftar!A:B,2,FALSE)", "formula-no-cache"),
    ("=Hilang!B2", "formula-no-cache"),
    ("date", "amount-invalid"),
    ("#REF!", "amount-invalid"),
    ("#N/A", "amount-invalid"),
])
def test_bad_pagu_cell_is_recorded_not_zero(bad, code, tmp_path):
    import datetime

    plan = plan_of("office")
    goal = next(g for g in plan.goals if g.no == "5")
    assert goal.pagu == [(0, 2_500_000_000)]

    def write(wb, cell):
        cell.value = datetime.datetime(2024, 3, 1) if bad == "date" else bad

    path = tmp_path / "bad.xlsx"
    cell = _render_with_bad_pagu(path, plan, "5", write)
    rak = rakxl.read_rak(path)
    rest = _without_pagu(plan, "5")
    assert V.frames(rak) == V.expected(rest)
    assert rak.total_pagu == plan.total - 2_500_000_000 == rest.total
    notes = [n for n in rak.notes if n.code == code]
    assert [(n.cell, n.role, n.no, n.goal) for n in notes] == [(cell, "pagu", "5", 5)]
    assert [n for n in rak.notes if n.code in ("amount-invalid", "formula-no-cache")] == notes
    if bad.startswith("#"):
        assert notes[0].value == bad


@pytest.mark.parametrize("nil", ["-", "nihil"])
def test_nil_pagu_is_no_budget_line(nil, tmp_path):
    """A dash or "nihil" where the Pagu would stand: no budget line, nothing to report."""
    plan = plan_of("office")
    path = tmp_path / "nil.xlsx"
    _render_with_bad_pagu(path, plan, "5", lambda wb, cell: setattr(cell, "value", nil))
    rak = rakxl.read_rak(path)
    assert V.frames(rak) == V.expected(_without_pagu(plan, "5"))
    assert rak.notes == []


def test_error_values_in_text_cells_read_as_shown(tmp_path):
    """#REF! in a Kegiatan or quarter cell reads as the sheet shows it; the rest reads as usual."""
    import openpyxl

    plan = plan_of("office")
    path = V.render(tmp_path / "err.xlsx", (plan, Layout(hierarchy="blank", engine="openpyxl")))
    wb = openpyxl.load_workbook(path)
    wb["RAK"]["E9"] = "#REF!"      # kegiatan of the plan's second row
    wb["RAK"]["H9"] = "#DIV/0!"    # its Triwulan II
    wb.save(path)
    rak = rakxl.read_rak(path)
    exp = V.expected(plan)
    second = list(exp["activities"][1])
    second[5], second[8] = "#REF!", "#DIV/0!"
    exp["activities"][1] = tuple(second)
    assert V.frames(rak) == exp
    assert rak.total_pagu == plan.total


@pytest.mark.parametrize("variant", ["blank-continuation", "repeated-text", "page-break-inside-merges-blank-below",
                                     "word-paste-wide-columns", "mixed-hierarchy-2", "formulas-uncached-openpyxl",
                                     "columns-reordered-pagu-before-kegiatan"])
def test_checker_sees_the_same_plan(variant, tmp_path):
    """The checker (issue 4) finds the same things in every layout of the sample's plan."""
    plan = plan_of("sample")

    def findings(lay, name):
        rak = rakxl.read_rak(V.render(tmp_path / f"{name}.xlsx", (plan, lay)))
        return sorted((f.code, f.no) for f in rakxl.check(rak))
    tidy = findings(V.TIDY, "tidy")
    assert ("missing-budget", "13") in tidy  # the sample's real defects are there to be seen
    assert findings(LAYOUTS[variant], variant) == tidy
