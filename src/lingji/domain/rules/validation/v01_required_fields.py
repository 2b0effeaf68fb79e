"""V01 必填项为空：项目、支出明细和单位的必填字段不得为空。

必填字段清单在规则集中（项目默认：项目名称、单位编码、项目类别、开始年度、结束年度、申报金额、
立项依据、实施内容；支出明细：明细名称、金额；单位：单位名称）。只有空格或“无”“/”之类占位符的
单元格也算为空。每个项目报告一条，列出该项目及其明细所有为空的字段；单位名称为空按单位报告。
政策依据和总体绩效目标不在此列，分别由 V02、V05 报告，避免同一问题报两次。
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lingji.domain.contract import LINES, PROJECTS, UNITS, ColumnType, SheetSpec
from lingji.domain.findings import CheckResult

if TYPE_CHECKING:
    from lingji.domain.review_context import ReviewContext

CODE = "V01"
VERSION = 1
TITLE = "必填项为空"

#: lines named in a message; the evidence keeps them all
_LISTED = 10
_TEXT = (ColumnType.TEXT, ColumnType.CODE)

#: (key, Chinese header, is text)
Field = tuple[str, str, bool]


def fields_of(sheet: SheetSpec, keys: list[str]) -> list[Field]:
    """The configured fields of a sheet; a key the contract does not know fails loudly."""
    return [(key, sheet.column(key).header, sheet.column(key).type in _TEXT) for key in keys]


def empty_fields(obj: Any, fields: list[Field], blanks: frozenset[str]) -> list[str]:
    """Headers of obj's required fields that are None, blank or a placeholder."""
    empty = []
    for key, header, text in fields:
        value = getattr(obj, key)
        if value is None or (text and value.strip() in blanks):
            empty.append(header)
    return empty


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    blanks = frozenset(str(v) for v in params["blank_values"]) | {""}
    project_fields = fields_of(PROJECTS, list(params["project_fields"]))
    line_fields = fields_of(LINES, list(params["line_fields"]))
    unit_fields = fields_of(UNITS, list(params["unit_fields"]))
    result = CheckResult()

    for unit in ctx.units.values():
        empty = empty_fields(unit, unit_fields, blanks)
        if empty:
            result.findings.append(
                ctx.finding(
                    CODE,
                    None,
                    f"单位{unit.unit_code}的{'、'.join(empty)}为空",
                    unit_code=unit.unit_code,
                    evidence={"empty_fields": empty},
                )
            )

    for project in ctx.projects:
        result.checked += 1
        empty = empty_fields(project, project_fields, blanks)
        gaps: list[str] = []
        for index, line in enumerate(project.lines, start=1):
            # inlined rather than a call per line: this loop runs a million times
            missing = None
            for key, header, text in line_fields:
                value = getattr(line, key)
                if value is None or (text and value.strip() in blanks):
                    missing = f"{missing}、{header}" if missing else header
            if missing:
                gaps.append(f"第{line.line_no or index}行{missing}")
        if not empty and not gaps:
            continue
        parts = []
        if empty:
            parts.append(f"{'、'.join(empty)}为空")
        if gaps:
            more = f"等{len(gaps)}行" if len(gaps) > _LISTED else ""
            parts.append(f"支出明细{'，'.join(gaps[:_LISTED])}{more}为空")
        result.findings.append(
            ctx.finding(
                CODE,
                project,
                "；".join(parts),
                evidence={"empty_fields": empty, "empty_line_fields": gaps},
            )
        )
    return result
