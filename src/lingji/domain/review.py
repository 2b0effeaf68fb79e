"""Running the registered checks over a round: findings, skips and the versions that made them."""

from __future__ import annotations

from dataclasses import dataclass, field

from lingji.domain.findings import Finding, Skip
from lingji.domain.review_context import ReviewContext
from lingji.domain.rules import REGISTRY
from lingji.domain.rules.base import Check


@dataclass(slots=True)
class CheckRun:
    """One check's outcome over the whole round."""

    check: Check
    findings: list[Finding] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    checked: int = 0


def run_checks(ctx: ReviewContext, checks: tuple[Check, ...] = REGISTRY) -> list[CheckRun]:
    """Runs every check with its parameters from the rule set."""
    runs = []
    for check in checks:
        result = check.run(ctx, ctx.ruleset.params(check.code))
        runs.append(CheckRun(check, result.findings, result.skips, result.checked))
    return runs
