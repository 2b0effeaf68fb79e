"""Chinese question -> Query, PolicyQuestion or Unanswerable, by rules over the lexicon.

The steps: normalise; scan the known words (lexicon.scan) and the numbers (numbers.py);
route questions about rules and documents to the policy search; refuse what the data does
not hold (工资, 天气, a unit or county Lingji does not know); decide the metric, the filters,
the grouping and the shape (resolve.py); and, in a session, fill what the question leaves
out from the previous Query (followup.py: 那县卫生健康局呢, 按项目类型分呢, 去年呢).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lingji.domain.ask import followup, numbers
from lingji.domain.ask.lexicon import Lexicon, Match, Term, normalize
from lingji.domain.ask.query import Dimension, Metric, Order, PolicyQuestion, Query, Unanswerable
from lingji.domain.ask.resolve import project_fragments, resolve
from lingji.domain.ask.vocabulary import (
    DATA_PHRASES,
    GROUP_CUES,
    NOT_A_NAME,
    NOT_A_PLACE,
    POLICY_CUES,
    POLICY_HINTS,
    RATE_OF_CHANGE,
    SUGGESTIONS,
    Kind,
)

#: a name that looks like a unit or a county: when Lingji does not know it, it says so
_UNIT_LIKE = re.compile(
    r"([\u4e00-\u9fff]{1,10}?(?:局|委员会|委|办公室|中心|站|院|所|馆|学校|中学|小学|大队|公司))"
)
_REGION_LIKE = re.compile(r"([\u4e00-\u9fff]{2}[县区市])")


@dataclass
class Parts:
    """What a question says, before it is resolved into a Query."""

    text: str
    matches: list[Match]
    metrics: list[tuple[int, Metric, str]] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    years: list[int] = field(default_factory=list)
    year_offsets: list[int] = field(default_factory=list)
    recent: int | None = None
    groups: list[tuple[int, Dimension]] = field(default_factory=list)
    nouns: list[tuple[int, Dimension]] = field(default_factory=list)
    which: tuple[int, str] | None = None
    superlative: tuple[int, Order] | None = None
    ranking: Order | None = None
    aggregate: str | None = None
    count: int | None = None
    amount: bool = False
    yoy: bool = False
    yoy_rate: bool = False
    position: bool = False
    share: bool = False
    all_units: bool = False
    top: tuple[int, str, int, int] | None = None
    thresholds: list[numbers.Threshold] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    #: the stretches of the question no known word or number covers
    unknown: list[str] = field(default_factory=list)
    #: (start, end) of every known word and number
    spans: list[tuple[int, int]] = field(default_factory=list)


def parse(
    question: str, lexicon: Lexicon, previous: Query | None = None
) -> Query | PolicyQuestion | Unanswerable:
    """The structured reading of a question (with the session's last Query for follow-ups)."""
    text = normalize(question)
    if not text:
        return Unanswerable("问题是空的。", SUGGESTIONS)
    parts = read(text, lexicon)
    plain = _without_names(parts)
    if any(cue in plain for cue in POLICY_CUES):
        return PolicyQuestion(question.strip())
    if parts.unsupported:
        return Unanswerable(parts.unsupported[0] + "。", SUGGESTIONS)
    if any(cue in plain for cue in POLICY_HINTS):
        return PolicyQuestion(question.strip())
    unknown = unknown_names(parts, lexicon)
    if unknown:
        return Unanswerable(
            f"没有找到“{unknown}”：{lexicon.region}的数据里没有这个单位。", SUGGESTIONS
        )
    fragment = next((f for f in project_fragments(parts) if not lexicon.projects_named(f)), None)
    if fragment and not parts.filters.get("project"):
        return Unanswerable(
            f"没有找到名称含“{fragment}”的项目，它也不是已知的项目类型"
            f"（{'、'.join(lexicon.project_types)}）。",
            SUGGESTIONS,
        )
    if previous is not None and followup.is_followup(parts):
        return followup.merge(previous, parts, lexicon)
    if followup.points_back(parts) and not parts.filters.keys() & {"unit", "department", "project"}:
        return Unanswerable("不清楚“它”或“这个单位”指的是哪个单位，请说出单位名称。", SUGGESTIONS)
    return resolve(parts, lexicon)


def _without_names(parts: Parts) -> str:
    """The question with unit and project names blanked (a project may be called 标准化建设),
    and the data phrases that hold a policy word (超标准的项目)."""
    chars = list(parts.text)
    for match in parts.matches:
        if {t.kind for t in match.terms} & {Kind.UNIT, Kind.DEPARTMENT, Kind.PROJECT}:
            chars[match.start : match.end] = "\0" * (match.end - match.start)
    plain = "".join(chars)
    for phrase in DATA_PHRASES:
        plain = plain.replace(phrase, "\0")
    return plain


def unknown_names(parts: Parts, lexicon: Lexicon) -> str | None:
    """A unit or county named in the question that the round does not hold (气象局, 青阳县)."""
    for stretch in parts.unknown:
        for pattern in (_UNIT_LIKE, _REGION_LIKE):
            for m in pattern.finditer(stretch):
                name = m.group(1)
                if name.startswith(NOT_A_NAME) or name.endswith(NOT_A_PLACE):
                    continue
                if name in lexicon.region or lexicon.region.endswith(name):
                    continue
                return name
    return None


def read(text: str, lexicon: Lexicon) -> Parts:
    """Everything the question names, in order."""
    parts = Parts(text, lexicon.scan(text))
    for match in parts.matches:
        _read_match(parts, match, text)
    years, year_spans = numbers.years_in(text)
    parts.years = years
    ago, ago_spans = numbers.years_ago(text)
    parts.year_offsets += ago
    year_spans += ago_spans
    parts.recent = numbers.recent_years(text)
    parts.top = numbers.top_n(text)
    parts.thresholds = numbers.thresholds(text)
    parts.yoy_rate = parts.yoy and any(cue in text for cue in RATE_OF_CHANGE)
    covered = [(m.start, m.end) for m in parts.matches] + year_spans
    covered += [(t.start, t.end) for t in parts.thresholds]
    if parts.top:
        covered.append(parts.top[2:])
    parts.spans = sorted(covered)
    parts.unknown = _gaps(text, covered)
    return parts


def _gaps(text: str, covered: Sequence[tuple[int, int]]) -> list[str]:
    flags = [False] * len(text)
    for start, end in covered:
        for i in range(start, min(end, len(text))):
            flags[i] = True
    return [m.group(0) for m in re.finditer(r"[^\0]+", "".join(
        "\0" if flag else c for c, flag in zip(text, flags, strict=True)
    ))]  # fmt: skip


def _read_match(parts: Parts, match: Match, text: str) -> None:
    position = match.start
    for term in _meanings(match, text):
        kind, value = term.kind, term.value
        if kind is Kind.METRIC:
            parts.metrics.append((position, Metric(value), match.surface))
        elif kind is Kind.YEAR:
            parts.year_offsets.append(int(value))
        elif kind is Kind.NOUN:
            dimension = Dimension(value)
            if _after_group_cue(parts, position) or text.startswith(("分", "按"), match.end):
                parts.groups.append((position, dimension))
            else:
                parts.nouns.append((position, dimension))
        elif kind is Kind.GROUP:
            parts.groups.append((position, Dimension(value)))
        elif kind is Kind.WHICH:
            parts.which = parts.which or (position, value)
        elif kind is Kind.SUPERLATIVE:
            parts.superlative = parts.superlative or (position, Order(value))
        elif kind is Kind.RANKING:
            parts.ranking = parts.ranking or Order(value)
        elif kind is Kind.AGGREGATE:
            parts.aggregate = parts.aggregate or value
        elif kind is Kind.COUNT:
            parts.count = parts.count if parts.count is not None else position
        elif kind is Kind.AMOUNT:
            parts.amount = True
        elif kind is Kind.YOY:
            parts.yoy = True
        elif kind is Kind.SHARE:
            parts.share = True
        elif kind is Kind.ALL:
            parts.all_units = True
        elif kind is Kind.POSITION:
            parts.position = True
        elif kind is Kind.ITSELF:
            continue
        elif kind is Kind.UNSUPPORTED:
            parts.unsupported.append(value)
        else:
            parts.filters.setdefault(kind.value, [])
            if value not in parts.filters[kind.value]:
                parts.filters[kind.value].append(value)


def _meanings(match: Match, text: str) -> Sequence[Term]:
    """A word with several meanings: 公务接待费 is a 三公 part unless 科目 is asked about."""
    terms = match.terms
    if len(terms) == 1:
        return terms
    kinds = {t.kind for t in terms}
    if Kind.METRIC in kinds and Kind.ECON in kinds:
        wanted = Kind.ECON if "科目" in text else Kind.METRIC
        return [t for t in terms if t.kind is wanted]
    first = terms[0].kind
    return [t for t in terms if t.kind is first]


def _after_group_cue(parts: Parts, position: int) -> bool:
    """各单位, 按项目类型, 每个单位 ... but not 平均每个项目, whose 每个 belongs to 平均每个."""
    for cue in GROUP_CUES:
        start = position - len(cue)
        if start >= 0 and parts.text.startswith(cue, start):
            return not any(m.start <= start < m.end for m in parts.matches)
    return False
