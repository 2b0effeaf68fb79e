"""The budget round as plain objects: what the review reads. Field names follow the contract keys.

Money is Decimal yuan. Sensitive personal fields are never held here in clear: a person is
known by the keyed hashes of their ID number and name (see adapters/crypto.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class UnitKind(StrEnum):
    ADMINISTRATIVE = "行政单位"
    CIVIL_SERVICE_INSTITUTION = "参公事业单位"
    PUBLIC_INSTITUTION = "事业单位"


class ProjectCategory(StrEnum):
    OPERATING = "运转类"
    SPECIFIC_PURPOSE = "特定目标类"


class EvalRating(StrEnum):
    EXCELLENT = "优"
    GOOD = "良"
    FAIR = "中"
    POOR = "差"


@dataclass(slots=True)
class Unit:
    unit_code: str
    unit_name: str | None = None
    parent_code: str | None = None
    unit_kind: str | None = None
    staff_quota: int | None = None
    staff_actual: int | None = None
    contract_staff: int | None = None
    office_area_m2: Decimal | None = None
    vehicles: int | None = None


@dataclass(slots=True)
class DetailLine:
    project_code: str
    item_name: str | None
    amount: Decimal | None
    line_no: int | None = None
    econ_code: str | None = None
    quantity: Decimal | None = None
    unit: str | None = None
    persons: int | None = None
    days: Decimal | None = None
    unit_price: Decimal | None = None
    basis: str | None = None
    procurement: str | None = None
    procurement_item: str | None = None
    #: the budget year of a history line; None for a line of the round under review
    year: int | None = None


@dataclass(frozen=True, slots=True)
class HistoryLineGroup:
    """History detail lines that the standards library cannot tell apart: the same name,
    economic code, measure, year and unit cost. Learned ranges and the item classifier read
    these counts, not the million lines behind them (the database groups them in one query)."""

    item_name: str | None
    econ_code: str | None
    unit: str | None
    has_persons: bool
    has_days: bool
    has_quantity: bool
    year: int | None
    #: 单价, else 金额 ÷ (数量 × 人数 × 天数); None when neither can be had
    unit_cost: Decimal | None
    lines: int


@dataclass(slots=True)
class Indicator:
    project_code: str
    level1: str | None = None
    level2: str | None = None
    name: str | None = None
    target_value: str | None = None
    unit: str | None = None
    direction: str | None = None


@dataclass(slots=True)
class Project:
    year: int
    project_code: str
    unit_code: str
    name: str | None = None
    category: str | None = None
    project_type: str | None = None
    continuing: str | None = None
    prev_project_code: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    requested_amount: Decimal | None = None
    fund_source: str | None = None
    func_code: str | None = None
    policy_refs: str | None = None
    rationale: str | None = None
    content: str | None = None
    overall_goal: str | None = None
    lines: list[DetailLine] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


@dataclass(slots=True)
class HistoryProject:
    year: int
    project_code: str
    name: str | None = None
    unit_code: str | None = None
    project_type: str | None = None
    budget: Decimal | None = None
    executed: Decimal | None = None
    eval_score: Decimal | None = None
    eval_rating: str | None = None


@dataclass(slots=True)
class SanGongTotal:
    """A unit's official 三公 figures for one year (final accounts)."""

    year: int
    unit_code: str
    overseas: Decimal | None = None
    vehicle_purchase: Decimal | None = None
    vehicle_running: Decimal | None = None
    reception: Decimal | None = None


@dataclass(slots=True)
class Person:
    unit_code: str
    #: HMAC-SM3 of the 身份证号; equal hashes mean the same person
    id_number_hash: str | None = None
    person_name_hash: str | None = None
    person_kind: str | None = None
    status: str | None = None
    monthly_pay: Decimal | None = None


@dataclass(slots=True)
class Asset:
    unit_code: str
    asset_code: str | None = None
    asset_name: str | None = None
    asset_class: str | None = None
    acquired: dt.date | None = None
    original_value: Decimal | None = None
    asset_status: str | None = None


@dataclass(slots=True)
class AuditFinding:
    unit_code: str
    year: int | None = None
    project_code: str | None = None
    issue_type: str | None = None
    description: str | None = None
    amount: Decimal | None = None
    rectified: str | None = None


@dataclass(slots=True)
class PolicyDocument:
    doc_no: str
    title: str | None = None
    issuer: str | None = None
    issued: dt.date | None = None
    level: str | None = None
    status: str | None = None
    expires: dt.date | None = None
    text: str | None = None


@dataclass(slots=True)
class BureauStandard:
    """An expenditure standard from the bureau's 支出标准 sheet."""

    std_code: str
    std_name: str | None = None
    econ_code: str | None = None
    keywords: str | None = None
    basis_unit: str | None = None
    limit: Decimal | None = None
    source_doc: str | None = None
    region: str | None = None


@dataclass(slots=True)
class Ceiling:
    """A spending ceiling (控制数) for a unit, or for the whole budget when unit_code is 全部."""

    unit_code: str
    ceiling: Decimal | None = None


@dataclass(slots=True)
class BudgetRound:
    """Everything one submission holds: the year under review, its region and its sheets."""

    year: int
    region: str
    units: list[Unit] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    history: list[HistoryProject] = field(default_factory=list)
    history_lines: list[DetailLine] = field(default_factory=list)
    sangong: list[SanGongTotal] = field(default_factory=list)
    personnel: list[Person] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    audit_findings: list[AuditFinding] = field(default_factory=list)
    policy_documents: list[PolicyDocument] = field(default_factory=list)
    standards: list[BureauStandard] = field(default_factory=list)
    ceilings: list[Ceiling] = field(default_factory=list)
    #: the optional sheets the submission carried; a check needing an absent one is skipped
    sheets_present: frozenset[str] = frozenset()
    #: history_lines grouped (see HistoryLineGroup) by a loader that groups in the database;
    #: None when the round holds the lines themselves
    history_line_groups: list[HistoryLineGroup] | None = None
