import pytest

from lingji.domain.findings import Severity
from lingji.domain.rules.validation import v07_unmeasurable_indicators
from tests.domain.rules.validation_helpers import FULL_INDICATORS, clean_project, run


def _with_value(value):
    return [("产出指标", "质量指标", "达标率", value), *FULL_INDICATORS]


@pytest.mark.parametrize(
    "value", ["95", "≥90%", "2027年12月31日", "985米", "较上年提升5%", "１００"]
)
def test_numbers_percentages_and_dates_are_measurable(value):
    assert (
        run(v07_unmeasurable_indicators, clean_project(indicators=_with_value(value))).findings
        == []
    )


def test_a_vague_value_is_a_warning_naming_the_indicator():
    (finding,) = run(
        v07_unmeasurable_indicators, clean_project(indicators=_with_value("较好"))
    ).findings
    assert finding.severity is Severity.WARNING
    assert (
        finding.message
        == "1项绩效指标不可衡量：「达标率」（产出指标/质量指标）指标值“较好”为模糊表述"
    )


def test_every_unmeasurable_indicator_of_a_project_goes_into_one_finding():
    kinds = [
        ("效益指标", "社会效益指标", "完成率", "明显提升"),
        ("满意度指标", None, "满意度", None),
    ]
    (finding,) = run(
        v07_unmeasurable_indicators, clean_project(indicators=[*kinds, *FULL_INDICATORS])
    ).findings
    assert finding.message.startswith("2项绩效指标不可衡量")
    assert (
        "含模糊表述“明显”" in finding.message
        and "「满意度」（满意度指标）指标值为空" in finding.message
    )


def test_plain_words_without_a_figure_are_not_measurable():
    (finding,) = run(
        v07_unmeasurable_indicators, clean_project(indicators=_with_value("是"))
    ).findings
    assert "未给出数字、百分比或日期" in finding.message


def test_a_project_without_indicators_is_left_to_v05():
    result = run(v07_unmeasurable_indicators, clean_project(indicators=()))
    assert [s.reason.value for s in result.skips] == ["不适用"]
