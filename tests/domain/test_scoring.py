from decimal import Decimal

from lingji.domain.findings import Finding, Severity
from lingji.domain.models import HistoryProject, PolicyDocument
from lingji.domain.scoring import DIMENSIONS, score_project
from tests.domain.rules.helpers import context, project


def _ctx(*projects, **extra):
    return context(*projects, sheets=("units", "projects", "policy_documents", "history"), **extra)


LIBRARY = [
    PolicyDocument(
        "财行〔2016〕540号", "中央和国家机关培训费管理办法", level="部门规章", status="有效"
    )
]


def test_necessity_comes_from_the_strongest_valid_cited_document():
    p = project(policy_refs="财行[2016]540号")
    score = score_project(_ctx(p, policy_documents=LIBRARY), p, [])
    assert score.dimension("necessity") == Decimal(85)
    assert "中央和国家机关培训费管理办法" in score.items[0].reason


def test_no_policy_basis_scores_low_and_says_so():
    p = project(policy_refs=None)
    score = score_project(_ctx(p), p, [])
    assert score.dimension("necessity") == Decimal(20)
    assert score.items[0].reason == "未提供政策依据"


def test_a_priority_area_and_a_good_evaluation_raise_importance():
    p = project(name="义务教育学生营养改善计划", prev_project_code="P26")
    history = [HistoryProject(2026, "P26", eval_rating="优")]
    score = score_project(_ctx(p, history=history), p, [])
    assert score.dimension("importance") == Decimal(95)
    assert {i.rule for i in score.items} >= {
        "importance.priority_areas",
        "importance.evaluation_points",
    }


def test_each_finding_takes_its_published_points_and_is_traced():
    p = project()
    findings = [Finding("M01", Severity.WARNING, "U1", "P1", 3, "会议费超标")] * 3
    score = score_project(_ctx(p), p, findings)
    assert score.dimension("compliance") == Decimal(60)  # 3 × 20 capped at 40
    penalties = [i for i in score.items if i.finding_code == "M01"]
    assert [i.points for i in penalties] == [Decimal(-20), Decimal(-20)]
    assert penalties[0].line_no == 3 and "会议费超标" in penalties[0].reason


def test_total_is_the_published_weighted_sum():
    p = project()
    ctx = _ctx(p)
    score = score_project(ctx, p, [])
    weights = ctx.ruleset.scoring["weights"]
    expected = sum(score.dimension(d) * Decimal(str(weights[d])) for d in DIMENSIONS)
    assert score.total(weights) == expected.quantize(Decimal("0.01"))
