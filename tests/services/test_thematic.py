"""Thematic analysis of the reviewed demo county: the topic's table and its planted findings."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import pytest

from lingji.adapters.report.files import write_topic_files
from lingji.adapters.rulesets import load_ruleset
from lingji.demo import write_demo_county
from lingji.exceptions import RoundNotFound, TopicNotFound
from lingji.services.importing import import_submission
from lingji.services.review import review_round
from lingji.services.thematic import analyse_topic


@pytest.fixture(scope="module")
def demo_county(tmp_path_factory):
    summary = write_demo_county(tmp_path_factory.mktemp("demo"), seed=2027)
    return summary, json.loads(summary.answer_key_path.read_text(encoding="utf-8"))


@pytest.fixture
def imported(engine, key_file, demo_county):
    summary, key = demo_county
    result = import_submission(
        engine=engine, path=summary.path, region=key["county"], key_file=key_file
    )
    return result.round_id, key


def test_a_topic_lists_each_unit_spending_and_the_planted_findings(engine, imported, tmp_path):
    round_id, key = imported
    ruleset = load_ruleset()
    review_round(engine=engine, round_id=round_id, ruleset=ruleset)
    report = analyse_topic(engine=engine, round_id=round_id, topic="三公经费", ruleset=ruleset)
    planted = {
        p["unit_code"]: Decimal(p["expected_excess"]) for p in key["planted"] if p["code"] == "T01"
    }
    flagged = {u.unit_code: u.excess for u in report.units if u.findings}
    assert flagged == planted
    # flagged units first, and each row's spending adds up to the topic's total
    assert [u.unit_code for u in report.units[: len(planted)]] == sorted(
        planted, key=lambda code: -planted[code]
    )
    assert sum(u.amount for u in report.units) == report.amount > 0
    assert set(report.econ_codes) <= {"30212", "30217", "30231", "31013"}

    units_csv, findings_csv = write_topic_files(report, tmp_path)
    with units_csv.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(report.units)
    assert {f"econ_{code}" for code in report.econ_codes} <= set(rows[0])
    with findings_csv.open(encoding="utf-8-sig") as handle:
        assert {r["code"] for r in csv.DictReader(handle)} == {"T01"}


def test_an_unknown_topic_names_the_topics_there_are(engine, imported):
    round_id, _ = imported
    review_round(engine=engine, round_id=round_id, ruleset=load_ruleset())
    with pytest.raises(TopicNotFound, match="sangong（三公经费）"):
        analyse_topic(engine=engine, round_id=round_id, topic="差旅", ruleset=load_ruleset())


def test_a_round_not_yet_reviewed_asks_for_the_review_first(engine, imported):
    round_id, _ = imported
    with pytest.raises(RoundNotFound, match="lingji review"):
        analyse_topic(engine=engine, round_id=round_id, topic="sangong", ruleset=load_ruleset())
