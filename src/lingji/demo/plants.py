"""Planted findings: every code of finding-codes.md, at least twice per block of 40 units.

`reserve` runs before the clean projects (it sets the unit data a plant relies on and keeps
clean templates away from it); `apply` runs after them and builds the planted projects.
Each plant changes one thing of an otherwise clean project, so the finding is unambiguous.
"""

from __future__ import annotations

from decimal import Decimal

from lingji.demo import plants_cross, plants_thematic
from lingji.demo import policies as pol
from lingji.demo import recipes as rc
from lingji.demo.building import DOC_TITLES, Block, Outcome, make_project
from lingji.demo.items import make_line
from lingji.demo.model import Project, money
from lingji.demo.plant_kit import (
    PROBLEM_UNITS,
    find_line,
    plant,
    refresh_requested,
    reprice,
    topic,
    unit_at,
    yuan,
)
from lingji.demo.texts import rationale_text


def reserve(block: Block) -> None:
    """Unit data the plants need, set before registers and clean projects are generated."""
    for code in PROBLEM_UNITS:
        unit_at(block, code).problem = True
    for code in ("101003", "105002"):
        unit_at(block, code).sangong_rise = True
    for code in ("105003", "112003"):
        _tiny_unit(block, code)
    plants_cross.reserve_registers(block)


def _tiny_unit(block: Block, code: str) -> None:
    """T09: a handful of staff carrying a normal budget."""
    unit = unit_at(block, code)
    unit.staff_actual = block.rng.randint(4, 6)
    unit.staff_quota = unit.staff_actual + 2
    unit.contract_staff = unit.contract_register = unit.vehicles = 0
    unit.office_area = unit.staff_actual * 30
    unit.per_capita = money(block.rng.randint(1200, 1600) * 1000)
    unit.purchases = {}


def apply(block: Block) -> None:
    _validation(block)
    _amounts(block)
    plants_thematic.thematic(block)
    plants_cross.cross_checks(block)
    plants_cross.unit_level(block)


