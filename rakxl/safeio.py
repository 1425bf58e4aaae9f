"""Writing outputs safely, and text that is safe for spreadsheets.

rakxl never opens an input for writing. Every output goes to a temporary file in
the target folder first and is renamed into place with :func:`os.replace` (atomic
on Windows and POSIX alike), so an interrupted run leaves no half-written file.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from .exceptions import RakFileError

#: Characters that make a spreadsheet treat a CSV cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def same_file(a, b) -> bool:
    """Whether two paths name the same file (also through links or case on Windows)."""
    a, b = Path(a), Path(b)
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def check_output(path, inputs=()) -> Path:
    """Refuse an output path that is a folder or one of the inputs.

    Raises:
        RakFileError: with a message naming the path.
    """
    out = Path(path)
    if out.is_dir():
        raise RakFileError("keluaran adalah sebuah folder; sebutkan nama file", path=out)
    for src in inputs:
        if same_file(out, src):
            raise RakFileError("keluaran sama dengan file masukan; rakxl tidak pernah menimpa masukan "
                               "(pakai nama lain)", path=out)
    if not out.parent.exists():
        raise RakFileError("folder tujuan tidak ada", path=out)
    return out


@contextlib.contextmanager
def atomic_output(path, inputs=()):
    """Yield a temporary path to write; on success it replaces ``path`` atomically.

    Args:
        path: the output file.
        inputs: files the output must not be (each refused with RakFileError).
    """
    out = check_output(path, inputs)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=out.suffix + ".tmp", dir=out.parent)
        os.close(fd)
    except OSError as exc:
        raise RakFileError(f"tidak dapat menulis di folder ini ({exc.strerror})", path=out) from None
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual mode
        try:
            os.replace(tmp, out)
        except OSError as exc:
            raise RakFileError(f"file tidak dapat diganti ({exc.strerror}); bila sedang terbuka di Excel, "
                               "tutup dulu lalu jalankan lagi", path=out) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def escape_formula(value):
    """Prefix text that a spreadsheet would run as a formula with ``'`` (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def write_json(data, path, inputs=()) -> None:
    """Write JSON (UTF-8, indented, text as written: no ``\\u`` escapes) safely."""
    import json

    with atomic_output(path, inputs) as tmp:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2, default=str)
            fh.write("\n")


def write_csv(frame, path, inputs=()) -> None:
    """Write a frame as CSV that Excel opens right: UTF-8 with BOM, text escaped
    against formula injection, integers without decimals."""
    import pandas as pd

    safe = frame.copy()
    for col in safe.columns:
        if safe[col].dtype == object or str(safe[col].dtype) in ("str", "string"):
            # Built as an object column so that integers beside None stay integers.
            safe[col] = pd.Series([escape_formula(v) for v in safe[col]], index=safe.index, dtype=object)
    with atomic_output(path, inputs) as tmp:
        safe.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n")
