"""V10 经济科目编码不存在：支出明细的经济科目编码应是部门预算支出经济分类中的款级科目。

对照内置的部门预算支出经济分类科目（domain/econ_codes.py：301、302、303、307、309、310、311、312、
313、399 各类及其款级科目，规则集 extra_codes 可增补或改名、excluded_codes 可剔除）逐行核对：
编码不在目录中的报告“不存在”；只填到类级（如 302）的，在 require_item_level 为真时报告“应细化到
款级”；同一项目其他明细填了编码而本行未填的，报告“未填”。
项目所有明细都没有填经济科目编码时（真实公开件即如此）记为数据缺失。
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lingji.domain.econ_codes import EconCode, catalogue, label
from lingji.domain.findings import CheckResult

if TYPE_CHECKING:
    from lingji.domain.review_context import ReviewContext

CODE = "V10"
VERSION = 1
TITLE = "经济科目编码不存在"


def codes_from(params: Mapping[str, Any]) -> dict[str, EconCode]:
    """The catalogue as this rule set configures it (V11 reads the same parameters)."""
    return catalogue(params.get("extra_codes") or {}, params.get("excluded_codes") or ())


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    codes = codes_from(params)
    require_item_level = bool(params["require_item_level"])
    # the codes a line may carry as they are: the usual line is settled by one set lookup
    accepted = {c for c, e in codes.items() if not (require_item_level and e.is_class)}
    result = CheckResult()
    for project in ctx.projects:
        if not project.lines:
            result.skips.append(ctx.skip(CODE, "项目没有支出明细", project=project))
            continue
        lines = project.lines
        if all(line.econ_code in accepted for line in lines):
            result.checked += len(lines)
            continue
        if not any(line.econ_code and line.econ_code.strip() for line in lines):
            result.skips.append(
                ctx.skip(
                    CODE, "支出明细均未填经济科目编码，无法核对", missing=True, project=project
                )
            )
            continue
        result.checked += len(lines)
        for index, line in enumerate(lines, start=1):
            code = (line.econ_code or "").strip()
            if code in accepted:
                continue
            entry = codes.get(code)
            line_no = line.line_no or index
            where = f"第{line_no}行「{line.item_name or '（未命名）'}」"
            if not code:
                problem = f"{where}未填经济科目编码（同项目其他明细填有编码）"
            elif entry is not None:
                problem = f"{where}经济科目编码只填到类级（{label(code, codes)}），应细化到款级科目"
            else:
                head = codes.get(code[:3])
                within = f"，{label(code[:3], codes)}类下没有此款级科目" if head else ""
                problem = f"{where}经济科目编码{code}不存在于部门预算支出经济分类科目中{within}"
            result.findings.append(
                ctx.finding(
                    CODE,
                    project,
                    problem,
                    line_no=line_no,
                    evidence={"econ_code": code, "item_name": line.item_name},
                )
            )
    return result
