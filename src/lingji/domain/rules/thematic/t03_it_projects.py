"""T03 信息化项目运维费超比例或重复建设：信息系统运维费占建设投资的比例超过财政部门的标准，或同一系统再次申报建设。

两项核对：
- 运维费比例：运维明细与本轮“支出标准”表中财政部门自定的运维费标准比对。标准按名称关键词（运行维护、
  运维）和“元/万元”计量口径识别（规则集可改），明细按系统建设投资的万元数计量（数量 = 万元数，单价 =
  每万元运维费），比对方式与 M01 相同；消息写明运维费占建设投资的比例和标准比例，本单位在“历史执行”
  中有信息化建设项目的一并列出以便核对建设投资。超标额 = （单价 − 标准）× 万元数，与 M01 同一行的
  超标额相同，建议核减时同一行只取一次。国家层面没有运维费比例（domain-facts 1.8），财政部门未配置时
  记为“未配置标准”；运维明细不按万元计量时记为数据缺失。
- 重复建设：本年新申报（非延续）的信息化建设项目（项目类型或名称关键词识别，见规则集），与本单位
  “历史执行”中往年的信息化建设项目名称相同或高度相似（去掉“项目”等字样后字符二元组相似度达到
  规则集阈值，期次不同的不算）的，报告已建项目的年度、编码和预算。重复建设需由单位说明，不给出核减额。
  报送数据没有“历史执行”表时记为数据缺失。
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult, Finding
from lingji.domain.formatting import percent, yuan
from lingji.domain.rules.thematic.shared import (
    any_of,
    line_label,
    not_configured,
    over_kind_standard,
    standard_phrase,
)
from lingji.domain.standards.history import HISTORY_LINE_GROUPS
from lingji.domain.standards.library import KindMatcher, StandardKind, StandardMatch
from lingji.domain.standards.measures import grouped, price

if TYPE_CHECKING:
    from lingji.domain.models import DetailLine, HistoryProject, Project
    from lingji.domain.review_context import ReviewContext

CODE = "T03"
VERSION = 1
TITLE = "信息化项目运维费超比例或重复建设"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("standards", HISTORY_LINE_GROUPS, "history")

HISTORY_SHEET = "history"
TEN_THOUSAND = Decimal(10000)
_SPACE_AND_PUNCTUATION = re.compile(r"[\s()（）〔〕\[\]【】“”\"'、，,.。:：;；\-—_/]+")
_YEAR = re.compile(r"(19|20)\d{2}(年度|年)?")


class _Builds:
    """The rule set's reading of which projects build an information system, and when two
    names are the same system."""

    def __init__(self, params: Mapping[str, Any]) -> None:
        self.types = frozenset(str(t) for t in params["build_project_types"])
        patterns = [str(p) for p in params["build_name_patterns"]]
        self.pattern = re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
        self.exceptions = any_of(params["build_name_exceptions"])
        self.noise = sorted((str(w) for w in params["name_noise_words"]), key=len, reverse=True)
        self.phase = re.compile(str(params["phase_pattern"]))
        self.min_similarity = Decimal(str(params["min_name_similarity"]))

    def builds(self, name: str | None, project_type: str | None) -> bool:
        if project_type in self.types:
            return True
        text = name or ""
        return bool(self.pattern and self.pattern.search(text) and not self.exceptions.search(text))

    def key(self, name: str) -> tuple[str, frozenset[str]]:
        """The name without years, punctuation and noise words, and the phases it names."""
        phases = frozenset(self.phase.findall(name))
        text = _SPACE_AND_PUNCTUATION.sub("", _YEAR.sub("", self.phase.sub("", name)))
        for word in self.noise:
            text = text.replace(word, "")
        return text, phases

    def similarity(self, a: tuple[str, frozenset[str]], b: tuple[str, frozenset[str]]) -> Decimal:
        if a[1] != b[1]:
            return Decimal(0)  # 一期 and 二期 are two builds
        return _dice(a[0], b[0])


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    builds = _Builds(params)
    history_builds = _history_builds(ctx, builds)
    result = _maintenance(ctx, params, history_builds)
    rebuilds = _rebuilds(ctx, builds, history_builds)
    result.findings += rebuilds.findings
    result.skips += rebuilds.skips
    result.checked += rebuilds.checked
    return result


def _history_builds(ctx: ReviewContext, builds: _Builds) -> dict[str, list[HistoryProject]]:
    """Earlier years' build projects of each unit, oldest first."""
    by_unit: dict[str, list[HistoryProject]] = defaultdict(list)
    for (year, _), record in ctx.history.items():
        if year < ctx.year and record.unit_code and builds.builds(record.name, record.project_type):
            by_unit[record.unit_code].append(record)
    for records in by_unit.values():
        records.sort(key=lambda r: (r.year, r.project_code))
    return by_unit


