"""The county model: one block of about 40 units with everything around them.

A county at scale K is K independent blocks. Block 0 is 澜溪县 itself; block b > 0 is a
replica whose unit codes carry the prefix f"{b:03d}". Each block has its own random
stream derived from (seed, b), so blocks can be generated in any order or in parallel and
the output is still the same for a seed.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from decimal import ROUND_FLOOR, Decimal

from lingji.demo import plants
from lingji.demo.building import Block, Unit
from lingji.demo.catalog import COUNTY, DEPARTMENTS, Dept, UnitSpec
from lingji.demo.items import KINDS, PERSON_MONTHS, reprice_line
from lingji.demo.model import ZERO, money, pick_price
from lingji.demo.registers import (
    IdMaker,
    build_assets,
    build_audits,
    build_people,
    build_sangong,
    plan_assets,
)
from lingji.demo.templates import (
    SYSTEM_NAMES,
    contract_project,
    duty_subject,
    equipment_project,
    it_maint_project,
    meeting_project,
    one_off_records,
    property_project,
    subject_project,
    training_project,
    vehicles_project,
)

BLOCK_SEED_STRIDE = 1_000_003


def block_rng(seed: int, index: int) -> random.Random:
    return random.Random(seed * BLOCK_SEED_STRIDE + index)


def unit_prefix(index: int) -> str:
    return "" if index == 0 else f"{index:03d}"


def _make_unit(block: Block, dept: Dept, spec: UnitSpec, code: str, parent: str | None) -> Unit:
    rng = block.rng
    actual = rng.randint(*spec.staff)
    approved = round(actual * rng.uniform(0.05, 0.3)) if rng.random() < 0.6 else 0
    per_person = rng.uniform(16, 24) if spec.kind == "行政单位" else rng.uniform(20, 32)
    suffix = "" if block.index == 0 else f"（第{block.index + 1:03d}组）"
    unit = Unit(
        code=code,
        name=f"{COUNTY}{spec.short[1:]}{suffix}",
        parent_code=parent,
        kind=spec.kind,
        staff_quota=actual + rng.randint(0, 4),
        staff_actual=actual,
        contract_staff=approved,
        office_area=int(actual * per_person + rng.randint(80, 300)),
        vehicles=rng.randint(*spec.vehicles),
        dept=dept,
        spec=spec,
        per_capita=money(rng.randint(90, 160) * 1000),
        contract_register=max(0, approved - rng.randint(0, 2)),
        contract_pay=pick_price(rng, KINDS["contract_pay"].clean_band, Decimal(100)),
    )
    if spec.has_system:
        unit.system = f"{spec.short}{rng.choice(SYSTEM_NAMES)}"
    block.units.append(unit)
    return unit


def build_units(block: Block) -> None:
    prefix = unit_prefix(block.index)
    for dept in DEPARTMENTS:
        head = _make_unit(block, dept, dept.head, f"{prefix}{dept.code}001", None)
        for i, spec in enumerate(dept.subs, 2):
            _make_unit(block, dept, spec, f"{prefix}{dept.code}{i:03d}", head.code)


def plan_purchases(unit: Unit, rng: random.Random) -> dict[str, int]:
    """Replacement purchases of the budget year; the register is then generated around them."""
    staff = unit.staff_actual
    plan = {}
    if rng.random() < 0.6:
        plan["desktop"] = rng.randint(1, max(1, staff // 5))
    if rng.random() < 0.35 and staff >= 8:
        plan["laptop"] = rng.randint(1, max(1, staff // 10))
    if rng.random() < 0.4:
        plan["printer"] = rng.randint(1, max(1, staff // 10))
    if rng.random() < 0.2 and staff >= 40:
        plan["copier"] = 1
    if rng.random() < 0.25:
        plan["projector"] = rng.randint(1, 2)
    return plan


def build_clean_projects(block: Block, unit: Unit, duty_pool: list[str]) -> None:
    """The unit's projects: running ones sized by its own data, then its lines of work."""
    rng = block.rng
    if unit.vehicles and "vehicles" not in unit.skip:
        vehicles_project(block, unit)
    if unit.purchases and "equipment" not in unit.skip:
        equipment_project(block, unit, unit.purchases)
    if "property" not in unit.skip and (unit.is_department or rng.random() < 0.4):
        property_project(block, unit, unit.office_area)
    if unit.contract_register and "contract" not in unit.skip:
        contract_project(block, unit, unit.contract_register, unit.contract_pay)
    if unit.system and "it_maint" not in unit.skip:
        it_maint_project(block, unit)
    if unit.is_department:
        meeting_project(block, unit)
    if rng.random() < 0.7:
        training_project(block, unit)
    # training is sized by staff, not by budget: build it before the budget is shared out
    for subject in unit.spec.subjects:
        if subject.project_type == "培训":
            subject_project(block, unit, subject, ZERO)
    spent = sum((p.requested for p in block.projects if p.unit_code == unit.code), ZERO)
    subjects = [s for s in unit.spec.subjects if s.project_type != "培训"]
    running = sum(1 for p in block.projects if p.unit_code == unit.code)
    for _ in range(max(3, min(6, 12 - running - len(subjects)))):
        if duty_pool:
            subjects.append(duty_subject(block, duty_pool.pop()))
    budget = max(unit.staff_actual * unit.per_capita - spent, Decimal(60000 * len(subjects)))
    weights = [rng.uniform(0.5, 1.5) for _ in subjects]
    for subject, weight in zip(subjects, weights, strict=True):
        subject_project(block, unit, subject, money(budget * Decimal(weight / sum(weights))))
    one_off_records(block, unit)


