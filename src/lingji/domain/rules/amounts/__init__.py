"""金额测算 (M codes): amounts against standards, history and the unit's own scale."""

from lingji.domain.rules.amounts import (
    m01_over_standard,
    m02_above_learned_range,
    m03_low_execution,
    m04_sharp_growth,
    m05_implausible_scale,
)
from lingji.domain.rules.base import Check

CHECKS: tuple[Check, ...] = tuple(
    Check.from_module(module)
    for module in (
        m01_over_standard,
        m02_above_learned_range,
        m03_low_execution,
        m04_sharp_growth,
        m05_implausible_scale,
    )
)
