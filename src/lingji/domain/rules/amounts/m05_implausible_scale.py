"""M05 测算规模与单位自身数据不符：会议、培训人数超过单位人数，或物业计费面积超过单位办公用房面积。

两种规模与“单位”表中单位自报的数据比对：
- 会议费、培训费明细（按经济科目或明细名称识别）的人数超过单位人数（在编人数，未填时用编制人数，
  默认加上编外人数）乘以规则集中的倍数（默认 1 倍）的，逐条报告。明细名称、测算依据或项目名称
  写明面向单位以外对象（全县、乡镇、企业、群众等，关键词见规则集）的，不以本单位人数衡量。
- 物业明细（经济科目 30209 或名称含“物业”）按计量单位折算面积（平方米·月 ÷ 12），同一项目合计
  超过办公用房面积的，按项目报告。
规模不合常理说明测算基数可疑，但合理规模要由单位说明，本检查不给出核减额（超标准部分由 M01、
T04 计算）。没有这两类明细、或会议培训全部面向外部对象的项目不适用。支出明细全无经济科目编码
（无法识别明细类别）、会议培训明细均未填人数、物业明细不按平方米计量、单位人数或办公用房面积
为空时，记为数据缺失。
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult, Finding
from lingji.domain.formatting import number

if TYPE_CHECKING:
    from lingji.domain.models import DetailLine, Project, Unit
    from lingji.domain.review_context import ReviewContext

CODE = "M05"
VERSION = 1
TITLE = "测算规模与单位自身数据不符"

CENT = Decimal("0.01")
_UNIT_SPELLINGS = str.maketrans({"•": "·", "・": "·", ".": "·", "/": "·", " ": ""})


class _Scale:
    """The rule set's reading of which lines carry persons or areas, and how much is plausible."""

    def __init__(self, params: Mapping[str, Any]) -> None:
        self.persons_econ = frozenset(str(c) for c in params["persons_econ_codes"])
        self.persons_words = _any_of(params["persons_item_keywords"])
        self.outside_words = _any_of(params["outside_audience_keywords"])
        self.max_persons_per_staff = Decimal(str(params["max_persons_per_staff"]))
        self.include_contract = bool(params["include_contract_staff"])
        self.area_econ = frozenset(str(c) for c in params["area_econ_codes"])
        self.area_words = _any_of(params["area_item_keywords"])
        self.area_units = {_unit_key(k): Decimal(str(v)) for k, v in params["area_units"].items()}
        self.max_area_ratio = Decimal(str(params["max_area_to_office_area"]))

    def sort_lines(self, project: Project) -> tuple[list[DetailLine], list[DetailLine]]:
        """The project's meeting/training lines and its property lines, in one pass."""
        meetings, properties = [], []
        for line in project.lines:
            econ, name = line.econ_code, line.item_name or ""
            if econ in self.persons_econ or self.persons_words.search(name):
                meetings.append(line)
            elif econ in self.area_econ or self.area_words.search(name):
                properties.append(line)
        return meetings, properties

    def outside_audience(self, project: Project, line: DetailLine) -> bool:
        text = f"{line.item_name or ''}{line.basis or ''}{project.name or ''}"
        return bool(self.outside_words.search(text))

    def area(self, line: DetailLine) -> Decimal | None:
        """Square metres a property line is charged on, or None when its unit is not an area."""
        per = self.area_units.get(_unit_key(line.unit or ""))
        if per is None or line.quantity is None:
            return None
        return (line.quantity / per).quantize(CENT, ROUND_HALF_UP)


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    scale = _Scale(params)
    result = CheckResult()
    for project in ctx.projects:
        meetings, properties = scale.sort_lines(project)
        counted = [ln for ln in meetings if ln.persons]
        own = [ln for ln in counted if not scale.outside_audience(project, ln)]
        areas = [(ln, area) for ln in properties if (area := scale.area(ln)) is not None]
        if not meetings and not properties:
            if project.lines and not any(ln.econ_code for ln in project.lines):
                # without economic codes a meeting or property line can hide under any name
                reason, missing = "支出明细均未填经济科目编码，无法识别会议、培训和物业明细", True
            else:
                reason, missing = "没有会议、培训明细，也没有物业明细", False
            result.skips.append(ctx.skip(CODE, reason, missing=missing, project=project))
            continue
        unit = ctx.units.get(project.unit_code)
        gaps = []
        looked = False
        if meetings and not counted:
            gaps.append("会议、培训明细均未填人数，无法核对参加规模")
        if own:
            staff = _staff(unit, scale.include_contract)
            if staff is None:
                gaps.append("单位在编人数和编制人数均为空，无法核对会议、培训人数")
            else:
                looked = True
                result.findings += _persons_findings(ctx, project, own, staff, scale)
        if properties and not areas:
            gaps.append("物业明细未按面积（平方米）计量，无法核对计费面积")
        if areas:
            office = unit.office_area_m2 if unit else None
            if office is None or office <= 0:
                gaps.append("单位办公用房面积为空，无法核对物业计费面积")
            else:
                looked = True
                result.findings += _area_findings(ctx, project, areas, office, scale)
        if gaps:
            result.skips.append(ctx.skip(CODE, "；".join(gaps), missing=True, project=project))
        if looked:
            result.checked += 1
        elif not gaps:
            # every counted line names an outside audience: nothing of the unit's own to compare
            result.skips.append(
                ctx.skip(
                    CODE, "会议、培训明细面向单位以外人员，不以本单位人数衡量", project=project
                )
            )
    return result


