"""An expenditure standard (支出标准) as data: what it limits, per which measure, and where it comes from."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from lingji.domain.standards.measures import basis_measure


class Trust(StrEnum):
    """How far a figure can be trusted (shared/reference/domain-facts.md)."""

    #: an official document, or an authoritative reprint of it
    OFFICIAL = "官"
    #: a second-hand page whose figures agree with the official ones; verify before relying on it
    SECONDARY = "二"
    #: a low-quality source: a lead only
    WEAK = "弱"
    #: the bureau's own 支出标准 sheet, with its own 来源文号
    BUREAU = "本地"


class Origin(StrEnum):
    #: shipped with Lingji (domain/standards/official.py)
    OFFICIAL = "官方标准"
    #: from the round's 支出标准 sheet; adds to or overrides the official ones
    BUREAU = "本地标准"


@dataclass(frozen=True, slots=True)
class Category:
    """A class of a standard with its own limit (一类会议 760 元/人天)."""

    label: str
    limit: Decimal
    #: words in a line's name, basis or project name that state this category
    markers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DayRule:
    """Days beyond `after` are allowed at `ratio` of the limit (training: after 30 days, 70%).

    `half_day_ratio`: a half day is allowed at this share of a day (expert fees: 60%).
    """

    after: Decimal
    ratio: Decimal
    half_day_ratio: Decimal | None = None

    def allowed_days(self, days: Decimal) -> Decimal:
        """The number of full-rate days the limit allows for `days` days."""
        if self.half_day_ratio is not None and days == Decimal("0.5"):
            return self.half_day_ratio
        extra = max(days - self.after, Decimal(0))
        return min(days, self.after) + extra * self.ratio

    def describe(self) -> str:
        return f"超过{self.after.normalize():f}天的部分按{self.ratio * 100:.0f}%计"


@dataclass(frozen=True, slots=True)
class Standard:
    """One expenditure standard: a limit per measure, for items named by keywords."""

    code: str
    #: short name used in messages: 会议费综合定额
    name: str
    #: 元/人天, 元/台, 元/平方米·月, 元/万元建设投资 ...
    basis: str
    trust: Trust
    #: the single limit; None when the standard has categories
    limit: Decimal | None = None
    categories: tuple[Category, ...] = ()
    #: the category applied when a line states none; None: the most lenient one
    default_category: str | None = None
    #: what the categories tell apart, for messages: 会议类别, 职称类别
    category_kind: str = ""
    #: a line's name must contain one of these ...
    keywords: tuple[str, ...] = ()
    #: ... and all of these ...
    all_of: tuple[str, ...] = ()
    #: ... and none of these
    excludes: tuple[str, ...] = ()
    #: a keyword hit counts only if the name also has one of these, or the line its economic code
    context_words: tuple[str, ...] = ()
    econ_code: str | None = None
    #: a keyword hit counts only under this economic code (declared, or predicted from the name)
    econ_required: bool = False
    #: a line under this economic code counts even without a keyword, if its measure matches
    econ_fallback: bool = False
    day_rule: DayRule | None = None
    #: the source document's title and 文号 (None where not verified)
    title: str | None = None
    doc_no: str | None = None
    effective_from: dt.date | None = None
    #: where the figures were found (domain-facts.md), for the reviewer to verify
    sources: tuple[str, ...] = ()
    note: str = ""
    origin: Origin = Origin.OFFICIAL
    region: str | None = None

    @property
    def measure(self) -> str:
        return basis_measure(self.basis)

    @property
    def unit_label(self) -> str:
        """'元/人天' -> '人天', for '760元/人天'."""
        return self.basis.replace("／", "/").partition("/")[2]

    @property
    def applicable(self) -> bool:
        """Whether lines can be compared with it: a limit, a per-unit basis and a way to match."""
        has_limit = self.limit is not None or bool(self.categories)
        matchable = bool(self.keywords) or self.econ_fallback
        return has_limit and bool(self.measure) and matchable

    def most_lenient(self) -> Category:
        return max(self.categories, key=lambda c: c.limit)

    def category(self, label: str) -> Category:
        return next(c for c in self.categories if c.label == label)

    def source_text(self) -> str:
        """《中央和国家机关会议费管理办法》（财行〔2016〕214号）, or the bureau's 文号."""
        if self.origin is Origin.BUREAU:
            return f"本地支出标准“{self.name}”" + (f"（{self.doc_no}）" if self.doc_no else "")
        title = f"《{self.title}》" if self.title else self.name
        return title + (f"（{self.doc_no}）" if self.doc_no else "")

    def described(self) -> str:
        """The standard as a message names it: source and name, once."""
        if self.origin is Origin.BUREAU:
            return self.source_text()
        return self.source_text() + self.name
