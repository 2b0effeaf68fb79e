from lingji.domain.findings import Severity
from lingji.domain.rules.validation import v12_project_period
from tests.domain.rules.validation_helpers import clean_project, run


def _run(start, end):
    return run(v12_project_period, clean_project(start_year=start, end_year=end))


def test_a_period_covering_the_budget_year_passes():
    assert _run(2025, 2029).findings == [] and _run(2027, 2027).findings == []


def test_a_project_ended_before_the_budget_year_is_a_blocker():
    (finding,) = _run(2024, 2026).findings
    assert finding.severity is Severity.BLOCKER
    assert finding.message == "项目期限2024—2026年，已于2027年预算年度前结束"


def test_a_start_after_the_end_is_reported():
    (finding,) = _run(2028, 2027).findings
    assert finding.message.startswith("开始年度2028晚于结束年度2027")


def test_only_one_year_given_checks_what_it_can():
    assert "已于2027年预算年度前结束" in _run(None, 2026).findings[0].message
    assert _run(2026, None).findings == []


def test_no_years_at_all_is_missing_data():
    result = _run(None, None)
    assert result.findings == [] and [s.reason.value for s in result.skips] == ["数据缺失"]
