"""The issue's target: at least 90% of the gold questions right without a model server."""

from __future__ import annotations

from pathlib import Path

import pytest

from lingji.services.ask_evaluation import evaluate_gold, prepare_demo_database

GOLD = Path(__file__).parent / "gold.yaml"
TARGET = 0.90


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    engine = prepare_demo_database(tmp_path_factory.mktemp("gold"))
    yield evaluate_gold(engine=engine, gold_path=GOLD)
    engine.dispose()


def test_at_least_ninety_percent_of_the_gold_questions_are_answered_right(report):
    wrong = [
        f"{v.case_id}/{v.turn} {v.question}: {v.reason}" for v in report.verdicts if not v.passed
    ]
    assert report.accuracy >= TARGET, "\n".join(wrong)


def test_no_kind_of_question_is_left_behind(report):
    weak = {
        kind: f"{right}/{total}"
        for kind, (right, total) in report.by_kind.items()
        if right < total * 0.75
    }
    assert weak == {}


def test_unanswerable_and_permission_questions_never_get_a_made_up_figure(report):
    failed = [v for v in report.verdicts if v.kind in ("无法回答", "权限") and not v.passed]
    assert failed == []
