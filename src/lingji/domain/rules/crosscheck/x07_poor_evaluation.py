"""X07 上年绩效评价为中或差而申报未压减：上年绩效评价等级为“中”或“差”的项目，本年申报应按规则集比例核减。

上年记录按“上年项目编码”在历史执行表中查找，没有则按本项目编码查找。等级取“评价等级”，为空时
按“评价得分”分档（优 90–100、良 80–89、中 60–79、差 0–59，领域事实 2.4，分档下限在规则集中）。
评价结果与预算挂钩的通行做法是“中：按一定比例核减；差：视情况取消或暂停”（领域事实 3.3）；
全国没有统一比例，规则集给出各等级的核减比例（默认中 10%、差 100%）。本年申报超过
“上年预算 ×（1 − 核减比例）”即报告，建议核减额为申报额 × 核减比例；单位已自行压减但不到位的，
只核减到该金额为止（申报额 − 上年预算 ×（1 − 核减比例）），两者取小。
新增项目不适用；延续项目找不到上年记录、上年没有评价得分和等级、上年预算数或本年申报金额为空时，
记为数据缺失。
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.formatting import number, percent, yuan
from lingji.domain.rules.previous_year import history_sheet_missing, no_previous_record

if TYPE_CHECKING:
    from lingji.domain.models import HistoryProject
    from lingji.domain.review_context import ReviewContext

CODE = "X07"
VERSION = 1
TITLE = "上年绩效评价为中或差而申报未压减"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("history",)

CENT = Decimal("0.01")


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    floors = sorted(
        ((Decimal(str(low)), rating) for rating, low in params["rating_floors"].items()),
        reverse=True,
    )
    cut_shares = {rating: Decimal(str(share)) for rating, share in params["cut_share"].items()}
    result = CheckResult()
    if (sheet_skip := history_sheet_missing(ctx, CODE)) is not None:
        result.skips.append(sheet_skip)
        return result
    for project in ctx.projects:
        last = ctx.previous(project)
        if last is None:
            result.skips.append(no_previous_record(ctx, CODE, project))
            continue
        where = f"上年（{last.year}年）项目{last.project_code}"
        rating = _rating(last, floors)
        if rating is None:
            result.skips.append(
                ctx.skip(
                    CODE,
                    f"{where}没有绩效评价得分或等级（未评价或未填报）",
                    missing=True,
                    project=project,
                )
            )
            continue
        share = cut_shares.get(rating)
        if share is None:
            result.checked += 1
            continue
        requested, budget = project.requested_amount, last.budget
        if requested is None or budget is None:
            result.skips.append(
                ctx.skip(
                    CODE,
                    f"{where}绩效评价为“{rating}”，但本年申报金额或上年预算数为空，无法判断是否压减",
                    missing=True,
                    project=project,
                )
            )
            continue
        result.checked += 1
        ceiling = (budget * (1 - share)).quantize(CENT, ROUND_HALF_UP)
        if requested <= ceiling:
            continue
        by_share = (requested * share).quantize(CENT, ROUND_HALF_UP)
        excess = min(by_share, requested - ceiling)
        result.findings.append(
            ctx.finding(
                CODE,
                project,
                f"{where}{_evaluation_text(last, rating)}，按规则集{_expected_text(share, budget, ceiling)}；"
                f"本年申报{yuan(requested)}，未相应压减，建议核减{yuan(excess)}",
                amount_excess=excess,
                evidence={
                    "last_year": last.year,
                    "last_project_code": last.project_code,
                    "eval_score": None if last.eval_score is None else str(last.eval_score),
                    "eval_rating": last.eval_rating,
                    "rating_used": rating,
                    "cut_share": str(share),
                    "last_budget": str(budget),
                    "ceiling": str(ceiling),
                    "requested_amount": str(requested),
                    "cut_by_share": str(by_share),
                    "excess": str(excess),
                },
            )
        )
    return result


def _rating(last: HistoryProject, floors: list[tuple[Decimal, str]]) -> str | None:
    """The stated 评价等级, else the band of 评价得分, else None."""
    stated = (last.eval_rating or "").strip()
    if stated in {rating for _, rating in floors}:
        return stated
    if last.eval_score is None:
        return None
    return next((rating for low, rating in floors if last.eval_score >= low), None)


def _evaluation_text(last: HistoryProject, rating: str) -> str:
    if last.eval_score is None:
        return f"绩效评价等级为“{rating}”"
    if (last.eval_rating or "").strip() == rating:
        return f"绩效评价{number(last.eval_score)}分，等级为“{rating}”"
    return f"绩效评价{number(last.eval_score)}分，按分档为“{rating}”"


def _expected_text(share: Decimal, budget: Decimal, ceiling: Decimal) -> str:
    if share >= 1:
        return f"应取消或暂停安排（上年预算{yuan(budget)}，核减100%）"
    return f"应较上年预算{yuan(budget)}核减{percent(share)}，本年不超过{yuan(ceiling)}"
