"""T06 应当政府采购的明细未标注政府采购：达到采购限额标准或属于集中采购目录的明细，“是否政府采购”未填“是”。

采购限额取本轮“支出标准”表中财政部门的政府采购限额标准（按标准名称关键词“采购限额”识别，规则集可改），
单条明细金额达到限额的货物、服务和工程应当实行政府采购；财政部门在规则集中列出集中采购目录品目关键词
的，目录内品目不论金额都应采购。付给个人或另有管理办法的支出（工资福利、对个人和家庭的补助、差旅、
因公出国、会议、培训、公务接待、劳务费、公务用车运行维护、水电等，按经济科目前缀和明细名称关键词识别，
见规则集）不属政府采购。“是否政府采购”已填“是”的不报告；填“否”的报告；为空的默认记为数据缺失
（规则集可改为按“否”处理）。国家层面的采购限额标准和集中采购目录未收录（domain-facts 1.8），财政部门
两者都未配置时整轮记为“未配置标准”。未标注采购影响预算编制规范性，本检查不给出核减额。
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.formatting import yuan
from lingji.domain.rules.thematic.shared import any_of, line_label, not_configured
from lingji.domain.standards.history import HISTORY_LINE_GROUPS
from lingji.domain.standards.library import StandardKind

if TYPE_CHECKING:
    from lingji.domain.models import DetailLine
    from lingji.domain.review_context import ReviewContext
    from lingji.domain.standards.model import Standard

CODE = "T06"
VERSION = 1
TITLE = "应当政府采购的明细未标注政府采购"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("standards", HISTORY_LINE_GROUPS)


class _Procurement:
    """The rule set's reading of which lines must be procured and how a line is marked."""

    def __init__(self, params: Mapping[str, Any], limit: Standard | None) -> None:
        self.limit_standard = limit
        self.limit: Decimal | None = limit.limit if limit else None
        self.catalogue_words = [str(w) for w in params["catalogue_keywords"]]
        self.catalogue = any_of(self.catalogue_words)
        self.procured = frozenset(str(v) for v in params["procured_values"])
        self.exempt_prefixes = tuple(str(p) for p in params["exempt_econ_prefixes"])
        self.exempt_words = any_of(params["exempt_item_keywords"])
        self.blank_is_not_procured = bool(params["blank_is_not_procured"])
        self._kind: dict[tuple[str, str | None], tuple[bool, str | None]] = {}

    def kind(self, line: DetailLine) -> tuple[bool, str | None]:
        """(exempt from procurement, the catalogue word the name holds)."""
        key = (line.item_name or "", line.econ_code)
        found = self._kind.get(key)
        if found is None:
            exempt = bool(
                (line.econ_code and line.econ_code.startswith(self.exempt_prefixes))
                or self.exempt_words.search(key[0])
            )
            hit = self.catalogue.search(key[0])
            found = self._kind[key] = (exempt, hit.group(0) if hit else None)
        return found

    def describe_limit(self) -> str:
        standard = self.limit_standard
        if standard is None or self.limit is None:
            return ""
        doc = f"（{standard.doc_no}）" if standard.doc_no else ""
        return f"{standard.region or '本地'}{standard.name}{yuan(self.limit)}{doc}"


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    library = ctx.standards().library
    kind = StandardKind.from_params(params["limit_standard"])
    limit = next((s for s in library.of_kind(kind) if s.limit is not None), None)
    rules = _Procurement(params, limit)
    result = CheckResult()
    if rules.limit is None and not rules.catalogue_words:
        result.skips.append(ctx.skip(CODE, not_configured("政府采购限额"), missing=True))
        return result
    basis = [str(r) for r in params.get("policy_refs") or ()]
    policy_refs = tuple(basis + ([limit.doc_no] if limit and limit.doc_no else []))
    # most lines are below the limit: compare amounts before reading names
    limit_value = rules.limit
    screen_names = bool(rules.catalogue_words)
    for project in ctx.projects:
        concerned = False
        blanks: list[str] = []
        for line in project.lines:
            amount = line.amount
            over = limit_value is not None and amount is not None and amount >= limit_value
            if not over and not screen_names:
                continue
            exempt, catalogue_word = rules.kind(line)
            if exempt or (not over and catalogue_word is None):
                continue
            concerned = True
            mark = (line.procurement or "").strip()
            if mark in rules.procured:
                continue
            if not mark and not rules.blank_is_not_procured:
                blanks.append(line_label(line))
                continue
            why = []
            if over:
                why.append(f"金额{yuan(line.amount)}达到{rules.describe_limit()}")
            if catalogue_word is not None:
                why.append(f"属集中采购目录品目（{catalogue_word}）")
            marked = f"填“{mark}”" if mark else "未填"
            result.findings.append(
                ctx.finding(
                    CODE,
                    project,
                    f"{line_label(line)}：{'，且'.join(why)}，“是否政府采购”{marked}，"
                    "应当按规定实行政府采购并如实标注",
                    line_no=line.line_no,
                    evidence={
                        "amount": None if line.amount is None else str(line.amount),
                        "procurement": line.procurement,
                        "procurement_item": line.procurement_item,
                        "limit": None if rules.limit is None else str(rules.limit),
                        "limit_standard_code": limit.code if limit else None,
                        "limit_doc_no": limit.doc_no if limit else None,
                        "catalogue_keyword": catalogue_word,
                    },
                    policy_refs=policy_refs,
                )
            )
        if concerned:
            result.checked += 1
        if blanks:
            result.skips.append(
                ctx.skip(
                    CODE,
                    "、".join(blanks) + "应当政府采购，但“是否政府采购”未填，无法判断是否已标注",
                    missing=True,
                    project=project,
                )
            )
    if not result.checked:
        result.skips.append(ctx.skip(CODE, "本轮没有达到采购限额或属于集中采购目录的明细"))
    return result
