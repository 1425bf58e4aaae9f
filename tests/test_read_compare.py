"""benchmarks/read_compare.py compares two checkouts' reads (no timing is asserted)."""
import sys

import pytest

from tests.conftest import ROOT
from tests.helpers import load_benchmark


@pytest.fixture
def read_compare(tmp_path, monkeypatch):
    yield load_benchmark("read_compare", monkeypatch, tmp_path)
    sys.modules.pop("generate", None)


def test_a_checkout_against_itself(read_compare, capsys, tmp_path):
    """Both sides read the generated workbook in fresh processes; the table names both."""
    assert read_compare.main([str(ROOT), "--sizes", "60", "--rounds", "1", "--max-ratio", "100"]) == 0
    out = capsys.readouterr().out
    assert "| 60 |" in out and out.count("ms |") == 2
    assert (tmp_path / "RAK_60.xlsx").exists()


def test_a_folder_without_rakxl_is_refused(read_compare, tmp_path):
    with pytest.raises(SystemExit, match="no rakxl/ folder"):
        read_compare.main([str(tmp_path / "nothing"), "--sizes", "60", "--rounds", "1"])


def test_a_tree_whose_rakxl_is_not_imported_is_refused(read_compare, tmp_path):
    """A rakxl/ folder that is no package: the children would import another copy (or
    fail); said in one line rather than measured."""
    (tmp_path / "other" / "rakxl").mkdir(parents=True)
    with pytest.raises(SystemExit, match="imported from|the read of RAK_60.xlsx failed"):
        read_compare.main([str(tmp_path / "other"), "--sizes", "60", "--rounds", "1"])
