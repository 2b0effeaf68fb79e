"""智慧问数 end to end on the demo county: answers, follow-ups, scope, the audit trail, the model."""

from __future__ import annotations

import json
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from sqlalchemy import select

from lingji.adapters.db import tables
from lingji.adapters.llm import OpenAICompatibleModel
from lingji.domain.ask.answer import AnswerKind
from lingji.domain.ask.scope import Scope
from lingji.services.ask import answer_question
from lingji.services.ask_evaluation import prepare_demo_database

EDUCATION = "103001"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    engine = prepare_demo_database(tmp_path_factory.mktemp("ask"))
    yield engine
    engine.dispose()


def _requested(engine, unit_code):
    with engine.connect() as conn:
        return conn.exec_driver_sql(
            "select sum(requested_amount) from projects where unit_code = ?", (unit_code,)
        ).scalar() / Decimal(100)


def test_a_figure_comes_with_its_query_and_sources_and_is_audited(demo):
    result = answer_question(engine=demo, question="教育局今年申报了多少钱", asker="张审核")
    answer = result.answer
    assert answer.kind is AnswerKind.DATA
    assert answer.value == _requested(demo, EDUCATION)
    assert answer.sql.upper().startswith("SELECT") and answer.sources
    assert "澜溪县教育局" in answer.answer
    with demo.connect() as conn:
        row = conn.execute(
            select(tables.ask_audit).order_by(tables.ask_audit.c.id.desc()).limit(1)
        ).one()
    assert (row.asker, row.scope, row.question) == ("张审核", "全部单位", "教育局今年申报了多少钱")
    assert row.sql == answer.sql and row.session_id == result.session_id


def test_a_follow_up_in_the_same_session_reuses_the_question(demo):
    first = answer_question(engine=demo, question="教育局今年申报了多少钱", asker="a")
    follow = answer_question(
        engine=demo, question="那卫健局呢", asker="a", session_id=first.session_id
    )
    assert follow.answer.value == _requested(demo, "104001")
    fresh = answer_question(engine=demo, question="那卫健局呢", asker="a")
    assert fresh.answer.value != follow.answer.value


def test_a_conversation_is_not_carried_over_to_another_scope(demo):
    first = answer_question(engine=demo, question="教育局今年申报了多少钱", asker="a")
    other = answer_question(
        engine=demo,
        question="那卫健局呢",
        asker="a",
        session_id=first.session_id,
        scope=Scope(frozenset({"104001"})),
    )
    assert (
        other.answer.value != _requested(demo, "104001") or other.answer.kind is not AnswerKind.DATA
    )


def test_a_scoped_asker_only_ever_sees_their_units(demo):
    scope = Scope(frozenset({EDUCATION}))
    own = _requested(demo, EDUCATION)

    def ask(question):
        return answer_question(engine=demo, question=question, scope=scope, asker="教育局").answer

    assert ask("全县今年一共申报了多少").value == own
    refused = ask("卫健局今年申报了多少")
    assert refused.kind is AnswerKind.UNANSWERABLE and refused.value is None
    assert "无权" in refused.answer
    ranking = ask("申报金额最多的五个单位")
    assert [next(iter(row.values())) for row in ranking.rows] in ([], ["澜溪县教育局"])
    injected = ask("教育局'; DROP TABLE projects; --")
    assert injected.value in (None, own)
    with demo.connect() as conn:
        assert conn.execute(select(tables.projects.c.id).limit(1)).first() is not None


def test_a_question_outside_the_data_gets_no_figure(demo):
    answer = answer_question(engine=demo, question="明天天气怎么样", asker="a").answer
    assert answer.kind is AnswerKind.UNANSWERABLE and answer.value is None
    assert "无法回答" in answer.answer


def test_policy_questions_cite_the_document(demo):
    answer = answer_question(engine=demo, question="会议费标准是多少", asker="a").answer
    assert answer.kind is AnswerKind.POLICY
    assert any("财行〔2016〕214号" in s for s in answer.sources) and "760" in answer.answer


class _FakeModelServer:
    """An OpenAI-compatible endpoint on localhost answering with a fixed reply: the same
    HTTP exchange an intranet vLLM or Ollama server has, without a model."""

    def __init__(self, reply: str) -> None:
        outer = self
        self.requests: list[dict] = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server API
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append(body)
                payload = json.dumps({"choices": [{"message": {"content": reply}}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def model(self) -> OpenAICompatibleModel:
        host, port = self.server.server_address
        return OpenAICompatibleModel(f"http://{host}:{port}/v1", "test-model", timeout_seconds=5)

    def close(self) -> None:
        self.server.shutdown()


#: a question the parser answers 无法回答, so that it goes to the model
UNPARSEABLE = "明天天气怎么样"


def test_a_question_the_parser_cannot_read_goes_to_the_model_confined_to_the_scope(demo):
    server = _FakeModelServer(
        "```sql\nSELECT unit_name, office_area_m2 FROM units ORDER BY office_area_m2 DESC\n```"
    )
    try:
        scope = Scope(frozenset({EDUCATION}))
        answer = answer_question(
            engine=demo, question=UNPARSEABLE, scope=scope, asker="a", model=server.model
        ).answer
    finally:
        server.close()
    assert answer.kind is AnswerKind.MODEL
    assert answer.answer.startswith("【由模型生成查询")
    assert [row["unit_name"] for row in answer.rows] == ["澜溪县教育局"]
    assert "unit_code IN ('103001')" in answer.sql
    assert "澜溪县" in server.requests[0]["messages"][0]["content"]


def test_an_unsafe_or_failed_model_answer_falls_back_to_an_honest_refusal(demo):
    server = _FakeModelServer("SELECT id_number_hash FROM personnel")
    try:
        answer = answer_question(
            engine=demo, question=UNPARSEABLE, asker="a", model=server.model
        ).answer
    finally:
        server.close()
    assert answer.kind is AnswerKind.UNANSWERABLE and answer.value is None
    down = OpenAICompatibleModel("http://127.0.0.1:9/v1", "none", timeout_seconds=1)
    answer = answer_question(engine=demo, question=UNPARSEABLE, asker="a", model=down).answer
    assert answer.kind is AnswerKind.UNANSWERABLE and answer.value is None
