"""Time and memory of each hostile file of issue 14 through the command line.

Run from the project root:  python benchmarks/hostile_bench.py [OUT_DIR]

Builds one file of each kind the issue found (tests/test_bad_input.hostile_files,
plus the .xls ones when LibreOffice can make the sample .xls), runs
``python -m rakxl.cli show FILE`` on each in a child process and prints its exit
code, wall seconds, peak memory (ru_maxrss of the child; POSIX) and the first
characters of what it printed on stderr. Done when every file gives exit 2 and one
line, in under 5 s and 1 GB (issue 14). Seconds live here, never in the tests.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def sample_xls(out: Path) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = (out / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "xls",
                    "--outdir", str(out), str(ROOT / "samples" / "RAK_2021.xlsx")], check=True,
                   capture_output=True, timeout=300)
    return out / "RAK_2021.xls"


def run(path: Path) -> tuple[int, float, float | None, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), RAKXL_LANG="id")
    env.pop("RAKXL_LIMITS", None)
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "rakxl.cli", "show", str(path)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env, cwd=str(ROOT))
    peak = None
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(proc.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        err = proc.stderr.read().decode("utf-8", "replace")
    else:
        _, err_bytes = proc.communicate()
        code, err = proc.returncode, err_bytes.decode("utf-8", "replace")
    return code, time.monotonic() - start, peak, err


def main() -> None:
    from tests.test_bad_input import hostile_files

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="rakxl_hostile_"))
    xls = sample_xls(out)
    files = hostile_files(out / "files", xls)
    print(f"{'file':<20} {'exit':>4} {'lines':>5} {'seconds':>8} {'peak MB':>8}  stderr")
    for path in files:
        code, seconds, peak, err = run(path)
        lines = len(err.strip().splitlines())
        print(f"{path.name:<20} {code:>4} {lines:>5} {seconds:>8.2f} {peak if peak is None else round(peak):>8}  "
              f"{err.strip()[len(str(path)) + 8:][:70]}")


if __name__ == "__main__":
    main()
