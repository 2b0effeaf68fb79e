"""What each metric of 智慧问数 sums or counts over a frame (ask_frames.py).

Always as integers (fen, counts, scores scaled by 10^n) so that every figure is exact on
every database and converted once in Python: money to Decimal yuan, rates to percentages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Float, and_, case, cast, func, or_

from lingji.adapters.db import tables
from lingji.adapters.db.ask_frames import Frame, raw, yuan
from lingji.domain.ask.query import Metric
from lingji.domain.ask.vocabulary import SANGONG_CODES, SANGONG_PARTS
from lingji.domain.ask.wording import METRIC_LABELS

_CENT = Decimal("0.01")


@dataclass
class Measure:
    label: str
    #: money (yuan), count, percent, score, area or persons
    kind: str
    parts: dict[str, ColumnElement[Any]]
    value: Callable[[Mapping[str, Any]], Decimal | int | None]
    #: the SQL expression a ranking orders by and a condition compares
    order: ColumnElement[Any]
    #: a figure as `order` holds it: yuan x100 (fen), percent x0.01, score x10^scale ...
    scale: Decimal | int = 1


def _ratio(numerator: ColumnElement[Any], denominator: ColumnElement[Any]) -> ColumnElement[Any]:
    return cast(numerator, Float) / func.nullif(denominator, 0)


def _money(
    label: str, total: ColumnElement[Any], items: ColumnElement[Any] | None, avg: bool
) -> Measure:
    parts = {"total": total} if items is None else {"total": total, "items": items}
    if avg and items is not None:
        return Measure(
            f"平均{label}",
            "money",
            parts,
            lambda r: (
                None
                if not r["items"] or r["total"] is None
                else (Decimal(int(r["total"])) / r["items"] / 100).quantize(_CENT)
            ),
            _ratio(total, items),
            100,
        )
    return Measure(label, "money", parts, lambda r: yuan(r["total"]), total, 100)


def _percent(
    label: str,
    numerator: ColumnElement[Any],
    denominator: ColumnElement[Any],
    names: tuple[str, str],
) -> Measure:
    top, bottom = names

    def value(r: Mapping[str, Any]) -> Decimal | None:
        if not r[bottom] or r[top] is None:
            return None
        return (Decimal(int(r[top])) * 100 / Decimal(int(r[bottom]))).quantize(_CENT)

    return Measure(
        label,
        "percent",
        {top: numerator, bottom: denominator},
        value,
        _ratio(numerator, denominator),
        Decimal("0.01"),
    )


def _average(label: str, total: ColumnElement[Any], n: ColumnElement[Any], scale: int) -> Measure:
    return Measure(
        label,
        "score",
        {"total": total, "n": n},
        lambda r: (
            None
            if not r["n"] or r["total"] is None
            else (Decimal(int(r["total"])) / r["n"] / 10**scale).quantize(_CENT)
        ),
        _ratio(total, n),
        10**scale,
    )


def _count(label: str, expr: ColumnElement[Any], kind: str = "count") -> Measure:
    return Measure(label, kind, {"n": expr}, lambda r: int(r["n"] or 0), expr)


def _sum_int(label: str, column: ColumnElement[Any], kind: str) -> Measure:
    return Measure(
        label, kind, {"n": func.sum(column)}, lambda r: None if r["n"] is None else int(r["n"]),
        func.sum(column),
    )  # fmt: skip


def measure(metric: Metric, frame_kind: str, avg: bool, frame: Frame) -> Measure:
    """What the metric sums or counts over a frame of that kind."""
    items = frame.items
    if frame_kind == "projects":
        p, rp = tables.projects.c, tables.review_projects.c
        if metric is Metric.REQUESTED:
            return _money("申报金额", func.sum(raw(p.requested_amount)), items, avg)
        if metric is Metric.SUGGESTED:
            return _money("建议金额", func.sum(raw(rp.suggested_amount)), items, avg)
        if metric is Metric.CUT:
            cut = func.sum(raw(rp.requested_amount) - raw(rp.suggested_amount))
            return _money("核减金额", cut, items, avg)
        if metric is Metric.CUT_RATE:
            return _percent(
                "核减率",
                func.sum(raw(rp.requested_amount) - raw(rp.suggested_amount)),
                func.sum(raw(rp.requested_amount)),
                ("cut", "requested"),
            )
        if metric is Metric.SCORE:
            return _average(
                "平均综合得分", func.sum(raw(rp.score_total)), func.count(rp.score_total), 2
            )
        if metric is Metric.UNIT_COUNT:
            return _count("单位数", func.count(func.distinct(p.unit_code)))
        return _count("项目数", func.count())
    if frame_kind == "history":
        h = tables.history.c
        if metric is Metric.EXECUTION_RATE:
            both = and_(h.budget.is_not(None), h.executed.is_not(None))
            budget = func.sum(case((both, raw(h.budget))))
            executed = func.sum(case((both, raw(h.executed))))
            return _percent("执行率", executed, budget, ("executed", "budget"))
        if metric is Metric.EXECUTED:
            return _money("执行数", func.sum(raw(h.executed)), items, avg)
        if metric is Metric.EVAL_SCORE:
            return _average(
                "平均评价得分", func.sum(raw(h.eval_score)), func.count(h.eval_score), 4
            )
        if metric is Metric.PROJECT_COUNT:
            return _count("项目数", func.count())
        if metric is Metric.UNIT_COUNT:
            return _count("单位数", func.count(func.distinct(h.unit_code)))
        return _money("预算数", func.sum(raw(h.budget)), items, avg)
    if frame_kind in ("lines", "history_lines"):
        amount = (
            tables.detail_lines.c.amount if frame_kind == "lines" else tables.history_lines.c.amount
        )
        return _money(METRIC_LABELS[metric], func.sum(raw(amount)), items, avg)
    if frame_kind == "sangong":
        s = tables.sangong.c
        if metric is Metric.SANGONG:
            columns = [s.overseas, s.vehicle_purchase, s.vehicle_running, s.reception]
            total = func.sum(
                sum(
                    (func.coalesce(raw(c), 0) for c in columns[1:]),
                    func.coalesce(raw(columns[0]), 0),
                )
            )
            return _money("三公经费", total, items, avg)
        if metric is Metric.SANGONG_VEHICLE:
            both = func.coalesce(raw(s.vehicle_purchase), 0) + func.coalesce(
                raw(s.vehicle_running), 0
            )
            return _money("公务用车购置及运行维护费", func.sum(both), items, avg)
        column, label = SANGONG_PARTS[metric.value]
        return _money(label, func.sum(raw(s[column])), items, avg)
    if frame_kind == "findings":
        f = tables.review_findings.c
        if metric is Metric.FINDING_EXCESS:
            return _money("超标准金额", func.sum(raw(f.amount_excess)), None, False)
        if metric in (Metric.UNIT_COUNT, Metric.FINDING_UNIT_COUNT):
            return _count("单位数", func.count(func.distinct(f.unit_code)))
        if metric is Metric.FLAGGED_PROJECT_COUNT:
            return _count("有问题的项目数", func.count(func.distinct(f.project_code)))
        return _count("审核发现数", func.count())
    u = tables.units.c
    if metric is Metric.DEPARTMENT_COUNT:
        heads = or_(u.parent_code.is_(None), u.parent_code == "")
        return _count("主管部门数", func.count(case((heads, 1))))
    if metric is Metric.OFFICE_AREA:
        return Measure(
            "办公用房面积",
            "area",
            {"n": func.sum(raw(u.office_area_m2))},
            lambda r: None if r["n"] is None else (Decimal(int(r["n"])) / 10**4).quantize(_CENT),
            func.sum(raw(u.office_area_m2)),
            10**4,
        )
    labels = {
        Metric.STAFF_QUOTA: ("编制人数", u.staff_quota),
        Metric.STAFF_ACTUAL: ("在编人数", u.staff_actual),
        Metric.CONTRACT_STAFF: ("编外人数", u.contract_staff),
        Metric.VEHICLES: ("公务用车数", u.vehicles),
    }
    if metric in labels:
        name, counted = labels[metric]
        return _sum_int(name, counted, "persons" if metric is not Metric.VEHICLES else "vehicles")
    return _count("单位数", func.count())


def sangong_codes(metric: Metric) -> tuple[str, ...]:
    if metric is Metric.SANGONG:
        return tuple(c for codes in SANGONG_CODES.values() for c in codes)
    if metric is Metric.SANGONG_VEHICLE:
        return SANGONG_CODES["sangong_vehicle_running"] + SANGONG_CODES["sangong_vehicle_purchase"]
    return SANGONG_CODES[metric.value]
