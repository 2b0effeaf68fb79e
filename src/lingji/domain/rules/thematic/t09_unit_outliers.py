"""T09 单位支出水平明显高于可比单位：单位的人均项目支出、每平方米办公用房项目支出等明显高于同类单位。

每个单位本年申报金额合计（不含规则集所列项目类型，如对个人和家庭的补助），分别除以在编人数（为空时用
编制人数）和办公用房面积，得到人均和每平方米项目支出。单位按“单位”表的单位性质分组比较（规则集可改为
按主管部门或不分组）；同组单位少于规则集下限的，与本轮全部单位比较。某项指标高于本组上四分位数 +
k × 四分位距（Tukey 上界，k 默认 1.5）的，报在单位上（单位级提示），写明比较组、组内单位数、中位数、
四分位数和上界。支出水平偏高可能另有原因（职能特殊、人员少而项目多），只作提示，不给出核减额。
单位本年没有申报项目的不参与比较；人数或办公用房面积为空的单位不计算该项指标，记为数据缺失；
可比单位不足下限时整轮不作比较。
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult, Finding
from lingji.domain.formatting import number, yuan

if TYPE_CHECKING:
    from lingji.domain.models import Unit
    from lingji.domain.review_context import ReviewContext

CODE = "T09"
VERSION = 1
TITLE = "单位支出水平明显高于可比单位"

ALL_UNITS = "本轮全部单位"
CENT = Decimal("0.01")
#: the 单位 fields a rule set may group by, and how messages name them
GROUPINGS = {"unit_kind": "单位性质", "parent_code": "主管部门", "none": ""}


@dataclass(frozen=True, slots=True)
class _Metric:
    key: str
    label: str
    #: the unit's base for the metric, described: (count, '在编5人'), or None when unknown
    base: Callable[[Unit, bool], tuple[Decimal, str] | None]
    missing: str


def _staff(unit: Unit, include_contract: bool) -> tuple[Decimal, str] | None:
    if unit.staff_actual:
        own, label = unit.staff_actual, f"在编{unit.staff_actual}人"
    elif unit.staff_quota:
        own, label = unit.staff_quota, f"编制{unit.staff_quota}人（在编人数未填）"
    else:
        return None
    contract = (unit.contract_staff or 0) if include_contract else 0
    if contract:
        label += f"、编外{contract}人"
    return Decimal(own + contract), label


def _office(unit: Unit, _: bool) -> tuple[Decimal, str] | None:
    area = unit.office_area_m2
    if area is None or area <= 0:
        return None
    return area, f"办公用房{number(area)}平方米"


METRICS = {
    "per_capita": _Metric("per_capita", "人均项目支出", _staff, "在编人数和编制人数均为空"),
    "per_office_m2": _Metric(
        "per_office_m2", "每平方米办公用房项目支出", _office, "办公用房面积为空"
    ),
}


@dataclass(frozen=True, slots=True)
class _Group:
    name: str
    #: the units whose values set the fences
    compared: list[Unit]
    #: the units held to them
    judged: list[Unit]


@dataclass(frozen=True, slots=True)
class _Fences:
    group: str
    size: int
    median: Decimal
    q1: Decimal
    q3: Decimal
    upper: Decimal

    def evidence(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "group_size": self.size,
            "median": str(self.median.quantize(CENT)),
            "q1": str(self.q1.quantize(CENT)),
            "q3": str(self.q3.quantize(CENT)),
            "iqr": str((self.q3 - self.q1).quantize(CENT)),
            "upper_fence": str(self.upper.quantize(CENT)),
        }


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    group_by = str(params["group_by"])
    if group_by not in GROUPINGS:
        raise ValueError(f"T09 group_by must be one of {', '.join(GROUPINGS)}: {group_by}")
    metrics = [METRICS[str(m)] for m in params["metrics"]]
    min_size = int(params["min_group_size"])
    k = Decimal(str(params["iqr_fence_k"]))
    include_contract = bool(params["include_contract_staff"])
    excluded = frozenset(str(t) for t in params["exclude_project_types"])
    result = CheckResult()

    totals: dict[str, Decimal] = defaultdict(Decimal)
    for project in ctx.projects:
        if project.project_type not in excluded and project.requested_amount is not None:
            totals[project.unit_code] += project.requested_amount
    units = [ctx.units[code] for code in sorted(totals) if code in ctx.units]

    #: unit -> metric key -> (value, base text)
    values: dict[str, dict[str, tuple[Decimal, str]]] = defaultdict(dict)
    for unit in units:
        gaps = []
        for metric in metrics:
            measured_by = metric.base(unit, include_contract)
            if measured_by is None:
                gaps.append(f"{metric.missing}，无法计算{metric.label}")
            else:
                size, described = measured_by
                values[unit.unit_code][metric.key] = (totals[unit.unit_code] / size, described)
        if gaps:
            result.skips.append(
                ctx.skip(CODE, "；".join(gaps), missing=True, unit_code=unit.unit_code)
            )

    outliers: dict[str, list[tuple[_Metric, Decimal, str, _Fences]]] = defaultdict(list)
    for metric in metrics:
        measured = [u for u in units if metric.key in values[u.unit_code]]
        if len(measured) < min_size:
            result.skips.append(
                ctx.skip(
                    CODE,
                    f"可计算{metric.label}的单位只有{len(measured)}个，少于{min_size}个，不作比较",
                )
            )
            continue
        for group in _groups(measured, group_by, min_size):
            compared = [values[u.unit_code][metric.key][0] for u in group.compared]
            fences = _fences(group.name, compared, k)
            for unit in group.judged:
                value, base = values[unit.unit_code][metric.key]
                if value > fences.upper:
                    outliers[unit.unit_code].append((metric, value, base, fences))
        result.checked += len(measured)
    for unit in units:
        found = outliers.get(unit.unit_code)
        if found:
            result.findings.append(_finding(ctx, unit, totals[unit.unit_code], found, k))
    if not units:
        result.skips.append(ctx.skip(CODE, "本轮没有单位申报项目"))
    return result


def _groups(units: list[Unit], group_by: str, min_size: int) -> list[_Group]:
    """Comparison groups. A unit whose own group is too small, or that names none, is judged
    against all units of the round."""
    if group_by == "none":
        return [_Group(ALL_UNITS, units, units)]
    field = GROUPINGS[group_by]
    grouped: dict[str | None, list[Unit]] = defaultdict(list)
    for unit in units:
        grouped[getattr(unit, group_by) or None].append(unit)
    groups, rest = [], []
    for key, members in grouped.items():
        if key is not None and len(members) >= min_size:
            groups.append(_Group(f"{field}为“{key}”的单位", members, members))
        else:
            rest += members
    if rest:
        groups.append(_Group(ALL_UNITS, units, rest))
    return groups


def _fences(group: str, values: list[Decimal], k: Decimal) -> _Fences:
    ordered = sorted(values)
    q1, median, q3 = (_quantile(ordered, Decimal(p)) for p in ("0.25", "0.5", "0.75"))
    return _Fences(group, len(ordered), median, q1, q3, q3 + k * (q3 - q1))


def _quantile(ordered: list[Decimal], share: Decimal) -> Decimal:
    """Linear interpolation between order statistics (the 'inclusive' method)."""
    position = (len(ordered) - 1) * share
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _finding(
    ctx: ReviewContext,
    unit: Unit,
    total: Decimal,
    found: list[tuple[_Metric, Decimal, str, _Fences]],
    k: Decimal,
) -> Finding:
    name = unit.unit_name or unit.unit_code
    parts = [
        f"{metric.label}{yuan(value.quantize(CENT))}（{base}），高于{fences.group}"
        f"（共{fences.size}个）的上界{yuan(fences.upper.quantize(CENT))}"
        f"（上四分位数{yuan(fences.q3.quantize(CENT))} + {number(k)}×四分位距"
        f"{yuan((fences.q3 - fences.q1).quantize(CENT))}；中位数{yuan(fences.median.quantize(CENT))}）"
        for metric, value, base, fences in found
    ]
    return ctx.finding(
        CODE,
        None,
        f"单位{name}本年申报项目支出合计{yuan(total)}，"
        + "；".join(parts)
        + "，明显高于可比单位，请核实",
        unit_code=unit.unit_code,
        evidence={
            "requested_total": str(total),
            "iqr_fence_k": str(k),
            "metrics": [
                {
                    "metric": metric.key,
                    "label": metric.label,
                    "value": str(value.quantize(CENT)),
                    "base": base,
                    **fences.evidence(),
                }
                for metric, value, base, fences in found
            ],
        },
    )
