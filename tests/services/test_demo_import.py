"""The demo county imports cleanly, and every piece of planted messiness is read as meant."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from lingji.adapters.db import rounds, tables
from lingji.demo import write_demo_county
from lingji.domain.contract import SHEETS_BY_NAME
from lingji.intake.headers import normalise_header
from lingji.services.importing import check_submission, import_submission


@pytest.fixture(scope="module")
def demo_county(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    summary = write_demo_county(out, seed=7, fmt="xlsx")
    return summary, json.loads(summary.answer_key_path.read_text(encoding="utf-8"))


def test_demo_workbook_imports_with_the_counts_of_its_answer_key(engine, key_file, demo_county):
    summary, key = demo_county
    result = import_submission(
        engine=engine, path=summary.path, region=key["county"], key_file=key_file
    )
    assert result.year == key["budget_year"] == 2027
    assert {SHEETS_BY_NAME[name].key: n for name, n in key["counts"].items()} == result.counts
    assert result.requested_total == Decimal(key["total_requested"])


def test_demo_csv_folder_reads_like_the_workbook(tmp_path):
    summary = write_demo_county(tmp_path, seed=7, fmt="csv")
    parsed = check_submission(path=summary.path)
    assert parsed.problems == []
    assert {k: len(r) for k, r in parsed.records.items()} == {
        SHEETS_BY_NAME[name].key: n for name, n in summary.counts.items()
    }


def test_every_planted_mess_is_stored_as_its_clean_value(engine, key_file, demo_county):
    summary, key = demo_county
    result = import_submission(
        engine=engine, path=summary.path, region=key["county"], key_file=key_file
    )
    checked = 0
    with engine.connect() as conn:
        for mess in key["messiness"]:
            if mess["column"] is None or mess["kind"] == "wan_yuan_header":
                continue
            spec = SHEETS_BY_NAME[mess["sheet"]]
            header = normalise_header(mess["column"])[0]
            column = next(c for c in spec.columns if normalise_header(c.header)[0] == header)
            table = tables.SHEET_TABLES[spec.key]
            stored = conn.execute(
                select(table.c[column.key]).where(
                    table.c.round_id == result.round_id, table.c.source_row == mess["row"]
                )
            ).scalar_one()
            expected = mess["expected"]
            if isinstance(stored, Decimal):
                assert stored == Decimal(expected), mess
            elif isinstance(stored, dt.date):
                assert stored.isoformat() == expected, mess
            else:
                assert stored == expected, mess
            checked += 1
        assert rounds.load_notes(conn, result.round_id) == []
    assert checked >= 30
