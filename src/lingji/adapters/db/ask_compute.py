"""One figure (or one grouped table) of a Query for some years: picks the frame, applies
filters, scope and conditions, runs the statement and converts the integers back."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Connection, FromClause, Select, case, func, select

from lingji.adapters.db import ask_frames as fr
from lingji.adapters.db import ask_measures as ms
from lingji.adapters.db import tables
from lingji.adapters.db.ask_facts import (
    RoundFacts,
    describe_filters,
    econ_label,
    units_of,
)
from lingji.domain.ask.query import Aggregate, Condition, Dimension, Filters, Metric, Query
from lingji.domain.ask.resolve import HISTORY_METRICS, SANGONG_PARTS
from lingji.domain.ask.vocabulary import SANGONG_PARTS as SANGONG_COLUMNS
from lingji.domain.ask.wording import DIMENSION_LABELS, METRIC_LABELS
from lingji.domain.econ_codes import BUILT_IN
from lingji.domain.rules import CHECKS_BY_CODE

REVIEW_METRICS = frozenset({Metric.SUGGESTED, Metric.CUT, Metric.CUT_RATE, Metric.SCORE})
FINDING_METRICS = frozenset(
    {
        Metric.FINDING_COUNT, Metric.FLAGGED_PROJECT_COUNT, Metric.FINDING_EXCESS,
        Metric.FINDING_UNIT_COUNT,
    }
)  # fmt: skip
UNIT_METRICS = frozenset(
    {
        Metric.STAFF_QUOTA, Metric.STAFF_ACTUAL, Metric.CONTRACT_STAFF, Metric.VEHICLES,
        Metric.OFFICE_AREA, Metric.DEPARTMENT_COUNT,
    }
)  # fmt: skip
FILTER_LABELS = {
    "project_codes": "项目", "project_types": "项目类型", "categories": "项目类别",
    "continuing": "是否延续", "econ_codes": "经济科目", "grades": "等级（A/B/C/D）",
    "eval_ratings": "评价等级", "severities": "问题严重程度", "finding_codes": "问题类型",
}  # fmt: skip
_OPS: dict[str, Callable[[Any, Any], Any]] = {
    ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
}  # fmt: skip


class Refusal(Exception):
    """Raised if the data cannot answer the question; the reason is for the asker."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Figures:
    metric: Metric
    label: str
    kind: str
    years: tuple[int, ...]
    #: the ungrouped figure, or the figure over all groups
    total: Decimal | int | None
    rows: list[dict[str, Any]]
    sql: list[str]
    sources: list[str]
    note: str = ""
    share: Decimal | None = None
    share_base: str = ""
    #: the codes behind grouped rows (unit codes, project codes ...), in order
    keys: list[Any] = field(default_factory=list)


