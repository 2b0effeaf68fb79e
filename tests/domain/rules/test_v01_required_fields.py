from lingji.domain.findings import Severity
from lingji.domain.models import Unit
from lingji.domain.rules.validation import v01_required_fields
from tests.domain.rules.validation_helpers import clean_project, line, run


def test_a_complete_project_raises_nothing():
    result = run(v01_required_fields, clean_project())
    assert result.findings == [] and result.checked == 1


def test_every_empty_field_of_a_project_is_named_in_one_blocker():
    p = clean_project(rationale=None, content="  ", requested=None, end_year=None)
    (finding,) = run(v01_required_fields, p).findings
    assert finding.severity is Severity.BLOCKER
    assert finding.message == "结束年度、申报金额、立项依据、实施内容为空"
    assert finding.evidence["empty_fields"] == ["结束年度", "申报金额", "立项依据", "实施内容"]


def test_a_placeholder_counts_as_empty():
    (finding,) = run(v01_required_fields, clean_project(content="无")).findings
    assert "实施内容为空" in finding.message


def test_empty_line_fields_are_reported_with_their_line_number():
    p = clean_project(lines=[line("会议费", "500"), line(None, None, line_no=7)])
    (finding,) = run(v01_required_fields, p).findings
    assert finding.message == "支出明细第7行明细名称、金额为空"


def test_policy_refs_and_goal_are_left_to_v02_and_v05():
    assert (
        run(v01_required_fields, clean_project(policy_refs=None, overall_goal=None)).findings == []
    )


def test_a_unit_without_a_name_is_reported_on_the_unit():
    result = run(v01_required_fields, clean_project(), units=[Unit("U1", None)])
    (finding,) = result.findings
    assert finding.project_code is None and finding.unit_code == "U1"
    assert "单位名称为空" in finding.message
