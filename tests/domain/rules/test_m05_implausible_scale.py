from decimal import Decimal

from lingji.domain.models import DetailLine, Unit
from lingji.domain.rules.amounts import m05_implausible_scale
from tests.domain.rules.helpers import context, project

D = Decimal


def _meeting(persons, name="会议费（三类会议）", basis="", econ="30215"):
    return DetailLine("P1", name, D(persons) * 480, line_no=1, econ_code=econ, persons=persons,
                      days=D(1), unit_price=D(480), basis=basis)  # fmt: skip


def _property(quantity, unit="平方米·月", line_no=1):
    return DetailLine("P1", "物业管理费", D(quantity) * D("4.5"), line_no=line_no,
                      econ_code="30209", quantity=D(quantity), unit=unit)  # fmt: skip


def _run(*projects, unit=None):
    unit = unit or Unit("U1", "县就业局", staff_actual=20, contract_staff=6, office_area_m2=D(800))
    ctx = context(*projects, units=[unit])
    return m05_implausible_scale.check(ctx, ctx.ruleset.params("M05"))


def test_a_meeting_for_more_people_than_the_unit_has_is_reported():
    (finding,) = _run(project(lines=[_meeting(90)])).findings
    assert finding.line_no == 1 and finding.amount_excess == 0
    assert "按90人测算" in finding.message and "单位在编20人、编外6人，共26人" in finding.message
    assert finding.evidence["staff_total"] == 26


def test_a_meeting_within_the_units_staff_passes():
    result = _run(project(lines=[_meeting(26)]))
    assert result.findings == [] and result.checked == 1


def test_a_training_is_recognised_by_name_when_its_code_is_wrong():
    line = _meeting(90, name="培训费（业务培训）", econ="30299")
    assert len(_run(project(lines=[line])).findings) == 1


def test_an_outside_audience_is_not_measured_against_the_units_staff():
    result = _run(project(lines=[_meeting(300, basis="全县各乡镇分管领导参加")]))
    assert result.findings == []
    assert [s.reason.value for s in result.skips] == ["不适用"]


def test_property_charged_on_more_area_than_the_office_is_reported():
    (finding,) = _run(project(lines=[_property(12 * 1000)])).findings
    assert "按1000平方米计费" in finding.message and "办公用房面积800平方米" in finding.message
    assert finding.evidence["area_m2"] == "1000.00"


def test_property_areas_of_several_lines_add_up():
    lines = [_property(12 * 500, line_no=1), _property(400, unit="平方米/年", line_no=2)]
    (finding,) = _run(project(lines=lines)).findings
    assert "2条物业明细合计按900平方米计费" in finding.message


def test_property_within_the_office_area_passes():
    assert _run(project(lines=[_property(12 * 800)])).findings == []


def test_missing_staff_or_area_is_data_missing():
    bare = Unit("U1", "县就业局")
    result = _run(project(lines=[_meeting(90), _property(12 * 1000)]), unit=bare)
    assert result.findings == [] and result.checked == 0
    (skip,) = result.skips
    assert skip.reason.value == "数据缺失" and "在编人数" in skip.explanation
    assert "办公用房面积" in skip.explanation


def test_the_quota_stands_in_for_an_empty_staff_number():
    unit = Unit("U1", staff_quota=30, office_area_m2=D(800))
    (finding,) = _run(project(lines=[_meeting(40)]), unit=unit).findings
    assert "编制30人（在编人数未填）" in finding.message


def test_a_project_without_meetings_or_property_is_not_applicable():
    line = DetailLine("P1", "专用材料", D(1000), line_no=1, econ_code="30218")
    assert [s.reason.value for s in _run(project(lines=[line])).skips] == ["不适用"]


def test_lines_without_economic_codes_are_data_missing():
    line = DetailLine("P1", "拆违经费", D(1000), line_no=1)
    assert [s.reason.value for s in _run(project(lines=[line])).skips] == ["数据缺失"]
