"""The RAK families (README, "RAK families") read into the same plan as the KPU layout.

Each test renders a plan of tests/variants.py in one family (tests/families.py) with
xlsxwriter or openpyxl, reads it, and asserts the frames derived from the plan model
(fields the family does not have are None), then that the goals, indicators,
activities, budget lines, total Pagu and Pagu per Pelaksana equal the KPU layout's
reading of the same plan.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import openpyxl
import pytest
from click.testing import CliRunner

import rakxl
from rakxl.cli import cli
from rakxl.exceptions import RakInputError
from tests import families as F
from tests import variants as V

PLANS = ("sample", "office")
ENGINES = ("xlsxwriter", "openpyxl")
_plans: dict = {}
_kpu: dict = {}


def plan_of(name):
    if name not in _plans:
        _plans[name] = V.PLANS[name]()
    return _plans[name]


@pytest.fixture(scope="module")
def kpu_reading(tmp_path_factory):
    """The KPU layout's reading of each plan (rendered once)."""
    def get(name):
        if name not in _kpu:
            path = tmp_path_factory.mktemp("kpu") / f"{name}.xlsx"
            _kpu[name] = rakxl.read_rak(V.render(path, (plan_of(name), V.TIDY)))
        return _kpu[name]
    return get


#: Options of each family's renderings (the engines are crossed with them).
VARIANTS = {
    "workplan": [{}, {"hierarchy": "repeated"}, {"formula": True}, {"goal_cell": "joined", "subtotals": "goal-row"},
                 {"subtotals": "row"}],
    "targets-budget": [{}, {"numbering": "grouped"}, {"numbering": "text"}, {"numbering": "sequential"},
                       {"budget_pelaksana": False, "hierarchy": "repeated"}],
    "pemda": [{}, {"no_column": True}, {"sub_aksi": True}, {"hierarchy": "repeated"}, {"pemda_months": True}],
    "monthly": [{}, {"months": "numbers"}, {"months": "bulan", "hierarchy": "repeated"}, {"spread": False}],
}
CASES = [(family, plan, engine, kw) for family, kws in VARIANTS.items() for kw in kws
         for plan in PLANS for engine in ENGINES]
#: Activity fields each family writes (the others are None).
HAS = {
    "workplan": ("goal", "no", "sasaran", "indikator", "target_indikator", "kegiatan", "pelaksana", "budget_line"),
    "pemda": ("goal", "sasaran", "indikator", "target_indikator", "kegiatan", "tw1", "tw2", "tw3", "tw4",
              "pelaksana", "budget_line"),
    "monthly": V.ACTIVITY_FIELDS,
}


def _id(case):
    family, plan, engine, kw = case
    return "-".join([family, plan, engine] + [f"{k}={v}" for k, v in kw.items()])


def by_pelaksana(rak) -> dict:
    return {k: int(v) for k, v in rak.budgets.groupby("pelaksana", dropna=False)["pagu"].sum().items()}


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_family_reads_like_the_kpu_layout(case, tmp_path, kpu_reading):
    family, name, engine, kw = case
    plan = plan_of(name)
    opts = F.Options(engine=engine, **kw)
    rak = rakxl.read_rak(F.render(tmp_path / f"{family}.xlsx", family, plan, opts))
    assert rak.family == family
    got = V.frames(rak)
    exp = F.expected(plan, family, opts)
    for frame in V.FIELDS:
        assert got[frame] == exp[frame], f"{frame} differ from the plan"

    kpu = kpu_reading(name)
    assert kpu.family == "kpu"
    want = V.frames(kpu)
    assert rak.total_pagu == kpu.total_pagu == plan.total
    assert [g[2] for g in got["goals"]] == [g[2] for g in want["goals"]]                # Sasaran
    assert [i[2:] for i in got["indicators"]] == [i[2:] for i in want["indicators"]]    # indicators, targets
    assert [b[3] for b in got["budgets"]] == [b[3] for b in want["budgets"]]            # each line once
    if family != "targets-budget" or opts.budget_pelaksana:
        assert by_pelaksana(rak) == by_pelaksana(kpu)
    if family != "targets-budget" or opts.numbering in ("dotted", "grouped"):
        assert [g[3:] for g in got["goals"]] == [g[3:] for g in want["goals"]]          # Pagu per goal
    if family in HAS:                                                                  # the family's activities
        fields = V.ACTIVITY_FIELDS
        keep = [fields.index(f) for f in HAS[family]]
        assert [[a[i] for i in keep] for a in got["activities"]] == [[a[i] for i in keep] for a in want["activities"]]
        for f in set(fields) - set(HAS[family]) - {"no"}:
            assert rak.activities[f].isna().all(), f


