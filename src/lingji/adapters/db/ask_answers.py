"""The answer to a Query in words and rows: single figures, rankings, lists, groups, series
of years, changes over the year before, several metrics at once, and a rank position.

How Answer.value is chosen: a single figure is itself; a ranking (top-N) gives its first
row's figure; a list (列出…, 有哪些…) gives the number of rows; another grouping gives the
figure over all its groups; a share gives the share (a percentage); a change gives current
minus base, or the change in percent when a rate of change is asked (增长率); a rank position
gives the place (1 = first). None whenever the data does not hold the figure.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select

from lingji.adapters.db import tables
from lingji.adapters.db.ask_compute import Figures, Refusal, compute
from lingji.adapters.db.ask_facts import RoundFacts, describe_filters, describe_units
from lingji.domain.ask.answer import Answer, AnswerKind
from lingji.domain.ask.query import Aggregate, Condition, Dimension, Metric, Query
from lingji.domain.ask.scope import Scope
from lingji.domain.ask.wording import (
    COUNTERS,
    DIMENSION_LABELS,
    METRIC_LABELS,
    change,
    figure,
    listing,
    percent,
    years_text,
)


@dataclass(frozen=True)
class Words:
    facts: RoundFacts
    query: Query
    #: whose figures: the named units, 全县, or 您可查看的单位
    subject: str
    #: which rows: 会议类、A级、申报金额超过1,000,000.00元的项目 ...
    rows: str

    def head(self, years: tuple[int, ...], label: str) -> str:
        return f"{self.subject}{years_text(years)}{self.rows}{label}"


def _subject(facts: RoundFacts, query: Query, scope: Scope) -> str:
    named = describe_units(facts, query.filters)
    if named:
        return named
    return facts.county() if scope.is_all else "您可查看的单位"


def _describe(conn: Connection, facts: RoundFacts, query: Query) -> str:
    """Which rows besides whose: 会议类、A级、申报金额超过1,000,000.00元的项目 ..."""
    f = query.filters
    names: dict[str, str] = {}
    if f.project_codes:
        p = tables.projects.c
        names = dict(
            conn.execute(
                select(p.project_code, p.name).where(
                    p.round_id == facts.id, p.project_code.in_(f.project_codes)
                )
            )
            .tuples()
            .all()
        )
    rows_only = replace(f, unit_codes=(), departments=(), econ_codes=())
    text = describe_filters(facts, rows_only, names)
    for condition in query.conditions:
        text += ("、" if text else "") + _describe_condition(condition)
    return text + ("的" if text else "")


def _describe_condition(c: Condition) -> str:
    if c.metric is Metric.EXECUTION_RATE:
        kind = "percent"
    elif c.metric in (Metric.SCORE, Metric.EVAL_SCORE):
        kind = "score"
    elif c.metric in COUNTERS:
        kind = "count"
    else:
        kind = "money"
    threshold = figure(int(c.value) if kind == "count" else c.value, kind)
    op = {">": "超过", ">=": "不低于", "<": "低于", "<=": "不超过"}[c.op.value]
    per = {"project": "项目", "unit": "单位", "department": "部门"}[c.per.value]
    return f"{METRIC_LABELS[c.metric]}{op}{threshold}的{per}"


#: counts said as 项目共N个 rather than 项目数为N个
_COUNTED = {Metric.PROJECT_COUNT: "项目", Metric.UNIT_COUNT: "单位"}


def answer(query: Query, years: tuple[int, ...], figures: Figures, words: Words) -> Answer:
    head = words.head(figures.years or years, figures.label)
    counter = COUNTERS.get(figures.metric, "个")
    rows, sources, sql = figures.rows, figures.sources, ";\n".join(figures.sql)
    if query.group_by is None or query.group_by is Dimension.YEAR and len(years) == 1:
        value = figures.total
        for row in rows:
            if "范围" in row:
                row["范围"] = words.subject
        if value is None:
            return Answer(f"没有找到{head}的数据。", AnswerKind.DATA, None, rows, sql, sources)
        verb = "合计" if figures.kind == "money" and query.aggregate is not Aggregate.AVG else "为"
        text = f"{head}{verb}{figure(value, figures.kind, counter)}"
        noun = _COUNTED.get(figures.metric)
        if noun:
            # 全县2027年A级的项目共206个, 三公经费超过50,000.00元的单位共18个
            rows_words = words.rows[:-1] if words.rows.endswith(f"的{noun}的") else words.rows
            said = f"{words.subject}{years_text(figures.years or years)}{rows_words}"
            text = f"{said}{'' if rows_words.endswith(noun) else noun}共{value}{counter}"
        if figures.note:
            text += f"（{figures.note}）"
        if query.share_of and figures.share is not None:
            text += f"，占{figures.share_base}的{percent(figures.share)}"
            value = figures.share
            for row in rows:
                row["占比"] = figures.share
        return Answer(text, AnswerKind.DATA, value, rows, sql, sources)
    dim = DIMENSION_LABELS[query.group_by]
    if not rows:
        return Answer(f"没有找到{head}的数据。", AnswerKind.DATA, None, rows, sql, sources)
    label = next(k for k in rows[0] if k != dim)
    items = [f"{r[dim]} {figure(r[label], figures.kind, counter)}" for r in rows]
    if "占比" in rows[0]:
        items = [f"{i}（占{percent(r['占比'])}）" for i, r in zip(items, rows, strict=True)]
    if query.top_n:
        word = "最高" if query.order.value == "desc" else "最低"
        if figures.kind != "money" and figures.metric in COUNTERS:
            word = "最多" if query.order.value == "desc" else "最少"
        if len(rows) == 1:
            text = f"{head}{word}的{dim}是{items[0]}"
        else:
            text = f"{head}{word}的{len(rows)}个{dim}：{listing(items)}"
        value = rows[0][label]
    elif query.aggregate is Aggregate.LIST:
        text = f"{head}：共{len(rows)}个{dim}，{listing(items)}"
        value = len(rows)
    else:
        text = f"{head}按{dim}：{listing(items)}"
        if figures.total is not None:
            additive = figures.kind in ("money", "count", "persons", "vehicles", "area")
            word = "合计" if additive and query.aggregate is not Aggregate.AVG else "总体"
            text += f"；{word}{figure(figures.total, figures.kind, counter)}"
        value = figures.total
    return Answer(text, AnswerKind.DATA, value, rows, sql, sources)


def _merge_sources(all_figures: list[Figures]) -> list[str]:
    sources: list[str] = []
    for figures in all_figures:
        sources += [s for s in figures.sources if s not in sources]
    return sources


def by_year(conn, facts, query, years, allowed, words) -> Answer:  # type: ignore[no-untyped-def]
    """One figure per year (each year from its own table: 申报 for the budget year, 预算数
    before it); the value is their sum when they are the same money or count."""
    per_year = [compute(conn, facts, replace(query, group_by=None), (y,), allowed) for y in years]
    rows = [{"年度": y, f.label: f.total} for y, f in zip(years, per_year, strict=True)]
    kind = per_year[0].kind
    counter = COUNTERS.get(per_year[0].metric, "个")
    items = [
        f"{y}年{f.label}{figure(f.total, kind, counter)}"
        for y, f in zip(years, per_year, strict=True)
    ]
    text = f"{words.subject}{words.rows}{years_text(years)}：{listing(items)}"
    value: Decimal | int | None = None
    same = len({f.label for f in per_year}) == 1
    totals = [f.total for f in per_year if f.total is not None]
    if same and kind in ("money", "count") and len(totals) == len(per_year):
        value = sum(totals, Decimal(0)) if kind == "money" else sum(int(t) for t in totals)
    sql = ";\n".join(s for f in per_year for s in f.sql)
    return Answer(text, AnswerKind.DATA, value, rows, sql, _merge_sources(per_year))


def year_over_year(conn, facts, query, years, allowed, words) -> Answer:  # type: ignore[no-untyped-def]
    """Each year against the one before; the value is the newest year's change."""
    group = None if query.group_by is Dimension.YEAR else query.group_by
    query = replace(query, group_by=group)
    plain = replace(query, top_n=None, share_of=None)
    per_year = [compute(conn, facts, plain, (y,), allowed) for y in years]
    sql = ";\n".join(s for f in per_year for s in f.sql)
    sources = _merge_sources(per_year)
    kind = per_year[-1].kind
    now, before = per_year[-1], per_year[-2]
    if query.group_by is None:
        rows = []
        for i, (y, f) in enumerate(zip(years, per_year, strict=True)):
            prev = per_year[i - 1].total if i else None
            delta = None if f.total is None or prev is None else f.total - prev
            rows.append(
                {"年度": y, f.label: f.total, "增减额": delta, "增减率": _rate(delta, prev, kind)}
            )
        pairs = [
            f"{y}年{f.label}{figure(f.total, kind)}" for y, f in zip(years, per_year, strict=True)
        ]
        text = (
            f"{words.subject}{words.rows}{'，'.join(pairs)}；{years[-1]}年比{years[-2]}年"
            f"{change(now.total, before.total, kind)}"
        )
        if now.label != before.label:
            text += f"（{years[-2]}年为{before.label}）"
        value = rows[-1]["增减率"] if query.yoy_rate else rows[-1]["增减额"]
        return Answer(text, AnswerKind.DATA, value, rows, sql, sources)
    dim = DIMENSION_LABELS[query.group_by]
    base = {r[dim]: r[before.label] for r in before.rows}
    rows = []
    for r in now.rows:
        current, prev = r[now.label], base.get(r[dim])
        delta = None if current is None or prev is None else current - prev
        rows.append(
            {
                dim: r[dim],
                f"{years[-1]}年{now.label}": current,
                f"{years[-2]}年{before.label}": prev,
                "增减额": delta,
                "增减率": _rate(delta, prev, kind),
            }
        )
    descending = query.order.value == "desc"
    rows.sort(
        key=lambda r: (
            r["增减额"] is None,
            -(r["增减额"] or 0) if descending else (r["增减额"] or 0),
        )
    )
    if query.top_n:
        rows = rows[: query.top_n]
    items = [
        f"{r[dim]} {change(r[f'{years[-1]}年{now.label}'], r[f'{years[-2]}年{before.label}'], kind)}"
        for r in rows
    ]
    head = f"{words.subject}{words.rows}{now.label}{years[-1]}年比{years[-2]}年"
    if query.top_n:
        word = "增加最多" if query.order.value == "desc" else "增加最少（或减少最多）"
        text = f"{head}{word}的{len(rows)}个{dim}：{listing(items)}"
    else:
        text = f"{head}，按{dim}：{listing(items)}"
    key = "增减率" if query.yoy_rate else "增减额"
    current_key, base_key = f"{years[-1]}年{now.label}", f"{years[-2]}年{before.label}"
    if rows and query.top_n:
        value = rows[0][key]
    else:
        value = _total_change(rows, current_key, base_key, query.yoy_rate)
    return Answer(text, AnswerKind.DATA, value, rows, sql, sources)


