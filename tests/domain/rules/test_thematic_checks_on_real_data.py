"""T01–T09 on the real 普陀区 2026 round: no economic codes, staff, areas or bureau standards.

Nothing in six real projects is a prohibited item or a thematic excess; every check says why
it could not judge rather than passing silently.
"""

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
CODES = ("T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09")


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("putuo-thematic")
    create_key_file(folder / "lingji.key")
    engine = make_engine(f"sqlite:///{folder / 'lingji.db'}")
    upgrade_schema(engine)
    imported = import_submission(
        engine=engine, path=REAL_ROUND, region="普陀区", key_file=folder / "lingji.key"
    )
    sheets = {sheet for code in CODES for sheet in CHECKS_BY_CODE[code].sheets}
    with engine.connect() as conn:
        budget_round = load_round(conn, imported.round_id, sheets=sheets)
    engine.dispose()
    ctx = build_context(budget_round, load_ruleset())
    return {code: CHECKS_BY_CODE[code].run(ctx, ctx.ruleset.params(code)) for code in CODES}


def _reasons(result):
    return {(s.reason.value, s.explanation) for s in result.skips}


def test_real_projects_raise_no_thematic_finding(results):
    assert {code: r.findings for code, r in results.items()} == {code: [] for code in CODES}


def test_a_theatre_fit_out_and_a_road_tunnel_are_not_prohibited_buildings(results):
    assert results["T02"].checked == 6 and results["T02"].skips == []


def test_checks_against_bureau_standards_say_none_is_configured(results):
    for code in ("T06", "T07", "T08"):
        (reason,) = _reasons(results[code])
        assert reason[0] == "数据缺失" and "未配置标准" in reason[1], code


def test_three_public_expenses_cannot_be_summed_without_economic_codes(results):
    assert _reasons(results["T01"]) == {
        ("数据缺失", "支出明细均未填经济科目编码，无法汇总三公经费")
    }


def test_property_lines_cannot_be_told_without_codes_and_units_cannot_be_compared(results):
    assert ("数据缺失", "支出明细均未填经济科目编码，按明细名称也未找到物业管理费明细") in _reasons(
        results["T04"]
    )
    per_unit = [s for s in results["T09"].skips if s.unit_code]
    assert per_unit and all(s.reason.value == "数据缺失" for s in per_unit)
