"""The versioned rule set: every threshold, weight, keyword list and priority list of the review.

A bureau changes the review by editing the rule set (YAML), never the code; each review
records the version it used. The adapter in adapters/rulesets.py reads the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lingji.domain.findings import Severity


@dataclass(frozen=True, slots=True)
class RuleSet:
    version: str
    name: str
    #: finding code -> severity (defaults from shared/spec/finding-codes.md)
    severities: Mapping[str, Severity]
    #: finding code -> that check's parameters
    checks: Mapping[str, Mapping[str, Any]]
    scoring: Mapping[str, Any] = field(default_factory=dict)
    grading: Mapping[str, Any] = field(default_factory=dict)
    suggestion: Mapping[str, Any] = field(default_factory=dict)
    thematic: Mapping[str, Any] = field(default_factory=dict)

    def params(self, code: str) -> Mapping[str, Any]:
        return self.checks.get(code, {})

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> RuleSet:
        """Builds a rule set from parsed YAML; unknown severities fail loudly."""
        return cls(
            version=str(data["version"]),
            name=str(data.get("name", "")),
            severities={code: Severity(value) for code, value in data["severities"].items()},
            checks={code: dict(params or {}) for code, params in data.get("checks", {}).items()},
            scoring=data.get("scoring", {}),
            grading=data.get("grading", {}),
            suggestion=data.get("suggestion", {}),
            thematic=data.get("thematic", {}),
        )
