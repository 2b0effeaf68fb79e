"""The entry-validation checks on the real 普陀区 2026 round: titles instead of 文号, no policy
library, no economic codes or unit prices, qualitative indicator values.

Nothing crashes; what cannot be checked is recorded as 数据缺失, and what is reported is what a
reviewer reading the disclosure would also see.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lingji.adapters.crypto import create_key_file
from lingji.adapters.db.loading import load_round
from lingji.adapters.db.session import make_engine, upgrade_schema
from lingji.adapters.rulesets import load_ruleset
from lingji.domain.review_context import build_context
from lingji.domain.rules.validation import CHECKS
from lingji.services.importing import import_submission

REAL_ROUND = Path(__file__).parents[2] / "fixtures" / "realdata" / "普陀区-2026.xlsx"


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("putuo-validation")
    create_key_file(folder / "lingji.key")
    engine = make_engine(f"sqlite:///{folder / 'lingji.db'}")
    upgrade_schema(engine)
    imported = import_submission(
        engine=engine, path=REAL_ROUND, region="普陀区", key_file=folder / "lingji.key"
    )
    with engine.connect() as conn:
        budget_round = load_round(conn, imported.round_id)
    engine.dispose()
    ctx = build_context(budget_round, load_ruleset())
    return {check.code: check.run(ctx, ctx.ruleset.params(check.code)) for check in CHECKS}


def _flagged(result):
    return {f.project_code for f in result.findings}


def _reasons(result):
    return {s.project_code: s.reason.value for s in result.skips}


def test_every_finding_is_specific_and_serialisable(results):
    for code, result in results.items():
        for finding in result.findings:
            assert finding.code == code and finding.message
            json.dumps(dict(finding.evidence), ensure_ascii=False)


def test_without_a_policy_library_cited_numbers_are_data_missing(results):
    for code in ("V03", "V04"):
        reasons = _reasons(results[code])
        assert results[code].findings == []
        # 普建委[2025]127号, 普财建函[2024]26号 and the 司法局's five numbers cannot be looked up
        assert {p for p, r in reasons.items() if r == "数据缺失"} == {
            "PT2026-002",
            "PT2026-003",
            "PT2026-004",
        }
        # 拆违经费 cites titles only: nothing to look up
        assert reasons["PT2026-001"] == "不适用"


def test_titles_in_the_rationale_are_a_policy_basis(results):
    # 拆违经费 cites nine documents by title; the two 政府性基金 items cite nothing at all
    assert _flagged(results["V02"]) == {"PT2026-005", "PT2026-006"}


def test_lines_without_codes_or_prices_are_data_missing(results):
    for code in ("V09", "V10", "V11"):
        assert results[code].findings == []
        assert "数据缺失" in _reasons(results[code]).values()


def test_the_indicator_tables_are_complete_but_partly_qualitative(results):
    assert results["V06"].findings == []
    assert _flagged(results["V05"]) == {"PT2026-003", "PT2026-004", "PT2026-005", "PT2026-006"}
    messages = {f.project_code: f.message for f in results["V07"].findings}
    assert (
        "「成本控制合理性」（成本指标/经济成本指标）指标值“合理”为模糊表述"
        in messages["PT2026-001"]
    )


def test_a_project_whose_period_ended_before_2026_is_reported(results):
    (finding,) = results["V12"].findings
    assert finding.project_code == "PT2026-004"
    assert finding.message == "项目期限2025—2025年，已于2026年预算年度前结束"


def test_an_empty_amount_is_reported_as_a_required_field(results):
    messages = {f.project_code: f.message for f in results["V01"].findings}
    assert "申报金额" in messages["PT2026-003"]
