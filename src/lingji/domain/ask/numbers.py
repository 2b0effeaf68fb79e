"""Numbers in a question: years (2026年, 二〇二六年, 26年, 2024—2026年, 近三年), top-N
(前五, 最高的3个), and thresholds (超过100万元, 60%以下)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from lingji.domain.ask.lexicon import chinese_number
from lingji.domain.ask.query import Comparison

_CN = "零〇○一二两三四五六七八九十百千万"
_NUM = rf"(\d+(?:\.\d+)?|[{_CN}]+)"
_YEAR = re.compile(r"(?<![\d.])(20\d{2})(?!\d)(?!\.\d)(?!\s*(?:万|元|亿|个|项|名|家|%|条|处))")
_CN_YEAR = re.compile("([零〇○一二两三四五六七八九十百千]{2,8})年")
_SHORT_YEAR = re.compile(r"(?<![\d.])(\d{2})年(?!\d)")
_RANGE = re.compile(r"(20\d{2})年?(?:-|—|–|~|至|到)(20\d{2})年?")
_RECENT = re.compile(rf"(?:近|最近|过去|前)({_NUM[1:-1]}|几)年")
_TOP = re.compile(
    rf"(?:前|TOP|排名前|排前|最高的?|最多的?|最大的?|最低的?|最少的?|最小的?|后|倒数){_NUM}"
    r"(?!年|月|%|万|元|亿)(?:个|名|家|项|位|条|类|大)?"
)
_OPS_BEFORE = (
    ("不低于", Comparison.GE), ("不少于", Comparison.GE), ("至少", Comparison.GE),
    ("达到", Comparison.GE), ("≥", Comparison.GE), (">=", Comparison.GE),
    ("超过", Comparison.GT), ("大于", Comparison.GT), ("高于", Comparison.GT),
    ("多于", Comparison.GT), ("超出", Comparison.GT), (">", Comparison.GT),
    ("不超过", Comparison.LE), ("不高于", Comparison.LE), ("≤", Comparison.LE),
    ("<=", Comparison.LE), ("未达到", Comparison.LT), ("不到", Comparison.LT),
    ("不足", Comparison.LT), ("低于", Comparison.LT), ("小于", Comparison.LT),
    ("少于", Comparison.LT), ("<", Comparison.LT),
)  # fmt: skip
_OPS_AFTER = (("及以上", Comparison.GE), ("以上", Comparison.GE), ("及以下", Comparison.LE),
              ("以下", Comparison.LE))  # fmt: skip
_AMOUNT = rf"{_NUM}(亿元|亿|万元|万|千元|元|%|分|个|项)?(?![半成])"
_BEFORE = re.compile("(" + "|".join(re.escape(op) for op, _ in _OPS_BEFORE) + ")" + _AMOUNT)
_AFTER = re.compile(_AMOUNT + "(" + "|".join(re.escape(op) for op, _ in _OPS_AFTER) + ")")
_BETWEEN = re.compile(
    rf"{_NUM}(亿元|亿|万元|万|千元|元|%)?(?:到|至|-|~|—)+{_NUM}(亿元|亿|万元|万|千元|元|%)(?:之间|以内)?"
)
#: 不到一半, 低于八成: a share in words
_RATIO = re.compile(
    "(" + "|".join(re.escape(op) for op, _ in _OPS_BEFORE) + ")(一半|[一二三四五六七八九]成)"
)
#: 被核减的项目: a cut above nothing
_CUT_AT_ALL = re.compile("(?:被|有|存在)(?:核减|压减|审减)")
_YEARS_AGO = re.compile(rf"{_NUM}年(?:以)?前")
_SCALE = {"亿元": 100_000_000, "亿": 100_000_000, "万元": 10_000, "万": 10_000, "千元": 1000}


def number(text: str) -> Decimal | None:
    """'12' -> 12, '1.5' -> 1.5, '十二' -> 12."""
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return Decimal(text)
    value = chinese_number(text)
    return None if value is None else Decimal(value)


@dataclass(frozen=True, slots=True)
class Threshold:
    op: Comparison
    value: Decimal
    #: yuan, percent or count
    unit: str
    start: int
    end: int


def years_in(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Explicit years and the spans they occupy (ranges expanded)."""
    years: list[int] = []
    spans: list[tuple[int, int]] = []
    for m in _RANGE.finditer(text):
        first, last = sorted((int(m.group(1)), int(m.group(2))))
        years.extend(range(first, last + 1))
        spans.append(m.span())
    taken = list(spans)
    for pattern, convert in (
        (_YEAR, int),
        (_CN_YEAR, lambda s: chinese_number(s) or 0),
        (_SHORT_YEAR, lambda s: 2000 + int(s)),
    ):
        for m in pattern.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            year = convert(m.group(1))
            if not 1990 <= year <= 2100:
                continue
            years.append(year)
            taken.append(m.span())
            spans.append(m.span())
    return years, spans


