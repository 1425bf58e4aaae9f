"""What the benchmark scripts say about the machine they ran on."""
from __future__ import annotations

import os


def load_average() -> str:
    """The load average over 1, 5 and 15 minutes (``"0.98, 1.02, 1.10"``); ``n/a``
    where the system has none (Windows)."""
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except (AttributeError, OSError):
        return "n/a"
