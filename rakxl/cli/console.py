"""The console around a command: UTF-8 output that never crashes, native stderr
quieted while the command runs, SIGTERM/SIGHUP ending the run as Ctrl+C does.
Only the command line does these things; the library never touches the process."""
from __future__ import annotations

import contextlib
import os
import sys

import click

from ..i18n import say
from .options import lang_of


def utf8_console() -> None:
    """Make stdout/stderr UTF-8 that never crashes on a character the console lacks."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


@contextlib.contextmanager
def native_stderr_quieted():
    """While the command runs, what native code writes straight to file descriptor 2
    (the message and backtrace of a Rust panic in python-calamine on a damaged file)
    goes to os.devnull; the panic itself arrives as an exception and becomes the one
    line rakxl prints. Python's ``sys.stderr`` keeps writing to the real stderr
    through a copy of the descriptor. Only the command line does this: the library
    never touches a process-wide descriptor.
    """
    try:
        sys.stderr.flush()
        fileno = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        fileno = None  # captured (tests) or no console: Python's stderr is not fd 2
    try:
        saved = os.dup(2)
    except OSError:  # no descriptor 2 (a GUI process): nothing to quiet
        yield
        return
    old = sys.stderr
    if fileno == 2:
        sys.stderr = open(saved, "w", encoding="utf-8", errors="replace", closefd=False)
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 2)
        finally:
            os.close(devnull)
        yield
    finally:
        if sys.stderr is not old:
            sys.stderr.flush()
            sys.stderr = old
        os.dup2(saved, 2)
        os.close(saved)


def stop_on_signals() -> None:
    """SIGTERM and SIGHUP end the run as Ctrl+C does: the temporary file being written
    is removed (:func:`rakxl.safeio.atomic_output` cleans up as the exit unwinds), a
    line on stderr, exit 128 + the signal's number."""
    import signal

    main_pid = os.getpid()

    def stop(signum, frame):
        from ..safeio import remove_pending

        if os.getpid() != main_pid:  # a forked reader process of totals: die as the signal says
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return

        remove_pending()
        click.echo(f"rakxl: {say('cli.cancelled', lang_of(sys.argv[1:]))} ({signal.Signals(signum).name})", err=True)
        sys.exit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)   # Windows has no SIGHUP
        if sig is not None:
            try:
                signal.signal(sig, stop)
            except (ValueError, OSError):    # not the main thread
                pass