def _source(
    facts: RoundFacts, metric: Metric, years: tuple[int, ...], filters: Filters
) -> tuple[str, fr.Frame, Metric, str]:
    """(frame kind, frame, the metric as that frame measures it, a note) for these years."""
    budget = facts.year
    if any(y > budget for y in years):
        raise Refusal(f"没有{max(years)}年的数据：本轮是{budget}年预算。")
    current = all(y == budget for y in years)
    past = all(y < budget for y in years)
    if not (current or past):
        raise Refusal(f"{budget}年与以前年度的数据来自不同的表，请分年度查询。")
    if metric in UNIT_METRICS or (metric is Metric.UNIT_COUNT and _unit_level(filters)):
        if not current:
            raise Refusal(f"单位表只有本轮（{budget}年）的{METRIC_LABELS[metric]}，没有往年的。")
        return "units", fr.units_frame(facts.id), metric, ""
    if metric is Metric.UNIT_COUNT and (filters.severities or filters.finding_codes):
        metric = Metric.FINDING_UNIT_COUNT
    if metric in FINDING_METRICS:
        if not current:
            raise Refusal(f"审核发现只有{budget}年（本轮审核）的数据。")
        return "findings", fr.findings_frame(facts.id, _run(facts)), metric, ""
    if metric in REVIEW_METRICS:
        if past:
            raise Refusal(
                f"{METRIC_LABELS[metric]}只有{budget}年（本轮审核）的数据；"
                f"{'、'.join(map(str, years))}年可以查询预算数、执行数和执行率。"
            )
        return "projects", fr.projects_frame(facts.id, _run(facts)), metric, ""
    if metric is Metric.SANGONG or metric in SANGONG_PARTS or metric is Metric.LINE_AMOUNT:
        if current:
            return "lines", fr.lines_frame(facts.id, facts.run_id), metric, ""
        _need_history(facts, years)
        if metric is not Metric.LINE_AMOUNT and all(y in facts.sangong_years for y in years):
            return "sangong", fr.sangong_frame(facts.id, years), metric, ""
        return "history_lines", fr.history_lines_frame(facts.id, years), metric, ""
    if current:
        if metric in (Metric.EXECUTED, Metric.EXECUTION_RATE, Metric.EVAL_SCORE):
            raise Refusal(
                f"{budget}年预算尚未执行，没有{METRIC_LABELS[metric]}；"
                f"可以查询{facts.newest_history_year}年的{METRIC_LABELS[metric]}。"
            )
        if metric is Metric.BUDGET:
            metric = Metric.REQUESTED
        return "projects", fr.projects_frame(facts.id, facts.run_id), metric, ""
    _need_history(facts, years)
    note = ""
    if metric is Metric.REQUESTED:
        metric, note = Metric.BUDGET, "往年没有申报数，按预算数计"
    return "history", fr.history_frame(facts.id, years), metric, note


def _unit_level(filters: Filters) -> bool:
    return not any(
        getattr(filters, name) not in ((), None)
        for name in FILTER_LABELS
        if name != "project_codes"
    )


def _run(facts: RoundFacts) -> int:
    if facts.run_id is None:
        raise Refusal(f"{facts.year}年预算尚未审核，没有建议金额、得分、等级和审核发现。")
    return facts.run_id


def _review_source(facts: RoundFacts) -> str:
    return f"审核结果（第{facts.run_number}次审核）"


def _need_history(facts: RoundFacts, years: tuple[int, ...]) -> None:
    missing = [y for y in years if y not in facts.history_years and y not in facts.sangong_years]
    if missing:
        have = "、".join(map(str, facts.history_years)) or "无"
        raise Refusal(f"没有{'、'.join(map(str, missing))}年的历史数据（现有年度：{have}）。")


def _sources(kind: str, frame: fr.Frame, facts: RoundFacts, filters: Filters) -> list[str]:
    labels = [frame.label]
    if kind == "projects" and facts.run_id is not None:
        labels.append(_review_source(facts))
    if kind == "findings":
        labels = [_review_source(facts)]
    if kind == "lines" and filters.grades:
        labels.append(_review_source(facts))
    return labels


