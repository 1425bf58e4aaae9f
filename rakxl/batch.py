"""Reading many files in worker processes, so that no file can take the run down.

:func:`run_isolated` is the one way rakxl reads a batch (``rakxl totals`` through
:func:`rakxl.read_many`, ``rakxl rekap`` through :func:`rakxl.rollup`): each file is
read in one of ``jobs`` worker processes, never in the caller's. A file that would
still crash a parser (a native abort that no ``except`` catches), exhaust memory or
run past ``seconds`` takes down one worker, not the run: it is tried once more in a
fresh worker (a crash could come from an earlier file in the same worker), then
given up with the reason, the worker is replaced, and every other file is still
read. Starting one worker costs about 0.03 s where processes start by ``fork``
(Linux) and 0.3 to 1 s by ``spawn`` (Windows, macOS).
"""
from __future__ import annotations

from typing import Callable, Iterator

#: Why a file is given up when its worker died or ran out of time.
CRASHED = ("proses pembaca berhenti mendadak saat membaca file ini ({how}), juga saat dicoba lagi; file ini "
           "dilewati, file lain tetap dihitung; buka di Excel lalu simpan ulang sebagai .xlsx")
TIMED_OUT = ("membaca file ini melebihi {seconds:g} detik (batas max_seconds); file ini dilewati, file lain tetap "
             "dihitung; bila file ini memang sah, naikkan batasnya (Limits / RAKXL_LIMITS)")
UNEXPECTED = "kesalahan tak terduga di rakxl ({kind}: {exc})"


def resolve(target: str) -> Callable:
    """The function named ``"package.module:name"``, looked up when called (so that a
    forked worker sees the module as the parent left it)."""
    import importlib

    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def _worker(conn, target: str) -> None:
    """A worker process: run the function ``target`` on each task sent on ``conn`` and
    send back ``("ok", outcome)`` or ``("error", reason)`` (top-level, so that ``spawn``
    can start it)."""
    try:
        while True:
            try:
                task = conn.recv()
            except EOFError:
                return
            if task is None:
                return
            try:
                reply = ("ok", resolve(target)(task))
            except BaseException as exc:  # noqa: BLE001 - reported, the worker goes on
                reply = ("error", UNEXPECTED.format(kind=type(exc).__name__, exc=exc))
            try:
                conn.send(reply)
            except Exception as exc:  # noqa: BLE001 - an outcome that cannot be sent back
                conn.send(("error", UNEXPECTED.format(kind=type(exc).__name__, exc=exc)))
    except KeyboardInterrupt:
        return


def run_isolated(target: str, tasks: list, *, jobs: int, seconds: float,
                 failed: Callable[[object, str], object], start_method: str | None = None,
                 warm: Callable[[], None] | None = None) -> Iterator:
    """The outcomes of the function ``target`` on each of ``tasks``, in order, each
    computed in one of ``jobs`` worker processes.

    Args:
        target: ``"package.module:name"`` of a top-level function taking one task
            (:func:`resolve`).
        tasks: its arguments, one per file; ``task[0]`` is not needed here.
        jobs: worker processes (at least 1).
        seconds: the time one task may take before its worker is stopped.
        failed: ``failed(task, reason)`` -> the outcome that stands for a task given
            up (its worker died, ran out of time, or ``func`` raised).
        start_method: ``"fork"``, ``"spawn"``...; None for the platform's default.
        warm: called here before forked workers start, to import what they need once.
    """
    import multiprocessing
    import time
    from multiprocessing.connection import wait

    context = multiprocessing.get_context(start_method)
    if warm is not None and context.get_start_method() == "fork":
        warm()
    outcomes: dict[int, object] = {}
    pending = list(range(len(tasks)))[::-1]  # popped from the end: in order
    tries: dict[int, int] = {}
    workers: list[list] = []  # [process, connection, task index or None, start time]

    def start_worker():
        parent, child = context.Pipe()
        proc = context.Process(target=_worker, args=(child, target), daemon=True)
        proc.start()
        child.close()
        return [proc, parent, None, 0.0]

    def give(w) -> None:
        if pending:
            i = pending.pop()
            w[1].send(tasks[i])
            w[2], w[3] = i, time.monotonic()

    def lost(w, how: str, timed_out: bool = False) -> None:
        """The worker died or ran out of time on its task: retry once, else give it up."""
        i = w[2]
        tries[i] = tries.get(i, 0) + 1
        if timed_out or tries[i] >= 2:
            reason = TIMED_OUT.format(seconds=seconds) if timed_out else CRASHED.format(how=how)
            outcomes[i] = failed(tasks[i], reason)
        else:
            pending.append(i)  # next in line, in a fresh worker
        _stop(w)
        w[:] = start_worker()

    next_out = 0
    try:
        for _ in range(max(1, min(jobs, len(tasks)))):
            w = start_worker()
            workers.append(w)
            give(w)
        while next_out < len(tasks):
            busy = [w for w in workers if w[2] is not None]
            now = time.monotonic()
            timeout = max(0.0, min((w[3] + seconds - now for w in busy), default=1.0))
            ready = wait([w[1] for w in busy] + [w[0].sentinel for w in busy], timeout=min(timeout, 1.0))
            for w in busy:
                if w[1] in ready or w[0].sentinel in ready:
                    try:
                        reply = w[1].recv() if w[1].poll() else None
                    except (EOFError, OSError):
                        reply = None
                    if reply is None:
                        w[0].join(1)
                        lost(w, _exit_text(w[0].exitcode))
                    else:
                        status, value = reply
                        outcomes[w[2]] = value if status == "ok" else failed(tasks[w[2]], value)
                        w[2] = None
                    if w[2] is None:
                        give(w)
                elif time.monotonic() - w[3] > seconds:
                    lost(w, "", timed_out=True)
                    if w[2] is None:
                        give(w)
            for w in workers:  # a task retried after a crash
                if w[2] is None and pending:
                    give(w)
            while next_out in outcomes:
                yield outcomes.pop(next_out)
                next_out += 1
    finally:
        for w in workers:
            _stop(w)


def _stop(w) -> None:
    proc, conn = w[0], w[1]
    try:
        if proc.is_alive() and w[2] is None:
            conn.send(None)
            proc.join(2)
    except (OSError, ValueError):
        pass
    if proc.is_alive():
        proc.kill()
        proc.join(5)
    conn.close()


def _exit_text(code) -> str:
    """How a worker ended, for the reason of its file."""
    import signal

    if code is None:
        return "tidak diketahui"
    if code < 0:
        try:
            return f"sinyal {signal.Signals(-code).name}"
        except ValueError:
            return f"sinyal {-code}"
    return f"kode keluar {code}"
