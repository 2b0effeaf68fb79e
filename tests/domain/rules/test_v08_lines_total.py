from lingji.domain.findings import Severity
from lingji.domain.rules.validation import v08_lines_total
from tests.domain.rules.helpers import context, project


def _run(*projects):
    ctx = context(*projects)
    return v08_lines_total.check(ctx, ctx.ruleset.params("V08"))


def test_lines_that_add_up_raise_nothing():
    result = _run(project(requested="1000", lines=["600", "400"]))
    assert result.findings == [] and result.checked == 1


def test_lines_above_the_request_are_a_blocker_with_the_gap():
    (finding,) = _run(project(requested="500000", lines=["300000", "270000"])).findings
    assert finding.severity is Severity.BLOCKER
    assert "明细合计570,000元" in finding.message and "多70,000元" in finding.message
    assert finding.evidence["difference"] == "70000"


def test_a_rounding_difference_within_tolerance_passes():
    assert _run(project(requested="100.00", lines=["33.33", "33.33", "33.33"])).findings == []


def test_a_project_without_lines_is_recorded_as_not_applicable():
    result = _run(project(lines=()))
    assert result.findings == []
    assert [s.reason.value for s in result.skips] == ["不适用"]
