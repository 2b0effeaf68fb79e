"""Planted cross-source (X) findings, and the unit-level ones (T01, T09, X05, X06)."""

from __future__ import annotations

import copy
import re
import statistics
from decimal import Decimal

from lingji.demo.building import Block, Outcome, Unit, join_refs, project_code
from lingji.demo.model import BUDGET_YEAR, ZERO, AuditFinding, Person, Project, money
from lingji.demo.plant_kit import (
    PROBLEM_UNITS,
    find_line,
    plant,
    refresh_requested,
    topic,
    unit_at,
    yuan,
)
from lingji.demo.registers import class_caps, person_name
from lingji.demo.templates import (
    contract_project,
    equipment_project,
)

SANGONG_CODES = ("30212", "30217", "30231", "31013")


def reserve_registers(block: Block) -> None:
    """Purchases, asset counts and personnel that the plants below rely on."""
    for base, purchases in (
        ("106001", {"laptop": 4}),
        ("103003", {"desktop": 12}),
        ("109002", {"desktop": 8}),
        ("114001", {"laptop": 4}),
        ("108002", {"printer": 2}),
        ("110001", {"projector": 2}),
    ):
        unit = unit_at(block, base)
        unit.purchases = purchases
        unit.skip.add("equipment")
    u = unit_at(block, "109002")
    u.asset_override["desktop"] = [u.staff_actual + 2, 3, 0]
    u = unit_at(block, "114001")
    u.asset_override["laptop"] = [u.staff_actual // 2 + 1, 1, 0]
    u = unit_at(block, "108002")
    u.asset_override["printer"] = [
        min(round(u.staff_actual * 0.3), class_caps(u.staff_actual)["printer"] - 2),
        2,
        3,
    ]
    u = unit_at(block, "110001")
    u.asset_override["projector"] = [1, 2, 2]
    for base, approved, register, pay in (
        ("104002", 24, 17, None),
        ("111002", 14, 12, 4600),
        ("113001", 18, 30, None),
        ("111001", 12, 10, 7800),
    ):
        unit = unit_at(block, base)
        unit.contract_staff, unit.contract_register = approved, register
        if pay:
            unit.contract_pay = money(pay)
        unit.skip.add("contract")
    for base in ("104001", "114001"):
        unit_at(block, base).skip.add("property")
    unit_at(block, "110002").skip.add("it_maint")


def _twin(block: Block, source: Project, unit: Unit, name: str) -> Project:
    """Another unit's copy: a word changed, sentences reordered, quantities nudged."""
    rng = block.rng
    lines = []
    for old in source.lines:
        line = copy.copy(old)
        if line.quantity and not line.persons:
            line.quantity = max(1, int(line.quantity * rng.uniform(0.92, 1.08)))
            line.amount = money(line.unit_price * line.quantity * (line.days or 1))
        lines.append(line)
    sentences = re.split(r"(?<=[。；])", source.content)
    if len(sentences) > 3:
        sentences[0], sentences[1] = sentences[1], sentences[0]
    twin = copy.copy(source)
    twin.code = project_code(unit.code, BUDGET_YEAR, block.next_seq(unit))
    twin.unit_code, twin.name, twin.lines = unit.code, name, lines
    source_name = block.unit(source.unit_code).name
    twin.content = "".join(sentences).replace("开展", "组织开展").replace(source_name, unit.name)
    twin.policy_refs = join_refs(
        rng, [unit.dept.doc, *re.split(r"[；;、\n]", source.policy_refs)[1:]]
    )
    twin.indicators = [copy.copy(i) for i in source.indicators]
    refresh_requested(twin)
    block.projects.append(twin)
    return twin


def cross_checks(block: Block) -> None:
    for (base_a, name_a), (base_b, name_b), items in (
        (
            ("113001", "老年人防范电信诈骗宣传教育"),
            ("105001", "老年人防范电信诈骗宣传教育活动"),
            ("leaflet", "poster", "newmedia"),
        ),
        (
            ("103001", "中小学生研学实践活动"),
            ("112001", "中小学生研学实践教育活动"),
            ("tech_service", "travel_food", "print_materials"),
        ),
    ):
        ua, ub = unit_at(block, base_a), unit_at(block, base_b)
        a = topic(
            block,
            ua,
            name_a,
            items,
            180000,
            project_type="宣传" if "leaflet" in items else "专项业务",
        )
        b = _twin(block, a, ub, name_b)
        plant(block, "X01", ua, f"与{ub.name}的{b.code}（{name_b}）内容近乎相同", project=a)
        plant(
            block,
            "X01",
            ub,
            f"与{ua.name}的{a.code}（{name_a}）内容近乎相同，仅调整语序和个别用词",
            project=b,
        )

    for base, kind, label in (
        ("109002", "desktop", "台式计算机"),
        ("114001", "laptop", "便携式计算机"),
    ):
        u = unit_at(block, base)
        p = equipment_project(block, u, u.purchases)
        young = u.asset_override[kind][0]
        cap = u.staff_actual if kind == "desktop" else u.staff_actual // 2
        plant(
            block,
            "X02",
            u,
            f"拟购{label}{u.purchases[kind]}台，资产台账已有6年内在用{label}{young}台，配置上限{cap}台（在编{u.staff_actual}人）",
            project=p,
            line=find_line(p, kind),
        )
    for base, kind, label in (("108002", "printer", "打印机"), ("110001", "projector", "投影仪")):
        u = unit_at(block, base)
        p = equipment_project(block, u, u.purchases)
        idle = u.asset_override[kind][2]
        plant(
            block,
            "X03",
            u,
            f"拟购{label}{u.purchases[kind]}台，资产台账有{idle}台{label}闲置",
            project=p,
            line=find_line(p, kind),
        )

    u = unit_at(block, "104002")
    p = contract_project(block, u, 22, u.contract_pay)
    plant(
        block,
        "X04",
        u,
        f"编外人员按22人测算，人员库在职编外{u.contract_register}人",
        project=p,
        line=p.lines[0],
    )
    u = unit_at(block, "111002")
    p = contract_project(block, u, u.contract_register, money(5800))
    plant(
        block,
        "X04",
        u,
        f"编外人员单价5,800元/人月，人员库月应发工资{u.contract_pay:,}元",
        project=p,
        line=p.lines[0],
    )

    for base, name, items, score in (
        ("103004", "教师专业发展评估", ("research", "expert_senior"), 68.0),
        ("108001", "农村客运站点运营监管", ("tech_service", "travel_food"), 52.0),
    ):
        u = unit_at(block, base)
        outcome = Outcome(ratio=(1.0, 1.08), growth=(1.01, 1.05), last_score=score)
        p = topic(block, u, name, items, 220000, continuing=True, outcome=outcome)
        last = next(h for h in block.history if h.code == p.prev_code)
        plant(
            block,
            "X07",
            u,
            f"上年绩效评价{last.eval_score}分（{last.eval_rating}），本年申报{yuan(p.requested)}不低于上年预算{yuan(last.budget)}",
            project=p,
        )


def sangong_budget(block: Block, unit: Unit) -> Decimal:
    return sum(
        (
            ln.amount
            for p in block.projects
            if p.unit_code == unit.code
            for ln in p.lines
            if ln.econ_code in SANGONG_CODES
        ),
        ZERO,
    )


def unit_level(block: Block) -> None:
    rng, ids = block.rng, block.ids
    a, b, c, d, e, f = (unit_at(block, code) for code in PROBLEM_UNITS)
    for unit in (a, b):
        row = next(
            r for r in block.sangong if r.unit_code == unit.code and r.year == BUDGET_YEAR - 1
        )
        last = row.overseas + row.vehicle_purchase + row.vehicle_running + row.reception
        now = sangong_budget(block, unit)
        plant(
            block,
            "T01",
            unit,
            f"本年三公经费预算{yuan(now)}，上年决算{yuan(last)}，增长{yuan(now - last)}",
            excess=now - last,
        )

    per_capita = {
        u.code: sum((p.requested for p in block.projects if p.unit_code == u.code), ZERO)
        / u.staff_actual
        for u in block.units
    }
    median = statistics.median(v for code, v in per_capita.items() if not block.unit(code).problem)
    for unit in (c, d):
        plant(
            block,
            "T09",
            unit,
            f"人均项目支出{yuan(per_capita[unit.code])}（在编{unit.staff_actual}人），"
            f"同批单位中位数{yuan(median)}",
        )

    block.people.append(Person(ids.make(), person_name(rng), a.code, "在编", "死亡", money(6350)))
    plant(block, "X05", a, "人员库中状态为死亡的在编人员仍有月应发工资6,350.00元")
    twin = next(p for p in block.people if p.unit_code == b.code and p.kind == "在编")
    block.people.append(Person(twin.id_number, twin.name, c.code, "在编", "在职", money(7120)))
    plant(block, "X05", c, f"同一身份证号同时在{b.name}和{c.name}领取工资")
    block.people.append(
        Person(ids.make(1975, 2003), person_name(rng), d.code, "编外", "离职", money(4300))
    )
    plant(block, "X05", d, "人员库中状态为离职的编外人员仍有月应发工资4,300.00元")

    project = next(p for p in block.projects if p.unit_code == e.code and p.prev_code)
    block.audits.append(
        AuditFinding(
            2026,
            e.code,
            project.prev_code,
            "资金管理",
            "项目资金超范围列支，审计要求整改，截至目前未整改",
            money(18600),
            "未整改",
        )
    )
    plant(
        block,
        "X06",
        e,
        f"上年项目{project.prev_code}有未整改的审计问题（超范围列支18,600.00元）",
        project=project,
    )
    block.audits.append(
        AuditFinding(
            2025,
            f.code,
            None,
            "内部控制",
            "未建立预算业务内部控制制度，收支审批不规范",
            ZERO,
            "整改中",
        )
    )
    plant(block, "X06", f, "单位有整改中的审计问题（内部控制制度缺失）")
