from decimal import Decimal

from lingji.domain.rules.thematic import t08_urban_maintenance
from tests.domain.rules.helpers import context, project
from tests.domain.rules.thematic_helpers import GREENERY, PROPERTY, ROAD_CLEANING, WITH_STANDARDS
from tests.domain.standards.helpers import line

D = Decimal
QUOTAS = [ROAD_CLEANING, GREENERY, PROPERTY]


def _run(*projects, standards=QUOTAS):
    ctx = context(*projects, standards=list(standards), sheets=WITH_STANDARDS)
    return t08_urban_maintenance.check(ctx, ctx.ruleset.params("T08"))


def _upkeep(name, price, square_metres):
    return line(name, price, econ="30227", unit="平方米·年", quantity=str(square_metres))


def test_road_cleaning_above_the_quota_is_reported_with_its_share_of_the_quota():
    (finding,) = _run(project(lines=[_upkeep("道路清扫保洁（车站片区）", "14.50", 60000)])).findings
    assert finding.amount_excess == D("330000.00")  # 60,000 m² × (14.50 − 9.00)
    assert "超过澜溪县“城区道路清扫保洁”标准9元/平方米·年（澜溪财预〔2025〕9号）" in finding.message
    assert "为标准的161.1%" in finding.message
    assert finding.evidence["share_of_quota"] == "1.6111"


def test_greenery_is_held_to_its_own_quota():
    (finding,) = _run(project(lines=[_upkeep("绿化养护", "11.00", 40000)])).findings
    assert finding.amount_excess == D("180000.00")
    assert finding.evidence["standard_code"] == "LX-BZ-005"


def test_upkeep_within_the_quota_passes():
    result = _run(project(lines=[_upkeep("绿化养护", "6.00", 40000)]))
    assert result.findings == [] and result.checked == 1


def test_a_property_fee_is_not_urban_maintenance():
    fee = line("物业管理费", "7.80", econ="30209", unit="平方米·月", quantity="1000")
    result = _run(project(lines=[fee]))
    assert result.findings == [] and result.checked == 0


def test_without_quotas_the_round_is_skipped():
    (skip,) = _run(project(lines=[_upkeep("绿化养护", "11.00", 40000)]), standards=()).skips
    assert skip.reason.value == "数据缺失" and "未配置标准" in skip.explanation
