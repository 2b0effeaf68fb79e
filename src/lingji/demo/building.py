"""Units, the block being generated, and the factory that turns a recipe into a project."""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lingji.demo import policies as pol
from lingji.demo.catalog import Dept, UnitSpec
from lingji.demo.items import anchor_prices
from lingji.demo.model import (
    BUDGET_YEAR,
    ZERO,
    Asset,
    AuditFinding,
    HistoryRecord,
    Person,
    Planted,
    Project,
    SangongRow,
    money,
    rating_for,
)
from lingji.demo.recipes import Recipe
from lingji.demo.texts import content_text, goal_text, indicators, rationale_text

DOC_TITLES = {d.doc_no: d.title for d in pol.policy_documents()}

#: rebuilds a project's lines for another year: (target amount, history prices?) -> Recipe
Rebuild = Callable[[Decimal, bool], Recipe]


@dataclass(slots=True)
class Unit:
    code: str
    name: str
    parent_code: str | None
    kind: str
    staff_quota: int
    staff_actual: int
    contract_staff: int
    office_area: int
    vehicles: int
    dept: Dept
    spec: UnitSpec
    per_capita: Decimal
    contract_register: int
    contract_pay: Decimal
    system: str | None = None
    system_build_wan: int = 0
    #: asset class -> quantity bought in the budget year (clean or planted)
    purchases: dict[str, int] = field(default_factory=dict)
    #: generic templates the clean generator leaves to a plant
    skip: set[str] = field(default_factory=set)
    #: hosts unit-level plants; none of its projects counts as clean
    problem: bool = False
    sangong_rise: bool = False
    #: register counts forced by a plant: class -> [young, old, idle]
    asset_override: dict[str, list[int]] = field(default_factory=dict)

    @property
    def is_department(self) -> bool:
        return self.parent_code is None


@dataclass(slots=True)
class Block:
    """One block of about 40 units: everything generated for it."""

    index: int
    rng: random.Random
    units: list[Unit] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    history: list[HistoryRecord] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    audits: list[AuditFinding] = field(default_factory=list)
    sangong: list[SangongRow] = field(default_factory=list)
    plants: list[Planted] = field(default_factory=list)
    ceilings: list[tuple[str, Decimal]] = field(default_factory=list)
    plant_projects: set[str] = field(default_factory=set)
    seq: dict[str, int] = field(default_factory=dict)
    #: the block's IdMaker (registers), shared so planted people stay unique too
    ids: Any = None

    def unit(self, code: str) -> Unit:
        return next(u for u in self.units if u.code == code)

    def next_seq(self, unit: Unit) -> int:
        self.seq[unit.code] = self.seq.get(unit.code, 0) + 1
        return self.seq[unit.code]

    def plant(self, planted: Planted) -> None:
        self.plants.append(planted)
        if planted.project_code:
            self.plant_projects.add(planted.project_code)


def project_code(unit_code: str, year: int, seq: int) -> str:
    return f"XM{year}{unit_code}{seq:03d}"


def code_in_year(code: str, year: int) -> str:
    return f"XM{year}{code[6:]}"


def policy_refs_for(unit: Unit, project_type: str, recipe: Recipe) -> list[str]:
    """Documents a careful applicant cites for this kind of project."""
    kinds = {ln.kind for ln in recipe.lines}
    refs = [unit.dept.doc]
    by_type = {
        "会议": [pol.LOCAL_MEETING_RULES, pol.MEETING_RULES],
        "培训": [pol.LOCAL_TRAINING_RULES, pol.TRAINING_RULES],
        "设备购置": [pol.EQUIPMENT_RULES, pol.PROCUREMENT_CATALOGUE],
        "信息化建设": [pol.IT_RULES],
        "信息化运维": [pol.IT_RULES, pol.COUNTY_STANDARDS],
        "物业管理": [pol.COUNTY_STANDARDS],
        "城建管养": [pol.COUNTY_STANDARDS],
        "编外人员": [pol.COUNTY_STANDARDS],
        "规划设计": [pol.COUNTY_STANDARDS],
        "补助": [pol.BUDGET_LAW_RULES],
        "其他": [pol.ZERO_BASE_PLAN],
    }
    refs += by_type.get(project_type, [pol.ZERO_BASE_PLAN])
    if kinds & {"travel_food", "travel_local", "travel_hotel"}:
        refs.append(pol.TRAVEL_RULES)
    if kinds & {"expert_senior", "expert_other"}:
        refs.append(pol.EXPERT_FEES)
    return list(dict.fromkeys(refs))


def join_refs(rng: random.Random, refs: list[str]) -> str:
    return rng.choice(("；", "；", "、", "\n", ";")).join(refs)


