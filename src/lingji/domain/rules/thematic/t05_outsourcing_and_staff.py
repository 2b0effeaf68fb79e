"""T05 编外及外包人员超核定人数或人均费用超标准：编外人员、劳务派遣、协管辅警等人员经费的人数超过单位核定的编外人数，或人均费用超过财政部门的标准。

人员经费明细按名称关键词识别（编外、劳务派遣、协管员、辅警、临聘等，规则集可改；培训、服装、社会保险等
附带费用不算），从两方面核对：
- 人数：项目中这类明细填写的人数（同一项目多条明细取最多的人数）超过“单位”表的编外人数（机构编制部门
  核定的人数）的，超出人数的费用计入超标额；单位多个项目各自未超、合计超过的，报在单位上，不给出核减额。
- 人均费用：与本轮“支出标准”表中财政部门自定的编外人员经费标准（元/人月）比对，比对方式与 M01 相同。
超标额 = 明细金额 − 核定人数以内的计量数 × 不超过标准的单价，逐行计算；单价超标部分与 M01 同一行的
超标额相同，建议核减时同一行只取一次。项目没有这类明细的不属本专题。单位编外人数为空时不核对人数，
记为数据缺失；财政部门未配置编外人员经费标准时不核对人均费用，记为“未配置标准”。
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.formatting import yuan
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
from lingji.domain.standards.measures import measure_line, price

if TYPE_CHECKING:
    from lingji.domain.models import DetailLine, Project
    from lingji.domain.review_context import ReviewContext

CODE = "T05"
VERSION = 1
TITLE = "编外及外包人员超核定人数或人均费用超标准"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("standards", HISTORY_LINE_GROUPS)

CENT = Decimal("0.01")


class _Staff:
    """The rule set's reading of which lines pay non-establishment or outsourced staff."""

    def __init__(self, params: Mapping[str, Any], matcher: KindMatcher) -> None:
        self.matcher = matcher
        self.words = any_of(params["item_keywords"])
        self.excluded = any_of(params["exclude_keywords"])
        self.tolerance = Decimal(str(params["tolerance_yuan"]))
        self._staff: dict[tuple[str, str | None], bool] = {}

    def concerns(self, item_name: str | None, econ_code: str | None) -> bool:
        key = (item_name or "", econ_code)
        found = self._staff.get(key)
        if found is None:
            named = bool(self.words.search(key[0])) or self.matcher.names(item_name, econ_code)
            found = self._staff[key] = named and not self.excluded.search(key[0])
        return found


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    library = ctx.standards().library
    staff = _Staff(params, KindMatcher(library, StandardKind.from_params(params["standard"])))
    result = CheckResult()
    #: unit -> [(project, persons its lines cost)] for projects that do not exceed on their own
    within: dict[str, list[tuple[Project, int]]] = defaultdict(list)
    for group in ctx.item_index().lines(staff.concerns):
        result.checked += 1
        persons = _review(ctx, group.project, group.lines, staff, result)
        if persons is not None:
            within[group.project.unit_code].append((group.project, persons))
    for unit_code, projects in within.items():
        _unit_total(ctx, unit_code, projects, result)
    if not result.checked:
        result.skips.append(ctx.skip(CODE, "本轮没有编外、劳务派遣等人员经费明细"))
    elif not staff.matcher.standards:
        result.skips.append(
            ctx.skip(
                CODE, not_configured("编外人员经费", "不比对人均费用，只核对人数"), missing=True
            )
        )
    return result


def _review(
    ctx: ReviewContext,
    project: Project,
    lines: list[DetailLine],
    staff: _Staff,
    result: CheckResult,
) -> int | None:
    """Findings on the project's lines; the persons they cost when within the approved number."""
    gaps: list[str] = []
    matches: dict[int, StandardMatch] = {}
    for i, line in enumerate(lines):
        outcome = staff.matcher.match(line, project)
        if isinstance(outcome, StandardMatch):
            matches[i] = outcome
        elif isinstance(outcome, Unmeasurable):
            gaps.append(unmeasurable_text(line, outcome))
    persons = max((ln.persons or 0 for ln in lines), default=0)
    unit = ctx.units.get(project.unit_code)
    approved = unit.contract_staff if unit else None
    if not persons:
        gaps.append("编外人员经费明细均未填人数，无法核对人数")
    elif approved is None:
        gaps.append("单位编外人数（核定人数）为空，无法核对人数")
    if gaps:
        result.skips.append(ctx.skip(CODE, "；".join(gaps), missing=True, project=project))
    over_persons = approved is not None and persons > approved

    for i, line in enumerate(lines):
        match = matches.get(i)
        line_over = over_persons and (line.persons or 0) > (approved or 0)
        if match is None and not line_over:
            continue
        measure = match.measure if match else measure_line(line)
        if measure is None:
            continue
        limit = match.limit if match else None
        price_over = limit is not None and measure.unit_cost > limit
        allowed_price = min(measure.unit_cost, limit) if limit is not None else measure.unit_cost
        count = measure.count
        if line_over and approved is not None and line.persons:
            count = measure.count * approved / line.persons
        allowed = count * allowed_price
        excess = max(measure.claimed - allowed, Decimal(0)).quantize(CENT)
        if excess <= staff.tolerance:
            continue
        parts = []
        if line_over:
            parts.append(
                f"人数超过单位核定编外人数{approved}人（超出{(line.persons or 0) - (approved or 0)}人）"
            )
        if match is not None and price_over:
            parts.append(f"人均单价超过{standard_phrase(match.standard, match.limit)}")
        if line_over and price_over:
            basis = "按核定人数和标准单价"
        else:
            basis = "按核定人数" if line_over else "按标准单价"
        unit_label = match.standard.unit_label if match else measure.label
        evidence: dict[str, Any] = {
            "persons": line.persons,
            "approved_contract_staff": approved,
            "unit_cost": str(measure.unit_cost),
            "measure": measure.label,
            "claimed": str(measure.claimed),
            "allowed_count": str(count.quantize(CENT)),
            "allowed": str(allowed.quantize(CENT)),
            "excess": str(excess),
        }
        if match is not None:
            evidence["standard"] = match_evidence(match)
        result.findings.append(
            ctx.finding(
                CODE,
                project,
                f"{line_label(line)}：{measure.describe()}×{price(measure.unit_cost)}/{unit_label}，"
                + "；".join(parts)
                + f"，{basis}计超标{yuan(excess)}",
                line_no=line.line_no,
                amount_excess=excess,
                evidence=evidence,
                policy_refs=refs(match.standard) if match else (),
            )
        )
    return None if over_persons or not persons else persons


def _unit_total(
    ctx: ReviewContext, unit_code: str, projects: list[tuple[Project, int]], result: CheckResult
) -> None:
    """Several projects each within the approved number, together above it."""
    unit = ctx.units.get(unit_code)
    approved = unit.contract_staff if unit else None
    total = sum(persons for _, persons in projects)
    if len(projects) < 2 or approved is None or total <= approved:
        return
    name = unit.unit_name if unit and unit.unit_name else unit_code
    listed = "、".join(f"{p.project_code}“{p.name}”{n}人" for p, n in projects)
    result.findings.append(
        ctx.finding(
            CODE,
            None,
            f"单位{name}{len(projects)}个项目的编外人员经费合计按{total}人测算（{listed}），"
            f"超过单位核定编外人数{approved}人，请说明是否重复测算",
            unit_code=unit_code,
            evidence={
                "persons_total": total,
                "approved_contract_staff": approved,
                "projects": [{"project_code": p.project_code, "persons": n} for p, n in projects],
            },
        )
    )
