"""金额测算 (M codes): amounts against standards, history and the unit's own scale."""

from lingji.domain.rules.base import Check

CHECKS: tuple[Check, ...] = tuple(Check.from_module(module) for module in ())
