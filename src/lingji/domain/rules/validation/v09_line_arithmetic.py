"""V09 明细测算不符：支出明细的单价乘以数量（人数、天数）应等于其金额。

按填报口径，金额 = 单价 × 数量、人数、天数中所有已填者之积（会议、培训按 人数 × 天数 × 单价，
编外人员按 人数 × 月数 × 单价）。差额超过规则集中的容差（默认 1 元，只容四舍五入）即报告，
写明测算式、测算结果、填报金额和差额。
未填单价、或数量人数天数都未填、或金额为空的明细无从核对；一个项目没有任何可核对的明细时
记为数据缺失（真实公开件通常只有金额）。
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.formatting import number, yuan

if TYPE_CHECKING:
    from lingji.domain.review_context import ReviewContext

CODE = "V09"
VERSION = 1
TITLE = "明细测算不符"


def _measures(
    quantity: Decimal | None, unit: str | None, persons: int | None, days: Decimal | None
) -> list[str]:
    """The filled measures as a reviewer reads them: 数量2台, 5人, 2天."""
    parts = []
    if quantity is not None:
        parts.append(f"数量{number(quantity)}{unit or ''}")
    if persons is not None:
        parts.append(f"{persons}人")
    if days is not None:
        parts.append(f"{number(days)}天")
    return parts


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    tolerance = Decimal(str(params["tolerance_yuan"]))
    result = CheckResult()
    for project in ctx.projects:
        if not project.lines:
            result.skips.append(ctx.skip(CODE, "项目没有支出明细", project=project))
            continue
        checked_here = 0
        for index, line in enumerate(project.lines, start=1):
            price, amount = line.unit_price, line.amount
            if price is None or amount is None:
                continue
            quantity, persons, days = line.quantity, line.persons, line.days
            if quantity is None and persons is None and days is None:
                continue
            checked_here += 1
            expected = price
            for measure in (quantity, persons, days):
                if measure is not None:
                    expected *= measure
            if amount == expected:
                continue
            difference = amount - expected
            if -tolerance <= difference <= tolerance:
                continue
            line_no = line.line_no or index
            direction = "多" if difference > 0 else "少"
            formula = " × ".join(
                [*_measures(quantity, line.unit, persons, days), f"单价{yuan(price)}"]
            )
            result.findings.append(
                ctx.finding(
                    CODE,
                    project,
                    f"第{line_no}行「{line.item_name or '（未命名）'}」：{formula} = {yuan(expected)}，"
                    f"填报金额{yuan(amount)}，{direction}{yuan(abs(difference))}",
                    line_no=line_no,
                    evidence={
                        "unit_price": str(price),
                        "quantity": None if line.quantity is None else str(line.quantity),
                        "persons": line.persons,
                        "days": None if line.days is None else str(line.days),
                        "computed": str(expected),
                        "amount": str(amount),
                        "difference": str(difference),
                        "tolerance_yuan": str(tolerance),
                    },
                )
            )
        if checked_here:
            result.checked += checked_here
        else:
            result.skips.append(
                ctx.skip(
                    CODE,
                    "支出明细未填单价或数量（人数、天数），无法核对测算",
                    missing=True,
                    project=project,
                )
            )
    return result
