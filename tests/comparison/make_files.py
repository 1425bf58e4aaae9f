"""Make the reference files: write each feature with rakxl, save it with LibreOffice.

Run from the project root when a change to the writer is meant to change its output:

    python -m tests.comparison.make_files            # references in xlsx_files/
    python -m tests.comparison.make_files --png      # also docs/format_page1.png

Look at what changed (``git diff --stat``, and the PNG) before committing.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.comparison.features import FEATURES, total01

HERE = Path(__file__).resolve().parent
REFERENCES = HERE / "xlsx_files"
DOCS = HERE.parent.parent / "docs"


def soffice(args, workdir: Path) -> None:
    """Run LibreOffice headless with a private profile (parallel runs do not collide)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise SystemExit("LibreOffice (soffice) is not installed")
    profile = (workdir / "profile").as_uri()
    subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", *args],
                   check=False, capture_output=True, timeout=300)


def save_with_libreoffice(src: Path, dest: Path, workdir: Path) -> None:
    out = workdir / "saved"
    soffice(["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(src)], workdir)
    made = out / (src.stem + ".xlsx")
    if not made.exists():          # soffice exits 0 even when it failed
        raise SystemExit(f"LibreOffice did not save {src}")
    shutil.copyfile(made, dest)


def render_png(workdir: Path) -> Path:
    """The first page of the formatted sample, as LibreOffice prints it."""
    xlsx = workdir / "RAK_2021_rapi.xlsx"
    total01(xlsx)
    soffice(["--convert-to", "pdf", "--outdir", str(workdir), str(xlsx)], workdir)
    pdf = workdir / "RAK_2021_rapi.pdf"
    if not pdf.exists():
        raise SystemExit("LibreOffice made no PDF")
    DOCS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(DOCS / "format_page1")], check=True)
    return DOCS / "format_page1.png"


def main(argv) -> None:
    REFERENCES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, (build, _) in FEATURES.items():
            src = work / f"{name}.xlsx"
            build(src)
            save_with_libreoffice(src, REFERENCES / f"{name}.xlsx", work)
            print(f"saved {REFERENCES / name}.xlsx")
        if "--png" in argv:
            print(f"rendered {render_png(work)}")


if __name__ == "__main__":
    main(sys.argv[1:])
