"""Listing the expenditure-standard library: official standards, a round's own standards and the
unit-cost ranges learned from its history, each with its source (for `lingji standards`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine

from lingji.adapters.db import rounds
from lingji.adapters.db.loading import load_history_line_groups, load_sheet
from lingji.adapters.rulesets import load_ruleset
from lingji.domain.ruleset import RuleSet
from lingji.domain.standards.classify import ClassifierAccuracy, held_out_accuracy
from lingji.domain.standards.learned import LearnedRange, LearnedRanges, RangeSettings
from lingji.domain.standards.library import bureau_standard
from lingji.domain.standards.model import Standard
from lingji.domain.standards.official import OFFICIAL_STANDARDS
from lingji.exceptions import RoundNotFound

OFFICIAL = "官方标准"
BUREAU = "本地标准"
LEARNED = "历史区间"


@dataclass(frozen=True, slots=True)
class StandardListing:
    """One row of `lingji standards`: a standard or a learned range, as plain data."""

    #: 官方标准, 本地标准 or 历史区间
    kind: str
    #: the standard's code (CN-MEETING, LX-BZ-001), or a learned range's item class
    code: str
    name: str
    #: 元/人天, 元/台 ...
    basis: str
    #: 适用, or why it is not applied (被本地标准替代, 规则集停用, 样本不足 ...)
    status: str
    limit: str | None = None
    #: [{"label": "一类会议", "limit": "760"}, ...]
    categories: list[dict[str, str]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    econ_code: str | None = None
    #: 《title》（文号）
    source: str | None = None
    doc_no: str | None = None
    #: 官 / 二 / 弱 / 本地 / 历史
    trust: str | None = None
    effective_from: str | None = None
    #: where the figures were found, to verify them
    urls: list[str] = field(default_factory=list)
    note: str = ""
    sample_size: int | None = None
    years: list[int] = field(default_factory=list)
    #: a learned range's low percentile, median, high percentile and the bound M02 reports above
    low: str | None = None
    median: str | None = None
    high: str | None = None
    upper: str | None = None


def list_standards(
    *, engine: Engine, round_id: int | None = None, ruleset: RuleSet | None = None
) -> list[StandardListing]:
    """Lists the official standards, and with a round its own standards and learned ranges."""
    ruleset = ruleset or load_ruleset()
    disabled = set(ruleset.params("M01").get("disabled_standards") or ())
    if round_id is None:
        return [_official(s, set(), disabled, None) for s in OFFICIAL_STANDARDS]
    with engine.connect() as conn:
        year = _round_year(conn, round_id)
        own_rows = load_sheet(conn, round_id, "standards")
        groups = load_history_line_groups(conn, round_id)
    own = [bureau_standard(row) for row in own_rows]
    replaced = {s.code for s in own}
    listing = [_official(s, replaced, disabled, year) for s in OFFICIAL_STANDARDS]
    listing += [_bureau(s) for s in own]
    ranges = LearnedRanges.learn(groups, RangeSettings.from_params(ruleset.params("M02")))
    listing += [_learned(r) for r in ranges.ranges()]
    return listing


def show_standard(
    *, engine: Engine, code: str, round_id: int | None = None, ruleset: RuleSet | None = None
) -> list[StandardListing]:
    """Returns the standard with that code, or a learned class's ranges (one per measure)."""
    listing = list_standards(engine=engine, round_id=round_id, ruleset=ruleset)
    return [s for s in listing if s.code == code]


def measure_classifier(*, engine: Engine, round_id: int) -> ClassifierAccuracy | None:
    """Measures the item classifier on the round's history lines, held out by project."""
    with engine.connect() as conn:
        _round_year(conn, round_id)
        history = load_sheet(conn, round_id, "history_lines")
    return held_out_accuracy(history)


def _round_year(conn: Connection, round_id: int) -> int:
    stored = rounds.round_by_id(conn, round_id)
    if stored is None:
        raise RoundNotFound(f"找不到编号为 {round_id} 的预算轮次")
    return stored.year


def _common(standard: Standard) -> dict[str, Any]:
    return {
        "code": standard.code,
        "name": standard.name,
        "basis": standard.basis,
        "limit": None if standard.limit is None else str(standard.limit),
        "categories": [{"label": c.label, "limit": str(c.limit)} for c in standard.categories],
        "keywords": list(standard.keywords),
        "econ_code": standard.econ_code,
        "source": standard.source_text(),
        "doc_no": standard.doc_no,
        "trust": standard.trust.value,
        "note": standard.note,
    }


def _official(
    standard: Standard, replaced: set[str], disabled: set[str], year: int | None
) -> StandardListing:
    if standard.code in replaced:
        status = "被本地标准替代"
    elif standard.code in disabled:
        status = "规则集停用"
    elif year and standard.effective_from and standard.effective_from > dt.date(year, 12, 31):
        status = "预算年度尚未施行"
    else:
        status = "适用"
    return StandardListing(
        kind=OFFICIAL,
        status=status,
        effective_from=standard.effective_from.isoformat() if standard.effective_from else None,
        urls=list(standard.sources),
        **_common(standard),
    )


def _bureau(standard: Standard) -> StandardListing:
    status = "适用" if standard.applicable else "未填写适用关键词、上限或计量口径，不用于明细比对"
    return StandardListing(kind=BUREAU, status=status, **_common(standard))


def _learned(found: LearnedRange) -> StandardListing:
    def text(value: Any) -> str | None:
        return None if value is None else str(value)

    return StandardListing(
        kind=LEARNED,
        code=found.item_class,
        name=found.item_class,
        basis=f"元/{found.label}",
        status="适用" if found.sufficient else "样本不足",
        trust="历史",
        sample_size=found.sample_size,
        years=list(found.years),
        low=text(found.low),
        median=text(found.median) if found.sufficient else None,
        high=text(found.high),
        upper=text(found.upper),
    )
