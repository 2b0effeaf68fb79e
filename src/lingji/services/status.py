"""What is loaded: rounds, rows per sheet, and what the importer noticed."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from lingji.adapters.db import rounds
from lingji.adapters.db.rounds import StoredRound
from lingji.intake.problems import Note


@dataclass(slots=True)
class RoundStatus:
    round: StoredRound
    counts: dict[str, int]
    notes: list[Note]


def describe_rounds(*, engine: Engine) -> list[RoundStatus]:
    """Returns every stored round with its row counts and import notes."""
    with engine.connect() as conn:
        return [
            RoundStatus(r, rounds.count_rows(conn, r.id), rounds.load_notes(conn, r.id))
            for r in rounds.list_rounds(conn)
        ]
