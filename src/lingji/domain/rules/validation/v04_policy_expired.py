"""V04 引用文件已废止或失效：项目所依据的政策文件在预算年度必须有效。

对“政策依据”和“立项依据”中引用、且能在政策文件库中查到的文号，逐个核对：
1. 状态为规则集所列的无效状态（默认“废止”“失效”）的，报告；
2. 状态虽未标无效，但失效日期不晚于预算年度1月1日（预算年度开始时已失效）的，报告。
依据已失效的文件申报，项目失去立项依据，不能入库。
报送材料没有“政策文件”表时记为数据缺失；没有引用文号、或引用的文号都不在库中（由 V03 报告）时
不适用。
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.models import PolicyDocument
from lingji.domain.rules.validation.v03_policy_not_in_library import (
    POLICY_SHEET,
    CitationReader,
)

if TYPE_CHECKING:
    from lingji.domain.review_context import ReviewContext

CODE = "V04"
VERSION = 1
TITLE = "引用文件已废止或失效"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("policy_documents",)


def _problem(
    doc: PolicyDocument, invalid_statuses: frozenset[str], year: int
) -> tuple[str, dict[str, Any]] | None:
    """Why a document cannot support a budget of `year`, or None when it can."""
    status = (doc.status or "").strip()
    name = f"{doc.doc_no}《{doc.title}》" if doc.title else doc.doc_no
    expires = doc.expires.isoformat() if doc.expires else None
    if status in invalid_statuses:
        text = f"{name}已{status}" + (f"（失效日期{expires}）" if expires else "")
    elif doc.expires is not None and doc.expires <= dt.date(year, 1, 1):
        text = f"{name}已于{expires}失效，早于{year}年预算年度开始"
    else:
        return None
    return text, {
        "doc_no": doc.doc_no,
        "title": doc.title,
        "status": doc.status,
        "expires": expires,
    }


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    invalid_statuses = frozenset(str(s) for s in params["invalid_statuses"])
    has_library = ctx.has_sheet(POLICY_SHEET)
    library = ctx.policy_library
    # the library is small and shared by every project: judge each document once
    invalid = {
        number: problem
        for number, doc in library.items()
        if (problem := _problem(doc, invalid_statuses, ctx.year)) is not None
    }
    reader = CitationReader(library)
    result = CheckResult()
    for project in ctx.projects:
        cited = reader.cited(project)
        if not cited:
            result.skips.append(ctx.skip(CODE, "项目未引用任何文号，无可核对", project=project))
            continue
        if not has_library:
            result.skips.append(
                ctx.skip(
                    CODE, "报送材料没有政策文件表，无法核对文件效力", missing=True, project=project
                )
            )
            continue
        if not any(number in library for number in cited):
            result.skips.append(
                ctx.skip(CODE, "引用的文号都不在政策文件库中（由V03报告）", project=project)
            )
            continue
        result.checked += 1
        problems = [invalid[number] for number in cited if number in invalid]
        if not problems:
            continue
        result.findings.append(
            ctx.finding(
                CODE,
                project,
                f"引用的{'；'.join(text for text, _ in problems)}，不能作为{ctx.year}年预算的依据",
                evidence={"documents": [e for _, e in problems], "budget_year": ctx.year},
                policy_refs=tuple(e["doc_no"] for _, e in problems),
            )
        )
    return result
