"""A question Lingji's parser cannot handle, put to the intranet model: the model proposes one
SELECT over the semantic layer, sql_guard confines it to the round and the asker's units, the
database computes the figures. The text says the query was written by a model; a failure,
a timeout or an unsafe statement returns None and the caller answers without the model."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from lingji.adapters.db.ask_views import define_view
from lingji.adapters.llm import LanguageModel, ModelUnavailable
from lingji.domain.ask.answer import Answer, AnswerKind
from lingji.domain.ask.scope import Scope
from lingji.domain.ask.semantic_layer import describe
from lingji.domain.ask.sql_guard import Confinement, UnsafeSql, confine
from lingji.domain.formatting import number

#: the label on every answer whose query a model wrote
MODEL_LABEL = "【由模型生成查询，数字由数据库计算，请核对】"
_FENCE = re.compile(r"```(?:sql)?\s*(.*?)```", re.DOTALL | re.IGNORECASE)
#: rows of a model's answer shown in its text
SHOWN_ROWS = 10


def ask_model(
    conn: Connection,
    model: LanguageModel,
    question: str,
    *,
    budget_year: int,
    round_id: int,
    run_id: int | None,
    scope: Scope,
) -> tuple[Answer | None, str]:
    """The model's answer, or None and why not (for the audit trail)."""
    system = (
        describe(budget_year)
        + "\n只输出一条 SELECT 语句，放在 ```sql 代码块中，不要解释；不确定时输出 SELECT NULL。"
    )
    try:
        reply = model.complete(system, question)
    except ModelUnavailable as error:
        return None, str(error)
    proposed = _sql_of(reply)
    confinement = Confinement(round_id=round_id, run_id=run_id, scope=scope)
    try:
        sql = confine(proposed, confinement, define=define_view, dialect=_dialect(conn))
    except UnsafeSql as error:
        return None, f"模型给出的查询被拒绝：{error}"
    result = conn.exec_driver_sql(sql)
    names = list(result.keys())
    rows = [dict(zip(names, (_value(v) for v in row), strict=True)) for row in result]
    if not rows or all(v is None for v in rows[0].values()):
        return None, "模型的查询没有得到数据"
    value = rows[0][names[0]] if len(rows) == 1 and len(names) == 1 else None
    return (
        Answer(
            answer=f"{MODEL_LABEL}{_describe(rows, names)}",
            kind=AnswerKind.MODEL,
            value=value if isinstance(value, Decimal | int) else None,
            rows=rows,
            sql=sql,
            sources=["模型生成的查询（经规则校验）"],
        ),
        "",
    )


def _sql_of(reply: str) -> str:
    fenced = _FENCE.search(reply)
    return (fenced.group(1) if fenced else reply).strip().rstrip(";")


def _dialect(conn: Connection) -> str:
    return "postgres" if conn.dialect.name == "postgresql" else "sqlite"


def _value(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(str(round(value, 4)))
    return value


def _describe(rows: list[dict[str, Any]], names: list[str]) -> str:
    def cell(v: Any) -> str:
        return number(v) if isinstance(v, Decimal) else str(v)

    if len(rows) == 1 and len(names) == 1:
        return f"查询结果为 {cell(rows[0][names[0]])}。"
    lines = ["；".join(f"{k}：{cell(v)}" for k, v in row.items()) for row in rows[:SHOWN_ROWS]]
    more = f"……共 {len(rows)} 行" if len(rows) > SHOWN_ROWS else ""
    return "查询结果：" + "。".join(lines) + more
