"""M03 上年执行率低而申报未压减：上年执行率（执行数 ÷ 预算数）低于规则集下限（默认 60%）的项目，本年申报应按执行情况压减。

上年记录按“上年项目编码”在历史执行表中查找，没有则按本项目编码查找。执行率低于下限、且本年申报
超过上年执行数所能支撑的金额（上年执行数 × 规则集中的支撑系数，默认 1 倍）时报告，超出部分即
建议核减额。依据是零基预算改革“执行率不高的项目审减”的做法（领域事实 3.2）。
新增项目没有上年记录，不适用；延续项目找不到上年记录、上年预算数或执行数为空、本年申报金额
为空时，记为数据缺失。上年执行数恰为 0 默认也记为数据缺失：公开数据和年中统计常把未填报或
尚未统计的执行数写成 0，据此建议全额核减风险太大，应由审核人员核实。
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.formatting import number, percent, yuan
from lingji.domain.rules.previous_year import history_sheet_missing, no_previous_record

if TYPE_CHECKING:
    from lingji.domain.models import HistoryProject, Project
    from lingji.domain.review_context import ReviewContext

CODE = "M03"
VERSION = 1
TITLE = "上年执行率低而申报未压减"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("history",)

CENT = Decimal("0.01")


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    min_rate = Decimal(str(params["min_execution_rate"]))
    supported_share = Decimal(str(params["supported_share_of_executed"]))
    zero_is_missing = bool(params["zero_execution_is_missing"])
    result = CheckResult()
    if (sheet_skip := history_sheet_missing(ctx, CODE)) is not None:
        result.skips.append(sheet_skip)
        return result
    for project in ctx.projects:
        last = ctx.previous(project)
        if last is None:
            result.skips.append(no_previous_record(ctx, CODE, project))
            continue
        figures = _figures(project, last, zero_is_missing)
        if isinstance(figures, str):
            result.skips.append(ctx.skip(CODE, figures, missing=True, project=project))
            continue
        requested, budget, executed = figures
        result.checked += 1
        rate = executed / budget
        if rate >= min_rate:
            continue
        supported = (executed * supported_share).quantize(CENT, ROUND_HALF_UP)
        excess = requested - supported
        if excess <= 0:
            continue
        share_text = "" if supported_share == 1 else f"的{number(supported_share)}倍"
        result.findings.append(
            ctx.finding(
                CODE,
                project,
                f"上年（{last.year}年）项目{last.project_code}预算{yuan(budget)}，"
                f"执行{yuan(executed)}，执行率{percent(rate)}，低于{percent(min_rate)}；"
                f"本年申报{yuan(requested)}，未按执行情况压减，"
                f"超过上年执行数{share_text}{yuan(supported)}，建议核减{yuan(excess)}",
                amount_excess=excess,
                evidence={
                    "last_year": last.year,
                    "last_project_code": last.project_code,
                    "last_budget": str(budget),
                    "last_executed": str(executed),
                    "execution_rate": str(rate.quantize(Decimal("0.0001"), ROUND_HALF_UP)),
                    "min_execution_rate": str(min_rate),
                    "supported_share_of_executed": str(supported_share),
                    "supported_amount": str(supported),
                    "requested_amount": str(requested),
                    "excess": str(excess),
                },
            )
        )
    return result


def _figures(
    project: Project, last: HistoryProject, zero_is_missing: bool
) -> tuple[Decimal, Decimal, Decimal] | str:
    """The request, last year's budget and executed amount, or why they cannot be compared."""
    where = f"上年（{last.year}年）项目{last.project_code}"
    requested, budget, executed = project.requested_amount, last.budget, last.executed
    if requested is None:
        return "本年申报金额为空，无法与上年执行情况比较"
    if budget is None or budget <= 0:
        return f"{where}预算数为空或不大于0，无法计算执行率"
    if executed is None or executed < 0:
        return f"{where}执行数为空或为负数，无法计算执行率"
    if executed == 0 and zero_is_missing:
        return (
            f"{where}预算{yuan(budget)}，执行数为0：可能是尚未统计或未填报，"
            "执行率无法判断，请人工核实"
        )
    return requested, budget, executed
