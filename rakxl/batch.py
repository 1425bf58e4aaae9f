"""Reading many files in worker processes, so that no file can take the run down.

:func:`run_isolated` is the one way rakxl reads a batch (``rakxl totals`` through
:func:`rakxl.read_many`, ``rakxl rekap`` through :func:`rakxl.rollup`): each file is
read in a worker process, never in the caller's. A file that would still crash a
parser (a native abort that no ``except`` catches), exhaust memory or run past
``seconds`` takes down one worker, not the run: it is tried once more in a fresh
worker (a crash could come from an earlier file in the same worker), then given up
with the reason, the worker is replaced, and every other file is still read.

How many workers: one to begin with; more only when the costs measured so far say
a bigger pool wins (:func:`worth_growing`): the files left must take long enough that
spreading them saves clearly more than starting a worker costs. Starting one costs
about 0.01-0.05 s where processes start by ``fork`` (Linux) and 0.3 to 1 s by
``spawn`` (Windows, macOS), measured on the first worker of each run; few or small
files, or one core, are read by one worker. Each worker is sent a few files ahead
(:data:`AHEAD`), so that it never waits for the caller between two files.
"""
from __future__ import annotations

import os
import sys
import time
from collections import deque
from typing import Callable, Iterator

from .i18n import twin

#: Why a file is given up (its worker died, ran out of time, or the reading raised): catalogue
#: keys of :mod:`rakxl.words.errors`, said as an :class:`rakxl.i18n.Twin` (both languages).
CRASHED, TIMED_OUT, UNEXPECTED = "batch.crashed", "batch.timed_out", "error.unexpected"

#: Tasks a worker holds at once: the one it reads and the next ones, already sent.
AHEAD = 3
#: One more worker is started only when it would save this many times what starting it costs...
PAYBACK = 2.0
#: ... and at least this many seconds (a pool for less work never pays noticeably).
MIN_SAVING = 0.1


def resolve(target: str) -> Callable:
    """The function named ``"package.module:name"``, looked up when called (so that a
    forked worker sees the module as the parent left it)."""
    import importlib

    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def cores() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # Windows, macOS
        return os.cpu_count() or 1


def worth_growing(work_left: float, workers: int, start_cost: float) -> bool:
    """Whether one more worker pays: spreading ``work_left`` seconds of reading over
    ``workers + 1`` instead of ``workers`` processes saves at least :data:`PAYBACK` times
    ``start_cost`` (measured: the seconds from starting a worker to its first file
    read, less the time of one file) and at least :data:`MIN_SAVING`. The time a file
    takes is measured on every file but a worker's first (which also pays the imports)."""
    saving = work_left / workers - work_left / (workers + 1)
    return saving >= max(PAYBACK * start_cost, MIN_SAVING)


def _worker(conn, target: str, warm: str | None) -> None:
    """A worker process: run the function ``target`` on each task sent on ``conn`` and
    send back ``(status, outcome or reason, wall seconds, CPU seconds)`` (top-level, so
    that ``spawn`` can start it). ``warm`` names a function run first (imports)."""
    try:
        if warm is not None:
            try:
                resolve(warm)()
            except Exception:  # noqa: BLE001 - the task itself will say what is missing
                pass
        while True:
            try:
                task = conn.recv()
            except EOFError:
                return
            if task is None:
                return
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                reply = ("ok", resolve(target)(task))
            except BaseException as exc:  # noqa: BLE001 - reported, the worker goes on
                reply = ("error", twin(UNEXPECTED, kind=type(exc).__name__, exc=str(exc)))
            spent = (time.perf_counter() - wall, time.process_time() - cpu)
            try:
                conn.send(reply + spent)
            except Exception as exc:  # noqa: BLE001 - an outcome that cannot be sent back
                conn.send(("error", twin(UNEXPECTED, kind=type(exc).__name__, exc=str(exc))) + spent)
    except KeyboardInterrupt:
        return


class _Worker:
    """One worker process, its connection, the tasks sent to it (in order) and when
    it started the first of them."""

    def __init__(self, context, target: str, warm: str | None):
        parent, child = context.Pipe()
        self.proc = context.Process(target=_worker, args=(child, target, warm), daemon=True)
        self.started = self.since = time.monotonic()
        self.proc.start()
        child.close()
        self.conn = parent
        self.queue: deque = deque()
        self.fresh = True  # no reply yet: its first one measures what starting it cost

    def stop(self) -> None:
        try:
            if self.proc.is_alive() and not self.queue:
                self.conn.send(None)
                self.proc.join(2)
        except (OSError, ValueError):
            pass
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


