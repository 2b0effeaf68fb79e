import statistics
from decimal import Decimal

from lingji.domain.standards.history import group_history_lines
from lingji.domain.standards.learned import LearnedRanges, RangeSettings
from tests.domain.standards.helpers import history

SETTINGS = RangeSettings(
    min_samples=20,
    low_percentile=Decimal(10),
    high_percentile=Decimal(90),
    fence_k=Decimal("1.5"),
    min_similarity=0.4,
)
LEAFLET_PRICES = [Decimal("0.60") + Decimal("0.05") * (i % 13) for i in range(40)]


def test_a_range_holds_robust_percentiles_and_the_upper_fence():
    ranges = LearnedRanges.learn(
        group_history_lines(history("宣传折页印刷", LEAFLET_PRICES)), SETTINGS
    )
    found = ranges.lookup("宣传折页印刷", "份").range
    assert found.sample_size == 40 and found.sufficient
    # the same 'inclusive' (type 7) definition as the standard library's
    deciles = statistics.quantiles(LEAFLET_PRICES, n=10, method="inclusive")
    quartiles = statistics.quantiles(LEAFLET_PRICES, n=4, method="inclusive")
    assert (
        (found.low, found.high) == (deciles[0], deciles[-1]) == (Decimal("0.645"), Decimal("1.15"))
    )
    assert (found.q1, found.median, found.q3) == tuple(quartiles)
    assert found.fence == (found.q3 + Decimal("1.5") * (found.q3 - found.q1)).quantize(
        Decimal("0.0001")
    )
    assert found.upper == found.fence == Decimal("1.5188")
    assert found.evidence()["p90"] == "1.1500"


def test_below_the_minimum_sample_there_is_no_range():
    ranges = LearnedRanges.learn(
        group_history_lines(history("宣传折页印刷", LEAFLET_PRICES[:19])), SETTINGS
    )
    found = ranges.lookup("宣传折页印刷", "份").range
    assert found.sample_size == 19 and not found.sufficient
    assert found.upper is None and found.low is None
    assert found.evidence()["p50"] is None


def test_a_name_with_a_qualifier_joins_its_class_when_its_own_history_fits():
    lines = history("宣传折页印刷", LEAFLET_PRICES) + history(
        "宣传折页印刷（第一季度）", ["0.8", "0.9"]
    )
    ranges = LearnedRanges.learn(group_history_lines(lines), SETTINGS)
    lookup = ranges.lookup("宣传折页印刷（第一季度）", "份")
    assert lookup.via == "同类明细" and lookup.range.item_class == "宣传折页印刷"
    assert lookup.range.sample_size == 42
    # a qualifier history never saw falls back to the class as well
    assert ranges.lookup("宣传折页印刷（第九季度）", "份").range.item_class == "宣传折页印刷"


def test_a_qualifier_whose_own_history_sits_apart_does_not_join_the_class():
    lines = history("讲课费（副高级职称）", [400] * 30, unit="学时") + history(
        "讲课费（正高级职称）", [850, 880], unit="学时"
    )
    ranges = LearnedRanges.learn(group_history_lines(lines), SETTINGS)
    lookup = ranges.lookup("讲课费（正高级职称）", "学时")
    assert lookup.range.item_class == "讲课费（正高级职称）" and not lookup.range.sufficient


def test_ranges_are_kept_apart_by_measure():
    lines = history("宣传折页印刷", LEAFLET_PRICES) + history(
        "宣传折页印刷", [500] * 25, unit="万份"
    )
    ranges = LearnedRanges.learn(group_history_lines(lines), SETTINGS)
    assert ranges.lookup("宣传折页印刷", "万份").range.median == 500
    assert ranges.lookup("宣传折页印刷", "册") is None


def test_an_unseen_name_joins_the_most_similar_class_of_the_same_measure():
    ranges = LearnedRanges.learn(
        group_history_lines(history("宣传折页印刷", LEAFLET_PRICES)), SETTINGS
    )
    lookup = ranges.lookup("宣传单页印刷", "份")
    assert lookup.via == "相近名称" and lookup.similarity >= 0.4
    assert ranges.lookup("台式计算机", "份") is None
