"""Questions in a session: 那县卫生健康局呢, 按项目类型分呢, 去年呢, 执行率呢, 其中阻断的有几个,
这个单位有几个项目.

A question that names what to measure and something more (whose figures, a year, a filter,
a ranking: 教育局今年申报多少, 今年三公经费最多的三个单位) stands alone. Any other question in a
session continues the last one (…呢, 那…, 它, 其中, or only 有几个项目 / 去年): what it names
replaces the same part of the previous Query (a unit the units, a year the years, a
grouping the grouping, a metric the metric, a filter its own kind), and the rest is kept.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from lingji.domain.ask import resolve as r
from lingji.domain.ask.lexicon import Lexicon
from lingji.domain.ask.query import Aggregate, Dimension, Filters, Metric, Query
from lingji.domain.ask.vocabulary import FOLLOW_UP_ENDINGS, FOLLOW_UP_OPENINGS, PRONOUNS

if TYPE_CHECKING:
    from lingji.domain.ask.parser import Parts

_MARKERS = re.compile(
    "^(" + "|".join(FOLLOW_UP_OPENINGS) + "|那(?!些))|(" + "|".join(FOLLOW_UP_ENDINGS) + ")$"
)
#: the filter fields a dimension pins; naming one value of it ends a grouping by it
_PINS = {
    Dimension.UNIT: ("unit_codes",),
    Dimension.DEPARTMENT: ("departments", "unit_codes"),
    Dimension.PROJECT: ("project_codes",),
    Dimension.PROJECT_TYPE: ("project_types",),
    Dimension.CATEGORY: ("categories",),
    Dimension.ECON_CODE: ("econ_codes",),
    Dimension.GRADE: ("grades",),
    Dimension.EVAL_RATING: ("eval_ratings",),
    Dimension.SEVERITY: ("severities",),
    Dimension.FINDING_CODE: ("finding_codes",),
}
#: filters only the budget year's review has; a question about history years drops them
_REVIEW_ONLY = ("grades", "severities", "finding_codes", "categories", "continuing")


def is_followup(parts: Parts) -> bool:
    """Marked as one (…呢, 那…, 它, 其中), naming no figure (去年, 按项目类型分), or naming
    only a figure (有几个项目, 申报了多少钱): anything more and the question stands alone."""
    if _MARKERS.search(parts.text) or any(p in parts.text for p in PRONOUNS):
        return True
    names_figure = bool(
        parts.metrics
        or parts.count is not None
        or parts.filters.get("econ")
        or parts.filters.get("severity")
        or parts.filters.get("finding")
    )
    if not names_figure:
        return True
    says_more = bool(
        parts.all_units
        or any(parts.filters.get(k) for k in parts.filters if k not in ("econ",))
        or parts.groups
        or parts.which
        or parts.superlative
        or parts.top
        or parts.ranking
        or parts.years
        or parts.year_offsets
        or parts.recent
        or parts.thresholds
        or parts.share
        or parts.yoy
    )
    return not says_more


def points_back(parts: Parts) -> bool:
    """它, 这个单位, 他们: the question points at something named before."""
    return any(p in parts.text for p in PRONOUNS if p not in ("其中", "上述"))


def merge(previous: Query, parts: Parts, lexicon: Lexicon) -> Query:
    """The previous Query with what the follow-up names changed."""
    named = r.read_filters(parts, lexicon)
    metric, conditions = r.choose_metric(parts, named)
    judged = {c.metric for c in conditions}
    explicit_metric = (
        any(m not in judged for _, m, _ in parts.metrics)
        or parts.count is not None
        or bool(named.econ_codes)
    )
    if not explicit_metric or metric is None:
        metric = previous.metric
    marked = bool(_MARKERS.search(parts.text))
    among = None if named.names_units() else previous.among
    base = previous
    if (
        points_back(parts)
        and previous.top_n
        and previous.group_by in (Dimension.UNIT, Dimension.PROJECT)
        and not named.names_units()
    ):
        # 这个单位有几个项目: the units the last ranking found
        among, base = previous, Query(metric=previous.metric, years=previous.years)
    filters = _merge_filters(base.filters, named, parts)
    if _family(metric) != _family(base.metric):
        named_now = _named_fields(named)
        filters = filters.without(*(f for f in _REVIEW_ONLY if f not in named_now))
    if parts.years or parts.year_offsets or parts.recent:
        years = r.choose_years(parts, lexicon, metric)
        if base.yoy and not parts.yoy and len(years) == 1:
            years = (years[0] - 1, years[0])
    elif parts.yoy and len(base.years) < 2:
        # 比去年增长多少 / 增长率呢, said of the last figure
        end = base.years[-1] if base.years else r.default_year(metric, lexicon)
        years = (end - 1, end)
    elif _family(metric) != _family(base.metric):
        years = ()
    else:
        years = base.years
    group_by, top_n, order, aggregate = base.group_by, base.top_n, base.order, base.aggregate
    if parts.aggregate == "sum" and not (parts.groups or parts.which or parts.superlative):
        group_by, top_n, aggregate = None, None, Aggregate.SUM
    elif parts.groups or parts.which or parts.superlative or parts.top or parts.aggregate:
        shape = r.choose_shape(parts, filters, metric, years)
        group_by = r.named_group(parts) or group_by or shape[0]
        top_n = shape[1] if (parts.top or parts.superlative) else top_n
        order = shape[2] if (parts.top or parts.superlative or parts.ranking) else order
        aggregate = shape[3] if parts.aggregate or parts.which else aggregate
    if (
        group_by in (Dimension.UNIT, Dimension.DEPARTMENT)
        and (parts.groups or parts.which or parts.superlative)
        and not named.names_units()
        and len(filters.unit_codes) == 1
        and not filters.departments
    ):
        # 哪个单位最多 after a question about one unit: rank all units again
        filters = replace(filters, unit_codes=(), project_codes=())
    if group_by is not None and any(
        len(getattr(named, name)) == 1 for name in _PINS.get(group_by, ())
    ):
        group_by, top_n = None, None
    share_base = base.share_base if marked else None
    if parts.share:
        filters, share_of, share_base = r.share_parts(parts, filters, metric, group_by)
    else:
        share_of = base.share_of if marked else None
    metric = r.fit_metric(metric, group_by)
    yoy = (parts.yoy or base.yoy) and len(years) > 1
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
        yoy=yoy,
        yoy_rate=yoy and (parts.yoy_rate or (base.yoy_rate and not parts.yoy)),
        conditions=conditions if parts.thresholds else base.conditions,
        among=among,
        also=r.also_metrics(parts, metric, conditions) if explicit_metric else base.also,
        position=parts.position or (base.position and marked),
    )


def _family(metric: Metric) -> str:
    return "history" if metric in r.HISTORY_METRICS else "budget"


def _named_fields(named: Filters) -> set[str]:
    return {name for name, value in named.to_dict().items() if value}


def _merge_filters(previous: Filters, named: Filters, parts: Parts) -> Filters:
    filters = previous
    if (parts.all_units and not parts.share) or named.unit_codes or named.departments:
        filters = replace(
            filters,
            unit_codes=named.unit_codes,
            departments=named.departments,
            project_codes=named.project_codes,
        )
    elif named.project_codes:
        filters = replace(filters, project_codes=named.project_codes)
    changes = {
        name: getattr(named, name)
        for name in (
            "project_types",
            "categories",
            "econ_codes",
            "grades",
            "eval_ratings",
            "severities",
            "finding_codes",
        )  # fmt: skip
        if getattr(named, name)
    }
    if named.continuing is not None:
        changes["continuing"] = named.continuing
    return replace(filters, **changes) if changes else filters