def recent_years(text: str) -> int | None:
    """近三年 -> 3 (几年 counts as 3)."""
    m = _RECENT.search(text)
    if not m or m.group(0).startswith("前") and m.group(1) in ("", "几"):
        return None
    if m.group(1) == "几":
        return 3
    value = number(m.group(1))
    return int(value) if value and 1 < value < 20 else None


def top_n(text: str) -> tuple[int, str, int, int] | None:
    """前五 / 最高的3个 / 倒数两名 -> (5, 'desc', start, end) ...; None when no count is
    asked."""
    for m in _TOP.finditer(text):
        value = number(m.group(1))
        if value is None or value < 1 or value != int(value):
            continue
        head = m.group(0)
        ascending = head.startswith(("后", "倒数", "最低", "最少", "最小"))
        return int(value), "asc" if ascending else "desc", m.start(), m.end()
    return None


def years_ago(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """两年前 -> -2 (offsets from the budget year) and where they are."""
    offsets, spans = [], []
    for m in _YEARS_AGO.finditer(text):
        value = number(m.group(1))
        if value is not None and 0 < value < 20:
            offsets.append(-int(value))
            spans.append(m.span())
    return offsets, spans


def _unit_of(unit: str | None, value: Decimal) -> tuple[Decimal, str]:
    if unit == "%":
        return value, "percent"
    return value * _SCALE.get(unit or "", 1), "yuan"


def thresholds(text: str) -> list[Threshold]:
    """超过100万元 -> (>, 1000000, 'yuan'); 60%以下 -> (<=, 60, 'percent'); 一百万到五百万之间
    -> (>=, 1000000) and (<=, 5000000)."""
    found = []
    for m in _BETWEEN.finditer(text):
        low, high = number(m.group(1)), number(m.group(3))
        if low is None or high is None:
            continue
        # 100到500万: the first number takes the second's unit, unless it has its own (一百万)
        own = m.group(2) or ("元" if re.search("[万亿]", m.group(1)) else None)
        low_value, kind = _unit_of(own or m.group(4), low)
        high_value, _ = _unit_of(m.group(4), high)
        found.append(Threshold(Comparison.GE, low_value, kind, m.start(), m.end()))
        found.append(Threshold(Comparison.LE, high_value, kind, m.start(), m.end()))
    if found:
        return found
    for m in _RATIO.finditer(text):
        ops = dict(_OPS_BEFORE)
        share = (
            Decimal(50)
            if m.group(2) == "一半"
            else Decimal(chinese_number(m.group(2)[0]) or 0) * 10
        )
        found.append(Threshold(ops[m.group(1)], share, "percent", m.start(), m.end()))
    for m in _CUT_AT_ALL.finditer(text):
        found.append(Threshold(Comparison.GT, Decimal(0), "yuan", m.start(), m.end()))
    for pattern, before in ((_BEFORE, True), (_AFTER, False)):
        for m in pattern.finditer(text):
            op_text, num_text, unit = (
                (m.group(1), m.group(2), m.group(3))
                if before
                else (m.group(3), m.group(1), m.group(2))
            )
            ops = dict(_OPS_BEFORE if before else _OPS_AFTER)
            value = number(num_text)
            if value is None:
                continue
            if unit == "%":
                kind = "percent"
            elif unit in ("个", "项"):
                kind = "count"
            elif unit == "分":
                kind = "score"
            else:
                kind = "yuan"
                value *= _SCALE.get(unit or "", 1)
            found.append(Threshold(ops[op_text], value, kind, m.start(), m.end()))
    return found
