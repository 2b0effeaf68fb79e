"""Rows in storage form: what the bulk insert hands the database drivers."""

import datetime as dt
from decimal import Decimal

from lingji.adapters.db import tables
from lingji.adapters.db.bulk import storage_columns


def test_amounts_become_exact_scaled_integers_and_dates_iso_text():
    names = ("asset_code", "acquired", "original_value", "id_number")
    columns = [
        ["A-1", "A-2", None, "A-4"],
        [dt.date(2021, 3, 5), None, dt.date(2021, 3, 5), dt.date(1999, 12, 31)],
        [Decimal("4800"), Decimal("4800.00"), None, Decimal("0.005")],
        ["passes", "as", "it", "is"],  # not a column of the table
    ]
    stored = storage_columns(tables.assets, names, columns)
    assert stored[0] is columns[0]
    assert stored[1] == ["2021-03-05", None, "2021-03-05", "1999-12-31"]
    assert stored[2] == [480000, 480000, None, 1]  # half a fen rounds up
    assert stored[3] is columns[3]


def test_storage_form_matches_what_the_column_type_binds():
    money = tables.projects.c.requested_amount.type
    amounts = [Decimal("123456.785"), Decimal("-0.005"), Decimal("1E+3"), Decimal("0.1")]
    stored = storage_columns(tables.projects, ("requested_amount",), [amounts])[0]
    assert stored == [money.process_bind_param(a, None) for a in amounts]


def test_bulk_rows_come_back_exactly_on_either_database(engine):
    from sqlalchemy import insert, select

    from lingji.adapters.db.bulk import bulk_insert

    with engine.begin() as conn:
        round_id = conn.execute(
            insert(tables.budget_rounds).values(
                year=2027,
                region="r",
                imported_at=dt.datetime.now(dt.UTC),
                source_name="x",
                source_sha256="0" * 64,
                sheets_present="[]",
            )  # fmt: skip
        ).inserted_primary_key[0]
        names = ("round_id", "asset_code", "unit_code", "acquired", "original_value", "source_row")
        rows = [
            (round_id, "A-1", "101", dt.date(2021, 3, 5), Decimal("4800.5"), 2),
            (round_id, "A-2", "101", None, None, 3),
            (round_id, "资产\t3", "101", dt.date(1999, 12, 31), Decimal("0.01"), 4),
        ]
        bulk_insert(conn, tables.assets, names, rows)
    with engine.connect() as conn:
        stored = conn.execute(
            select(*(tables.assets.c[n] for n in names)).order_by(tables.assets.c.id)
        ).all()
    assert [tuple(r) for r in stored] == rows