def _maintenance(
    ctx: ReviewContext, params: Mapping[str, Any], history_builds: dict[str, list[HistoryProject]]
) -> CheckResult:
    kind = StandardKind.from_params(params["maintenance_standard"])
    matcher = KindMatcher(ctx.standards().library, kind)
    if not matcher.standards:
        result = CheckResult()
        result.skips.append(
            ctx.skip(CODE, not_configured("信息系统运维费占建设投资比例的"), missing=True)
        )
        return result

    def describe(
        line: DetailLine, match: StandardMatch, project: Project
    ) -> tuple[str, dict[str, Any]]:
        measure, standard = match.measure, match.standard
        unit = standard.unit_label
        evidence: dict[str, Any] = {"theme": "信息系统运维"}
        if standard.measure.startswith("万元"):
            share = measure.unit_cost / TEN_THOUSAND
            limit_share = percent(match.limit / TEN_THOUSAND)
            figures = (
                f"系统建设投资{grouped(measure.count)}万元，年度运维费{yuan(measure.claimed)}，"
                f"占建设投资的{percent(share)}（{price(measure.unit_cost)}/{unit}），"
                f"超过{standard_phrase(standard, match.limit, f'即{limit_share}')}"
            )
            evidence |= {
                "construction_wan": str(measure.count),
                "maintenance_share": str(share),
                "limit_share": str(match.limit / TEN_THOUSAND),
            }
        else:
            figures = (
                f"{measure.describe()}×{price(measure.unit_cost)}/{unit}，"
                f"超过{standard_phrase(standard, match.limit)}"
            )
        built = history_builds.get(project.unit_code, [])
        note = ""
        if built:
            note = (
                "（历史执行中本单位的信息化建设项目："
                + "；".join(
                    f"{h.year}年{h.project_code}“{h.name}”预算{yuan(h.budget)}" for h in built
                )
                + "）"
            )
            evidence["unit_builds"] = [_record_evidence(h) for h in built]
        return f"{line_label(line)}：{figures}，超标{yuan(match.excess)}{note}", evidence

    result = over_kind_standard(
        ctx, CODE, matcher, Decimal(str(params["tolerance_yuan"])), describe
    )
    if not result.checked:
        result.skips.append(ctx.skip(CODE, "本轮没有适用运维费比例标准的明细"))
    return result


def _rebuilds(
    ctx: ReviewContext, builds: _Builds, history_builds: dict[str, list[HistoryProject]]
) -> CheckResult:
    result = CheckResult()
    if not ctx.has_sheet(HISTORY_SHEET):
        result.skips.append(
            ctx.skip(CODE, "报送数据没有“历史执行”表，无法核对信息系统重复建设", missing=True)
        )
        return result
    keys: dict[str, tuple[str, frozenset[str]]] = {}
    for project in ctx.projects:
        if not builds.builds(project.name, project.project_type):
            continue
        if project.continuing == "是" or project.prev_project_code:
            continue  # a continuing build is the same project, not a second one
        result.checked += 1
        own = builds.key(project.name or "")
        for record in history_builds.get(project.unit_code, []):
            if record.project_code == project.project_code:
                continue
            other = keys.get(record.project_code)
            if other is None:
                other = keys[record.project_code] = builds.key(record.name or "")
            similarity = builds.similarity(own, other)
            if similarity >= builds.min_similarity:
                result.findings.append(_rebuild_finding(ctx, project, record, similarity))
                break
    if not result.checked:
        result.skips.append(ctx.skip(CODE, "本轮没有新申报的信息化建设项目，不核对重复建设"))
    return result


def _rebuild_finding(
    ctx: ReviewContext, project: Project, record: HistoryProject, similarity: Decimal
) -> Finding:
    executed = f"，执行{yuan(record.executed)}" if record.executed is not None else ""
    same = "相同" if similarity == 1 else f"高度相似（相似度{percent(similarity)}）"
    return ctx.finding(
        CODE,
        project,
        f"本年新申报信息化建设项目“{project.name}”，与本单位{record.year}年已立项建设的"
        f"{record.project_code}“{record.name}”（预算{yuan(record.budget)}{executed}）名称{same}，"
        "疑似同一系统重复建设，请说明与已建系统的关系",
        evidence={
            "kind": "rebuild",
            "similarity": str(similarity.quantize(Decimal("0.001"))),
            "earlier": _record_evidence(record),
        },
    )


def _record_evidence(record: HistoryProject) -> dict[str, Any]:
    return {
        "year": record.year,
        "project_code": record.project_code,
        "name": record.name,
        "project_type": record.project_type,
        "budget": None if record.budget is None else str(record.budget),
        "executed": None if record.executed is None else str(record.executed),
    }


def _dice(a: str, b: str) -> Decimal:
    """Character-bigram Dice similarity, 0-1: Chinese names have no words to split on."""
    if a == b:
        return Decimal(1)
    grams_a = [a[i : i + 2] for i in range(len(a) - 1)]
    grams_b = [b[i : i + 2] for i in range(len(b) - 1)]
    if not grams_a or not grams_b:
        return Decimal(0)
    pool = list(grams_b)
    common = 0
    for gram in grams_a:
        if gram in pool:
            pool.remove(gram)
            common += 1
    return Decimal(2 * common) / Decimal(len(grams_a) + len(grams_b))
