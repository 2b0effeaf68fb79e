from decimal import Decimal

from lingji.domain.models import HistoryProject
from lingji.domain.rules.thematic import t03_it_projects
from tests.domain.rules.helpers import context, project
from tests.domain.rules.thematic_helpers import IT_MAINTENANCE, WITH_STANDARDS
from tests.domain.standards.helpers import line

D = Decimal
WITH_HISTORY = (*WITH_STANDARDS, "history")
PLATFORM = "县社会保险事业管理中心综合监管平台建设项目"


def _built(name=PLATFORM, unit="U1", year=2024, code="XM2024-901"):
    return HistoryProject(year, code, name, unit, "信息化建设", D("4370000"), D("4337662"))


def _run(*projects, history=(), standards=(IT_MAINTENANCE,), sheets=WITH_HISTORY):
    ctx = context(*projects, standards=list(standards), history=list(history), sheets=sheets)
    return t03_it_projects.check(ctx, ctx.ruleset.params("T03"))


def _maintenance(price, wan="269"):
    return line("信息系统运行维护服务", price, econ="30213", unit="万元（建设投资）", quantity=wan)


def _build_project(name=PLATFORM, **fields):
    return project("XM2027-8", name=name, project_type=fields.pop("project_type", "信息化建设"),
                   lines=["500000"], **fields)  # fmt: skip


def test_maintenance_above_the_allowed_share_of_the_construction_cost_is_cut_to_it():
    (finding,) = _run(project(lines=[_maintenance("2800")])).findings
    assert finding.amount_excess == D("484200.00")  # 269万元 × (2,800 − 1,000)
    assert (
        "系统建设投资269万元，年度运维费753,200元，占建设投资的28.0%（2,800元/万元建设投资），"
        "超过澜溪县“信息系统运行维护费（占建设投资）”标准1,000元/万元建设投资"
        "（即10.0%，澜溪财预〔2025〕9号），超标484,200元" in finding.message
    )
    assert finding.evidence["maintenance_share"] == "0.28"


def test_the_units_earlier_build_projects_are_named_beside_the_maintenance_excess():
    earlier = _built("县不动产登记中心综合监管平台建设项目", code="XM2024-903")
    (finding,) = _run(project(lines=[_maintenance("2800")]), history=[earlier]).findings
    assert (
        "2024年XM2024-903“县不动产登记中心综合监管平台建设项目”预算4,370,000元" in finding.message
    )
    assert finding.evidence["unit_builds"][0]["project_code"] == "XM2024-903"


def test_maintenance_within_the_share_passes():
    result = _run(project(lines=[_maintenance("720")]))
    assert result.findings == [] and result.checked == 1


def test_the_same_system_applied_for_again_is_reported_without_a_cut():
    (finding,) = _run(_build_project(), history=[_built()]).findings
    assert finding.project_code == "XM2027-8" and finding.amount_excess == 0
    assert "与本单位2024年已立项建设的XM2024-901“县社会保险事业管理中心综合监管平台建设项目”" in (
        finding.message
    )
    assert "（预算4,370,000元，执行4,337,662元）名称相同" in finding.message
    assert finding.evidence["earlier"]["year"] == 2024


def test_a_name_differing_only_in_year_and_wording_is_the_same_system():
    p = _build_project("2027年县社会保险事业管理中心综合监管平台建设")
    (finding,) = _run(p, history=[_built()]).findings
    assert "名称相同" in finding.message


def test_a_build_is_recognised_by_its_name_when_the_type_is_missing():
    p = _build_project(project_type=None)
    assert len(_run(p, history=[_built()]).findings) == 1


def test_a_new_phase_is_another_build():
    p = _build_project("县社会保险事业管理中心综合监管平台二期建设项目")
    assert (
        _run(p, history=[_built("县社会保险事业管理中心综合监管平台一期建设项目")]).findings == []
    )


def test_another_units_system_or_a_different_system_is_not_a_rebuild():
    assert _run(_build_project(), history=[_built(unit="U2")]).findings == []
    assert _run(_build_project("县社保经办业务管理系统建设"), history=[_built()]).findings == []


def test_a_continuing_build_is_its_own_earlier_phase_not_a_rebuild():
    p = _build_project(continuing="是", prev_project_code="XM2026-5")
    result = _run(p, history=[_built()])
    assert result.findings == []


def test_without_a_history_sheet_rebuilds_cannot_be_checked():
    result = _run(_build_project(), sheets=WITH_STANDARDS)
    assert ("数据缺失", "报送数据没有“历史执行”表，无法核对信息系统重复建设") in [
        (s.reason.value, s.explanation) for s in result.skips
    ]


def test_without_the_bureaus_standard_the_share_is_not_judged():
    result = _run(project(lines=[_maintenance("2800")]), standards=())
    assert result.findings == []
    assert any("未配置标准" in s.explanation for s in result.skips)
