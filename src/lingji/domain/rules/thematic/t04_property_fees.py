"""T04 物业费超标准或计费面积超过办公用房：物业管理费单价超过财政部门的物业费标准，或计费面积超过单位办公用房面积。

物业明细（经济科目 30209、名称含“物业”，或名称对应物业费标准的明细；规则集可改）从两方面核对：
- 单价：与本轮“支出标准”表中财政部门自定的物业费标准比对（按标准名称关键词和“平方米”计量口径识别，
  比对方式与 M01 相同）。国家层面没有物业费标准（domain-facts 1.8），财政部门未配置时不比对单价，
  记为“未配置标准”。
- 面积：按计量单位折算计费面积（平方米·月 ÷ 12），同一项目合计超过单位办公用房面积（× 规则集倍数）的，
  超出面积的费用计入超标额。
超标额 = 明细金额 − 办公用房面积以内的计量数 × 不超过标准的单价，逐行计算；单价超标部分与 M01 同一行
的超标额相同，建议核减时同一行只取一次。项目没有物业明细的不属本专题。物业明细单价与标准口径不一致、
不按面积计量，或单位办公用房面积为空时，相应部分记为数据缺失。
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.formatting import number, yuan
from lingji.domain.rules.thematic.shared import (
    any_of,
    line_label,
    match_evidence,
    not_configured,
    refs,
    standard_phrase,
    unmeasurable_text,
)
from lingji.domain.standards.history import HISTORY_LINE_GROUPS
from lingji.domain.standards.library import KindMatcher, StandardKind, StandardMatch, Unmeasurable
from lingji.domain.standards.measures import grouped, measure_line, normalize_measure, price

if TYPE_CHECKING:
    from lingji.domain.models import DetailLine, Project
    from lingji.domain.review_context import ReviewContext

CODE = "T04"
VERSION = 1
TITLE = "物业费超标准或计费面积超过办公用房"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("standards", HISTORY_LINE_GROUPS)

CENT = Decimal("0.01")


class _Property:
    """The rule set's reading of which lines are property fees and how they measure area."""

    def __init__(self, params: Mapping[str, Any], matcher: KindMatcher) -> None:
        self.matcher = matcher
        self.econ = frozenset(str(c) for c in params["econ_codes"])
        self.words = any_of(params["item_keywords"])
        self.area_units = {
            normalize_measure(str(k)): Decimal(str(v)) for k, v in params["area_units"].items()
        }
        self.max_ratio = Decimal(str(params["max_area_to_office_area"]))
        self.tolerance = Decimal(str(params["tolerance_yuan"]))
        self._property: dict[tuple[str, str | None], bool] = {}

    def concerns(self, item_name: str | None, econ_code: str | None) -> bool:
        key = (item_name or "", econ_code)
        found = self._property.get(key)
        if found is None:
            found = self._property[key] = (
                econ_code in self.econ
                or bool(self.words.search(key[0]))
                or self.matcher.names(item_name, econ_code)
            )
        return found

    def area(self, line: DetailLine) -> Decimal | None:
        """Square metres the line is charged on; None when its unit is not an area."""
        divisor = self.area_units.get(normalize_measure(line.unit))
        if divisor is None or line.quantity is None or line.quantity <= 0:
            return None
        return line.quantity / divisor


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    library = ctx.standards().library
    rules = _Property(params, KindMatcher(library, StandardKind.from_params(params["standard"])))
    result = CheckResult()
    for group in ctx.item_index().lines(rules.concerns):
        result.checked += 1
        _review(ctx, group.project, group.lines, rules, result)
    if not result.checked:
        if ctx.projects and not any(econ for _, econ in ctx.item_index().items):
            # without economic codes a property line can only be found by its name
            reason = "支出明细均未填经济科目编码，按明细名称也未找到物业管理费明细"
            result.skips.append(ctx.skip(CODE, reason, missing=True))
        else:
            result.skips.append(ctx.skip(CODE, "本轮没有物业管理费明细"))
    elif not rules.matcher.standards:
        result.skips.append(
            ctx.skip(CODE, not_configured("物业管理费", "不比对单价，只核对计费面积"), missing=True)
        )
    return result


