"""Reasonable unit-cost ranges per item class and measure, learned from the round's 历史明细.

Each history line's unit cost (单价, else 金额 ÷ count) joins the groups of its name and of
its shorter forms (classify.class_keys) under its measure. A group's range is robust: the
rule set's low and high percentiles (P10-P90 by default) with the upper fence Q3 + k × IQR;
a unit cost above max(high percentile, fence) is unusual. A group with fewer lines than the
rule set's minimum is 样本不足 and gives no range, never a guess. Ranges are recomputed from
whatever history the round holds, at every review.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lingji.domain.models import HistoryLineGroup
from lingji.domain.standards.classify import NgramIndex, class_keys, normalize_name
from lingji.domain.standards.measures import measure_key

PRICE_PLACES = Decimal("0.0001")


@dataclass(frozen=True, slots=True)
class RangeSettings:
    min_samples: int
    low_percentile: Decimal
    high_percentile: Decimal
    fence_k: Decimal
    min_similarity: float

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> RangeSettings:
        """From the rule set's M02 section."""
        return cls(
            min_samples=int(params["min_samples"]),
            low_percentile=Decimal(str(params["low_percentile"])),
            high_percentile=Decimal(str(params["high_percentile"])),
            fence_k=Decimal(str(params["iqr_fence_k"])),
            min_similarity=float(params["min_name_similarity"]),
        )


@dataclass(frozen=True, slots=True)
class LearnedRange:
    """The unit costs history shows for one item class and measure."""

    item_class: str
    measure: str
    #: the measure as written in history, for messages: 份, 人天, 平方米·月
    label: str
    sample_size: int
    years: tuple[int, ...]
    low_percentile: Decimal
    high_percentile: Decimal
    #: None when the sample is too small (样本不足), except the median
    low: Decimal | None = None
    q1: Decimal | None = None
    median: Decimal | None = None
    q3: Decimal | None = None
    high: Decimal | None = None
    fence: Decimal | None = None
    #: above this a unit cost is unusual: max(high, fence)
    upper: Decimal | None = None

    @property
    def sufficient(self) -> bool:
        return self.upper is not None

    def evidence(self) -> dict[str, Any]:
        def text(value: Decimal | None) -> str | None:
            return None if value is None else str(value)

        return {
            "item_class": self.item_class,
            "measure": self.label,
            "sample_size": self.sample_size,
            "years": list(self.years),
            f"p{self.low_percentile:f}": text(self.low),
            "p25": text(self.q1),
            "p50": text(self.median) if self.sufficient else None,
            "p75": text(self.q3),
            f"p{self.high_percentile:f}": text(self.high),
            "iqr_fence": text(self.fence),
            "upper": text(self.upper),
        }


@dataclass(frozen=True, slots=True)
class RangeLookup:
    range: LearnedRange
    #: 同名明细, 同类明细 (a shorter form of the name) or 相近名称 (nearest class by n-grams)
    via: str
    similarity: float | None = None


class _Prices:
    """Unit costs of a group as counts per distinct value: prices sit on few distinct values."""

    __slots__ = ("counts", "years", "labels")

    def __init__(self) -> None:
        #: unit cost as written ('900.0000') -> lines; equal values may appear under two spellings
        self.counts: Counter[str] = Counter()
        self.years: set[int] = set()
        self.labels: Counter[str] = Counter()

    def add(self, other: _Prices) -> None:
        self.counts.update(other.counts)
        self.years |= other.years
        self.labels.update(other.labels)


def _percentile(values: list[Decimal], ends: list[int], share: Decimal) -> Decimal:
    """Linear interpolation between order statistics (the common 'type 7' definition).

    `values` are the distinct unit costs in order; `ends[i]` is how many costs are <= values[i].
    """
    n = ends[-1]
    position = (n - 1) * share
    below = int(position)

    def order(k: int) -> Decimal:
        return values[bisect_right(ends, k)]

    low, high = order(below), order(min(below + 1, n - 1))
    return (low + (high - low) * (position - below)).quantize(PRICE_PLACES)


