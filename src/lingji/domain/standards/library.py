"""The standards library: the official standards plus the round's 支出标准 sheet, and which
standard (and limit) applies to a detail line.

A bureau standard overrides an official one with the same code and, where both fit a line,
wins: it is the region's own rule and carries its own 来源文号. A line's category (一类会议,
三类培训, 高级职称 ...) is read from its name, then its 测算依据, then its project's name; where
none is stated the most lenient category applies, and the match says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lingji.domain.models import BureauStandard, DetailLine, Project
from lingji.domain.standards.measures import (
    LineMeasure,
    line_count,
    line_measure_key,
    measure_line,
)
from lingji.domain.standards.model import Category, Origin, Standard, Trust
from lingji.domain.standards.official import OFFICIAL_STANDARDS

CENT = Decimal("0.01")
NO_EXCESS = Decimal("0.00")
_KEYWORD_SEPARATORS = re.compile(r"[、,，;；/\s]+")

#: name -> predicted economic code, for bureau standards tied to one code
EconGuesser = Callable[[str], str | None]


@dataclass(slots=True)
class StandardMatch:
    """A line compared with a standard: the limit that applies, and what the line claims.

    The figures are worked out only when asked: most lines sit below their limit, and a
    million of them must be compared in seconds.
    """

    standard: Standard
    limit: Decimal
    category: Category | None
    #: False when the line states no category and the default (most lenient) one applies
    category_stated: bool
    line: DetailLine
    cached_measure: LineMeasure | None = field(default=None, repr=False)

    @property
    def measure(self) -> LineMeasure:
        if self.cached_measure is None:
            found = measure_line(self.line)
            assert found is not None  # match() only compares lines with a count and a cost
            self.cached_measure = found
        return self.cached_measure

    @property
    def claimed(self) -> Decimal:
        return self.measure.claimed

    @property
    def allowed(self) -> Decimal:
        """The most the standard allows for the whole line."""
        measure, rule = self.measure, self.standard.day_rule
        if rule is None or measure.persons is None or measure.days is None:
            return self.limit * measure.count
        quantity = measure.quantity if measure.quantity is not None else 1
        return self.limit * measure.persons * rule.allowed_days(measure.days) * quantity

    @property
    def excess(self) -> Decimal:
        price, rule, days = self.line.unit_price, self.standard.day_rule, self.line.days
        reduced = rule is not None and days is not None and days > rule.after
        if price is not None and price <= self.limit and not reduced:
            return NO_EXCESS
        return max(self.claimed - self.allowed, Decimal(0)).quantize(CENT)

    @property
    def day_rule_applied(self) -> bool:
        rule, days = self.standard.day_rule, self.measure.days
        return rule is not None and days is not None and rule.allowed_days(days) != days

    def category_note(self) -> str:
        """Why this limit: '未注明会议类别，按最宽的一类会议标准计' when the category was not stated."""
        if self.category is None or self.category_stated:
            return ""
        kind = self.standard.category_kind or "类别"
        if self.standard.default_category is not None:
            return f"未注明{kind}，按{self.category.label}标准计"
        return f"未注明{kind}，按最宽的{self.category.label}标准计"


@dataclass(frozen=True, slots=True)
class Unmeasurable:
    """A line a standard is named for but cannot be compared with (its measure differs)."""

    standard: Standard
    line_measure: str | None


@dataclass(frozen=True, slots=True)
class StandardKind:
    """Which standards speak to one theme (物业管理费, 信息系统运维 ...), as a rule set names them.

    A standard belongs to the kind when its code is listed, or when its name or keywords hold
    one of `name_words` and its basis (元/万元建设投资) holds every one of `basis_words`. Bureaus
    name their standards freely; the words let the thematic checks find them without codes.
    """

    codes: frozenset[str] = frozenset()
    name_words: tuple[str, ...] = ()
    basis_words: tuple[str, ...] = ()

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> StandardKind:
        """From a rule-set entry {codes: [...], name_words: [...], basis_words: [...]}."""
        return cls(
            codes=frozenset(str(c) for c in params.get("codes") or ()),
            name_words=tuple(str(w) for w in params.get("name_words") or ()),
            basis_words=tuple(str(w) for w in params.get("basis_words") or ()),
        )

    def covers(self, standard: Standard) -> bool:
        if standard.code in self.codes:
            return True
        named = f"{standard.name}{''.join(standard.keywords)}"
        return any(w in named for w in self.name_words) and all(
            w in standard.basis for w in self.basis_words
        )


class KindMatcher:
    """Lines compared with the standards of one kind, exactly as M01 compares them.

    `match` answers only where the standard the library picks for the line is of the kind, so
    a thematic check states the same limit and excess as M01 on the same line. Whether a line
    is named for the kind at all is remembered per (name, economic code): names repeat.
    """

    def __init__(self, library: StandardsLibrary, kind: StandardKind) -> None:
        self.library = library
        self.standards = library.of_kind(kind)
        self._codes = frozenset(s.code for s in self.standards)
        self._named: dict[tuple[str, str | None], bool] = {}

    def names(self, item_name: str | None, econ_code: str | None) -> bool:
        """Whether a line of this name and economic code may fall under a standard of the kind."""
        key = (item_name or "", econ_code)
        named = self._named.get(key)
        if named is None:
            by_word, by_code = self.library.named_for(*key)
            named = self._named[key] = any(s.code in self._codes for s in (*by_word, *by_code))
        return named

    def match(
        self, line: DetailLine, project: Project | None = None
    ) -> StandardMatch | Unmeasurable | None:
        if not self._codes or not self.names(line.item_name, line.econ_code):
            return None
        outcome = self.library.match(line, project)
        if outcome is None or outcome.standard.code not in self._codes:
            return None
        return outcome


def bureau_standard(row: BureauStandard) -> Standard:
    """A row of the 支出标准 sheet as a standard; without keywords it is listed but not applied."""
    keywords = tuple(k for k in _KEYWORD_SEPARATORS.split(row.keywords or "") if k)
    econ = (row.econ_code or "").strip() or None
    return Standard(
        code=row.std_code,
        name=row.std_name or row.std_code,
        basis=(row.basis_unit or "").strip(),
        trust=Trust.BUREAU,
        limit=row.limit,
        keywords=keywords,
        econ_code=econ,
        econ_required=econ is not None,
        doc_no=row.source_doc,
        origin=Origin.BUREAU,
        region=row.region,
    )


class StandardsLibrary:
    """Official and bureau standards, matched to lines by name, economic code and measure."""

    def __init__(
        self, standards: Iterable[Standard], *, econ_guess: EconGuesser | None = None
    ) -> None:
        # bureau first: where both fit a line, the region's own rule wins
        self.standards = tuple(sorted(standards, key=lambda s: s.origin is not Origin.BUREAU))
        self._applicable = tuple(s for s in self.standards if s.applicable)
        self._econ_guess = econ_guess
        self._by_name: dict[tuple[str, str | None], tuple[tuple[Standard, ...], ...]] = {}
        self._stated_in: dict[tuple[str, str], Category | None] = {}

    @classmethod
    def build(
        cls,
        bureau_rows: Iterable[BureauStandard] = (),
        *,
        year: int | None = None,
        disabled: Iterable[str] = (),
        econ_guess: EconGuesser | None = None,
    ) -> StandardsLibrary:
        """Official standards in force in `year`, less `disabled` codes, plus the bureau's rows."""
        bureau = [bureau_standard(row) for row in bureau_rows]
        replaced = {s.code for s in bureau} | set(disabled)
        year_end = dt.date(year, 12, 31) if year else None
        official = [
            s
            for s in OFFICIAL_STANDARDS
            if s.code not in replaced
            and (year_end is None or s.effective_from is None or s.effective_from <= year_end)
        ]
        return cls([*bureau, *official], econ_guess=econ_guess)

    def get(self, code: str) -> Standard | None:
        return next((s for s in self.standards if s.code == code), None)

    def of_kind(self, kind: StandardKind) -> tuple[Standard, ...]:
        """The standards of a kind that carry a limit, bureau ones first.

        Standards without keywords are included: a limit such as the procurement threshold
        (元/项) applies to lines by amount, not by name.
        """
        return tuple(
            s for s in self.standards if (s.limit is not None or s.categories) and kind.covers(s)
        )

    def named_for(self, item_name: str, econ_code: str | None) -> tuple[tuple[Standard, ...], ...]:
        """(standards the name points to by keyword, standards that fit by economic code only)."""
        key = (item_name, econ_code)
        found = self._by_name.get(key)
        if found is None:
            by_word = tuple(s for s in self._applicable if self._names(s, item_name, econ_code))
            by_code = tuple(
                s
                for s in self._applicable
                if s.econ_fallback and econ_code == s.econ_code and s not in by_word
            )
            found = self._by_name[key] = (by_word, by_code)
        return found

    def match(
        self, line: DetailLine, project: Project | None = None
    ) -> StandardMatch | Unmeasurable | None:
        """The standard that applies to the line and its limit; None when no standard concerns it."""
        found = self._by_name.get((line.item_name or "", line.econ_code))
        by_word, by_code = found or self.named_for(line.item_name or "", line.econ_code)
        if not by_word and not by_code:
            return None
        key = line_measure_key(line)
        measurable = (
            key is not None
            and (line.unit_price is not None or line.amount is not None)
            and line_count(line) > 0
        )
        for standard in by_word + by_code:
            if measurable and key is not None and key[0] == standard.measure:
                category, stated = self._category(standard, line, project)
                limit = category.limit if category else standard.limit
                assert limit is not None  # applicable standards have a limit or categories
                return StandardMatch(standard, limit, category, stated, line)
        if by_word:
            return Unmeasurable(by_word[0], key[1] if measurable and key else None)
        return None

    def _names(self, standard: Standard, name: str, econ_code: str | None) -> bool:
        if not any(k in name for k in standard.keywords):
            return False
        if any(w in name for w in standard.excludes) or not all(w in name for w in standard.all_of):
            return False
        if standard.context_words and not (
            any(w in name for w in standard.context_words) or econ_code == standard.econ_code
        ):
            return False
        if standard.econ_required and econ_code != standard.econ_code:
            # a line filed under the wrong code still belongs to the standard its name names
            guessed = self._econ_guess(name) if self._econ_guess else None
            return guessed == standard.econ_code
        return True

    def _category(
        self, standard: Standard, line: DetailLine, project: Project | None
    ) -> tuple[Category | None, bool]:
        if not standard.categories:
            return None, False
        # names, 测算依据 texts and project names repeat across lines: each is read once
        found = self._stated(standard, line.item_name)
        if found is None:
            found = self._stated(standard, line.basis) or self._stated(
                standard, project.name if project else None
            )
        if found is not None:
            return found, True
        if standard.default_category is not None:
            return standard.category(standard.default_category), False
        return standard.most_lenient(), False

    def _stated(self, standard: Standard, text: str | None) -> Category | None:
        if not text:
            return None
        key = (standard.code, text)
        try:
            return self._stated_in[key]
        except KeyError:
            stated = [c for c in standard.categories if any(m in text for m in c.markers)]
            # "二、三类" states two: the line gets the benefit of the doubt
            found = self._stated_in[key] = max(stated, key=lambda c: c.limit) if stated else None
            return found
