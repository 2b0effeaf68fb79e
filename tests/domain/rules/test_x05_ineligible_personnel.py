from decimal import Decimal

from lingji.domain.models import Person, Unit
from lingji.domain.rules.crosscheck import x05_ineligible_personnel as x05
from tests.domain.rules.helpers import context, project

D = Decimal
SHEETS = ("units", "projects", "detail_lines", "indicators", "personnel")
UNITS = [Unit("U1", "县社会福利院"), Unit("U2", "县救助管理站")]


def _person(unit_code="U1", kind="在编", status="在职", pay="6350", who="a"):
    return Person(unit_code, who * 64, (who * 64)[::-1].upper(), kind, status,
                  None if pay is None else D(pay))  # fmt: skip


def _run(*people, units=UNITS, sheets=SHEETS, **changes):
    ctx = context(project("P1"), sheets=sheets, units=units, personnel=list(people))
    return x05.check(ctx, {**ctx.ruleset.params("X05"), **changes})


def test_a_deceased_person_still_paid_is_reported_on_the_unit_with_a_years_pay():
    result = _run(_person(status="死亡", who="d"), _person(who="e"), _person("U2", who="f"))
    (finding,) = result.findings
    assert (finding.unit_code, finding.project_code, finding.line_no) == ("U1", None, None)
    assert "1名状态为“死亡”的在编人员仍有月应发工资6,350元" in finding.message
    assert finding.amount_excess == D("76200") and "按12个月计76,200元" in finding.message
    assert result.checked == 2


def test_people_who_left_or_retired_and_are_still_paid_are_reported_together():
    (finding,) = _run(
        _person(kind="编外", status="离职", pay="4300", who="l"),
        _person(kind="编外", status="离职", pay="4300", who="m"),
        _person(kind="退休", status="退休", pay="3000", who="r"),
    ).findings
    assert "2名状态为“离职”的编外人员" in finding.message and "“退休”" in finding.message
    assert "月应发合计11,600元" in finding.message
    assert finding.amount_excess == D("139200") and len(finding.evidence["people"]) == 3


def test_retirees_without_pay_from_the_unit_are_not_reported():
    result = _run(_person(kind="退休", status="退休", pay=None, who="r"), _person(who="a"))
    assert result.findings == []


def test_without_a_cut_the_finding_stays():
    (finding,) = _run(_person(status="死亡", who="d"), cut_months=0).findings
    assert finding.amount_excess == 0 and "按" not in finding.message


def test_the_same_id_hash_paid_in_two_units_is_reported_on_both_without_a_cut():
    result = _run(_person("U1", pay="6283", who="t"), _person("U2", pay="7120", who="t"))
    by_unit = {f.unit_code: f for f in result.findings}
    assert set(by_unit) == {"U1", "U2"}
    assert all(f.amount_excess == 0 for f in result.findings)
    assert "同时列在县救助管理站（U2，在编，在职，月应发7,120元）" in by_unit["U1"].message
    people = by_unit["U2"].evidence["people"][0]
    assert people["id_number_hash_prefix"] == "t" * 12 and len(people["records"]) == 2


def test_a_person_listed_twice_in_one_unit_is_reported():
    (finding,) = _run(_person(who="t"), _person(who="t")).findings
    assert "在本单位重复列示2次" in finding.message


def test_someone_who_left_one_unit_unpaid_and_works_in_another_is_not_doubled():
    result = _run(_person("U1", status="离职", pay=None, who="t"), _person("U2", who="t"))
    assert result.findings == []


def test_equal_names_are_not_the_same_person():
    a, b = _person("U1", who="a"), _person("U2", who="b")
    b.person_name_hash = a.person_name_hash
    assert _run(a, b).findings == []


def test_messages_never_carry_identifiers_and_evidence_only_a_hash_prefix():
    (finding, _) = _run(_person("U1", who="t"), _person("U2", who="t")).findings
    assert "t" * 13 not in repr(finding.evidence) and "tttt" not in finding.message


def test_people_without_an_id_hash_are_data_missing_for_the_double_listing():
    nameless = Person("U1", None, None, "在编", "在职", D(5000))
    result = _run(nameless, _person("U2", who="b"))
    (skip,) = result.skips
    assert skip.reason.value == "数据缺失" and skip.unit_code == "U1"
    assert "1名" in skip.explanation


def test_a_unit_absent_from_the_register_is_data_missing():
    (skip,) = _run(_person("U1")).skips
    assert (skip.reason.value, skip.unit_code) == ("数据缺失", "U2")


def test_no_personnel_sheet_is_one_data_missing_skip():
    result = _run(sheets=SHEETS[:-1])
    assert [(s.reason.value, s.unit_code) for s in result.skips] == [("数据缺失", None)]
