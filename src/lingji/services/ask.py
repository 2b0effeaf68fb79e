"""智慧问数: answering a Chinese question about the budget data or the policy library.

The parser reads the question (with the conversation's last query, for follow-ups); figures
come from the database through one query confined to the asker's units; policy questions are
answered from the policy and standards library with their documents cited. What the parser
cannot read goes to the intranet model when one is configured, else gets an honest 无法回答.
Every question and answer is recorded in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select

from lingji.adapters.db import tables
from lingji.adapters.db.ask_log import StoredSession, load_session, record_question, save_session
from lingji.adapters.db.ask_queries import load_lexicon, newest_round, run_query
from lingji.adapters.db.loading import load_sheet
from lingji.adapters.llm import LanguageModel
from lingji.domain.ask.answer import Answer, AnswerKind
from lingji.domain.ask.lexicon import Lexicon
from lingji.domain.ask.parser import parse
from lingji.domain.ask.policy_search import PolicyIndex, answer_policy_question
from lingji.domain.ask.query import PolicyQuestion, Query, Unanswerable
from lingji.domain.ask.scope import ALL_UNITS, Scope
from lingji.services.ask_model import ask_model


@dataclass(slots=True)
class AskResult:
    answer: Answer
    #: the conversation to pass back for a follow-up (lingji ask --session)
    session_id: str


def answer_question(
    *,
    engine: Engine,
    question: str,
    scope: Scope = ALL_UNITS,
    asker: str = "",
    session_id: str | None = None,
    region: str | None = None,
    model: LanguageModel | None = None,
) -> AskResult:
    """Answers one question for an asker who may see `scope`, and records it."""
    started = time.perf_counter()
    session_id = session_id or uuid.uuid4().hex[:12]
    with engine.begin() as conn:
        session = load_session(conn, session_id)
        previous = _previous_query(session, asker, scope)
        answer, state = _answer(conn, question, previous, scope, region, model)
        elapsed_ms = round((time.perf_counter() - started) * 1000)
        save_session(
            conn,
            StoredSession(
                session_id,
                asker,
                scope.describe(),
                state.to_dict() if state else (session.state if session else None),
            ),
        )
        record_question(
            conn,
            asker=asker,
            scope=scope.describe(),
            session_id=session_id,
            question=question,
            answer=answer,
            elapsed_ms=elapsed_ms,
        )
    return AskResult(answer, session_id)


def _previous_query(session: StoredSession | None, asker: str, scope: Scope) -> Query | None:
    # a conversation is carried on only by the same asker with the same scope
    if session is None or session.state is None:
        return None
    if session.asker != asker or session.scope != scope.describe():
        return None
    return Query.from_dict(session.state)


def _answer(
    conn: Connection,
    question: str,
    previous: Query | None,
    scope: Scope,
    region: str | None,
    model: LanguageModel | None,
) -> tuple[Answer, Query | None]:
    stored = newest_round(conn, region)
    if stored is None:
        return Answer(
            "数据库中还没有预算数据，请先导入一个预算轮次。", AnswerKind.UNANSWERABLE
        ), None
    lexicon = _lexicon(conn, stored.id)
    parsed = parse(question, lexicon, previous)
    if isinstance(parsed, PolicyQuestion):
        return answer_policy_question(parsed.text, _policy_index(conn, stored.id)), None
    if isinstance(parsed, Query):
        return run_query(conn, parsed, round_id=stored.id, scope=scope), parsed
    if model is not None:
        answered, _ = ask_model(
            conn,
            model,
            question,
            budget_year=stored.year,
            round_id=stored.id,
            run_id=_newest_run(conn, stored.id),
            scope=scope,
        )
        if answered is not None:
            return answered, None
    return _unanswerable(parsed), None


def _unanswerable(parsed: Unanswerable) -> Answer:
    text = f"无法回答：{parsed.reason}"
    if parsed.suggestions:
        text += "可以这样问：" + "；".join(parsed.suggestions)
    return Answer(text, AnswerKind.UNANSWERABLE)


def _newest_run(conn: Connection, round_id: int) -> int | None:
    t = tables.review_runs
    return conn.execute(
        select(t.c.id).where(t.c.round_id == round_id).order_by(t.c.id.desc()).limit(1)
    ).scalar()


# --- built once per round and process: a question must answer in well under a second ------

_lock = threading.Lock()
_lexicons: dict[tuple[str, int], Lexicon] = {}
_indexes: dict[tuple[str, int], PolicyIndex] = {}


def _key(conn: Connection, round_id: int) -> tuple[str, int]:
    # a replaced round gets a new id, so (database, round) never names stale words
    return (conn.engine.url.render_as_string(hide_password=True), round_id)


def _lexicon(conn: Connection, round_id: int) -> Lexicon:
    key = _key(conn, round_id)
    with _lock:
        if key not in _lexicons:
            _lexicons[key] = load_lexicon(conn, round_id)
        return _lexicons[key]


def _policy_index(conn: Connection, round_id: int) -> PolicyIndex:
    key = _key(conn, round_id)
    with _lock:
        if key not in _indexes:
            _indexes[key] = PolicyIndex.build(
                load_sheet(conn, round_id, "policy_documents"),
                bureau_standards=load_sheet(conn, round_id, "standards"),
                as_of=dt.date.today(),
            )
        return _indexes[key]
