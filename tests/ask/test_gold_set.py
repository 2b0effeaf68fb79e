"""The gold set for 智慧问数 is itself sound: enough questions of every kind, and every oracle
runs on a freshly generated, imported and reviewed demo county and yields something to compare.

These tests read only the gold file and the database, never the parser: a gold set that leaned
on the code it grades could not catch that code's mistakes.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select

from lingji.adapters.crypto import create_key_file
from lingji.adapters.db import tables
from lingji.adapters.db.session import make_engine, upgrade_schema
from lingji.adapters.rulesets import load_ruleset
from lingji.demo import write_demo_county
from lingji.domain.ask.evaluation import KINDS, GoldCase, load_gold_cases
from lingji.domain.policy import normalize_doc_no
from lingji.services.importing import import_submission
from lingji.services.review import review_round

GOLD = Path(__file__).with_name("gold.yaml")
CASES = load_gold_cases(yaml.safe_load(GOLD.read_text(encoding="utf-8")))
TURNS = [
    pytest.param(case, number, turn, id=f"{case.id}.{number}")
    for case in CASES
    for number, turn in enumerate(case.turns, 1)
]
ORACLE_TURNS = [param for param in TURNS if param.values[2].expect.get("oracle_sql")]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    """The demo county (seed 2027) imported into SQLite and reviewed with the default rule set."""
    folder = tmp_path_factory.mktemp("gold")
    summary = write_demo_county(folder / "demo", seed=2027)
    key_file = folder / "keys" / "lingji.key"
    create_key_file(key_file)
    engine = make_engine(f"sqlite:///{folder / 'lingji.db'}")
    upgrade_schema(engine)
    imported = import_submission(
        engine=engine, path=summary.path, region="澜溪县", key_file=key_file
    )
    review_round(engine=engine, round_id=imported.round_id, ruleset=load_ruleset())
    yield engine
    engine.dispose()


def test_ids_are_unique_and_every_entry_is_well_formed():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))
    assert all(isinstance(case, GoldCase) and case.turns for case in CASES)


def test_there_are_enough_questions_and_sessions():
    questions = sum(len(case.turns) for case in CASES)
    sessions = [case for case in CASES if case.is_multi_turn]
    assert questions >= 150
    assert len(sessions) >= 20
    assert all(2 <= len(case.turns) <= 4 for case in sessions)
    assert all(case.kind == "多轮" for case in sessions)


def test_every_kind_is_asked_and_the_hard_refusals_are_well_represented():
    per_kind = Counter(case.kind for case in CASES)
    assert set(per_kind) == set(KINDS)
    assert per_kind["无法回答"] >= 10
    assert per_kind["权限"] >= 10
    assert per_kind["政策"] >= 10


def test_questions_are_not_one_template_repeated():
    questions = [turn.question for case in CASES for turn in case.turns if not case.is_multi_turn]
    assert len(set(questions)) >= len(questions) - 5


def test_unanswerable_and_refused_questions_carry_no_oracle():
    for case in CASES:
        for turn in case.turns:
            if turn.expect.get("unanswerable") or turn.expect.get("refused"):
                assert "oracle_sql" not in turn.expect, case.id


def test_refusals_are_only_asked_by_scoped_askers():
    for case in CASES:
        if any(turn.expect.get("refused") for turn in case.turns):
            assert case.units, case.id


def test_scoped_askers_are_real_units_of_the_demo_county(demo_db):
    with demo_db.connect() as conn:
        codes = set(conn.scalars(select(tables.units.c.unit_code)))
    scoped = [case for case in CASES if case.units]
    assert len(scoped) >= 10
    for case in scoped:
        assert case.units <= codes, case.id


def test_cited_documents_are_in_the_demo_policy_library(demo_db):
    with demo_db.connect() as conn:
        library = {
            normalize_doc_no(n) for n in conn.scalars(select(tables.policy_documents.c.doc_no))
        }
    for case in CASES:
        for turn in case.turns:
            for doc in turn.expect.get("sources_include", []):
                assert normalize_doc_no(doc) in library, (case.id, doc)


@pytest.mark.parametrize(("case", "number", "turn"), ORACLE_TURNS)
def test_every_oracle_runs_on_the_demo_county_and_gives_something_to_compare(
    demo_db, case, number, turn
):
    with demo_db.connect() as conn:
        rows = conn.exec_driver_sql(turn.expect["oracle_sql"]).fetchall()
    assert rows, f"{case.id} 第{number}问：核对查询没有结果"
    if turn.expect.get("compare", "value") == "first_column":
        assert all(row[0] not in (None, "") for row in rows)
        if turn.expect.get("ordered"):
            assert len(rows) == len({row[0] for row in rows})
    else:
        assert rows[0][0] is not None, f"{case.id} 第{number}问：核对值为空"


_RANKING = re.compile(
    r"^select (?P<column>.+?) from (?P<rest>.+) order by (?P<key>.+) (?P<dir>desc|asc) "
    r"limit (?P<n>\d+)$",
    re.S | re.I,
)
RANKING_TURNS = [param for param in ORACLE_TURNS if param.values[2].expect.get("ordered")]


@pytest.mark.parametrize(("case", "number", "turn"), RANKING_TURNS)
def test_rankings_have_no_tie_at_the_cut(demo_db, case, number, turn):
    """A top-N whose N-th and next values are equal has two right answers; the gold set
    asks only rankings with one."""
    ranking = _RANKING.match(" ".join(turn.expect["oracle_sql"].split()))
    assert ranking, f"{case.id} 第{number}问：排名的核对查询应以 order by … limit N 结尾"
    n = int(ranking["n"])
    key, order = ranking["key"], ranking["dir"]
    keys = f"select {key} from {ranking['rest']} order by {key} {order} limit {n + 1}"
    with demo_db.connect() as conn:
        values = [row[0] for row in conn.exec_driver_sql(keys)]
    assert len(values) <= n or values[n - 1] != values[n], (case.id, values)
