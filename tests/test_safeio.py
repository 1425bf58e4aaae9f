"""Safe outputs: temp file + rename, refusals, CSV that Excel opens right."""
import os
import sys

import pandas as pd
import pytest

from rakxl.exceptions import RakFileError
from rakxl.safeio import atomic_output, write_csv


def test_csv_escapes_formulas_and_keeps_integers(tmp_path):
    frame = pd.DataFrame({"pagu": [29_295_000, None], "sasaran": ["=HYPERLINK(\"x\")", "Rapat"]}, dtype=object)
    out = tmp_path / "t.csv"
    write_csv(frame, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8-sig").splitlines() == ["pagu,sasaran", '29295000,"\'=HYPERLINK(""x"")"', ",Rapat"]


def test_interrupted_write_leaves_nothing(tmp_path):
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with atomic_output(out) as tmp:
            with open(tmp, "wb") as fh:
                fh.write(b"half")
            raise RuntimeError("stopped")
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_refuses_folder_and_input(tmp_path):
    src = tmp_path / "in.xlsx"
    src.write_bytes(b"data")
    with pytest.raises(RakFileError, match="folder"):
        with atomic_output(tmp_path):
            pass
    with pytest.raises(RakFileError, match="sama dengan file masukan"):
        with atomic_output(tmp_path / "." / "in.xlsx", inputs=[src]):
            pass
    assert src.read_bytes() == b"data"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_output_gets_the_usual_mode(tmp_path):
    out = tmp_path / "o.csv"
    with atomic_output(out) as tmp:
        open(tmp, "w").close()
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


def test_replace_refused_becomes_rak_file_error(tmp_path, monkeypatch):
    """Windows refuses to replace a file that is open in Excel: a RakFileError that says
    so, the old file kept, no temporary file left."""
    out = tmp_path / "total.xlsx"
    out.write_bytes(b"old")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(RakFileError, match="terbuka di Excel"):
        with atomic_output(out) as tmp:
            with open(tmp, "wb") as fh:
                fh.write(b"new")
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["total.xlsx"]
