"""Reviewing a stored round: checks, scores, grades, ranks, suggested amounts; stored with the rule set."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine, Table, insert, select

from lingji.adapters.db import rounds, tables
from lingji.adapters.db.bulk import insert_columns, storage_columns
from lingji.adapters.db.loading import load_round, load_sheet
from lingji.domain.findings import Finding, Skip
from lingji.domain.grading import Rankable, Suggestion, grade, is_blocked, rank, suggest
from lingji.domain.models import DetailLine, Project
from lingji.domain.review import CheckRun, run_checks
from lingji.domain.review_context import ReviewContext, build_context
from lingji.domain.rules import REGISTRY
from lingji.domain.ruleset import RuleSet
from lingji.domain.scoring import DIMENSIONS, ProjectScore, score_project
from lingji.domain.scoring import SHEETS as SCORING_SHEETS
from lingji.exceptions import RoundNotFound
from lingji.services.collector import collector_paused


@dataclass(slots=True)
class ProjectReview:
    project: Project
    findings: list[Finding]
    score: ProjectScore
    total: Decimal
    grade: str
    blocked: bool
    suggestion: Suggestion
    rank: int = 0


@dataclass(slots=True)
class ReviewReport:
    """Everything a review produced, ready for the CSV files, the HTML report and the database."""

    run_id: int
    year: int
    region: str
    ruleset: RuleSet
    reviewed_at: dt.datetime
    projects: list[ProjectReview]
    findings: list[Finding]
    skips: list[Skip]
    #: finding code -> version of the check that ran
    check_versions: dict[str, int]
    context: ReviewContext
    timings: dict[str, float] = field(default_factory=dict)
    #: finding code -> seconds its check took
    check_timings: dict[str, float] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        requested = sum((p.suggestion.requested for p in self.projects), Decimal(0))
        suggested = sum((p.suggestion.suggested for p in self.projects), Decimal(0))
        return {
            "projects": len(self.projects),
            "requested_total": str(requested),
            "suggested_total": str(suggested),
            "grades": dict(sorted(Counter(p.grade for p in self.projects).items())),
            "blocked": sum(p.blocked for p in self.projects),
            "findings_by_code": dict(sorted(Counter(f.code for f in self.findings).items())),
        }


def find_round_id(*, engine: Engine, year: int, region: str | None) -> int:
    """Returns the id of the stored round of that year (and region, when several exist)."""
    return find_round(engine=engine, year=year, region=region).id


def find_round(*, engine: Engine, year: int, region: str | None) -> rounds.StoredRound:
    """Returns the stored round of that year (and region, when several exist)."""
    with engine.connect() as conn:
        matches = [
            r for r in rounds.list_rounds(conn) if r.year == year and region in (None, r.region)
        ]
    if not matches:
        raise RoundNotFound(f"数据库中没有 {region or ''}{year} 年度的预算轮次，请先导入")
    if len(matches) > 1:
        names = "、".join(r.region for r in matches)
        raise RoundNotFound(f"{year} 年度有多个地区的预算轮次（{names}），请用 --region 指定")
    return matches[0]


def review_round(*, engine: Engine, round_id: int, ruleset: RuleSet) -> ReviewReport:
    """Reviews a stored round with a rule set and stores the results beside it."""
    with collector_paused():
        return _review(engine, round_id, ruleset)


def _review(engine: Engine, round_id: int, ruleset: RuleSet) -> ReviewReport:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with engine.connect() as conn:
        stored = rounds.round_by_id(conn, round_id)
        if stored is None:
            raise RoundNotFound(f"找不到编号为 {round_id} 的预算轮次")
        needed = {sheet for check in REGISTRY for sheet in check.sheets} | set(SCORING_SHEETS)
        budget_round = load_round(conn, round_id, sheets=needed)
    timings["load"] = time.perf_counter() - started

    def fetch_history_lines(econ_codes: frozenset[str]) -> list[DetailLine]:
        # a check that needs a few of the million history lines (T01's 三公 codes) reads
        # just those, when it needs them
        with engine.connect() as conn:
            return load_sheet(conn, round_id, "history_lines", econ_codes=econ_codes)

    started = time.perf_counter()
    ctx = build_context(budget_round, ruleset, fetch_history_lines=fetch_history_lines)
    runs = run_checks(ctx)
    timings["checks"] = time.perf_counter() - started

    started = time.perf_counter()
    reviews = _score_and_rank(ctx, runs)
    timings["score"] = time.perf_counter() - started

    report = ReviewReport(
        run_id=0,
        year=stored.year,
        region=stored.region,
        ruleset=ruleset,
        reviewed_at=dt.datetime.now(dt.UTC),
        projects=reviews,
        findings=[f for run in runs for f in run.findings],
        skips=[s for run in runs for s in run.skips],
        check_versions={run.check.code: run.check.version for run in runs},
        context=ctx,
        timings=timings,
        check_timings={run.check.code: run.seconds for run in runs},
    )
    started = time.perf_counter()
    report.run_id = _store(engine, round_id, report)
    timings["store"] = time.perf_counter() - started
    return report


def _score_and_rank(ctx: ReviewContext, runs: list[CheckRun]) -> list[ProjectReview]:
    by_project: dict[str, list[Finding]] = defaultdict(list)
    by_unit: dict[str, list[Finding]] = defaultdict(list)
    for run in runs:
        for finding in run.findings:
            if finding.project_code:
                by_project[finding.project_code].append(finding)
            else:
                by_unit[finding.unit_code].append(finding)
    weights = ctx.ruleset.scoring["weights"]
    reviews = []
    for project in ctx.projects:
        own = by_project.get(project.project_code, [])
        # a unit-level finding (its 三公, an unrectified unit audit) weighs on each of its projects
        scored = own + by_unit.get(project.unit_code, [])
        score = score_project(ctx, project, scored)
        scores = score.dimensions()
        reviews.append(
            ProjectReview(
                project=project,
                findings=own,
                score=score,
                total=score.total(weights),
                grade=grade(scores["necessity"], scores["importance"], ctx.ruleset.grading),
                blocked=is_blocked(own),
                suggestion=suggest(project.requested_amount, own, ctx.ruleset.suggestion),
            )
        )
    ranks = rank(
        Rankable(r.project.project_code, r.grade, r.total, r.blocked, r.suggestion.requested)
        for r in reviews
    )
    for review in reviews:
        review.rank = ranks[review.project.project_code]
    return reviews


def _store(engine: Engine, round_id: int, report: ReviewReport) -> int:
    with engine.begin() as conn:
        inserted = conn.execute(
            insert(tables.review_runs).values(
                round_id=round_id,
                ruleset_version=report.ruleset.version,
                ruleset_name=report.ruleset.name,
                reviewed_at=report.reviewed_at,
                check_versions=json.dumps(report.check_versions),
                summary=json.dumps(report.summary(), ensure_ascii=False),
            )
        ).inserted_primary_key
        assert inserted is not None
        run_id = inserted[0]
        project_rows = [_project_row(run_id, r) for r in report.projects]
        _insert_rows(conn, tables.review_projects, project_rows)
        finding_rows = [
            {
                "run_id": run_id,
                "unit_code": f.unit_code,
                "project_code": f.project_code,
                "line_no": f.line_no,
                "code": f.code,
                "severity": f.severity.value,
                "message": f.message,
                "amount_excess": f.amount_excess,
                "evidence": json.dumps(f.evidence, ensure_ascii=False, default=str),
                "policy_refs": "；".join(f.policy_refs),
                "rule_version": report.check_versions[f.code],
            }
            for f in report.findings
        ]
        _insert_rows(conn, tables.review_findings, finding_rows)
        skip_counts = Counter((s.code, s.reason.value, s.explanation) for s in report.skips)
        if skip_counts:
            conn.execute(
                insert(tables.review_skips),
                [
                    {"run_id": run_id, "code": c, "reason": r, "explanation": e, "count": n}
                    for (c, r, e), n in sorted(skip_counts.items())
                ],
            )
    return int(run_id)


def _insert_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    # a review stores a row per project and per finding: 100k+ rows through the bulk path
    if not rows:
        return
    names = list(rows[0])
    columns = [[row[name] for row in rows] for name in names]
    insert_columns(conn, table, names, storage_columns(table, names, columns))


def _project_row(run_id: int, review: ProjectReview) -> dict[str, Any]:
    row: dict[str, Any] = {
        "run_id": run_id,
        "project_code": review.project.project_code,
        "unit_code": review.project.unit_code,
        "name": review.project.name,
        "requested_amount": review.project.requested_amount,
        "suggested_amount": review.suggestion.suggested,
        "score_total": review.total,
        "grade": review.grade,
        "rank": review.rank,
        "blocked": int(review.blocked),
        "trace": json.dumps(trace(review), ensure_ascii=False),
    }
    scores = review.score.dimensions()
    for dimension in DIMENSIONS:
        row[f"score_{dimension}"] = scores[dimension]
    return row


def trace(review: ProjectReview) -> dict[str, Any]:
    """The score items and cuts behind a project's figures, as shown to its department."""
    return {
        "base": {d: str(v) for d, v in review.score.base.items()},
        "items": [
            {
                "dimension": i.dimension,
                "points": str(i.points),
                "reason": i.reason,
                "rule": i.rule,
                "finding_code": i.finding_code,
                "line_no": i.line_no,
            }
            for i in review.score.items
        ],
        "cuts": [
            {"code": c.code, "line_no": c.line_no, "amount": str(c.amount), "message": c.message}
            for c in review.suggestion.cuts
        ],
    }


def latest_run_id(*, engine: Engine, round_id: int) -> int | None:
    """Returns the newest review run of a round, if any."""
    with engine.connect() as conn:
        return conn.execute(
            select(tables.review_runs.c.id)
            .where(tables.review_runs.c.round_id == round_id)
            .order_by(tables.review_runs.c.id.desc())
        ).scalar()
