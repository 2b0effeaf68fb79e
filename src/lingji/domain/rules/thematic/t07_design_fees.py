"""T07 规划设计费超过收费定额：规划、设计、勘察费按工程建设（建安）金额计取的费率超过财政部门的定额。

设计费明细与本轮“支出标准”表中财政部门自定的设计费定额比对：定额按标准名称关键词（设计、规划、勘察）
和“元/万元”计量口径识别（规则集可改），明细须按建安工程费的万元数计量（数量 = 万元数，单价 = 每万元
设计费），比对方式与 M01 相同。消息写明费率（每万元设计费 ÷ 10,000）与定额费率。超标额 = （单价 −
定额）× 万元数，与 M01 同一行的超标额相同，建议核减时同一行只取一次。国家层面的设计收费标准未收录，
财政部门未配置定额时整轮记为“未配置标准”；设计费明细不按万元计量时记为数据缺失；项目没有设计费
明细的不属本专题。
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.formatting import percent, yuan
from lingji.domain.rules.thematic.shared import (
    line_label,
    not_configured,
    over_kind_standard,
    standard_phrase,
)
from lingji.domain.standards.history import HISTORY_LINE_GROUPS
from lingji.domain.standards.library import KindMatcher, StandardKind, StandardMatch
from lingji.domain.standards.measures import price

if TYPE_CHECKING:
    from lingji.domain.models import DetailLine, Project
    from lingji.domain.review_context import ReviewContext

CODE = "T07"
VERSION = 1
TITLE = "规划设计费超过收费定额"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("standards", HISTORY_LINE_GROUPS)

TEN_THOUSAND = Decimal(10000)


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    kind = StandardKind.from_params(params["standard"])
    matcher = KindMatcher(ctx.standards().library, kind)
    if not matcher.standards:
        result = CheckResult()
        result.skips.append(ctx.skip(CODE, not_configured("规划设计费"), missing=True))
        return result
    result = over_kind_standard(
        ctx, CODE, matcher, Decimal(str(params["tolerance_yuan"])), _describe
    )
    if not result.checked:
        result.skips.append(ctx.skip(CODE, "本轮没有适用设计费定额的明细"))
    return result


def _describe(
    line: DetailLine, match: StandardMatch, project: Project
) -> tuple[str, dict[str, Any]]:
    measure, standard = match.measure, match.standard
    unit = standard.unit_label
    per_wan = standard.measure.startswith("万元")
    rate = f"（费率{percent(measure.unit_cost / TEN_THOUSAND)}）" if per_wan else ""
    limit_rate = f"即费率{percent(match.limit / TEN_THOUSAND)}" if per_wan else ""
    message = (
        f"{line_label(line)}：按{measure.describe()}×{price(measure.unit_cost)}/{unit}{rate}测算，"
        f"超过{standard_phrase(standard, match.limit, limit_rate)}，超标{yuan(match.excess)}"
    )
    evidence: dict[str, Any] = {"theme": "规划设计费"}
    if per_wan:
        evidence["construction_wan"] = str(measure.count)
        evidence["fee_rate"] = str(measure.unit_cost / TEN_THOUSAND)
        evidence["limit_rate"] = str(match.limit / TEN_THOUSAND)
    return message, evidence
