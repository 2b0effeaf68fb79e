"""Real disclosures (上海市普陀区) import as they are: sparse, verbatim, with empty amounts."""

from pathlib import Path

import pytest

from lingji.adapters.db import rounds
from lingji.adapters.db.loading import load_round
from lingji.services.importing import check_submission, import_submission

REALDATA = Path(__file__).parent / "fixtures" / "realdata"


@pytest.mark.parametrize("year", [2025, 2026])
def test_real_disclosures_are_read_without_problems(year):
    parsed = check_submission(path=REALDATA / f"普陀区-{year}.xlsx")
    assert parsed.problems == []
    assert parsed.year == year
    assert len(parsed.records["units"]) == 39


def test_both_real_rounds_import_side_by_side(engine, key_file):
    for year in (2025, 2026):
        import_submission(
            engine=engine, path=REALDATA / f"普陀区-{year}.xlsx", region="普陀区", key_file=key_file
        )
    with engine.connect() as conn:
        stored = rounds.list_rounds(conn)
        loaded = load_round(conn, next(r.id for r in stored if r.year == 2026))
    assert [r.year for r in stored] == [2026, 2025]
    by_code = {p.project_code: p for p in loaded.projects}
    # a real project prints no amount for the budget year: stored empty, for the review to report
    assert by_code["PT2026-003"].requested_amount is None
    assert str(by_code["PT2026-002"].requested_amount) == "226145100.00"
    assert "拆违" in by_code["PT2026-001"].name
    assert loaded.sheets_present == {
        "units", "projects", "detail_lines", "indicators", "history", "history_lines",
    }  # fmt: skip


def test_a_partial_load_keeps_the_list_of_sheets_the_round_carried(engine, key_file):
    result = import_submission(
        engine=engine, path=REALDATA / "普陀区-2026.xlsx", region="普陀区", key_file=key_file
    )
    with engine.connect() as conn:
        partial = load_round(conn, result.round_id, sheets=())
        full = load_round(conn, result.round_id)
    assert partial.history == [] and len(full.history) == 3
    assert partial.sheets_present == full.sheets_present
    assert partial.projects == full.projects
