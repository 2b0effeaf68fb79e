"""V08 明细合计与申报金额不符：项目各条支出明细的金额之和应等于项目申报金额。

差额超过规则集中的容差（默认 1 元，只容四舍五入）即报告，写明明细合计、申报金额和差额。
项目没有任何明细、或申报金额为空时，本检查不适用（缺项由 V01 报告）。
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.formatting import yuan

if TYPE_CHECKING:
    from lingji.domain.review_context import ReviewContext

CODE = "V08"
VERSION = 1
TITLE = "明细合计与申报金额不符"


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    tolerance = Decimal(str(params["tolerance_yuan"]))
    result = CheckResult()
    for project in ctx.projects:
        if project.requested_amount is None or not project.lines:
            result.skips.append(
                ctx.skip(CODE, "申报金额为空或没有支出明细，无法核对合计", project=project)
            )
            continue
        result.checked += 1
        total = sum((line.amount or Decimal(0) for line in project.lines), Decimal(0))
        difference = total - project.requested_amount
        if abs(difference) <= tolerance:
            continue
        direction = "多" if difference > 0 else "少"
        result.findings.append(
            ctx.finding(
                CODE,
                project,
                f"{len(project.lines)}条支出明细合计{yuan(total)}，申报金额{yuan(project.requested_amount)}，"
                f"明细比申报金额{direction}{yuan(abs(difference))}",
                evidence={
                    "lines_total": str(total),
                    "requested_amount": str(project.requested_amount),
                    "difference": str(difference),
                    "tolerance_yuan": str(tolerance),
                    "line_count": len(project.lines),
                },
            )
        )
    return result
