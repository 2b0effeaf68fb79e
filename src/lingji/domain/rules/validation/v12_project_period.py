"""V12 项目期限无效：项目的起止年度应自洽，并覆盖所申报的预算年度。

报告三种情形：开始年度晚于结束年度；结束年度早于预算年度（项目已到期，按零基预算应清理退出，
不再安排预算）；开始年度晚于预算年度（规则集 flag_start_after_budget_year 为真时，本年度尚未
开始的项目不应申报本年度资金）。
开始年度和结束年度都为空时无从核对，记为数据缺失（空项由 V01 报告）；只填了一个的，核对能核对的。
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult

if TYPE_CHECKING:
    from lingji.domain.review_context import ReviewContext

CODE = "V12"
VERSION = 1
TITLE = "项目期限无效"


def _period(start: int | None, end: int | None) -> str:
    return f"项目期限{start if start is not None else '？'}—{end if end is not None else '？'}年"


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    flag_late_start = bool(params["flag_start_after_budget_year"])
    year = ctx.year
    result = CheckResult()
    for project in ctx.projects:
        start, end = project.start_year, project.end_year
        if start is None and end is None:
            result.skips.append(
                ctx.skip(
                    CODE, "开始年度和结束年度均为空（由V01报告）", missing=True, project=project
                )
            )
            continue
        result.checked += 1
        problems = []
        if start is not None and end is not None and start > end:
            problems.append(f"开始年度{start}晚于结束年度{end}")
        if end is not None and end < year:
            problems.append(f"{_period(start, end)}，已于{year}年预算年度前结束")
        if flag_late_start and start is not None and start > year:
            problems.append(f"开始年度{start}晚于预算年度{year}，本年度不应安排资金")
        if not problems:
            continue
        result.findings.append(
            ctx.finding(
                CODE,
                project,
                "；".join(problems),
                evidence={"start_year": start, "end_year": end, "budget_year": year},
            )
        )
    return result
