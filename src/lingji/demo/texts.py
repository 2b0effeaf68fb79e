"""Chinese text of projects: rationale, content, overall goal and performance indicators.

Texts are assembled from variants and from the project's own figures, so that two clean
projects of different units never read alike (the duplicate check must stay quiet on them).
"""

from __future__ import annotations

import random
from decimal import Decimal

from lingji.demo.items import KINDS, PERSON_DAYS
from lingji.demo.model import Indicator, Line, cost_in_wan

_NEED = {
    "会议": (
        "为部署年度重点工作、总结交流经验，需召开专题工作会议。",
        "年度工作需要集中部署，会议是推动落实的必要环节。",
        "上级部署的新任务需要及时传达到基层，须召开会议统一思想。",
        "多项重点任务涉及多个股室和基层站所，需会商推进。",
    ),
    "培训": (
        "为提升干部职工业务能力，需组织专题培训。",
        "业务规则更新较快，需通过集中培训统一口径、提升能力。",
        "近年新进人员较多，业务熟练程度参差不齐。",
        "新业务系统上线后，操作人员亟需系统学习。",
    ),
    "信息化建设": (
        "现有业务依赖人工和分散系统，需建设统一平台提升效率。",
        "业务数据分散、共享困难，亟需建设集约化平台。",
    ),
    "信息化运维": (
        "系统已建成投入使用，需保障其安全稳定运行。",
        "系统承载日常核心业务，需要专业运维保障连续运行。",
        "质保期已满，需购买专业运维服务。",
        "系统用户和数据量持续增加，需加强运行保障。",
    ),
    "物业管理": (
        "办公场所需要日常保洁、秩序维护和设施设备维保。",
        "为保障办公区正常运转和安全，需购买物业服务。",
        "单位未配备后勤保障人员，物业服务通过政府采购方式委托。",
        "办公楼宇使用年限较长，设施设备需专业维保。",
    ),
    "规划设计": ("项目实施前需完成规划设计并通过审查。", "按照基本建设程序，需先行开展设计工作。"),
    "城建管养": (
        "城区公共设施需常态化养护，保持良好运行状态。",
        "为巩固城市管理成效，需持续开展日常管养。",
        "城区面积扩大，管养任务相应增加。",
        "管养服务通过公开招标确定作业单位，按考核结果付费。",
    ),
    "服务外包": (
        "相关事务性工作量大，本单位人员不足，需购买社会服务。",
        "采用政府购买服务方式，可提高效率、降低成本。",
        "相关业务具有阶段性、事务性特点，适合购买服务。",
    ),
    "编外人员": (
        "经核定的编外岗位承担窗口服务和辅助性工作，需保障劳务费用。",
        "编外人员按核定人数聘用，费用需纳入预算。",
        "业务量持续增长而编制有限，需通过编外用工补充力量。",
        "劳务派遣合同按年签订，费用按实有人数测算。",
    ),
    "设备购置": (
        "部分设备超过最低使用年限，故障率高，影响正常办公。",
        "按照配置标准更新已达使用年限的设备。",
        "经资产清查，部分设备已达报废条件。",
        "现有设备性能不能满足业务系统运行需要。",
    ),
    "课题研究": (
        "相关工作面临新情况新问题，需开展专题研究提供决策参考。",
        "为提高决策科学性，需委托专业机构开展研究。",
        "相关领域缺乏系统研究，基础数据不全。",
    ),
    "宣传": (
        "需通过多种渠道开展政策宣传，提高群众知晓率。",
        "为营造良好氛围，需开展集中宣传活动。",
        "群众对相关政策了解不够，咨询量大。",
        "需借助新媒体扩大政策覆盖面。",
    ),
    "专项业务": (
        "该项工作为本单位法定职责，需安排专项经费保障。",
        "工作任务量逐年增加，需专项经费支持。",
        "上级考核对该项工作提出了量化要求，需配套必要经费。",
        "该项工作专业性强，需借助第三方技术力量。",
        "群众反映集中的问题需要通过专项工作加以解决。",
        "前期试点取得成效，需在全县范围推开。",
    ),
    "补助": (
        "按照政策规定对符合条件的对象发放补助，保障基本权益。",
        "补助标准和对象由政策明确，需足额纳入预算。",
        "补助对象经乡镇初审、部门复核后公示，资金通过一卡通发放。",
        "补助标准按照上级政策动态调整。",
    ),
    "基建": (
        "现有设施老化，存在安全隐患，需实施改造。",
        "为消除安全隐患、改善使用条件，需实施工程建设。",
    ),
    "其他": (
        "保障单位正常运转的必要支出。",
        "为保障日常公务活动正常开展，需安排运转经费。",
        "公务用车实行定点加油、定点维修，费用按车辆核定。",
        "公务接待严格执行接待标准，实行公函制度。",
    ),
}

