"""V06 绩效指标类别不全：指标应覆盖产出（数量、质量、时效、成本）、效益，服务群众的项目还应有满意度。

按《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）的指标体系：
产出指标下的数量、质量、时效指标，成本指标（2021年起可单列为一级指标，也可在产出指标下作二级
指标，两处都算），效益指标（经济、社会、生态效益或可持续影响），以及服务对象满意度指标。
一条指标的一级或二级指标名称（去掉末尾“指标”二字）与规则集中某类的名称之一相同，即算具备该类。
满意度指标只对服务群众的项目要求：项目名称、实施内容或总体绩效目标中出现规则集所列关键词
（群众、居民、学生、儿童……）的才要求。
项目没有任何指标时不适用（由 V05 报告）。
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.models import Project

if TYPE_CHECKING:
    from lingji.domain.review_context import ReviewContext

CODE = "V06"
VERSION = 1
TITLE = "绩效指标类别不全"


def level_name(text: str | None) -> str:
    """'经济成本指标 ' -> '经济成本': the comparable form of a level name."""
    return "".join((text or "").split()).removesuffix("指标")


def _serves_people(project: Project, pattern: re.Pattern[str] | None) -> str | None:
    """The first 'serves people' keyword found in the project's own description."""
    if pattern is None:
        return None
    for text in (project.name, project.overall_goal, project.content):
        if text:
            match = pattern.search(text)
            if match:
                return match.group(0)
    return None


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    kinds = [
        (
            str(k["kind"]),
            frozenset(level_name(str(n)) for n in k["names"]),
            bool(k.get("serves_people_only", False)),
        )
        for k in params["required_kinds"]
    ]
    keywords = [str(w) for w in params["serves_people_keywords"]]
    # one alternation compiled per run: the keyword search is a single C-level scan per text
    people = re.compile("|".join(map(re.escape, keywords))) if keywords else None
    people_only = {kind for kind, _, only in kinds if only}
    # projects share a handful of level combinations: judge each distinct combination once
    judged: dict[frozenset[str | None], tuple[list[str], list[str]]] = {}
    result = CheckResult()
    for project in ctx.projects:
        if not project.indicators:
            result.skips.append(ctx.skip(CODE, "项目没有绩效指标（由V05报告）", project=project))
            continue
        result.checked += 1
        raw = frozenset(i.level1 for i in project.indicators).union(
            i.level2 for i in project.indicators
        )
        verdict = judged.get(raw)
        if verdict is None:
            present = {level_name(level) for level in raw} - {""}
            missing_kinds = [kind for kind, names, _ in kinds if not names & present]
            verdict = judged[raw] = (missing_kinds, sorted(present))
        missing, present_levels = verdict
        if not missing:
            continue
        keyword = None
        if people_only.intersection(missing):
            keyword = _serves_people(project, people)
            if keyword is None:
                missing = [kind for kind in missing if kind not in people_only]
                if not missing:
                    continue
        message = f"绩效指标缺少{'、'.join(missing)}"
        if keyword is not None:
            wanted = "、".join(kind for kind in missing if kind in people_only)
            message += f"（项目涉及“{keyword}”，属服务群众的项目，应设{wanted}）"
        result.findings.append(
            ctx.finding(
                CODE,
                project,
                message,
                evidence={
                    "missing_kinds": list(missing),
                    "levels_present": list(present_levels),
                    "serves_people_keyword": keyword,
                },
            )
        )
    return result
