"""Policy questions over the demo county's library and the official standards."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from lingji.demo.policies import STANDARDS, policy_documents
from lingji.domain.ask.answer import AnswerKind
from lingji.domain.ask.policy_search import (
    PolicyIndex,
    PolicyTokenizer,
    answer_policy_question,
    default_tokenizer,
    split_articles,
)
from lingji.domain.models import BureauStandard, PolicyDocument

MEETING_SOURCE = "财行〔2016〕214号 中央和国家机关会议费管理办法"


def _documents() -> list[PolicyDocument]:
    return [
        PolicyDocument(d.doc_no, d.title, d.issuer, d.issued, d.level, d.status, d.expires, d.text)
        for d in policy_documents()
    ]


def _bureau_standards() -> list[BureauStandard]:
    return [
        BureauStandard(
            s.std_code, s.std_name, s.econ_code, s.keywords, s.basis_unit, s.limit, s.source_doc
        )
        for s in STANDARDS
    ]


@pytest.fixture(scope="module")
def demo_index() -> PolicyIndex:
    return PolicyIndex.build(_documents(), bureau_standards=_bureau_standards()).warm()


def ask(index: PolicyIndex, question: str):
    return answer_policy_question(question, index)


# ---------------------------------------------------------------------------- articles


def test_articles_are_split_at_numbered_articles_keeping_their_labels():
    text = "第一章 总则\n第一条 为规范会议费管理，制定本办法。\n第二条　会议分为四类。\n第五条：综合定额为上限。"
    assert split_articles(text) == [
        ("第一条", "为规范会议费管理，制定本办法。"),
        ("第二条", "会议分为四类。"),
        ("第五条", "综合定额为上限。"),
    ]


def test_summary_points_are_articles_and_the_lead_is_an_introduction():
    text = "各单位：\n要点一：会议实行分类管理。\n要点二：综合定额\n标准（元/人天）。"
    assert split_articles(text) == [
        ("引言", "各单位："),
        ("要点一", "会议实行分类管理。"),
        ("要点二", "综合定额标准（元/人天）。"),
    ]


def test_notice_parts_are_split_and_a_long_part_at_its_items():
    items = "\n".join(f"（{n}）{'严格控制支出规模。' * 20}" for n in "一二三")
    text = f"一、总体要求\n坚持零基预算。\n二、主要措施\n{items}"
    labels = [label for label, _ in split_articles(text)]
    assert labels == ["第一部分", "第二部分", "第二部分（一）", "第二部分（二）", "第二部分（三）"]


def test_items_alone_and_unmarked_text_are_passages_too():
    assert [label for label, _ in split_articles("（一）甲\n（二）乙")] == ["（一）", "（二）"]
    assert split_articles("本办法自印发之日起施行。") == [("全文", "本办法自印发之日起施行。")]
    assert split_articles(None) == []


def test_each_passage_carries_its_document_status_and_the_demo_note(demo_index):
    meeting = [p for p in demo_index.passages if p.doc_no == "财行〔2016〕214号" and not p.standard]
    assert [p.label for p in meeting] == ["要点一", "要点二", "要点三", "要点四", "要点五"]
    assert all(p.note.startswith("【演示摘要】") and p.status == "有效" for p in meeting)
    old = [p for p in demo_index.passages if p.doc_no == "澜溪财预〔2019〕12号"]
    assert old and all(not p.in_force and p.status == "废止" for p in old)


def test_every_official_and_bureau_standard_is_one_passage(demo_index):
    codes = [p.standard.code for p in demo_index.passages if p.standard is not None]
    assert "CN-MEETING" in codes and "LX-BZ-001" in codes
    assert len(codes) == len(set(codes))
    meeting = next(p for p in demo_index.passages if p.standard and p.standard.code == "CN-MEETING")
    assert "一类会议760元/人天" in meeting.text and "可信度：官" in meeting.text
    assert (
        meeting.citation()
        == "《中央和国家机关会议费管理办法》（财行〔2016〕214号）“会议费综合定额”"
    )


# ---------------------------------------------------------------------------- tokenising


def test_tokenizer_keeps_domain_words_and_document_numbers_whole():
    words = default_tokenizer().tokens(
        "会议费和伙食补助费、三公经费、楼堂馆所按财行〔2016〕214号执行"
    )
    for word in ("会议费", "伙食补助费", "三公经费", "楼堂馆所", "财行〔2016〕214号"):
        assert word in words
    assert "和" not in words and "〔" not in words and "214" not in words


def test_a_document_number_in_other_brackets_is_the_library_one():
    words = default_tokenizer().tokens("按照财行[2016]第214号执行", {"财行〔2016〕214号"})
    assert "财行〔2016〕214号" in words
    assert "财行" not in words  # the issuer's part would match every 财行 document


def test_building_the_index_does_not_load_jieba_until_the_first_search():
    tokenizer = PolicyTokenizer()
    index = PolicyIndex.build(_documents()[:2], tokenizer=tokenizer)
    assert not tokenizer.loaded and not index.ready
    index.search("会议费")
    assert tokenizer.loaded and index.ready


# ---------------------------------------------------------------------------- answers


def test_meeting_fee_question_gives_the_figures_and_cites_the_2016_measures(demo_index):
    answer = ask(demo_index, "会议费标准是多少")
    assert answer.kind is AnswerKind.POLICY
    assert answer.answer.startswith("会议费综合定额：一类会议760元/人天，二类会议650元/人天")
    assert "依据：《中央和国家机关会议费管理办法》（财行〔2016〕214号）要点二：" in answer.answer
    assert answer.sources[0] == MEETING_SOURCE
    assert [(r["类别"], r["上限"], r["计量"]) for r in answer.rows] == [
        ("一类会议", Decimal(760), "元/人天"),
        ("二类会议", Decimal(650), "元/人天"),
        ("三、四类会议", Decimal(550), "元/人天"),
    ]
    # three categories: no single figure answers
    assert answer.value is None
    assert "演示摘要" in answer.answer


def test_a_named_category_gives_its_figure(demo_index):
    assert ask(demo_index, "一类会议的会议费标准").value == 760
    assert ask(demo_index, "三类会议每人每天多少").value == 550


def test_training_fee_question_cites_the_training_measures(demo_index):
    answer = ask(demo_index, "培训费的综合定额标准是多少")
    assert answer.kind is AnswerKind.POLICY
    assert "财行〔2016〕540号 中央和国家机关培训费管理办法" in answer.sources
    assert "一类培训760元/人天" in answer.answer
    # the library holds the training figures from a reprint, and says so
    assert "标准库可信度：二" in answer.answer
    assert [r["类别"] for r in answer.rows] == ["一类培训", "二类培训", "三类培训"]


def test_travel_meal_allowance_question_gives_the_daily_figure(demo_index):
    answer = ask(demo_index, "出差伙食补助每天多少钱")
    assert answer.value == 100
    assert answer.sources[0] == "财行〔2013〕531号 中央和国家机关差旅费管理办法"
    assert "（财行〔2013〕531号）要点二：伙食补助费按出差自然（日历）天数计算" in answer.answer


def test_a_bureau_standard_is_cited_by_its_own_document(demo_index):
    answer = ask(demo_index, "物业管理费标准")
    assert answer.value == Decimal("4.50")
    assert answer.sources[0] == "澜溪财预〔2025〕9号 澜溪县县级项目支出标准（试行）"
    assert "第二条：行政办公用房物业管理费不超过4.50元" in answer.answer
    # the abolished 3.50 yuan standard is not what the answer gives
    assert "3.50" not in answer.answer


def test_a_named_document_number_ranks_that_document_first(demo_index):
    hits = demo_index.search("财行[2013]531号 会议费", k=3)
    assert hits[0].named and hits[0].passage.doc_no == "财行〔2013〕531号"
    hits = demo_index.search("《中央和国家机关培训费管理办法》讲课费", k=1)
    assert hits[0].passage.doc_no == "财行〔2016〕540号"
    assert hits[0].passage.label == "要点四"


def test_a_named_article_is_quoted_alone(demo_index):
    answer = ask(demo_index, "澜溪财预〔2025〕9号第5条")
    assert answer.answer.startswith(
        "依据：《澜溪县县级项目支出标准（试行）》（澜溪财预〔2025〕9号）第五条："
    )
    assert answer.sources == ["澜溪财预〔2025〕9号 澜溪县县级项目支出标准（试行）"]
    # the demo's central documents are numbered 要点X: 第三条 is the third point
    assert (
        "要点三：二、三、四类会议会期均不得超过2天"
        in ask(demo_index, "财行〔2016〕214号第三条").answer
    )


def test_an_abolished_document_is_marked_and_its_replacement_shown(demo_index):
    answer = ask(demo_index, "澜溪财预〔2019〕12号有什么规定")
    assert answer.kind is AnswerKind.POLICY
    assert (
        "【已废止（2025-03-01起）】《澜溪县县级项目支出定额标准》（澜溪财预〔2019〕12号）第一条"
        in answer.answer
    )
    assert (
        "现行规定见：《澜溪县县级项目支出标准（试行）》（澜溪财预〔2025〕9号）第八条"
        in answer.answer
    )


def test_an_abolished_document_ranks_below_the_one_in_force(demo_index):
    hits = demo_index.search("行政办公用房物业管理费不超过多少", k=5)
    ranks = [h.passage.doc_no for h in hits]
    assert ranks.index("澜溪财预〔2025〕9号") < ranks.index("澜溪财预〔2019〕12号")


def test_an_expiry_date_before_the_reference_date_makes_a_document_lapsed():
    doc = PolicyDocument("澜溪财行〔2020〕1号", "会议费管理办法", status="有效",
                         expires=dt.date(2024, 12, 31), text="第一条 会议费按标准执行。")  # fmt: skip
    index = PolicyIndex.build([doc], standards=(), as_of=dt.date(2026, 1, 1))
    answer = ask(index, "会议费")
    assert "【已过有效期（2024-12-31）】" in answer.answer
    assert "注意：以上文件已不再有效，仅供参考。" in answer.answer


def test_an_unrelated_question_is_unanswerable_with_suggestions(demo_index):
    answer = ask(demo_index, "明天天气怎么样")
    assert answer.kind is AnswerKind.UNANSWERABLE
    assert answer.answer.startswith("政策文件库和支出标准库中没有找到")
    assert "会议费标准是多少" in answer.answer
    assert answer.value is None and answer.rows == [] and answer.sources == []


def test_a_document_not_in_the_library_is_said_to_be_missing(demo_index):
    answer = ask(demo_index, "澜溪府办发〔2023〕99号是什么文件")
    assert answer.kind is AnswerKind.UNANSWERABLE
    assert answer.answer.startswith("政策文件库中没有找到澜溪府办发〔2023〕99号。")
    both = ask(demo_index, "澜溪府办发〔2023〕99号和财行〔2016〕214号")
    assert both.kind is AnswerKind.POLICY
    assert "注意：政策文件库中没有找到澜溪府办发〔2023〕99号。" in both.answer


def test_a_bureau_standard_replaces_the_official_one_with_its_code():
    row = BureauStandard("CN-MEETING", "会议费综合定额", "30215", "会议费", "元/人天", Decimal(500))
    answer = ask(PolicyIndex.build([], bureau_standards=[row]), "会议费标准是多少")
    assert answer.value == 500
    assert answer.sources == ["本地支出标准 CN-MEETING 会议费综合定额"]
    assert "760" not in answer.answer


def test_the_answer_is_json_ready(demo_index):
    data = ask(demo_index, "差旅市内交通费标准").to_json()
    assert data["kind"] == "policy" and data["value"] == 80
    assert data["rows"] == [
        {"标准": "差旅市内交通费", "类别": "差旅市内交通费", "上限": 80, "计量": "元/人天"}
    ]