def compute(
    conn: Connection,
    facts: RoundFacts,
    query: Query,
    years: tuple[int, ...],
    allowed: set[str] | None,
    visible: set[str] | None = None,
) -> Figures:
    """Runs the query for these years (one frame) and returns its figures.

    allowed: the units the statement may read (the question's units within the scope);
    visible: the scope's units (None: all), the whole a share of 全县 divides by."""
    metric = query.metric
    kind, frame, effective, note = _source(facts, metric, years, query.filters)
    if metric is Metric.UNIT_COUNT and kind == "projects":
        effective = Metric.UNIT_COUNT
    if effective is Metric.FINDING_UNIT_COUNT:
        effective = Metric.UNIT_COUNT
    avg = query.aggregate is Aggregate.AVG
    measure = ms.measure(effective, kind, avg, frame)
    if effective is Metric.LINE_AMOUNT and query.filters.econ_codes:
        names = [line_label(c) for c in query.filters.econ_codes]
        measure.label = ("平均" if avg else "") + "、".join(names)
    where = _filters(kind, frame, query.filters, effective)
    if allowed is not None:
        where.append(frame.unit.in_(sorted(allowed)))
    for condition in query.conditions:
        where.append(_condition(facts, frame, condition, years, allowed))
    sql: list[str] = []
    if query.group_by is Dimension.SANGONG_PART:
        return _sangong_parts(conn, facts, kind, frame, effective, where, years, sql, note)
    group, source = _group(facts, frame, query.group_by)
    stmt = _statement(measure, frame, where, group, source)
    if group:
        order = measure.order.desc() if query.order.value == "desc" else measure.order.asc()
        stmt = stmt.order_by(order.nulls_last(), *group)
        if query.top_n:
            stmt = stmt.limit(query.top_n)
    result = _execute(conn, stmt, sql)
    figures = Figures(
        effective, measure.label, measure.kind, years, None, [], sql,
        _sources(kind, frame, facts, query.filters), note,
    )  # fmt: skip
    if not group:
        row = result[0] if result else {}
        figures.total = measure.value(row) if row else None
        if figures.total is not None and kind != "units":
            figures.note = "，".join(filter(None, [_extras_note(row, measure), note]))
        figures.rows = [{"范围": "", measure.label: figures.total, **_extras(row, measure)}]
    elif query.group_by is not None:
        by = query.group_by
        kept = [r for r in result if not (by is Dimension.GRADE and r["g0"] is None)]
        figures.keys = [row["g0"] for row in kept]
        figures.rows = [
            {
                DIMENSION_LABELS[by]: _key_label(facts, by, row),
                measure.label: measure.value(row),
                **_extras(row, measure),
                **_project_extras(facts, by, row),
            }
            for row in kept
        ]
        summed = {k: sum(r[k] or 0 for r in result) for k in measure.parts}
        if result and all(any(r[k] is not None for r in result) for k in measure.parts):
            figures.total = measure.value(summed)
    if query.share_of:
        _share(conn, facts, query, figures, years, allowed, visible)
    return figures


def line_label(code: str) -> str:
    """会议费（30215）: an economic code as an amount's name."""
    entry = BUILT_IN.get(code)
    return f"{entry.name}（{code}）" if entry else f"经济科目{code}"


def _filters(
    kind: str, frame: fr.Frame, filters: Filters, metric: Metric
) -> list[ColumnElement[bool]]:
    where = []
    for name, label in FILTER_LABELS.items():
        value = getattr(filters, name)
        if value in ((), None):
            continue
        if kind == "units" and name == "project_codes":
            continue
        if name not in frame.filters:
            raise Refusal(f"{frame.label}没有{label}，不能按{label}筛选。")
        where.append(frame.filters[name](value))
    if kind in ("lines", "history_lines") and metric is not Metric.LINE_AMOUNT:
        econ = frame.dims[Dimension.ECON_CODE][0]
        where.append(fr.econ_match(econ, ms.sangong_codes(metric)))
    return where


def _group(
    facts: RoundFacts, frame: fr.Frame, group_by: Dimension | None
) -> tuple[tuple[ColumnElement[Any], ...], FromClause | None]:
    if group_by is None:
        return (), None
    if group_by is Dimension.DEPARTMENT:
        column, source = fr.department_of(frame, facts.id)
        return (column,), source
    columns = frame.dims.get(group_by)
    if columns is None:
        raise Refusal(f"{frame.label}不能按{DIMENSION_LABELS[group_by]}分组。")
    if group_by is Dimension.PROJECT:
        columns = (*columns, frame.unit)
    return columns, None


