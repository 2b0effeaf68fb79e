"""V05 缺少绩效目标或绩效指标：项目应有总体绩效目标，并至少设置一项绩效指标。

“总体绩效目标”为空（只有“无”“/”之类占位符的算空），或“绩效指标”表中没有该项目的任何指标的，
报告，两者都缺的合并为一条。没有绩效目标和指标，项目无法进入绩效管理，不能入库。
指标是否齐全、是否可衡量由 V06、V07 核对。
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult

if TYPE_CHECKING:
    from lingji.domain.review_context import ReviewContext

CODE = "V05"
VERSION = 1
TITLE = "缺少绩效目标或绩效指标"

INDICATOR_SHEET = "indicators"


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    placeholders = frozenset(str(v) for v in params["blank_values"])
    has_indicators = ctx.has_sheet(INDICATOR_SHEET)
    result = CheckResult()
    for project in ctx.projects:
        result.checked += 1
        goal = (project.overall_goal or "").strip()
        missing = []
        if not goal or goal in placeholders:
            missing.append("总体绩效目标为空")
        if has_indicators and not project.indicators:
            missing.append("没有设置任何绩效指标")
        elif not has_indicators:
            result.skips.append(
                ctx.skip(
                    CODE, "报送材料没有绩效指标表，无法核对指标", missing=True, project=project
                )
            )
        if not missing:
            continue
        result.findings.append(
            ctx.finding(
                CODE,
                project,
                "；".join(missing),
                evidence={
                    "overall_goal_empty": not goal or goal in placeholders,
                    "indicator_count": len(project.indicators),
                },
            )
        )
    return result