_OPENINGS = (
    "{unit}承担{duty}等职责。",
    "{duty}是{unit}的重点工作之一。",
    "按照年度工作安排，{unit}将{duty}作为全年工作重点。",
    "围绕{duty}工作要求，{unit}持续推进相关任务。",
    "{unit}按照县委县政府部署，着力{duty}。",
    "近年来，{unit}在{duty}方面开展了大量工作，仍存在短板。",
)

_SCHEDULES = (
    "{m1}月前完成方案制定和采购准备，{m2}月前完成主要任务，12月底前完成验收和绩效自评。",
    "计划于{m1}月启动实施，{m2}月底前完成全部工作内容，年底前完成资金支付。",
    "分三个阶段实施：{m1}月前为准备阶段，{m2}月前为实施阶段，其后为总结验收阶段。",
    "项目实施期为2027年全年，{m1}月完成招标或委托，{m2}月完成中期检查。",
    "资金按进度分{m1}月、{m2}月两次拨付，年底前完成绩效自评。",
    "{m1}月前明确责任股室和时间节点，按月调度，{m2}月开展“回头看”。",
)

_GOALS = (
    "通过实施本项目，{output}，{effect}，保障{duty}工作顺利推进。",
    "年度目标：{output}；{effect}；资金使用规范，项目按期完成。",
    "{output}，{effect}，服务对象满意度不低于{sat}%。",
)


def line_phrase(line: Line) -> str:
    """How the content text mentions a line."""
    kind = KINDS.get(line.kind)
    name = line.item_name
    if kind is not None and kind.mode == PERSON_DAYS:
        return f"{name}：{line.persons}人、{line.days}天"
    if line.persons:
        return f"{name}：{line.persons}人、{line.quantity}个月"
    if line.quantity is not None:
        return f"{name}{line.quantity:,}{line.unit}"
    return name


def rationale_text(rng: random.Random, project_type: str, cited: list[tuple[str, str]]) -> str:
    """立项依据: the documents relied on, then the need."""
    need = rng.choice(_NEED.get(project_type, _NEED["其他"]))
    if not cited:
        return need
    refs = "、".join(f"《{title}》（{no}）" for no, title in cited)
    lead = rng.choice(("依据", "根据", "按照"))
    return f"{lead}{refs}有关规定。{need}"


_TOPICS = {
    "培训": (
        "培训内容包括{}。",
        (
            "政策法规解读",
            "业务系统操作",
            "公文写作与信息报送",
            "廉洁从政教育",
            "安全生产知识",
            "保密知识",
            "预算绩效管理",
            "依法行政",
            "数字化办公技能",
            "应急处置",
            "群众工作方法",
        ),
    ),
    "会议": (
        "会议主要议程为{}。",
        (
            "总结上年工作",
            "部署年度重点任务",
            "通报督查情况",
            "交流典型经验",
            "签订目标责任书",
            "分析形势和问题",
            "学习上级文件精神",
        ),
    ),
    "其他": (
        "车辆主要用于{}。",
        (
            "执法检查",
            "下乡调研",
            "应急值守",
            "机要通信",
            "重大活动保障",
            "上级检查接待",
            "跨部门协调",
        ),
    ),
    "设备购置": (
        "更新原因：{}。",
        (
            "部分计算机运行缓慢、频繁死机",
            "打印设备老化、维修成本高",
            "新增业务岗位",
            "满足信息技术应用创新替代要求",
            "保障内外网物理隔离",
            "原设备已无法升级操作系统",
        ),
    ),
    "物业管理": (
        "服务内容包括{}。",
        (
            "日常保洁",
            "秩序维护",
            "设施设备维保",
            "消防安全巡查",
            "绿化养护",
            "垃圾分类",
            "会议服务",
            "门岗值守",
        ),
    ),
    "编外人员": (
        "编外人员主要从事{}等辅助性工作。",
        ("窗口服务", "档案管理", "辅助执法", "后勤保障", "信息录入", "热线接听", "数据统计"),
    ),
    "信息化运维": (
        "运维内容包括{}。",
        ("日常巡检", "故障处理", "数据备份", "安全加固", "版本升级", "用户培训", "性能优化"),
    ),
}


