from decimal import Decimal

from lingji.domain.findings import Severity
from lingji.domain.rules.amounts import m02_above_learned_range
from tests.domain.rules.helpers import context, project
from tests.domain.standards.helpers import history, line

SHEETS = ("units", "projects", "detail_lines", "indicators", "history_lines")
LEAFLETS = history(
    "宣传折页印刷", [Decimal("0.60") + Decimal("0.05") * (i % 13) for i in range(40)]
)


def _run(*projects, history_lines=LEAFLETS, sheets=SHEETS):
    ctx = context(*projects, sheets=sheets, history_lines=history_lines)
    return m02_above_learned_range.check(ctx, ctx.ruleset.params("M02"))


def test_a_unit_cost_far_above_history_is_a_hint_with_percentiles_and_sample_size():
    leaflet = line("宣传折页印刷", "4.50", econ="30202", unit="份", quantity="20000")
    (finding,) = _run(project(lines=[leaflet])).findings
    assert finding.severity is Severity.INFO and finding.amount_excess == 0
    assert finding.message.startswith(
        "第1行 宣传折页印刷：单价4.50元/份，高于2026年历史同类明细“宣传折页印刷”（40条）的合理区间0.645元—1.15元/份"
    )
    assert "无官方或本地支出标准" in finding.message
    assert finding.evidence["sample_size"] == 40
    assert finding.evidence["p10"] == "0.6450" and finding.evidence["p90"] == "1.1500"


def test_a_unit_cost_inside_the_fence_passes():
    result = _run(project(lines=[line("宣传折页印刷", "1.20", unit="份", quantity="100")]))
    assert result.findings == [] and result.checked == 1


def test_a_line_above_an_official_standard_is_left_to_m01():
    meetings = [
        line(
            "会议费", str(400 + i), econ="30215", unit="人天", persons=10, days="1", project=f"H{i}"
        )
        for i in range(30)
    ]
    over = line("会议费", "900", econ="30215", unit="人天", persons=10, days="1")
    within = line("会议费", "700", econ="30215", unit="人天", persons=10, days="1", line_no=2)
    (finding,) = _run(project(lines=[over, within]), history_lines=meetings).findings
    assert (
        finding.line_no == 2 and "会议费综合定额（一类会议）上限760元/人天以内" in finding.message
    )


def test_too_little_history_is_data_missing_not_a_guess():
    result = _run(
        project(lines=[line("宣传折页印刷", "9", unit="份", quantity="1")]),
        history_lines=LEAFLETS[:5],
    )
    assert result.findings == []
    assert [s.reason.value for s in result.skips] == ["数据缺失"] and "样本不足" in result.skips[
        0
    ].explanation


def test_an_item_history_never_saw_is_not_applicable():
    result = _run(project(lines=[line("台式计算机", "4000", unit="台", quantity="1")]))
    assert [s.reason.value for s in result.skips] == ["不适用"]


def test_without_the_history_sheet_the_check_says_so_once():
    result = _run(
        project(lines=[line("宣传折页印刷", "9", unit="份", quantity="1")]),
        sheets=SHEETS[:-1],
        history_lines=[],
    )
    (skip,) = result.skips
    assert skip.reason.value == "数据缺失" and skip.project_code is None
