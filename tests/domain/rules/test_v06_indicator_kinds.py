from lingji.domain.findings import Severity
from lingji.domain.rules.validation import v06_indicator_kinds
from tests.domain.rules.validation_helpers import FULL_INDICATORS, clean_project, run


def _without(*levels):
    return [i for i in FULL_INDICATORS if i[1] not in levels]


def test_all_kinds_present_pass():
    assert run(v06_indicator_kinds, clean_project()).findings == []


def test_a_cost_indicator_counts_at_level_two_as_well():
    kinds = [*_without("经济成本指标"), ("产出指标", "成本指标", "成本控制数", "12")]
    assert run(v06_indicator_kinds, clean_project(indicators=kinds)).findings == []


def test_level_names_without_the_suffix_are_understood():
    kinds = [
        (a.removesuffix("指标"), b.removesuffix("指标"), n, v) for a, b, n, v in FULL_INDICATORS
    ]
    assert run(v06_indicator_kinds, clean_project(indicators=kinds)).findings == []


def test_missing_kinds_are_listed_in_a_warning():
    p = clean_project(indicators=_without("时效指标", "社会效益指标"))
    (finding,) = run(v06_indicator_kinds, p).findings
    assert finding.severity is Severity.WARNING
    assert finding.message == "绩效指标缺少时效指标、效益指标"


def test_satisfaction_is_required_where_the_project_serves_people():
    p = clean_project(name="困境儿童关爱服务", indicators=_without("服务对象满意度指标"))
    (finding,) = run(v06_indicator_kinds, p).findings
    assert finding.message == (
        "绩效指标缺少服务对象满意度指标（项目涉及“困境”，属服务群众的项目，应设服务对象满意度指标）"
    )


def test_satisfaction_is_not_required_of_an_internal_project():
    p = clean_project(
        name="机关档案数字化",
        content="对馆藏档案进行数字化加工。",
        overall_goal="完成档案数字化20万页。",
        indicators=_without("服务对象满意度指标"),
    )
    assert run(v06_indicator_kinds, p).findings == []


def test_a_project_without_indicators_is_left_to_v05():
    result = run(v06_indicator_kinds, clean_project(indicators=()))
    assert result.findings == [] and [s.reason.value for s in result.skips] == ["不适用"]
