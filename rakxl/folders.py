"""The workbooks to read, found in files and folders: what ``rakxl totals`` and
``rakxl rekap`` are given.

- :func:`find_workbooks` turns files and folders into the list of workbooks to read
  (folders searched recursively for .xlsx, .xlsm and .xls; Excel's ``~$`` lock files
  skipped; linked folders once; pipes and broken links listed as problems);
- :func:`same_content` finds files sent twice (equal bytes);
- :class:`Failure` is a file with the reason it is not counted.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

#: File name endings searched for in folders (compared case-insensitively).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
#: Excel writes ``~$name.xlsx`` next to an open workbook; it is a lock, not a workbook.
LOCK_PREFIX = "~$"


@dataclass
class Failure:
    """A file that could not be read.

    Attributes:
        path: the file, as found.
        reason: why, in Bahasa Indonesia (the message of the :class:`RakError`
            without the file name; for a refusal, a :class:`rakxl.i18n.Twin` carrying
            its English twin, said by :func:`rakxl.i18n.said`).
    """

    path: str
    reason: str



def is_workbook_name(path: Path) -> bool:
    """Whether a file found in a folder should be read: a workbook ending that is not a lock file."""
    return path.suffix.lower() in WORKBOOK_SUFFIXES and not path.name.startswith(LOCK_PREFIX)


def lock_file_reason(path, lang: str = "id") -> str | None:
    """What to say about Excel's lock file ``~$NAME.xlsx`` (None for any other name)."""
    name = Path(path).name
    if not name.startswith(LOCK_PREFIX):
        return None
    from .i18n import say

    return say("error.lock_file", lang, name=name[len(LOCK_PREFIX):])


def find_workbooks(paths: Iterable, problems: list | None = None) -> list[Path]:
    """The workbooks named by ``paths``: files as given, folders searched recursively.

    A path that is not a folder is kept as it is, even when it does not exist or is
    not a workbook (reading it then fails with the reason). In folders only .xlsx,
    .xlsm and .xls files are taken, without Excel's ``~$`` lock files. Linked
    subfolders are followed, each folder once (a link back to a parent is a loop and
    is not followed again). Each file comes once, also when two names link to it; a
    folder's files are sorted by path.

    Args:
        paths: files and folders.
        problems: when given, a list that gets a :class:`Failure` for each subfolder
            that cannot be read, each broken link and each non-regular file with a
            workbook's name (a pipe, a device), so that a caller can say the walk was
            not complete.
    """
    out: list[Path] = []
    seen: set = set()

    def add(p: Path) -> None:
        try:
            st = os.stat(p)
            key = (st.st_dev, st.st_ino) if st.st_ino else os.path.normcase(os.path.realpath(p))
        except OSError:
            key = os.path.normcase(os.path.abspath(p))
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = _walk(p, problems)
            for f in sorted(found, key=lambda f: [part.casefold() for part in f.relative_to(p).parts]):
                add(f)
        else:
            add(p)
    return out


def _walk(root: Path, problems: list | None) -> list[Path]:
    """Workbook files under ``root``, following linked folders once; unreadable folders
    and broken links go to ``problems``."""
    found: list[Path] = []
    visited: set = set()

    def unreadable(exc: OSError) -> None:
        if problems is not None:
            problems.append(Failure(str(exc.filename or root),
                                    f"folder tidak dapat dibaca ({exc.strerror or exc}); isinya tidak dihitung"))

    for folder, dirs, files in os.walk(root, onerror=unreadable, followlinks=True):
        try:
            st = os.stat(folder)
            key = (st.st_dev, st.st_ino) if st.st_ino else os.path.normcase(os.path.realpath(folder))
        except OSError:
            key = os.path.normcase(os.path.realpath(folder))
        if key in visited:      # a second link to a folder already walked, or a loop
            dirs[:] = []
            continue
        visited.add(key)
        base = Path(folder)
        for name in files:
            f = base / name
            if not os.path.exists(f):         # a broken link: say so (it may have been a workbook)
                if problems is not None and os.path.islink(f):
                    problems.append(Failure(str(f), "tautan (symlink) rusak: yang ditunjuknya tidak ada"))
                continue
            if is_workbook_name(f):
                if f.is_file():
                    found.append(f)
                elif problems is not None:   # a pipe, device or socket with a workbook's name
                    problems.append(Failure(str(f), "bukan file biasa (pipa, perangkat atau soket); tidak dibaca"))
    return found


def same_content(files: list[str]) -> dict[str, str]:
    """Files whose bytes equal an earlier file's: ``{later: first}``. Only files of
    equal size are hashed (SHA-256), so this costs a ``stat`` per file in the usual case."""
    import hashlib

    by_size: dict[int, list[str]] = {}
    for f in files:
        try:
            by_size.setdefault(os.stat(f).st_size, []).append(f)
        except OSError:
            continue
    dupes: dict[str, str] = {}
    for group in by_size.values():
        if len(group) < 2:
            continue
        first_of: dict[bytes, str] = {}
        for f in group:
            digest = hashlib.sha256()
            try:
                with open(f, "rb") as fh:
                    for block in iter(lambda: fh.read(1 << 20), b""):
                        digest.update(block)
            except OSError:
                continue
            d = digest.digest()
            if d in first_of:
                dupes[f] = first_of[d]
            else:
                first_of[d] = f
    return dupes
