import datetime as dt
from decimal import Decimal

from lingji.domain.models import HistoryProject, PolicyDocument
from lingji.domain.rules.amounts import m04_sharp_growth
from tests.domain.rules.helpers import context, project

SHEETS = ("units", "projects", "detail_lines", "indicators", "history", "policy_documents")
LIBRARY = [
    PolicyDocument("澜溪府发〔2024〕8号", issued=dt.date(2024, 3, 18), status="有效"),
    PolicyDocument("澜溪住建发〔2025〕14号", issued=dt.date(2025, 7, 11), status="有效"),
    PolicyDocument("澜溪民发〔2025〕5号", issued=dt.date(2025, 5, 9), status="有效"),
    PolicyDocument("澜溪财预〔2026〕3号", issued=dt.date(2026, 2, 1), status="废止"),
]


def _run(*projects, budget="100000", sheets=SHEETS):
    history = [HistoryProject(2026, "XM2026-1", budget=None if budget is None else Decimal(budget))]
    ctx = context(*projects, sheets=sheets, history=history, policy_documents=LIBRARY)
    return m04_sharp_growth.check(ctx, ctx.ruleset.params("M04"))


def _grown(requested="150000", refs="澜溪府发〔2024〕8号", **fields):
    return project(
        "XM2027-1",
        requested=requested,
        continuing="是",
        prev_project_code="XM2026-1",
        policy_refs=refs,
        **fields,
    )


def test_growth_on_old_documents_only_is_cut_above_the_limit():
    (finding,) = _run(_grown()).findings
    assert finding.amount_excess == Decimal("30000.00")
    assert "增长50.0%，超过20.0%" in finding.message
    assert "澜溪府发〔2024〕8号（2024年3月18日发布）" in finding.message
    assert "2025年7月1日" in finding.message
    assert finding.policy_refs == ("澜溪府发〔2024〕8号",)
    assert finding.evidence["new_basis_since"] == "2025-07-01"


def test_a_document_issued_after_last_years_preparation_is_a_new_basis():
    assert _run(_grown(refs="澜溪府发〔2024〕8号；澜溪住建发〔2025〕14号")).findings == []


def test_a_document_cited_in_the_rationale_counts_too():
    assert _run(_grown(rationale="根据澜溪住建发〔2025〕14号文件要求")).findings == []


def test_a_document_issued_before_preparation_began_is_not_new():
    assert len(_run(_grown(refs="澜溪民发〔2025〕5号")).findings) == 1


def test_an_abolished_document_is_no_basis():
    (finding,) = _run(_grown(refs="澜溪财预〔2026〕3号")).findings
    assert "已失效或废止" in finding.message


def test_a_document_outside_the_library_is_dated_by_the_year_in_its_number():
    assert _run(_grown(refs="澜溪教发〔2025〕99号")).findings == []
    assert len(_run(_grown(refs="澜溪教发〔2023〕99号")).findings) == 1


def test_no_document_at_all_is_reported():
    (finding,) = _run(_grown(refs=None)).findings
    assert "未引用任何政策文件" in finding.message


def test_growth_within_the_limit_passes():
    result = _run(_grown(requested="120000", refs=None))
    assert result.findings == [] and result.checked == 1


def test_a_new_project_is_not_applicable_and_an_empty_budget_is_data_missing():
    assert [s.reason.value for s in _run(project(continuing="否")).skips] == ["不适用"]
    assert [s.reason.value for s in _run(_grown(), budget=None).skips] == ["数据缺失"]
