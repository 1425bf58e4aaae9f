"""Small helpers several test modules share."""
import importlib.util
from pathlib import Path

from click.testing import CliRunner
from xlsxwriter.utility import xl_col_to_name


def run_apart(*args):
    """Invoke the ``rakxl`` command (CliRunner) with stdout and stderr kept apart
    (``res.stdout``, ``res.stderr``): click 8.1 needs ``mix_stderr=False`` for that,
    click 8.2 and later always keep them apart."""
    from rakxl.cli import cli

    try:
        runner = CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2
        runner = CliRunner()
    return runner.invoke(cli, [str(a) for a in args])


def letters(n: int) -> str:
    """1-based column number -> letters (1 -> ``A``, 27 -> ``AA``), by xlsxwriter rather
    than rakxl, so that tests of rakxl's own column arithmetic have an independent one."""
    return xl_col_to_name(n - 1) if n >= 1 else ""


def load_script(path, name: str | None = None):
    """A script of the project (``benchmarks/generate.py``, ``samples/build_sample.py``...)
    imported as a module from its path (the scripts are no package)."""
    spec = importlib.util.spec_from_file_location(name or Path(path).stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_benchmark(name: str, monkeypatch, data):
    """``benchmarks/<name>.py`` as a module, its sibling scripts importable, its data
    folder moved to ``data`` (a test's tmp_path: no test writes into benchmarks/data)."""
    benchmarks = Path(__file__).resolve().parent.parent / "benchmarks"
    monkeypatch.syspath_prepend(str(benchmarks))
    module = load_script(benchmarks / f"{name}.py", name)
    monkeypatch.setattr(module, "DATA", data)
    return module
