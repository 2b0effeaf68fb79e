from decimal import Decimal

from lingji.domain.findings import Severity
from lingji.domain.models import HistoryProject
from lingji.domain.rules.amounts import m03_low_execution
from tests.domain.rules.helpers import context, project

SHEETS = ("units", "projects", "detail_lines", "indicators", "history")


def _last(budget="200000", executed="80000", code="XM2026-1"):
    return HistoryProject(
        2026,
        code,
        budget=None if budget is None else Decimal(budget),
        executed=None if executed is None else Decimal(executed),
    )


def _run(*projects, history=(), sheets=SHEETS):
    ctx = context(*projects, sheets=sheets, history=list(history))
    return m03_low_execution.check(ctx, ctx.ruleset.params("M03"))


def _continuing(requested="210000"):
    return project("XM2027-1", requested=requested, continuing="是", prev_project_code="XM2026-1")


def test_a_request_above_last_years_execution_is_cut_to_it():
    (finding,) = _run(_continuing(), history=[_last()]).findings
    assert finding.severity is Severity.WARNING
    assert finding.amount_excess == Decimal("130000.00")
    assert "预算200,000元" in finding.message and "执行80,000元" in finding.message
    assert "执行率40.0%，低于60.0%" in finding.message and "本年申报210,000元" in finding.message
    assert finding.evidence["execution_rate"] == "0.4000"
    assert finding.evidence["supported_amount"] == "80000.00"


def test_a_request_reduced_to_what_was_executed_passes():
    result = _run(_continuing(requested="80000"), history=[_last()])
    assert result.findings == [] and result.checked == 1


def test_a_well_executed_project_passes_whatever_it_asks():
    assert _run(_continuing(), history=[_last(executed="150000")]).findings == []


def test_last_years_record_is_found_under_the_same_code_too():
    same_code = project("XM2026-1", requested="210000", continuing="是")
    assert len(_run(same_code, history=[_last()]).findings) == 1


def test_a_new_project_is_not_applicable():
    result = _run(project(continuing="否"), history=[_last()])
    assert [s.reason.value for s in result.skips] == ["不适用"]


def test_a_continuing_project_without_a_record_is_data_missing():
    (skip,) = _run(_continuing(), history=[]).skips
    assert skip.reason.value == "数据缺失" and "XM2026-1" in skip.explanation


def test_an_execution_of_zero_is_data_missing_not_a_full_cut():
    result = _run(_continuing(), history=[_last(executed="0")])
    assert result.findings == []
    assert [s.reason.value for s in result.skips] == ["数据缺失"]
    assert "执行数为0" in result.skips[0].explanation


def test_empty_figures_are_data_missing():
    for history, requested in (([_last(executed=None)], "1"), ([_last()], None)):
        result = _run(_continuing(requested=requested), history=history)
        assert [s.reason.value for s in result.skips] == ["数据缺失"]


def test_no_history_sheet_is_one_data_missing_skip_for_the_round():
    result = _run(_continuing(), project("P2"), sheets=SHEETS[:-1])
    assert [(s.reason.value, s.project_code) for s in result.skips] == [("数据缺失", None)]
