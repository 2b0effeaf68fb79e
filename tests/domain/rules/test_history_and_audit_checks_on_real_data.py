"""M03–M05, X06 and X07 on the real 普陀区 2026 round: sparse history, no staff, no audit sheet.

Every project is either checked or skipped with the reason a reviewer needs; nothing crashes
and nothing passes silently.
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
from lingji.domain.rules import CHECKS_BY_CODE
from lingji.services.importing import import_submission

REAL_ROUND = Path(__file__).parents[2] / "fixtures" / "realdata" / "普陀区-2026.xlsx"
CODES = ("M03", "M04", "M05", "X06", "X07")


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("putuo")
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
    return {code: CHECKS_BY_CODE[code].run(ctx, ctx.ruleset.params(code)) for code in CODES}


def _skips(result):
    return {s.project_code: (s.reason.value, s.explanation) for s in result.skips}


def test_real_data_raises_no_finding_it_cannot_support(results):
    assert {code: r.findings for code, r in results.items()} == {code: [] for code in CODES}


def test_an_execution_of_zero_is_data_missing_not_a_full_cut(results):
    reason, text = _skips(results["M03"])["PT2026-005"]
    assert reason == "数据缺失" and "执行数为0" in text and "13,630,000元" in text


def test_history_checks_tell_new_projects_from_continuing_ones_without_figures(results):
    for code in ("M03", "M04", "X07"):
        skips = _skips(results[code])
        assert skips["PT2026-006"][0] == "不适用", code  # 是否延续 = 否
        assert skips["PT2026-001"][0] == "数据缺失", code  # 延续 but no record
        assert skips["PT2026-003"][0] == "数据缺失", code  # no amount or no execution
    # the one comparable project shrank from 13.63 million to 3.38 million
    assert results["M04"].checked == 1 and "PT2026-005" not in _skips(results["M04"])


def test_no_evaluations_are_data_missing(results):
    skips = _skips(results["X07"])
    assert skips["PT2026-005"][0] == "数据缺失" and "没有绩效评价" in skips["PT2026-005"][1]


def test_lines_without_codes_and_the_missing_audit_sheet_are_data_missing(results):
    m05 = _skips(results["M05"])
    # each real project has one line, its total, with no economic code; PT2026-003 has none
    assert m05.pop("PT2026-003")[0] == "不适用"
    assert {reason for reason, _ in m05.values()} == {"数据缺失"}
    assert [(s.reason.value, s.project_code) for s in results["X06"].skips] == [("数据缺失", None)]


def test_every_project_is_checked_or_skipped(results):
    for code in ("M03", "M04", "M05", "X07"):
        result = results[code]
        assert result.checked + len({s.project_code for s in result.skips}) == 6, code


def test_skips_are_json_serialisable(results):
    json.dumps([s.explanation for r in results.values() for s in r.skips], ensure_ascii=False)