def _rate(delta: Any, base: Any, kind: str) -> Decimal | None:
    if delta is None or not base or kind == "percent":
        return None
    return (Decimal(delta) * 100 / Decimal(base)).quantize(Decimal("0.01"))


def _total_change(rows: list[dict[str, Any]], current: str, base: str, as_rate: bool) -> Any:
    """The change over all groups: current total minus base total (or as a percentage)."""
    paired = [r for r in rows if r["增减额"] is not None]
    if not paired:
        return None
    delta = sum(r["增减额"] for r in paired)
    if not as_rate:
        return delta
    return _rate(delta, sum(r[base] for r in paired), "money")


def words(conn: Connection, facts: RoundFacts, query: Query, scope: Scope) -> Words:
    """Whose figures and which rows, in words, for the answer's sentences."""
    return Words(facts, query, _subject(facts, query, scope), _describe(conn, facts, query))


def add_metrics(
    conn: Connection,
    facts: RoundFacts,
    query: Query,
    years: tuple[int, ...],
    allowed: set[str] | None,
    visible: set[str] | None,
    main: Figures,
    answer: Answer,
) -> None:
    """预算数和执行数: the other metrics asked, as more columns and words beside the first."""
    dim = DIMENSION_LABELS[query.group_by] if query.group_by else None
    for metric in query.also:
        try:
            more = compute(
                conn, facts, replace(query, metric=metric, also=()), years, allowed, visible
            )
        except Refusal as refusal:
            answer.answer += f"；{METRIC_LABELS[metric]}无法回答：{refusal.reason}"
            continue
        answer.sql = ";\n".join(filter(None, [answer.sql, *more.sql]))
        answer.sources += [s for s in more.sources if s not in answer.sources]
        if dim is None:
            for row in answer.rows:
                row[more.label] = more.total
            counter = COUNTERS.get(more.metric, "个")
            answer.answer += f"，{more.label}{figure(more.total, more.kind, counter)}"
            continue
        by_key = {row[dim]: row.get(more.label) for row in more.rows}
        for row in answer.rows:
            row[more.label] = by_key.get(row[dim])
        answer.answer += f"（表中另列{more.label}）"


