from decimal import Decimal

from lingji.domain.findings import Severity
from lingji.domain.models import Unit
from lingji.domain.rules.thematic import t09_unit_outliers
from tests.domain.rules.helpers import context, project

D = Decimal


def _units(count, kind="事业单位", staff=20, area=600, prefix="A"):
    return [Unit(f"{prefix}{i}", f"单位{prefix}{i}", unit_kind=kind, staff_actual=staff,
                 office_area_m2=D(area)) for i in range(count)]  # fmt: skip


def _requests(units, amounts):
    return [
        project(f"P-{u.unit_code}", unit_code=u.unit_code, requested=str(a))
        for u, a in zip(units, amounts, strict=True)
    ]


def _run(units, projects, **changes):
    ctx = context(*projects, units=units)
    return t09_unit_outliers.check(ctx, {**ctx.ruleset.params("T09"), **changes})


def test_a_unit_far_above_its_group_is_reported_with_the_group_and_fences():
    units = _units(10)
    units[9].staff_actual, units[9].office_area_m2 = 5, D(150)
    amounts = [2_000_000 + 100_000 * i for i in range(9)] + [6_000_000]
    (finding,) = _run(units, _requests(units, amounts)).findings
    assert finding.severity is Severity.INFO and finding.unit_code == "A9"
    assert finding.project_code is None and finding.amount_excess == 0
    per_capita, per_area = finding.evidence["metrics"]
    assert per_capita["value"] == "1200000.00" and per_capita["group_size"] == 10
    assert per_capita["group"] == "单位性质为“事业单位”的单位"
    # 100,000 … 140,000 in steps of 5,000, and 1,200,000: interpolated quartiles
    assert per_capita["q1"] == "111250.00" and per_capita["q3"] == "133750.00"
    assert per_capita["upper_fence"] == "201250.00"  # Q3 + 3 × IQR
    assert per_area["value"] == "40000.00"
    assert (
        "人均项目支出1,200,000元（在编5人），高于单位性质为“事业单位”的单位（共10个）的上界201,250元"
        in (finding.message)
    )


def test_ordinary_spread_is_not_an_outlier():
    units = _units(10)
    amounts = [2_000_000 + 150_000 * i for i in range(10)]
    result = _run(units, _requests(units, amounts))
    assert result.findings == [] and result.checked == 20  # 10 units × 2 metrics


def test_a_unit_is_judged_against_its_own_kind_not_against_all_units():
    admin = _units(8, kind="行政单位", prefix="X")
    public = _units(9, kind="事业单位", prefix="S")
    amounts = [9_000_000 + 20_000 * i for i in range(8)]
    amounts += [2_000_000 + 20_000 * i for i in range(8)] + [6_000_000]
    projects = _requests(admin + public, amounts)
    (finding,) = _run(admin + public, projects, metrics=["per_capita"]).findings
    assert finding.unit_code == "S8"
    assert _run(admin + public, projects, metrics=["per_capita"], group_by="none").findings == []


def test_a_unit_of_a_kind_too_small_to_compare_is_compared_with_all_units():
    units = _units(9) + _units(2, kind="参公事业单位", prefix="C")
    units[-1].staff_actual = 2
    amounts = [2_000_000 + 100_000 * i for i in range(9)] + [2_000_000, 3_000_000]
    (finding,) = _run(units, _requests(units, amounts)).findings
    assert finding.unit_code == "C1"
    assert finding.evidence["metrics"][0]["group"] == "本轮全部单位"
    assert finding.evidence["metrics"][0]["group_size"] == 11


def test_units_without_staff_or_area_are_data_missing_and_too_few_are_not_compared():
    units = [Unit("U1", "县城管局"), Unit("U2", "县文旅局")]
    result = _run(units, _requests(units, [3_000_000, 2_000_000]))
    assert result.findings == [] and result.checked == 0
    reasons = [(s.reason.value, s.unit_code) for s in result.skips]
    assert ("数据缺失", "U1") in reasons and ("数据缺失", "U2") in reasons
    assert ("不适用", None) in reasons
