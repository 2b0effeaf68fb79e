from decimal import Decimal

from lingji.domain.findings import Severity
from lingji.domain.models import BureauStandard
from lingji.domain.rules.amounts import m01_over_standard
from tests.domain.rules.helpers import context, project
from tests.domain.standards.helpers import line


def _run(*projects, **extra):
    ctx = context(*projects, **extra)
    return m01_over_standard.check(ctx, ctx.ruleset.params("M01"))


def _meeting(price="900", **fields):
    fields.setdefault("econ", "30215")
    return line("会议费", price, unit="人天", persons=120, days="2", line_no=3, **fields)


def test_a_meeting_above_the_most_lenient_category_is_cut_to_it():
    (finding,) = _run(project(lines=[_meeting()])).findings
    assert finding.severity is Severity.WARNING
    assert finding.line_no == 3 and finding.amount_excess == Decimal("33600.00")
    assert finding.message == (
        "第3行 会议费：120人×2天×900元/人天，超过《中央和国家机关会议费管理办法》（财行〔2016〕214号）"
        "会议费综合定额（一类会议）上限760元/人天（未注明会议类别，按最宽的一类会议标准计），超标33,600元"
    )
    assert finding.policy_refs == ("财行〔2016〕214号",)
    assert finding.evidence["category_stated"] is False and finding.evidence["trust"] == "官"


def test_a_stated_category_is_held_to_its_own_limit():
    (finding,) = _run(project(lines=[_meeting("600", basis="三类会议")])).findings
    assert finding.amount_excess == Decimal("12000.00") and "未注明" not in finding.message


def test_a_meeting_within_the_limit_passes_and_counts_as_checked():
    result = _run(project(lines=[_meeting("700")]))
    assert result.findings == [] and result.checked == 1 and result.skips == []


def test_an_excess_within_the_tolerance_is_rounding():
    assert (
        _run(project(lines=[line("台式计算机", "5000.004", unit="台", quantity="1")])).findings
        == []
    )


def test_a_bureau_standard_is_cited_with_its_own_document():
    standard = BureauStandard("LX-BZ-001", "行政办公用房物业管理费", "30209", "物业管理", "元/平方米·月", Decimal("4.50"), "澜溪财预〔2025〕9号")  # fmt: skip
    fee = line("物业管理费", "7.80", econ="30209", unit="平方米·月", quantity="9432")
    (finding,) = _run(project(lines=[fee]), standards=[standard]).findings
    assert finding.amount_excess == Decimal("31125.60")
    assert (
        "本地支出标准“行政办公用房物业管理费”（澜溪财预〔2025〕9号）上限4.50元/平方米·月"
        in finding.message
    )
    assert (
        finding.policy_refs == ("澜溪财预〔2025〕9号",) and finding.evidence["origin"] == "本地标准"
    )


def test_a_project_without_standard_lines_is_not_applicable():
    result = _run(project(lines=[line("宣传折页印刷", "1", unit="份", quantity="10")]))
    assert [s.reason.value for s in result.skips] == ["不适用"] and result.checked == 0


def test_a_standard_line_measured_another_way_is_data_missing():
    result = _run(project(lines=[line("会议费", "30000", econ="30215", unit="场", quantity="1")]))
    (skip,) = result.skips
    assert skip.reason.value == "数据缺失"
    assert "会议费" in skip.explanation and "按“场”计量" in skip.explanation
