import datetime as dt

from lingji.domain.findings import Severity
from lingji.domain.rules.validation import v04_policy_expired
from tests.domain.rules.validation_helpers import WITH_POLICIES, clean_project, policy, run


def _run(document, sheets=WITH_POLICIES, **fields):
    return run(
        v04_policy_expired, clean_project(**fields), sheets=sheets, policy_documents=[document]
    )


def test_a_valid_document_passes():
    result = _run(policy(expires=dt.date(2029, 12, 31)))
    assert result.findings == [] and result.checked == 1


def test_an_abolished_document_is_a_blocker_with_its_date():
    (finding,) = _run(policy(status="废止", expires=dt.date(2025, 3, 1))).findings
    assert finding.severity is Severity.BLOCKER
    assert (
        "澜溪府发〔2024〕8号《零基预算改革实施方案》已废止（失效日期2025-03-01）" in finding.message
    )
    assert finding.policy_refs == ("澜溪府发〔2024〕8号",)


def test_a_document_marked_valid_but_expired_before_the_budget_year_is_reported():
    (finding,) = _run(policy(expires=dt.date(2026, 12, 31))).findings
    assert "已于2026-12-31失效，早于2027年预算年度开始" in finding.message


def test_a_document_expiring_during_the_budget_year_still_supports_it():
    assert _run(policy(expires=dt.date(2027, 6, 30))).findings == []


def test_without_a_policy_sheet_the_check_records_missing_data():
    result = _run(policy(), sheets=("units", "projects"))
    assert [s.reason.value for s in result.skips] == ["数据缺失"]


def test_numbers_absent_from_the_library_are_left_to_v03():
    result = _run(policy(), policy_refs="某某〔2020〕1号", rationale="见某某〔2020〕1号")
    assert result.findings == [] and [s.reason.value for s in result.skips] == ["不适用"]
