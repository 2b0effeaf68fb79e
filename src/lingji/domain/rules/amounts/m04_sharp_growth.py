"""M04 申报较上年大幅增长且无新增政策依据：本年申报比上年预算增长超过规则集上限（默认 20%）时，须有新的政策依据。

上年记录按“上年项目编码”在历史执行表中查找，没有则按本项目编码查找。增幅超限时，读取“政策依据”
和“立项依据”中引用的文号：发布于上年预算编制开始之日或以后的文件（默认：预算年度前两年的
7 月 1 日，即 2027 年预算对应 2025-07-01，上年预算的编制通知一般在此后下发）算作新增依据，
有一份即不报告。发布日期取政策文件库；库中没有或日期为空时取文号中的年份，年份等于编制开始
年份的也算新增（无法证明早于编制）；没有年份（如“国务院令第729号”）的不算。库中状态为失效、
废止的文件不算依据。报告时建议核减超过增幅上限的部分：本年申报 − 上年预算 ×（1 + 上限）。
新增项目不适用；延续项目找不到上年记录、上年预算数或本年申报金额为空时，记为数据缺失。
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.formatting import percent, yuan
from lingji.domain.policy import extract_doc_numbers
from lingji.domain.rules.previous_year import history_sheet_missing, no_previous_record

if TYPE_CHECKING:
    from lingji.domain.models import Project
    from lingji.domain.review_context import ReviewContext

CODE = "M04"
VERSION = 1
TITLE = "申报较上年大幅增长且无新增政策依据"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("history", "policy_documents")

CENT = Decimal("0.01")
_DOC_YEAR = re.compile(r"〔(\d{4})〕")


@dataclass(frozen=True, slots=True)
class CitedDocument:
    doc_no: str
    issued: dt.date | None
    #: the year printed in the 文号, used when the library has no date
    number_year: int | None
    #: 失效/废止 in the policy library: no basis at all
    invalid: bool

    def is_new(self, since: dt.date) -> bool:
        if self.invalid:
            return False
        if self.issued is not None:
            return self.issued >= since
        return self.number_year is not None and self.number_year >= since.year

    def describe(self) -> str:
        if self.invalid:
            return f"{self.doc_no}（已失效或废止）"
        if self.issued is not None:
            return f"{self.doc_no}（{_date(self.issued)}发布）"
        if self.number_year is not None:
            return f"{self.doc_no}（{self.number_year}年）"
        return f"{self.doc_no}（发布日期不详）"


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    max_growth = Decimal(str(params["max_growth"]))
    cut_above_limit = bool(params["cut_growth_above_limit"])
    invalid_statuses = frozenset(params["invalid_statuses"])
    month, day = (int(part) for part in str(params["preparation_start"]).split("-"))
    since = dt.date(ctx.year - int(params["preparation_years_before"]), month, day)
    result = CheckResult()
    if (sheet_skip := history_sheet_missing(ctx, CODE)) is not None:
        result.skips.append(sheet_skip)
        return result
    for project in ctx.projects:
        last = ctx.previous(project)
        if last is None:
            result.skips.append(no_previous_record(ctx, CODE, project))
            continue
        requested, budget = project.requested_amount, last.budget
        if requested is None or budget is None or budget <= 0:
            result.skips.append(
                ctx.skip(
                    CODE,
                    f"本年申报金额或上年（{last.year}年）项目{last.project_code}预算数为空，无法计算增幅",
                    missing=True,
                    project=project,
                )
            )
            continue
        result.checked += 1
        growth = requested / budget - 1
        if growth <= max_growth:
            continue
        cited = _cited_documents(ctx, project, invalid_statuses)
        if any(doc.is_new(since) for doc in cited):
            continue
        limit_amount = (budget * (1 + max_growth)).quantize(CENT, ROUND_HALF_UP)
        excess = requested - limit_amount if cut_above_limit else Decimal(0)
        basis = (
            "所引文件" + "、".join(doc.describe() for doc in cited)
            if cited
            else "未引用任何政策文件"
        )
        cut_text = (
            f"，超过增幅上限（{yuan(limit_amount)}）的{yuan(excess)}建议核减" if excess else ""
        )
        result.findings.append(
            ctx.finding(
                CODE,
                project,
                f"本年申报{yuan(requested)}，比上年（{last.year}年）项目{last.project_code}"
                f"预算{yuan(budget)}增长{percent(growth)}，超过{percent(max_growth)}；"
                f"{basis}，没有{_date(since)}（上年预算编制开始）以后发布的新增政策依据{cut_text}",
                amount_excess=excess,
                evidence={
                    "last_year": last.year,
                    "last_project_code": last.project_code,
                    "last_budget": str(budget),
                    "requested_amount": str(requested),
                    "growth": str(growth.quantize(Decimal("0.0001"), ROUND_HALF_UP)),
                    "max_growth": str(max_growth),
                    "limit_amount": str(limit_amount),
                    "new_basis_since": since.isoformat(),
                    "cited_documents": [
                        {
                            "doc_no": doc.doc_no,
                            "issued": doc.issued.isoformat() if doc.issued else None,
                            "number_year": doc.number_year,
                            "invalid": doc.invalid,
                        }
                        for doc in cited
                    ],
                    "excess": str(excess),
                },
                policy_refs=tuple(doc.doc_no for doc in cited),
            )
        )
    return result


def _cited_documents(
    ctx: ReviewContext, project: Project, invalid_statuses: frozenset[str]
) -> list[CitedDocument]:
    """The documents cited in 政策依据 and 立项依据, dated from the library or their 文号."""
    numbers = extract_doc_numbers(project.policy_refs)
    numbers += [n for n in extract_doc_numbers(project.rationale) if n not in numbers]
    cited = []
    for doc_no in numbers:
        entry = ctx.policy_library.get(doc_no)
        year = _DOC_YEAR.search(doc_no)
        cited.append(
            CitedDocument(
                doc_no=doc_no,
                issued=entry.issued if entry else None,
                number_year=int(year.group(1)) if year else None,
                invalid=bool(entry and entry.status in invalid_statuses),
            )
        )
    return cited


def _date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