def test_family_told_by_the_header_not_the_file_name(tmp_path):
    plan = plan_of("office")
    kpu = shutil.copyfile(V.render(tmp_path / "a.xlsx", (plan, V.TIDY)), tmp_path / "RKAT pemda bulanan.xlsx")
    assert rakxl.read_rak(kpu).family == "kpu"
    assert rakxl.read_rak(V.ROOT / "samples" / "RAK_2021.xlsx").family == "kpu"
    pemda = shutil.copyfile(F.render(tmp_path / "b.xlsx", "pemda", plan), tmp_path / "RAK KPU.xlsx")
    assert rakxl.read_rak(pemda).family == "pemda"


def test_monthly_keeps_the_months_and_derives_quarters(tmp_path):
    plan = plan_of("office")
    rak = rakxl.read_rak(F.render(tmp_path / "m.xlsx", "monthly", plan, F.Options(months="numbers")))
    assert rak.extra_columns == list(F.MONTHS)
    first = rak.activities.iloc[0]
    assert [first[m] for m in F.MONTHS[:4]] == ["√", "√", "√", "√"]
    assert (first["tw1"], first["tw2"], first["tw3"]) == ("√", "√", None)


def test_quarter_from_months_never_sums():
    from rakxl.reader.families import quarter_of

    assert quarter_of([("Jan", None), ("Feb", None), ("Mar", None)]) is None
    assert quarter_of([("Jan", None), ("Feb", "2 lap"), ("Mar", None)]) == "2 lap"
    assert quarter_of([("Jan", "√"), ("Feb", "√"), ("Mar", None)]) == "√"
    assert quarter_of([("Jan", "1 lap"), ("Feb", None), ("Mar", "1 lap")]) == "Jan: 1 lap; Mar: 1 lap"


def test_workplan_budget_is_jumlah_not_biaya(tmp_path):
    plan = plan_of("office")
    path = F.render(tmp_path / "w.xlsx", "workplan", plan)
    rak = rakxl.read_rak(path)
    assert rak.columns["pagu"] == "H" and "Biaya" in rak.extra_columns
    assert rak.total_pagu == plan.total
    note = next(n for n in rak.notes if n.code == "unit-cost-ignored")
    assert note.cell == "G5"
    found = [f for f in rakxl.check(rak) if f.code == "unit-cost-ignored"]
    assert [(f.severity, f.cell) for f in found] == [("info", "G5")]
    assert "Jumlah (Rp.)" in found[0].message


def test_targets_budget_lines_unlinked_are_said(tmp_path):
    plan = plan_of("office")
    rak = rakxl.read_rak(F.render(tmp_path / "t.xlsx", "targets-budget", plan, F.Options(numbering="sequential")))
    assert rak.budgets["goal"].isna().all() and rak.total_pagu == plan.total
    assert (rak.goals["pagu"] == 0).all()
    found = rakxl.check(rak)
    codes = [f.code for f in found]
    assert codes.count("budget-unlinked") == len(plan.goals[0].pagu) + sum(len(g.pagu) for g in plan.goals[1:])
    assert "missing-budget" not in codes     # the goals' money stands in lines not linked to them
    assert "empty-activity" not in codes     # the family has no activity column
    first = next(f for f in found if f.code == "budget-unlinked")
    assert first.severity == "info" and "Belanja operasional 1" in first.message


# -- ambiguous tables ----------------------------------------------------------------------

