from decimal import Decimal

from lingji.domain.models import DetailLine, Person, Unit
from lingji.domain.rules.crosscheck import x04_personnel_amounts as x04
from tests.domain.rules.helpers import context, project

D = Decimal
SHEETS = ("units", "projects", "detail_lines", "indicators", "personnel")


def _people(count, kind="编外", status="在职", pay="4600", unit_code="U1"):
    return [
        Person(unit_code, f"{kind}{status}{pay}{i}".ljust(64, "0"), f"n{i}", kind, status,
               None if pay is None else D(pay))
        for i in range(count)
    ]  # fmt: skip


def _line(name="编外人员劳务费", persons=12, months=12, price="4600", unit="月", econ="30226"):
    amount = D(price) * months * (persons or 1)
    return DetailLine("P1", name, amount, line_no=1, econ_code=econ, quantity=D(months),
                      unit=unit, persons=persons, unit_price=D(price))  # fmt: skip


def _run(*lines, people=(), sheets=SHEETS, **changes):
    units = [Unit("U1", "县城管局", staff_actual=30, contract_staff=24)]
    ctx = context(
        project("P1", lines=list(lines)), sheets=sheets, units=units, personnel=list(people)
    )
    return x04.check(ctx, {**ctx.ruleset.params("X04"), **changes})


def test_persons_above_the_register_are_cut_at_the_lines_own_rate():
    register = _people(17, pay="4100") + _people(2, status="离职", pay="4100") + _people(5, "在编")
    (finding,) = _run(_line(persons=22, price="4100"), people=register).findings
    # 5 persons × 12 months × 4,100 yuan
    assert finding.amount_excess == D("246000.00") and finding.line_no == 1
    assert "按22人测算" in finding.message and "在职编外人员17人" in finding.message
    assert finding.evidence["register_active"] == 17 and finding.evidence["persons"] == 22


def test_a_line_within_the_register_passes():
    result = _run(_line(persons=12), people=_people(12))
    assert result.findings == [] and result.checked == 1


def test_a_monthly_rate_above_the_register_pay_is_cut_above_the_tolerated_rate():
    (finding,) = _run(_line(persons=12, price="5800"), people=_people(12, pay="4600")).findings
    # allowed 4,600 × 1.05 = 4,830; 970 yuan × 12 persons × 12 months
    assert finding.amount_excess == D("139680.00")
    assert "5,800元/人月" in finding.message and "平均月应发工资4,600元" in finding.message
    assert finding.evidence["allowed_monthly_rate"] == "4830.00"


def test_a_rate_within_the_tolerance_passes():
    assert _run(_line(price="4800"), people=_people(12, pay="4600")).findings == []


def test_with_no_tolerance_any_rate_above_the_register_is_reported():
    (finding,) = _run(_line(price="4800"), people=_people(12), pay_tolerance=0).findings
    assert finding.amount_excess == D("28800.00")


def test_pay_is_compared_with_the_average_of_the_active_people():
    register = (
        _people(6, pay="4000") + _people(6, pay="5000") + _people(3, status="离职", pay="9000")
    )
    assert _run(_line(price="4700"), people=register).findings == []  # 4,500 × 1.05 = 4,725
    (finding,) = _run(_line(price="4800"), people=register).findings
    assert finding.evidence["register_average_pay"] == "4500.00"


def test_headcount_and_rate_above_the_register_are_cut_together_once():
    (finding,) = _run(_line(persons=20, price="9660"), people=_people(10, pay="4600")).findings
    # recomputed on 10 persons at 4,830: 10 × 12 × 4,830 = 579,600 of 2,318,400
    assert finding.evidence["justified"] == "579600.00"
    assert finding.amount_excess == D("1738800.00")


def test_a_yearly_rate_is_compared_per_month():
    line = _line(persons=10, months=1, price="72000", unit="年")
    (finding,) = _run(line, people=_people(10, pay="4600")).findings
    assert finding.evidence["monthly_rate"] == "6000.00" and "折合每月" in finding.message


def test_pay_under_economic_class_301_is_compared_with_the_establishment_staff():
    register = _people(10, "在编", pay="8000") + _people(30, "编外")
    line = _line("基本工资", persons=12, price="3000", econ="30101")
    (finding,) = _run(line, people=register).findings
    assert "在职在编人员10人" in finding.message
    assert finding.evidence["person_kind"] == "在编"


def test_social_insurance_per_person_month_is_not_pay_and_has_no_headcount():
    line = _line("编外人员单位缴纳社会保险费", persons=None, months=264, price="1000", unit="人月")
    result = _run(line, people=_people(5))
    assert result.findings == [] and result.skips[0].reason.value == "不适用"


def test_training_for_contract_staff_is_not_a_personnel_based_amount():
    line = _line("编外人员业务培训费", persons=40, months=1, price="500", unit="人天", econ="30216")
    assert _run(line, people=_people(5)).skips[0].reason.value == "不适用"


def test_a_register_without_pay_figures_leaves_the_rate_unchecked_as_data_missing():
    result = _run(_line(persons=5, price="9000"), people=_people(5, pay=None))
    (skip,) = result.skips
    assert result.findings == [] and skip.reason.value == "数据缺失"
    assert "未填月应发工资" in skip.explanation


def test_no_personnel_sheet_is_one_data_missing_skip():
    result = _run(_line(), sheets=SHEETS[:-1])
    assert [(s.reason.value, s.project_code) for s in result.skips] == [("数据缺失", None)]


def test_a_unit_absent_from_the_register_is_data_missing():
    (skip,) = _run(_line(), people=_people(3, unit_code="U2")).skips
    assert skip.reason.value == "数据缺失" and "没有本单位的人员记录" in skip.explanation


def test_messages_and_evidence_carry_no_personal_identifiers():
    register = _people(5)
    (finding,) = _run(_line(persons=9), people=register).findings
    text = finding.message + repr(finding.evidence)
    assert not any(p.id_number_hash[:8] in text or p.person_name_hash in text for p in register)
