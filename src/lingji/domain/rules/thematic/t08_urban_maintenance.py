"""T08 城市维护费用超过定额：道路清扫保洁、绿化养护、路灯、公厕等城市维护明细的单位面积（或单位数量）费用超过财政部门的定额。

城市维护明细与本轮“支出标准”表中财政部门自定的维护定额比对：定额按标准名称关键词识别（道路清扫、
绿化、绿地、路灯、公厕、环卫等，规则集可改），明细按定额的计量口径计量（元/平方米·年、元/盏·年、
元/座·年），比对方式与 M01 相同。消息写明单价为定额的百分之几。超标额 = （单价 − 定额）× 计量数，
与 M01 同一行的超标额相同，建议核减时同一行只取一次。国家层面没有统一的城市维护定额，财政部门未配置
时整轮记为“未配置标准”；维护明细计量口径与定额不一致时记为数据缺失；项目没有城市维护明细的不属
本专题。
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

CODE = "T08"
VERSION = 1
TITLE = "城市维护费用超过定额"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("standards", HISTORY_LINE_GROUPS)


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    kind = StandardKind.from_params(params["standard"])
    matcher = KindMatcher(ctx.standards().library, kind)
    if not matcher.standards:
        result = CheckResult()
        result.skips.append(ctx.skip(CODE, not_configured("城市维护定额"), missing=True))
        return result
    result = over_kind_standard(
        ctx, CODE, matcher, Decimal(str(params["tolerance_yuan"])), _describe
    )
    if not result.checked:
        result.skips.append(ctx.skip(CODE, "本轮没有适用城市维护定额的明细"))
    return result


def _describe(
    line: DetailLine, match: StandardMatch, project: Project
) -> tuple[str, dict[str, Any]]:
    measure, standard = match.measure, match.standard
    unit = standard.unit_label
    share = measure.unit_cost / match.limit if match.limit else None
    of_quota = f"，为标准的{percent(share)}" if share is not None else ""
    message = (
        f"{line_label(line)}：{measure.describe()}×{price(measure.unit_cost)}/{unit}，"
        f"超过{standard_phrase(standard, match.limit)}{of_quota}，超标{yuan(match.excess)}"
    )
    evidence: dict[str, Any] = {"theme": "城市维护"}
    if share is not None:
        evidence["share_of_quota"] = str(share.quantize(Decimal("0.0001")))
    return message, evidence
