"""M01 明细超过支出标准：支出明细的单价超过官方支出标准或本地支出标准的上限。

标准来自支出标准库（docs/standards.md）：随平台提供的中央标准（会议费、培训费、讲课费、差旅伙食
补助和市内交通费、通用办公设备价格上限、专家咨询费、公务用车购置价格，各附来源文件、文号和可信度），
加上本轮“支出标准”表中财政部门自定的标准（附来源文号；同一明细两者都适用时以本地标准为准）。
按明细名称关键词（及经济科目）找到标准，计量口径须一致（元/人天要有人数和天数，元/万元建设投资要按
万元计量）。会议、培训等未注明类别的，按最宽的类别计，并在说明中写明。培训超过30天、专家咨询超过
两天的部分按规定比例计。超过上限的部分（单价超出额 × 数量）为核减额；超出额不超过规则集容差的不报告。
项目没有适用标准的明细时不适用；明细名称对应某项标准但计量口径不一致、无法比对时记为数据缺失。
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult, Finding
from lingji.domain.formatting import yuan
from lingji.domain.standards.history import HISTORY_LINE_GROUPS
from lingji.domain.standards.library import StandardMatch, Unmeasurable
from lingji.domain.standards.measures import grouped, price

if TYPE_CHECKING:
    from lingji.domain.models import DetailLine, Project
    from lingji.domain.review_context import ReviewContext

CODE = "M01"
VERSION = 1
TITLE = "明细超过支出标准"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("standards", HISTORY_LINE_GROUPS)


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    tolerance = Decimal(str(params["tolerance_yuan"]))
    reference = ctx.standards()
    result = CheckResult()
    for project in ctx.projects:
        compared = 0
        unmeasurable: list[str] = []
        for line in project.lines:
            outcome = reference.standard_for(line, project)
            if outcome is None:
                continue
            if isinstance(outcome, Unmeasurable):
                unmeasurable.append(_unmeasurable_text(line, outcome))
                continue
            compared += 1
            if outcome.excess > tolerance:
                result.findings.append(_finding(ctx, project, line, outcome))
        if compared:
            result.checked += 1
        if unmeasurable:
            result.skips.append(
                ctx.skip(CODE, "；".join(unmeasurable), missing=True, project=project)
            )
        elif not compared:
            result.skips.append(ctx.skip(CODE, "项目没有适用支出标准的明细", project=project))
    return result


def _line_label(line: DetailLine) -> str:
    return f"第{line.line_no}行" if line.line_no is not None else "明细"


def _unmeasurable_text(line: DetailLine, outcome: Unmeasurable) -> str:
    standard = outcome.standard
    measured = (
        f"按“{outcome.line_measure}”计量" if outcome.line_measure else "缺少计量单位、数量或单价"
    )
    return (
        f"{_line_label(line)}{line.item_name}适用{standard.described()}"
        f"（{standard.basis}），但{measured}，无法比对"
    )


def _finding(
    ctx: ReviewContext, project: Project, line: DetailLine, match: StandardMatch
) -> Finding:
    standard, measure = match.standard, match.measure
    unit = standard.unit_label
    category = f"（{match.category.label}）" if match.category else ""
    notes = [note for note in (match.category_note(),) if note]
    if match.day_rule_applied and standard.day_rule is not None:
        notes.append(f"{standard.day_rule.describe()}，允许{yuan(match.allowed)}")
    note = f"（{'；'.join(notes)}）" if notes else ""
    message = (
        f"{_line_label(line)} {line.item_name}：{measure.describe()}×{price(measure.unit_cost)}/{unit}，"
        f"超过{standard.described()}{category}上限{price(match.limit)}/{unit}{note}，"
        f"超标{yuan(match.excess)}"
    )
    return ctx.finding(
        CODE,
        project,
        message,
        line_no=line.line_no,
        amount_excess=match.excess,
        evidence={
            "standard_code": standard.code,
            "standard_name": standard.name,
            "origin": standard.origin.value,
            "category": match.category.label if match.category else None,
            "category_stated": match.category_stated,
            "basis": standard.basis,
            "limit": str(match.limit),
            "unit_cost": str(measure.unit_cost),
            "measure": measure.label,
            "count": grouped(measure.count),
            "claimed": str(match.claimed),
            "allowed": str(match.allowed),
            "excess": str(match.excess),
            "source_title": standard.title,
            "doc_no": standard.doc_no,
            "trust": standard.trust.value,
            "effective_from": standard.effective_from.isoformat()
            if standard.effective_from
            else None,
            "sources": list(standard.sources),
        },
        policy_refs=(standard.doc_no,) if standard.doc_no else (),
    )
