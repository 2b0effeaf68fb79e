from decimal import Decimal

from lingji.domain.models import AuditFinding, Unit
from lingji.domain.rules.crosscheck import x06_unrectified_audit
from tests.domain.rules.helpers import context, project

SHEETS = ("units", "projects", "detail_lines", "indicators", "audit_findings")


def _audit(project_code=None, rectified="未整改", unit_code="U1"):
    return AuditFinding(unit_code, 2026, project_code, "资金管理", "项目资金超范围列支",
                        Decimal("18600"), rectified)  # fmt: skip


def _run(*projects, audits=(), sheets=SHEETS):
    units = [Unit("U1", "县教育局"), Unit("U2", "县检验检测中心")]
    ctx = context(*projects, sheets=sheets, units=units, audit_findings=list(audits))
    return x06_unrectified_audit.check(ctx, ctx.ruleset.params("X06"))


def test_an_open_finding_on_last_years_project_is_reported_on_this_one():
    p = project("XM2027-1", prev_project_code="XM2026-1")
    (finding,) = _run(p, audits=[_audit("XM2026-1")]).findings
    assert finding.project_code == "XM2027-1" and finding.amount_excess == 0
    assert "上年项目XM2026-1有1项" in finding.message and "18,600元" in finding.message
    assert finding.evidence["issues"][0]["amount"] == "18600"


def test_an_open_finding_on_the_project_itself_is_reported():
    (finding,) = _run(project("XM2027-1"), audits=[_audit("XM2027-1", "整改中")]).findings
    assert "本项目" in finding.message and "整改中" in finding.message


def test_a_unit_level_finding_is_reported_once_on_the_unit():
    result = _run(project("A"), project("B"), audits=[_audit(None, "整改中", unit_code="U2")])
    (finding,) = result.findings
    assert (finding.unit_code, finding.project_code) == ("U2", None)
    assert "县检验检测中心" in finding.message


def test_a_finding_on_an_older_project_is_reported_on_the_unit():
    (finding,) = _run(project("XM2027-1"), audits=[_audit("XM2024-9")]).findings
    assert finding.project_code is None and "项目XM2024-9" in finding.message


def test_rectified_findings_raise_nothing():
    result = _run(
        project("XM2027-1"), audits=[_audit("XM2027-1", "已整改"), _audit(None, "已整改")]
    )
    assert result.findings == [] and result.checked == 1


def test_an_empty_status_is_data_missing():
    result = _run(project("XM2027-1"), audits=[_audit("XM2027-1", None)])
    assert result.findings == [] and [s.reason.value for s in result.skips] == ["数据缺失"]


def test_no_audit_sheet_is_one_data_missing_skip():
    result = _run(project("XM2027-1"), sheets=SHEETS[:-1])
    assert [(s.reason.value, s.project_code) for s in result.skips] == [("数据缺失", None)]
