"""M02 单价高于历史合理区间：支出明细的单价高于本地历史明细中同类明细的合理区间。

合理区间从本轮“历史明细”表学习（docs/standards.md）：按明细名称（及去掉括号说明后的较短名称）和
计量口径归类，取同类历史单价的第10至第90百分位为合理区间，单价高于第90百分位与“上四分位数 + 1.5 ×
四分位距”两者中较高者的报告（百分位、倍数和最少样本数见规则集）。历史中没有同名明细的，按字符 n-gram
相似度归入最相近的同类（相似度须达到规则集的下限）。同类样本少于规则集的最少样本数时为“样本不足”，
不给区间。本检查只作提示，不给核减额。
单价已超过官方或本地支出标准的明细由 M01 报告并核减，本检查不再重复报告；标准以内但高于历史区间的仍报告。
没有历史明细表时记为数据缺失；项目各明细都没有同类历史时不适用，同类样本都不足时记为数据缺失。
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult, Finding
from lingji.domain.standards.history import HISTORY_LINE_GROUPS
from lingji.domain.standards.library import StandardMatch
from lingji.domain.standards.measures import LineMeasure, line_unit_cost, measure_line, price

if TYPE_CHECKING:
    from lingji.domain.models import DetailLine, Project
    from lingji.domain.review_context import ReviewContext
    from lingji.domain.standards.learned import RangeLookup

CODE = "M02"
VERSION = 1
TITLE = "单价高于历史合理区间"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("standards", HISTORY_LINE_GROUPS)


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    result = CheckResult()
    if not ctx.has_sheet("history_lines") or not (
        ctx.round.history_lines or ctx.round.history_line_groups
    ):
        result.skips.append(ctx.skip(CODE, "没有历史明细表，无法学习单价合理区间", missing=True))
        return result
    reference = ctx.standards()
    min_samples = int(params["min_samples"])
    for project in ctx.projects:
        compared = small = 0
        for line in project.lines:
            lookup = reference.range_for(line)
            if lookup is None:
                continue
            upper = lookup.range.upper
            if upper is None:
                small += 1
                continue
            cost = line_unit_cost(line)
            measure = measure_line(line) if cost is not None and cost > upper else None
            if cost is None:
                continue
            compared += 1
            if measure is None:
                continue
            standard = reference.standard_for(line, project)
            if isinstance(standard, StandardMatch) and standard.excess > 0:
                continue  # above the standard: M01 reports it and cuts to the standard
            result.findings.append(_finding(ctx, project, line, measure, lookup, standard))
        if compared:
            result.checked += 1
        elif small:
            result.skips.append(
                ctx.skip(
                    CODE,
                    f"{small}条明细的同类历史明细少于{min_samples}条（样本不足），不给合理区间",
                    missing=True,
                    project=project,
                )
            )
        else:
            result.skips.append(ctx.skip(CODE, "明细在历史明细中没有同类明细", project=project))
    return result


def _finding(
    ctx: ReviewContext,
    project: Project,
    line: DetailLine,
    measure: LineMeasure,
    lookup: RangeLookup,
    standard: object,
) -> Finding:
    learned = lookup.range
    low, high, upper = learned.low, learned.high, learned.upper
    assert low is not None and high is not None and upper is not None  # a sufficient range
    unit = learned.label
    first, last = (learned.years[0], learned.years[-1]) if learned.years else (None, None)
    years = "" if first is None else f"{first}年" if first == last else f"{first}—{last}年"
    joined = (
        f"归入相近的“{learned.item_class}”"
        if lookup.via == "相近名称"
        else f"“{learned.item_class}”"
    )
    if isinstance(standard, StandardMatch):
        rule = standard.standard
        category = f"（{standard.category.label}）" if standard.category else ""
        within = (
            f"，在{rule.described()}{category}上限{price(standard.limit)}/{rule.unit_label}以内"
        )
    else:
        within = "，无官方或本地支出标准"
    label = f"第{line.line_no}行" if line.line_no is not None else "明细"
    message = (
        f"{label} {line.item_name}：单价{price(measure.unit_cost)}/{unit}，高于{years}历史同类明细"
        f"{joined}（{learned.sample_size}条）的合理区间{price(low)}—{price(high)}/{unit}"
        f"（P{learned.low_percentile:f}—P{learned.high_percentile:f}），"
        f"超过异常上限{price(upper)}/{unit}{within}"
    )
    evidence = {
        "unit_cost": str(measure.unit_cost),
        "measure": measure.label,
        "via": lookup.via,
        "name_similarity": lookup.similarity,
        **learned.evidence(),
    }
    if isinstance(standard, StandardMatch):
        evidence["standard_code"] = standard.standard.code
        evidence["standard_limit"] = str(standard.limit)
    return ctx.finding(CODE, project, message, line_no=line.line_no, evidence=evidence)
