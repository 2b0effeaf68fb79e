"""Clean project templates: the generic running projects and the unit's lines of work."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from lingji.demo import recipes as rc
from lingji.demo.building import (
    CLEAN_HISTORY,
    Block,
    Outcome,
    Unit,
    attach_history,
    make_project,
    project_code,
)
from lingji.demo.catalog import Subject
from lingji.demo.items import KINDS, make_line
from lingji.demo.model import BUDGET_YEAR, ZERO, HistoryRecord, Line, Project, money, rating_for

DUTY_ITEMS = (
    ("tech_service", "travel_food", "print_materials"),
    ("tech_service", "expert_senior"),
    ("tech_service", "leaflet", "travel_food"),
    ("tech_service", "print_materials"),
)
ONE_OFFS = (
    "办公场所维修",
    "档案集中整理",
    "业务系统等保测评",
    "专项审计配合",
    "机构改革搬迁",
    "历史资料汇编",
)
SYSTEM_NAMES = ("业务管理信息系统", "综合监管平台", "数据共享服务平台", "协同办公系统")


def _variant(block: Block, unit: Unit, *patterns: str) -> str:
    return block.rng.choice(patterns).format(short=unit.spec.short)


def _duty(block: Block, unit: Unit) -> str:
    return block.rng.choice(unit.dept.duties)


def vehicles_project(block: Block, unit: Unit) -> Project:
    """三公 running costs; the budget year never exceeds last year unless a plant says so."""
    rng = block.rng
    last = rc.vehicle_recipe(rng, unit.vehicles, history=True)
    lines = []
    for old in last.lines:
        kind = KINDS[old.kind]
        factor = Decimal(
            str(rng.uniform(1.25, 1.35) if unit.sangong_rise else rng.uniform(0.95, 1.0))
        )
        price = (old.unit_price * factor / kind.step).to_integral_value(ROUND_FLOOR) * kind.step
        qty = (
            old.quantity * 3 // 2 if unit.sangong_rise and old.kind == "reception" else old.quantity
        )
        line = make_line(old.kind, rng, history=False, quantity=qty, price=money(price))
        line.item_name = old.item_name
        lines.append(line)
    project = make_project(
        block,
        unit,
        name=_variant(
            block,
            unit,
            "{short}公务用车运行维护及公务接待",
            "{short}车辆运行及接待保障经费",
            "{short}机关运转保障（车辆及接待）",
        ),
        project_type="其他",
        category="运转类",
        recipe=rc.Recipe(lines, last.output),
        duty=_duty(block, unit),
        output="保障公务用车",
        effect="公务出行保障率",
        template="vehicles",
    )
    attach_history(
        block,
        project,
        lambda t, h: rc.vehicle_recipe(rng, unit.vehicles, history=h),
        first_year=2024,
        last=last,
    )
    return project


def equipment_project(
    block: Block, unit: Unit, plan: dict[str, int], *, history: bool = True
) -> Project:
    rng = block.rng
    project = make_project(
        block,
        unit,
        name=_variant(
            block,
            unit,
            "{short}办公设备更新购置",
            "{short}到期办公设备更新",
            "{short}办公设备配置更新",
        ),
        project_type="设备购置",
        category="运转类",
        recipe=rc.equipment_recipe(rng, plan, history=False),
        duty=_duty(block, unit),
        output="更新办公设备数量",
        effect="设备完好率",
        template="equipment",
    )
    if history:
        staff = unit.staff_actual
        attach_history(
            block,
            project,
            lambda t, h: rc.equipment_for_amount(rng, t, staff, history=h),
            first_year=2025,
        )
    return project


def property_project(block: Block, unit: Unit, area: int) -> Project:
    rng = block.rng
    project = make_project(
        block,
        unit,
        name=_variant(
            block,
            unit,
            "{short}办公用房物业管理",
            "{short}机关物业服务",
            "{short}办公区物业及设施维保",
        ),
        project_type="物业管理",
        category="运转类",
        recipe=rc.property_recipe(rng, area, history=False),
        duty=_duty(block, unit),
        output="物业服务面积",
        effect="办公区安全运行保障率",
        template="property",
    )
    attach_history(
        block, project, lambda t, h: rc.property_recipe(rng, area, history=h), first_year=2024
    )
    return project


def contract_project(block: Block, unit: Unit, persons: int, pay: Decimal) -> Project:
    rng = block.rng
    project = make_project(
        block,
        unit,
        name=_variant(
            block,
            unit,
            "{short}编外人员经费",
            "{short}编外聘用人员劳务费",
            "{short}辅助岗位编外人员保障",
        ),
        project_type="编外人员",
        category="运转类",
        recipe=rc.contract_recipe(rng, persons, pay, history=False),
        duty=_duty(block, unit),
        output="保障编外人员",
        effect="岗位履职到位率",
        template="contract",
    )

    def rebuild(target: Decimal, history: bool) -> rc.Recipe:
        past_pay = max(KINDS["contract_pay"].history_band[0], pay - 100 * rng.randint(0, 3))
        return rc.contract_recipe(
            rng, max(1, persons - rng.randint(0, 1)), past_pay, history=history
        )

    attach_history(block, project, rebuild, first_year=2024)
    return project


def build_record(
    block: Block,
    unit: Unit,
    *,
    year: int,
    name: str,
    project_type: str,
    recipe: rc.Recipe,
    rate: float,
    score: float | None,
) -> HistoryRecord:
    """A history-only project (finished before the budget year)."""
    block.seq[f"old{unit.code}"] = block.seq.get(f"old{unit.code}", 900) + 1
    for i, line in enumerate(recipe.lines, 1):
        line.line_no = i
    budget = sum((ln.amount for ln in recipe.lines), ZERO)
    score_dec = None if score is None else Decimal(str(round(score, 1)))
    record = HistoryRecord(
        year,
        project_code(unit.code, year, block.seq[f"old{unit.code}"]),
        name,
        unit.code,
        project_type,
        budget,
        money(budget * Decimal(str(round(rate, 4)))),
        score_dec,
        None if score_dec is None else rating_for(score_dec),
        recipe.lines,
    )
    block.history.append(record)
    return record


def system_build_record(block: Block, unit: Unit) -> HistoryRecord:
    """The 2024 construction of the unit's system: the base of its maintenance share.

    Its budget is a whole number of 万元, so the share of a maintenance line priced per
    万元 of construction is exact whichever way a review computes it.
    """
    rng = block.rng
    recipe = rc.it_build_recipe(rng, Decimal(rng.randint(150, 500) * 10000), history=True)
    remainder = sum((ln.amount for ln in recipe.lines), ZERO) % 10000
    if remainder:
        top_up = money(10000 - remainder)
        recipe.lines.append(
            Line(
                "系统集成调试服务",
                "31007",
                top_up,
                "项",
                1,
                None,
                None,
                top_up,
                f"1项×{top_up:,}元/项",
                "是",
                "信息技术服务",
                "integration",
            )
        )
    record = build_record(
        block,
        unit,
        year=2024,
        name=f"{unit.system}建设项目",
        project_type="信息化建设",
        recipe=recipe,
        rate=rng.uniform(0.9, 1.0),
        score=rng.uniform(82, 96),
    )
    unit.system_build_wan = int(record.budget / 10000)
    return record


def it_maint_project(block: Block, unit: Unit) -> Project:
    rng = block.rng
    system_build_record(block, unit)
    build_wan = unit.system_build_wan
    project = make_project(
        block,
        unit,
        name=f"{unit.system}运行维护",
        project_type="信息化运维",
        category="运转类",
        recipe=rc.it_maint_recipe(rng, build_wan, history=False),
        duty=_duty(block, unit),
        output="保障运行系统",
        effect="系统年度可用率",
        template="it_maint",
    )
    attach_history(
        block, project, lambda t, h: rc.it_maint_recipe(rng, build_wan, history=h), first_year=2025
    )
    return project


def meeting_project(block: Block, unit: Unit) -> Project:
    rng = block.rng
    staff = unit.staff_actual
    project = make_project(
        block,
        unit,
        name=_variant(block, unit, "{short}年度工作会议", "{short}系统工作会议及专题调度会"),
        project_type="会议",
        category="运转类",
        recipe=rc.meeting_recipe(rng, staff, history=False),
        duty=_duty(block, unit),
        output="召开会议参会人数",
        effect="会议部署事项落实率",
        template="meeting",
    )
    attach_history(
        block, project, lambda t, h: rc.meeting_recipe(rng, staff, history=h), first_year=2024
    )
    return project


def training_project(block: Block, unit: Unit, subject: Subject | None = None) -> Project:
    rng = block.rng
    staff = unit.staff_actual
    lecture = subject.items[1] if subject else "lecture"
    name = (
        subject.name
        if subject
        else _variant(block, unit, "{short}干部职工业务能力提升培训", "{short}业务骨干专题培训")
    )
    project = make_project(
        block,
        unit,
        name=name,
        project_type="培训",
        recipe=rc.training_recipe(rng, staff, history=False, lecture=lecture),
        duty=_duty(block, unit),
        output=subject.output if subject else "参训人员人数",
        effect=subject.effect if subject else "培训考核合格率",
        template="training",
    )
    if rng.random() < 0.6:
        attach_history(
            block,
            project,
            lambda t, h: rc.training_recipe(rng, staff, history=h, lecture=lecture),
            first_year=rng.choice((2024, 2025, 2026)),
        )
    return project


def subject_lines(
    subject: Subject, block: Block, unit: Unit, target: Decimal, history: bool
) -> rc.Recipe:
    rng, staff = block.rng, unit.staff_actual
    if subject.project_type == "规划设计":
        return rc.design_recipe(subject.items, rng, target, history=history)
    if subject.project_type == "信息化建设":
        return rc.it_build_recipe(rng, target, history=history)
    return rc.subject_recipe(subject.items, rng, target, staff, history=history)


def subject_project(
    block: Block,
    unit: Unit,
    subject: Subject,
    target: Decimal,
    *,
    continuing: bool | None = None,
    outcome: Outcome = CLEAN_HISTORY,
) -> Project:
    rng = block.rng
    if subject.project_type == "培训":
        return training_project(block, unit, subject)
    multi_year = subject.project_type in ("基建", "信息化建设")
    project = make_project(
        block,
        unit,
        name=subject.name,
        project_type=subject.project_type,
        recipe=subject_lines(subject, block, unit, target, False),
        duty=_duty(block, unit),
        output=subject.output,
        effect=subject.effect,
        template="subject",
        end_year=rng.choice((2027, 2028)) if multi_year else BUDGET_YEAR,
    )
    if continuing is None:
        continuing = subject.continuing and rng.random() < 0.85
    if continuing:
        attach_history(
            block,
            project,
            lambda t, h: subject_lines(subject, block, unit, t, h),
            first_year=rng.choice((2024, 2025, 2026)),
            outcome=outcome,
        )
    return project


def duty_subject(block: Block, duty: str) -> Subject:
    items = block.rng.choice(DUTY_ITEMS)
    return Subject(
        f"{duty}专项工作经费",
        "专项业务",
        items,
        "购买专业技术服务工作量",
        "年度重点任务完成率",
        block.rng.random() < 0.4,
    )


def one_off_records(block: Block, unit: Unit) -> None:
    """Finished projects of earlier years: more history, never a twin of a budget-year project."""
    rng = block.rng
    for topic in rng.sample(ONE_OFFS, rng.randint(0, 2)):
        year = rng.choice((2024, 2025, 2026))
        recipe = rc.subject_recipe(
            ("tech_service", "travel_food"),
            rng,
            Decimal(rng.randint(5, 30) * 10000),
            unit.staff_actual,
            history=True,
        )
        build_record(
            block,
            unit,
            year=year,
            name=f"{year}年{unit.spec.short}{topic}",
            project_type="专项业务",
            recipe=recipe,
            rate=rng.uniform(0.5, 1.0),
            score=rng.uniform(55, 97) if rng.random() < 0.5 else None,
        )
