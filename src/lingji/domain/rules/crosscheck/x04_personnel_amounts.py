"""X04 按人员测算的金额与人员库不符：测算人数多于人员库在职人数，或人均月标准高于人员库月应发工资。

按人员测算的明细按明细名称关键词或经济科目（301 工资福利支出为在编人员）认定所涉人员类别（编外、
在编，见规则集）；会议、培训、差旅、接待等明细不在此列（其规模由 M05 衡量）。两项核对：
- 人数：明细填了人数的，与人员库中本单位该类别、状态为“在职”的人数比较，多出规则集容差
  （默认 0 人）的报告。
- 单价：劳务费、工资等按人按月（或按年，折算为月）计价的明细，单价与人员库中本单位该类别在职
  人员的平均月应发工资比较，高出规则集容差（默认 5%，Lingji 自定，允许取整和年度正常调整）的报告。
核减额：按人员库人数和上浮容差后的人均月标准重算明细金额，原金额高出的部分（两项同时超出时合并
计算，不重复）。测算人员按明细逐条比较，同一类人员分列多条明细的不合并。人员库的人员以身份证号
的密钥哈希识别，检查不读取明文。没有按人员测算明细的项目不适用；报送数据没有“人员”表、人员表中
没有本单位任何人员、单位该类在职人员均未填月应发工资（单价无法比较）的，记为数据缺失。
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult, Finding
from lingji.domain.formatting import percent, yuan
from lingji.domain.registers import any_of

if TYPE_CHECKING:
    from lingji.domain.models import DetailLine, Project
    from lingji.domain.review_context import ReviewContext

CODE = "X04"
VERSION = 1
TITLE = "按人员测算的金额与人员库不符"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("personnel",)

PERSONNEL_SHEET = "personnel"
CENT = Decimal("0.01")


@dataclass(slots=True)
class _Register:
    """A unit's people of one 人员类别 in the register: how many are active, what they are paid."""

    active: int = 0
    paid: int = 0
    pay_total: Decimal = Decimal(0)

    @property
    def average_pay(self) -> Decimal | None:
        if not self.paid:
            return None
        return (self.pay_total / self.paid).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class _LineKind:
    person_kind: str
    words: re.Pattern[str]
    econ_prefixes: tuple[str, ...]


class _Reading:
    """The rule set's reading of which lines are personnel-based, for whom, and per what period."""

    def __init__(self, params: Mapping[str, Any]) -> None:
        self.kinds = tuple(
            _LineKind(
                str(entry["person_kind"]),
                any_of(entry["keywords"]),
                tuple(str(p) for p in entry.get("econ_prefixes") or ()),
            )
            for entry in params["line_kinds"]
        )
        self.exclude_econ = frozenset(str(c) for c in params["exclude_econ_codes"])
        self.exclude_words = any_of(params["exclude_words"])
        self.pay_words = any_of(params["pay_keywords"])
        self.pay_exclude = any_of(params["pay_exclude_words"])
        self.period_months = {
            str(unit): Decimal(str(months)) for unit, months in params["pay_period_months"].items()
        }
        self.headcount_tolerance = int(params["headcount_tolerance"])
        self.pay_tolerance = Decimal(str(params["pay_tolerance"]))

    def person_kind(self, line: DetailLine) -> str | None:
        name, econ = line.item_name or "", line.econ_code or ""
        if econ in self.exclude_econ or self.exclude_words.search(name):
            return None
        for kind in self.kinds:
            if kind.words.search(name) or (econ and econ.startswith(kind.econ_prefixes)):
                return kind.person_kind
        return None

    def months_per_unit(self, line: DetailLine) -> Decimal | None:
        """Months one unit of measure stands for, when the unit price is pay per person."""
        name = line.item_name or ""
        if not self.pay_words.search(name) or self.pay_exclude.search(name):
            return None
        return self.period_months.get((line.unit or "").strip())