def learned_range(key: tuple[str, str], prices: _Prices, settings: RangeSettings) -> LearnedRange:
    """The range of one group, or its sample size alone when it is too small."""
    n = sum(prices.counts.values())
    item_class, measure = key
    label = prices.labels.most_common(1)[0][0]
    years = tuple(sorted(prices.years))
    low_p, high_p = settings.low_percentile, settings.high_percentile
    counted = sorted((Decimal(text), k) for text, k in prices.counts.items())
    values = [value for value, _ in counted]
    ends, running = [], 0
    for _, k in counted:
        running += k
        ends.append(running)
    if n < settings.min_samples:
        # the median only decides whether a broader class speaks for this one; no range is given
        median = _percentile(values, ends, Decimal("0.5"))
        return LearnedRange(item_class, measure, label, n, years, low_p, high_p, median=median)
    low, q1, median, q3, high = (
        _percentile(values, ends, Decimal(p) / 100) for p in (low_p, 25, 50, 75, high_p)
    )
    fence = (q3 + settings.fence_k * (q3 - q1)).quantize(PRICE_PLACES)
    return LearnedRange(
        item_class, measure, label, n, years, low_p, high_p,
        low, q1, median, q3, high, fence, max(high, fence),
    )  # fmt: skip


class LearnedRanges:
    """Ranges for every item class and measure of the history, and the lookup for a line."""

    def __init__(self, groups: Mapping[tuple[str, str], LearnedRange], settings: RangeSettings):
        self.settings = settings
        self._groups = dict(groups)
        # heads with a usable range, per measure: the candidates for a name history never used
        heads: dict[str, list[str]] = defaultdict(list)
        for (item_class, measure), found in self._groups.items():
            if found.sufficient and "（" not in item_class:
                heads[measure].append(item_class)
        self._heads = {m: NgramIndex(names) for m, names in heads.items()}
        self._cache: dict[tuple[str, str], RangeLookup | None] = {}

    @classmethod
    def learn(cls, history: Iterable[HistoryLineGroup], settings: RangeSettings) -> LearnedRanges:
        """Groups the history lines' unit costs by name and measure, then by shorter names."""
        # history runs to millions of lines on a few thousand names and units: the lines
        # arrive counted (standards/history.py), one group per name, measure, year and cost
        costs: dict[tuple, Counter[str]] = defaultdict(Counter)
        for group in history:
            cost = group.unit_cost
            if cost is None or cost <= 0:
                continue
            # counted by their text: hashing Decimals is several times slower at this volume
            costs[
                (
                    group.item_name,
                    group.unit,
                    group.has_persons,
                    group.has_days,
                    group.has_quantity,
                    group.year,
                )
            ][str(cost)] += group.lines
        by_name: dict[tuple[str, str], _Prices] = defaultdict(_Prices)
        for (name, unit, persons, days, quantity, year), counted in costs.items():
            measure = measure_key(unit, persons, days, quantity) if name else None
            if measure is None:
                continue
            prices = by_name[(name, measure[0])]
            prices.counts.update(counted)
            prices.labels[measure[1]] += sum(counted.values())
            if year is not None:
                prices.years.add(year)
        groups: dict[tuple[str, str], _Prices] = defaultdict(_Prices)
        for (name, normalised), prices in by_name.items():
            for key in class_keys(name):
                groups[(key, normalised)].add(prices)
        return cls({k: learned_range(k, p, settings) for k, p in groups.items()}, settings)

    def ranges(self) -> list[LearnedRange]:
        return [self._groups[k] for k in sorted(self._groups)]

    def lookup(self, item_name: str, measure: str) -> RangeLookup | None:
        """The range for a name: its own, else its shortest-enough form's, else a similar name's.

        A group too small to trust is returned (so the caller can say 样本不足) only when no
        sufficient one exists.
        """
        key = (item_name, measure)
        if key not in self._cache:
            self._cache[key] = self._lookup(item_name, measure)
        return self._cache[key]

    def _lookup(self, item_name: str, measure: str) -> RangeLookup | None:
        keys = class_keys(item_name)
        found = [(k, g) for k in keys if (g := self._groups.get((k, measure))) is not None]
        if not found:
            return self._similar(keys[-1] if keys else normalize_name(item_name), measure)
        anchor_key, anchor = found[0]
        own = RangeLookup(anchor, "同名明细" if anchor_key == keys[0] else "同类明细")
        if anchor.sufficient:
            return own
        broader = next((g for _, g in found[1:] if g.sufficient), None)
        # a few lines of the name's own history decide whether a broader class speaks for it:
        # 讲课费（正高级职称） at 850 does not belong to a 讲课费 class of 副高 rates around 400
        if broader is None or anchor.median is None:
            return own
        assert broader.low is not None and broader.upper is not None  # sufficient
        if broader.low <= anchor.median <= broader.upper:
            return RangeLookup(broader, "同类明细")
        return own

    def _similar(self, head: str, measure: str) -> RangeLookup | None:
        index = self._heads.get(measure)
        nearest = index.nearest(head) if index else []
        if not nearest or nearest[0][0] < self.settings.min_similarity:
            return None
        score, other = nearest[0]
        return RangeLookup(self._groups[(other, measure)], "相近名称", round(score, 3))