def _topic_sentence(rng: random.Random, project_type: str) -> str:
    if project_type not in _TOPICS:
        return ""
    template, pool = _TOPICS[project_type]
    return template.format("、".join(rng.sample(pool, rng.randint(2, 4))))


def content_text(
    rng: random.Random,
    unit_name: str,
    duties: tuple[str, ...],
    project_type: str,
    lines: list[Line],
) -> str:
    """实施内容: overview, a few lines in words, the schedule."""
    duty, focus = rng.sample(duties, 2)
    opening = rng.choice(_OPENINGS).format(unit=unit_name, duty=duty)
    focus_text = rng.choice(
        ("本项目重点服务于{}。", "项目实施将有力支撑{}。", "同时兼顾{}工作需要。")
    ).format(focus)
    need = rng.choice(_NEED.get(project_type, _NEED["其他"]))
    # the main item first (it carries the budget), then a couple of others
    shown = lines[:1] + rng.sample(lines[1:], min(2, len(lines) - 1))
    phrases = [line_phrase(ln) for ln in shown]
    if len(lines) > len(shown):
        phrases[-1] += f"等{len(lines)}项支出"
    m1 = rng.randint(2, 5)
    m2 = rng.randint(m1 + 3, 11)
    schedule = rng.choice(_SCHEDULES).format(m1=m1, m2=m2)
    topics = _topic_sentence(rng, project_type)
    if rng.random() < 0.5:
        items = "\n".join(f"{i}. {p}；" for i, p in enumerate(phrases, 1))
        return f"一、项目概述\n{opening}{need}{focus_text}\n二、主要内容\n{topics}\n{items}\n三、实施计划\n{schedule}"
    return f"{opening}{focus_text}{need}{topics}本年度主要安排：{'；'.join(phrases)}。{schedule}"


def goal_text(
    rng: random.Random, duty: str, output: str, quantity: int | Decimal, unit: str, effect: str
) -> str:
    output_part = f"{output}{quantity:,}{unit}"
    effect_part = f"{effect}达到{rng.choice((90, 92, 95, 98))}%以上"
    return rng.choice(_GOALS).format(
        output=output_part, effect=effect_part, duty=duty, sat=rng.choice((90, 92, 95))
    )


_QUALITY = {
    "设备购置": "设备验收合格率",
    "信息化建设": "系统功能验收通过率",
    "信息化运维": "系统可用率",
    "培训": "培训考核合格率",
    "会议": "会议议定事项落实率",
    "基建": "工程验收合格率",
    "城建管养": "养护质量考核达标率",
    "物业管理": "物业服务考核达标率",
    "补助": "补助对象认定准确率",
    "编外人员": "编外人员考核合格率",
    "规划设计": "设计成果审查通过率",
    "课题研究": "研究报告评审通过率",
}


def indicators(
    rng: random.Random,
    *,
    project_type: str,
    output: str,
    quantity: int | Decimal,
    unit: str,
    effect: str,
    requested: Decimal,
) -> list[Indicator]:
    """A complete, measurable set: output quantity/quality/timeliness, cost, effect, satisfaction."""
    quality = _QUALITY.get(project_type, "任务完成质量达标率")
    quality_target = "99.5" if quality == "系统可用率" else rng.choice(("95", "98", "100"))
    cost_wan = cost_in_wan(requested)
    new_style = rng.random() < 0.7
    cost = (
        Indicator("成本指标", "经济成本指标", "项目总成本", cost_wan, "万元", "≤")
        if new_style
        else Indicator("产出指标", "成本指标", "项目总成本控制数", cost_wan, "万元", "≤")
    )
    timely = (
        Indicator("产出指标", "时效指标", "任务按期完成率", "100", "%", "=")
        if rng.random() < 0.6
        else Indicator("产出指标", "时效指标", "项目完成时间", "2027年12月31日", "", "≤")
    )
    out = [
        Indicator("产出指标", "数量指标", output, f"{quantity}", unit, "≥"),
        Indicator("产出指标", "质量指标", quality, quality_target, "%", "≥"),
        timely,
        cost,
        Indicator(
            "效益指标", "社会效益指标", effect, rng.choice(("90", "92", "95", "98")), "%", "≥"
        ),
    ]
    if rng.random() < 0.3:
        out.append(Indicator("效益指标", "可持续影响指标", "长效机制建立情况", "1", "项", "≥"))
    # every clean project carries satisfaction: whether it "serves people" is a judgement
    out.append(
        Indicator(
            "满意度指标",
            "服务对象满意度指标",
            "服务对象满意度",
            rng.choice(("90", "92", "95")),
            "%",
            "≥",
        )
    )
    return out
