"""The input file: a regular file within its size, checked before it is opened and read."""
from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from ..exceptions import RakInputError
from ..i18n import Said, numbers
from .limits import DEFAULT_LIMITS, Limits


def open_input(path, limits: Limits = DEFAULT_LIMITS):
    """Open ``path`` for reading after checking that it is a regular file within
    ``limits.max_file_bytes``; nothing of it is read yet.

    A FIFO, a device or a socket given as a workbook would block a reader forever
    (or read without end), so the kind of file is checked before it is opened and
    again on the open descriptor (opened without blocking), and its size before
    any byte is read.

    Raises:
        RakInputError: not found, a folder, not a regular file, or too big.
    """
    path = Path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise RakInputError.of("error.not_found", path=path) from None
    except OSError as exc:
        raise RakInputError.of("error.cannot_open", path=path, reason=exc.strerror) from None
    _check_kind(st, path, limits)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise RakInputError.of("error.cannot_open", path=path, reason=exc.strerror) from None
    try:
        _check_kind(os.fstat(fd), path, limits)  # the file opened is the file checked
        if hasattr(os, "O_NONBLOCK"):  # POSIX: reads of the regular file block as usual
            os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _check_kind(st: os.stat_result, path, limits: Limits) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise RakInputError.of("error.folder", path=path)
    if not stat.S_ISREG(st.st_mode):
        kind = ("fifo" if stat.S_ISFIFO(st.st_mode) else "socket" if stat.S_ISSOCK(st.st_mode)
                else "device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "other")
        raise RakInputError.of("error.special", path=path, kind=Said(f"error.kind.{kind}"))
    if st.st_size > limits.max_file_bytes:
        raise RakInputError.of("error.too_big", path=path, size=numbers(st.st_size),
                               limit=numbers(limits.max_file_bytes))


def _opened_size(fh, path, limits: Limits) -> int:
    """The size of the open file ``fh``, checked as :func:`open_input` checks a path
    (a caller may hand in a file it opened itself)."""
    st = os.fstat(fh.fileno())
    _check_kind(st, path, limits)
    return st.st_size


@contextlib.contextmanager
def checked_input(path, limits: Limits, fh=None):
    """``(file, size)`` to read ``path`` from, its kind and size checked: ``fh``
    when the caller opened it (left open), else the file :func:`open_input` opens
    (closed after)."""
    if fh is not None:
        yield fh, _opened_size(fh, path, limits)
        return
    with open_input(path, limits) as own:
        yield own, _opened_size(own, path, limits)
