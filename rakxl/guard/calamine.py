"""After the parser: merged ranges cut to the cells a sheet holds, and
calamine's panic told apart."""
from __future__ import annotations

from ..i18n import numbers
from .limits import DEFAULT_LIMITS, Limits, _hostile


def clip_merges(merges, nrows: int, ncols: int, limits: Limits = DEFAULT_LIMITS, *, path=None,
                sheet=None) -> list[tuple[int, int, int, int]]:
    """Merged ranges cut to the cells a sheet holds, as ``(r1, c1, r2, c2)``.

    A merge may point far outside the cells (``A1:XFD1048576``) or be written
    bottom-up; cut to the sheet's ``nrows`` x ``ncols`` it reads the same and the
    reader never walks past the last cell. Merges that start beyond the cells are
    dropped.

    Args:
        merges: calamine's ``((r1, c1), (r2, c2))`` pairs, 0-based, inclusive.

    Raises:
        RakHostileError: the cut ranges together cover more than
            ``limits.max_merged_cells`` cells (thousands of ranges over the
            same sheet: no reader should walk them).
    """
    out = []
    append = out.append
    covered = 0
    last_r, last_c = nrows - 1, ncols - 1
    for (r1, c1), (r2, c2) in merges:  # plain comparisons: 155,000 merges at 100,000 rows
        if r1 > r2:
            r1, r2 = r2, r1
        if c1 > c2:
            c1, c2 = c2, c1
        if r1 > last_r or c1 > last_c:
            continue
        if r2 > last_r:
            r2 = last_r
        if c2 > last_c:
            c2 = last_c
        covered += (r2 - r1 + 1) * (c2 - c1 + 1)
        append((r1, c1, r2, c2))
    if covered > limits.max_merged_cells:
        raise _hostile("hostile.merged_cells", path, sheet, n=numbers(covered), limit=numbers(limits.max_merged_cells))
    return out


def is_calamine_panic(exc: BaseException) -> bool:
    """Whether ``exc`` is the PanicException that python-calamine raises when its
    Rust code panics on a damaged file. It derives from BaseException (so that
    ``except Exception`` misses it) and cannot be imported by name."""
    return type(exc).__name__ == "PanicException"
