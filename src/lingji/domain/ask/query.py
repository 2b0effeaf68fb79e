"""A question as a structured query: what to measure, over which rows, grouped and ordered how.

The parser (parser.py) produces it; adapters/db/ask_queries.py runs it. It is plain data
(to_dict/from_dict round-trip through JSON) so that a session can keep the last question
and a follow-up (那县卫生健康局呢, 按项目类型分呢, 去年呢) can change only what it names.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Metric(StrEnum):
    """What is measured. Money is summed in yuan, rates are percentages, counts are integers."""

    #: 申报金额: projects.requested_amount of the budget year
    REQUESTED = "requested_amount"
    #: 建议金额: review_projects.suggested_amount of the round's newest review
    SUGGESTED = "suggested_amount"
    #: 核减金额: requested minus suggested, from the newest review
    CUT = "cut_amount"
    #: 核减率: 核减金额 / 申报金额 of the reviewed projects (a percentage)
    CUT_RATE = "cut_rate"
    #: 综合得分: review_projects.score_total (averaged, never summed)
    SCORE = "score_total"
    #: 项目数: projects of the budget year, or history rows of an earlier year
    PROJECT_COUNT = "project_count"
    #: 预算数 / 执行数 of an earlier year: history.budget / history.executed
    BUDGET = "budget"
    EXECUTED = "executed"
    #: 执行率: sum of 执行数 / sum of 预算数 (a percentage)
    EXECUTION_RATE = "execution_rate"
    #: 评价得分: history.eval_score (averaged)
    EVAL_SCORE = "eval_score"
    #: 三公经费 and its parts: detail lines of the budget year, the 三公经费 sheet before it
    SANGONG = "sangong"
    SANGONG_OVERSEAS = "sangong_overseas"
    SANGONG_RECEPTION = "sangong_reception"
    SANGONG_VEHICLE = "sangong_vehicle"
    SANGONG_VEHICLE_RUNNING = "sangong_vehicle_running"
    SANGONG_VEHICLE_PURCHASE = "sangong_vehicle_purchase"
    #: 明细金额 under economic codes: detail lines (budget year) or history lines (earlier)
    LINE_AMOUNT = "line_amount"
    #: 审核发现数: review_findings of the newest review
    FINDING_COUNT = "finding_count"
    #: 有审核发现的项目数
    FLAGGED_PROJECT_COUNT = "flagged_project_count"
    #: 有审核发现的单位数 (a unit count asked about findings)
    FINDING_UNIT_COUNT = "finding_unit_count"
    #: 超标准金额: the sum of findings' amount_excess
    FINDING_EXCESS = "finding_excess"
    #: the units sheet: 编制人数, 在编人数, 编外人数, 公务用车数, 办公用房面积, 单位数
    STAFF_QUOTA = "staff_quota"
    STAFF_ACTUAL = "staff_actual"
    CONTRACT_STAFF = "contract_staff"
    VEHICLES = "vehicles"
    OFFICE_AREA = "office_area_m2"
    UNIT_COUNT = "unit_count"
    #: 主管部门数: units others report to, and units reporting to none
    DEPARTMENT_COUNT = "department_count"


class Dimension(StrEnum):
    """What rows are grouped (or listed) by; each is also the first column of the answer rows."""

    UNIT = "unit"
    #: 主管部门: a department with the units under it
    DEPARTMENT = "department"
    PROJECT = "project"
    PROJECT_TYPE = "project_type"
    #: 项目类别: 运转类 / 特定目标类
    CATEGORY = "category"
    ECON_CODE = "econ_code"
    YEAR = "year"
    GRADE = "grade"
    EVAL_RATING = "eval_rating"
    SEVERITY = "severity"
    FINDING_CODE = "finding_code"
    #: the parts of 三公经费
    SANGONG_PART = "sangong_part"


class Aggregate(StrEnum):
    SUM = "sum"
    AVG = "avg"
    #: one row per member of the group-by dimension (项目清单, 哪些单位 ...)
    LIST = "list"


class Order(StrEnum):
    DESC = "desc"
    ASC = "asc"


class Comparison(StrEnum):
    GT = ">"
    GE = ">="
    LT = "<"
    LE = "<="


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition on a figure per project or per unit (申报金额超过100万的项目, 执行率低于60%的单位)."""

    metric: Metric
    op: Comparison
    #: yuan, a percentage (60 for 60%) or a count, as the metric measures
    value: Decimal
    per: Dimension = Dimension.PROJECT

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric.value,
            "op": self.op.value,
            "value": str(self.value),
            "per": self.per.value,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Condition:
        return cls(
            Metric(data["metric"]),
            Comparison(data["op"]),
            Decimal(data["value"]),
            Dimension(data.get("per", Dimension.PROJECT.value)),
        )