def _review(
    ctx: ReviewContext,
    project: Project,
    lines: list[DetailLine],
    rules: _Property,
    result: CheckResult,
) -> None:
    gaps: list[str] = []
    matches: dict[int, StandardMatch] = {}
    for i, line in enumerate(lines):
        outcome = rules.matcher.match(line, project)
        if isinstance(outcome, StandardMatch):
            matches[i] = outcome
        elif isinstance(outcome, Unmeasurable):
            gaps.append(unmeasurable_text(line, outcome))
    areas = {i: a for i, line in enumerate(lines) if (a := rules.area(line)) is not None}
    unit = ctx.units.get(project.unit_code)
    office = unit.office_area_m2 if unit else None
    total_area = sum(areas.values(), Decimal(0))
    allowed_area: Decimal | None = None
    if not areas:
        gaps.append("物业明细未按面积（平方米）计量，无法核对计费面积")
    elif office is None or office <= 0:
        gaps.append("单位办公用房面积为空，无法核对物业计费面积")
    elif total_area > office * rules.max_ratio:
        allowed_area = office * rules.max_ratio
    if gaps:
        result.skips.append(ctx.skip(CODE, "；".join(gaps), missing=True, project=project))

    for i, line in enumerate(lines):
        match = matches.get(i)
        over_area = allowed_area is not None and i in areas
        if match is None and not over_area:
            continue
        measure = match.measure if match else measure_line(line)
        if measure is None:
            continue
        limit = match.limit if match else None
        allowed_price = min(measure.unit_cost, limit) if limit is not None else measure.unit_cost
        count = measure.count
        if over_area and allowed_area is not None:
            # multiply before dividing: 17,244 × 871 ÷ 1,437 is exactly 10,452
            count = measure.count * allowed_area / total_area
        allowed = count * allowed_price
        excess = max(measure.claimed - allowed, Decimal(0)).quantize(CENT)
        if excess <= rules.tolerance:
            continue
        price_over = match is not None and measure.unit_cost > match.limit
        parts = []
        if match is not None and price_over:
            parts.append(f"单价超过{standard_phrase(match.standard, match.limit)}")
        if over_area and office is not None:
            ratio = "" if rules.max_ratio == 1 else f"的{number(rules.max_ratio)}倍"
            parts.append(
                f"项目物业计费面积合计{grouped(total_area.quantize(CENT))}平方米，"
                f"超过单位办公用房面积{grouped(office)}平方米{ratio}"
            )
        elif i in areas and office is not None and allowed_area is None:
            parts.append(
                f"计费面积{grouped(total_area.quantize(CENT))}平方米，"
                f"未超过单位办公用房面积{grouped(office)}平方米"
            )
        if price_over and over_area:
            basis = "按办公用房面积以内的计费量和标准单价"
        else:
            basis = "按标准单价" if price_over else "按办公用房面积"
        message = (
            f"{line_label(line)}：{measure.describe()}×{price(measure.unit_cost)}/{measure.label}，"
            + "；".join(parts)
            + f"，{basis}计超标{yuan(excess)}"
        )
        evidence: dict[str, Any] = {
            "unit_cost": str(measure.unit_cost),
            "measure": measure.label,
            "count": grouped(measure.count),
            "claimed": str(measure.claimed),
            "allowed_count": str(count.quantize(CENT)),
            "allowed": str(allowed.quantize(CENT)),
            "excess": str(excess),
        }
        if match is not None:
            evidence["standard"] = match_evidence(match)
        if i in areas:
            evidence["area_m2"] = str(areas[i].quantize(CENT))
            evidence["project_area_m2"] = str(total_area.quantize(CENT))
            evidence["office_area_m2"] = None if office is None else str(office)
            evidence["max_area_to_office_area"] = str(rules.max_ratio)
        result.findings.append(
            ctx.finding(
                CODE,
                project,
                message,
                line_no=line.line_no,
                amount_excess=excess,
                evidence=evidence,
                policy_refs=refs(match.standard) if match else (),
            )
        )
