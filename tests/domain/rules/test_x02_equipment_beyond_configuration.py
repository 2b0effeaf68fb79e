import datetime as dt
from decimal import Decimal

from lingji.domain.models import Asset, DetailLine, Unit
from lingji.domain.registers import EquipmentCatalog
from lingji.domain.rules.crosscheck import x02_equipment_beyond_configuration as x02
from tests.domain.rules.helpers import context, project

D = Decimal
SHEETS = ("units", "projects", "detail_lines", "indicators", "assets")
YOUNG = dt.date(2023, 5, 1)
OLD = dt.date(2018, 3, 1)


def _assets(count, cls="台式计算机", acquired=YOUNG, status="在用", unit_code="U1", name=None):
    return [
        Asset(unit_code, f"ZC{cls}{acquired}{status}{i}", name or f"联想{cls}", cls, acquired,
              D(4500), status)
        for i in range(count)
    ]  # fmt: skip


def _buy(code="P1", name="台式计算机", quantity=3, price="4500", line_no=1, unit_code="U1"):
    line = DetailLine(code, name, D(price) * quantity, line_no=line_no, econ_code="31002",
                      quantity=D(quantity), unit="台", unit_price=D(price))  # fmt: skip
    return project(code, unit_code=unit_code, lines=[line])


def _run(*projects, assets=(), staff=10, sheets=SHEETS, **changes):
    units = [Unit("U1", "县审计局", staff_quota=12, staff_actual=staff)]
    ctx = context(*projects, sheets=sheets, units=units, assets=list(assets))
    return x02.check(ctx, {**ctx.ruleset.params("X02"), **changes})


def test_desktops_beyond_the_staff_cap_are_cut_by_the_items_over_it():
    (finding,) = _run(_buy(quantity=3), assets=_assets(9)).findings
    # cap = 10 staff × 100%; 9 in use + 3 bought = 12: two over the cap at 4,500 each
    assert finding.amount_excess == D("9000.00") and finding.line_no == 1
    assert finding.evidence["cap"] == 10 and finding.evidence["excess_items"] == "2"
    assert "在用台式计算机9台" in finding.message and "配置上限10台" in finding.message
    assert "在编10人×100%" in finding.message
    assert "中央行政单位通用办公设备家具配置标准" in finding.message
    assert finding.evidence["standard"]["trust"] == "官-转"


def test_a_purchase_that_keeps_within_the_cap_passes():
    result = _run(_buy(quantity=1), assets=_assets(9))
    assert result.findings == [] and result.checked == 1


def test_when_the_register_alone_is_over_the_cap_the_whole_purchase_is_cut():
    (finding,) = _run(_buy(quantity=2), assets=_assets(12)).findings
    assert finding.amount_excess == D("9000.00") and "超配2台" in finding.message


def test_items_past_their_minimum_life_may_be_replaced_and_do_not_count():
    result = _run(_buy(quantity=5), assets=_assets(4) + _assets(8, acquired=OLD))
    assert result.findings == []


def test_an_item_reaching_six_years_within_the_budget_year_is_due_for_replacement():
    due = _assets(5, acquired=dt.date(2021, 12, 31))
    young = _assets(5, acquired=dt.date(2022, 1, 1))
    assert _run(_buy(quantity=5), assets=due + young).findings == []
    (finding,) = _run(_buy(quantity=5), assets=_assets(6, acquired=dt.date(2022, 1, 1))).findings
    assert finding.evidence["excess_items"] == "1"


def test_idle_items_and_items_lent_out_are_not_counted_as_in_use():
    others = _assets(9, status="闲置") + _assets(9, status="出租出借")
    assert _run(_buy(quantity=3), assets=others + _assets(7)).findings == []


