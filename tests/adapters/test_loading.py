"""The round loader: history lines grouped by the database read the same as grouped in memory."""

from __future__ import annotations

from decimal import Decimal

from lingji.adapters.db.loading import load_history_line_groups, load_round
from lingji.domain.standards.history import HISTORY_LINE_GROUPS, group_history_lines
from lingji.services.importing import import_submission
from tests.fixtures.workbooks import small_round, write_xlsx


def _sorted(groups):
    return sorted(groups, key=repr)


def _history_round():
    sheets = small_round()
    header = sheets["历史明细"][0]
    sheets["历史明细"] += [
        # same name, measure, year and price as the first line: one group of two
        [2026, "P26-001", 2, "培训费", "30216", "", "人天", 50, 2, 500, 50000, "", "否", ""],
        # no 单价: costed as 金额 ÷ (数量 × 人数 × 天数)
        [2026, "P26-001", 3, "资料印刷", "30202", 400, "份", "", "", "", 6000, "", "否", ""],
        [2025, "P26-001", 4, "资料印刷", "30202", 400, "份", "", "", "", 6000, "", "否", ""],
        # nothing to cost it by
        [2026, "P26-001", 5, "其他费用", "30299", "", "项", "", "", "", "", "", "否", ""],
    ]
    assert len(header) == len(sheets["历史明细"][-1])
    return sheets


def test_history_lines_grouped_by_the_database_equal_those_grouped_in_memory(
    engine, tmp_path, key_file
):
    path = write_xlsx(tmp_path / "round.xlsx", _history_round())
    result = import_submission(engine=engine, path=path, region="示例县", key_file=key_file)
    with engine.connect() as conn:
        lines = load_round(conn, result.round_id).history_lines
        grouped = load_history_line_groups(conn, result.round_id)
    assert _sorted(grouped) == _sorted(group_history_lines(lines))
    by_name = {(g.item_name, g.year): g for g in grouped}
    assert by_name[("培训费", 2026)].lines == 2
    assert by_name[("资料印刷", 2026)].unit_cost == Decimal(15)
    assert by_name[("其他费用", 2026)].unit_cost is None


def test_a_round_loaded_with_groups_carries_them_instead_of_the_lines(engine, tmp_path, key_file):
    path = write_xlsx(tmp_path / "round.xlsx", _history_round())
    result = import_submission(engine=engine, path=path, region="示例县", key_file=key_file)
    with engine.connect() as conn:
        loaded = load_round(conn, result.round_id, sheets=(HISTORY_LINE_GROUPS,))
    assert loaded.history_lines == []
    assert sum(g.lines for g in loaded.history_line_groups) == 5
