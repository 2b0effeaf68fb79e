"""report.html: the review as a reviewer or a department reads it, offline (no scripts, no CDN)."""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from lingji.domain.econ_codes import BUILT_IN
from lingji.domain.formatting import yuan
from lingji.domain.grading import GRADE_NAMES
from lingji.domain.rules import CHECKS_BY_CODE
from lingji.domain.scoring import DIMENSION_NAMES, DIMENSIONS
from lingji.domain.thematic import TopicReport, build_topic_report, topics
from lingji.services.review import ReviewReport

#: above this many projects the per-project details are left out (the CSV files hold them)
DETAIL_LIMIT = 5000
TOP_CUTS = 20
#: per topic: units in the table, bars in the chart, findings listed
TOPIC_UNITS = 15
TOPIC_BARS = 10
TOPIC_FINDINGS = 30
#: chart width (of 900) the largest bar takes
BAR_WIDTH = 520

_env = Environment(
    loader=PackageLoader("lingji.adapters.report", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.filters["yuan"] = yuan
# tables line up on two decimals; messages (yuan) drop the fen of whole amounts
_env.filters["money"] = lambda value: f"{value:,.2f}"


def render_report(report: ReviewReport) -> str:
    return _env.get_template("report.html").render(**_view(report))


def write_report(report: ReviewReport, out: Path) -> Path:
    path = out / "report.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(report), encoding="utf-8")
    return path


def _view(report: ReviewReport) -> dict[str, Any]:
    units = report.context.units
    requested = sum((p.suggestion.requested for p in report.projects), Decimal(0))
    suggested = sum((p.suggestion.suggested for p in report.projects), Decimal(0))
    grades = []
    for letter, name in GRADE_NAMES.items():
        members = [p for p in report.projects if p.grade == letter]
        grades.append({
            "grade": letter, "name": name, "count": len(members),
            "requested": sum((p.suggestion.requested for p in members), Decimal(0)),
            "suggested": sum((p.suggestion.suggested for p in members), Decimal(0)),
        })  # fmt: skip
    by_code: dict[str, list[Any]] = defaultdict(list)
    for f in report.findings:
        by_code[f.code].append(f)
    codes = [
        {
            "code": code,
            "title": CHECKS_BY_CODE[code].title,
            "description": CHECKS_BY_CODE[code].description,
            "version": report.check_versions[code],
            "severity": report.ruleset.severities[code].value,
            "count": len(by_code.get(code, [])),
            "excess": sum((f.amount_excess for f in by_code.get(code, [])), Decimal(0)),
        }
        for code in report.check_versions
    ]
    unit_rows = []
    projects_by_unit: dict[str, list[Any]] = defaultdict(list)
    for p in sorted(report.projects, key=lambda p: p.rank):
        projects_by_unit[p.project.unit_code].append(p)
    unit_findings: dict[str, list[Any]] = defaultdict(list)
    for f in report.findings:
        unit_findings[f.unit_code].append(f)
    for code in sorted(set(projects_by_unit) | set(unit_findings)):
        members = projects_by_unit.get(code, [])
        severities = Counter(f.severity.value for f in unit_findings.get(code, []))
        unit_rows.append({
            "code": code, "name": units[code].unit_name if code in units else "",
            "projects": members, "count": len(members),
            "requested": sum((p.suggestion.requested for p in members), Decimal(0)),
            "suggested": sum((p.suggestion.suggested for p in members), Decimal(0)),
            "blockers": severities.get("阻断", 0), "warnings": severities.get("警告", 0),
            "infos": severities.get("提示", 0),
            "unit_findings": [f for f in unit_findings.get(code, []) if not f.project_code],
        })  # fmt: skip
    top_cuts = sorted(
        (p for p in report.projects if p.suggestion.cuts),
        key=lambda p: p.suggestion.requested - p.suggestion.suggested,
        reverse=True,
    )[:TOP_CUTS]
    skips = Counter((s.code, s.reason.value, s.explanation) for s in report.skips)
    return {
        "r": report,
        "requested": requested,
        "suggested": suggested,
        "grades": grades,
        "codes": codes,
        "units": unit_rows,
        "top_cuts": top_cuts,
        "skips": [
            {"code": c, "reason": r, "explanation": e, "count": n}
            for (c, r, e), n in sorted(skips.items())
        ],
        "dimensions": [(d, DIMENSION_NAMES[d]) for d in DIMENSIONS],
        "weights": report.ruleset.scoring["weights"],
        "grading": report.ruleset.grading,
        "details": len(report.projects) <= DETAIL_LIMIT,
        "detail_limit": DETAIL_LIMIT,
        "topics": [_topic_view(t) for t in _topic_reports(report)],
        "finding_limit": TOPIC_FINDINGS,
        "unit_names": {code: u.unit_name or "" for code, u in units.items()},
        "econ_names": {code: entry.name for code, entry in BUILT_IN.items()},
    }


def _topic_reports(report: ReviewReport) -> list[TopicReport]:
    projects = [p.project for p in report.projects]
    return [
        build_topic_report(
            topic, units=report.context.units, projects=projects, findings=report.findings
        )
        for topic in topics(report.ruleset.thematic)
    ]


def _topic_view(topic_report: TopicReport) -> dict[str, Any]:
    biggest = sorted(topic_report.units, key=lambda u: u.amount, reverse=True)[:TOPIC_BARS]
    top = max((u.amount for u in biggest), default=Decimal(0))
    bars = [
        {
            "label": f"{u.unit_name or u.unit_code}"[:16],
            "amount": u.amount,
            "excess": u.excess,
            "width": round(float(u.amount / top) * BAR_WIDTH, 1),
            "cut_width": round(float(min(u.excess, u.amount) / top) * BAR_WIDTH, 1),
        }
        for u in biggest
        if u.amount > 0
    ]
    return {
        "key": topic_report.topic.key,
        "title": topic_report.topic.title,
        "description": topic_report.topic.description,
        "codes": topic_report.topic.codes,
        "amount": topic_report.amount,
        "excess": topic_report.excess,
        "flagged_units": topic_report.flagged_units,
        "unit_count": len(topic_report.units),
        "rows": topic_report.units[:TOPIC_UNITS],
        "econ_codes": topic_report.econ_codes,
        "findings": topic_report.findings,
        "bars": bars,
    }