@dataclass(frozen=True, slots=True)
class _Measured:
    line: DetailLine
    person_kind: str
    #: months per unit of measure of a pay line; None when the line's price is not pay
    months: Decimal | None


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    result = CheckResult()
    if not ctx.has_sheet(PERSONNEL_SHEET):
        result.skips.append(
            ctx.skip(CODE, "报送数据没有“人员”表，无法核对按人员测算的金额", missing=True)
        )
        return result
    reading = _Reading(params)
    active_statuses = frozenset(params["active_statuses"])

    measured = _measured_lines(ctx.projects, reading)
    wanted_units = {p.unit_code for p in ctx.projects if p.project_code in measured}
    register: dict[tuple[str, str], _Register] = defaultdict(_Register)
    registered_units: set[str] = set()
    for person in ctx.round.personnel:
        if person.unit_code not in wanted_units:
            continue
        registered_units.add(person.unit_code)
        if person.status in active_statuses and person.person_kind:
            entry = register[(person.unit_code, person.person_kind)]
            entry.active += 1
            if person.monthly_pay is not None and person.monthly_pay > 0:
                entry.paid += 1
                entry.pay_total += person.monthly_pay

    for project in ctx.projects:
        lines = measured.get(project.project_code)
        if not lines:
            result.skips.append(ctx.skip(CODE, "项目没有按人员测算的明细", project=project))
            continue
        if project.unit_code not in registered_units:
            result.skips.append(
                ctx.skip(
                    CODE,
                    "人员表中没有本单位的人员记录，无法核对按人员测算的明细",
                    missing=True,
                    project=project,
                )
            )
            continue
        result.checked += 1
        gaps = []
        for item in lines:
            own = register.get((project.unit_code, item.person_kind), _Register())
            finding = _compare(ctx, project, item, own, reading)
            if finding is not None:
                result.findings.append(finding)
            if item.months is not None and item.line.unit_price and own.average_pay is None:
                gaps.append(
                    f"第{item.line.line_no}行“{item.line.item_name}”按人计价，但人员库中本单位"
                    f"在职{item.person_kind}人员均未填月应发工资，无法核对单价"
                )
        if gaps:
            result.skips.append(ctx.skip(CODE, "；".join(gaps), missing=True, project=project))
    return result


def _measured_lines(projects: Iterable[Project], reading: _Reading) -> dict[str, list[_Measured]]:
    """project code -> its personnel-based lines (projects with none are absent)."""
    # 明细名称 and 经济科目 repeat across a county's projects: each pair is read once
    known: dict[tuple[str | None, str | None], str | None] = {}
    found: dict[str, list[_Measured]] = {}
    for project in projects:
        for line in project.lines:
            key = (line.item_name, line.econ_code)
            if key in known:
                kind = known[key]
            else:
                kind = known[key] = reading.person_kind(line)
            if kind is None:
                continue
            months = reading.months_per_unit(line)
            if line.persons or months is not None:
                found.setdefault(project.project_code, []).append(_Measured(line, kind, months))
    return found


def _compare(
    ctx: ReviewContext, project: Project, item: _Measured, own: _Register, reading: _Reading
) -> Finding | None:
    line, kind = item.line, item.person_kind
    problems: list[str] = []
    person_factor = rate_factor = Decimal(1)
    evidence: dict[str, Any] = {
        "item_name": line.item_name,
        "person_kind": kind,
        "persons": line.persons,
        "register_active": own.active,
        "register_paid": own.paid,
        "register_average_pay": None if own.average_pay is None else str(own.average_pay),
        "headcount_tolerance": reading.headcount_tolerance,
        "pay_tolerance": str(reading.pay_tolerance),
        "amount": None if line.amount is None else str(line.amount),
    }

    persons = line.persons or 0
    allowed_persons = own.active + reading.headcount_tolerance
    if persons and persons > allowed_persons:
        person_factor = Decimal(allowed_persons) / Decimal(persons)
        tolerance = (
            f"（容差{reading.headcount_tolerance}人）" if reading.headcount_tolerance else ""
        )
        problems.append(
            f"按{persons}人测算，人员库中本单位在职{kind}人员{own.active}人{tolerance}，"
            f"多{persons - own.active}人"
        )

    average = own.average_pay
    if item.months is not None and line.unit_price and average is not None:
        rate = (line.unit_price / item.months).quantize(CENT, ROUND_HALF_UP)
        allowed_rate = (average * (1 + reading.pay_tolerance)).quantize(CENT, ROUND_HALF_UP)
        evidence.update(monthly_rate=str(rate), allowed_monthly_rate=str(allowed_rate))
        if rate > allowed_rate:
            rate_factor = allowed_rate / rate
            per = "" if item.months == 1 else f"（{yuan(line.unit_price)}/{line.unit}，折合每月）"
            allowance = (
                f"，上浮{percent(reading.pay_tolerance)}为{yuan(allowed_rate)}"
                if reading.pay_tolerance
                else ""
            )
            problems.append(
                f"按{yuan(rate)}/人月{per}测算，人员库中本单位在职{kind}人员{own.paid}人"
                f"平均月应发工资{yuan(average)}{allowance}，高出{yuan(rate - allowed_rate)}/人月"
            )

    if not problems:
        return None
    amount = line.amount or Decimal(0)
    justified = (amount * person_factor * rate_factor).quantize(CENT, ROUND_HALF_UP)
    excess = max(Decimal(0), amount - justified)
    evidence.update(justified=str(justified), excess=str(excess))
    basis = "、".join(
        part
        for part, over in (("人员库人数", person_factor < 1), ("人员库月应发工资", rate_factor < 1))
        if over
    )
    message = (
        f"第{line.line_no}行“{line.item_name}”"
        + "；".join(problems)
        + f"。按{basis}重算为{yuan(justified)}，核减{yuan(excess)}"
    )
    return ctx.finding(
        CODE, project, message, line_no=line.line_no, amount_excess=excess, evidence=evidence
    )
