"""Thematic analysis of a reviewed round: one topic's spending per unit and its findings."""

from __future__ import annotations

from sqlalchemy import Engine

from lingji.adapters.db.loading import load_round
from lingji.adapters.db.results import load_findings
from lingji.domain.ruleset import RuleSet
from lingji.domain.thematic import TopicReport, build_topic_report, find_topic, topics
from lingji.exceptions import RoundNotFound, TopicNotFound
from lingji.services.review import latest_run_id


def analyse_topic(*, engine: Engine, round_id: int, topic: str, ruleset: RuleSet) -> TopicReport:
    """Builds a topic's report from the round and the findings of its newest review."""
    configured = topics(ruleset.thematic)
    found = find_topic(configured, topic)
    if found is None:
        names = "、".join(f"{t.key}（{t.title}）" for t in configured)
        raise TopicNotFound(f"没有专题“{topic}”；可选专题：{names}")
    run_id = latest_run_id(engine=engine, round_id=round_id)
    if run_id is None:
        raise RoundNotFound("该预算轮次还没有审核结果，请先运行 lingji review")
    with engine.connect() as conn:
        # units, projects and their lines: the core sheets are all a topic's table reads
        budget_round = load_round(conn, round_id, sheets=())
        findings = load_findings(conn, run_id, codes=found.codes)
    return build_topic_report(
        found,
        units={u.unit_code: u for u in budget_round.units},
        projects=budget_round.projects,
        findings=findings,
    )