def _validation(block: Block) -> None:
    rng = block.rng
    u = unit_at(block, "102002")
    p = topic(block, u, "政府投资项目全过程跟踪审核", ("tech_service", "expert_senior"), 260000)
    p.rationale = ""
    plant(block, "V01", u, "立项依据为空", project=p, also=())
    u = unit_at(block, "106002")
    p = topic(block, u, "重点群体就业帮扶专项行动", ("tech_service", "print_materials"), 180000)
    p.content = ""
    plant(block, "V01", u, "实施内容为空", project=p)

    for base, name, items in (
        ("107002", "在建工程安全生产标准化抽查", ("inspection", "travel_food")),
        ("110001", "自然资源执法卫片图斑核查", ("tech_service", "travel_food")),
    ):
        u = unit_at(block, base)
        p = topic(block, u, name, items, 200000)
        p.policy_refs = ""
        p.rationale = rationale_text(rng, p.project_type, [])
        plant(block, "V02", u, "政策依据为空，立项依据也未引用任何文件", project=p)

    for base, name, missing in (
        ("109001", "农村集体经济组织财务审计", pol.MISSING_DOCS[0]),
        ("116002", "山塘水库巡查管护", pol.MISSING_DOCS[1]),
    ):
        u = unit_at(block, base)
        p = topic(block, u, name, ("tech_service", "travel_food"), 220000)
        p.policy_refs = f"{u.dept.doc}；{missing}"
        p.rationale = _cite(block, p, [u.dept.doc, missing])
        plant(block, "V03", u, f"引用的{missing}不在政策文件库中", project=p)

    u = unit_at(block, "111002")
    p = topic(
        block,
        u,
        "背街小巷保洁提升",
        ("road_clean",),
        300000,
        project_type="城建管养",
        output="保洁面积",
        effect="保洁质量达标率",
    )
    p.policy_refs = f"{pol.OLD_STANDARDS}；{u.dept.doc}"
    p.rationale = _cite(block, p, [pol.OLD_STANDARDS, u.dept.doc])
    plant(block, "V04", u, f"引用的{pol.OLD_STANDARDS}已于2025-03-01废止", project=p)
    u = unit_at(block, "111003")
    p = topic(
        block,
        u,
        "城乡结合部环境综合整治",
        ("greening",),
        260000,
        project_type="城建管养",
        output="整治绿地面积",
        effect="环境整治验收合格率",
    )
    p.policy_refs = f"{pol.EXPIRED_FUND_RULES}、{u.dept.doc}"
    p.rationale = _cite(block, p, [pol.EXPIRED_FUND_RULES, u.dept.doc])
    plant(block, "V04", u, f"引用的{pol.EXPIRED_FUND_RULES}已于2025-12-31失效", project=p)

    u = unit_at(block, "104002")
    p = topic(block, u, "病媒生物监测防制", ("reagent", "inspection"), 240000)
    p.overall_goal = ""
    plant(block, "V05", u, "总体绩效目标为空", project=p, also=("V01",))
    u = unit_at(block, "106003")
    p = topic(block, u, "社会保险基金风险排查", ("tech_service", "travel_food"), 210000)
    p.indicators = []
    plant(block, "V05", u, "没有任何绩效指标", project=p, also=("V06",))

    u = unit_at(block, "105001")
    p = topic(block, u, "困境儿童关爱服务", ("tech_service", "travel_food"), 230000)
    p.indicators = [i for i in p.indicators if i.level2 not in ("时效指标", "服务对象满意度指标")]
    plant(block, "V06", u, "缺少时效指标和服务对象满意度指标（项目服务困境儿童）", project=p)
    u = unit_at(block, "108002")
    p = topic(block, u, "公路沿线安全隐患排查", ("tech_service", "travel_food"), 190000)
    p.indicators = [i for i in p.indicators if i.level1 != "效益指标"]
    plant(block, "V06", u, "缺少效益指标", project=p)

    u = unit_at(block, "112002")
    p = topic(block, u, "古籍普查登记", ("tech_service", "books"), 160000)
    next(i for i in p.indicators if i.level2 == "质量指标").target_value = "较好"
    plant(block, "V07", u, "质量指标的指标值为“较好”，不可衡量", project=p)
    u = unit_at(block, "116001")
    p = topic(block, u, "水土保持监督检查", ("tech_service", "travel_food"), 170000)
    next(i for i in p.indicators if i.level1 == "效益指标").target_value = "明显提升"
    next(i for i in p.indicators if i.level1 == "满意度指标").target_value = ""
    plant(block, "V07", u, "效益指标值为“明显提升”，满意度指标值为空", project=p)

    _lines_and_codes(block)


def _cite(block: Block, project: Project, refs: list[str]) -> str:
    """立项依据 that cites exactly the documents a plant puts into 政策依据."""
    cited = [(no, DOC_TITLES.get(no, "有关文件")) for no in refs]
    return rationale_text(block.rng, project.project_type, cited)


