"""V02 缺少政策依据：项目应写明立项所依据的政策文件。

以下任一情形视为有政策依据，不报告：
1. “政策依据”栏不为空（只有“无”“/”之类占位符的算空）；
2. “立项依据”中引用了文号（如 澜溪财预〔2025〕9号、国务院令第729号）；
3. “立项依据”中以书名号引用了文件名称（如《上海市拆除违法建筑若干规定》），且名称含规则集列出的
   文件用语（办法、条例、规定、意见、通知、方案……）。真实公开件常只写文件名不写文号，这样写仍是
   有依据的；可在规则集中关闭（accept_titles: false），要求必须有文号。
三者都没有的，报告为缺少政策依据。文号是否在政策文件库中、是否有效由 V03、V04 核对。
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.policy import extract_doc_numbers

if TYPE_CHECKING:
    from lingji.domain.review_context import ReviewContext

CODE = "V02"
VERSION = 1
TITLE = "缺少政策依据"

_TITLE = re.compile(r"《([^《》]{2,80})》")


def cited_titles(text: str | None, title_words: tuple[str, ...]) -> list[str]:
    """Document titles cited in 《》 that read like a policy document (办法, 通知, ...)."""
    if not text or "《" not in text:
        return []
    return [t for t in _TITLE.findall(text) if any(w in t for w in title_words)]


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    placeholders = frozenset(str(v) for v in params["blank_values"])
    accept_titles = bool(params["accept_titles"])
    title_words = tuple(str(w) for w in params["title_words"])
    result = CheckResult()
    for project in ctx.projects:
        result.checked += 1
        refs = (project.policy_refs or "").strip()
        if refs and refs not in placeholders:
            continue
        if extract_doc_numbers(project.rationale):
            continue
        if accept_titles and cited_titles(project.rationale, title_words):
            continue
        rationale = (project.rationale or "").strip()
        if rationale:
            message = "政策依据为空，立项依据也未引用任何政策文件（文号或文件名称）"
        else:
            message = "政策依据和立项依据均为空，项目没有任何政策依据"
        result.findings.append(
            ctx.finding(
                CODE,
                project,
                message,
                evidence={
                    "policy_refs": project.policy_refs or "",
                    "rationale": rationale[:200],
                    "accept_titles": accept_titles,
                },
            )
        )
    return result
