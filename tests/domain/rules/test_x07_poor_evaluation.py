from decimal import Decimal

from lingji.domain.models import HistoryProject
from lingji.domain.rules.crosscheck import x07_poor_evaluation
from tests.domain.rules.helpers import context, project

SHEETS = ("units", "projects", "detail_lines", "indicators", "history")


def _run(requested="200000", score="68", rating="中", budget="200000", continuing="是"):
    last = HistoryProject(
        2026,
        "XM2026-1",
        budget=None if budget is None else Decimal(budget),
        eval_score=None if score is None else Decimal(score),
        eval_rating=rating,
    )
    p = project(
        "XM2027-1", requested=requested, continuing=continuing, prev_project_code="XM2026-1"
    )
    if continuing == "否":
        p.prev_project_code = None
    ctx = context(p, sheets=SHEETS, history=[last])
    return x07_poor_evaluation.check(ctx, ctx.ruleset.params("X07"))


def test_a_fair_evaluation_not_reduced_is_cut_by_the_rule_sets_share():
    (finding,) = _run().findings
    assert finding.amount_excess == Decimal("20000.00")
    assert "绩效评价68分，等级为“中”" in finding.message
    assert "核减10.0%，本年不超过180,000元" in finding.message
    assert finding.evidence["cut_share"] == "0.1"


def test_a_poor_evaluation_cuts_the_whole_request():
    (finding,) = _run(score="52", rating="差").findings
    assert finding.amount_excess == Decimal("200000.00")
    assert "取消或暂停" in finding.message


def test_a_partial_reduction_is_cut_only_down_to_the_expected_level():
    (finding,) = _run(requested="190000").findings
    assert finding.amount_excess == Decimal("10000.00")


def test_a_request_reduced_by_the_share_passes():
    result = _run(requested="180000")
    assert result.findings == [] and result.checked == 1


def test_good_evaluations_pass():
    assert _run(score="85", rating="良").findings == []


def test_the_rating_is_read_from_the_score_when_empty():
    (finding,) = _run(score="59", rating=None).findings
    assert "按分档为“差”" in finding.message


def test_no_evaluation_is_data_missing_and_a_new_project_not_applicable():
    assert [s.reason.value for s in _run(score=None, rating=None).skips] == ["数据缺失"]
    assert [s.reason.value for s in _run(continuing="否").skips] == ["不适用"]


def test_an_empty_budget_is_data_missing():
    assert [s.reason.value for s in _run(budget=None).skips] == ["数据缺失"]
