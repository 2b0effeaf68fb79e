from decimal import Decimal

from lingji.domain.findings import Severity
from lingji.domain.models import DetailLine, HistoryProject, SanGongTotal, Unit
from lingji.domain.rules.thematic import t01_sangong_growth
from tests.domain.rules.helpers import context, project

D = Decimal
CORE = ("units", "projects", "detail_lines", "indicators")
WITH_SANGONG = (*CORE, "sangong")
UNITS = [Unit("U1", "县机关事务服务中心"), Unit("U2", "县社会福利院")]


def _line(econ, amount, code="P1", year=None, name="明细"):
    return DetailLine(code, name, D(amount), econ_code=econ, year=year)


def _run(*projects, sheets=WITH_SANGONG, **extra):
    ctx = context(*projects, units=UNITS, sheets=sheets, **extra)
    return t01_sangong_growth.check(ctx, ctx.ruleset.params("T01"))


def _accounts(unit="U1", year=2026, running="29200", reception="41650"):
    return SanGongTotal(year, unit, D(0), D(0), D(running), D(reception))


def _vehicles_and_reception(running="37000", reception="75400", unit="U1"):
    return project("P1", unit_code=unit, lines=[_line("30231", running), _line("30217", reception),
                                                _line("30201", "9000")])  # fmt: skip


def test_three_public_expenses_above_last_years_final_accounts_are_reported_on_the_unit():
    (finding,) = _run(_vehicles_and_reception(), sangong=[_accounts()]).findings
    assert finding.severity is Severity.WARNING
    assert (finding.unit_code, finding.project_code) == ("U1", None)
    assert finding.amount_excess == D("41550")  # 112,400 − 70,850
    assert finding.message == (
        "单位县机关事务服务中心本年三公经费预算112,400元，比上年决算（三公经费表）70,850元增加"
        "41,550元，增长58.6%：公务用车运行维护费37,000元（上年29,200元，增加7,800元）；"
        "公务接待费75,400元（上年41,650元，增加33,750元）"
    )
    assert finding.evidence["this_year"]["reception"] == "75400"
    assert finding.evidence["last_year"]["vehicle_running"] == "29200"
    assert finding.policy_refs == ("《党政机关厉行节约反对浪费条例》",)


def test_expenses_at_or_below_last_year_pass():
    result = _run(_vehicles_and_reception("29000", "41000"), sangong=[_accounts()])
    assert result.findings == [] and result.checked == 1


def test_lines_of_several_projects_add_up_by_category():
    a = project("A", lines=[_line("30217", "30000", code="A")])
    b = project("B", lines=[_line("30217", "20000", code="B"), _line("31013", "180000", code="B")])
    (finding,) = _run(a, b, sangong=[_accounts(running="0", reception="40000")]).findings
    assert finding.evidence["this_year"] == {
        "overseas": "0", "vehicle_purchase": "180000", "vehicle_running": "0", "reception": "50000",
    }  # fmt: skip
    assert "公务用车购置费180,000元（上年0元，增加180,000元）" in finding.message


def test_an_earlier_years_row_is_not_last_year():
    result = _run(_vehicles_and_reception(), sangong=[_accounts(year=2025)])
    assert result.findings == []
    (skip,) = result.skips
    assert skip.reason.value == "数据缺失" and skip.unit_code == "U1"


def test_without_final_accounts_last_years_history_lines_stand_in():
    record = HistoryProject(2026, "H1", "车辆运行及接待保障经费", "U1")
    history_lines = [_line("30231", "28000", code="H1", year=2026),
                     _line("30217", "40950", code="H1", year=2026),
                     _line("30217", "99999", code="H1", year=2025)]  # fmt: skip
    (finding,) = _run(
        _vehicles_and_reception(),
        sheets=(*CORE, "history", "history_lines"),
        history=[record],
        history_lines=history_lines,
    ).findings
    assert finding.amount_excess == D("43450")  # 112,400 − 68,950
    assert "比上年预算（历史明细）68,950元" in finding.message
    assert finding.evidence["last_year_source"] == "上年预算（历史明细）"


def test_a_unit_without_any_last_year_figures_is_data_missing():
    result = _run(_vehicles_and_reception(), sheets=CORE)
    assert result.findings == []
    (skip,) = result.skips
    assert skip.explanation == (
        "单位本年有三公经费112,400元，但“三公经费”表没有本单位上年决算数，无法比较"
    )


def test_lines_without_economic_codes_cannot_be_summed():
    p = project("P1", lines=[_line(None, "37000", name="公务用车运行维护费")])
    (skip,) = _run(p, sangong=[_accounts()]).skips
    assert skip.reason.value == "数据缺失" and "经济科目编码" in skip.explanation


def test_a_round_without_any_three_public_expenses_is_not_applicable():
    result = _run(project("P1", lines=[_line("30201", "9000")]))
    assert [(s.reason.value, s.explanation) for s in result.skips] == [
        ("不适用", "本轮各单位本年和上年都没有三公经费")
    ]
