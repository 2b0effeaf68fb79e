"""V11 经济科目列支错误：支出明细应列在与其性质相符的经济科目下。

按规则集中的“关键词 → 应列科目”规则逐行核对明细名称：例如购置计算机、打印机等设备应列 310
资本性支出（基本建设项目为 309）而不是 302 商品和服务支出；会议费应列 30215，培训费应列 30216，
差旅费 30211，公务接待费 30217，公务用车运行维护 30231，公务用车购置 31013。名称含某条规则的
关键词且不含其排除词的，由排在最前的那条规则决定应列科目；所列编码不以其应列科目开头的报告。
依据：部门预算支出经济分类科目的款级定义（见 domain/econ_codes.py）。
未填编码或编码不存在的明细由 V10 报告，这里不重复；项目所有明细都没有编码时记为数据缺失。
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lingji.domain.econ_codes import EconCode, label
from lingji.domain.findings import CheckResult
from lingji.domain.rules.validation.v10_econ_code_exists import codes_from

if TYPE_CHECKING:
    from lingji.domain.review_context import ReviewContext

CODE = "V11"
VERSION = 1
TITLE = "经济科目列支错误"


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: str
    keywords: tuple[str, ...]
    exclude: tuple[str, ...]
    expected: tuple[str, ...]
    #: how the message names the right code, when the prefixes alone say it badly
    advice: str = ""

    def applies(self, name: str) -> bool:
        return any(k in name for k in self.keywords) and not any(x in name for x in self.exclude)


def _rules(params: Mapping[str, Any]) -> list[_Rule]:
    return [
        _Rule(
            kind=str(r["kind"]),
            keywords=tuple(str(k) for k in r["keywords"]),
            exclude=tuple(str(x) for x in r.get("exclude") or ()),
            expected=tuple(str(c) for c in r["expected"]),
            advice=str(r.get("advice") or ""),
        )
        for r in params["rules"]
    ]


def _expected_text(rule: _Rule, codes: Mapping[str, EconCode]) -> str:
    if rule.advice:
        return rule.advice
    parts = [
        f"{label(c, codes)}类下的款级科目" if len(c) == 3 else label(c, codes)
        for c in rule.expected
    ]
    return "或".join(parts)


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    rules = _rules(params)
    # the same catalogue as V10, so that a code V10 reports as non-existent is not reported twice
    codes = codes_from(ctx.ruleset.params("V10"))
    keywords = sorted({k for rule in rules for k in rule.keywords}, key=len, reverse=True)
    any_keyword = re.compile("|".join(map(re.escape, keywords))) if keywords else None
    # item names repeat across lines (会议费, 台式计算机): decide each distinct name once
    decided: dict[str | None, _Rule | None] = {}

    def decide(name: str | None) -> _Rule | None:
        rule = None
        if name and any_keyword is not None and any_keyword.search(name):
            rule = next((r for r in rules if r.applies(name)), None)
        decided[name] = rule
        return rule

    result = CheckResult()
    for project in ctx.projects:
        if not project.lines:
            result.skips.append(ctx.skip(CODE, "项目没有支出明细", project=project))
            continue
        if not any(line.econ_code and line.econ_code.strip() for line in project.lines):
            result.skips.append(
                ctx.skip(
                    CODE, "支出明细均未填经济科目编码，无法核对", missing=True, project=project
                )
            )
            continue
        result.checked += len(project.lines)
        for index, line in enumerate(project.lines, start=1):
            name = line.item_name
            rule = decided[name] if name in decided else decide(name)
            if rule is None:
                continue
            code = (line.econ_code or "").strip()
            if code not in codes or code.startswith(rule.expected):
                continue
            line_no = line.line_no or index
            result.findings.append(
                ctx.finding(
                    CODE,
                    project,
                    f"第{line_no}行「{line.item_name}」属{rule.kind}，列在{label(code, codes)}，"
                    f"应列{_expected_text(rule, codes)}",
                    line_no=line_no,
                    evidence={
                        "item_name": line.item_name,
                        "econ_code": code,
                        "kind": rule.kind,
                        "expected": list(rule.expected),
                    },
                )
            )
    return result
