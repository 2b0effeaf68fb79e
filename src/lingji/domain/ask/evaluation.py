"""Judging 智慧问数 against the gold set (tests/ask/gold.yaml), without a database.

A gold case is one question, or a session of two to four questions asked in turn, each with
what a right answer must satisfy. Figures are checked against an oracle: a SQL query written
by hand over the stored tables, which the caller runs on the demo county and passes here as
rows. The oracle never goes through the parser, so the two cannot share a mistake.

What an expectation may say (all that it says must hold):
- oracle_sql with compare: value (the default): the answer's value equals the oracle's first
  cell, within 0.01 (yuan or a count), or within 0.05 percentage points with rate: true
  (rates, shares and growth are percentages 0–100 on both sides: 90.75 for 90.75%);
- oracle_sql with compare: first_column: the first column of the answer's rows equals the first
  column of the oracle's rows, in order with ordered: true (rankings), else as a set;
- sources_include: each 文号 is cited in one of the answer's sources (bracket styles agree);
- answer_contains: each text occurs in the answer (thousands separators ignored);
- unanswerable: true: the answer says 无法回答 (kind UNANSWERABLE) and gives no figure;
- refused: true: the same, and the answer says why: 无权 or 权限.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from lingji.domain.ask.answer import Answer, AnswerKind
from lingji.domain.ask.scope import ALL_UNITS, Scope
from lingji.domain.policy import normalize_doc_no

#: the kinds of question the gold set is spread over, in the order accuracy is reported
KINDS: tuple[str, ...] = (
    "金额", "项目数", "排名", "汇总与平均", "占比", "同比", "列表", "三公", "经济科目",
    "审核结果", "历史执行", "多轮", "政策", "无法回答", "权限",
)  # fmt: skip

#: a figure may differ from the oracle by a fen (or, for a count, not at all)
VALUE_TOLERANCE = Decimal("0.01")
#: a rate may differ by 0.05 percentage points (rounding to one decimal place is fine)
RATE_TOLERANCE = Decimal("0.05")

COMPARE_MODES = ("value", "first_column")
_EXPECT_KEYS = frozenset(
    {"oracle_sql", "compare", "ordered", "rate", "sources_include", "answer_contains",
     "unanswerable", "refused"}
)  # fmt: skip
_CHECK_KEYS = ("oracle_sql", "sources_include", "answer_contains", "unanswerable", "refused")
#: total rows an answer may append under its table; they are not part of the ranking or list
_TOTAL_LABELS = frozenset({"合计", "总计", "小计", "全部", "全县"})
_REFUSAL_WORDS = ("无权", "权限")
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
_YEAR = re.compile(r"^(\d{4})年(?:度)?$")
_NUMERAL = re.compile(r"^-?\d+(?:\.\d+)?$")


@dataclass(frozen=True, slots=True)
class GoldTurn:
    question: str
    #: what a right answer satisfies (see the module docstring)
    expect: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class GoldCase:
    """One entry of the gold file: a question, or a session of questions asked in turn."""

    id: str
    kind: str
    turns: tuple[GoldTurn, ...]
    #: the asker's unit codes; None for a bureau reviewer who sees every unit
    units: frozenset[str] | None = None

    @property
    def is_multi_turn(self) -> bool:
        return len(self.turns) > 1

    @property
    def scope(self) -> Scope:
        return ALL_UNITS if self.units is None else Scope(self.units)

    @classmethod
    def from_mapping(cls, entry: Mapping[str, Any]) -> GoldCase:
        """From one parsed YAML entry; raises ValueError naming the entry if it is malformed."""
        case_id = str(entry.get("id") or "").strip()
        if not case_id:
            raise ValueError(f"问答标准集条目缺少 id：{dict(entry)!r}")
        kind = entry.get("kind")
        if kind not in KINDS:
            raise ValueError(f"{case_id}：kind 应为 {'、'.join(KINDS)} 之一，而不是 {kind!r}")
        if ("question" in entry) == ("turns" in entry):
            raise ValueError(f"{case_id}：question（单问）和 turns（多轮）须有且只有一个")
        raw_turns = entry["turns"] if "turns" in entry else [entry]
        if not isinstance(raw_turns, Sequence) or not raw_turns:
            raise ValueError(f"{case_id}：turns 应为非空列表")
        turns = tuple(_turn(case_id, number, raw) for number, raw in enumerate(raw_turns, 1))
        units = entry.get("units")
        if units is not None:
            if isinstance(units, str) or not units:
                raise ValueError(f"{case_id}：units 应为单位编码列表")
            units = frozenset(str(code).strip() for code in units)
        return cls(id=case_id, kind=kind, turns=turns, units=units)


def load_gold_cases(entries: Iterable[Mapping[str, Any]]) -> list[GoldCase]:
    """The gold file's entries (parsed YAML), checked; ids must be unique."""
    cases = [GoldCase.from_mapping(entry) for entry in entries]
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise ValueError(f"问答标准集中 id {case.id} 重复")
        seen.add(case.id)
    return cases


