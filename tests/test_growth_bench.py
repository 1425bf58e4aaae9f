"""benchmarks/growth_bench.py runs the steps it is asked for (no timing is asserted)."""
import json
import sys

import pytest

from tests.helpers import load_benchmark


@pytest.fixture
def growth_bench(tmp_path, monkeypatch):
    yield load_benchmark("growth_bench", monkeypatch, tmp_path)
    for name in ("diff_bench", "generate"):
        sys.modules.pop(name, None)


def test_child_times_the_steps_asked_for(growth_bench, capsys):
    growth_bench.child(40, ("diff", "diff touched"))
    took = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert list(took) == ["diff", "diff touched"]
    assert all(isinstance(v, float) and v >= 0 for v in took.values())


def test_an_unknown_step_is_refused(growth_bench, capsys):
    with pytest.raises(SystemExit) as exc:
        growth_bench.main(["--steps", "diff,dif"])
    assert exc.value.code == 2
    assert "unknown steps: dif " in capsys.readouterr().err


@pytest.mark.parametrize("sizes", [(1000,), (1000, 10_000), (1000, 10_000, 100_000)])
def test_the_table_has_as_many_cells_as_columns(growth_bench, sizes):
    import io

    out = io.StringIO()
    best = {(step, n): n / 1000 for step in ("read", "write") for n in sizes}
    worst, factors = growth_bench.table(sizes, ("read", "write"), best, out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 4
    widths = {line.count("|") for line in lines}
    assert widths == {2 * len(sizes) + 1}
    assert lines[2].startswith("| read | 1.000 s")
    assert worst == (10.0 if len(sizes) > 1 else 0.0)
