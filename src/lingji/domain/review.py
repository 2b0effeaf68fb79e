"""Running the registered checks over a round: findings, skips and the versions that made them."""

from __future__ import annotations

import time
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
    #: wall time the check took, for the benchmark's per-check figures
    seconds: float = 0.0


def run_checks(ctx: ReviewContext, checks: tuple[Check, ...] = REGISTRY) -> list[CheckRun]:
    """Runs every check with its parameters from the rule set."""
    runs = []
    for check in checks:
        started = time.perf_counter()
        result = check.run(ctx, ctx.ruleset.params(check.code))
        seconds = time.perf_counter() - started
        runs.append(CheckRun(check, result.findings, result.skips, result.checked, seconds))
    return runs
