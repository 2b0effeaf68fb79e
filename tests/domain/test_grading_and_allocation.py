from decimal import Decimal

from lingji.domain.allocation import Candidate, allocate
from lingji.domain.findings import Finding, Severity
from lingji.domain.grading import Rankable, grade, rank, suggest

D = Decimal
THRESHOLDS = {"necessity_threshold": 60, "importance_threshold": 70}


def test_grades_cross_necessity_with_importance():
    assert grade(D(80), D(80), THRESHOLDS) == "A"
    assert grade(D(80), D(50), THRESHOLDS) == "B"
    assert grade(D(40), D(80), THRESHOLDS) == "C"
    assert grade(D(40), D(50), THRESHOLDS) == "D"
    assert grade(D(60), D(70), THRESHOLDS) == "A"  # thresholds are inclusive


def _finding(code, excess, line_no=None):
    return Finding(code, Severity.WARNING, "U1", "P1", line_no, f"{code} 问题", D(excess))


def test_suggested_amount_drops_by_each_justified_cut_and_never_below_zero():
    params = {"cut_codes": ["M01", "X07"]}
    s = suggest(
        D(100000), [_finding("M01", 16800, 3), _finding("X07", 10000), _finding("V09", 500)], params
    )
    assert s.suggested == D("73200.00")
    assert [(c.code, c.amount) for c in s.cuts] == [("M01", D(16800)), ("X07", D(10000))]
    assert suggest(D(1000), [_finding("M01", 5000)], params).suggested == D(0)
    assert suggest(D(1000), [], params).suggested == D(1000)


def test_ranking_puts_blocked_last_then_grade_then_score():
    ranks = rank(
        [
            Rankable("blocked-A", "A", D(95), True, D(1)),
            Rankable("B-high", "B", D(90), False, D(1)),
            Rankable("A-low", "A", D(70), False, D(1)),
            Rankable("A-high", "A", D(80), False, D(1)),
        ]
    )
    assert sorted(ranks, key=ranks.get) == ["A-high", "A-low", "B-high", "blocked-A"]


def test_allocation_funds_in_rank_order_and_partly_funds_the_marginal_project():
    candidates = [
        Candidate("P1", "101001", 1, "A", D(600), False),
        Candidate("P2", "101", 2, "A", D(300), False),
        Candidate("P3", "101", 3, "B", D(300), False),
        Candidate("P4", "102", 4, "B", D(100), False),
        Candidate("P5", "102", 5, "A", D(100), True),
    ]
    result = {
        a.project_code: a
        for a in allocate(
            candidates,
            {"101": D(1000), "全部": D(1050)},
            {"101001": "101", "101": None, "102": None},
        )
    }
    assert (result["P1"].allocated, result["P1"].status) == (D(600), "全额安排")
    assert (result["P2"].allocated, result["P2"].status) == (D(300), "全额安排")
    # the department ceiling (covering its 事业单位) leaves 100 for P3
    assert (result["P3"].allocated, result["P3"].status, result["P3"].ceiling_unit) == (
        D(100),
        "部分安排",
        "101",
    )
    # the whole budget leaves 50 for P4
    assert (result["P4"].allocated, result["P4"].ceiling_unit) == (D(50), "全部")
    assert (result["P5"].allocated, result["P5"].status) == (D(0), "未安排")
    assert "阻断" in result["P5"].reason


def test_cuts_that_measure_the_same_money_are_not_added_twice():
    params = {"cut_codes": ["M01", "M03", "M04"], "exclusive_groups": [["M03", "M04"]]}
    s = suggest(D(150), [_finding("M03", 100), _finding("M04", 30), _finding("M01", 10, 2)], params)
    assert s.suggested == D("40.00")  # 150 − max(100, 30) − 10
    covered = next(c for c in s.cuts if c.code == "M04")
    assert covered.amount == 0 and "M03" in covered.message


def test_two_findings_on_one_line_cut_its_excess_once():
    params = {"cut_codes": ["M01", "T04"]}
    s = suggest(
        D(1000), [_finding("M01", 300, 2), _finding("T04", 300, 2), _finding("M01", 50, 3)], params
    )
    assert s.suggested == D("650.00")
