"""The checker's rules: one module per finding code, each a small function ``rak -> findings``.

Every module has ``CODE`` (its finding code, see :mod:`rakxl.findings`) and
``check(rak) -> list[Finding]``. :data:`RULES` lists them in the order they run.
"""
from __future__ import annotations

from . import (
    amount_as_text, amount_invalid, budget_unlinked, duplicate_budget, duplicate_goal, empty_activity,
    formula_no_cache, merge_crosses_goal, merged_cell_gap, missing_budget, missing_pelaksana,
    nip_invalid, numbering, pelaksana_variant, target_format, target_unit_mismatch, total_mismatch,
    unit_cost_ignored,
)

#: Every rule module, in the order the checker runs them.
RULES = (
    missing_budget, merged_cell_gap, merge_crosses_goal, numbering, amount_as_text, amount_invalid,
    formula_no_cache, total_mismatch, duplicate_goal, duplicate_budget, pelaksana_variant,
    target_format, target_unit_mismatch, nip_invalid, missing_pelaksana, empty_activity,
    budget_unlinked, unit_cost_ignored,
)

RULE_BY_CODE = {rule.CODE: rule for rule in RULES}
