"""Small helpers several test modules share."""
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
