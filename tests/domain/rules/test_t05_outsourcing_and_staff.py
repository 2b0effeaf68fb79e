from decimal import Decimal

from lingji.domain.models import DetailLine, Unit
from lingji.domain.rules.thematic import t05_outsourcing_and_staff
from tests.domain.rules.helpers import context, project
from tests.domain.rules.thematic_helpers import CONTRACT_PAY, WITH_STANDARDS

D = Decimal


def _pay(persons, price, name="编外人员劳务费", months=12, line_no=1, code="P1"):
    return DetailLine(code, name, D(persons * months) * D(price), line_no=line_no,
                      econ_code="30226", quantity=D(months), unit="月", persons=persons,
                      unit_price=D(price))  # fmt: skip


def _social(persons, line_no=2):
    return DetailLine("P1", "编外人员单位缴纳社会保险费", D(persons * 12 * 1200),
                      line_no=line_no, econ_code="30226", quantity=D(persons * 12), unit="人月",
                      unit_price=D(1200))  # fmt: skip


def _run(*projects, approved=18, standards=(CONTRACT_PAY,)):
    unit = Unit("U1", "县公安局", staff_actual=127, contract_staff=approved)
    ctx = context(*projects, units=[unit], standards=list(standards), sheets=WITH_STANDARDS)
    return t05_outsourcing_and_staff.check(ctx, ctx.ruleset.params("T05"))


def test_more_staff_than_approved_are_cut_to_the_approved_number():
    (finding,) = _run(project(lines=[_pay(30, 4500), _social(30)])).findings
    assert finding.line_no == 1
    assert finding.amount_excess == D("648000.00")  # (30 − 18) × 12 × 4,500
    assert finding.message == (
        "第1行 编外人员劳务费：30人×12月×4,500元/人月，人数超过单位核定编外人数18人（超出12人），"
        "按核定人数计超标648,000元"
    )
    assert finding.evidence["approved_contract_staff"] == 18


def test_pay_above_the_bureaus_rate_is_cut_to_it():
    (finding,) = _run(project(lines=[_pay(10, 7800)]), approved=12).findings
    assert finding.amount_excess == D("216000.00")  # 10 × 12 × (7,800 − 6,000)
    assert "人均单价超过澜溪县“编外人员劳务费”标准6,000元/人月（澜溪财预〔2025〕9号）" in (
        finding.message
    )
    assert finding.policy_refs == ("澜溪财预〔2025〕9号",)


def test_both_excesses_together_keep_the_approved_staff_at_the_standard_rate():
    (finding,) = _run(project(lines=[_pay(20, 7000)]), approved=10).findings
    assert finding.amount_excess == D("960000.00")  # 1,680,000 − 10 × 12 × 6,000
    assert "按核定人数和标准单价计超标" in finding.message


def test_auxiliary_police_are_non_establishment_staff_too():
    (finding,) = _run(project(lines=[_pay(30, 4500, name="警务辅助人员劳务费")])).findings
    assert finding.amount_excess == D("648000.00")


def test_staff_within_the_approved_number_and_rate_pass():
    result = _run(project(lines=[_pay(18, 5000), _social(18)]))
    assert result.findings == [] and result.checked == 1 and result.skips == []


def test_projects_each_within_the_number_but_above_it_together_are_reported_on_the_unit():
    a = project("A", lines=[_pay(10, 5000, code="A")])
    b = project("B", lines=[_pay(12, 5000, code="B")])
    (finding,) = _run(a, b).findings
    assert (finding.project_code, finding.amount_excess) == (None, 0)
    assert "2个项目的编外人员经费合计按22人测算" in finding.message and "18人" in finding.message


def test_an_empty_approved_number_is_data_missing_for_the_headcount():
    result = _run(project(lines=[_pay(30, 4500)]), approved=None)
    assert result.findings == []
    (skip,) = result.skips
    assert skip.reason.value == "数据缺失" and "编外人数（核定人数）为空" in skip.explanation


def test_without_the_bureaus_rate_only_the_headcount_is_checked():
    result = _run(project(lines=[_pay(10, 7800)]), approved=12, standards=())
    assert result.findings == []
    assert [s.explanation for s in result.skips] == [
        "本轮“支出标准”表没有编外人员经费标准（未配置标准），不比对人均费用，只核对人数"
    ]