def make_project(
    block: Block,
    unit: Unit,
    *,
    name: str,
    project_type: str,
    recipe: Recipe,
    duty: str,
    output: str,
    effect: str,
    category: str = "特定目标类",
    refs: list[str] | None = None,
    end_year: int = BUDGET_YEAR,
    template: str = "",
) -> Project:
    """A clean budget-year project: texts, indicators and lines consistent with each other."""
    rng = block.rng
    code = project_code(unit.code, BUDGET_YEAR, block.next_seq(unit))
    refs = refs if refs is not None else policy_refs_for(unit, project_type, recipe)
    cited = [(no, DOC_TITLES[no]) for no in refs[:2] if no in DOC_TITLES]
    requested = sum((ln.amount for ln in recipe.lines), ZERO)
    project = Project(
        year=BUDGET_YEAR,
        code=code,
        name=name,
        unit_code=unit.code,
        category=category,
        project_type=project_type,
        requested=requested,
        end_year=end_year,
        func_code=unit.spec.func_code,
        policy_refs=join_refs(rng, refs),
        rationale=rationale_text(rng, project_type, cited),
        content=content_text(rng, unit.name, (duty, *unit.dept.duties), project_type, recipe.lines),
        overall_goal=goal_text(
            rng, duty, output, recipe.output.quantity, recipe.output.unit, effect
        ),
        lines=recipe.lines,
        indicators=indicators(
            rng,
            project_type=project_type,
            output=output,
            quantity=recipe.output.quantity,
            unit=recipe.output.unit,
            effect=effect,
            requested=requested,
        ),
        template=template,
    )
    project.number_lines()
    block.projects.append(project)
    return project


@dataclass(frozen=True, slots=True)
class Outcome:
    """How last year went, and how this year's request compares with it."""

    #: accepted range of this year's request / last year's budget
    ratio: tuple[float, float] = (0.0, 1.10)
    #: range the growth is drawn from when last year's lines are rebuilt
    growth: tuple[float, float] = (0.95, 1.07)
    last_rate: tuple[float, float] = (0.82, 0.995)
    last_score: float | None = None


#: how a clean continuing project's last year went
CLEAN_HISTORY = Outcome()


def _record(
    block: Block, project: Project, year: int, recipe: Recipe, rate: float, score: float | None
) -> HistoryRecord:
    lines = recipe.lines
    for i, line in enumerate(lines, 1):
        line.line_no = i
    budget = sum((ln.amount for ln in lines), ZERO)
    if score is None and block.rng.random() < 0.5:
        score = block.rng.uniform(80.5, 97.5)
    score_dec = None if score is None else Decimal(str(round(score, 1)))
    return HistoryRecord(
        year=year,
        code=code_in_year(project.code, year),
        name=project.name,
        unit_code=project.unit_code,
        project_type=project.project_type,
        budget=budget,
        executed=money(budget * Decimal(str(round(rate, 4)))),
        eval_score=score_dec,
        eval_rating=None if score_dec is None else rating_for(score_dec),
        lines=lines,
    )


def _last_year(project: Project, rebuild: Rebuild, rng: random.Random, outcome: Outcome) -> Recipe:
    """Last year's lines, sized so this year's request keeps the ratio the outcome asks for.

    Anchoring last year's prices to this year's moves the total, so each try corrects the
    target by how far the previous one missed.
    """
    low, high = outcome.ratio
    requested = project.requested
    correction = Decimal(1)
    for _ in range(24):
        growth = Decimal(str(rng.uniform(*outcome.growth)))
        recipe = rebuild(requested / growth * correction, True)
        anchor_prices(recipe.lines, project.lines, rng)
        total = sum((ln.amount for ln in recipe.lines), ZERO)
        if total > 0 and low <= requested / total <= high:
            return recipe
        if total > 0:
            correction *= (requested / total) / growth
    if low <= 1.0 <= high:
        return Recipe([copy.copy(ln) for ln in project.lines], recipe.output)
    raise RuntimeError(f"no history fits ratio {outcome.ratio} for {project.code}")


def attach_history(
    block: Block,
    project: Project,
    rebuild: Rebuild,
    *,
    first_year: int,
    outcome: Outcome = CLEAN_HISTORY,
    last: Recipe | None = None,
) -> list[HistoryRecord]:
    """Mark the project continuing and give it one history record per year since first_year."""
    rng = block.rng
    project.continuing = "是"
    project.prev_code = code_in_year(project.code, BUDGET_YEAR - 1)
    project.start_year = first_year if first_year > 2024 else rng.randint(2021, 2024)
    project.end_year = max(project.end_year or BUDGET_YEAR, rng.choice((2027, 2028, 2029)))
    last = last or _last_year(project, rebuild, rng, outcome)
    records = [
        _record(
            block,
            project,
            BUDGET_YEAR - 1,
            last,
            rng.uniform(*outcome.last_rate),
            outcome.last_score,
        )
    ]
    budget = records[0].budget
    for year in range(BUDGET_YEAR - 2, max(first_year, 2024) - 1, -1):
        recipe = rebuild(budget / Decimal(str(rng.uniform(0.95, 1.1))), True)
        anchor_prices(recipe.lines, project.lines, rng)
        records.append(_record(block, project, year, recipe, rng.uniform(0.8, 1.0), None))
        budget = records[-1].budget
    block.history.extend(records)
    return records
