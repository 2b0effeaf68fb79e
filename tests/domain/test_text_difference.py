"""How two similar texts differ: reordered sentences, changed words, one-sided sentences."""

from lingji.domain.text_difference import text_difference
from tests.domain.test_similarity import COPY


def test_the_difference_names_reordering_and_the_changed_words_with_context():
    sentences = COPY.split("。")
    other = "。".join([sentences[1], sentences[0], *sentences[2:]]).replace("开展", "组织开展")
    difference = text_difference(COPY, other, context=2)
    assert difference.reordered
    assert difference.changes == (("渠道开展", "渠道组织开展"),)


def test_the_difference_lists_sentences_found_on_one_side_only():
    difference = text_difference("甲项目内容。乙项目内容。", "甲项目内容。完全不同的另一句话。")
    assert not difference.reordered
    assert difference.changes == (("乙项目内容。", ""), ("", "完全不同的另一句话。"))


def test_identical_texts_differ_in_nothing():
    difference = text_difference(COPY, COPY)
    assert difference.changes == () and not difference.reordered
