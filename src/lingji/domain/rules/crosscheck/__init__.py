"""跨库比对 (X codes): the project against audit findings, evaluations, assets, personnel."""

from lingji.domain.rules.base import Check

CHECKS: tuple[Check, ...] = tuple(Check.from_module(module) for module in ())
