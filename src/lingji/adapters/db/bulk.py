"""Fast bulk insert of many rows: plain executemany on SQLite, COPY on PostgreSQL.

The ORM/Core insert path processes each row's parameters in Python and costs more than the
database's own work at a million rows; here values are converted a column at a time and
handed to the driver directly, inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Connection, Table

from lingji.adapters.db.types import ExactDecimal


def _scaled(values: Sequence[Any], scale: int) -> list[int | None]:
    return [
        None if v is None else int(Decimal(v).scaleb(scale).to_integral_value(ROUND_HALF_UP))
        for v in values
    ]


def bulk_insert(
    conn: Connection, table: Table, names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Inserts rows (tuples in the order of names) into the table."""
    if not rows:
        return
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
    for i, name in enumerate(names):
        column_type = table.c[name].type
        if isinstance(column_type, ExactDecimal):
            columns[i] = _scaled(columns[i], column_type.scale)
    prepared = list(zip(*columns, strict=True))
    quoted = ", ".join(conn.dialect.identifier_preparer.quote(n) for n in names)
    if conn.dialect.name == "postgresql":
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {table.name} ({quoted}) FROM STDIN") as copy:
            for row in prepared:
                copy.write_row(row)
        cursor.close()
        return
    marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    placeholders = ", ".join([marker] * len(names))
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({quoted}) VALUES ({placeholders})", prepared)
