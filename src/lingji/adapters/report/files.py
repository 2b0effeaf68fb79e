"""The review output folder: projects.csv and findings.csv exactly as the data contract says,
plus skips.csv and allocation.csv. UTF-8 with BOM so that Excel opens them as Chinese."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from lingji.domain.allocation import Allocation
from lingji.domain.findings import Finding
from lingji.domain.scoring import DIMENSIONS
from lingji.domain.thematic import TopicReport
from lingji.services.review import ReviewReport

PROJECT_COLUMNS = (
    "project_code", "unit_code", "name", "requested_amount", "suggested_amount", "score_total",
    *(f"score_{d}" for d in DIMENSIONS), "grade", "rank",
)  # fmt: skip
FINDING_COLUMNS = (
    "unit_code", "project_code", "line_no", "code", "severity", "message", "amount_excess",
    "evidence", "policy_refs",
)  # fmt: skip


def money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _write(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _dimension_scores(review: Any) -> list[Decimal]:
    scores = review.score.dimensions()
    return [scores[d] for d in DIMENSIONS]


def write_review_files(report: ReviewReport, out: Path) -> list[Path]:
    """Writes projects.csv, findings.csv and skips.csv; returns their paths."""
    projects = (
        (
            r.project.project_code,
            r.project.unit_code,
            r.project.name or "",
            money(r.project.requested_amount),
            money(r.suggestion.suggested),
            f"{r.total:.2f}",
            *(f"{score:.2f}" for score in _dimension_scores(r)),
            r.grade,
            r.rank,
        )
        for r in sorted(report.projects, key=lambda r: r.rank)
    )
    findings = (
        _finding_row(
            f,
            rule_version=report.check_versions[f.code],
            ruleset_version=report.ruleset.version,
        )
        for f in report.findings
    )
    skips = (
        (s.code, s.reason.value, s.unit_code or "", s.project_code or "", s.explanation)
        for s in report.skips
    )
    return [
        _write(out / "projects.csv", PROJECT_COLUMNS, projects),
        _write(out / "findings.csv", FINDING_COLUMNS, findings),
        _write(
            out / "skips.csv", ("code", "reason", "unit_code", "project_code", "explanation"), skips
        ),
    ]


def write_allocation_files(
    allocations: list[Allocation], unit_names: dict[str, str], out: Path
) -> list[Path]:
    """Writes allocation.csv (per project) and allocation_units.csv (per unit)."""
    per_project = (
        (
            a.rank,
            a.project_code,
            a.unit_code,
            a.grade,
            money(a.suggested),
            money(a.allocated),
            a.status,
            a.reason,
        )
        for a in sorted(allocations, key=lambda a: a.rank)
    )
    totals: dict[str, list[Decimal]] = {}
    for a in allocations:
        t = totals.setdefault(a.unit_code, [Decimal(0), Decimal(0), Decimal(0)])
        t[0] += a.suggested
        t[1] += a.allocated
        t[2] += a.suggested - a.allocated
    per_unit = (
        (code, unit_names.get(code, ""), money(s), money(al), money(gap))
        for code, (s, al, gap) in sorted(totals.items())
    )
    return [
        _write(
            out / "allocation.csv",
            (
                "rank",
                "project_code",
                "unit_code",
                "grade",
                "suggested_amount",
                "allocated_amount",
                "status",
                "reason",
            ),
            per_project,
        ),
        _write(
            out / "allocation_units.csv",
            ("unit_code", "unit_name", "suggested_amount", "allocated_amount", "unfunded_amount"),
            per_unit,
        ),
    ]


def write_topic_files(report: TopicReport, out: Path) -> list[Path]:
    """Writes thematic-<topic>-units.csv (the per-unit table) and thematic-<topic>-findings.csv."""
    econ = report.econ_codes
    units = (
        (
            u.unit_code,
            u.unit_name,
            "" if u.staff is None else u.staff,
            u.projects,
            u.lines,
            money(u.amount),
            money(u.per_capita),
            *(money(u.by_econ_code.get(code)) for code in econ),
            u.findings,
            money(u.excess),
        )
        for u in report.units
    )
    header = (
        "unit_code", "unit_name", "staff_actual", "projects", "lines", "amount", "per_capita",
        *(f"econ_{code}" for code in econ), "findings", "amount_excess",
    )  # fmt: skip
    key = report.topic.key
    return [
        _write(out / f"thematic-{key}-units.csv", header, units),
        _write(
            out / f"thematic-{key}-findings.csv",
            FINDING_COLUMNS,
            (_finding_row(f) for f in report.findings),
        ),
    ]


def _finding_row(f: Finding, **versions: Any) -> tuple[Any, ...]:
    """A findings.csv row; `versions` (rule and rule-set versions) join the evidence."""
    return (
        f.unit_code,
        f.project_code or "",
        "" if f.line_no is None else f.line_no,
        f.code,
        f.severity.value,
        f.message,
        money(f.amount_excess),
        json.dumps({**f.evidence, **versions}, ensure_ascii=False, default=str),
        "；".join(f.policy_refs),
    )