class Pool:
    """The outcomes of ``target`` on each of ``tasks``, in order, as :func:`run_isolated`
    describes; ``workers`` is the largest number of workers that ran at once."""

    def __init__(self, target, tasks, jobs, seconds, failed, start_method, warm):
        import multiprocessing

        self.target, self.tasks, self.seconds, self.failed, self.warm = target, tasks, seconds, failed, warm
        self.context = multiprocessing.get_context(start_method)
        self.most = max(1, min(jobs or cores(), len(tasks), 61 if sys.platform == "win32" else len(tasks)))
        self.grow = jobs is None  # auto: start with one worker, add more where the measured costs say so
        self.pending = list(range(len(tasks)))[::-1]  # popped from the end: in order
        self.outcomes: dict[int, object] = {}
        self.tries: dict[int, int] = {}
        self.pool: list[_Worker] = []
        self.workers = 0
        self.cpu = self.wall = self.done = 0.0  # CPU and wall seconds of the tasks done, how many
        self.first = 0.0                # the longest time from starting a worker to its first reply

    def __iter__(self) -> Iterator:
        from multiprocessing.connection import wait

        if not self.tasks:
            return
        if self.warm is not None and self.context.get_start_method() == "fork":
            resolve(self.warm)()  # forked workers start with it imported
        next_out = 0
        try:
            for _ in range(1 if self.grow else self.most):
                self._start()
            while next_out < len(self.tasks):
                busy = [w for w in self.pool if w.queue]
                left = min((w.since + self.seconds - time.monotonic() for w in busy), default=1.0)
                ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=min(max(left, 0), 1))
                for w in busy:
                    if w.conn in ready or w.proc.sentinel in ready:
                        self._answer(w)
                    elif time.monotonic() - w.since > self.seconds:
                        self._lost(w, "", timed_out=True)
                self._feed()
                while next_out in self.outcomes:
                    yield self.outcomes.pop(next_out)
                    next_out += 1
        finally:
            for w in self.pool:
                w.stop()

    def _start(self) -> None:
        self.pool.append(_Worker(self.context, self.target, self.warm))
        self.workers = max(self.workers, len(self.pool))
        self._feed()

    def _feed(self) -> None:
        for w in self.pool:
            while self.pending and len(w.queue) < AHEAD:
                i = self.pending.pop()
                if not w.queue:
                    w.since = time.monotonic()
                w.queue.append(i)
                try:
                    w.conn.send(self.tasks[i])
                except OSError:  # the worker is gone: its sentinel says so next, and its tasks are sent again
                    break

    def _answer(self, w: _Worker) -> None:
        """Take every reply waiting on ``w``'s connection; a worker gone without one lost its task."""
        while w.queue:
            try:
                if not w.conn.poll():
                    if w.proc.is_alive():
                        return  # nothing more yet
                    raise EOFError
                reply = w.conn.recv()
            except (EOFError, OSError):
                w.proc.join(1)
                self._lost(w, _exit_text(w.proc.exitcode))
                return
            status, value, wall, cpu = reply
            i = w.queue.popleft()
            self.outcomes[i] = value if status == "ok" else self.failed(self.tasks[i], value)
            now = time.monotonic()
            if w.fresh:  # its first file carries what a new worker pays once (imports, caches)
                w.fresh = False
                self.first = max(self.first, now - w.started)
            else:
                self.cpu, self.wall, self.done = self.cpu + cpu, self.wall + wall, self.done + 1
            w.since = now
            if self.grow and self.done and len(self.pool) < self.most:
                left = len(self.pending) + sum(len(x.queue) for x in self.pool)
                start_cost = max(0.0, self.first - self.wall / self.done)
                if worth_growing(left * self.cpu / self.done, len(self.pool), start_cost):
                    self._start()

    def _lost(self, w: _Worker, how: str, timed_out: bool = False) -> None:
        """``w`` died or ran out of time on its first task: retry it once (the tasks
        sent after it are sent again, untried), else give it up; start a fresh worker."""
        i = w.queue.popleft()
        self.tries[i] = self.tries.get(i, 0) + 1
        self.pending.extend(reversed(w.queue))
        w.queue.clear()
        if timed_out or self.tries[i] >= 2:
            reason = twin(TIMED_OUT, seconds=self.seconds) if timed_out else twin(CRASHED, how=how)
            self.outcomes[i] = self.failed(self.tasks[i], reason)
        else:
            self.pending.append(i)  # next in line, in a fresh worker
        w.stop()
        self.pool.remove(w)
        self._start()


def run_isolated(target: str, tasks: list, *, jobs: int | None, seconds: float,
                 failed: Callable[[object, str], object], start_method: str | None = None,
                 warm: str | None = None) -> Pool:
    """The outcomes of the function ``target`` on each of ``tasks``, in order, each
    computed in a worker process (iterate over the returned :class:`Pool`).

    Args:
        target: ``"package.module:name"`` of a top-level function taking one task
            (:func:`resolve`).
        tasks: its arguments, one per file.
        jobs: worker processes (at least 1); None: one, and more while the measured
            costs say more win (:func:`worth_growing`), up to one per core.
        seconds: the time one task may take before its worker is stopped.
        failed: ``failed(task, reason)`` -> the outcome that stands for a task given
            up (its worker died, ran out of time, or ``func`` raised).
        start_method: ``"fork"``, ``"spawn"``...; None for the platform's default.
        warm: ``"package.module:name"`` of a function that imports what the tasks
            need: run by each worker before its first task (and here before forked
            workers start).
    """
    return Pool(target, tasks, jobs, seconds, failed, start_method, warm)


def _exit_text(code):
    """How a worker ended, for the reason of its file (a :class:`rakxl.i18n.Twin`)."""
    import signal

    if code is None:
        return twin("batch.exit_unknown")
    if code < 0:
        try:
            return twin("batch.exit_signal", name=signal.Signals(-code).name)
        except ValueError:
            return twin("batch.exit_signal", name=str(-code))
    return twin("batch.exit_code", code=code)
