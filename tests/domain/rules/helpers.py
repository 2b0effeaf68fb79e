"""Inline rounds for check tests: no database, no files."""

from __future__ import annotations

from decimal import Decimal

from lingji.adapters.rulesets import load_ruleset
from lingji.domain.models import BudgetRound, DetailLine, Project, Unit
from lingji.domain.review_context import ReviewContext, build_context

D = Decimal


def project(code: str = "P1", *, requested: str | None = "1000", lines=(), **fields) -> Project:
    p = Project(
        year=2027,
        project_code=code,
        unit_code=fields.pop("unit_code", "U1"),
        name=fields.pop("name", "测试项目"),
        requested_amount=None if requested is None else D(requested),
        **fields,
    )
    p.lines = [
        line if isinstance(line, DetailLine) else DetailLine(code, "明细", D(line), line_no=i)
        for i, line in enumerate(lines, start=1)
    ]
    return p


def context(
    *projects: Project, sheets=("units", "projects", "detail_lines", "indicators"), **extra
) -> ReviewContext:
    budget_round = BudgetRound(
        year=2027,
        region="示例县",
        units=extra.pop("units", [Unit("U1", "县教育局", staff_quota=40, staff_actual=38)]),
        projects=list(projects),
        sheets_present=frozenset(sheets),
        **extra,
    )
    return build_context(budget_round, load_ruleset())
