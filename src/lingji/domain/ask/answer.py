"""The answer to a question, as plain data: the CLI prints it, the web API returns it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any


class AnswerKind(StrEnum):
    #: a figure or table from the budget data, with the SQL that produced it
    DATA = "data"
    #: passages of the policy or standards library, cited by document and article
    POLICY = "policy"
    #: the question could not be answered; the text says what can be asked instead
    UNANSWERABLE = "unanswerable"
    #: written by a language model (labelled as such to the reader)
    MODEL = "model"


@dataclass(slots=True)
class Answer:
    """{"answer", "value", "rows", "sql", "sources"} as issue 5 specifies, plus its kind."""

    #: Chinese text for people
    answer: str
    kind: AnswerKind
    #: the main number, or None (never a made-up figure)
    value: Decimal | int | None = None
    #: the table behind the answer: one dict per row, Chinese column names
    #: (单位, 项目, 项目类型, 年度, 申报金额 ...), money in yuan
    rows: list[dict[str, Any]] = field(default_factory=list)
    #: the query that produced it (SELECT ..., literal values inlined), or None
    sql: str | None = None
    #: the documents (文号 and title) or tables used
    sources: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready: money as numbers (a float holds a county's yuan and fen exactly enough:
        15 significant digits)."""
        return {
            "answer": self.answer,
            "value": _plain(self.value),
            "rows": [{k: _plain(v) for k, v in row.items()} for row in self.rows],
            "sql": self.sql,
            "sources": list(self.sources),
            "kind": self.kind.value,
        }


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
