"""The checks against the demo county's answer key: planted examples found, clean projects clean."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from lingji.adapters.crypto import create_key_file
from lingji.adapters.db.loading import load_round
from lingji.adapters.db.session import make_engine, upgrade_schema
from lingji.adapters.rulesets import load_ruleset
from lingji.demo import write_demo_county
from lingji.domain.findings import Severity
from lingji.domain.review import run_checks
from lingji.domain.review_context import build_context
from lingji.domain.rules import REGISTRY
from lingji.services.importing import import_submission


@pytest.fixture(scope="module")
def reviewed_demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo-review")
    summary = write_demo_county(out, seed=2027)
    key = json.loads(summary.answer_key_path.read_text(encoding="utf-8"))
    engine = make_engine(f"sqlite:///{out / 'lingji.db'}")
    upgrade_schema(engine)
    result = import_submission(
        engine=engine, path=summary.path, region=key["county"], key_file=create_key_file_path(out)
    )
    with engine.connect() as conn:
        budget_round = load_round(conn, result.round_id)
    runs = run_checks(build_context(budget_round, load_ruleset()))
    return key, [f for run in runs for f in run.findings]


def create_key_file_path(folder):
    path = folder / "lingji.key"
    create_key_file(path)
    return path


@pytest.mark.parametrize("code", [check.code for check in REGISTRY])
def test_every_planted_example_is_found(code, reviewed_demo):
    key, findings = reviewed_demo
    planted = [p for p in key["planted"] if p["code"] == code]
    assert planted, f"the demo county plants no {code}"
    for plant in planted:
        hits = [
            f
            for f in findings
            if f.code == code
            and f.unit_code == plant["unit_code"]
            and (plant["project_code"] is None or f.project_code == plant["project_code"])
        ]
        assert hits, f"{code} not found: {plant['description']} ({plant['project_code']})"
        expected = Decimal(plant["expected_excess"])
        if expected:
            assert sum(f.amount_excess for f in hits) == expected, plant["description"]


def test_clean_projects_carry_no_blocker_or_warning(reviewed_demo):
    key, findings = reviewed_demo
    clean = set(key["clean_project_codes"])
    offenders = [
        f"{f.code} {f.project_code}: {f.message}"
        for f in findings
        if f.project_code in clean and f.severity in (Severity.BLOCKER, Severity.WARNING)
    ]
    assert offenders == []
