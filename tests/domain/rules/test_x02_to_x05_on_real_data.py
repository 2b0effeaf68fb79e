"""X02–X05 on the real 普陀区 2026 round, which carries no asset or personnel register."""

from __future__ import annotations

from pathlib import Path

import pytest

from lingji.adapters.crypto import create_key_file
from lingji.adapters.db.loading import load_round
from lingji.adapters.db.session import make_engine, upgrade_schema
from lingji.adapters.rulesets import load_ruleset
from lingji.domain.review_context import build_context
from lingji.domain.rules import CHECKS_BY_CODE
from lingji.services.importing import import_submission

REAL_ROUND = Path(__file__).parents[2] / "fixtures" / "realdata" / "普陀区-2026.xlsx"
CODES = ("X02", "X03", "X04", "X05")


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("putuo-registers")
    create_key_file(folder / "lingji.key")
    engine = make_engine(f"sqlite:///{folder / 'lingji.db'}")
    upgrade_schema(engine)
    imported = import_submission(
        engine=engine, path=REAL_ROUND, region="普陀区", key_file=folder / "lingji.key"
    )
    sheets = {s for code in CODES for s in CHECKS_BY_CODE[code].sheets}
    with engine.connect() as conn:
        budget_round = load_round(conn, imported.round_id, sheets=sheets)
    engine.dispose()
    ctx = build_context(budget_round, load_ruleset())
    return {code: CHECKS_BY_CODE[code].run(ctx, ctx.ruleset.params(code)) for code in CODES}


def test_without_registers_each_check_records_one_data_missing_skip_and_no_finding(results):
    for code, result in results.items():
        assert result.findings == [], code
        assert [(s.reason.value, s.project_code) for s in result.skips] == [("数据缺失", None)]


def test_the_skip_names_the_missing_sheet(results):
    sheet = {"X02": "资产", "X03": "资产", "X04": "人员", "X05": "人员"}
    for code, result in results.items():
        assert f"没有“{sheet[code]}”表" in result.skips[0].explanation, code
