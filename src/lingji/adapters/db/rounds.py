"""Storing, replacing, listing and loading budget rounds. Callers own the transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select

from lingji.adapters.db import bulk, tables
from lingji.intake.problems import Note


@dataclass(frozen=True, slots=True)
class StoredRound:
    id: int
    year: int
    region: str
    imported_at: dt.datetime
    source_name: str
    sheets_present: tuple[str, ...]


def round_by_id(conn: Connection, round_id: int) -> StoredRound | None:
    """Returns the round with that id, if stored."""
    row = conn.execute(
        select(tables.budget_rounds).where(tables.budget_rounds.c.id == round_id)
    ).first()
    return _stored(row) if row else None


def find_round(conn: Connection, *, year: int, region: str) -> StoredRound | None:
    """Returns the round of that year and region, if stored."""
    row = conn.execute(
        select(tables.budget_rounds).where(
            tables.budget_rounds.c.year == year, tables.budget_rounds.c.region == region
        )
    ).first()
    return _stored(row) if row else None


def list_rounds(conn: Connection) -> list[StoredRound]:
    """Returns every stored round, newest year first."""
    rows = conn.execute(
        select(tables.budget_rounds).order_by(
            tables.budget_rounds.c.year.desc(), tables.budget_rounds.c.region
        )
    )
    return [_stored(row) for row in rows]


def _stored(row: Any) -> StoredRound:
    imported_at = row.imported_at
    if imported_at.tzinfo is None:  # SQLite keeps no zone; Lingji always writes UTC
        imported_at = imported_at.replace(tzinfo=dt.UTC)
    return StoredRound(
        row.id,
        row.year,
        row.region,
        imported_at,
        row.source_name,
        tuple(json.loads(row.sheets_present)),
    )


def delete_round(conn: Connection, round_id: int) -> None:
    """Deletes a round and everything stored under it."""
    for table in (*tables.SHEET_TABLES.values(), tables.import_notes):
        conn.execute(delete(table).where(table.c.round_id == round_id))
    conn.execute(delete(tables.budget_rounds).where(tables.budget_rounds.c.id == round_id))


def insert_round(
    conn: Connection,
    *,
    year: int,
    region: str,
    source_name: str,
    source_sha256: str,
    sheets_present: Iterable[str],
) -> int:
    """Stores the round's own row and returns its id."""
    result = conn.execute(
        insert(tables.budget_rounds).values(
            year=year,
            region=region,
            imported_at=dt.datetime.now(dt.UTC),
            source_name=source_name,
            source_sha256=source_sha256,
            sheets_present=json.dumps(sorted(sheets_present)),
        )
    )
    return int(result.inserted_primary_key[0])


def storage_columns(
    sheet_key: str, names: Sequence[str], columns: Sequence[Sequence[Any]]
) -> list[Sequence[Any]]:
    """Returns a chunk of a sheet's columns in the form `insert_columns` stores."""
    return bulk.storage_columns(tables.SHEET_TABLES[sheet_key], names, columns)


def insert_columns(
    conn: Connection,
    *,
    sheet_key: str,
    round_id: int,
    names: Sequence[str],
    columns: Sequence[Sequence[Any]],
) -> None:
    """Stores rows of a sheet under a round, given as columns from `storage_columns`."""
    if not columns or not len(columns[0]):
        return
    bulk.insert_columns(
        conn,
        tables.SHEET_TABLES[sheet_key],
        ("round_id", *names),
        [repeat(round_id, len(columns[0])), *columns],
    )


def insert_notes(conn: Connection, *, round_id: int, notes: list[Note]) -> None:
    rows = [
        {
            "round_id": round_id,
            "sheet": n.sheet,
            "row": n.row,
            "column": n.column,
            "header": n.header,
            "reason": n.reason,
        }
        for n in notes
    ]
    if rows:
        conn.execute(insert(tables.import_notes), rows)


def count_rows(conn: Connection, round_id: int) -> dict[str, int]:
    """Returns how many rows each sheet holds in the round (sheet key -> count)."""
    counts = {}
    for key, table in tables.SHEET_TABLES.items():
        counts[key] = conn.execute(
            select(func.count()).select_from(table).where(table.c.round_id == round_id)
        ).scalar_one()
    return counts


def load_notes(conn: Connection, round_id: int) -> list[Note]:
    t = tables.import_notes
    rows = conn.execute(select(t).where(t.c.round_id == round_id).order_by(t.c.id))
    return [Note(r.sheet, r.row, r.column, r.header, r.reason) for r in rows]
