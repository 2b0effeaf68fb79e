"""Standards looked up by kind (物业, 信息系统运维 ...): how the thematic checks find a bureau's own."""

from decimal import Decimal

from lingji.domain.models import BureauStandard
from lingji.domain.standards.library import KindMatcher, StandardKind, StandardsLibrary
from tests.domain.standards.helpers import line


def _row(code, name, keywords, basis, limit, econ=""):
    return BureauStandard(code, name, econ, keywords, basis, Decimal(limit), "某财预〔2025〕9号")


LIBRARY = StandardsLibrary.build(
    [
        _row("LX-1", "行政办公用房物业管理费", "物业管理", "元/平方米·月", "4.50", "30209"),
        _row(
            "LX-2", "信息系统运行维护费（占建设投资）", "运行维护、运维", "元/万元建设投资", "1000"
        ),
        _row("LX-3", "电梯维护保养", "电梯", "元/台·年", "12000"),
        _row("LX-4", "政府采购限额标准", "", "元/项", "100000"),
    ],
    year=2027,
)


def test_a_kind_is_found_by_name_words_and_measure():
    kind = StandardKind.from_params({"name_words": ["运行维护", "运维"], "basis_words": ["万元"]})
    assert [s.code for s in LIBRARY.of_kind(kind)] == ["LX-2"]


def test_a_kind_may_list_codes_and_includes_standards_applied_by_amount_not_name():
    assert [s.code for s in LIBRARY.of_kind(StandardKind.from_params({"codes": ["LX-4"]}))] == [
        "LX-4"
    ]
    by_words = StandardKind.from_params({"name_words": ["采购限额"]})
    assert [s.code for s in LIBRARY.of_kind(by_words)] == ["LX-4"]


def test_a_kind_matcher_compares_a_line_exactly_as_the_library_does():
    matcher = KindMatcher(LIBRARY, StandardKind.from_params({"name_words": ["物业"]}))
    fee = line("物业管理费", "7.80", econ="30209", unit="平方米·月", quantity="100")
    assert matcher.match(fee).excess == LIBRARY.match(fee).excess == Decimal("330.00")


def test_a_kind_matcher_ignores_lines_of_other_kinds():
    matcher = KindMatcher(LIBRARY, StandardKind.from_params({"name_words": ["物业"]}))
    lift = line("电梯维护保养", "15000", unit="台·年", quantity="2")
    assert LIBRARY.match(lift) is not None and matcher.match(lift) is None
    assert not matcher.names("电梯维护保养", None) and matcher.names("物业管理费", "30209")


def test_an_unknown_kind_has_no_standards_and_matches_nothing():
    matcher = KindMatcher(LIBRARY, StandardKind.from_params({"name_words": ["设计"]}))
    assert matcher.standards == ()
    assert matcher.match(line("施工图设计费", "900", unit="万元", quantity="600")) is None