def _ceilings(block: Block) -> None:
    """Department ceilings (department and its units) a little under what they request."""
    requested: dict[str, Decimal] = {}
    for project in block.projects:
        unit = block.unit(project.unit_code)
        head = unit.parent_code or unit.code
        requested[head] = requested.get(head, ZERO) + project.requested
    for head, total in requested.items():
        ceiling = (total * Decimal(str(block.rng.uniform(0.86, 0.94))) / 1000).to_integral_value(
            ROUND_FLOOR
        ) * 1000
        block.ceilings.append((head, money(ceiling)))


def cap_clean_prices(block: Block) -> None:
    """Keep every clean price at or below the upper quartile of the block's history for its kind.

    So a range learned from history (M02) never flags a clean line, however it is learned.
    Plant projects and the projects of problem units keep their prices.
    """
    samples: dict[str, list[Decimal]] = defaultdict(list)
    for record in block.history:
        for line in record.lines:
            if line.kind and line.unit_price is not None:
                samples[line.kind].append(line.unit_price)
    limits = {kind: sorted(v)[math.ceil(0.75 * len(v)) - 1] for kind, v in samples.items()}
    problem = {u.code for u in block.units if u.problem}
    for project in block.projects:
        if project.code in block.plant_projects or project.unit_code in problem:
            continue
        over = [
            ln
            for ln in project.lines
            if ln.unit_price is not None
            and ln.unit_price > limits.get(ln.kind, ln.unit_price)
            and KINDS[ln.kind].mode != PERSON_MONTHS
        ]
        for line in over:
            reprice_line(line, limits[line.kind])
        if over:
            project.refresh_requested()


def build_block(seed: int, index: int) -> Block:
    block = Block(index=index, rng=block_rng(seed, index))
    rng = block.rng
    build_units(block)
    for unit in block.units:
        unit.purchases = plan_purchases(unit, rng)
    plants.reserve(block)
    block.ids = IdMaker(index, rng)
    for unit in block.units:
        build_people(block, unit, block.ids)
        build_assets(block, unit, plan_assets(unit, rng))
    duty_pools = {dept.code: rng.sample(dept.duties, len(dept.duties)) for dept in DEPARTMENTS}
    for unit in block.units:
        build_clean_projects(block, unit, duty_pools[unit.dept.code])
    for unit in block.units:
        build_sangong(block, unit)
    plants.apply(block)
    cap_clean_prices(block)
    for unit in block.units:
        build_audits(block, unit)
    _ceilings(block)
    return block


def clean_project_codes(block: Block) -> list[str]:
    problem = {u.code for u in block.units if u.problem}
    return [
        p.code
        for p in block.projects
        if p.code not in block.plant_projects and p.unit_code not in problem
    ]
