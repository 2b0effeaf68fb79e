"""Planted thematic findings T02-T08: prohibited items, IT, property, staff, procurement, design, upkeep."""

from __future__ import annotations

from decimal import Decimal

from lingji.demo import recipes as rc
from lingji.demo.building import Block, Unit, make_project
from lingji.demo.items import make_line
from lingji.demo.model import Line, Project, money
from lingji.demo.plant_kit import (
    find_line,
    plant,
    refresh_requested,
    topic,
    unit_at,
    yuan,
)
from lingji.demo.templates import (
    system_build_record,
)


def custom_line(
    name: str, econ: str, unit: str, qty: int, price: int | Decimal, proc: str = ""
) -> Line:
    price = money(price)
    return Line(
        name,
        econ,
        money(price * qty),
        unit,
        qty,
        None,
        None,
        price,
        f"{qty:,}{unit}×{price:,}元/{unit}",
        "是" if proc else "否",
        proc,
    )


def _single(
    block: Block,
    unit: Unit,
    name: str,
    project_type: str,
    lines: list[Line],
    output: str,
    effect: str,
) -> Project:
    return make_project(
        block,
        unit,
        name=name,
        project_type=project_type,
        recipe=rc.Recipe(lines, rc.Output(1, "项")),
        duty=unit.dept.duties[2],
        output=output,
        effect=effect,
    )


