"""rakxl: read, check, reformat and total Indonesian RAK (Rencana Aksi Kinerja) workbooks.

The public API is imported lazily, so that ``import rakxl`` (and the command line's
start-up) does not pay for pandas until a function that needs it is called::

    import rakxl
    rak = rakxl.read_rak("samples/RAK_2021.xlsx")
    rak.total_pagu          # 3051446000
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_API = {
    "read_rak": "reader",
    "read_workbook": "reader",
    "Rak": "model",
    "Meta": "model",
    "Note": "model",
    "RakError": "exceptions",
    "RakInputError": "exceptions",
    "RakFileError": "exceptions",
    "RakHostileError": "exceptions",
    "Limits": "guard",
    "DEFAULT_LIMITS": "guard",
    "parse_amount": "amounts",
    "format_rupiah": "layout",
    "diff": "revisions",
    "RakDiff": "revisions",
    "diff_workbooks": "revisions",
    "WorkbookDiff": "revisions",
    "write_diff": "report.diff",
    "write_workbook_diff": "report.diff",
    "write_totals": "report.outputs",
    "write_findings": "report.outputs",
    "write_export": "report.outputs",
    "to_json": "report.outputs",
    "annotate": "annotate",
    "write_rak": "writer",
    "check": "checker",
    "check_file": "checker",
    "Finding": "findings",
    "budget_totals": "totals",
    "read_many": "totals",
    "is_rakxl_output": "marker",
    "find_workbooks": "folders",
    "write_monitoring": "monitoring.workbook",
    "read_monitoring": "monitoring.reader",
    "Monitoring": "monitoring.reader",
    "rollup": "rekap",
    "Rollup": "rekap",
    "write_rollup": "report.rekap_workbook",
    "summary": "summaries",
    "PlanSummary": "summaries",
}

__all__ = sorted(_API) + ["__version__"]


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'rakxl' has no attribute '{name}'")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
