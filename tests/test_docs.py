"""The documentation keeps up with the code: every command has help and a README section."""
import re

import pytest
from click.testing import CliRunner

from rakxl.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_example(name):
    res = CliRunner().invoke(cli, [name, "--help"])
    assert res.exit_code == 0
    assert "Contoh:" in res.output, f"'rakxl {name} --help' shows no example"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_documented_in_readme(name):
    section = re.search(rf"^### rakxl {name}\n(.*?)(?=^##)", README, re.S | re.M)
    assert section, f"README.md has no '### rakxl {name}' section"
    assert f"rakxl {name} " in section.group(1), f"README's section on {name} shows no example"


def test_quick_start_has_two_commands():
    quick = re.search(r"^## Quick start\n(.*?)(?=^## )", README, re.S | re.M).group(1)
    blocks = re.findall(r"```\n(.*?)```", quick, re.S)
    assert len(blocks) == 2
    assert "samples/RAK_2021.xlsx" in blocks[0] and "pip install" in blocks[0]
    assert "pytest" in blocks[1] and "pip install" in blocks[1]


def test_ci_runs_the_readme_test_command():
    quick = re.search(r"^## Quick start\n(.*?)(?=^## )", README, re.S | re.M).group(1)
    test_command = re.findall(r"```\n(.*?)```", quick, re.S)[1].strip()
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
