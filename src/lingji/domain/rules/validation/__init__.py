"""入库校验 (V codes): completeness, arithmetic, codes and periods of each project."""

from lingji.domain.rules.base import Check
from lingji.domain.rules.validation import v08_lines_total

CHECKS: tuple[Check, ...] = tuple(Check.from_module(module) for module in (v08_lines_total,))