def _turn(case_id: str, number: int, raw: Mapping[str, Any]) -> GoldTurn:
    where = f"{case_id} 第{number}问"
    question = str(raw.get("question") or "").strip()
    if not question:
        raise ValueError(f"{where}：缺少 question")
    expect = raw.get("expect")
    if not isinstance(expect, Mapping):
        raise ValueError(f"{where}：缺少 expect")
    unknown = set(expect) - _EXPECT_KEYS
    if unknown:
        raise ValueError(f"{where}：expect 中有不认识的键 {sorted(unknown)}")
    if not any(expect.get(key) for key in _CHECK_KEYS):
        raise ValueError(f"{where}：expect 至少要有 {'、'.join(_CHECK_KEYS)} 之一")
    if expect.get("compare", "value") not in COMPARE_MODES:
        raise ValueError(f"{where}：compare 应为 value 或 first_column")
    if expect.get("oracle_sql") and (expect.get("unanswerable") or expect.get("refused")):
        raise ValueError(f"{where}：无法回答或拒答的问题不应有 oracle_sql")
    for key in ("sources_include", "answer_contains"):
        if key in expect and (isinstance(expect[key], str) or not expect[key]):
            raise ValueError(f"{where}：{key} 应为非空列表")
    return GoldTurn(question=question, expect=expect)


# --- judging ----------------------------------------------------------------------------------


def judge(
    expect: Mapping[str, Any], answer: Answer, oracle_rows: list[tuple[Any, ...]] | None
) -> tuple[bool, str]:
    """Whether the answer meets the expectation, and why not (an empty reason when it does).

    oracle_rows: the rows of expect["oracle_sql"] run on the demo database; None if it has none.
    """
    problems: list[str] = []
    if expect.get("oracle_sql"):
        if oracle_rows is None:
            raise ValueError("expect 有 oracle_sql，须先在数据库上运行并传入 oracle_rows")
        if answer.kind is AnswerKind.UNANSWERABLE:
            problems.append(f"应有数据答案，却答“{_short(answer.answer)}”")
        elif expect.get("compare", "value") == "first_column":
            problems.extend(_first_column(answer, oracle_rows, ordered=bool(expect.get("ordered"))))
        else:
            problems.extend(_value(answer, oracle_rows, rate=bool(expect.get("rate"))))
    if expect.get("sources_include"):
        cited = [normalize_doc_no(source) for source in answer.sources]
        missing = [
            doc for doc in expect["sources_include"]
            if not any(normalize_doc_no(doc) in source for source in cited)
        ]  # fmt: skip
        if missing:
            problems.append(
                f"来源未引用 {'、'.join(missing)}（引用的是：{'；'.join(answer.sources) or '无'}）"
            )
    if expect.get("answer_contains"):
        text = _plain_text(answer.answer)
        missing = [part for part in expect["answer_contains"] if _plain_text(str(part)) not in text]
        if missing:
            problems.append(f"答案中没有 {'、'.join(map(str, missing))}")
    if expect.get("unanswerable") or expect.get("refused"):
        if answer.kind is not AnswerKind.UNANSWERABLE or answer.value is not None:
            problems.append(f"应答无法回答，却给出“{_short(answer.answer)}”（数值 {answer.value}）")
        elif expect.get("refused") and not any(w in answer.answer for w in _REFUSAL_WORDS):
            problems.append(f"拒答应说明无权查看，答案是“{_short(answer.answer)}”")
    return (not problems, "；".join(problems))