def _lines_and_codes(block: Block) -> None:
    u = unit_at(block, "101002")
    p = topic(block, u, "政务数据质量治理", ("tech_service", "expert_senior"), 280000)
    p.requested = p.lines_total + 70000
    plant(
        block,
        "V08",
        u,
        f"明细合计{yuan(p.lines_total)}，申报金额{yuan(p.requested)}，相差70,000.00元",
        project=p,
    )
    u = unit_at(block, "103004")
    p = topic(block, u, "教师信息技术应用能力测评", ("tech_service", "print_materials"), 240000)
    p.requested = p.lines_total - 35000
    plant(
        block,
        "V08",
        u,
        f"明细合计{yuan(p.lines_total)}，申报金额{yuan(p.requested)}，相差35,000.00元",
        project=p,
    )

    u = unit_at(block, "102003")
    p = topic(block, u, "财政票据电子化改革推广", ("tech_service", "toner"), 200000)
    line = p.lines[0]
    line.amount += 2600
    refresh_requested(p)
    plant(
        block,
        "V09",
        u,
        f"第{line.line_no}行数量{line.quantity}×单价{line.unit_price}≠金额{line.amount}（多2,600.00元）",
        project=p,
        line=line,
    )
    u = unit_at(block, "109002")
    p = topic(block, u, "农业面源污染监测", ("tech_service", "travel_food"), 210000)
    line = find_line(p, "travel_food")
    line.amount += 600
    refresh_requested(p)
    plant(
        block,
        "V09",
        u,
        f"{line.persons}人×{line.days}天×{line.unit_price}元≠金额{line.amount}（多600.00元）",
        project=p,
        line=line,
    )

    u = unit_at(block, "104001")
    p = topic(block, u, "医疗机构依法执业专项检查", ("tech_service", "travel_food"), 200000)
    line = p.lines[0]
    line.econ_code = "30288"
    plant(block, "V10", u, "经济科目编码30288不存在", project=p, line=line)
    u = unit_at(block, "114001")
    p = topic(block, u, "计量器具强制检定", ("inspection", "print_materials"), 150000)
    line = find_line(p, "print_materials")
    line.econ_code = "31088"
    plant(block, "V10", u, "经济科目编码31088不存在", project=p, line=line)

    u = unit_at(block, "106001")
    p = make_project(
        block,
        u,
        name="窗口业务便携式计算机购置",
        project_type="设备购置",
        recipe=rc.equipment_recipe(block.rng, u.purchases, history=False),
        duty=u.dept.duties[0],
        output="购置便携式计算机数量",
        effect="设备完好率",
    )
    line = find_line(p, "laptop")
    line.econ_code = "30201"
    plant(
        block,
        "V11",
        u,
        "便携式计算机（设备购置）列在30201办公费，应列31002办公设备购置",
        project=p,
        line=line,
    )
    u = unit_at(block, "108001")
    p = make_project(
        block,
        u,
        name="交通运输安全生产专题会议",
        project_type="会议",
        recipe=rc.meeting_recipe(block.rng, u.staff_actual, history=False),
        duty=u.dept.duties[1],
        output="参会人数",
        effect="会议部署事项落实率",
    )
    line = find_line(p, "meeting")
    line.econ_code = "30201"
    plant(block, "V11", u, "会议费列在30201办公费，应列30215会议费", project=p, line=line)

    u = unit_at(block, "115001")
    p = topic(block, u, "森林防灭火物资补充", ("supplies",), 180000)
    p.start_year, p.end_year = 2024, 2026
    plant(block, "V12", u, "项目期限2024—2026年，已于预算年度前结束", project=p)
    u = unit_at(block, "110002")
    p = topic(block, u, "不动产登记窗口标准化改造", ("tech_service", "print_materials"), 160000)
    p.start_year, p.end_year = 2028, 2027
    plant(block, "V12", u, "开始年度2028晚于结束年度2027", project=p)


