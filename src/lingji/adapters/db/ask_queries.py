"""Running a parsed question (domain/ask/query.py) against a stored round.

Every statement is restricted to the round (and to its newest review) and, for an asker
with a limited scope, to `unit_code IN (their units)`, whatever the question says; a
question naming a unit outside the scope is refused (无权查看…) without touching the data.

What an Answer holds:
- rows: one dict per group, the dimension first (单位, 项目, 项目类型, 经济科目 "30215 会议费",
  年度, 等级 ...), then the metric, then supporting figures (项目数, 执行数/预算数, 占比 ...).
  Money is Decimal yuan; rates and shares are Decimal percentages (Decimal('93.52') is 93.52%).
- value: see ask_answers.py (a single figure, the top of a ranking, the count of a list ...).
- sql: the statements run, with literal values, in the connection's dialect.
- sources: the tables used (项目表, 审核结果（第N次审核）, 历史执行表, 支出明细表 ...).
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import Connection, select

from lingji.adapters.db import ask_answers as answers
from lingji.adapters.db import tables
from lingji.adapters.db.ask_compute import Refusal, compute
from lingji.adapters.db.ask_facts import RoundFacts, load_facts, units_of
from lingji.adapters.db.rounds import StoredRound, list_rounds
from lingji.domain.ask.answer import Answer, AnswerKind
from lingji.domain.ask.lexicon import Lexicon, UnitName, build_lexicon
from lingji.domain.ask.query import Dimension, Filters, Metric, Query
from lingji.domain.ask.resolve import HISTORY_METRICS
from lingji.domain.ask.scope import Scope
from lingji.domain.econ_codes import BUILT_IN
from lingji.domain.rules import REGISTRY


def newest_round(conn: Connection, region: str | None = None) -> StoredRound | None:
    """Returns the round with the newest budget year (of that region, when given)."""
    rounds = [r for r in list_rounds(conn) if region is None or r.region == region]
    return rounds[0] if rounds else None


def load_lexicon(conn: Connection, round_id: int) -> Lexicon:
    """The words of a stored round; build it once per round and keep it."""
    stored = conn.execute(
        select(tables.budget_rounds.c.year, tables.budget_rounds.c.region).where(
            tables.budget_rounds.c.id == round_id
        )
    ).one()
    u, p, h = tables.units.c, tables.projects.c, tables.history.c
    units = [
        UnitName(code, name or code, parent or None)
        for code, name, parent in conn.execute(
            select(u.unit_code, u.unit_name, u.parent_code).where(u.round_id == round_id)
        )
    ]
    projects = conn.execute(
        select(p.project_code, p.name, p.unit_code).where(p.round_id == round_id)
    ).all()
    types = conn.execute(select(p.project_type).distinct().where(p.round_id == round_id)).scalars()
    history_types = conn.execute(
        select(h.project_type).distinct().where(h.round_id == round_id)
    ).scalars()
    years: set[int] = set()
    for table in (tables.history, tables.sangong, tables.history_lines):
        years.update(
            conn.execute(select(table.c.year).distinct().where(table.c.round_id == round_id))
            .scalars()
            .all()
        )
    econ = {code: entry.name for code, entry in BUILT_IN.items()}
    return build_lexicon(
        region=stored.region,
        budget_year=stored.year,
        history_years=[y for y in years if y is not None and y < stored.year],
        units=units,
        econ_names=econ,
        projects=[(code, name or code, unit) for code, name, unit in projects],
        project_types=[t for t in (*types, *history_types) if t],
        finding_titles={check.code: check.title for check in REGISTRY},
    )


def run_query(conn: Connection, query: Query, *, round_id: int, scope: Scope) -> Answer:
    """The answer to a parsed question, from the round's data the asker may see."""
    facts = load_facts(conn, round_id)
    allowed = _allowed_units(conn, facts, query.filters, scope)
    if isinstance(allowed, Answer):
        return allowed
    if query.share_base is not None:
        refusal = _allowed_units(conn, facts, query.share_base, scope)
        if isinstance(refusal, Answer):
            return refusal
    visible = None if scope.is_all else set(scope.unit_codes or ())
    years = query.years or (_default_year(query.metric, facts),)
    try:
        if query.among is not None:
            query, allowed = _among(conn, facts, query, allowed)
    except Refusal as refusal:
        return Answer(f"无法回答：{refusal.reason}", AnswerKind.UNANSWERABLE)
    words = answers.words(conn, facts, query, scope)
    try:
        if query.yoy and len(years) > 1:
            return answers.year_over_year(conn, facts, query, years, allowed, words)
        if len(years) > 1 and query.group_by in (None, Dimension.YEAR):
            return answers.by_year(conn, facts, query, years, allowed, words)
        if query.position:
            return answers.position(conn, facts, query, years, visible, words)
        figures = compute(conn, facts, query, years, allowed, visible)
    except Refusal as refusal:
        return Answer(f"无法回答：{refusal.reason}", AnswerKind.UNANSWERABLE)
    answer = answers.answer(query, years, figures, words)
    if query.also and answer.kind is AnswerKind.DATA:
        answers.add_metrics(conn, facts, query, years, allowed, visible, figures, answer)
    return answer


def _among(
    conn: Connection, facts: RoundFacts, query: Query, allowed: set[str] | None
) -> tuple[Query, set[str] | None]:
    """Narrows the query to the units (or projects) its `among` ranking returns."""
    ranking = query.among
    assert ranking is not None
    years = ranking.years or (_default_year(ranking.metric, facts),)
    found = compute(conn, facts, ranking, years, allowed)
    keys = tuple(k for k in found.keys if k is not None)
    if ranking.group_by is Dimension.PROJECT:
        filters = replace(query.filters, project_codes=keys)
        return replace(query, filters=filters, among=None), allowed
    filters = replace(query.filters, unit_codes=keys, departments=())
    narrowed = set(keys) if allowed is None else set(keys) & allowed
    return replace(query, filters=filters, among=None), narrowed


def _default_year(metric: Metric, facts: RoundFacts) -> int:
    return facts.newest_history_year if metric in HISTORY_METRICS else facts.year


def _allowed_units(
    conn: Connection, facts: RoundFacts, filters: Filters, scope: Scope
) -> set[str] | None | Answer:
    """The unit codes a statement may read (None: every unit), or a refusal when the
    question names a unit (or a project of a unit) outside the asker's scope."""
    if scope.is_all:
        return units_of(facts, filters, None)
    visible = set(scope.unit_codes or ())
    outside = {c for c in filters.unit_codes if c not in visible}
    outside |= {d for d in filters.departments if d not in visible}
    if filters.project_codes:
        owners: set[str] = set()
        for table in (tables.projects.c, tables.history.c):
            owners |= set(
                conn.execute(
                    select(table.unit_code).where(
                        table.round_id == facts.id, table.project_code.in_(filters.project_codes)
                    )
                ).scalars()
            )
        outside |= {u for u in owners if u not in visible}
    if outside:
        names = "、".join(facts.unit_name(c) for c in sorted(outside))
        return Answer(
            f"无权查看{names}的数据：您只能查询本单位（及下属单位）的数据。",
            AnswerKind.UNANSWERABLE,
        )
    return units_of(facts, filters, visible)
