from decimal import Decimal

from lingji.domain.findings import Severity
from lingji.domain.models import Unit
from lingji.domain.rules.thematic import t04_property_fees
from tests.domain.rules.helpers import context, project
from tests.domain.rules.thematic_helpers import PROPERTY, WITH_STANDARDS
from tests.domain.standards.helpers import line

D = Decimal


def _fee(price, square_metre_months, name="物业管理费", line_no=1, unit="平方米·月"):
    return line(name, price, econ="30209", unit=unit, quantity=str(square_metre_months),
                line_no=line_no)  # fmt: skip


def _run(*projects, office="786", standards=(PROPERTY,)):
    unit = Unit("U1", "县卫生健康局", office_area_m2=None if office is None else D(office))
    ctx = context(*projects, units=[unit], standards=list(standards), sheets=WITH_STANDARDS)
    return t04_property_fees.check(ctx, ctx.ruleset.params("T04"))


def test_a_fee_above_the_bureaus_rate_is_cut_to_it_with_the_same_excess_as_m01():
    (finding,) = _run(project(lines=[_fee("7.80", 786 * 12)])).findings
    assert finding.severity is Severity.WARNING and finding.line_no == 1
    assert finding.amount_excess == D("31125.60")  # 9,432 × (7.80 − 4.50)
    assert finding.message == (
        "第1行 物业管理费：9,432平方米·月×7.80元/平方米·月，单价超过澜溪县“行政办公用房物业管理费”"
        "标准4.50元/平方米·月（澜溪财预〔2025〕9号）；计费面积786平方米，未超过单位办公用房面积"
        "786平方米，按标准单价计超标31,125.60元"
    )
    assert finding.policy_refs == ("澜溪财预〔2025〕9号",)
    assert finding.evidence["standard"]["limit"] == "4.50"


def test_area_charged_beyond_the_office_area_is_cut_to_the_office_area():
    (finding,) = _run(project(lines=[_fee("3.40", 1437 * 12)]), office="871").findings
    assert finding.amount_excess == D("23092.80")  # (1,437 − 871) × 12 × 3.40
    assert "项目物业计费面积合计1,437平方米，超过单位办公用房面积871平方米" in finding.message
    assert finding.evidence["office_area_m2"] == "871"
    assert finding.evidence["allowed_count"] == "10452.00"


def test_both_excesses_together_keep_only_the_office_area_at_the_standard_rate():
    (finding,) = _run(project(lines=[_fee("6.00", 1000 * 12)]), office="800").findings
    assert finding.amount_excess == D("28800.00")  # 72,000 − 800 × 12 × 4.50
    assert "按办公用房面积以内的计费量和标准单价计超标" in finding.message


def test_several_property_lines_are_measured_together_against_the_office_area():
    lines = [_fee("4.00", 600 * 12, "物业管理费（主办公楼）", 1),
             _fee("4.00", 400 * 12, "物业管理费（附楼）", 2)]  # fmt: skip
    findings = _run(project(lines=lines), office="800").findings
    assert [f.line_no for f in findings] == [1, 2]
    assert sum(f.amount_excess for f in findings) == D("9600.00")  # 200 m² × 12 × 4.00
    assert "项目物业计费面积合计1,000平方米" in findings[1].message


def test_a_fee_within_the_rate_and_the_area_passes_and_counts_as_checked():
    result = _run(project(lines=[_fee("4.20", 786 * 12)]))
    assert result.findings == [] and result.checked == 1 and result.skips == []


def test_without_a_bureau_standard_only_the_area_is_checked():
    result = _run(project(lines=[_fee("7.80", 786 * 12)]), standards=())
    assert result.findings == []
    (skip,) = result.skips
    assert skip.reason.value == "数据缺失" and "未配置标准" in skip.explanation


def test_an_empty_office_area_is_data_missing_for_the_area_but_the_rate_is_still_checked():
    result = _run(project(lines=[_fee("7.80", 786 * 12)]), office=None)
    assert [f.amount_excess for f in result.findings] == [D("31125.60")]
    (skip,) = result.skips
    assert skip.reason.value == "数据缺失" and "办公用房面积为空" in skip.explanation


def test_a_fee_measured_otherwise_than_the_standard_is_data_missing():
    result = _run(project(lines=[_fee("80000", 1, unit="年")]))
    assert result.findings == []
    (skip,) = result.skips
    assert "按“年”计量" in skip.explanation and "未按面积（平方米）计量" in skip.explanation


def test_a_round_without_property_lines_is_not_applicable():
    result = _run(project(lines=[line("会议费", "400", econ="30215", unit="人天", persons=10,
                                      days="1")]))  # fmt: skip
    assert result.checked == 0
    assert [(s.reason.value, s.explanation) for s in result.skips] == [
        ("不适用", "本轮没有物业管理费明细")
    ]
