"""X05 工资发放范围含不应发放人员：人员库中已离职、退休、死亡的人员仍有月应发工资，或同一人在两个单位领取工资。

两项核对，按单位报告（单位级问题，不落在某个项目上）：
- 状态为离职、退休、死亡（规则集可改）的人员，月应发工资大于 0 的，说明工资发放和按人员测算
  的经费仍包含不应发放的人员；核减额为其月应发工资 × 规则集月数（默认 12 个月）。由单位自行
  发放退休费的地区，应从规则集中去掉“退休”。
- 同一人（身份证号的密钥哈希相同）在两个及以上单位、或在同一单位重复列入工资发放范围（状态为
  在职，或月应发工资大于 0）的，在所涉每个单位报告；哪一方应停发要由单位核实，不给出核减额。
比对只用身份证号的密钥哈希，检查不读取、不输出身份证号和姓名明文；证据中只给出哈希前 12 位供
核查定位。报送数据没有“人员”表的，整轮记为数据缺失；人员表中没有某单位任何人员的，该单位记为
数据缺失；身份证号为空的人员无法核对是否重复领取，记为数据缺失。
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult, Finding
from lingji.domain.formatting import yuan

if TYPE_CHECKING:
    from lingji.domain.models import Person
    from lingji.domain.review_context import ReviewContext

CODE = "X05"
VERSION = 1
TITLE = "工资发放范围含不应发放人员"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("personnel",)

PERSONNEL_SHEET = "personnel"
#: characters of the keyed hash shown in evidence: enough to find the row, not the person
HASH_SHOWN = 12


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    result = CheckResult()
    if not ctx.has_sheet(PERSONNEL_SHEET):
        result.skips.append(
            ctx.skip(CODE, "报送数据没有“人员”表，无法核对工资发放范围", missing=True)
        )
        return result
    ineligible_statuses = frozenset(params["ineligible_statuses"])
    active_statuses = frozenset(params["active_statuses"])
    cut_months = Decimal(str(params["cut_months"]))

    ineligible: dict[str, list[Person]] = defaultdict(list)
    without_id: dict[str, int] = defaultdict(int)
    seen_units: set[str] = set()
    # one pass: the first payroll record of each hash, and every record of a hash seen again
    first: dict[str, Person] = {}
    repeated: dict[str, list[Person]] = {}
    for person in ctx.round.personnel:
        seen_units.add(person.unit_code)
        paid = person.monthly_pay is not None and person.monthly_pay > 0
        if paid and person.status in ineligible_statuses:
            ineligible[person.unit_code].append(person)
        if not (paid or person.status in active_statuses):
            continue
        key = person.id_number_hash
        if not key:
            without_id[person.unit_code] += 1
        elif key in repeated:
            repeated[key].append(person)
        elif key in first:
            repeated[key] = [first[key], person]
        else:
            first[key] = person

    doubled: dict[str, list[list[Person]]] = defaultdict(list)
    for records in repeated.values():
        for unit_code in dict.fromkeys(p.unit_code for p in records):
            doubled[unit_code].append(records)

    for unit_code in sorted(set(ctx.units) - seen_units):
        result.skips.append(
            ctx.skip(
                CODE,
                "人员表中没有本单位的人员记录，无法核对工资发放范围",
                missing=True,
                unit_code=unit_code,
            )
        )
    for unit_code in sorted(seen_units):
        result.checked += 1
        if ineligible.get(unit_code):
            result.findings.append(_ineligible(ctx, unit_code, ineligible[unit_code], cut_months))
        if doubled.get(unit_code):
            result.findings.append(_doubled(ctx, unit_code, doubled[unit_code]))
        if without_id.get(unit_code):
            result.skips.append(
                ctx.skip(
                    CODE,
                    f"人员表中本单位有{without_id[unit_code]}名在职或领取工资的人员身份证号为空，"
                    "无法核对是否在其他单位重复领取工资",
                    missing=True,
                    unit_code=unit_code,
                )
            )
    return result


def _unit_name(ctx: ReviewContext, unit_code: str) -> str:
    unit = ctx.units.get(unit_code)
    return unit.unit_name if unit and unit.unit_name else unit_code


def _ineligible(
    ctx: ReviewContext, unit_code: str, people: list[Person], cut_months: Decimal
) -> Finding:
    groups: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for person in people:
        groups[(person.status or "", person.person_kind or "")].append(
            person.monthly_pay or Decimal(0)
        )
    monthly = sum((p.monthly_pay or Decimal(0) for p in people), Decimal(0))
    excess = monthly * cut_months
    parts = [
        f"{len(pays)}名状态为“{status}”的{kind or '（类别未填）'}人员仍有月应发工资"
        + "、".join(yuan(pay) for pay in pays)
        for (status, kind), pays in sorted(groups.items())
    ]
    total = f"，月应发合计{yuan(monthly)}" if len(people) > 1 else ""
    cut = (
        f"，按{cut_months.normalize():f}个月计{yuan(excess)}，应停发并从人员经费中剔除"
        if cut_months
        else "，应停发并从人员经费中剔除"
    )
    return ctx.finding(
        CODE,
        None,
        f"单位{_unit_name(ctx, unit_code)}人员库中有" + "；".join(parts) + total + cut,
        unit_code=unit_code,
        amount_excess=excess,
        evidence={
            "kind": "ineligible_with_pay",
            "monthly_total": str(monthly),
            "cut_months": str(cut_months),
            "excess": str(excess),
            "people": [_evidence(p) for p in people],
        },
    )


def _doubled(ctx: ReviewContext, unit_code: str, groups: list[list[Person]]) -> Finding:
    parts = []
    for records in groups:
        here = [p for p in records if p.unit_code == unit_code]
        elsewhere = [p for p in records if p.unit_code != unit_code]
        text = f"1人（{_describe(here[0])}）"
        if len(here) > 1:
            text += f"在本单位重复列示{len(here)}次"
        if elsewhere:
            others = "、".join(
                f"{_unit_name(ctx, p.unit_code)}（{p.unit_code}，{_describe(p)}）"
                for p in elsewhere
            )
            text += f"{'，并' if len(here) > 1 else ''}同时列在{others}"
        parts.append(text)
    return ctx.finding(
        CODE,
        None,
        f"单位{_unit_name(ctx, unit_code)}有{len(groups)}人的身份证号在工资发放范围内重复出现："
        + "；".join(parts)
        + "，请核实应由哪一方发放",
        unit_code=unit_code,
        evidence={
            "kind": "listed_twice",
            "people": [
                {
                    "id_number_hash_prefix": (records[0].id_number_hash or "")[:HASH_SHOWN],
                    "records": [_evidence(p) for p in records],
                }
                for records in groups
            ],
        },
    )


def _describe(person: Person) -> str:
    pay = f"月应发{yuan(person.monthly_pay)}" if person.monthly_pay else "未填月应发工资"
    return f"{person.person_kind or '类别未填'}，{person.status or '状态未填'}，{pay}"


def _evidence(person: Person) -> dict[str, Any]:
    return {
        "unit_code": person.unit_code,
        "id_number_hash_prefix": (person.id_number_hash or "")[:HASH_SHOWN],
        "person_kind": person.person_kind,
        "status": person.status,
        "monthly_pay": None if person.monthly_pay is None else str(person.monthly_pay),
    }
