"""Reading bureau staff's questions into structured queries, without a database."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from lingji.domain.ask.lexicon import build_lexicon
from lingji.domain.ask.parser import parse
from lingji.domain.ask.query import (
    Aggregate,
    Comparison,
    Dimension,
    Metric,
    Order,
    PolicyQuestion,
    Query,
    Unanswerable,
)
from tests.ask.test_lexicon import PROJECTS, UNITS, demo_lexicon


def build_lexicon_with_types(*types):
    return build_lexicon(
        region="澜溪县",
        budget_year=2027,
        history_years=[2026],
        units=UNITS,
        econ_names={},
        projects=PROJECTS,
        project_types=types,
        finding_titles={},
    )


@pytest.fixture(scope="module")
def lexicon():
    return demo_lexicon()


def query(text, lexicon, previous=None) -> Query:
    parsed = parse(text, lexicon, previous)
    assert isinstance(parsed, Query), parsed
    return parsed


def session(lexicon, *questions) -> list[Query]:
    asked, previous = [], None
    for text in questions:
        previous = query(text, lexicon, previous)
        asked.append(previous)
    return asked


# --- metrics, units and years -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("教育局今年一共报了多少钱", Metric.REQUESTED),
        ("第一中学今年建议安排多少", Metric.SUGGESTED),
        ("城管局审核后核减了多少钱", Metric.CUT),
        ("教育局核减率是多少", Metric.CUT_RATE),
        ("教育局去年预算数", Metric.BUDGET),
        ("2024年全县执行了多少", Metric.EXECUTED),
        ("卫健局去年预算执行率", Metric.EXECUTION_RATE),
        ("公安局今年三公经费多少", Metric.SANGONG),
        ("卫健局今年公车运行维护费是多少", Metric.SANGONG_VEHICLE_RUNNING),
        ("教育局前年的公务接待费", Metric.SANGONG_RECEPTION),
        ("今年会议费科目一共多少", Metric.LINE_AMOUNT),
        ("教育局今年报了几个项目", Metric.PROJECT_COUNT),
        ("审核一共发现了多少个问题", Metric.FINDING_COUNT),
        ("有多少个单位存在阻断问题", Metric.UNIT_COUNT),
        ("教育局编制人数", Metric.STAFF_QUOTA),
        ("教育局项目平均得分", Metric.SCORE),
    ],
)
def test_the_metric_asked_for_is_recognised(lexicon, text, metric):
    assert query(text, lexicon).metric is metric


@pytest.mark.parametrize("name", ["教育局", "县教育局", "澜溪县教育局", "澜溪教育局"])
def test_a_unit_is_recognised_by_any_of_its_names(lexicon, name):
    assert query(f"{name}今年申报金额", lexicon).filters.unit_codes == ("103001",)


def test_short_names_of_units_are_recognised(lexicon):
    assert query("卫健局申报金额", lexicon).filters.unit_codes == ("104001",)
    assert query("疾控中心的申报金额", lexicon).filters.unit_codes == ("104002",)


def test_a_system_is_the_department_with_its_units(lexicon):
    asked = query("教育系统今年申报了多少", lexicon)
    assert asked.filters.departments == ("103001",)
    assert asked.filters.unit_codes == ()


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("今年教育局申报金额", (2027,)),
        ("去年教育局执行率", (2026,)),
        ("前年教育局预算数", (2025,)),
        ("2025年教育局预算数", (2025,)),
        ("二〇二五年教育局预算数", (2025,)),
        ("两千零二十六年教育局执行了多少", (2026,)),
        ("26年教育局执行率", (2026,)),
        ("两年前教育局预算数", (2025,)),
        ("2024年到2026年教育局预算数", (2024, 2025, 2026)),
        ("近三年教育局执行率", (2024, 2025, 2026)),
    ],
)
def test_years_are_read_absolute_relative_and_in_chinese_numerals(lexicon, text, years):
    assert query(text, lexicon).years == years


def test_without_a_year_the_metric_chooses_its_own(lexicon):
    assert query("教育局申报金额", lexicon).years == ()
    assert query("教育局执行率", lexicon).years == ()


def test_filters_for_type_grade_rating_severity_and_code(lexicon):
    assert query("今年培训类项目一共申报多少钱", lexicon).filters.project_types == ("培训",)
    assert query("A级项目有多少个", lexicon).filters.grades == ("A",)
    assert query("C级和D级项目申报了多少", lexicon).filters.grades == ("C", "D")
    assert query("前年绩效评价为优的项目有几个", lexicon).filters.eval_ratings == ("优",)
    assert query("阻断问题有几个", lexicon).filters.severities == ("阻断",)
    assert query("重复申报的项目有哪些", lexicon).filters.finding_codes == ("X01",)
    assert query("延续项目有多少个", lexicon).filters.continuing is True


def test_an_economic_code_by_number_or_name_asks_for_detail_lines(lexicon):
    asked = query("30211差旅费今年合计", lexicon)
    assert (asked.metric, asked.filters.econ_codes) == (Metric.LINE_AMOUNT, ("30211",))
    assert query("今年公务接待费科目合计", lexicon).filters.econ_codes == ("30217",)


def test_a_project_is_named_by_a_fragment_of_its_name(lexicon):
    asked = query("便民热线项目申报了多少", lexicon)
    assert asked.filters.project_codes == ("XM2027101001005",)


# --- shape: rankings, lists, groups, shares, changes --------------------------------------------


def test_a_ranking_names_its_count_order_and_noun(lexicon):
    asked = query("今年申报金额最多的五个单位是哪些", lexicon)
    assert (asked.group_by, asked.top_n, asked.order) == (Dimension.UNIT, 5, Order.DESC)
    asked = query("申报金额排前三的项目", lexicon)
    assert (asked.group_by, asked.top_n) == (Dimension.PROJECT, 3)
    asked = query("建议金额最少的三个单位", lexicon)
    assert (asked.top_n, asked.order) == (3, Order.ASC)
    assert query("今年申报金额前十二名的项目", lexicon).top_n == 12


def test_which_kind_of_project_groups_by_type(lexicon):
    asked = query("哪类项目今年申报金额最大", lexicon)
    assert (asked.group_by, asked.top_n) == (Dimension.PROJECT_TYPE, 1)


def test_the_largest_economic_code_ranks_detail_lines(lexicon):
    asked = query("今年哪个经济科目金额最大", lexicon)
    assert (asked.metric, asked.group_by) == (Metric.LINE_AMOUNT, Dimension.ECON_CODE)


def test_most_projects_counts_projects(lexicon):
    asked = query("今年哪个单位的项目最多", lexicon)
    assert (asked.metric, asked.group_by, asked.top_n) == (Metric.PROJECT_COUNT, Dimension.UNIT, 1)


def test_a_list_of_projects(lexicon):
    asked = query("今年有哪些基建项目", lexicon)
    assert (asked.group_by, asked.aggregate) == (Dimension.PROJECT, Aggregate.LIST)
    assert asked.filters.project_types == ("基建",)


def test_grouping_by_a_dimension(lexicon):
    assert query("按项目类型统计今年申报金额", lexicon).group_by is Dimension.PROJECT_TYPE
    assert query("各单位申报金额", lexicon).group_by is Dimension.UNIT
    assert query("各等级的项目分别有多少个", lexicon).group_by is Dimension.GRADE
    assert query("三公经费构成", lexicon).group_by is Dimension.SANGONG_PART


def test_two_units_named_together_are_grouped_but_a_total_is_not(lexicon):
    assert query("卫健局和疾控中心申报金额", lexicon).group_by is Dimension.UNIT
    assert query("卫健局和疾控中心今年一共报了多少", lexicon).group_by is None


def test_an_average(lexicon):
    assert query("今年平均每个项目申报多少钱", lexicon).aggregate is Aggregate.AVG


def test_a_threshold_becomes_a_condition_per_project_or_unit(lexicon):
    asked = query("今年申报金额超过一百万的项目有多少个", lexicon)
    assert asked.metric is Metric.PROJECT_COUNT
    (condition,) = asked.conditions
    assert (condition.metric, condition.op, condition.value) == (
        Metric.REQUESTED,
        Comparison.GT,
        Decimal(1_000_000),
    )
    asked = query("哪些单位去年执行率低于85%", lexicon)
    (condition,) = asked.conditions
    assert (condition.per, condition.value, asked.aggregate) == (
        Dimension.UNIT,
        Decimal(85),
        Aggregate.LIST,
    )


def test_a_share_in_words_is_a_percentage(lexicon):
    (condition,) = query("去年执行率不到一半的项目", lexicon).conditions
    assert (condition.metric, condition.op, condition.value) == (
        Metric.EXECUTION_RATE,
        Comparison.LT,
        Decimal(50),
    )


def test_cut_projects_are_those_cut_above_nothing(lexicon):
    (condition,) = query("哪些项目被核减了", lexicon).conditions
    assert (condition.metric, condition.op, condition.value) == (
        Metric.CUT,
        Comparison.GT,
        Decimal(0),
    )


def test_a_common_beginning_of_types_names_them_all(lexicon):
    assert set(query("信息化项目申报了多少", lexicon).filters.project_types) == {"信息化建设"}
    wider = build_lexicon_with_types("信息化建设", "信息化运维")
    assert set(query("信息化项目申报了多少", wider).filters.project_types) == {
        "信息化建设",
        "信息化运维",
    }


def test_several_metrics_are_shown_together(lexicon):
    asked = query("教育局去年预算数和执行数", lexicon)
    assert (asked.metric, asked.also) == (Metric.BUDGET, (Metric.EXECUTED,))


def test_where_a_unit_stands_in_the_ranking(lexicon):
    asked = query("公安局申报金额排第几", lexicon)
    assert asked.position and asked.filters.unit_codes == ("113001",)


def test_a_unit_itself_is_what_its_name_means(lexicon):
    asked = query("教育局本级的申报金额", lexicon)
    assert asked.filters.unit_codes == ("103001",) and not asked.filters.departments


def test_a_range_is_two_conditions(lexicon):
    asked = query("申报金额在一百万到五百万之间的项目有几个", lexicon)
    assert [(c.op, c.value) for c in asked.conditions] == [
        (Comparison.GE, Decimal(1_000_000)),
        (Comparison.LE, Decimal(5_000_000)),
    ]


def test_shares_say_what_they_divide_by(lexicon):
    assert query("教育局申报金额占全县的比重", lexicon).share_of == "units"
    assert query("A级项目个数占全部项目的比例", lexicon).share_of == "grades"
    asked = query("教育局申报金额占教育系统的比重", lexicon)
    assert asked.share_of == "base"
    assert asked.filters.unit_codes == ("103001",)
    assert asked.share_base is not None and asked.share_base.departments == ("103001",)


def test_a_change_over_the_year_before(lexicon):
    asked = query("今年三公经费比去年增加了多少", lexicon)
    assert (asked.yoy, asked.yoy_rate, asked.years) == (True, False, (2026, 2027))
    asked = query("去年执行数同比增长百分之几", lexicon)
    assert (asked.yoy_rate, asked.years) == (True, (2025, 2026))
    assert query("2025年公务接待费比2024年增长了多少", lexicon).years == (2024, 2025)


# --- routing and refusals -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "会议费的标准是多少",
        "差旅费有什么规定",
        "哪个文件规定了培训费标准",
        "二类会议每人每天多少钱",
        "澜溪财预〔2019〕12号还有效吗",
        "项目绩效指标包括哪些",
        "笔记本电脑最多能买多少钱的",
    ],
)
def test_questions_about_rules_go_to_the_policy_search(lexicon, text):
    assert isinstance(parse(text, lexicon), PolicyQuestion)


def test_a_data_question_with_a_policy_word_stays_a_data_question(lexicon):
    asked = query("超标准的问题有多少处", lexicon)
    assert (asked.metric, asked.filters.finding_codes) == (Metric.FINDING_COUNT, ("M01",))
    assert isinstance(parse("缺少政策依据的项目有几个", lexicon), Query)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "明天澜溪县天气怎么样",
        "公安局张三的工资是多少",
        "县里今年税收收入有多少",
        "教育局局长叫什么名字",
        "气象局今年申报了多少钱",
        "隔壁青阳县今年申报了多少",
        "教育局的申报金额是去年预算的多少倍",
        "除了教育局以外各单位申报合计",
        "今年一季度执行率",
        "今年乡村振兴示范项目申报了多少",
        "你好",
    ],
)
def test_what_the_data_cannot_answer_is_said_honestly(lexicon, text):
    parsed = parse(text, lexicon)
    assert isinstance(parsed, Unanswerable)
    assert parsed.reason and parsed.suggestions


def test_an_unknown_unit_is_named_in_the_refusal(lexicon):
    parsed = parse("气象局今年申报了多少钱", lexicon)
    assert isinstance(parsed, Unanswerable) and "气象局" in parsed.reason


def test_injected_sql_text_never_reaches_the_query(lexicon):
    asked = query("教育局'; DROP TABLE projects;-- 申报了多少", lexicon)
    assert asked.filters.unit_codes == ("103001",)
    assert "DROP" not in json.dumps(asked.to_dict(), ensure_ascii=False)


# --- sessions -----------------------------------------------------------------------------------


def test_a_follow_up_changes_the_unit(lexicon):
    first, second = session(lexicon, "教育局今年申报了多少", "那县卫生健康局呢")
    assert second == first.with_changes(
        filters=first.filters.with_values({"unit_codes": ("104001",)})
    )


def test_a_follow_up_groups_changes_year_and_metric(lexicon):
    _, grouped, last_year, rate = session(
        lexicon, "教育局今年申报多少", "按项目类型分呢", "去年呢", "执行率呢"
    )
    assert grouped.group_by is Dimension.PROJECT_TYPE
    assert last_year.years == (2026,) and last_year.group_by is Dimension.PROJECT_TYPE
    assert rate.metric is Metric.EXECUTION_RATE and rate.filters.unit_codes == ("103001",)


def test_a_follow_up_of_a_ranking_keeps_the_ranking(lexicon):
    _, suggested, fewest = session(
        lexicon, "今年申报金额最多的五个单位是哪些", "那建议金额呢", "那最少的三个呢"
    )
    assert (suggested.metric, suggested.top_n) == (Metric.SUGGESTED, 5)
    assert (fewest.top_n, fewest.order) == (3, Order.ASC)


def test_of_which_narrows_the_previous_question(lexicon):
    _, blockers = session(lexicon, "公安局有多少个审核问题", "其中阻断的有几个")
    assert blockers.filters.severities == ("阻断",)
    assert blockers.filters.unit_codes == ("113001",)


def test_a_question_naming_only_a_figure_keeps_the_previous_rows(lexicon):
    _, _, count = session(lexicon, "今年培训类项目申报多少", "会议类的呢", "有几个项目")
    assert (count.metric, count.filters.project_types) == (Metric.PROJECT_COUNT, ("会议",))


def test_this_unit_refers_to_the_unit_the_last_ranking_found(lexicon):
    ranking, count = session(lexicon, "今年哪个单位申报最多", "这个单位有几个项目")
    assert count.metric is Metric.PROJECT_COUNT
    assert count.among == ranking


def test_a_complete_question_in_a_session_stands_alone(lexicon):
    _, fresh = session(lexicon, "教育局今年申报了多少", "公安局去年执行率")
    assert fresh.filters.unit_codes == ("113001",) and fresh.years == (2026,)


def test_a_threshold_question_in_a_session_stands_alone(lexicon):
    _, fresh = session(lexicon, "教育局今年申报了多少", "50万元以上的设备购置项目有几个")
    assert fresh.filters.unit_codes == () and fresh.filters.project_types == ("设备购置",)
    _, other = session(lexicon, "教育局今年申报了多少", "其它类项目申报了多少")
    assert other.filters.project_types == ("其他",) and other.filters.unit_codes == ()


def test_a_personal_question_in_a_session_is_still_refused(lexicon):
    previous = query("教育局今年申报多少钱", lexicon)
    assert isinstance(parse("他们局长一个月工资多少", lexicon, previous), Unanswerable)


def test_a_query_survives_a_json_round_trip(lexicon):
    _, _, complex_query = session(
        lexicon,
        "今年哪个单位申报最多",
        "这个单位有几个项目",
        "其中申报金额超过一百万的占比呢",
    )
    stored = json.loads(json.dumps(complex_query.to_dict()))
    assert Query.from_dict(stored) == complex_query
    shared = query("教育局申报金额占教育系统的比重", lexicon)
    assert Query.from_dict(json.loads(json.dumps(shared.to_dict()))) == shared