def _value(answer: Answer, oracle_rows: list[tuple[Any, ...]], *, rate: bool) -> list[str]:
    expected = _number(oracle_rows[0][0]) if oracle_rows and oracle_rows[0] else None
    if expected is None:
        return ["核对查询没有得出数值"]
    got = _number(answer.value)
    if got is None:
        return [f"答案没有给出数值（应为 {expected}）"]
    tolerance = RATE_TOLERANCE if rate else VALUE_TOLERANCE
    if abs(got - expected) > tolerance:
        return [f"数值 {got} 与核对值 {expected} 不符"]
    return []


def _first_column(
    answer: Answer, oracle_rows: list[tuple[Any, ...]], *, ordered: bool
) -> list[str]:
    expected = [_cell(row[0]) for row in oracle_rows if row]
    got = [
        cell
        for cell in (_cell(next(iter(row.values()), None)) for row in answer.rows if row)
        if cell not in _TOTAL_LABELS
    ]
    if ordered and got != expected:
        return [f"排序结果 {got} 与核对结果 {expected} 不符"]
    if not ordered and set(got) != set(expected):
        extra, missing = sorted(set(got) - set(expected)), sorted(set(expected) - set(got))
        return [f"列表多出 {extra}，缺少 {missing}"]
    return []


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal | int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    try:
        return Decimal(_THOUSANDS.sub("", unicodedata.normalize("NFKC", str(value)).strip()))
    except InvalidOperation:
        return None


def _cell(value: Any) -> str:
    """A first-column cell in comparable form: numbers to the fen, text without spaces,
    full-width characters folded, and a year written 2026年 the same as 2026."""
    if value is None:
        return ""
    if not isinstance(value, str):
        number = _number(value)
        return "" if number is None else _number_text(number)
    text = _THOUSANDS.sub("", re.sub(r"\s+", "", unicodedata.normalize("NFKC", value)))
    year = _YEAR.match(text)
    if year:
        return _number_text(Decimal(year.group(1)))
    return _number_text(Decimal(text)) if _NUMERAL.match(text) else text


def _number_text(number: Decimal) -> str:
    return f"{number.quantize(Decimal('0.01'))}"


def _plain_text(text: str) -> str:
    return _THOUSANDS.sub("", unicodedata.normalize("NFKC", text))


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


# --- accuracy ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Verdict:
    """The judgement of one question (one turn of a session counts as one question)."""

    case_id: str
    kind: str
    #: 1 for a single question; the turn's number in a session
    turn: int
    question: str
    passed: bool
    #: why it failed; empty when it passed
    reason: str = ""


def accuracy_by_kind(results: Iterable[Verdict]) -> dict[str, tuple[int, int]]:
    """kind -> (right, total), in the order of KINDS; kinds with no question are left out."""
    counts: dict[str, list[int]] = {}
    for result in results:
        tally = counts.setdefault(result.kind, [0, 0])
        tally[0] += int(result.passed)
        tally[1] += 1
    order = {kind: index for index, kind in enumerate(KINDS)}
    return {
        kind: (right, total)
        for kind, (right, total) in sorted(counts.items(), key=lambda kv: order.get(kv[0], 99))
    }
