"""T02 禁止或严控的支出事项：新建楼堂馆所、未经批准的庆典节会论坛晚会、高档豪华物品、超编制购置公务用车。

规则集列出每类事项的正则表达式、例外词、检索范围（项目名称、实施内容、明细名称）和所依据的文件，
财政部门可增删。某类事项的表达式在项目名称或明细名称中命中、且命中的文字（明细还包括其测算依据）不含
该类的例外词（如“维修”“改造”既有用房）的，即为该类事项；公务用车购置还按经济科目（31013 等）识别，
未写明更新、报废替换的，视为在现有车辆（“单位”表公务用车数）之外新增。庆典节会论坛晚会和购置公务用车
允许经批准后举办或购置：项目“政策依据”引用的文号在“政策文件”表中、状态有效、标题含“批复”“批准”等
审批字样（见规则集）的，视为已经批准，不报告并记为不适用。
项目名称命中的，整个项目属禁止事项，涉及金额为申报金额；只有明细命中的，涉及金额为这些明细的金额，
作为建议核减额（规则集可关闭）。本检查对所有项目适用，逐项目核对。
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult, Finding
from lingji.domain.formatting import yuan
from lingji.domain.policy import extract_doc_numbers
from lingji.domain.rules.thematic.shared import NOTHING, any_of

if TYPE_CHECKING:
    from lingji.domain.models import DetailLine, Project
    from lingji.domain.review_context import ReviewContext

CODE = "T02"
VERSION = 1
TITLE = "禁止或严控的支出事项"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("policy_documents",)

NAME, CONTENT, LINES = "name", "content", "lines"


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: str
    description: str
    pattern: re.Pattern[str]
    exceptions: re.Pattern[str]
    fields: frozenset[str]
    econ_codes: frozenset[str]
    approval_exempts: bool
    policy_refs: tuple[str, ...]

    @classmethod
    def from_params(cls, entry: Mapping[str, Any]) -> _Rule:
        patterns = [str(p) for p in entry.get("patterns") or ()]
        return cls(
            kind=str(entry["kind"]),
            description=str(entry.get("description") or entry["kind"]),
            pattern=re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else NOTHING,
            exceptions=any_of(entry.get("exceptions") or ()),
            fields=frozenset(str(f) for f in entry.get("fields") or (NAME, LINES)),
            econ_codes=frozenset(str(c) for c in entry.get("econ_codes") or ()),
            approval_exempts=bool(entry.get("approval_exempts")),
            policy_refs=tuple(str(r) for r in entry.get("policy_refs") or ()),
        )

    def hit(self, text: str | None) -> str | None:
        """The words of the text that make it this kind of item, or None."""
        if not text:
            return None
        found = self.pattern.search(text)
        if found is None or self.exceptions.search(text):
            return None
        return found.group(0)


@dataclass(slots=True)
class _Hits:
    """Where one rule hit one project."""

    name: str | None = None
    content: str | None = None
    lines: list[tuple[DetailLine, str]] | None = None

    def whole_project(self) -> bool:
        return self.name is not None or self.content is not None


class _Approvals:
    """Approval documents a project cites in 政策依据, read once per distinct citation text."""

    def __init__(self, ctx: ReviewContext, params: Mapping[str, Any]) -> None:
        self.library = ctx.policy_library
        self.words = any_of(params["approval_title_words"])
        self.invalid = frozenset(str(s) for s in params["approval_invalid_statuses"])
        self._cited: dict[str, str | None] = {}

    def cited(self, project: Project) -> str | None:
        """The first approval document the project cites, as 文号《标题》; None when none."""
        text = project.policy_refs or ""
        if text not in self._cited:
            self._cited[text] = next(
                (
                    f"{doc.doc_no}《{doc.title}》"
                    for number in extract_doc_numbers(text)
                    if (doc := self.library.get(number)) is not None
                    and self.words.search(doc.title or "")
                    and (doc.status or "").strip() not in self.invalid
                ),
                None,
            )
        return self._cited[text]


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    rules = [_Rule.from_params(entry) for entry in params["rules"]]
    approvals = _Approvals(ctx, params)
    cut = bool(params["cut_prohibited_amount"])
    line_hits = _line_hits(ctx, rules)
    # one search screens a project's name and content for every rule: most hit nothing
    screens = {field: _screen([r for r in rules if field in r.fields]) for field in (NAME, CONTENT)}
    result = CheckResult()
    for project in ctx.projects:
        result.checked += 1
        on_lines = line_hits.get(project.project_code, {})
        texts = {
            field: text
            for field, text in ((NAME, project.name), (CONTENT, project.content))
            if text and screens[field].search(text)
        }
        if not texts and not on_lines:
            continue
        for i, rule in enumerate(rules):
            hit = _Hits(
                rule.hit(texts.get(NAME)) if NAME in rule.fields else None,
                rule.hit(texts.get(CONTENT)) if CONTENT in rule.fields else None,
                on_lines.get(i),
            )
            if not hit.whole_project() and not hit.lines:
                continue
            approval = approvals.cited(project) if rule.approval_exempts else None
            if approval is not None:
                result.skips.append(
                    ctx.skip(
                        CODE,
                        f"项目属{rule.description}，政策依据引用了审批文件{approval}，视为已经批准",
                        project=project,
                    )
                )
                continue
            result.findings.append(_finding(ctx, project, rule, hit, cut))
    return result


def _screen(rules: list[_Rule]) -> re.Pattern[str]:
    patterns = [r.pattern.pattern for r in rules if r.pattern is not NOTHING]
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else NOTHING


def _line_hits(
    ctx: ReviewContext, rules: list[_Rule]
) -> dict[str, dict[int, list[tuple[DetailLine, str]]]]:
    """project code -> rule -> the project's lines that rule hits, with the words that hit.

    Decided once per kind of item (a million lines carry a few thousand names); a line's
    测算依据 holding an exception word still clears it.
    """
    by_item: dict[tuple[str | None, str | None], list[tuple[int, str]]] = {}
    for name, econ in ctx.item_index().items:
        found = []
        for i, rule in enumerate(rules):
            word = rule.hit(name) if LINES in rule.fields else None
            if word is None and econ in rule.econ_codes and not rule.exceptions.search(name or ""):
                word = f"经济科目{econ}"
            if word is not None:
                found.append((i, word))
        if found:
            by_item[(name, econ)] = found
    hits: dict[str, dict[int, list[tuple[DetailLine, str]]]] = {}
    for group in ctx.item_index().lines(lambda name, econ: (name, econ) in by_item):
        for line in group.lines:
            for i, word in by_item[(line.item_name, line.econ_code)]:
                if line.basis and rules[i].exceptions.search(line.basis):
                    continue
                per_rule = hits.setdefault(group.project.project_code, {})
                per_rule.setdefault(i, []).append((line, word))
    return hits


def _finding(ctx: ReviewContext, project: Project, rule: _Rule, hit: _Hits, cut: bool) -> Finding:
    lines = hit.lines or []
    where = []
    if hit.name is not None:
        where.append(f"项目名称“{project.name}”含“{hit.name}”")
    if hit.content is not None:
        where.append(f"实施内容含“{hit.content}”")
    if lines:
        listed = "、".join(
            f"第{ln.line_no}行“{ln.item_name}”（{yuan(ln.amount)}，{word}）"
            if ln.line_no is not None
            else f"“{ln.item_name}”（{yuan(ln.amount)}，{word}）"
            for ln, word in lines
        )
        where.append(f"明细{listed}")
    lines_total = sum((ln.amount or Decimal(0) for ln, _ in lines), Decimal(0))
    if hit.whole_project():
        amount = project.requested_amount if project.requested_amount is not None else lines_total
        scope = "整个项目"
    else:
        amount, scope = lines_total, "上述明细"
    unit = ctx.units.get(project.unit_code)
    notes = []
    if rule.econ_codes and unit is not None and unit.vehicles is not None:
        notes.append(f"单位现有公务用车{unit.vehicles}辆")
    if rule.approval_exempts:
        notes.append("政策依据未引用审批文件")
    note = f"，{'，'.join(notes)}" if notes else ""
    basis = f"（依据{'、'.join(rule.policy_refs)}）" if rule.policy_refs else ""
    single = len(lines) == 1 and not hit.whole_project()
    return ctx.finding(
        CODE,
        project,
        f"{'；'.join(where)}，属{rule.description}{note}，{scope}涉及{yuan(amount)}{basis}",
        line_no=lines[0][0].line_no if single else None,
        amount_excess=amount if cut and amount > 0 else Decimal(0),
        evidence={
            "kind": rule.kind,
            "description": rule.description,
            "name_hit": hit.name,
            "content_hit": hit.content,
            "lines": [
                {
                    "line_no": ln.line_no,
                    "item_name": ln.item_name,
                    "econ_code": ln.econ_code,
                    "amount": None if ln.amount is None else str(ln.amount),
                    "hit": word,
                }
                for ln, word in lines
            ],
            "amount": str(amount),
            "whole_project": hit.whole_project(),
            "vehicles": unit.vehicles if unit is not None and rule.econ_codes else None,
            "approval_required": rule.approval_exempts,
        },
        policy_refs=rule.policy_refs,
    )