def _sheet(path, rows, merges=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


@pytest.mark.parametrize("header", [
    ["No", "Program Kerja", "Indikator Capaian", "Target", "Vol", "Biaya", "Penanggung Jawab"],
    ["No", "Sasaran", "Indikator Kinerja", "Nama Kegiatan", "Volume", "Biaya", "Pelaksana"],
    ["No", "Sasaran", "Indikator Kinerja", "Nama Kegiatan", "Biaya (Rp)", "Vol.", "Pelaksana"],
])
def test_unit_cost_next_to_volume_without_total_is_refused(tmp_path, header):
    rows = [["RENCANA AKSI KINERJA TAHUN 2024"], [], header,
            ["1", "Meningkatnya layanan", "Persentase layanan", "Rapat koordinasi", 4, 2_500_000, "Subbag Umum"]]
    path = _sheet(tmp_path / "biaya.xlsx", rows)
    with pytest.raises(RakInputError) as exc:
        rakxl.read_rak(path)
    text = str(exc.value)
    assert "biaya.xlsx" in text and "harga satuan" in text and "Biaya" in text
    res = CliRunner().invoke(cli, ["show", str(path)])
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_kpu_table_with_volume_and_pagu_is_read_as_before(tmp_path):
    """A Volume column next to a real budget column (Pagu) is no unit cost."""
    plan = plan_of("office")
    lay = V.Layout(order=V.ORDERS["kode-first"])
    rak = rakxl.read_rak(V.render(tmp_path / "v.xlsx", (plan, lay)))
    assert rak.family == "kpu" and rak.total_pagu == plan.total


def test_budget_table_total_disagreeing_with_its_lines_is_a_finding(tmp_path):
    plan = plan_of("office")
    path = F.render(tmp_path / "t.xlsx", "targets-budget", plan, F.Options(stated_total=plan.total + 1_000_000))
    rak = rakxl.read_rak(path)
    assert rak.stated_total == plan.total + 1_000_000 and rak.total_pagu == plan.total
    found = [f for f in rakxl.check(rak) if f.code == "total-mismatch"]
    assert len(found) == 1 and found[0].severity == "error"
    assert found[0].cell == rak.stated_total_cell and found[0].cell.startswith("C")


def test_budget_table_with_roll_up_rows_is_refused(tmp_path):
    rows = [["RENCANA AKSI KINERJA TAHUN 2024"], [],
            ["No", "Kinerja Utama", "Indikator Kinerja", "Target Tahunan", "TW I", "TW II", "TW III", "TW IV"],
            ["1", "Meningkatnya layanan", "Persentase layanan", "100%", "Rapat", None, "Survei", None],
            [], ["Alokasi Anggaran"],
            ["No", "Program/Kegiatan", "Pagu Anggaran"],
            ["I", "Program Dukungan Manajemen", "Rp 3.000.000"],
            ["1", "Rapat koordinasi", "Rp 1.000.000"],
            ["2", "Survei kepuasan", "Rp 2.000.000"],
            [None, "JUMLAH TOTAL", "Rp 3.000.000"]]
    path = _sheet(tmp_path / "rollup.xlsx", rows)
    with pytest.raises(RakInputError) as exc:
        rakxl.read_rak(path)
    assert "B8" not in str(exc.value) and "C8" in str(exc.value) and "dua kali" in str(exc.value)
    rows[7][2] = None  # a program row without an amount is a heading: read, each line once
    rak = rakxl.read_rak(_sheet(tmp_path / "heading.xlsx", rows))
    assert rak.family == "targets-budget" and rak.total_pagu == 3_000_000 and len(rak.budgets) == 2


# -- the command line -------------------------------------------------------------------

@pytest.mark.parametrize("family", list(F.RENDERERS))
def test_show_names_the_family(tmp_path, family):
    path = F.render(tmp_path / "f.xlsx", family, plan_of("office"))
    res = CliRunner().invoke(cli, ["show", str(path)])
    assert res.exit_code == 0, res.output
    assert f"Bentuk tabel  {family}" in res.output or f"{family}" in res.output.split("Bentuk")[1].splitlines()[0]
    res = CliRunner().invoke(cli, ["show", str(path), "--json"])
    assert '"family": "%s"' % family in res.output
    res = CliRunner().invoke(cli, ["export", str(path), "--to", "json"])
    assert res.exit_code == 0 and '"family": "%s"' % family in res.output


@pytest.mark.parametrize("family", ["workplan", "pemda", "monthly"])
def test_format_writes_the_kpu_layout_and_says_so(tmp_path, family):
    plan = plan_of("office")
    src = F.render(tmp_path / "f.xlsx", family, plan)
    out = tmp_path / "rapi.xlsx"
    res = CliRunner().invoke(cli, ["format", str(src), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "tata letak resmi KPU" in res.output and family in res.output
    before, after = rakxl.read_rak(src), rakxl.read_rak(out)
    assert after.family == "kpu"
    assert V.frames(after) == V.frames(before)


def test_format_refuses_budget_lines_kept_apart(tmp_path):
    """targets-budget keeps its lines in a table of their own: the KPU layout would drop them."""
    src = F.render(tmp_path / "t.xlsx", "targets-budget", plan_of("office"))
    out = tmp_path / "rapi.xlsx"
    res = CliRunner().invoke(cli, ["format", str(src), "-o", str(out)])
    assert res.exit_code == 2 and not out.exists()
    assert "targets-budget" in res.output and "8 baris Pagu" in res.output
    assert len(res.output.strip().splitlines()) == 1


def test_kpu_layouts_stay_kpu(tmp_path):
    """Every layout variant of the KPU family (random words, orders, groups) reads as ``kpu``."""
    import random

    rnd = random.Random(17)
    plan = plan_of("office")
    for i in range(12):
        lay = V.random_layout(rnd)
        rak = rakxl.read_rak(V.render(tmp_path / f"r{i}.xlsx", (plan, lay)))
        assert rak.family == "kpu", lay
        assert rak.total_pagu == plan.total


def test_a_kpu_read_loads_no_family_reader(sample_path, tmp_path):
    """The family stage lets a KPU sheet through without importing the readers of the
    work plan and of the targets table: a family's reader is imported when a sheet of
    that family is found (a fresh process, as a command runs; an import assertion)."""
    code = ("import json, sys, rakxl\n"
            "for path in sys.argv[1:]:\n"
            "    rakxl.read_rak(path)\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('rakxl.reader.families.'))))")

    def loaded(*paths):
        proc = subprocess.run([sys.executable, "-c", code, *map(str, paths)], capture_output=True, text=True,
                              cwd=tmp_path, timeout=120)
        assert proc.returncode == 0, proc.stderr
        return set(json.loads(proc.stdout))

    assert loaded(sample_path) == {"rakxl.reader.families.choose", "rakxl.reader.families.common",
                                   "rakxl.reader.families.kpu_walk"}
    workplan = F.render(tmp_path / "workplan.xlsx", "workplan", plan_of("sample"), F.Options())
    assert "rakxl.reader.families.workplan" in loaded(sample_path, workplan)


def test_totals_over_every_family(tmp_path, kpu_reading):
    """Finance's import: a folder of plans in every family adds up like the KPU layout's."""
    plan = plan_of("office")
    for family in F.RENDERERS:
        F.render(tmp_path / f"{family}.xlsx", family, plan)
    F.render(tmp_path / "unlinked.xlsx", "targets-budget", plan, F.Options(numbering="sequential"))
    raks = rakxl.read_many(rakxl.find_workbooks([tmp_path]), jobs=1).raks
    assert sorted(r.family for r in raks) == sorted(list(F.RENDERERS) + ["targets-budget"])
    table = rakxl.budget_totals(raks, by=("pelaksana",))
    got = {p: int(v) for p, v in zip(table["pelaksana"], table["pagu"]) if v}
    want = {p: 5 * v for p, v in by_pelaksana(kpu_reading("office")).items() if v}
    assert got == want and sum(got.values()) == 5 * plan.total
    by_goal = rakxl.budget_totals(raks, by=("sasaran",))
    unlinked = by_goal.loc[by_goal["sasaran"].isna(), "pagu"]
    assert [int(v) for v in unlinked] == [plan.total]   # the unlinked lines: counted once, under no goal


def test_families_saved_as_xls_by_libreoffice(tmp_path):
    """A third writer: each family saved as legacy .xls by LibreOffice reads the same."""
    reason = V.soffice_missing()
    if reason:
        pytest.skip(reason)
    plan = plan_of("office")
    sources = {family: F.render(tmp_path / f"{family}.xlsx", family, plan, F.Options(formula=True))
               for family in F.RENDERERS}
    converted = V.to_xls(list(sources.values()), tmp_path / "xls")
    for (family, src), xls in zip(sources.items(), converted):
        rak = rakxl.read_rak(xls)
        assert rak.family == family, xls
        assert V.frames(rak) == V.frames(rakxl.read_rak(src)) == F.expected(plan, family), family


@pytest.mark.parametrize("subtotals", ["goal-row", "row"])
def test_workplan_goal_totals_are_checked_not_counted(tmp_path, subtotals):
    """A goal's own total (on its row or a Sub Total row) is no budget line: the lines
    are counted once, and a goal total that disagrees with them is a finding."""
    plan = plan_of("office")
    rak = rakxl.read_rak(F.render(tmp_path / "w.xlsx", "workplan", plan, F.Options(subtotals=subtotals)))
    assert V.frames(rak) == F.expected(plan, "workplan") and rak.total_pagu == plan.total
    assert not [f for f in rakxl.check(rak) if f.code == "total-mismatch"]
    opts = F.Options(subtotals=subtotals, subtotal_off=1_000_000)
    rak = rakxl.read_rak(F.render(tmp_path / "off.xlsx", "workplan", plan, opts))
    assert rak.total_pagu == plan.total
    found = [f for f in rakxl.check(rak) if f.code == "total-mismatch"]
    cell = "H7" if subtotals == "goal-row" else "H11"
    assert [(f.no, f.cell, f.severity) for f in found] == [("1", cell, "error")]
    assert "Rp 126.500.000" in found[0].message and "Rp 125.500.000" in found[0].message


def test_pemda_with_tujuan_above_sasaran(tmp_path):
    """A Tujuan column left of Sasaran (Pemda templates): the goals are the Sasaran."""
    header = ["Tujuan", "Sasaran", "Indikator", "Satuan", "Target", "Program/Kegiatan", "Anggaran (Rp)",
              "Rencana Aksi", "TW I", "TW II", "TW III", "TW IV", "Penanggung Jawab"]
    rows = [["RENCANA AKSI TAHUN 2024"], [], header,
            ["Tata kelola yang baik", "Sasaran A", "Indikator A", "%", "100", "Program X", 1_000_000, "Aksi 1",
             "√", None, None, None, "Bagian Umum"],
            [None, None, None, None, None, None, None, "Aksi 2", None, "√", None, None, None],
            [None, "Sasaran B", "Indikator B", "%", "90", "Program Y", 2_000_000, "Aksi 3", None, None, "√", None,
             "Bagian Keuangan"]]
    rak = rakxl.read_rak(_sheet(tmp_path / "tujuan.xlsx", rows, ["A4:A6", "B4:B5", "C4:C5", "F4:F5", "G4:G5"]))
    assert rak.family == "pemda"
    assert rak.goals[["goal", "no", "sasaran", "pagu"]].values.tolist() == [
        [1, None, "Sasaran A", 1_000_000], [2, None, "Sasaran B", 2_000_000]]
    assert rak.activities["kegiatan"].tolist() == ["Aksi 1", "Aksi 2", "Aksi 3"]
    assert rak.activities["budget_line"].tolist() == [1, 1, 2]
    assert rak.extra_columns == ["Tujuan", "Satuan", "Program/Kegiatan"]
    assert rak.activities["Tujuan"].tolist() == ["Tata kelola yang baik", None, None]


@pytest.mark.parametrize("family", list(F.RENDERERS))
def test_family_sheets_mangled_read_or_refuse(tmp_path, family):
    """Cells blanked, replaced by odd values and merged at random over a family's sheet:
    read_rak returns a Rak whose total is the sum of its lines, or raises RakError;
    never anything else."""
    import random

    odd = [None, "", "Rp 1.000.000", "x", "JUMLAH", "Sub Total", "TOTAL USULAN ANGGARAN", "1.1", "II", "a.",
           "Alokasi Anggaran", "Program/Kegiatan", "Pagu Anggaran", "Vol", "Biaya", "Jan", 7, 0, -5, 2.5, "#REF!",
           "Serang, 2 Januari 2024", "=1/0", "=SUM(A1:A3)"]
    src = F.render(tmp_path / "src.xlsx", family, plan_of("office"), F.Options(engine="openpyxl"))
    rnd = random.Random(family)
    for k in range(25):
        wb = openpyxl.load_workbook(src)
        ws = wb.active
        for rng in list(ws.merged_cells.ranges)[: rnd.randint(0, 3)]:
            ws.unmerge_cells(str(rng))
        for _ in range(rnd.randint(1, 12)):
            r, c = rnd.randint(1, ws.max_row), rnd.randint(1, ws.max_column)
            cell = ws.cell(r, c)
            if type(cell).__name__ != "MergedCell":
                cell.value = rnd.choice(odd)
        for _ in range(rnd.randint(0, 2)):
            r, c = rnd.randint(5, ws.max_row), rnd.randint(1, ws.max_column)
            try:
                ws.merge_cells(start_row=r, start_column=c, end_row=r + rnd.randint(0, 4), end_column=c + rnd.randint(0, 3))
            except ValueError:
                pass
        path = tmp_path / f"m{k}.xlsx"
        wb.save(path)
        try:
            rak = rakxl.read_rak(path)
        except rakxl.RakError:
            continue
        assert rak.total_pagu == sum(int(p) for p in rak.budgets["pagu"])
        rakxl.check(rak)


def test_monev_refuses_budget_lines_kept_apart(tmp_path):
    """A monev workbook gives each budget line a cell for its realisation beside its
    activities: lines kept in a table apart are refused, never dropped."""
    plan = plan_of("office")
    src = F.render(tmp_path / "t.xlsx", "targets-budget", plan)
    out = tmp_path / "monev.xlsx"
    res = CliRunner().invoke(cli, ["monev", str(src), "-o", str(out)])
    assert res.exit_code == 2 and not out.exists()
    assert "workbook monev" in res.output and "8 baris Pagu" in res.output
    ok = CliRunner().invoke(cli, ["monev", str(F.render(tmp_path / "w.xlsx", "workplan", plan)),
                                  "-o", str(tmp_path / "w_monev.xlsx")])
    assert ok.exit_code == 0, ok.output


def test_budget_table_far_below_a_long_targets_table(tmp_path):
    """However many indicators the targets table holds, its budget table is found."""
    import dataclasses

    plan = plan_of("sample")
    big = dataclasses.replace(plan, goals=[dataclasses.replace(g, no=str(k * len(plan.goals) + i + 1))
                                           for k in range(4) for i, g in enumerate(plan.goals)])
    rak = rakxl.read_rak(F.render(tmp_path / "big.xlsx", "targets-budget", big))
    assert rak.family == "targets-budget" and len(rak.indicators) == 4 * 38
    assert rak.total_pagu == 4 * plan.total and rak.budgets["goal"].notna().all()


def test_pemda_tables_side_by_side_are_refused(tmp_path):
    header = ["Sasaran", "Indikator", "Target", "Program/Kegiatan", "Anggaran (Rp)", "Rencana Aksi",
              "Sasaran", "Indikator", "Target", "Program/Kegiatan", "Anggaran (Rp)", "Rencana Aksi"]
    row = ["Sasaran A", "Indikator A", "100%", "Program X", 1_000_000, "Aksi 1"]
    path = _sheet(tmp_path / "dua.xlsx", [["RENCANA AKSI 2024"], [], header, row + row])
    with pytest.raises(RakInputError) as exc:
        rakxl.read_rak(path)
    assert "dua.xlsx" in str(exc.value) and "A3/G3" in str(exc.value)


@pytest.mark.parametrize("family", list(F.RENDERERS))
def test_empty_family_template_is_no_rak(tmp_path, family):
    """A family's header with nothing below it (a blank template) is no RAK table: skipped
    beside a real plan, refused alone, never a plan of Rp 0."""
    src = F.render(tmp_path / "f.xlsx", family, plan_of("office"))
    wb = openpyxl.load_workbook(src)
    ws = wb.active
    header_rows = 7 if family == "targets-budget" else 6
    for rng in [m for m in ws.merged_cells.ranges if m.max_row > header_rows]:
        ws.unmerge_cells(str(rng))
    for row in ws.iter_rows(min_row=header_rows + 1):
        for cell in row:
            cell.value = None
    if family == "targets-budget":  # keep the budget table's header, far below
        ws["A30"], ws["B30"], ws["C30"] = "No", "Program/Kegiatan", "Pagu Anggaran"
    empty = tmp_path / "empty.xlsx"
    wb.save(empty)
    with pytest.raises(RakInputError):
        rakxl.read_rak(empty)


@pytest.mark.parametrize("family", ["workplan", "pemda", "monthly"])
def test_diff_across_families_sees_changes_not_the_family(tmp_path, kpu_reading, family):
    """The same plan in another family is no change (fields the family does not have are
    not compared); a Pagu changed in it is."""
    import dataclasses

    plan = plan_of("office")
    kpu = kpu_reading("office")
    same = rakxl.read_rak(F.render(tmp_path / "same.xlsx", family, plan))
    assert rakxl.diff(kpu, same).is_empty and rakxl.diff(same, kpu).is_empty
    goals = list(plan.goals)
    goals[1] = dataclasses.replace(goals[1], pagu=[(0, 48_250_000), (2, 320_000_000)])
    changed = rakxl.read_rak(F.render(tmp_path / "changed.xlsx", family, dataclasses.replace(plan, goals=goals)))
    d = rakxl.diff(kpu, changed)
    assert not d.is_empty
    assert [int(x) for x in d.totals["delta"]][-1] == 10_000_000
    assert set(d.activities["fields"]) == {"pagu"}
