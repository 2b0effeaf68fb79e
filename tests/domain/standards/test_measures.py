from decimal import Decimal

from lingji.domain.standards.measures import basis_measure, grouped, measure_line, normalize_measure
from tests.domain.standards.helpers import line


def test_spellings_of_one_measure_normalise_alike():
    assert normalize_measure("平方米·月") == normalize_measure("平方米月") == "平方米月"
    assert normalize_measure("人·日") == "人天"
    assert normalize_measure("万元（建设投资）") == basis_measure("元/万元建设投资")


def test_a_basis_without_a_per_unit_has_no_measure():
    assert basis_measure("元/人天") == "人天"
    assert basis_measure("元") == "" and basis_measure(None) == ""


def test_persons_and_days_make_person_days():
    measure = measure_line(line("会议费", "900", unit="人天", persons=120, days="2"))
    assert measure.measure == "人天" and measure.count == 240
    assert measure.describe() == "120人×2天"
    assert measure.claimed == Decimal(216000)


def test_persons_and_months_make_person_months():
    measure = measure_line(line("编外人员劳务费", "7800", unit="月", persons=10, quantity="12"))
    assert (measure.measure, measure.count) == ("人月", 120)
    assert measure.describe() == "10人×12月"


def test_the_unit_cost_falls_back_to_amount_over_count():
    measure = measure_line(
        line("物业管理费", None, unit="平方米·月", quantity="1000", amount="4500")
    )
    assert measure.unit_cost == Decimal("4.5")


def test_a_line_without_count_or_cost_has_no_measure():
    assert measure_line(line("咨询服务", "100")) is None
    assert measure_line(line("台式计算机", None, unit="台", quantity="2", amount=None)) is None
    assert measure_line(line("台式计算机", "5000", unit="台", quantity="0")) is None


def test_counts_are_written_with_thousands_separators():
    assert grouped(Decimal("9432.0000")) == "9,432" and grouped(Decimal("2.50")) == "2.5"
