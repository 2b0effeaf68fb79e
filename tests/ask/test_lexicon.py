"""The words of a round: units and their short names, types, economic codes, numerals."""

from __future__ import annotations

import pytest

from lingji.domain.ask.lexicon import (
    Lexicon,
    UnitName,
    build_lexicon,
    chinese_number,
    normalize,
    unit_aliases,
)
from lingji.domain.ask.vocabulary import Kind
from lingji.domain.econ_codes import BUILT_IN
from lingji.domain.rules import REGISTRY

UNITS = (
    UnitName("101001", "澜溪县人民政府办公室"),
    UnitName("103001", "澜溪县教育局"),
    UnitName("103002", "澜溪县第一中学", "103001"),
    UnitName("103003", "澜溪县实验小学", "103001"),
    UnitName("104001", "澜溪县卫生健康局"),
    UnitName("104002", "澜溪县疾病预防控制中心", "104001"),
    UnitName("111001", "澜溪县城市管理局"),
    UnitName("111002", "澜溪县环境卫生管理所", "111001"),
    UnitName("113001", "澜溪县公安局"),
)
PROJECTS = (
    ("XM2027101001005", "12345政务服务便民热线运行", "101001"),
    ("XM2027103001001", "县教育局机关运转保障（车辆及接待）", "103001"),
    ("XM2027103001002", "推进义务教育优质均衡发展专项工作经费", "103001"),
    ("XM2027104001001", "县卫生健康局机关运转保障（车辆及接待）", "104001"),
)
TYPES = ("会议", "培训", "信息化建设", "设备购置", "专项业务", "编外人员", "基建", "其他")


def demo_lexicon() -> Lexicon:
    """A small round shaped like the demo county (budget year 2027, history 2024-2026)."""
    return build_lexicon(
        region="澜溪县",
        budget_year=2027,
        history_years=[2024, 2025, 2026],
        units=UNITS,
        econ_names={code: entry.name for code, entry in BUILT_IN.items()},
        projects=PROJECTS,
        project_types=TYPES,
        finding_titles={check.code: check.title for check in REGISTRY},
    )


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return demo_lexicon()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105),
        ("三万", 30000), ("一百万", 1_000_000), ("一千五百万", 15_000_000),
        ("二〇二六", 2026), ("二零二四", 2024), ("两千零二十六", 2026),
    ],
)  # fmt: skip
def test_chinese_numerals_are_read(text, value):
    assert chinese_number(text) == value


def test_a_word_that_is_not_a_numeral_is_none():
    assert chinese_number("三公") is None
    assert chinese_number("") is None


def test_normalize_folds_full_width_and_drops_spaces_and_end_punctuation():
    assert normalize(" 教育局　２０２６年 ａ级？") == "教育局2026年A级"
    assert normalize("维修（护）费") == "维修(护)费"


def test_a_unit_is_known_by_its_full_name_and_short_names():
    aliases = unit_aliases("澜溪县教育局", "澜溪县")
    assert {"澜溪县教育局", "县教育局", "教育局", "澜溪教育局"} <= aliases


def test_usual_abbreviations_name_the_unit():
    assert "卫健局" in unit_aliases("澜溪县卫生健康局", "澜溪县")
    assert "疾控中心" in unit_aliases("澜溪县疾病预防控制中心", "澜溪县")
    assert "环卫所" in unit_aliases("澜溪县环境卫生管理所", "澜溪县")
    assert "政府办" in unit_aliases("澜溪县人民政府办公室", "澜溪县")


def test_aliases_follow_the_region_of_another_county():
    aliases = unit_aliases("普陀区教育局", "普陀区")
    assert {"普陀区教育局", "区教育局", "教育局", "普陀教育局"} <= aliases


def test_scan_takes_the_longest_word(lexicon):
    surfaces = [m.surface for m in lexicon.scan("教育局今年会议费和培训项目")]
    assert surfaces == ["教育局", "今年", "会议费", "培训项目"]


def test_every_alias_names_its_unit(lexicon):
    for alias in ("教育局", "县教育局", "澜溪县教育局", "卫健局", "疾控中心", "环卫所", "城管局"):
        (match,) = lexicon.scan(alias)
        assert match.of(Kind.UNIT), alias


def test_a_department_is_named_with_its_system(lexicon):
    (match,) = lexicon.scan("教育系统")
    assert match.of(Kind.DEPARTMENT) == ["103001"]
    (match,) = lexicon.scan("教育局及下属单位")
    assert match.of(Kind.DEPARTMENT) == ["103001"]


def test_an_alias_two_units_share_names_neither():
    shared = build_lexicon(
        region="澜溪县",
        budget_year=2027,
        history_years=[],
        units=[UnitName("1", "澜溪县档案馆"), UnitName("2", "档案馆")],
        econ_names={},
        projects=[],
        project_types=[],
        finding_titles={},
    )
    assert not any(Kind.UNIT in {t.kind for t in m.terms} for m in shared.scan("档案馆"))
    assert shared.scan("澜溪县档案馆")[0].of(Kind.UNIT) == ["1"]


def test_economic_codes_are_known_by_code_and_name(lexicon):
    assert lexicon.scan("30215")[0].of(Kind.ECON) == ["30215"]
    assert lexicon.scan("差旅费")[0].of(Kind.ECON) == ["30211"]
    assert lexicon.scan("维修(护)费")[0].of(Kind.ECON) == ["30213"]
    assert lexicon.scan("维修费")[0].of(Kind.ECON) == ["30213"]


def test_a_sangong_part_keeps_both_its_meanings(lexicon):
    (match,) = lexicon.scan("公务接待费")
    assert match.of(Kind.METRIC) == ["sangong_reception"]
    assert match.of(Kind.ECON) == ["30217"]


def test_project_types_are_words_but_other_alone_is_not(lexicon):
    assert lexicon.scan("会议类")[0].of(Kind.PROJECT_TYPE) == ["会议"]
    assert lexicon.scan("编外人员类项目")[0].of(Kind.PROJECT_TYPE) == ["编外人员"]
    assert not lexicon.scan("其他")
    assert lexicon.scan("其他类")[0].of(Kind.PROJECT_TYPE) == ["其他"]


def test_projects_are_known_by_code_name_and_a_fragment(lexicon):
    assert lexicon.scan("XM2027101001005")[0].of(Kind.PROJECT) == ["XM2027101001005"]
    assert lexicon.projects_named("便民热线") == ["XM2027101001005"]
    assert lexicon.projects_named("机关运转保障") == ["XM2027103001001", "XM2027104001001"]


def test_relative_years_are_offsets_from_the_budget_year(lexicon):
    offsets = {m.surface: m.of(Kind.YEAR) for m in lexicon.scan("今年去年前年大前年")}
    assert offsets == {"今年": ["0"], "去年": ["-1"], "前年": ["-2"], "大前年": ["-3"]}
    assert lexicon.newest_history_year == 2026
