"""The registry: every check the review runs, listed explicitly, in report order.

Each family lists its own checks in its package (validation/, amounts/, thematic/, crosscheck/).
"""

from __future__ import annotations

from lingji.domain.rules import amounts, crosscheck, thematic, validation
from lingji.domain.rules.base import Check

REGISTRY: tuple[Check, ...] = (
    *validation.CHECKS,
    *amounts.CHECKS,
    *thematic.CHECKS,
    *crosscheck.CHECKS,
)

CHECKS_BY_CODE: dict[str, Check] = {check.code: check for check in REGISTRY}
