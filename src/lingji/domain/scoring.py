"""Scoring: six dimensions, 0–100 each, every point traced to the rule and evidence that moved it.

The dimensions and weights are published in the rule set (`scoring:`). A dimension starts
from its base and moves by items: the policy basis (necessity), the configured priority areas
and the project's last evaluation (importance), and a penalty per finding (the finding code's
row of `scoring.penalties`). Lingji's own method: no official formula exists (docs/scoring.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lingji.domain.findings import Finding
from lingji.domain.models import Project
from lingji.domain.policy import extract_doc_numbers
from lingji.domain.review_context import ReviewContext

#: sheets scoring reads beyond the core ones: the policy library and last year's evaluations
SHEETS = ("policy_documents", "history")
DIMENSIONS = ("necessity", "importance", "normativity", "compliance", "performance", "supervision")
DIMENSION_NAMES = {
    "necessity": "必要性",
    "importance": "重要性",
    "normativity": "申报规范性",
    "compliance": "合规性",
    "performance": "绩效",
    "supervision": "监督结果",
}


_ZERO, _HUNDRED = Decimal(0), Decimal(100)


@dataclass(frozen=True, slots=True)
class ScoreItem:
    """One move of one dimension: how many points, why, and which rule or finding."""

    dimension: str
    points: Decimal
    reason: str
    rule: str
    finding_code: str | None = None
    line_no: int | None = None


@dataclass(slots=True)
class ProjectScore:
    project_code: str
    base: dict[str, Decimal]
    items: list[ScoreItem] = field(default_factory=list)

    def dimension(self, name: str) -> Decimal:
        """The dimension's score: its base plus its items, clamped to 0–100."""
        return self.dimensions()[name]

    def dimensions(self) -> dict[str, Decimal]:
        """Every dimension's score, summed in one pass over the items."""
        raw = dict(self.base)
        for item in self.items:
            raw[item.dimension] += item.points
        return {name: min(_HUNDRED, max(_ZERO, value)) for name, value in raw.items()}

    def total(self, weights: Mapping[str, Any]) -> Decimal:
        scores = self.dimensions()
        weighted = sum((scores[d] * Decimal(str(weights[d])) for d in DIMENSIONS), _ZERO)
        return weighted.quantize(Decimal("0.01"))


def score_project(
    ctx: ReviewContext, project: Project, findings: Iterable[Finding]
) -> ProjectScore:
    """Scores one project from its policy basis, priority, evaluation and findings."""
    params = ctx.ruleset.scoring
    score = ProjectScore(
        project.project_code, {d: Decimal(str(params["base"][d])) for d in DIMENSIONS}
    )
    score.items += _policy_basis(ctx, project, params["necessity"])
    score.items += _priority(ctx, project, params["importance"])
    score.items += _penalties(findings, params["penalties"], params["max_penalty_per_code"])
    return score


def _policy_basis(
    ctx: ReviewContext, project: Project, params: Mapping[str, Any]
) -> list[ScoreItem]:
    # extracted apart: a unit's projects repeat their 政策依据, so that part is a cache hit
    cited = list(
        dict.fromkeys(
            extract_doc_numbers(project.policy_refs) + extract_doc_numbers(project.rationale)
        )
    )
    if not cited and not (project.policy_refs or "").strip():
        return [
            ScoreItem(
                "necessity",
                Decimal(str(params["no_basis"])),
                "未提供政策依据",
                "necessity.no_basis",
            )
        ]
    levels = params["level_points"]
    best: tuple[Decimal, str] | None = None
    for doc_no in cited:
        doc = ctx.policy_library.get(doc_no)
        if doc is None or doc.status in ("废止", "失效"):
            continue
        points = Decimal(str(levels.get(doc.level or "", params["unknown_level"])))
        if best is None or points > best[0]:
            best = (
                points,
                f"依据{doc.level or '层级未知'}《{doc.title or doc_no}》（{doc.doc_no}）",
            )
    items = []
    if best:
        items.append(ScoreItem("necessity", best[0], best[1], "necessity.level_points"))
    else:
        items.append(
            ScoreItem(
                "necessity",
                Decimal(str(params["unverified_basis"])),
                "政策依据无法在政策文件库中核实为有效文件",
                "necessity.unverified_basis",
            )
        )
    if project.category == "运转类":
        items.append(
            ScoreItem(
                "necessity",
                Decimal(str(params["operating_bonus"])),
                "运转类项目，保障机构履职",
                "necessity.operating_bonus",
            )
        )
    return items


def _priority(ctx: ReviewContext, project: Project, params: Mapping[str, Any]) -> list[ScoreItem]:
    items = []
    text = f"{project.name or ''}{project.content or ''}{project.rationale or ''}"
    for area, keywords in params["priority_areas"].items():
        hit = next((k for k in keywords if k in text), None)
        if hit:
            items.append(
                ScoreItem(
                    "importance",
                    Decimal(str(params["priority_points"])),
                    f"属于重点保障领域「{area}」（命中「{hit}」）",
                    "importance.priority_areas",
                )
            )
            break
    previous = ctx.previous(project)
    if previous and previous.eval_rating in params["evaluation_points"]:
        points = Decimal(str(params["evaluation_points"][previous.eval_rating]))
        items.append(
            ScoreItem(
                "importance",
                points,
                f"{previous.year}年绩效评价为「{previous.eval_rating}」",
                "importance.evaluation_points",
            )
        )
    return items


def _penalties(
    findings: Iterable[Finding], table: Mapping[str, Mapping[str, Any]], cap: Any
) -> list[ScoreItem]:
    items = []
    spent: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    limit = Decimal(str(cap))
    for finding in findings:
        for dimension, points in table.get(finding.code, {}).items():
            penalty = Decimal(str(points))
            room = limit - spent[(finding.code, dimension)]
            if room <= 0:
                continue
            penalty = min(penalty, room)
            spent[(finding.code, dimension)] += penalty
            where = f"第{finding.line_no}行 " if finding.line_no else ""
            items.append(
                ScoreItem(
                    dimension,
                    -penalty,
                    f"{finding.code} {where}{finding.message}",
                    f"scoring.penalties.{finding.code}",
                    finding.code,
                    finding.line_no,
                )
            )
    return items