def thematic(block: Block) -> None:
    rng = block.rng
    u = unit_at(block, "101001")
    p = _single(
        block,
        u,
        "建县60周年庆典文艺晚会",
        "专项业务",
        [
            custom_line("庆典晚会舞台搭建及灯光音响服务", "30227", "项", 1, 380000, "会务服务"),
            custom_line("文艺演出服务", "30227", "项", 1, 450000, "文艺演出服务"),
            custom_line("晚会宣传品制作", "30202", "份", 2000, 15),
        ],
        "举办庆典晚会场次",
        "群众参与度",
    )
    plant(
        block,
        "T02",
        u,
        f"庆典晚会（节庆、晚会类活动，无审批依据），申报{yuan(p.requested)}",
        project=p,
    )
    u = unit_at(block, "110001")
    p = _single(
        block,
        u,
        "机关业务用房扩建工程",
        "基建",
        [
            custom_line("业务用房主体工程", "31001", "平方米", 600, 2400, "房屋建筑工程"),
            custom_line("室外配套及装修工程", "31001", "项", 1, 180000, "房屋建筑工程"),
        ],
        "新增用房面积",
        "办公条件改善率",
    )
    plant(
        block,
        "T02",
        u,
        f"新建（扩建）办公用房600平方米，属楼堂馆所，申报{yuan(p.requested)}",
        project=p,
    )
    u = unit_at(block, "102001")
    p = _single(
        block,
        u,
        "领导办公室高档红木家具购置",
        "设备购置",
        [
            custom_line("高档红木办公桌椅", "31002", "套", 6, 28000, "家具"),
            custom_line("红木书柜", "31002", "组", 4, 36000, "家具"),
        ],
        "购置家具套数",
        "家具配置到位率",
    )
    plant(
        block,
        "T02",
        u,
        "高档红木家具（豪华装修装饰），办公桌椅28,000元/套",
        project=p,
        also=("M02",),
    )

    u = unit_at(block, "110002")
    record = system_build_record(block, u)
    wan = u.system_build_wan
    maint = make_line("it_maint", rng, history=False, quantity=wan, price=Decimal(2800))
    p = _single(
        block, u, f"{u.system}运行维护", "信息化运维", [maint], "保障运行系统", "系统年度可用率"
    )
    plant(
        block,
        "T03",
        u,
        f"系统建设投资{wan:,}万元（{record.code}），运维费{yuan(maint.amount)}即2,800元/万元（28%），"
        f"超过标准1,000元/万元（10%）",
        project=p,
        line=maint,
        excess=wan * 1800,
        also=("M01",),
    )
    u = unit_at(block, "106003")
    record = next(
        h for h in block.history if h.unit_code == u.code and h.project_type == "信息化建设"
    )
    p = make_project(
        block,
        u,
        name=record.name,
        project_type="信息化建设",
        recipe=rc.it_build_recipe(rng, record.budget * Decimal("0.25"), history=False),
        duty=u.dept.duties[3],
        output="完成平台功能模块数",
        effect="业务线上办理率",
    )
    plant(
        block,
        "T03",
        u,
        f"{record.year}年已建成{record.name}（{record.code}，预算{yuan(record.budget)}），本年再次申报建设",
        project=p,
        also=("X01",),
    )

    for base, factor, name in (
        ("104001", None, "卫生健康综合楼物业服务"),
        ("114001", Decimal("1.65"), "市场监管执法办案区物业服务"),
    ):
        u = unit_at(block, base)
        area = u.office_area if factor is None else int(u.office_area * factor)
        line = make_line(
            "property",
            rng,
            history=False,
            quantity=area * 12,
            price=Decimal("7.80") if factor is None else None,
        )
        line.basis = f"{area:,}平方米×12个月×{line.unit_price}元/平方米·月"
        p = _single(block, u, name, "物业管理", [line], "物业服务面积", "办公区安全运行保障率")
        if factor is None:
            plant(
                block,
                "T04",
                u,
                f"物业费7.80元/平方米·月，超过标准4.50元，{area:,}平方米×12个月超标{yuan(area * 12 * Decimal('3.30'))}",
                project=p,
                line=line,
                excess=area * 12 * Decimal("3.30"),
                also=("M01",),
            )
        else:
            over = (area - u.office_area) * 12 * line.unit_price
            plant(
                block,
                "T04",
                u,
                f"物业计费面积{area:,}平方米，超过单位办公用房面积{u.office_area:,}平方米",
                project=p,
                line=line,
                excess=over,
                also=("M05",),
            )

    for base, name in (("113001", "警务辅助人员经费"), ("111001", "城管协管员经费")):
        u = unit_at(block, base)
        persons = u.contract_register
        line = make_line(
            "contract_pay", rng, history=False, persons=persons, quantity=12, price=u.contract_pay
        )
        p = _single(block, u, name, "编外人员", [line], "保障编外人员", "岗位履职到位率")
        if persons > u.contract_staff:
            excess = (persons - u.contract_staff) * 12 * line.unit_price
            text = f"编外人员{persons}人，超过核定编外人数{u.contract_staff}人"
        else:
            excess = persons * 12 * (line.unit_price - 6000)
            text = f"编外人员劳务费{line.unit_price:,}元/人月，超过标准6,000元/人月"
        plant(block, "T05", u, text, project=p, line=line, excess=excess)

    u = unit_at(block, "101002")
    p = topic(block, u, "政务云灾备节点扩容", ("tech_service",), 150000, project_type="专项业务")
    server = make_line("server", rng, history=False, quantity=3, price=Decimal(58000))
    server.procurement, server.procurement_item = "否", ""
    p.lines.append(server)
    refresh_requested(p)
    plant(
        block,
        "T06",
        u,
        "服务器3台×58,000元=174,000元，属集中采购目录且超过限额，未标注政府采购",
        project=p,
        line=server,
    )
    u = unit_at(block, "104002")
    p = topic(block, u, "实验室检测设备更新", ("lab_instrument",), 240000, project_type="设备购置")
    line = find_line(p, "lab_instrument")
    line.procurement, line.procurement_item = "否", ""
    plant(
        block,
        "T06",
        u,
        f"检验检测仪器{yuan(line.amount)}，超过采购限额100,000元，未标注政府采购",
        project=p,
        line=line,
    )

    for base, name, qty, price in (
        ("107001", "城区排水管网改造工程施工图设计", 600, 900),
        ("108001", "县乡道路提档升级工程设计", 800, 600),
    ):
        u = unit_at(block, base)
        line = make_line("design", rng, history=False, quantity=qty, price=Decimal(price))
        line.basis = f"工程建安费{qty:,}万元×{price}元/万元（设计费率{price / 100:.2f}%）"
        p = _single(
            block,
            u,
            name,
            "规划设计",
            [line, *rc.expert_lines(rng, "expert_senior", history=False)],
            "完成设计项目数",
            "设计成果审查通过率",
        )
        plant(
            block,
            "T07",
            u,
            f"设计费按{price}元/万元建安费（{price / 100:.1f}%）测算，超过标准350元/万元（3.5%）",
            project=p,
            line=line,
            excess=qty * (price - 350),
            also=("M01",),
        )

    for base, name, kind, qty, price, limit in (
        ("111001", "高铁站片区环境卫生保洁", "road_clean", 60000, "14.50", "9.00"),
        ("108002", "县道沿线绿化带养护", "greening", 40000, "11.00", "6.50"),
    ):
        u = unit_at(block, base)
        line = make_line(kind, rng, history=False, quantity=qty, price=Decimal(price))
        p = _single(block, u, name, "城建管养", [line], "养护面积", "养护质量达标率")
        plant(
            block,
            "T08",
            u,
            f"{line.item_name}{price}元/平方米·年，超过定额{limit}元，{qty:,}平方米",
            project=p,
            line=line,
            excess=qty * (Decimal(price) - Decimal(limit)),
            also=("M01",),
        )
