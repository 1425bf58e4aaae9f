from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "RAK_2021.xlsx"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample():
    import rakxl

    return rakxl.read_rak(SAMPLE)


@pytest.fixture(autouse=True)
def _indonesian_messages(monkeypatch):
    monkeypatch.delenv("RAKXL_LANG", raising=False)
    yield
