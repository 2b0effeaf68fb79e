"""From what a question names (parser.Parts) to a Query: the metric, years, filters and shape."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.ask.lexicon import Lexicon
from lingji.domain.ask.query import (
    Aggregate,
    Condition,
    Dimension,
    Filters,
    Metric,
    Order,
    Query,
    Unanswerable,
)
from lingji.domain.ask.vocabulary import FILLER_WORDS, SUGGESTIONS, WEAK_SURFACES

if TYPE_CHECKING:
    from lingji.domain.ask.numbers import Threshold
    from lingji.domain.ask.parser import Parts

#: metrics of earlier years (the history sheets): their default year is the newest such year
HISTORY_METRICS = frozenset(
    {Metric.BUDGET, Metric.EXECUTED, Metric.EXECUTION_RATE, Metric.EVAL_SCORE}
)
MONEY_METRICS = frozenset(
    {
        Metric.REQUESTED, Metric.SUGGESTED, Metric.CUT, Metric.BUDGET, Metric.EXECUTED,
        Metric.SANGONG, Metric.SANGONG_OVERSEAS, Metric.SANGONG_RECEPTION,
        Metric.SANGONG_VEHICLE, Metric.SANGONG_VEHICLE_RUNNING,
        Metric.SANGONG_VEHICLE_PURCHASE, Metric.LINE_AMOUNT, Metric.FINDING_EXCESS,
    }
)  # fmt: skip
SANGONG_PARTS = frozenset(
    {
        Metric.SANGONG_OVERSEAS, Metric.SANGONG_RECEPTION, Metric.SANGONG_VEHICLE,
        Metric.SANGONG_VEHICLE_RUNNING, Metric.SANGONG_VEHICLE_PURCHASE,
    }
)  # fmt: skip
#: metrics a count question keeps (a count of findings, of units, of vehicles ...)
COUNT_METRICS = frozenset(
    {
        Metric.PROJECT_COUNT, Metric.UNIT_COUNT, Metric.DEPARTMENT_COUNT, Metric.FINDING_COUNT,
        Metric.FLAGGED_PROJECT_COUNT, Metric.VEHICLES, Metric.STAFF_QUOTA,
        Metric.STAFF_ACTUAL, Metric.CONTRACT_STAFF,
    }
)  # fmt: skip
#: the filter a share drops for its denominator, most specific first
SHARE_ORDER = (
    "grades", "eval_ratings", "severities", "finding_codes", "project_types", "categories",
    "continuing", "econ_codes", "project_codes", "units",
)  # fmt: skip
_FILTER_FIELDS = {
    "unit": "unit_codes", "department": "departments", "project": "project_codes",
    "project_type": "project_types", "category": "categories", "econ": "econ_codes",
    "grade": "grades", "eval_rating": "eval_ratings", "severity": "severities",
    "finding": "finding_codes",
}  # fmt: skip
#: filter fields that say whose figures (a unit, a department, a project) count as one family
_FAMILY = {"unit_codes": "units", "departments": "units", "project_codes": "units"}
_FILLER = "|".join(FILLER_WORDS) + "|[一二两三四五六七八九十百千\\d]+(?:个|名|家|项)?"
_FILLERS = re.compile(f"^({_FILLER})+|({_FILLER})+$")
_FINDING_DIMENSIONS = frozenset({Dimension.FINDING_CODE, Dimension.SEVERITY})


def default_year(metric: Metric, lexicon: Lexicon) -> int:
    return lexicon.newest_history_year if metric in HISTORY_METRICS else lexicon.budget_year


def resolve(parts: Parts, lexicon: Lexicon) -> Query | Unanswerable:
    """The Query a question asks for, or why it cannot be read."""
    filters = read_filters(parts, lexicon)
    metric, conditions = choose_metric(parts, filters)
    if metric is None:
        return Unanswerable(
            "没有识别出要查询的指标（如申报金额、预算数、执行率、项目数、三公经费）。", SUGGESTIONS
        )
    years = choose_years(parts, lexicon, metric)
    filters, share_of, share_base = share_parts(parts, filters, metric, named_group(parts))
    group_by, top_n, order, aggregate = choose_shape(parts, filters, metric, years, conditions)
    metric = fit_metric(metric, group_by)
    if share_of is None and parts.share and group_by is not None:
        share_of = "groups"
    position = parts.position and group_by is None
    return Query(
        metric=metric,
        years=years,
        filters=filters,
        group_by=group_by,
        aggregate=aggregate,
        top_n=top_n,
        order=order,
        share_of=share_of,
        share_base=share_base,
        yoy=parts.yoy and metric is not Metric.CUT,
        yoy_rate=parts.yoy_rate and metric is not Metric.CUT,
        conditions=conditions,
        also=also_metrics(parts, metric, conditions),
        position=position,
    )


def also_metrics(
    parts: Parts, metric: Metric, conditions: tuple[Condition, ...]
) -> tuple[Metric, ...]:
    """预算数和执行数: the metrics named beside the first, joined by 和/与/及/、."""
    judged = {c.metric for c in conditions}
    named = [(p, m, s) for p, m, s in parts.metrics if s not in WEAK_SURFACES]
    named = [(p, m, s) for p, m, s in named if m not in judged and m is not metric]
    if not named or metric is Metric.CUT or parts.yoy:
        return ()
    joined = [m for p, m, _ in named if re.search(r"[和与及、跟以及,，]$", parts.text[:p])]
    return tuple(dict.fromkeys(joined))


def fit_metric(metric: Metric, group_by: Dimension | None) -> Metric:
    """Amounts by economic code are detail-line amounts (今年哪个经济科目金额最大)."""
    if group_by is Dimension.ECON_CODE and metric in (
        Metric.REQUESTED, Metric.BUDGET, Metric.EXECUTED,
    ):  # fmt: skip
        return Metric.LINE_AMOUNT
    return metric


def read_filters(parts: Parts, lexicon: Lexicon) -> Filters:
    values: dict[str, Any] = {}
    for kind, field_name in _FILTER_FIELDS.items():
        if parts.filters.get(kind):
            values[field_name] = tuple(parts.filters[kind])
    grades = re.findall(r"([ABCD])(?=[、,和及与/或]([ABCD])[级类等档])", parts.text)
    if grades:
        listed = [g for pair in grades for g in pair]
        values["grades"] = tuple(dict.fromkeys([*listed, *values.get("grades", ())]))
    continuing = parts.filters.get("continuing")
    if continuing and len(continuing) == 1:
        values["continuing"] = continuing[0] == "true"
    if "project_codes" not in values:
        named = _projects_by_fragment(parts, lexicon, values.get("unit_codes"))
        if named:
            values["project_codes"] = named
    return Filters(**values)


def project_fragments(parts: Parts) -> list[str]:
    """What stands before 项目 that no known word covers: '便民热线' in 便民热线项目."""
    fragments = []
    for match in parts.matches:
        if match.surface != "项目" or not match.start:
            continue
        start = max((end for _, end in parts.spans if end <= match.start), default=0)
        fragment = _FILLERS.sub("", parts.text[start : match.start])
        if len(fragment) >= 2:
            fragments.append(fragment)
    return fragments


def _projects_by_fragment(parts: Parts, lexicon: Lexicon, unit_codes: object) -> tuple[str, ...]:
    """'便民热线项目' names the project whose name holds 便民热线 (within the named units)."""
    for fragment in project_fragments(parts):
        codes = lexicon.projects_named(fragment)
        if isinstance(unit_codes, tuple) and unit_codes:
            inside = [c for c in codes if lexicon.project_units.get(c) in unit_codes]
            codes = inside or codes
        if 0 < len(codes) <= 20:
            return tuple(codes)
    return ()


def choose_metric(parts: Parts, filters: Filters) -> tuple[Metric | None, tuple[Condition, ...]]:
    """The metric asked for, and the conditions on figures (超过100万的项目)."""
    metrics = [(pos, metric) for pos, metric, surface in parts.metrics]
    strong = [(p, m) for p, m, s in parts.metrics if s not in WEAK_SURFACES]
    if strong:
        metrics = strong
    conditions = []
    for threshold in parts.thresholds:
        condition, used = _condition(parts, threshold, metrics)
        conditions.append(condition)
        if used is not None and len(metrics) > 1:
            metrics = [pm for pm in metrics if pm != used]
    return _main_metric(parts, filters, metrics, bool(conditions)), tuple(conditions)


def _main_metric(
    parts: Parts, filters: Filters, metrics: list[tuple[int, Metric]], conditioned: bool
) -> Metric | None:
    present = {m for _, m in metrics}
    if Metric.CUT_RATE in present:
        return Metric.CUT_RATE
    if Metric.CUT in present or (
        {Metric.REQUESTED, Metric.SUGGESTED} <= present
        and (parts.yoy or re.search("差|少|减", parts.text))
    ):
        return Metric.CUT
    if parts.count is not None:
        noun = _noun_near(parts, parts.count)
        kept = [m for _, m in metrics if m in COUNT_METRICS]
        if kept:
            return kept[0]
        if noun is Dimension.UNIT:
            return Metric.UNIT_COUNT
        if noun is Dimension.DEPARTMENT:
            return Metric.DEPARTMENT_COUNT
        if filters.severities or filters.finding_codes or noun is Dimension.FINDING_CODE:
            return Metric.FINDING_COUNT
        return Metric.PROJECT_COUNT
    if metrics:
        metric = metrics[0][1]
        parts_named = [m for _, m in metrics if m in SANGONG_PARTS]
        if metric is Metric.SANGONG and parts_named:
            metric = parts_named[0]
        if filters.econ_codes and metric in (Metric.REQUESTED, Metric.BUDGET, Metric.EXECUTED):
            metric = Metric.LINE_AMOUNT
        return metric
    if filters.econ_codes:
        return Metric.LINE_AMOUNT
    grouped = {d for _, d in parts.groups}
    if filters.severities or filters.finding_codes or grouped & _FINDING_DIMENSIONS:
        return Metric.FINDING_COUNT
    if _counts_projects(parts):
        return Metric.PROJECT_COUNT
    if conditioned:
        return _default_money(filters)
    if parts.amount or parts.superlative or parts.ranking or parts.aggregate == "list":
        return _default_money(filters)
    if parts.which or parts.groups:
        return _default_money(filters)
    if parts.share and not filters.without("unit_codes", "departments").is_empty():
        # 新增项目占比, A级项目占比: a share of projects
        return Metric.PROJECT_COUNT
    return None


def _counts_projects(parts: Parts) -> bool:
    """项目最多的单位, 哪个单位的项目最多: 最多/最少 said of projects counts them."""
    if parts.superlative is None or parts.amount:
        return False
    position = parts.superlative[0]
    word = next((m.surface for m in parts.matches if m.start == position), "")
    before = [d for p, d in parts.nouns if p < position]
    return ("多" in word or "少" in word) and bool(before) and before[-1] is Dimension.PROJECT


def _default_money(filters: Filters) -> Metric:
    """An amount without a metric: 申报金额, or 预算数 where only history can answer."""
    return Metric.BUDGET if filters.eval_ratings else Metric.REQUESTED


def _condition(
    parts: Parts, threshold: Threshold, metrics: list[tuple[int, Metric]]
) -> tuple[Condition, tuple[int, Metric] | None]:
    before = [pm for pm in metrics if pm[0] < threshold.start]
    candidates = list(reversed(before)) + [pm for pm in metrics if pm not in before]
    if threshold.unit == "percent":
        wanted = {Metric.EXECUTION_RATE}
        fallback = Metric.EXECUTION_RATE
    elif threshold.unit == "score":
        wanted = {Metric.SCORE, Metric.EVAL_SCORE}
        fallback = Metric.SCORE
    elif threshold.unit == "count":
        wanted = set(COUNT_METRICS)
        fallback = Metric.PROJECT_COUNT
    else:
        wanted = set(MONEY_METRICS)
        fallback = Metric.REQUESTED
    used = next((pm for pm in candidates if pm[1] in wanted), None)
    if used is None and threshold.unit == "percent":
        used = next((pm for pm in candidates if pm[1] in HISTORY_METRICS), None)
        used = (used[0], Metric.EXECUTION_RATE) if used else None
    metric = used[1] if used else fallback
    per = _noun_near(parts, threshold.end) or Dimension.PROJECT
    if per not in (Dimension.UNIT, Dimension.PROJECT, Dimension.DEPARTMENT):
        per = Dimension.PROJECT
    return Condition(metric, threshold.op, Decimal(threshold.value), per), used


def _noun_near(parts: Parts, position: int) -> Dimension | None:
    """The noun a ranking or count is about: the first after the position, else the last
    before it."""
    after = [d for p, d in parts.nouns if p >= position]
    if after:
        return after[0]
    before = [d for p, d in parts.nouns if p < position]
    return before[-1] if before else None


def choose_years(parts: Parts, lexicon: Lexicon, metric: Metric) -> tuple[int, ...]:
    explicit = list(parts.years) + [lexicon.budget_year + o for o in parts.year_offsets]
    explicit = sorted(dict.fromkeys(explicit))
    end = explicit[-1] if explicit else default_year(metric, lexicon)
    if not explicit and not parts.recent and any(d is Dimension.YEAR for _, d in parts.groups):
        # 历年 / 各年: every year the data holds for the metric
        past = list(lexicon.history_years)
        explicit = past if metric in HISTORY_METRICS else [*past, lexicon.budget_year]
    if parts.recent:
        explicit = list(range(end - parts.recent + 1, end + 1))
    if parts.yoy and metric is not Metric.CUT:
        if len(explicit) >= 2:
            return tuple(explicit)
        base = re.search(r"(?:比|较|与|和|同)(\d{4})年?", parts.text)
        if explicit and base and int(base.group(1)) == explicit[0]:
            return (explicit[0], default_year(metric, lexicon))
        return (end - 1, end)
    return tuple(explicit)


def named_group(parts: Parts) -> Dimension | None:
    """The grouping the question itself asks for (各单位, 哪个单位, 最高的项目, 前三的项目类型)."""
    if parts.groups:
        return parts.groups[0][1]
    if parts.which:
        noun = _noun_near(parts, parts.which[0])
        if noun is not None:
            return noun
    if parts.superlative:
        return _noun_near(parts, parts.superlative[0])
    if parts.top:
        return _noun_near(parts, parts.top[3])
    if parts.aggregate == "list":
        return _noun_near(parts, 0)
    return None


def choose_shape(
    parts: Parts,
    filters: Filters,
    metric: Metric,
    years: tuple[int, ...],
    conditions: tuple[Condition, ...] = (),
) -> tuple[Dimension | None, int | None, Order, Aggregate]:
    """(group by, top N, order, aggregate) of a question."""
    aggregate = Aggregate.AVG if parts.aggregate == "avg" else Aggregate.SUM
    order = Order.DESC
    group = named_group(parts)
    if group is None and conditions and _ends_with_noun(parts, conditions[0].per):
        # 执行率低于90%的单位: the units are asked for
        if parts.count is None and parts.aggregate not in ("sum", "avg"):
            group, aggregate = conditions[0].per, Aggregate.LIST
    top_n = None
    if parts.top:
        top_n, direction, _, _ = parts.top
        order = Order(direction)
    if parts.superlative:
        order = parts.superlative[1] if not parts.top else order
        top_n = top_n or (5 if parts.which and parts.which[1] == "many" else 1)
    if parts.ranking and not parts.superlative:
        order = parts.ranking
    if parts.which and parts.which[1] == "many" and top_n is None:
        aggregate = Aggregate.LIST
    if parts.aggregate == "list":
        aggregate = Aggregate.LIST
        group = group or Dimension.PROJECT
    if (top_n or parts.ranking or aggregate is Aggregate.LIST) and group is None:
        group = _default_ranked(filters, metric)
    if group is None and parts.aggregate != "sum":
        group = _multi_valued(filters, years, parts.yoy)
        econ_words = sum(1 for m in parts.matches if any(t.kind.value == "econ" for t in m.terms))
        if group is Dimension.ECON_CODE and econ_words < 2:
            group = None
    if group is Dimension.FINDING_CODE and metric not in (
        Metric.FINDING_COUNT, Metric.FLAGGED_PROJECT_COUNT, Metric.FINDING_EXCESS,
    ):  # fmt: skip
        group = None
    if group is Dimension.SANGONG_PART and metric not in (Metric.SANGONG, *SANGONG_PARTS):
        group = None
    return group, top_n, order, aggregate


def _ends_with_noun(parts: Parts, dimension: Dimension) -> bool:
    last = max(parts.matches, key=lambda m: m.end, default=None)
    return bool(parts.nouns) and last is not None and parts.nouns[-1] == (last.start, dimension)


def _default_ranked(filters: Filters, metric: Metric) -> Dimension:
    if metric in (Metric.FINDING_COUNT, Metric.FLAGGED_PROJECT_COUNT, Metric.FINDING_EXCESS):
        return Dimension.UNIT
    if metric is Metric.SANGONG or metric in SANGONG_PARTS:
        return Dimension.UNIT
    if len(filters.unit_codes) == 1 or filters.departments:
        return Dimension.PROJECT
    return Dimension.UNIT


def _multi_valued(filters: Filters, years: tuple[int, ...], yoy: bool) -> Dimension | None:
    for field_name, dimension in (
        ("unit_codes", Dimension.UNIT), ("departments", Dimension.DEPARTMENT),
        ("project_types", Dimension.PROJECT_TYPE), ("econ_codes", Dimension.ECON_CODE),
        ("grades", Dimension.GRADE), ("eval_ratings", Dimension.EVAL_RATING),
        ("severities", Dimension.SEVERITY), ("finding_codes", Dimension.FINDING_CODE),
        ("categories", Dimension.CATEGORY), ("project_codes", Dimension.PROJECT),
    ):  # fmt: skip
        if len(getattr(filters, field_name)) > 1:
            return dimension
    if len(years) > 1 and not yoy:
        return Dimension.YEAR
    return None


def share_parts(
    parts: Parts, filters: Filters, metric: Metric, group_by: Dimension | None
) -> tuple[Filters, str | None, Filters | None]:
    """(the numerator's filters, share_of, the denominator's filters when named after 占:
    教育局申报金额占教育系统的比重, 培训费占会议费的比例)."""
    if not parts.share:
        return filters, None, None
    at = next((m.start() for m in re.finditer("占(?!比)", parts.text)), None)
    after: dict[str, list[str]] = {}
    before: dict[str, list[str]] = {}
    for match in parts.matches:
        for term in match.terms:
            name = _FILTER_FIELDS.get(term.kind.value)
            if name is not None:
                side = after if at is not None and match.start > at else before
                side.setdefault(name, []).append(term.value)
    if not after:
        return filters, choose_share(parts, filters, metric, group_by), None
    base = Filters().with_values(
        {name: tuple(dict.fromkeys(values)) for name, values in after.items()}
    )
    families = {_FAMILY.get(name, name) for name in before}
    # what both sides name, the numerator takes from before 占 only
    numerator = {
        name: tuple(dict.fromkeys(before.get(name, ())))
        for name in after
        if _FAMILY.get(name, name) in families
    }
    return filters.with_values(numerator), "base", base


def choose_share(
    parts: Parts, filters: Filters, metric: Metric, group_by: Dimension | None
) -> str | None:
    if not parts.share:
        return None
    if metric in SANGONG_PARTS and any(m is Metric.SANGONG for _, m, _ in parts.metrics):
        return "sangong"
    if group_by is not None:
        return "groups"
    if parts.all_units and filters.names_units():
        return "units"
    if parts.thresholds:
        # 申报金额超过100万的项目占比: of all projects
        return "conditions"
    for name in SHARE_ORDER:
        if name == "units":
            if filters.names_units():
                return "units"
        elif getattr(filters, name) not in ((), None):
            return name
    return None