def _amounts(block: Block) -> None:
    rng = block.rng
    u = unit_at(block, "113001")
    p = make_project(
        block,
        u,
        name="全县公安工作会议",
        project_type="会议",
        recipe=rc.Recipe(
            [
                make_line("meeting", rng, history=False, persons=60, days=2, price=Decimal(900)),
                make_line("print_materials", rng, history=False, quantity=60),
            ],
            rc.Output(60, "人"),
        ),
        duty=u.dept.duties[0],
        output="参会人数",
        effect="会议部署事项落实率",
    )
    line = p.lines[0]
    line.item_name, line.basis = "会议费", "60人×2天×900元/人天（未注明会议类别）"
    plant(
        block,
        "M01",
        u,
        "会议费900元/人天，未注明类别按一类上限760元，超标60×2×140=16,800.00元",
        project=p,
        line=line,
        excess=60 * 2 * 140,
        also=("M02",),
    )
    u = unit_at(block, "103003")
    p = make_project(
        block,
        u,
        name="教学办公台式计算机更新",
        project_type="设备购置",
        recipe=rc.equipment_recipe(rng, u.purchases, history=False),
        duty=u.dept.duties[0],
        output="更新台式计算机数量",
        effect="设备完好率",
    )
    line = find_line(p, "desktop")
    reprice(line, 6800)
    refresh_requested(p)
    plant(
        block,
        "M01",
        u,
        "台式计算机单价6,800元，超过价格上限5,000元，12台超标21,600.00元",
        project=p,
        line=line,
        excess=12 * 1800,
        also=("M02",),
    )
    u = unit_at(block, "103002")
    p = make_project(
        block,
        u,
        name="班主任专业能力提升培训",
        project_type="培训",
        recipe=rc.training_recipe(rng, 40, history=False),
        duty=u.dept.duties[1],
        output="参训人数",
        effect="培训考核合格率",
    )
    line = find_line(p, "training")
    line.persons, line.days = 40, 3
    reprice(line, 680)
    refresh_requested(p)
    plant(
        block,
        "M01",
        u,
        "三类培训680元/人天，超过综合定额550元，40人×3天超标15,600.00元",
        project=p,
        line=line,
        excess=40 * 3 * 130,
        also=("M02",),
    )

    u = unit_at(block, "112001")
    p = topic(block, u, "文明旅游宣传", ("newmedia", "poster"), 150000, project_type="宣传")
    leaflet = make_line("leaflet", rng, history=False, quantity=20000, price=Decimal("4.50"))
    p.lines.insert(0, leaflet)
    refresh_requested(p)
    plant(
        block,
        "M02",
        u,
        "宣传折页印刷4.50元/份，历史单价0.60—1.20元/份，无官方标准",
        project=p,
        line=leaflet,
    )
    u = unit_at(block, "102001")
    p = topic(block, u, "财政票据及会计档案管理", ("tech_service", "travel_food"), 160000)
    booklet = make_line("print_materials", rng, history=False, quantity=300, price=Decimal(68))
    p.lines.append(booklet)
    refresh_requested(p)
    plant(
        block,
        "M02",
        u,
        "会议资料印刷68.00元/册，历史单价6—20元/册，无官方标准",
        project=p,
        line=booklet,
    )

    for base, name, items in (
        ("109001", "农村宅基地管理服务", ("tech_service", "travel_food")),
        ("116001", "农村供水工程水质巡检", ("inspection", "travel_food")),
    ):
        u = unit_at(block, base)
        outcome = Outcome(ratio=(1.0, 1.08), growth=(1.01, 1.05), last_rate=(0.42, 0.48))
        p = topic(block, u, name, items, 260000, continuing=True, outcome=outcome)
        last = next(h for h in block.history if h.code == p.prev_code)
        rate = last.executed / last.budget
        plant(
            block,
            "M03",
            u,
            f"上年执行率{rate:.1%}（预算{yuan(last.budget)}，执行{yuan(last.executed)}），本年申报{yuan(p.requested)}未压减",
            project=p,
        )

    for base, name in (("101001", "政务服务效能评估"), ("107001", "住房保障对象资格复核")):
        u = unit_at(block, base)
        outcome = Outcome(ratio=(1.4, 2.0), growth=(1.5, 1.6))
        p = topic(
            block,
            u,
            name,
            ("tech_service", "expert_senior"),
            300000,
            continuing=True,
            outcome=outcome,
        )
        p.policy_refs = f"{pol.ZERO_BASE_PLAN}；{pol.BUDGET_LAW_RULES}"
        p.rationale = rationale_text(rng, p.project_type, [])
        last = next(h for h in block.history if h.code == p.prev_code)
        plant(
            block,
            "M04",
            u,
            f"申报{yuan(p.requested)}，比上年预算{yuan(last.budget)}增长{p.requested / last.budget - 1:.1%}，"
            "未提供新增政策依据（所引文件均为2024年及以前）",
            project=p,
        )

    u = unit_at(block, "102002")
    p = make_project(
        block,
        u,
        name="造价审核业务培训",
        project_type="培训",
        recipe=rc.Recipe(
            [
                make_line("training", rng, history=False, persons=150, days=2, price=Decimal(450)),
                make_line("textbooks", rng, history=False, quantity=150),
            ],
            rc.Output(150, "人"),
        ),
        duty=u.dept.duties[0],
        output="参训人数",
        effect="培训考核合格率",
    )
    plant(block, "M05", u, f"培训150人，单位在编仅{u.staff_actual}人", project=p, line=p.lines[0])
    u = unit_at(block, "106002")
    line = make_line("meeting", rng, history=False, persons=90, days=1, price=Decimal(480))
    line.basis = f"三类会议，{line.basis}"
    p = make_project(
        block,
        u,
        name="就业服务工作推进会",
        project_type="会议",
        recipe=rc.Recipe([line], rc.Output(90, "人")),
        duty=u.dept.duties[0],
        output="参会人数",
        effect="会议部署事项落实率",
    )
    plant(block, "M05", u, f"会议90人，单位在编仅{u.staff_actual}人", project=p, line=line)
