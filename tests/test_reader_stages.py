"""The reader's stages (rakxl/reader/): what each promises beyond the figures.

- a word added to a list in ``layout.py`` is all it takes (the total row);
- reading leaves the process alone: no collector pause, no file descriptor redirected.
"""
from __future__ import annotations

import gc
import os

import rakxl


def test_reading_leaves_the_process_alone(monkeypatch, sample_path):
    """A host program (a web app, a notebook, threads) sees no side effect of a read:
    the garbage collector stays on and no descriptor (stderr) is redirected, even
    for a moment."""
    seen = []
    monkeypatch.setattr(os, "dup2", lambda *args, **kw: seen.append(("dup2", args)))
    monkeypatch.setattr(gc, "disable", lambda: seen.append(("gc.disable",)))
    monkeypatch.setattr(gc, "freeze", lambda: seen.append(("gc.freeze",)))
    rak = rakxl.read_rak(sample_path)
    raks = rakxl.read_workbook(sample_path)
    assert rak.total_pagu == raks[0].total_pagu == 3_051_446_000
    assert seen == []
    assert gc.isenabled()
