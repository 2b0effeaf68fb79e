from lingji.domain.findings import Severity
from lingji.domain.rules.validation import v09_line_arithmetic
from tests.domain.rules.validation_helpers import clean_project, line, run


def _run(*lines):
    return run(v09_line_arithmetic, clean_project(lines=list(lines)))


def test_amount_equal_to_price_times_every_filled_measure_passes():
    result = _run(
        line("会议费", "5700", persons=15, days="1", unit_price="380"),
        line("台式计算机", "9000", quantity="2", unit="台", unit_price="4500"),
        line("编外人员劳务费", "120000", persons=2, quantity="12", unit_price="5000"),
    )
    assert result.findings == [] and result.checked == 3


def test_a_line_that_does_not_compute_is_a_warning_with_the_formula():
    (finding,) = _run(
        line("专业技术服务", "28600", quantity="2", unit="人月", unit_price="13000")
    ).findings
    assert finding.severity is Severity.WARNING and finding.line_no == 1
    assert finding.message == (
        "第1行「专业技术服务」：数量2人月 × 单价13,000元 = 26,000元，填报金额28,600元，多2,600元"
    )
    assert finding.evidence["difference"] == "2600"


def test_persons_and_days_are_both_multiplied():
    (finding,) = _run(
        line("差旅费", "1600", persons=5, days="2", unit_price="100", line_no=6)
    ).findings
    assert finding.line_no == 6 and "5人 × 2天 × 单价100元 = 1,000元" in finding.message


def test_a_rounding_difference_within_tolerance_passes():
    assert _run(line("资料", "1000.00", quantity="3", unit_price="333.33")).findings == []


def test_lines_without_price_or_measures_are_recorded_as_missing_data():
    result = _run(line("拆违经费", "3498000"), line("人民调解", "7950000", unit_price="100"))
    assert result.findings == [] and [s.reason.value for s in result.skips] == ["数据缺失"]
