from lingji.domain.findings import Severity
from lingji.domain.rules.validation import v05_goal_and_indicators
from tests.domain.rules.validation_helpers import clean_project, run


def test_a_goal_with_indicators_passes():
    assert run(v05_goal_and_indicators, clean_project()).findings == []


def test_an_empty_goal_is_a_blocker():
    (finding,) = run(
        v05_goal_and_indicators, clean_project(overall_goal="／".replace("／", "/"))
    ).findings
    assert finding.severity is Severity.BLOCKER and finding.message == "总体绩效目标为空"


def test_no_indicators_is_reported_and_both_gaps_go_into_one_finding():
    (finding,) = run(
        v05_goal_and_indicators, clean_project(overall_goal=None, indicators=())
    ).findings
    assert finding.message == "总体绩效目标为空；没有设置任何绩效指标"


def test_without_the_indicator_sheet_only_the_goal_is_checked():
    result = run(
        v05_goal_and_indicators, clean_project(indicators=()), sheets=("units", "projects")
    )
    assert result.findings == [] and [s.reason.value for s in result.skips] == ["数据缺失"]