def _statement(
    measure: ms.Measure,
    frame: fr.Frame,
    where: list[ColumnElement[bool]],
    group: tuple[ColumnElement[Any], ...],
    source: FromClause | None,
) -> Select[Any]:
    labelled = [c.label(f"g{i}") for i, c in enumerate(group)]
    stmt = select(*labelled, *(e.label(n) for n, e in measure.parts.items()))
    stmt = stmt.select_from(source if source is not None else frame.source).where(
        *frame.where, *where
    )
    return stmt.group_by(*group) if group else stmt


def _execute(conn: Connection, stmt: Select[Any], sql: list[str]) -> list[dict[str, Any]]:
    sql.append(str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})))
    return [dict(row) for row in conn.execute(stmt).mappings()]


def _condition(
    facts: RoundFacts,
    frame: fr.Frame,
    condition: Condition,
    years: tuple[int, ...],
    allowed: set[str] | None,
) -> ColumnElement[bool]:
    """key IN (keys whose figure passes the condition)."""
    cond_years = years
    if condition.metric in HISTORY_METRICS and all(y == facts.year for y in years):
        cond_years = (facts.newest_history_year,)
    kind, cframe, metric, _ = _source(facts, condition.metric, cond_years, Filters())
    cmeasure = ms.measure(metric, kind, False, cframe)
    per_unit = condition.per in (Dimension.UNIT, Dimension.DEPARTMENT)
    key, ckey = (frame.unit, cframe.unit) if per_unit else (frame.project_key, cframe.project_key)
    if key is None or ckey is None:
        raise Refusal(f"{frame.label}不能按项目比较{METRIC_LABELS[condition.metric]}。")
    threshold = condition.value * Decimal(cmeasure.scale)
    bound = float(threshold) if cmeasure.kind in ("percent", "score") else int(threshold)
    keys = select(ckey).select_from(cframe.source).where(*cframe.where)
    if kind in ("lines", "history_lines") and metric is not Metric.LINE_AMOUNT:
        keys = keys.where(
            fr.econ_match(cframe.dims[Dimension.ECON_CODE][0], ms.sangong_codes(metric))
        )
    if allowed is not None:
        keys = keys.where(cframe.unit.in_(sorted(allowed)))
    keys = keys.group_by(ckey).having(_OPS[condition.op.value](cmeasure.order, bound))
    return key.in_(keys)


def _extras(row: dict[str, Any], measure: ms.Measure) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "items" in row and row["items"] is not None and measure.kind == "money":
        out["项目数"] = int(row["items"])
    if "executed" in row:
        out["执行数"] = ms.yuan(row["executed"])
        out["预算数"] = ms.yuan(row["budget"])
    if "cut" in row:
        out["核减金额"] = ms.yuan(row["cut"])
        out["申报金额"] = ms.yuan(row["requested"])
    if measure.kind == "score" and "n" in row:
        out["项目数"] = int(row["n"] or 0)
    return out


def _extras_note(row: dict[str, Any], measure: ms.Measure) -> str:
    from lingji.domain.ask.wording import money

    if "executed" in row:
        return f"执行数{money(ms.yuan(row['executed']))}，预算数{money(ms.yuan(row['budget']))}"
    if "cut" in row:
        return f"核减{money(ms.yuan(row['cut']))}，申报{money(ms.yuan(row['requested']))}"
    if row.get("items") is not None and measure.kind == "money":
        return f"{int(row['items'])}个项目"
    return ""


def _project_extras(
    facts: RoundFacts, group_by: Dimension | None, row: dict[str, Any]
) -> dict[str, Any]:
    if group_by is not Dimension.PROJECT:
        return {}
    return {"项目编码": row["g0"], "单位": facts.unit_name(row["g2"])}


def _key_label(facts: RoundFacts, group_by: Dimension, row: dict[str, Any]) -> Any:
    key = row["g0"]
    if group_by in (Dimension.UNIT, Dimension.DEPARTMENT):
        return facts.unit_name(key)
    if group_by is Dimension.PROJECT:
        return row["g1"] or key
    if group_by is Dimension.ECON_CODE:
        return econ_label(key) if key else "（未填科目）"
    if group_by is Dimension.FINDING_CODE:
        check = CHECKS_BY_CODE.get(key)
        return f"{key} {check.title}" if check else key
    return key if key is not None else "（未填）"


