"""Listing the standards library: official standards, the demo county's own, learned ranges."""

from __future__ import annotations

import json

import pytest

from lingji.demo import write_demo_county
from lingji.services.importing import import_submission
from lingji.services.standards import list_standards, measure_classifier, show_standard


@pytest.fixture(scope="module")
def demo_county(tmp_path_factory):
    summary = write_demo_county(tmp_path_factory.mktemp("demo"), seed=2027, fmt="csv")
    return summary, json.loads(summary.answer_key_path.read_text(encoding="utf-8"))


@pytest.fixture
def imported_round(engine, key_file, demo_county):
    summary, key = demo_county
    result = import_submission(
        engine=engine, path=summary.path, region=key["county"], key_file=key_file
    )
    return result.round_id


def test_without_a_round_the_official_standards_are_listed_with_their_sources(engine):
    listing = list_standards(engine=engine)
    meeting = next(s for s in listing if s.code == "CN-MEETING")
    assert {s.kind for s in listing} == {"官方标准"}
    assert meeting.doc_no == "财行〔2016〕214号" and meeting.trust == "官"
    assert meeting.source == "《中央和国家机关会议费管理办法》（财行〔2016〕214号）"
    assert {"label": "一类会议", "limit": "760"} in meeting.categories and meeting.urls


def test_a_round_adds_its_own_standards_and_learned_ranges(engine, imported_round):
    listing = list_standards(engine=engine, round_id=imported_round)
    own = {s.code: s for s in listing if s.kind == "本地标准"}
    assert own["LX-BZ-001"].limit == "4.50" and own["LX-BZ-001"].doc_no == "澜溪财预〔2025〕9号"
    assert own["LX-BZ-011"].status.startswith("未填写适用关键词")
    (leaflets,) = show_standard(engine=engine, code="宣传折页印刷", round_id=imported_round)
    assert leaflets.kind == "历史区间" and leaflets.sample_size == 46
    assert (leaflets.low, leaflets.high, leaflets.status) == ("0.7000", "0.9000", "适用")
    assert any(s.status == "样本不足" and s.upper is None for s in listing)


def test_the_classifier_is_measured_on_the_rounds_history(engine, imported_round):
    accuracy = measure_classifier(engine=engine, round_id=imported_round)
    assert accuracy.accuracy >= 0.95