def position(
    conn: Connection,
    facts: RoundFacts,
    query: Query,
    years: tuple[int, ...],
    visible: set[str] | None,
    words: Words,
) -> Answer:
    """公安局申报金额排第几: the named units' (or projects') places in the ranking of all
    the asker may see; the value is the first one's place (1 = highest)."""
    f = query.filters
    if f.project_codes:
        dimension, named = Dimension.PROJECT, list(f.project_codes)
        rest = f.without("project_codes")
    elif f.departments and not f.unit_codes:
        dimension, named = Dimension.DEPARTMENT, list(f.departments)
        rest = f.without("departments")
    else:
        dimension, named = Dimension.UNIT, list(f.unit_codes)
        rest = f.without("unit_codes", "departments")
    if not named:
        raise Refusal("请说明要看哪个单位或项目的排名。")
    ranking = replace(query, filters=rest, group_by=dimension, top_n=None, position=False)
    ranked = compute(conn, facts, ranking, years, visible, visible)
    dim = DIMENSION_LABELS[dimension]
    places = {key: i for i, key in enumerate(ranked.keys, 1)}
    rows, parts = [], []
    for code in named:
        place = places.get(code)
        row = ranked.rows[place - 1] if place else None
        label = (
            row[dim]
            if row
            else (facts.unit_name(code) if dimension is not Dimension.PROJECT else code)
        )
        value = row[ranked.label] if row else None
        rows.append({dim: label, ranked.label: value, "排名": place})
        where = f"在{len(ranked.keys)}个{dim}中排第{place}位" if place else "不在排名中（没有数据）"
        parts.append(
            f"{label}{years_text(years)}{ranked.label}{figure(value, ranked.kind)}，{where}"
        )
    sql = ";\n".join(ranked.sql)
    first = places.get(named[0])
    return Answer("；".join(parts), AnswerKind.DATA, first, rows, sql, ranked.sources)