def _sangong_parts(conn, facts, kind, frame, metric, where, years, sql, note) -> Figures:  # type: ignore[no-untyped-def]
    """三公经费 by its parts: one statement, one sum per part."""
    parts = [m for m in SANGONG_COLUMNS if metric is Metric.SANGONG or m == metric.value]
    if metric is Metric.SANGONG_VEHICLE:
        parts = ["sangong_vehicle_purchase", "sangong_vehicle_running"]
    sums = {}
    for part in parts:
        if kind == "sangong":
            sums[part] = func.sum(fr.raw(tables.sangong.c[SANGONG_COLUMNS[part][0]]))
        else:
            econ = frame.dims[Dimension.ECON_CODE][0]
            amount = (tables.detail_lines if kind == "lines" else tables.history_lines).c.amount
            codes = ms.sangong_codes(Metric(part))
            sums[part] = func.sum(case((econ.in_(codes), fr.raw(amount))))
    stmt = select(*(e.label(p) for p, e in sums.items())).select_from(frame.source)
    stmt = stmt.where(*frame.where, *where)
    row = _execute(conn, stmt, sql)[0]
    rows = [{"三公经费构成": SANGONG_COLUMNS[p][1], "金额": ms.yuan(row[p])} for p in parts]
    present = [ms.yuan(row[p]) for p in parts if row[p] is not None]
    total = sum((v for v in present if v is not None), Decimal(0)) if present else None
    source = "三公经费表" if kind == "sangong" else frame.label
    return Figures(metric, "金额", "money", years, total, rows, sql, [source], note)


def _share(
    conn: Connection,
    facts: RoundFacts,
    query: Query,
    figures: Figures,
    years: tuple[int, ...],
    allowed: set[str] | None,
    visible: set[str] | None,
) -> None:
    """The denominator of a share: the same figure without the subject's filter."""
    share_of = query.share_of
    base_query = query.with_changes(group_by=None, top_n=None, share_of=None)
    base_allowed = allowed
    if share_of == "groups":
        figures.share_base = "合计"
    elif share_of == "units":
        base_query = base_query.with_changes(
            filters=replace(query.filters, unit_codes=(), departments=(), project_codes=()),
            conditions=(),
        )
        base_allowed = visible
        figures.share_base = facts.county() if visible is None else "您可查看的单位合计"
    elif share_of == "conditions":
        base_query = base_query.with_changes(conditions=())
        figures.share_base = "全部" + ("项目" if figures.metric is Metric.PROJECT_COUNT else "")
    elif share_of == "sangong":
        base_query = base_query.with_changes(metric=Metric.SANGONG)
        figures.share_base = "三公经费"
    elif share_of == "base" and query.share_base is not None:
        base_query = base_query.with_changes(filters=query.share_base, conditions=())
        base_allowed = units_of(facts, query.share_base, visible)
        figures.share_base = describe_filters(facts, query.share_base) or "全部"
    elif share_of in FILTER_LABELS:
        base_query = base_query.with_changes(filters=query.filters.without(share_of))
        figures.share_base = "全部" + ("项目" if figures.kind != "money" else "")
    else:
        return
    base = compute(conn, facts, base_query, years, base_allowed, visible)
    figures.sql += base.sql
    figures.sources += [s for s in base.sources if s not in figures.sources]
    if not base.total:
        return
    total = Decimal(base.total)
    if query.group_by is None:
        if figures.total is not None:
            figures.share = (Decimal(figures.total) * 100 / total).quantize(Decimal("0.01"))
        return
    for row in figures.rows:
        value = row.get(figures.label)
        row["占比"] = (
            None if value is None else (Decimal(value) * 100 / total).quantize(Decimal("0.01"))
        )
