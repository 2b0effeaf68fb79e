"""What the review produces: findings, and skips with their reasons. Results are data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    #: the project cannot enter the project library until fixed
    BLOCKER = "阻断"
    #: affects the score or the suggested amount
    WARNING = "警告"
    #: for information
    INFO = "提示"


class SkipReason(StrEnum):
    #: the check does not concern this project (no meeting lines for a meeting standard)
    NOT_APPLICABLE = "不适用"
    #: the check concerns it but the data it needs is absent (no 政策文件 sheet)
    DATA_MISSING = "数据缺失"


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found: where, what, by how much, and the evidence that produced it."""

    code: str
    severity: Severity
    unit_code: str
    project_code: str | None
    line_no: int | None
    #: Chinese, specific: which line, which figures, which standard, which document
    message: str
    #: yuan the finding suggests cutting; 0 when none
    amount_excess: Decimal = Decimal(0)
    #: the data and the rule or standard that produced it (JSON-serialisable)
    evidence: Mapping[str, Any] = field(default_factory=dict)
    #: document numbers the finding rests on
    policy_refs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Skip:
    """A check that did not run on a project (or at all), and why."""

    code: str
    reason: SkipReason
    explanation: str
    unit_code: str | None = None
    project_code: str | None = None


@dataclass(slots=True)
class CheckResult:
    findings: list[Finding] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    #: how many projects (or units, or lines) the check looked at
    checked: int = 0
