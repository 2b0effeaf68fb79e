"""V07 绩效指标不可衡量：每项绩效指标的指标值应是数字、百分比或日期。

指标值含有数字（如 95、≥90%、2027年12月31日、985米）即可衡量。不含数字的：为空的报告“指标值
为空”；含规则集所列模糊用语（较好、明显、有所提升、改善……）的报告为模糊表述；其余纯文字的
（如“健全”“及时”）在 require_figure 为真时也报告，因为无法据以评价是否达成。
每个项目报告一条，列出全部不可衡量的指标。项目没有指标时不适用（由 V05 报告）。
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.models import Indicator

if TYPE_CHECKING:
    from lingji.domain.review_context import ReviewContext

CODE = "V07"
VERSION = 1
TITLE = "绩效指标不可衡量"

#: a figure (ASCII or full-width digit) makes a value measurable: numbers, percentages, dates
_FIGURE = re.compile(r"[0-9０-９]")


def _label(indicator: Indicator, index: int) -> str:
    levels = "/".join(x for x in (indicator.level1, indicator.level2) if x)
    name = f"「{indicator.name}」" if indicator.name else f"第{index}项指标"
    return f"{name}（{levels}）" if levels else name


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    vague = [str(w) for w in params["vague_words"]]
    vague_pattern = re.compile("|".join(map(re.escape, vague))) if vague else None
    require_figure = bool(params["require_figure"])
    # many indicators share a value (95, 100, 较好): judge each distinct value once
    verdicts: dict[str, str | None] = {}
    # raw values already judged measurable: most projects are decided by one C-level subset test
    measurable: set[str | None] = set()

    def verdict(value: str | None) -> str | None:
        text = (value or "").strip()
        if text in verdicts:
            return verdicts[text]
        reason: str | None
        if not text:
            reason = "指标值为空"
        elif _FIGURE.search(text):
            reason = None
        elif vague_pattern is not None and (match := vague_pattern.search(text)):
            word = match.group(0)
            reason = f"指标值“{text}”" + ("为模糊表述" if word == text else f"含模糊表述“{word}”")
        elif require_figure:
            reason = f"指标值“{text}”未给出数字、百分比或日期"
        else:
            reason = None
        verdicts[text] = reason
        return reason

    result = CheckResult()
    for project in ctx.projects:
        if not project.indicators:
            result.skips.append(ctx.skip(CODE, "项目没有绩效指标（由V05报告）", project=project))
            continue
        result.checked += 1
        values = [i.target_value for i in project.indicators]
        if measurable.issuperset(values):
            continue
        problems = []
        for index, indicator in enumerate(project.indicators, start=1):
            reason = verdict(indicator.target_value)
            if reason is None:
                measurable.add(indicator.target_value)
            else:
                problems.append((_label(indicator, index), reason, indicator))
        if not problems:
            continue
        listed = "；".join(f"{label}{reason}" for label, reason, _ in problems)
        result.findings.append(
            ctx.finding(
                CODE,
                project,
                f"{len(problems)}项绩效指标不可衡量：{listed}",
                evidence={
                    "indicators": [
                        {
                            "level1": i.level1,
                            "level2": i.level2,
                            "name": i.name,
                            "target_value": i.target_value,
                            "reason": reason,
                        }
                        for _, reason, i in problems
                    ],
                    "indicator_count": len(project.indicators),
                },
            )
        )
    return result
