"""The benchmark generator (benchmarks/generate.py) and what rakxl reads from it.

The benchmarks time rakxl on generated workbooks; these tests make sure those
workbooks are RAK tables in the official layout and that rakxl finds in them the
figures the generator put there (it builds them without rakxl).
"""
import json

import pytest

import rakxl
from tests.conftest import ROOT
from tests.helpers import load_script


@pytest.fixture(scope="module")
def generate():
    mod = load_script(ROOT / "benchmarks" / "generate.py", "generate")
    return mod


@pytest.mark.parametrize("rows,seed", [(1, 1), (70, 2021), (400, 7)])
def test_rakxl_reads_the_generated_figures(generate, tmp_path, rows, seed):
    path = tmp_path / f"RAK_{rows}.xlsx"
    figures = generate.build(path, rows, seed=seed)
    assert json.loads(path.with_suffix(".json").read_text(encoding="utf-8")) == figures
    rak = rakxl.read_rak(path)
    assert len(rak.activities) == figures["activities"] == rows
    assert len(rak.goals) == figures["goals"]
    assert len(rak.indicators) == figures["indicators"]
    assert len(rak.budgets) == figures["budget_lines"]
    assert rak.total_pagu == figures["total_pagu"] == rak.stated_total
    assert rak.meta.year == 2021 and rak.meta.signatory == "ANNISA ROSPA.P"
    if rows > 1:
        assert {"no", "sasaran", "indikator", "target_indikator", "pelaksana"} <= set(rak.merged)
        assert (rak.budgets["last_row"] > rak.budgets["first_row"]).any()  # merged Pagu ranges


def test_percent_targets_read_as_shown(generate, tmp_path):
    """Activity targets written as the number 1 with a 0% format read as "100%"."""
    path = tmp_path / "RAK.xlsx"
    generate.build(path, 70)
    targets = set(rakxl.read_rak(path).activities["target_kegiatan"])
    assert "100%" in targets and "1" not in targets


def test_ensure_reuses_a_generated_file(generate, tmp_path):
    path = tmp_path / "RAK_70.xlsx"
    first = generate.ensure(path, 70)
    mtime = path.stat().st_mtime_ns
    assert generate.ensure(path, 70) == first
    assert path.stat().st_mtime_ns == mtime


def _bench_module(name):
    """benchmarks/NAME.py as a module (it imports its siblings from benchmarks/)."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        module = load_script(ROOT / "benchmarks" / f"{name}.py", name)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return module


def test_diff_bench_writes_the_plan_it_is_given(generate, tmp_path):
    """diff_bench (and growth_bench through it) writes a given plan through the generator."""
    diff_bench = _bench_module("diff_bench")
    goals = diff_bench.generate.plan(40)
    old = diff_bench.write(goals, tmp_path / "lama.xlsx")
    new = diff_bench.write(diff_bench.revise(goals), tmp_path / "baru.xlsx")
    a, b = rakxl.read_rak(old), rakxl.read_rak(new)
    assert len(a.activities) == 40 and len(a.goals) == len(goals)
    assert len(b.goals) == len(diff_bench.revise(goals))      # the revision removes goal 6 of 8
    assert not rakxl.diff(a, b).is_empty


def test_phase_bench_times_every_stage_and_rule(sample_path):
    """benchmarks/phase_bench.py finds every function it times (an internal name that
    moved would drop a stage from the phase table silently), and a read through its
    wrappers gives the plain read's figures. Run in a child process: the wrappers
    stay installed in the process that ran them."""
    import subprocess
    import sys

    code = ("import json, sys; sys.path.insert(0, 'benchmarks'); import phase_bench as p; "
            f"read, rak = p.read_stages({str(sample_path)!r}); check = p.check_stages(rak); "
            "print(json.dumps({'read': read, 'check': check, 'pagu': rak.total_pagu}))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["pagu"] == 3_051_446_000
    assert got["read"]["missing"] == [] and got["check"]["missing"] == []
    from rakxl.rules import RULES

    assert {rule.CODE for rule in RULES} <= set(got["check"]["cpu"])
    assert {"guard: zip, XML, sheet extent", "calamine: sheet values + merges (grid)", "hierarchy: the walk",
            "assembly: the typed model", "other"} <= set(got["read"]["cpu"])


def test_write_bench_replays_the_same_sheet(generate, tmp_path):
    """write_bench's 'xlsxwriter alone' figure replays rakxl.write_rak's calls: the replay
    makes the same sheet, so the figure is xlsxwriter's cost for the same file."""
    import zipfile

    write_bench = _bench_module("write_bench")
    path = tmp_path / "RAK_70.xlsx"
    generate.build(path, 70, seed=2021)
    rak = rakxl.read_rak(path)
    props, script = write_bench.record(rak, tmp_path / "written.xlsx")
    write_bench.replay(props, script, tmp_path / "replayed.xlsx")
    sheets = []
    for name in ("written", "replayed"):
        with zipfile.ZipFile(tmp_path / f"{name}.xlsx") as z:
            xml = z.read("xl/worksheets/sheet1.xml").decode()
        sheets.append(xml[xml.index("<sheetData"):xml.index("</sheetData>")])
    assert sheets[0] == sheets[1]
    assert sheets[0].count("<c ") > 12 * 70          # the whole table, not an empty sheet
    assert write_bench.counts(tmp_path / "written.xlsx")["merges"] > 0
