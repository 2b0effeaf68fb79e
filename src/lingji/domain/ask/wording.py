"""How answers are written: labels of metrics and dimensions, figures, short sentences.

Money is written with thousands separators and fen (1,234,567.89元); rates are percentages
with one decimal in text (12.3%) and two in the figures (Decimal('12.35') means 12.35%).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from lingji.domain.ask.query import Dimension, Metric

METRIC_LABELS: dict[Metric, str] = {
    Metric.REQUESTED: "申报金额",
    Metric.SUGGESTED: "建议金额",
    Metric.CUT: "核减金额",
    Metric.CUT_RATE: "核减率",
    Metric.SCORE: "平均综合得分",
    Metric.PROJECT_COUNT: "项目数",
    Metric.BUDGET: "预算数",
    Metric.EXECUTED: "执行数",
    Metric.EXECUTION_RATE: "执行率",
    Metric.EVAL_SCORE: "平均评价得分",
    Metric.SANGONG: "三公经费",
    Metric.SANGONG_OVERSEAS: "因公出国（境）费",
    Metric.SANGONG_RECEPTION: "公务接待费",
    Metric.SANGONG_VEHICLE: "公务用车购置及运行维护费",
    Metric.SANGONG_VEHICLE_RUNNING: "公务用车运行维护费",
    Metric.SANGONG_VEHICLE_PURCHASE: "公务用车购置费",
    Metric.LINE_AMOUNT: "明细金额",
    Metric.FINDING_COUNT: "审核发现数",
    Metric.FLAGGED_PROJECT_COUNT: "有问题的项目数",
    Metric.FINDING_EXCESS: "超标准金额",
    Metric.FINDING_UNIT_COUNT: "有问题的单位数",
    Metric.STAFF_QUOTA: "编制人数",
    Metric.STAFF_ACTUAL: "在编人数",
    Metric.CONTRACT_STAFF: "编外人数",
    Metric.VEHICLES: "公务用车数",
    Metric.OFFICE_AREA: "办公用房面积",
    Metric.UNIT_COUNT: "单位数",
    Metric.DEPARTMENT_COUNT: "主管部门数",
}

DIMENSION_LABELS: dict[Dimension, str] = {
    Dimension.UNIT: "单位",
    Dimension.DEPARTMENT: "主管部门",
    Dimension.PROJECT: "项目",
    Dimension.PROJECT_TYPE: "项目类型",
    Dimension.CATEGORY: "项目类别",
    Dimension.ECON_CODE: "经济科目",
    Dimension.YEAR: "年度",
    Dimension.GRADE: "等级",
    Dimension.EVAL_RATING: "评价等级",
    Dimension.SEVERITY: "严重程度",
    Dimension.FINDING_CODE: "问题类型",
    Dimension.SANGONG_PART: "三公经费构成",
}

#: the counter word of each kind of count
COUNTERS = {
    Metric.PROJECT_COUNT: "个",
    Metric.UNIT_COUNT: "个",
    Metric.DEPARTMENT_COUNT: "个",
    Metric.FINDING_COUNT: "处",
    Metric.FLAGGED_PROJECT_COUNT: "个",
    Metric.STAFF_QUOTA: "人",
    Metric.STAFF_ACTUAL: "人",
    Metric.CONTRACT_STAFF: "人",
    Metric.VEHICLES: "辆",
}

#: how many rows a sentence names before it says 等
LISTED = 10


def money(value: Decimal | int | None) -> str:
    return "（无数据）" if value is None else f"{Decimal(value):,.2f}元"


def percent(value: Decimal | None) -> str:
    return "（无数据）" if value is None else f"{Decimal(value):.1f}%"


def figure(value: Decimal | int | None, kind: str, counter: str = "个") -> str:
    """A figure as people read it, by its kind (money, percent, count, score, area, persons)."""
    if value is None:
        return "（无数据）"
    if kind == "money":
        return money(value)
    if kind == "percent":
        return percent(Decimal(value))
    if kind == "score":
        return f"{Decimal(value):.2f}分"
    if kind == "area":
        return f"{Decimal(value):,.2f}平方米"
    if kind in ("persons", "vehicles"):
        return f"{value}{'辆' if kind == 'vehicles' else '人'}"
    return f"{value}{counter}"


def change(current: Decimal | int | None, base: Decimal | int | None, kind: str) -> str:
    """'增加1,000.00元（增长12.3%）', '减少3个', '提高2.1个百分点'."""
    if current is None or base is None:
        return "无法比较（缺少一年的数据）"
    delta = Decimal(current) - Decimal(base)
    if kind == "percent":
        word = "提高" if delta > 0 else "下降" if delta < 0 else "持平"
        return f"{word}{abs(delta):.1f}个百分点" if delta else "持平"
    if not delta:
        return "持平"
    word = "增加" if delta > 0 else "减少"
    magnitude = figure(abs(delta) if kind != "count" else int(abs(delta)), kind)
    if base:
        rate = delta * 100 / Decimal(base)
        return f"{word}{magnitude}（{'增长' if delta > 0 else '下降'}{abs(rate):.1f}%）"
    return f"{word}{magnitude}"


def listing(items: Sequence[str]) -> str:
    shown = "；".join(items[:LISTED])
    return shown + ("……" if len(items) > LISTED else "")


def years_text(years: Sequence[int]) -> str:
    if not years:
        return ""
    if len(years) == 1:
        return f"{years[0]}年"
    if list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}—{years[-1]}年"
    return "、".join(str(y) for y in years) + "年"
