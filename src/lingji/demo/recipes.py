"""Detail lines of each kind of project, sized to a target amount.

A recipe returns lines and the project's main output (quantity and measure) for its
indicators. With history=True prices come from the wide history band, else from the clean
band; all persons-based scales stay within the unit's staff.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from lingji.demo.items import KINDS, PERSON_DAYS, line_for_amount, make_line
from lingji.demo.model import Line, pick_price

TOWNS = (
    "城关镇",
    "澜溪镇",
    "青石镇",
    "白沙乡",
    "柳湾镇",
    "石门乡",
    "云台镇",
    "桃源乡",
    "龙溪镇",
    "新华乡",
    "双河镇",
    "金竹乡",
)
AREAS = (
    "老城片区",
    "城东片区",
    "城西片区",
    "滨河片区",
    "城南新区",
    "城北片区",
    "工业园区",
    "车站片区",
)
QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")
SECTIONS = ("一标段", "二标段", "三标段")
SERVICE_PARTS = (
    "方案编制",
    "现场核查",
    "数据采集",
    "成果汇编",
    "技术审核",
    "跟踪评估",
    "资料整理",
    "问题复核",
    "台账建设",
    "培训指导",
)
TRIPS = (
    "赴省级部门汇报对接",
    "赴市级部门业务对接",
    "县外学习考察",
    "跨县协查",
    "赴乡镇督导",
    "参加上级业务会议",
)
MEETINGS = ("年度工作会议", "半年工作推进会", "专题调度会")
#: how the main line of a kind is split into parts, so projects read like real estimates
PARTS = {
    "tech_service": SERVICE_PARTS,
    "research": SERVICE_PARTS,
    "inspection": QUARTERS,
    "hotline": QUARTERS,
    "archive_digit": QUARTERS,
    "screening": TOWNS,
    "hardship_aid": TOWNS,
    "elderly_aid": TOWNS,
    "student_aid": TOWNS,
    "skill_aid": TOWNS,
    "vet_aid": TOWNS,
    "care_aid": QUARTERS,
    "vaccine": TOWNS,
    "road_clean": AREAS,
    "greening": AREAS,
    "streetlight": AREAS,
    "toilet": AREAS,
    "rural_road": TOWNS,
    "canal": TOWNS,
    "school_repair": SECTIONS,
    "road_rebuild": SECTIONS,
    "retrofit": SECTIONS,
    "drill": TOWNS,
    "culture_class": TOWNS,
    "bridge_check": TOWNS,
    "newmedia": QUARTERS,
    "leaflet": QUARTERS,
}


@dataclass(slots=True)
class Output:
    quantity: int | Decimal
    unit: str


@dataclass(slots=True)
class Recipe:
    lines: list[Line]
    output: Output


def _measure(kind_key: str) -> str:
    return KINDS[kind_key].unit.split("·")[0].split("（")[0]


def parts_lines(
    kind_key: str, rng: random.Random, target: Decimal, *, history: bool, most: int = 5
) -> list[Line]:
    """The main item split into parts (towns, quarters, sections) at one contract price."""
    kind = KINDS[kind_key]
    price = pick_price(rng, kind.history_band if history else kind.clean_band, kind.step)
    names = PARTS.get(kind_key, ())
    affordable = int(target / price)
    count = min(len(names), rng.randint(4, most), max(1, affordable)) if names else 1
    chosen = rng.sample(names, count) if names else [""]
    weights = [rng.uniform(0.6, 1.4) for _ in chosen]
    total_w = sum(weights)
    lines = []
    for part, w in zip(chosen, weights, strict=True):
        qty = max(1, int(target * Decimal(w / total_w) / price))
        line = make_line(kind_key, rng, history=history, quantity=qty, price=price)
        if part:
            line.item_name = f"{kind.name}（{part}）"
        lines.append(line)
    return lines


def travel_lines(rng: random.Random, staff: int, *, history: bool, trips: int) -> list[Line]:
    lines = []
    for trip in rng.sample(TRIPS, min(trips, len(TRIPS))):
        persons = rng.randint(2, max(2, min(5, staff)))
        days = rng.randint(2, 4)
        for key in ("travel_food", "travel_local", "travel_hotel"):
            line = make_line(key, rng, history=history, persons=persons, days=days)
            line.item_name = f"{line.item_name}（{trip}）"
            lines.append(line)
    return lines


def expert_lines(rng: random.Random, key: str, *, history: bool) -> list[Line]:
    return [make_line(key, rng, history=history, persons=rng.randint(3, 7), days=rng.randint(1, 2))]


def _output(lines: list[Line], kind_key: str) -> Output:
    kind = KINDS[kind_key]
    main = [ln for ln in lines if ln.kind == kind_key]
    if kind.mode == PERSON_DAYS:
        return Output(sum(ln.persons or 0 for ln in main), "人")
    return Output(sum(ln.quantity or 0 for ln in main), _measure(kind_key))


def subject_recipe(
    items: tuple[str, ...], rng: random.Random, target: Decimal, staff: int, *, history: bool
) -> Recipe:
    """Lines of a task-based project: a main item in parts, then travel, experts or extras."""
    main, extras = items[0], list(items[1:])
    if (
        KINDS[main].econ.startswith("302")
        and not any(k.startswith("travel") for k in extras)
        and rng.random() < 0.6
    ):
        extras.append("travel_food")
    extra_lines: list[Line] = []
    for key in extras:
        if key.startswith("travel"):
            extra_lines += travel_lines(rng, staff, history=history, trips=rng.randint(1, 4))
        elif key.startswith("expert"):
            extra_lines += expert_lines(rng, key, history=history)
        else:
            share = target * Decimal(str(rng.uniform(0.08, 0.2)))
            extra_lines.append(line_for_amount(key, rng, share, history=history))
    rest = max(target - sum(ln.amount for ln in extra_lines), target * Decimal("0.5"))
    lines = parts_lines(main, rng, rest, history=history) + extra_lines
    return Recipe(lines, _output(lines, main))


def training_recipe(
    rng: random.Random, staff: int, *, history: bool, lecture: str = "lecture"
) -> Recipe:
    lines = []
    for session in rng.sample(("第一期", "第二期", "第三期"), rng.randint(1, 3)):
        persons = rng.randint(max(5, staff // 3), max(5, staff))
        days = rng.randint(2, 4)
        train = make_line("training", rng, history=history, persons=persons, days=days)
        talk = make_line(lecture, rng, history=history, quantity=days * 4)
        books = make_line("textbooks", rng, history=history, quantity=persons)
        for line in (train, talk, books):
            line.item_name = f"{line.item_name}（{session}）"
        lines += [train, talk, books]
    return Recipe(lines, _output(lines, "training"))


def meeting_recipe(rng: random.Random, staff: int, *, history: bool) -> Recipe:
    lines = []
    for meeting in rng.sample(MEETINGS, rng.randint(1, 3)):
        persons = rng.randint(max(5, staff // 2), max(5, staff))
        days = rng.randint(1, 2)
        line = make_line("meeting", rng, history=history, persons=persons, days=days)
        line.item_name = f"{line.item_name}（{meeting}）"
        line.basis = f"三类会议，{line.basis}"
        paper = make_line("print_materials", rng, history=history, quantity=persons)
        paper.item_name = f"{paper.item_name}（{meeting}）"
        lines += [line, paper]
    return Recipe(lines, _output(lines, "meeting"))


def vehicle_recipe(rng: random.Random, vehicles: int, *, history: bool) -> Recipe:
    """Running costs car by car (as fleet ledgers are kept), then reception."""
    lines = []
    for car in range(1, vehicles + 1):
        for key in ("vehicle_fuel", "vehicle_repair"):
            line = make_line(key, rng, history=history, quantity=1)
            line.item_name = f"{line.item_name}（{car}号车）"
            lines.append(line)
    lines.append(make_line("reception", rng, history=history, quantity=rng.randint(10, 40)))
    return Recipe(lines, Output(vehicles, "辆"))


def equipment_recipe(rng: random.Random, plan: dict[str, int], *, history: bool) -> Recipe:
    lines = [
        make_line(key, rng, history=history, quantity=qty) for key, qty in plan.items() if qty > 0
    ]
    return Recipe(lines, Output(sum(plan.values()), "台"))


def equipment_for_amount(
    rng: random.Random, target: Decimal, staff: int, *, history: bool
) -> Recipe:
    """A past year's purchase, sized by amount rather than by the asset register."""
    plan = {"desktop": max(1, int(target * Decimal("0.6") / 4500))}
    for key in ("laptop", "printer", "projector"):
        if rng.random() < 0.6:
            plan[key] = rng.randint(1, max(1, staff // 8))
    return equipment_recipe(rng, plan, history=history)


def property_recipe(rng: random.Random, area: int, *, history: bool) -> Recipe:
    """Fee per building (areas add up to the office area), then lifts and fire systems."""
    buildings = rng.sample(("主办公楼", "附楼", "业务用房", "档案楼"), rng.randint(1, 3))
    cuts = sorted(rng.sample(range(1, area), len(buildings) - 1)) if area > len(buildings) else []
    areas = [b - a for a, b in zip([0, *cuts], [*cuts, area], strict=True)]
    price = pick_price(
        rng,
        KINDS["property"].history_band if history else KINDS["property"].clean_band,
        KINDS["property"].step,
    )
    lines = []
    for building, part in zip(buildings, areas, strict=True):
        line = make_line("property", rng, history=history, quantity=part * 12, price=price)
        line.item_name = f"物业管理费（{building}）"
        line.basis = f"{building}{part:,}平方米×12个月×{price}元/平方米·月"
        lines.append(line)
    if area >= 2000:
        lines.append(make_line("elevator", rng, history=history, quantity=rng.randint(1, 3)))
    lines.append(make_line("fire_maint", rng, history=history, quantity=area))
    return Recipe(lines, Output(area, "平方米"))


def contract_recipe(rng: random.Random, persons: int, pay: Decimal, *, history: bool) -> Recipe:
    lines = [
        make_line("contract_pay", rng, history=history, persons=persons, quantity=12, price=pay),
        # insurance is per person-month too, but carries no headcount: only pay lines do
        make_line("contract_social", rng, history=history, quantity=persons * 12),
    ]
    return Recipe(lines, Output(persons, "人"))


def it_maint_recipe(rng: random.Random, build_wan: int, *, history: bool) -> Recipe:
    """Maintenance priced per 万元 of construction; the whole project stays under 9.5 %."""
    maint = make_line("it_maint", rng, history=history, quantity=build_wan)
    lines = [maint]
    rental = make_line("line_rental", rng, history=history, quantity=12)
    if maint.amount + rental.amount <= Decimal(build_wan) * 950:
        lines.append(rental)
    return Recipe(lines, Output(1, "套"))


def it_build_recipe(rng: random.Random, target: Decimal, *, history: bool) -> Recipe:
    servers = make_line("server", rng, history=history, quantity=rng.randint(1, 3))
    assess = make_line("security_assess", rng, history=history, quantity=1)
    rest = max(target - servers.amount - assess.amount, target * Decimal("0.5"))
    dev = line_for_amount("software_dev", rng, rest, history=history)
    return Recipe([dev, servers, assess], Output(1, "套"))


def design_recipe(
    items: tuple[str, ...], rng: random.Random, target: Decimal, *, history: bool
) -> Recipe:
    main = items[0]
    experts = expert_lines(rng, "expert_senior", history=history)
    rest = max(target - experts[0].amount, target * Decimal("0.6"))
    kind = KINDS[main]
    price = pick_price(rng, kind.history_band if history else kind.clean_band, kind.step)
    qty = max(1, int(rest / price))
    line = make_line(main, rng, history=history, quantity=qty, price=price)
    if main == "design":
        line.basis = f"工程建安费{qty:,}万元×{price}元/万元（设计费率{price / 100:.2f}%）"
        return Recipe([line, *experts], Output(1, "项"))
    return Recipe([line, *experts], Output(qty, _measure(main)))
