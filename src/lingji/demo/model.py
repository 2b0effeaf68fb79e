"""The records of the demo county, as the generator builds them before they become rows."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, ROUND_UP, Decimal

FEN = Decimal("0.01")
ZERO = Decimal("0.00")
BUDGET_YEAR = 2027
HISTORY_YEARS = (2024, 2025, 2026)


def money(value: Decimal | int | str) -> Decimal:
    """Yuan rounded to the fen."""
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def pick_price(rng: random.Random, band: tuple[Decimal, Decimal], step: Decimal) -> Decimal:
    """A price on the step grid inside the band, so every amount stays exact to the fen."""
    lo, hi = band
    steps = int((hi - lo) / step)
    return money(lo + step * rng.randint(0, steps))


def rating_for(score: Decimal) -> str:
    """Evaluation rating by the Ministry of Finance bands (domain-facts 2.4)."""
    if score >= 90:
        return "优"
    if score >= 80:
        return "良"
    if score >= 60:
        return "中"
    return "差"


@dataclass(slots=True)
class Line:
    item_name: str
    econ_code: str
    amount: Decimal
    unit: str = ""
    quantity: int | Decimal | None = None
    persons: int | None = None
    days: int | None = None
    unit_price: Decimal | None = None
    basis: str = ""
    procurement: str = "否"
    procurement_item: str = ""
    #: item-kind key, so plants and tests can find lines without parsing names
    kind: str = ""
    line_no: int = 0


@dataclass(slots=True)
class Indicator:
    level1: str
    level2: str
    name: str
    target_value: str
    unit: str
    direction: str


@dataclass(slots=True)
class Project:
    year: int
    code: str
    name: str
    unit_code: str
    category: str
    project_type: str
    requested: Decimal
    continuing: str = "否"
    prev_code: str | None = None
    start_year: int | None = BUDGET_YEAR
    end_year: int | None = BUDGET_YEAR
    fund_source: str = "一般公共预算"
    func_code: str = ""
    policy_refs: str = ""
    rationale: str = ""
    content: str = ""
    overall_goal: str = ""
    lines: list[Line] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    #: template key, used by the generator only
    template: str = ""

    def number_lines(self) -> None:
        for i, line in enumerate(self.lines, 1):
            line.line_no = i

    @property
    def lines_total(self) -> Decimal:
        return sum((ln.amount for ln in self.lines), ZERO)

    def refresh_requested(self) -> None:
        """Requested amount, line numbers and cost indicator follow the lines again."""
        self.requested = self.lines_total
        self.number_lines()
        for ind in self.indicators:
            if "成本" in ind.name:
                ind.target_value = cost_in_wan(self.requested)


def cost_in_wan(amount: Decimal) -> str:
    """A cost ceiling in 万元, rounded up so the request stays within it."""
    return f"{(amount / 10000).quantize(Decimal('0.01'), rounding=ROUND_UP)}"


@dataclass(slots=True)
class HistoryRecord:
    year: int
    code: str
    name: str
    unit_code: str
    project_type: str
    budget: Decimal
    executed: Decimal | None
    eval_score: Decimal | None = None
    eval_rating: str | None = None
    lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class Person:
    id_number: str
    name: str
    unit_code: str
    kind: str
    status: str
    monthly_pay: Decimal | None


@dataclass(slots=True)
class Asset:
    code: str
    unit_code: str
    name: str
    asset_class: str
    acquired: dt.date
    value: Decimal
    status: str


@dataclass(slots=True)
class AuditFinding:
    year: int
    unit_code: str
    project_code: str | None
    issue_type: str
    description: str
    amount: Decimal
    rectified: str


@dataclass(slots=True)
class SangongRow:
    year: int
    unit_code: str
    overseas: Decimal
    vehicle_purchase: Decimal
    vehicle_running: Decimal
    reception: Decimal


@dataclass(slots=True)
class Planted:
    """One planted finding of the answer key."""

    code: str
    unit_code: str
    project_code: str | None
    line_no: int | None
    description: str
    expected_excess: Decimal = ZERO
    #: codes a correct review may also raise on the same record
    also_acceptable: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "unit_code": self.unit_code,
            "project_code": self.project_code,
            "line_no": self.line_no,
            "description": self.description,
            "expected_excess": str(self.expected_excess),
            "also_acceptable": list(self.also_acceptable),
        }
