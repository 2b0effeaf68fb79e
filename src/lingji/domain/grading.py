"""A/B/C/D grades, suggested amounts and the priority ranking.

Grades cross necessity with importance (thresholds in `grading:` of the rule set):
A 重点且必须, B 非重点但必须, C 重点但非必须, D 非重点且非必须. This is Lingji's own method —
no official formula exists (docs/scoring.md). A project with a 阻断 finding cannot enter the
project library until fixed: it keeps its grade but ranks after every unblocked project.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lingji.domain.findings import Finding, Severity

GRADE_NAMES = {"A": "重点且必须", "B": "非重点但必须", "C": "重点但非必须", "D": "非重点且非必须"}


def grade(necessity: Decimal, importance: Decimal, params: Mapping[str, Any]) -> str:
    necessary = necessity >= Decimal(str(params["necessity_threshold"]))
    key = importance >= Decimal(str(params["importance_threshold"]))
    if necessary:
        return "A" if key else "B"
    return "C" if key else "D"


@dataclass(frozen=True, slots=True)
class Cut:
    """Part of a request a finding justifies cutting."""

    code: str
    line_no: int | None
    amount: Decimal
    message: str


@dataclass(slots=True)
class Suggestion:
    requested: Decimal
    cuts: list[Cut] = field(default_factory=list)

    @property
    def suggested(self) -> Decimal:
        cut = sum((c.amount for c in self.cuts), Decimal(0))
        return max(Decimal(0), self.requested - cut).quantize(Decimal("0.01"))


def suggest(
    requested: Decimal | None, findings: Iterable[Finding], params: Mapping[str, Any]
) -> Suggestion:
    """Request minus what the findings justify cutting, never below zero nor above the request.

    Cuts come from the findings' amount_excess for the codes the rule set lists under
    `suggestion.cut_codes`. Two findings may measure the same money: several findings on one
    detail line (M01 and a thematic standard on the same 物业费 line), or the codes of one of
    `suggestion.exclusive_groups` (M03, M04 and X07 all hold the request against last year).
    Of such findings only the largest cut is taken; the others are recorded with nothing cut.
    """
    suggestion = Suggestion(requested or Decimal(0))
    cutting = [f for f in findings if f.code in params["cut_codes"] and f.amount_excess > 0]
    group_of = {
        code: i for i, group in enumerate(params.get("exclusive_groups", [])) for code in group
    }

    def same_money(finding: Finding) -> tuple[str, int] | None:
        if finding.line_no is not None:
            return ("line", finding.line_no)
        group = group_of.get(finding.code)
        return None if group is None else ("group", group)

    largest: dict[tuple[str, int], Finding] = {}
    for finding in cutting:
        key = same_money(finding)
        if key is not None and (
            key not in largest or finding.amount_excess > largest[key].amount_excess
        ):
            largest[key] = finding
    room = suggestion.requested
    for finding in cutting:
        key = same_money(finding)
        if key is not None and largest[key] is not finding:
            cover = largest[key].code
            suggestion.cuts.append(
                Cut(
                    finding.code,
                    finding.line_no,
                    Decimal(0),
                    f"已由{cover}的核减覆盖：{finding.message}",
                )
            )
            continue
        amount = min(finding.amount_excess, room)
        room -= amount
        suggestion.cuts.append(Cut(finding.code, finding.line_no, amount, finding.message))
    return suggestion


def is_blocked(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.BLOCKER for f in findings)


@dataclass(frozen=True, slots=True)
class Rankable:
    project_code: str
    grade: str
    total: Decimal
    blocked: bool
    requested: Decimal


def rank(projects: Iterable[Rankable]) -> dict[str, int]:
    """1 = first to fund: unblocked before blocked, then A, B, C, D, then higher score, then smaller request."""
    ordered = sorted(
        projects,
        key=lambda p: (p.blocked, p.grade, -p.total, p.requested, p.project_code),
    )
    return {p.project_code: i for i, p in enumerate(ordered, start=1)}
