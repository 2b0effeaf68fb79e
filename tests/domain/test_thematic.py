"""Thematic topics: which spending a topic covers, and its per-unit table beside its findings."""

from __future__ import annotations

from decimal import Decimal

from lingji.adapters.rulesets import load_ruleset
from lingji.domain.findings import Finding, Severity
from lingji.domain.models import DetailLine, Project, Unit
from lingji.domain.thematic import Topic, build_topic_report, find_topic, topics

D = Decimal
SANGONG = Topic("sangong", "三公经费", ("T01",), econ_codes=("30212", "30217"), by_econ_code=True)
PROPERTY = Topic("property", "物业管理", ("T04", "M01"), project_types=frozenset({"物业管理"}))
UNITS = {"U1": Unit("U1", "县教育局", staff_actual=40), "U2": Unit("U2", "县卫健局")}


def _project(code, unit, project_type, *lines):
    p = Project(2027, code, unit, f"项目{code}", project_type=project_type)
    p.lines = [
        DetailLine(code, name, D(amount), line_no=i, econ_code=econ, procurement=proc)
        for i, (name, econ, amount, proc) in enumerate(lines, start=1)
    ]
    return p


def _finding(code, unit, project=None, line=None, excess="0"):
    return Finding(code, Severity.WARNING, unit, project, line, "……", D(excess))


PROJECTS = [
    _project("P1", "U1", "专项业务", ("公务接待费", "30217", "12000", "否"), ("印刷费", "30202", "3000", "否")),
    _project("P2", "U1", "物业管理", ("物业管理费", "30209", "90000", "是")),
    _project("P3", "U2", "会议", ("出国费", "30212", "50000", "否"), ("接待费", "30217", "8000", "否")),
]  # fmt: skip


def test_a_topic_covers_lines_by_economic_code_and_sums_them_per_unit_and_code():
    report = build_topic_report(SANGONG, units=UNITS, projects=PROJECTS, findings=[])
    rows = {u.unit_code: u for u in report.units}
    assert rows["U1"].amount == D(12000) and rows["U1"].lines == 1
    assert rows["U2"].by_econ_code == {"30212": D(50000), "30217": D(8000)}
    assert report.econ_codes == ["30212", "30217"] and report.amount == D(70000)


def test_a_topic_covers_whole_projects_by_type_and_per_capita_uses_staff():
    report = build_topic_report(PROPERTY, units=UNITS, projects=PROJECTS, findings=[])
    (row,) = report.units
    assert row.unit_code == "U1" and row.amount == D(90000)
    assert row.per_capita == D("2250.00")


def test_two_findings_on_one_line_cut_it_once_by_the_largest_and_flagged_units_come_first():
    findings = [
        _finding("T04", "U2", excess="0"),
        _finding("T04", "U1", "P2", 1, "30000"),
        _finding("M01", "U1", "P2", 1, "29000"),
        _finding("X01", "U1", "P2"),
    ]
    report = build_topic_report(
        PROPERTY,
        units=UNITS,
        projects=PROJECTS + [_project("P4", "U2", "物业管理")],
        findings=findings,
    )
    assert [f.code for f in report.findings] == ["T04", "T04", "M01"]
    first, second = report.units
    assert (first.unit_code, first.findings, first.excess) == ("U1", 2, D(30000))
    assert (second.unit_code, second.findings, second.amount) == ("U2", 1, D(0))
    assert report.flagged_units == 2


def test_procurement_and_all_spending_topics():
    marked = Topic("procurement", "政府采购", ("T06",), procurement=True)
    everything = Topic("comparison", "单位对比", ("T09",), all_spending=True)
    assert build_topic_report(marked, units=UNITS, projects=PROJECTS, findings=[]).amount == D(
        90000
    )
    assert build_topic_report(everything, units=UNITS, projects=PROJECTS, findings=[]).amount == D(
        163000
    )


def test_the_default_rule_set_names_a_topic_for_every_thematic_code():
    configured = topics(load_ruleset().thematic)
    covered = {code for t in configured for code in t.codes}
    assert {f"T0{i}" for i in range(1, 10)} <= covered
    assert find_topic(configured, "三公经费") is find_topic(configured, "sangong") is not None
    assert find_topic(configured, "差旅") is None


def test_a_topic_without_its_own_spending_counts_the_requests_of_flagged_projects():
    prohibited = Topic("prohibited", "禁止性支出", ("T02",))
    flagged = _project("P9", "U1", "基建", ("办公楼扩建", "31001", "90000", "否"))
    flagged.requested_amount = D(90000)
    report = build_topic_report(
        prohibited,
        units=UNITS,
        projects=[*PROJECTS, flagged],
        findings=[_finding("T02", "U1", "P9")],
    )
    (row,) = report.units
    assert (row.unit_code, row.projects, row.amount, row.findings) == ("U1", 1, D(90000), 1)
