"""X06 审计或检查发现问题未整改：单位或项目在“审计发现”表中有整改状态不是“已整改”的问题。

整改状态不在规则集“已整改”列表（默认只有“已整改”）中的问题都算未整改（未整改、整改中、部分整改等）。
问题的项目编码等于本项目编码或其“上年项目编码”的，报在该项目上；项目编码为空的，报在单位上
（单位级问题，每个单位一条）；项目编码对不上本年任何项目的，也报在单位上并写明原项目编码。
整改状态为空的问题无法判断，记为数据缺失。报送数据没有“审计发现”表时，整轮记为数据缺失。
未整改问题影响评分和分级，但问题金额不等于本年应核减的金额，本检查不给出核减额。
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.formatting import yuan

if TYPE_CHECKING:
    from lingji.domain.models import AuditFinding, Project
    from lingji.domain.review_context import ReviewContext

CODE = "X06"
VERSION = 1
TITLE = "审计或检查发现问题未整改"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("audit_findings",)

AUDIT_SHEET = "audit_findings"


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    rectified = frozenset(params["rectified_statuses"])
    result = CheckResult()
    if not ctx.has_sheet(AUDIT_SHEET):
        result.skips.append(
            ctx.skip(CODE, "报送数据没有“审计发现”表，无法核对整改情况", missing=True)
        )
        return result

    # index once: every project under its own code and under last year's code
    by_code: dict[str, list[Project]] = defaultdict(list)
    for project in ctx.projects:
        by_code[project.project_code].append(project)
        if project.prev_project_code and project.prev_project_code != project.project_code:
            by_code[project.prev_project_code].append(project)

    on_project: dict[str, list[AuditFinding]] = defaultdict(list)
    on_unit: dict[str, list[AuditFinding]] = defaultdict(list)
    for audit in ctx.round.audit_findings:
        status = (audit.rectified or "").strip()
        if status in rectified:
            continue
        if not status:
            result.skips.append(
                ctx.skip(
                    CODE,
                    f"审计发现“{audit.issue_type or audit.description or '（无描述）'}”未填整改状态，"
                    "无法判断是否已整改",
                    missing=True,
                    unit_code=audit.unit_code,
                )
            )
            continue
        projects = by_code.get(audit.project_code or "", [])
        for project in projects:
            on_project[project.project_code].append(audit)
        if not projects:
            on_unit[audit.unit_code].append(audit)

    for project in ctx.projects:
        result.checked += 1
        open_issues = on_project.get(project.project_code)
        if not open_issues:
            continue
        whose = {
            "本项目" if a.project_code == project.project_code else f"上年项目{a.project_code}"
            for a in open_issues
        }
        result.findings.append(
            ctx.finding(
                CODE,
                project,
                f"{'、'.join(sorted(whose))}有{len(open_issues)}项审计（检查）发现问题未整改："
                + "；".join(_describe(a) for a in open_issues),
                evidence={"issues": [_evidence(a) for a in open_issues]},
            )
        )

    result.checked += len(on_unit)
    for unit_code, open_issues in sorted(on_unit.items()):
        unit = ctx.units.get(unit_code)
        name = unit.unit_name if unit and unit.unit_name else unit_code
        result.findings.append(
            ctx.finding(
                CODE,
                None,
                f"单位{name}有{len(open_issues)}项审计（检查）发现问题未整改："
                + "；".join(_describe(a, with_project=True) for a in open_issues),
                unit_code=unit_code,
                evidence={"issues": [_evidence(a) for a in open_issues]},
            )
        )
    return result


def _describe(audit: AuditFinding, *, with_project: bool = False) -> str:
    year = f"{audit.year}年" if audit.year else ""
    kind = f"{audit.issue_type}问题" if audit.issue_type else "问题"
    where = f"（项目{audit.project_code}）" if with_project and audit.project_code else ""
    amount = f"，涉及{yuan(audit.amount)}" if audit.amount else ""
    text = f"“{audit.description}”" if audit.description else ""
    return f"{year}{kind}{where}{text}{amount}，整改状态：{audit.rectified}"


def _evidence(audit: AuditFinding) -> dict[str, Any]:
    return {
        "year": audit.year,
        "unit_code": audit.unit_code,
        "project_code": audit.project_code,
        "issue_type": audit.issue_type,
        "description": audit.description,
        "amount": None if audit.amount is None else str(audit.amount),
        "rectified": audit.rectified,
    }