def _staff(unit: Unit | None, include_contract: bool) -> tuple[int, str, int] | None:
    """(own staff, how it was counted, contract staff counted), or None when unknown."""
    if unit is None:
        return None
    if unit.staff_actual is not None:
        own, label = unit.staff_actual, f"在编{unit.staff_actual}人"
    elif unit.staff_quota is not None:
        own, label = unit.staff_quota, f"编制{unit.staff_quota}人（在编人数未填）"
    else:
        return None
    contract = (unit.contract_staff or 0) if include_contract else 0
    return own, label, contract


def _persons_findings(
    ctx: ReviewContext,
    project: Project,
    lines: list[DetailLine],
    staff: tuple[int, str, int],
    scale: _Scale,
) -> list[Finding]:
    own, label, contract = staff
    total = own + contract
    limit = total * scale.max_persons_per_staff
    staff_text = f"单位{label}、编外{contract}人，共{total}人" if contract else f"单位{label}"
    ratio = scale.max_persons_per_staff
    ratio_text = "" if ratio == 1 else f"的{number(ratio)}倍"
    findings = []
    for line in lines:
        persons = line.persons or 0
        if persons <= limit:
            continue
        findings.append(
            ctx.finding(
                CODE,
                project,
                f"第{line.line_no}行“{line.item_name}”按{persons}人测算，{staff_text}，"
                f"参加人数超过本单位人数{ratio_text}，规模不合常理，请说明参加对象",
                line_no=line.line_no,
                evidence={
                    "kind": "persons",
                    "item_name": line.item_name,
                    "persons": persons,
                    "staff": label,
                    "own_staff": own,
                    "contract_staff": contract,
                    "staff_total": total,
                    "max_persons_per_staff": str(scale.max_persons_per_staff),
                },
            )
        )
    return findings


def _area_findings(
    ctx: ReviewContext,
    project: Project,
    areas: list[tuple[DetailLine, Decimal]],
    office: Decimal,
    scale: _Scale,
) -> list[Finding]:
    total = sum((area for _, area in areas), Decimal(0))
    if total <= office * scale.max_area_ratio:
        return []
    if len(areas) == 1:
        charged = f"第{areas[0][0].line_no}行物业明细按{number(total)}平方米计费"
    else:
        parts = "、".join(f"第{ln.line_no}行{number(area)}平方米" for ln, area in areas)
        charged = f"{len(areas)}条物业明细合计按{number(total)}平方米计费（{parts}）"
    return [
        ctx.finding(
            CODE,
            project,
            f"{charged}，超过单位办公用房面积{number(office)}平方米，计费面积不合常理",
            line_no=areas[0][0].line_no,
            evidence={
                "kind": "area",
                "area_m2": str(total),
                "office_area_m2": str(office),
                "max_area_to_office_area": str(scale.max_area_ratio),
                "lines": [
                    {
                        "line_no": ln.line_no,
                        "quantity": str(ln.quantity),
                        "unit": ln.unit,
                        "area_m2": str(area),
                    }
                    for ln, area in areas
                ],
            },
        )
    ]


def _any_of(words: list[str]) -> re.Pattern[str]:
    """One compiled search for a keyword list: the lines of 100,000 projects are scanned."""
    if not words:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile("|".join(re.escape(str(word)) for word in words))


def _unit_key(unit: str) -> str:
    """One spelling for a unit of measure: 平方米·月, 平方米/月 and ㎡·月 are the same."""
    return unit.translate(_UNIT_SPELLINGS).replace("㎡", "平方米").replace("平米", "平方米")
