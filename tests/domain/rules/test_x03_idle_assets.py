import datetime as dt
from decimal import Decimal

from lingji.domain.models import Asset, DetailLine, Unit
from lingji.domain.rules.crosscheck import x03_idle_assets as x03
from tests.domain.rules.helpers import context, project

D = Decimal
SHEETS = ("units", "projects", "detail_lines", "indicators", "assets")


def _asset(code, cls="打印机", status="闲置", acquired=dt.date(2019, 4, 1), unit_code="U1"):
    return Asset(unit_code, code, f"惠普{cls}", cls, acquired, D(1000), status)


def _buy(name="A4黑白打印机", quantity=2, unit="台", code="P1"):
    line = DetailLine(code, name, D(1000) * quantity, line_no=1, econ_code="31002",
                      quantity=D(quantity), unit=unit, unit_price=D(1000))  # fmt: skip
    return project(code, lines=[line])


def _run(*projects, assets=(), sheets=SHEETS):
    units = [Unit("U1", "县文化馆", staff_actual=20)]
    ctx = context(*projects, sheets=sheets, units=units, assets=list(assets))
    return x03.check(ctx, ctx.ruleset.params("X03"))


def test_buying_printers_while_printers_sit_idle_is_reported_without_a_cut():
    idle = [
        _asset("ZC1", acquired=dt.date(2017, 1, 5)),
        _asset("ZC2", acquired=dt.date(2023, 2, 1)),
    ]
    (finding,) = _run(_buy(), assets=idle).findings
    assert finding.line_no == 1 and finding.amount_excess == 0
    assert "拟购2台" in finding.message and "闲置打印机2台" in finding.message
    assert "2017—2023年" in finding.message and "ZC1、ZC2" in finding.message
    assert finding.evidence["idle_count"] == 2


def test_items_in_use_are_not_idle():
    result = _run(_buy(), assets=[_asset("ZC1", status="在用"), _asset("ZC2", status="待处置")])
    assert result.findings == [] and result.checked == 1


def test_idle_items_of_another_class_do_not_count():
    assert _run(_buy(), assets=[_asset("ZC1", cls="投影仪")]).findings == []


def test_classes_without_a_configuration_standard_are_checked_too():
    (finding,) = _run(
        _buy("办公桌", quantity=4, unit="张"), assets=[_asset("ZC9", cls="办公桌")]
    ).findings
    assert "拟购4张" in finding.message and "闲置办公桌1张" in finding.message


def test_a_long_list_of_idle_items_is_named_in_part_and_given_in_full_in_evidence():
    idle = [_asset(f"ZC{i}") for i in range(8)]
    (finding,) = _run(_buy(), assets=idle).findings
    assert "ZC0、ZC1、ZC2、ZC3、ZC4等" in finding.message
    assert len(finding.evidence["idle_assets"]) == 8


def test_a_project_without_equipment_purchases_is_not_applicable():
    p = project("P1", lines=[DetailLine("P1", "打印纸", D(500), line_no=1)])
    (skip,) = _run(p, assets=[_asset("ZC1")]).skips
    assert skip.reason.value == "不适用"


def test_no_asset_sheet_is_one_data_missing_skip():
    result = _run(_buy(), sheets=SHEETS[:-1])
    assert [(s.reason.value, s.project_code) for s in result.skips] == [("数据缺失", None)]


def test_a_unit_absent_from_the_register_is_data_missing():
    (skip,) = _run(_buy(), assets=[_asset("ZC1", unit_code="U2")]).skips
    assert skip.reason.value == "数据缺失" and skip.project_code == "P1"