def test_a_classified_unit_may_hold_desktops_for_one_and_a_half_times_its_staff():
    case = {"assets": _assets(12)}
    (finding,) = _run(_buy(quantity=2), **case).findings
    assert finding.evidence["cap"] == 10 and finding.evidence["excess_items"] == "2"
    classified = _run(_buy(quantity=2), classified_unit_codes=["U1"], **case)
    assert classified.findings == []
    (over,) = _run(_buy(quantity=4), classified_unit_codes=["U1"], **case).findings
    assert over.evidence["cap"] == 15 and over.evidence["excess_items"] == "1"
    assert "×150%（涉密单位）" in over.message


def test_laptops_are_capped_at_half_the_staff_rounded_down():
    laptops = _assets(4, cls="便携式计算机")
    assert _run(_buy(name="便携式计算机", quantity=1), staff=11, assets=laptops).findings == []
    (finding,) = _run(_buy(name="笔记本电脑", quantity=2), staff=11, assets=laptops).findings
    assert finding.evidence["cap"] == 5 and "在编11人×50%" in finding.message


def test_copiers_follow_the_stepped_cap_of_the_standard():
    catalog = EquipmentCatalog.from_params(context().ruleset.params("X02"))
    copier = catalog.of_text("复印机")
    assert copier is not None
    caps = {staff: copier.cap(staff) for staff in (0, 20, 21, 100, 101, 130, 131)}
    assert caps == {0: 0, 20: 1, 21: 2, 100: 5, 101: 6, 130: 6, 131: 7}


def test_items_over_the_cap_fall_on_the_line_that_crosses_it():
    first, second = _buy("P1", quantity=3), _buy("P2", quantity=3)
    (finding,) = _run(first, second, assets=_assets(6)).findings
    # 6 in use + 3 = 9 within the cap of 10; the second line brings 12: two over
    assert finding.project_code == "P2" and finding.amount_excess == D("9000.00")
    assert "本年其他明细已拟购3台" in finding.message


def test_the_register_may_file_an_item_under_a_broad_heading_named_by_its_asset_name():
    filed = _assets(12, cls="计算机设备", name="华为擎云台式计算机")
    (finding,) = _run(_buy(quantity=1), assets=filed).findings
    assert finding.evidence["usable_in_use"] == 12


def test_repairs_and_consumables_are_not_purchases():
    repair = _buy(name="打印机维修", quantity=3, price="200")
    toner = _buy("P2", name="打印机硒鼓", quantity=30, price="300")
    result = _run(repair, toner, assets=_assets(20, cls="打印机"))
    assert result.findings == [] and {s.reason.value for s in result.skips} == {"不适用"}


def test_a_class_without_a_configuration_standard_is_not_capped():
    result = _run(_buy(name="投影仪", quantity=3), assets=_assets(30, cls="投影仪"))
    assert result.findings == [] and result.skips[0].reason.value == "不适用"


def test_no_asset_sheet_is_one_data_missing_skip():
    result = _run(_buy(), sheets=SHEETS[:-1])
    assert [(s.reason.value, s.project_code) for s in result.skips] == [("数据缺失", None)]


def test_a_unit_absent_from_the_register_is_data_missing_not_a_pass():
    result = _run(_buy(), assets=_assets(3, unit_code="U9"))
    (skip,) = result.skips
    assert skip.reason.value == "数据缺失" and "没有本单位的资产记录" in skip.explanation


def test_a_unit_without_staff_figures_is_data_missing():
    units = [Unit("U1", "县审计局")]
    ctx = context(_buy(), sheets=SHEETS, units=units, assets=_assets(3))
    (skip,) = x02.check(ctx, ctx.ruleset.params("X02")).skips
    assert skip.reason.value == "数据缺失" and "人数均为空" in skip.explanation


def test_items_without_an_acquisition_date_are_not_held_against_the_purchase():
    undated = _assets(9, acquired=None)
    assert _run(_buy(quantity=3), assets=undated + _assets(7)).findings == []
    (finding,) = _run(_buy(quantity=3), assets=undated + _assets(8)).findings
    assert "9台取得日期为空" in finding.message
    assert finding.evidence["in_use_without_acquired_date"] == 9
