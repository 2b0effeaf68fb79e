"""Judging answers against gold expectations: figures within a fen, rates within 0.05 points,
rankings in order, lists as sets, cited 文号, and honest refusals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lingji.domain.ask.answer import Answer, AnswerKind
from lingji.domain.ask.evaluation import (
    GoldCase,
    Verdict,
    accuracy_by_kind,
    judge,
    load_gold_cases,
)
from lingji.domain.ask.scope import ALL_UNITS

SQL = "select 1"


def _data(value=None, rows=(), text="教育局今年申报 5,017,841.25 元"):
    return Answer(answer=text, kind=AnswerKind.DATA, value=value, rows=list(rows), sql=SQL)


def _unanswerable(text="无法回答：数据中没有这一项。可以问申报金额、执行率等。"):
    return Answer(answer=text, kind=AnswerKind.UNANSWERABLE)


# --- figures ----------------------------------------------------------------------------------


def test_a_figure_within_a_fen_of_the_oracle_is_right():
    assert judge({"oracle_sql": SQL}, _data(Decimal("5017841.25")), [(5017841.25,)]) == (True, "")
    assert judge({"oracle_sql": SQL}, _data(Decimal("5017841.26")), [(5017841.25,)])[0]


def test_a_figure_off_by_more_than_a_fen_is_wrong_and_says_both_numbers():
    ok, why = judge({"oracle_sql": SQL}, _data(Decimal("5017841.27")), [(5017841.25,)])
    assert not ok and "5017841.27" in why and "5017841.25" in why


def test_counts_compare_exactly():
    assert judge({"oracle_sql": SQL}, _data(13), [(13,)])[0]
    assert not judge({"oracle_sql": SQL}, _data(14), [(13,)])[0]


def test_a_negative_change_must_keep_its_sign():
    assert judge({"oracle_sql": SQL}, _data(Decimal("-17600")), [(-17600.0,)])[0]
    assert not judge({"oracle_sql": SQL}, _data(Decimal("17600")), [(-17600.0,)])[0]


def test_rates_are_percentages_within_five_hundredths_of_a_point():
    expect = {"oracle_sql": SQL, "rate": True}
    assert judge(expect, _data(Decimal("89.2")), [(89.19634700575291,)])[0]
    assert judge(expect, _data(Decimal("89.24")), [(89.19634700575291,)])[0]
    assert not judge(expect, _data(Decimal("89.3")), [(89.19634700575291,)])[0]
    # a fraction is not a percentage
    assert not judge(expect, _data(Decimal("0.892")), [(89.19634700575291,)])[0]


def test_an_answer_without_a_figure_fails_a_value_comparison():
    ok, why = judge({"oracle_sql": SQL}, _data(None), [(5017841.25,)])
    assert not ok and "没有给出数值" in why


def test_saying_unanswerable_to_an_answerable_question_fails():
    ok, why = judge({"oracle_sql": SQL}, _unanswerable(), [(5017841.25,)])
    assert not ok and "应有数据答案" in why


def test_an_oracle_with_no_figure_fails_rather_than_passing_anything():
    assert not judge({"oracle_sql": SQL}, _data(Decimal(0)), [(None,)])[0]
    assert not judge({"oracle_sql": SQL}, _data(Decimal(0)), [])[0]


def test_an_expectation_with_an_oracle_needs_its_rows():
    with pytest.raises(ValueError, match="oracle_rows"):
        judge({"oracle_sql": SQL}, _data(Decimal(1)), None)


# --- rankings and lists -----------------------------------------------------------------------

TOP3 = [("澜溪县公安局",), ("澜溪县第一中学",), ("澜溪县实验小学",)]


def _units(*names):
    return [{"单位": name, "申报金额": Decimal(1)} for name in names]


def test_a_ranking_must_come_in_the_oracles_order():
    expect = {"oracle_sql": SQL, "compare": "first_column", "ordered": True}
    right = _data(rows=_units("澜溪县公安局", "澜溪县第一中学", "澜溪县实验小学"))
    swapped = _data(rows=_units("澜溪县第一中学", "澜溪县公安局", "澜溪县实验小学"))
    assert judge(expect, right, TOP3)[0]
    ok, why = judge(expect, swapped, TOP3)
    assert not ok and "排序" in why


def test_a_ranking_with_too_many_rows_is_wrong():
    expect = {"oracle_sql": SQL, "compare": "first_column", "ordered": True}
    answer = _data(rows=_units("澜溪县公安局", "澜溪县第一中学", "澜溪县实验小学", "澜溪县教育局"))
    assert not judge(expect, answer, TOP3)[0]


def test_a_total_row_under_a_table_is_not_part_of_the_ranking():
    expect = {"oracle_sql": SQL, "compare": "first_column", "ordered": True}
    answer = _data(rows=_units("澜溪县公安局", "澜溪县第一中学", "澜溪县实验小学", "合计"))
    assert judge(expect, answer, TOP3)[0]


def test_a_list_compares_as_a_set_and_names_what_is_missing():
    expect = {"oracle_sql": SQL, "compare": "first_column"}
    assert judge(
        expect, _data(rows=_units("澜溪县实验小学", "澜溪县公安局", "澜溪县第一中学")), TOP3
    )[0]
    ok, why = judge(expect, _data(rows=_units("澜溪县公安局", "澜溪县第一中学")), TOP3)
    assert not ok and "澜溪县实验小学" in why


def test_first_cells_compare_across_spacing_width_and_how_a_year_is_written():
    expect = {"oracle_sql": SQL, "compare": "first_column"}
    econ = _data(rows=[{"经济科目": "30213 维修（护）费", "金额": Decimal(1)}])
    assert judge(expect, econ, [("30213 维修(护)费",)])[0]
    years = _data(rows=[{"年度": "2026年", "执行数": 1}, {"年度": 2025, "执行数": 1}])
    assert judge(expect, years, [(2026,), ("2025",)])[0]


# --- policy -----------------------------------------------------------------------------------


def _policy(text, *sources):
    return Answer(answer=text, kind=AnswerKind.POLICY, sources=list(sources))


def test_a_policy_answer_cites_the_document_in_any_bracket_style():
    expect = {"sources_include": ["财行〔2016〕214号"], "answer_contains": ["760"]}
    answer = _policy("一类会议综合定额760元/人天。", "财行[2016]214号 中央和国家机关会议费管理办法")
    assert judge(expect, answer, None) == (True, "")


def test_a_policy_answer_without_the_document_or_the_figure_fails():
    expect = {"sources_include": ["财行〔2016〕214号"], "answer_contains": ["760"]}
    ok, why = judge(expect, _policy("一类会议650元/人天。", "澜溪财行〔2024〕3号"), None)
    assert not ok and "财行〔2016〕214号" in why and "760" in why


def test_thousands_separators_do_not_hide_a_figure():
    expect = {"answer_contains": ["35000"]}
    assert judge(expect, _policy("复印机价格上限35,000元。", "澜溪财资〔2024〕2号"), None)[0]


# --- unanswerable and refused -----------------------------------------------------------------


def test_unanswerable_means_saying_so_without_a_figure():
    assert judge({"unanswerable": True}, _unanswerable(), None) == (True, "")
    made_up = Answer(answer="预计增长5%", kind=AnswerKind.MODEL, value=Decimal(5))
    assert not judge({"unanswerable": True}, made_up, None)[0]
    with_figure = Answer(answer="无法回答", kind=AnswerKind.UNANSWERABLE, value=Decimal(5))
    assert not judge({"unanswerable": True}, with_figure, None)[0]


def test_a_refusal_says_the_asker_has_no_permission():
    assert judge({"refused": True}, _unanswerable("您无权查看澜溪县卫生健康局的数据。"), None)[0]
    assert judge({"refused": True}, _unanswerable("超出您的数据权限范围。"), None)[0]
    ok, why = judge({"refused": True}, _unanswerable("无法回答：没有这个单位。"), None)
    assert not ok and "无权" in why
    leaked = _data(Decimal("3310176.20"), text="卫生健康局今年申报 3,310,176.20 元")
    assert not judge({"refused": True}, leaked, None)[0]


# --- loading the gold file --------------------------------------------------------------------


def test_a_single_question_and_a_session_load_with_their_scope():
    single, session = load_gold_cases(
        [
            {"id": "a001", "kind": "权限", "units": ["103001"], "question": "县卫生健康局今年申报了多少？",
             "expect": {"refused": True}},
            {"id": "s001", "kind": "多轮", "turns": [
                {"question": "教育局今年申报了多少", "expect": {"oracle_sql": SQL}},
                {"question": "那县卫生健康局呢", "expect": {"oracle_sql": SQL}},
            ]},
        ]
    )  # fmt: skip
    assert single.units == frozenset({"103001"}) and single.scope.allows("103001")
    assert not single.scope.allows("104001") and not single.is_multi_turn
    assert session.is_multi_turn and [t.question for t in session.turns][1] == "那县卫生健康局呢"
    assert session.scope is ALL_UNITS


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"kind": "金额", "question": "x", "expect": {"oracle_sql": SQL}}, "缺少 id"),
        ({"id": "q1", "kind": "猜谜", "question": "x", "expect": {"oracle_sql": SQL}}, "kind"),
        ({"id": "q1", "kind": "金额", "expect": {"oracle_sql": SQL}}, "有且只有一个"),
        ({"id": "q1", "kind": "金额", "question": "x", "expect": {}}, "至少要有"),
        ({"id": "q1", "kind": "金额", "question": "x", "expect": {"oracle": SQL}}, "不认识"),
        ({"id": "q1", "kind": "金额", "question": "x",
          "expect": {"oracle_sql": SQL, "compare": "rows"}}, "compare"),
        ({"id": "q1", "kind": "权限", "question": "x",
          "expect": {"oracle_sql": SQL, "refused": True}}, "不应有 oracle_sql"),
        ({"id": "q1", "kind": "政策", "question": "x",
          "expect": {"sources_include": "财行〔2016〕214号"}}, "列表"),
        ({"id": "q1", "kind": "权限", "units": "103001", "question": "x",
          "expect": {"refused": True}}, "units"),
    ],
)  # fmt: skip
def test_a_malformed_entry_is_refused_with_its_id(entry, message):
    with pytest.raises(ValueError, match=message):
        GoldCase.from_mapping(entry)


def test_duplicate_ids_are_refused():
    entry = {"id": "q1", "kind": "金额", "question": "x", "expect": {"oracle_sql": SQL}}
    with pytest.raises(ValueError, match="重复"):
        load_gold_cases([entry, entry])


# --- accuracy ---------------------------------------------------------------------------------


def test_accuracy_is_counted_per_question_and_reported_in_kind_order():
    results = [
        Verdict("s001", "多轮", 1, "教育局今年申报了多少", True),
        Verdict("s001", "多轮", 2, "那县卫生健康局呢", False, "数值不符"),
        Verdict("q001", "金额", 1, "教育局今年一共报了多少钱？", True),
        Verdict("n001", "无法回答", 1, "明年的GDP增速是多少", True),
    ]
    accuracy = accuracy_by_kind(results)
    assert accuracy == {"金额": (1, 1), "多轮": (1, 2), "无法回答": (1, 1)}
    assert list(accuracy) == ["金额", "多轮", "无法回答"]
