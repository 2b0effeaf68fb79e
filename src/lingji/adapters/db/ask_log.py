"""智慧问数's own storage: conversations (the last query, for follow-ups) and the audit trail."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, update

from lingji.adapters.db import tables
from lingji.domain.ask.answer import Answer


@dataclass(frozen=True, slots=True)
class StoredSession:
    id: str
    asker: str
    scope: str
    #: the last query (domain/ask/query.py to_dict()), or None
    state: dict[str, Any] | None


def load_session(conn: Connection, session_id: str) -> StoredSession | None:
    t = tables.ask_sessions
    row = conn.execute(select(t).where(t.c.id == session_id)).first()
    if row is None:
        return None
    return StoredSession(row.id, row.asker, row.scope, json.loads(row.state) if row.state else None)


def save_session(
    conn: Connection, session: StoredSession, *, now: dt.datetime | None = None
) -> None:
    t = tables.ask_sessions
    values = {
        "asker": session.asker,
        "scope": session.scope,
        "updated_at": now or dt.datetime.now(dt.UTC),
        "state": None if session.state is None else json.dumps(session.state, ensure_ascii=False),
    }
    changed = conn.execute(update(t).where(t.c.id == session.id).values(**values)).rowcount
    if not changed:
        conn.execute(insert(t).values(id=session.id, **values))


def record_question(
    conn: Connection,
    *,
    asker: str,
    scope: str,
    session_id: str | None,
    question: str,
    answer: Answer,
    elapsed_ms: int,
) -> None:
    """One row of the audit trail: who asked what, with which scope, the SQL and the answer."""
    conn.execute(
        insert(tables.ask_audit).values(
            asked_at=dt.datetime.now(dt.UTC),
            asker=asker,
            scope=scope,
            session_id=session_id,
            question=question,
            kind=answer.kind.value,
            sql=answer.sql,
            answer=answer.answer,
            value=None if answer.value is None else str(answer.value),
            sources=json.dumps(answer.sources, ensure_ascii=False),
            elapsed_ms=elapsed_ms,
        )
    )


def audit_trail(conn: Connection, *, limit: int = 50) -> list[Any]:
    """The newest questions first."""
    t = tables.ask_audit
    return list(conn.execute(select(t).order_by(t.c.id.desc()).limit(limit)))
