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
#: Look-alikes of those a spreadsheet may fold into them: full-width ＝＋－＠, the
#: small forms ﹦﹢﹣﹫ and the minus sign −.
LOOKALIKE_TRIGGERS = ("\uff1d", "\uff0b", "\uff0d", "\uff20", "\ufe66", "\ufe62", "\ufe63", "\ufe6b", "\u2212")
#: Spaces a spreadsheet may skip before a formula.
_LEADING_SPACE = " \u00a0\u3000"


def same_file(a, b) -> bool:
    """Whether two paths name the same file: the same inode (hard links and symbolic
    links included), or, when either does not exist, the same resolved path (case
    folded on Windows)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def check_output(path, inputs=()) -> Path:
    """The one rule for outputs: refuse a path that is a folder, anything but a regular
    file (a device, a pipe, a socket), a broken link, one of ``inputs`` (by inode:
    hard links and symbolic links included), or in a missing folder.

    Returns:
        The path to write: ``path`` itself, or the file a symbolic link points to
        (the link stays a link).

    Raises:
        RakFileError: with a message naming the path.
    """
    import stat

    out = Path(path)
    if out.is_dir():
        raise RakFileError.of("error.out_folder", path=out)
    if os.path.lexists(out):
        try:
            st = os.stat(out)
        except OSError:
            raise RakFileError.of("error.out_broken_link", path=out) from None
        if not stat.S_ISREG(st.st_mode):
            raise RakFileError.of("error.out_special", path=out)
        if out.is_symlink():
            out = Path(os.path.realpath(out))
    for src in inputs:
        if same_file(out, src):
            raise RakFileError.of("error.out_is_input", path=path)
    if not out.parent.exists():
        raise RakFileError.of("error.out_no_folder", path=out)
    return out


#: Temporary files being written now: removed on any exit, a signal included.
_PENDING: set[str] = set()


@contextlib.contextmanager
def atomic_output(path, inputs=()):
    """Yield a temporary path to write; on success it replaces ``path`` atomically.

    The temporary file is in the target's folder (``.NAME.xxxx.xlsx.tmp``) and is
    removed if anything goes wrong, an interrupt or (on the command line) SIGTERM or
    SIGHUP included. A file that is replaced keeps its permissions (a read-only file
    stays read-only); a symbolic link stays a link to the file written.

    Args:
        path: the output file.
        inputs: files the output must not be (each refused with RakFileError).
    """
    out = check_output(path, inputs)
    try:
        mode = os.stat(out).st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()  # mkstemp makes 0600; give the usual mode
    tmp = _new_temp(out)
    try:
        yield tmp
        os.chmod(tmp, mode)
        try:
            os.replace(tmp, out)
        except OSError as exc:
            raise RakFileError.of("error.out_replace", path=out, reason=exc.strerror) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise
    finally:
        _PENDING.discard(tmp)


def _new_temp(out: Path) -> str:
    """Create ``.NAME.xxxxxxxx.xlsx.tmp`` beside ``out`` and return its name, listed in
    :data:`_PENDING` *before* it exists, so that a signal arriving at any moment finds
    it (a name listed but not yet made is harmless to :func:`remove_pending`)."""
    import secrets

    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = str(out.parent / f".{out.stem}.{secrets.token_hex(4)}{out.suffix}.tmp")
        _PENDING.add(tmp)
        try:
            os.close(os.open(tmp, flags, 0o600))
            return tmp
        except FileExistsError:
            _PENDING.discard(tmp)
        except OSError as exc:
            _PENDING.discard(tmp)
            raise RakFileError.of("error.out_cannot_write", path=out, reason=exc.strerror) from None
    raise RakFileError.of("error.out_no_temp", path=out)


def remove_pending() -> None:
    """Remove every temporary file :func:`atomic_output` is writing now (for a signal handler)."""
    for tmp in list(_PENDING):
        with contextlib.suppress(OSError):
            os.remove(tmp)
        _PENDING.discard(tmp)


def backup(path) -> Path:
    """Keep a copy of ``path`` beside it before it is replaced, never overwriting an
    earlier backup of different content.

    The copy is ``NAME.bak``; when that exists with other content, ``NAME.1.bak``,
    ``NAME.2.bak``... An existing backup with the same content is kept and returned.
    Each backup is created whole and exclusively (a temporary file hard-linked to the
    name, which fails if the name exists), so two runs at once never overwrite one
    another's backup.

    Returns:
        The backup holding the content of ``path``.
    """
    src = Path(path)
    data = src.read_bytes()
    fd, tmp = tempfile.mkstemp(prefix=f".{src.name}.", suffix=".bak.tmp", dir=src.parent)
    _PENDING.add(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, os.stat(src).st_mode & 0o7777)
        for n in range(1000):
            name = src.with_name(f"{src.name}.bak" if n == 0 else f"{src.name}.{n}.bak")
            try:
                os.link(tmp, name)
                return name
            except FileExistsError:
                try:
                    if name.is_file() and name.read_bytes() == data:
                        return name
                except OSError:
                    pass
            except OSError:  # no hard links here (some network or FAT drives): exclusive create
                try:
                    with open(name, "xb") as fh:
                        fh.write(data)
                    return name
                except FileExistsError:
                    if name.is_file() and name.read_bytes() == data:
                        return name
        raise RakFileError.of("error.too_many_bak", path=src)
    finally:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        _PENDING.discard(tmp)


def format_in_place(path, write) -> tuple[Path, Path]:
    """Replace a workbook with what ``write(tmp)`` writes, keeping the original first.

    A symbolic link is followed: the file it points to is backed up and replaced, the
    link stays. The replaced file keeps its permissions.

    Returns:
        ``(the file replaced, its backup)`` (see :func:`backup`).
    """
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    check_output(target)
    saved = backup(target)
    with atomic_output(target) as tmp:
        write(tmp)
    return target, saved


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def escape_formula(value):
    """Prefix text that a spreadsheet would run as a formula with ``'`` (OWASP CSV
    injection): text starting with ``= + - @``, a tab or a carriage return, or with a
    look-alike of them (:data:`LOOKALIKE_TRIGGERS`), also after leading spaces."""
    if isinstance(value, str) and value:
        start = value.lstrip(_LEADING_SPACE)
        if value.startswith(("\t", "\r")) or start.startswith(FORMULA_TRIGGERS + LOOKALIKE_TRIGGERS):
            return "'" + value
    return value


def write_json(data, path, inputs=()) -> None:
    """Write JSON (UTF-8, indented, text as written: no ``\\u`` escapes) safely."""
    import json

    with atomic_output(path, inputs) as tmp:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=2, default=str)
            fh.write("\n")


def _escaped(frame):
    """A copy of ``frame`` with every text cell passed through :func:`escape_formula`."""
    import pandas as pd

    safe = frame.copy()
    for col in safe.columns:
        if safe[col].dtype == object or str(safe[col].dtype) in ("str", "string"):
            # Built as an object column so that integers beside None stay integers.
            safe[col] = pd.Series([escape_formula(v) for v in safe[col]], index=safe.index, dtype=object)
    return safe


def write_csv(frame, path, inputs=()) -> None:
    """Write a frame as CSV that Excel opens right: UTF-8 with BOM, text escaped
    against formula injection, integers without decimals."""
    safe = _escaped(frame)
    with atomic_output(path, inputs) as tmp:
        safe.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\r\n")


def csv_text(frame) -> str:
    """A frame as CSV text for the screen or a pipe, escaped as :func:`write_csv` escapes a file."""
    return _escaped(frame).to_csv(index=False, lineterminator="\n")