@dataclass(frozen=True, slots=True)
class Filters:
    """Which rows count. Every field is a tuple of accepted values; empty accepts all."""

    unit_codes: tuple[str, ...] = ()
    #: department codes: the department and every unit whose parent it is
    departments: tuple[str, ...] = ()
    project_codes: tuple[str, ...] = ()
    project_types: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    #: economic codes; a three-digit class code accepts every item code under it
    econ_codes: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    eval_ratings: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    finding_codes: tuple[str, ...] = ()
    #: 延续项目 (True) or 新增项目 (False)
    continuing: bool | None = None

    def is_empty(self) -> bool:
        return self == Filters()

    def without(self, *names: str) -> Filters:
        """These filters emptied (accepting every value)."""
        changes: dict[str, Any] = {n: None if n == "continuing" else () for n in names}
        return replace(self, **changes)

    def with_values(self, values: dict[str, Any]) -> Filters:
        """These fields set (tuples of accepted values, or a bool for continuing)."""
        return replace(self, **values)

    def names_units(self) -> bool:
        return bool(self.unit_codes or self.departments)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value not in ((), None):
                out[f.name] = list(value) if isinstance(value, tuple) else value
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Filters:
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in data:
                value = data[f.name]
                kwargs[f.name] = tuple(value) if isinstance(value, list) else value
        return cls(**kwargs)


@dataclass(frozen=True, slots=True)
class Query:
    """One question about figures.

    years: empty means the metric's default year (the budget year for 申报/建议/审核/三公/明细,
    the newest history year for 预算数/执行数/执行率/评价); several years are grouped by year
    unless another dimension is asked for. top_n with group_by ranks the groups; without
    group_by it is ignored. yoy compares each of the years with the one before it (the
    parser always gives at least two years). share_of asks for a share: "groups" (each
    group's share of all groups), "units" (of the whole county, or all the asker may see),
    "sangong" (a part's share of 三公经费), "conditions" (of the figure without the
    conditions: 超过100万的项目占比), "base" (of the figure under share_base, the
    filters named after 占), or the name of the Filters field whose filter the denominator
    drops (grades: A级 projects' share of all projects).
    """

    metric: Metric
    years: tuple[int, ...] = ()
    filters: Filters = field(default_factory=Filters)
    group_by: Dimension | None = None
    aggregate: Aggregate = Aggregate.SUM
    top_n: int | None = None
    order: Order = Order.DESC
    share_of: str | None = None
    #: with share_of "base": the denominator's filters (教育局申报金额占教育系统的比重)
    share_base: Filters | None = None
    yoy: bool = False
    #: the change is asked as a percentage (增长率) rather than an amount
    yoy_rate: bool = False
    #: conditions on figures per project or unit, all of which must hold
    conditions: tuple[Condition, ...] = ()
    #: only the units (or projects) this ranking returns: 这个单位有几个项目 after 哪个单位申报最多
    among: Query | None = None
    #: more metrics shown beside the first (预算数和执行数)
    also: tuple[Metric, ...] = ()
    #: where the named units (or projects) stand in the ranking of all (公安局申报金额排第几)
    position: bool = False

    def with_changes(self, **changes: Any) -> Query:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: a session stores it and from_dict gives the same Query back."""
        out: dict[str, Any] = {"metric": self.metric.value}
        if self.years:
            out["years"] = list(self.years)
        filters = self.filters.to_dict()
        if filters:
            out["filters"] = filters
        if self.group_by is not None:
            out["group_by"] = self.group_by.value
        if self.aggregate is not Aggregate.SUM:
            out["aggregate"] = self.aggregate.value
        if self.top_n is not None:
            out["top_n"] = self.top_n
        if self.order is not Order.DESC:
            out["order"] = self.order.value
        if self.share_of:
            out["share_of"] = self.share_of
        if self.share_base is not None:
            out["share_base"] = self.share_base.to_dict()
        if self.yoy:
            out["yoy"] = True
        if self.yoy_rate:
            out["yoy_rate"] = True
        if self.conditions:
            out["conditions"] = [c.to_dict() for c in self.conditions]
        if self.among is not None:
            out["among"] = self.among.to_dict()
        if self.also:
            out["also"] = [m.value for m in self.also]
        if self.position:
            out["position"] = True
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Query:
        group_by = data.get("group_by")
        among = data.get("among")
        return cls(
            metric=Metric(data["metric"]),
            years=tuple(int(y) for y in data.get("years", ())),
            filters=Filters.from_dict(data.get("filters", {})),
            group_by=Dimension(group_by) if group_by else None,
            aggregate=Aggregate(data.get("aggregate", Aggregate.SUM.value)),
            top_n=data.get("top_n"),
            order=Order(data.get("order", Order.DESC.value)),
            share_of=data.get("share_of"),
            share_base=Filters.from_dict(data["share_base"]) if "share_base" in data else None,
            yoy=bool(data.get("yoy", False)),
            yoy_rate=bool(data.get("yoy_rate", False)),
            conditions=tuple(Condition.from_dict(c) for c in data.get("conditions", ())),
            among=cls.from_dict(among) if among else None,
            also=tuple(Metric(m) for m in data.get("also", ())),
            position=bool(data.get("position", False)),
        )


@dataclass(frozen=True, slots=True)
class PolicyQuestion:
    """A question about rules, standards or documents: for the policy search, not the data."""

    text: str


@dataclass(frozen=True, slots=True)
class Unanswerable:
    """无法回答: why, and what can be asked instead."""

    reason: str
    suggestions: tuple[str, ...] = ()
