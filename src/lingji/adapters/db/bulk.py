"""Fast bulk insert of many rows: plain executemany on SQLite, COPY on PostgreSQL.

The ORM/Core insert path processes each row's parameters in Python and costs more than the
database's own work at a million rows; here values are converted a column at a time and
handed to the driver directly, inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Connection, Date, Table

from lingji.adapters.db.types import ExactDecimal


def _scaled(values: Sequence[Any], scale: int) -> list[int | None]:
    # converted once per distinct amount: a column repeats its prices, quantities and days
    distinct = set(values)
    distinct.discard(None)
    as_int: dict[Any, int | None] = {
        v: int(Decimal(v).scaleb(scale).to_integral_value(ROUND_HALF_UP)) for v in distinct
    }
    as_int[None] = None
    return list(map(as_int.__getitem__, values))


def _iso_dates(values: Sequence[Any]) -> list[str | None]:
    # the text SQLAlchemy's SQLite dialect stores and PostgreSQL's COPY reads
    distinct = set(values)
    distinct.discard(None)
    as_text: dict[Any, str | None] = {
        v: v.isoformat() if isinstance(v, dt.date) else v for v in distinct
    }
    as_text[None] = None
    return list(map(as_text.__getitem__, values))


def storage_columns(
    table: Table, names: Sequence[str], columns: Sequence[Sequence[Any]]
) -> list[Sequence[Any]]:
    """Returns the columns as the driver takes them: exact decimals as scaled integers, dates
    as ISO text. Pure Python values in, plain ints, strings, bytes and None out, so that the
    result is also cheap to hand to another process."""
    out: list[Sequence[Any]] = []
    for name, column in zip(names, columns, strict=True):
        # a field the table lacks (a sensitive one, sealed into others) passes as it is
        column_type = table.c[name].type if name in table.c else None
        if isinstance(column_type, ExactDecimal):
            out.append(_scaled(column, column_type.scale))
        elif isinstance(column_type, Date):
            out.append(_iso_dates(column))
        else:
            out.append(column)
    return out


def insert_columns(
    conn: Connection, table: Table, names: Sequence[str], columns: Sequence[Iterable[Any]]
) -> None:
    """Inserts rows given as columns of equal length (iterables), already in storage form."""
    # zip builds each row in C, and the driver walks it: no list of rows is ever made
    rows = zip(*columns, strict=True)
    quoted = ", ".join(conn.dialect.identifier_preparer.quote(n) for n in names)
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        if conn.dialect.name == "postgresql":
            with cursor.copy(f"COPY {table.name} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
            placeholders = ", ".join([marker] * len(names))
            cursor.executemany(f"INSERT INTO {table.name} ({quoted}) VALUES ({placeholders})", rows)
    finally:
        cursor.close()


def bulk_insert(
    conn: Connection, table: Table, names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Inserts rows (tuples in the order of names) into the table."""
    if not rows:
        return
    columns = list(zip(*rows, strict=True))
    insert_columns(conn, table, names, storage_columns(table, names, columns))
