"""入库校验 (V codes): completeness, arithmetic, codes and periods of each project."""

from lingji.domain.rules.base import Check
from lingji.domain.rules.validation import (
    v01_required_fields,
    v02_policy_basis,
    v03_policy_not_in_library,
    v04_policy_expired,
    v05_goal_and_indicators,
    v06_indicator_kinds,
    v07_unmeasurable_indicators,
    v08_lines_total,
    v09_line_arithmetic,
    v10_econ_code_exists,
    v11_econ_code_misplaced,
    v12_project_period,
)

CHECKS: tuple[Check, ...] = tuple(
    Check.from_module(module)
    for module in (
        v01_required_fields,
        v02_policy_basis,
        v03_policy_not_in_library,
        v04_policy_expired,
        v05_goal_and_indicators,
        v06_indicator_kinds,
        v07_unmeasurable_indicators,
        v08_lines_total,
        v09_line_arithmetic,
        v10_econ_code_exists,
        v11_econ_code_misplaced,
        v12_project_period,
    )
)
