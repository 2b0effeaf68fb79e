import random
from dataclasses import replace

import pytest

from lingji.domain.similarity import (
    LshSettings,
    exhaustive_near_duplicates,
    jaccard,
    near_duplicates,
    normalize,
    normalize_all,
    shingles,
    sketch,
)

SETTINGS = LshSettings(shingle_size=3, num_perm=128, bands=16, rows=8, seed=2027)

WORDS = (
    "开展 组织 宣传 培训 会议 采购 服务 设备 维护 系统 平台 建设 管理 监督 检查 评估 资料 印刷 "
    "群众 学生 老年人 社区 乡镇 街道 道路 交通 安全 消防 应急 防汛 医疗 卫生 教育 文化 旅游 体育 "
    "农业 林业 水利 环境 监测 执法 调解 救助 就业 养老 档案 数据 信息 网络 软件 硬件 咨询 审计"
).split()

COPY = (
    "一、项目概述。按照年度工作安排，将做好道路交通安全管理作为全年工作重点。"
    "群众对电信诈骗的识别能力不足，老年人受骗案件逐年增多。需通过多种渠道开展政策宣传，提高群众知晓率。"
    "项目实施将有力支撑做好道路交通安全管理。二、主要内容：宣传折页印刷35,815份；"
    "差旅费（赴乡镇督导）5人、3天；宣传展板制作153块；新媒体宣传推广服务12个月。"
    "三、实施计划：资金按进度分5月、11月两次拨付，年底前完成绩效自评。"
)


def _text(rng: random.Random, words: int = 60) -> str:
    return "，".join("".join(rng.choices(WORDS, k=4)) for _ in range(words // 4)) + "。"


def _corpus(size: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [_text(rng) for _ in range(size)]


def _pairs(found):
    return {(p.first, p.second) for p in found}


def test_normalisation_folds_width_and_case_and_drops_punctuation():
    assert normalize("ＸＭ２０２７ 老年人，防范！(Ａb)") == "xm2027老年人防范ab"
    assert normalize("宣传35,815份", fold_digits=True) == "宣传00000份"
    assert normalize(None) == ""


def test_normalising_many_texts_at_once_gives_each_text_its_own_result():
    texts = ["ＸＭ２０２７ 老年人，防范！", None, "", "第一期。", "𠀀字"]
    assert normalize_all(texts) == [normalize(t) for t in texts]


def test_shingles_are_overlapping_runs_and_a_short_text_is_its_own_shingle():
    assert shingles("宣传折页", 3) == {"宣传折", "传折页"}
    assert shingles("宣传", 3) == {"宣传"}
    assert shingles("", 3) == frozenset()


def test_reordered_sentences_keep_nearly_all_shingles():
    sentences = COPY.split("。")
    reordered = "。".join([sentences[1], sentences[0], *sentences[2:]])
    similarity = jaccard(shingles(normalize(COPY), 3), shingles(normalize(reordered), 3))
    assert similarity > 0.95


def test_a_copy_with_a_changed_word_and_changed_figures_stays_above_eighty_percent():
    edited = COPY.replace("开展", "组织开展").replace("35,815", "33,180").replace("153", "159")
    similarity = jaccard(shingles(normalize(COPY), 3), shingles(normalize(edited), 3))
    assert 0.8 <= similarity < 1


def test_lsh_finds_an_edited_copy_among_many_unrelated_texts():
    texts = _corpus(500)
    texts.append(texts[42].replace("宣传", "宣讲", 1) + "另增一句说明。")
    found = near_duplicates(texts, min_similarity=0.8, settings=SETTINGS)
    assert _pairs(found) == {(42, 500)}
    assert 0.8 <= found[0].similarity < 1


def test_lsh_reports_exactly_the_pairs_an_exhaustive_comparison_finds_above_the_threshold():
    rng = random.Random(11)
    texts = _corpus(300)
    for source in rng.sample(range(300), 40):
        clauses = texts[source].split("，")
        at = rng.randrange(len(clauses) - 1)
        clauses[at], clauses[at + 1] = clauses[at + 1], clauses[at]
        texts.append("，".join(clauses[: len(clauses) - rng.randint(0, 2)]))
    truth = exhaustive_near_duplicates(texts, min_similarity=0.8, settings=SETTINGS)
    found = near_duplicates(texts, min_similarity=0.8, settings=SETTINGS)
    assert len(truth) >= 30
    assert _pairs(found) == _pairs(truth)


def test_the_same_texts_give_the_same_signatures_and_pairs_on_every_run():
    texts = _corpus(200) + [COPY, COPY.replace("开展", "组织开展")]
    first, second = sketch(texts, SETTINGS), sketch(texts, SETTINGS)
    assert (first.signatures == second.signatures).all()
    assert near_duplicates(texts, min_similarity=0.8, settings=SETTINGS) == near_duplicates(
        texts, min_similarity=0.8, settings=SETTINGS
    )


def test_another_seed_hashes_differently_but_finds_the_same_copy():
    texts = _corpus(200) + [COPY, COPY.replace("开展", "组织开展")]
    other = replace(SETTINGS, seed=1)
    assert (sketch(texts, SETTINGS).signatures != sketch(texts, other).signatures).any()
    assert _pairs(near_duplicates(texts, min_similarity=0.8, settings=other)) == {(200, 201)}


def test_texts_shorter_than_the_minimum_length_are_not_compared():
    texts = ["年度工作会议", "年度工作会议", COPY, COPY]
    found = near_duplicates(texts, min_similarity=0.8, settings=SETTINGS, min_length=10)
    assert _pairs(found) == {(2, 3)}


def test_short_texts_with_empty_bins_still_match_their_copies_and_nothing_else():
    texts = [
        "老年人防范电信诈骗宣传教育活动",
        "老年人防范电信诈骗宣传教育活动",
        "中小学生研学实践活动",
    ]
    assert _pairs(near_duplicates(texts, min_similarity=0.8, settings=SETTINGS)) == {(0, 1)}


def test_a_big_cluster_of_copies_pairs_every_member_even_above_the_bucket_cap():
    capped = LshSettings(max_bucket=4)
    texts = [COPY] * 40 + _corpus(50)
    found = near_duplicates(texts, min_similarity=0.8, settings=capped)
    members = {i for pair in _pairs(found) for i in pair}
    assert members == set(range(40))
    assert len(found) < 40 * 39 // 2


def test_the_candidate_probability_follows_the_banding_formula():
    assert SETTINGS.candidate_probability(0.9) > 0.999
    assert SETTINGS.candidate_probability(0.8) == pytest.approx(0.947, abs=0.001)
    assert SETTINGS.candidate_probability(0.4) < 0.02


def test_settings_refuse_bins_that_are_not_a_power_of_two_or_too_few_for_the_bands():
    with pytest.raises(ValueError, match="power of two"):
        LshSettings(num_perm=100)
    with pytest.raises(ValueError, match="exceeds"):
        LshSettings(num_perm=64, bands=16, rows=8)
