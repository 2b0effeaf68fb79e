"""Kinds of expenditure items: economic code, measure, price bands, procurement.

Each kind has two price bands. History lines draw from the wide band, which stays within
the official or bureau standard; clean budget-year lines draw from the middle of it, so a
range learned from history contains them. Every price sits on a step grid of whole fen.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from lingji.demo.model import Line, money, pick_price

#: persons × days × price (meetings, training, travel, experts)
PERSON_DAYS = "pd"
#: persons × months × price (personnel-based lines; quantity holds the months)
PERSON_MONTHS = "pm"


@dataclass(frozen=True, slots=True)
class ItemKind:
    key: str
    name: str
    econ: str
    unit: str
    mode: str
    history_band: tuple[Decimal, Decimal]
    clean_band: tuple[Decimal, Decimal]
    step: Decimal
    procurement_item: str = ""
    #: the measure in the basis text, e.g. 元/人天
    price_unit: str = ""


#: key | 明细名称 | econ | measure | mode | history band | clean band | step | procurement item | price unit
_TABLE = """
# meetings, training, travel, experts: national standards (domain-facts 1.1-1.3, 1.8)
meeting | 会议费（三类会议） | 30215 | 人天 | pd | 300-550 | 380-520 | 10
training | 培训费（三类培训） | 30216 | 人天 | pd | 300-550 | 380-520 | 10
travel_food | 差旅费（伙食补助） | 30211 | 人天 | pd | 100-100 | 100-100 | 1
travel_local | 差旅费（市内交通费） | 30211 | 人天 | pd | 80-80 | 80-80 | 1
travel_hotel | 差旅费（住宿费） | 30211 | 人天 | pd | 200-350 | 240-330 | 10
expert_senior | 专家咨询费（高级职称） | 30203 | 人天 | pd | 1500-2400 | 1600-2200 | 100
expert_other | 专家咨询费（其他人员） | 30203 | 人天 | pd | 900-1500 | 1000-1400 | 100
lecture | 讲课费（副高级职称） | 30226 | 学时 | q | 300-500 | 350-480 | 10
lecture_full | 讲课费（正高级职称） | 30226 | 学时 | q | 600-1000 | 700-950 | 10
# printing and publicity
print_materials | 会议资料印刷 | 30202 | 册 | q | 6-20 | 8-16 | 0.5
textbooks | 培训教材资料印刷 | 30202 | 册 | q | 20-45 | 25-40 | 1
leaflet | 宣传折页印刷 | 30202 | 份 | q | 0.60-1.20 | 0.75-1.05 | 0.05
poster | 宣传展板制作 | 30202 | 块 | q | 150-400 | 180-350 | 10
report_print | 研究报告印制 | 30202 | 册 | q | 30-80 | 40-70 | 1
newmedia | 新媒体宣传推广服务 | 30227 | 月 | q | 6000-20000 | 8000-16000 | 500 | 宣传服务
toner | 打印耗材（硒鼓） | 30201 | 个 | q | 180-420 | 220-360 | 10
# office equipment: price caps of the central configuration standard (domain-facts 1.7)
desktop | 台式计算机 | 31002 | 台 | q | 3800-5000 | 4200-4800 | 50 | 台式计算机
laptop | 便携式计算机 | 31002 | 台 | q | 5000-7000 | 5600-6600 | 50 | 便携式计算机
printer | A4黑白打印机 | 31002 | 台 | q | 800-1200 | 900-1100 | 10 | 打印设备
copier | 复印机 | 31002 | 台 | q | 15000-35000 | 20000-30000 | 500 | 复印机
projector | 投影仪 | 31002 | 台 | q | 3000-8000 | 4000-6500 | 100 | 投影仪
mfp | 多功能一体机 | 31002 | 台 | q | 1800-3000 | 2000-2800 | 50 | 多功能一体机
server | 服务器 | 31002 | 台 | q | 35000-80000 | 45000-65000 | 1000 | 服务器
desk | 办公桌 | 31002 | 张 | q | 1200-2500 | 1400-2200 | 50 | 家具
# information systems
software_dev | 应用软件开发 | 31007 | 人月 | q | 18000-28000 | 20000-26000 | 500 | 软件开发服务
security_assess | 网络安全等级保护测评 | 30227 | 系统 | q | 35000-60000 | 40000-55000 | 1000 | 信息技术服务
it_maint | 信息系统运行维护服务 | 30213 | 万元（建设投资） | q | 500-1000 | 600-850 | 10 | 运行维护服务 | 元/万元建设投资
line_rental | 网络专线租赁 | 30214 | 月 | q | 1500-3500 | 1800-3000 | 100
# buildings and the city: bureau standards in 支出标准 (澜溪财预〔2025〕9号)
property | 物业管理费 | 30209 | 平方米·月 | q | 2.80-4.50 | 3.20-4.20 | 0.05 | 物业管理服务
elevator | 电梯维护保养 | 30213 | 台·年 | q | 6000-12000 | 7000-10000 | 500 | 维修和保养服务
fire_maint | 消防设施维护保养 | 30213 | 平方米·年 | q | 1.5-3.5 | 1.8-3.0 | 0.1 | 维修和保养服务
design | 施工图设计费 | 30227 | 万元（建安费） | q | 200-350 | 240-320 | 5 | 工程设计服务 | 元/万元建安费
plan_village | 村庄规划编制 | 30227 | 个 | q | 60000-150000 | 80000-130000 | 1000 | 规划服务
road_clean | 道路清扫保洁 | 30227 | 平方米·年 | q | 5.5-9.0 | 6.2-8.4 | 0.1 | 环境卫生服务
greening | 绿化养护 | 30227 | 平方米·年 | q | 3.8-6.5 | 4.4-6.0 | 0.1 | 绿化服务
streetlight | 路灯维护 | 30213 | 盏·年 | q | 120-180 | 130-170 | 5 | 维修和保养服务
toilet | 公厕保洁管理 | 30227 | 座·年 | q | 18000-30000 | 20000-27000 | 500 | 环境卫生服务
rural_road | 农村公路日常养护 | 30213 | 公里·年 | q | 8000-15000 | 9000-13000 | 100 | 维修和保养服务
canal | 渠道维修养护 | 30213 | 米 | q | 80-200 | 100-170 | 5 | 维修和保养服务
school_repair | 校舍维修改造工程 | 31006 | 平方米 | q | 600-1200 | 700-1100 | 10 | 修缮工程
road_rebuild | 道路改造工程 | 31005 | 平方米 | q | 280-420 | 300-400 | 5 | 市政道路工程
retrofit | 公共机构节能改造工程 | 31006 | 平方米 | q | 150-320 | 180-280 | 5 | 修缮工程
# personnel-based lines: bureau standard 6,000 元/人月
contract_pay | 编外人员劳务费 | 30226 | 月 | pm | 3600-6000 | 4000-5500 | 100 |  | 元/人月
contract_social | 编外人员单位缴纳社会保险费 | 30226 | 人月 | q | 900-1500 | 1000-1400 | 50
# services and materials of specific tasks
tech_service | 专业技术服务 | 30227 | 人月 | q | 9000-16000 | 10000-14000 | 500 | 专业技术服务
research | 课题研究委托服务 | 30227 | 人月 | q | 12000-18000 | 13000-16000 | 500 | 研究和试验开发服务
inspection | 检验检测服务 | 30227 | 批次 | q | 800-2500 | 1000-2000 | 50 | 检测服务
bridge_check | 桥梁定期检测 | 30227 | 座 | q | 8000-20000 | 10000-17000 | 500 | 检测服务
screening | 健康筛查服务 | 30227 | 人次 | q | 80-200 | 100-170 | 5 | 医疗服务
archive_digit | 档案数字化加工 | 30227 | 页 | q | 0.40-0.90 | 0.50-0.80 | 0.05 | 档案服务
hotline | 热线工单处理服务 | 30227 | 件 | q | 8-20 | 10-16 | 0.5 | 呼叫中心服务
drill | 应急演练组织服务 | 30227 | 场次 | q | 15000-40000 | 18000-35000 | 1000 | 会务服务
culture_class | 群众文化辅导活动组织服务 | 30227 | 场次 | q | 8000-25000 | 10000-20000 | 500 | 文化服务
vaccine | 动物疫苗 | 30218 | 头份 | q | 0.30-1.20 | 0.40-1.00 | 0.05 | 兽用药品
reagent | 检测试剂耗材 | 30218 | 盒 | q | 200-600 | 250-500 | 10 | 医用耗材
books | 图书资料 | 30218 | 册 | q | 35-60 | 38-55 | 1 | 图书
recorder | 执法记录仪 | 31003 | 台 | q | 1500-3000 | 1800-2600 | 50 | 执法记录仪
lab_instrument | 检验检测仪器 | 31003 | 台 | q | 60000-180000 | 80000-150000 | 1000 | 分析仪器
roller | 小型压路机 | 31003 | 台 | q | 80000-150000 | 90000-130000 | 1000 | 工程机械
supplies | 应急救灾物资（帐篷、折叠床） | 31008 | 套 | q | 1500-3000 | 1800-2600 | 50 | 应急物资
# subsidies to households: quantity only, no persons, so they are not read as staff
student_aid | 家庭经济困难学生资助 | 30399 | 人·年 | q | 1000-2500 | 1200-2200 | 100
hardship_aid | 困难群众临时救助 | 30399 | 人次 | q | 800-2000 | 1000-1800 | 50
elderly_aid | 高龄津贴 | 30399 | 人·月 | q | 100-300 | 100-200 | 50
care_aid | 特困人员供养金 | 30399 | 人·月 | q | 1200-1800 | 1300-1700 | 50
skill_aid | 职业技能培训补贴 | 30399 | 人次 | q | 800-1500 | 900-1400 | 50
vet_aid | 村级动物防疫员补助 | 30399 | 人·年 | q | 3000-6000 | 3600-5400 | 100
# 三公: vehicle running (30231) and official reception (30217)
vehicle_fuel | 公务用车燃油费 | 30231 | 辆·年 | q | 6000-12000 | 7000-10000 | 100
vehicle_repair | 公务用车维修保养及保险费 | 30231 | 辆·年 | q | 3000-7000 | 3500-6000 | 100
reception | 公务接待费 | 30217 | 批次 | q | 400-1500 | 500-1200 | 50
"""


def _band(text: str) -> tuple[Decimal, Decimal]:
    low, high = text.split("-")
    return Decimal(low), Decimal(high)


def _parse(text: str) -> tuple[ItemKind, ...]:
    kinds = []
    for line in text.strip().splitlines():
        if line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")] + ["", ""]
        key, name, econ, unit, mode, hist, clean, step, proc, price_unit = fields[:10]
        kinds.append(
            ItemKind(
                key,
                name,
                econ,
                unit,
                mode,
                _band(hist),
                _band(clean),
                Decimal(step),
                proc,
                price_unit or f"元/{unit}",
            )
        )
    return tuple(kinds)


_KINDS = _parse(_TABLE)
KINDS: dict[str, ItemKind] = {k.key: k for k in _KINDS}

#: the economic codes the generator treats as existing (domain-facts 2.5, sources P/T/J)
ECON_CODES = frozenset(
    "30101 30102 30103 30107 30108 30109 30110 30112 30113 30199 30201 30202 30203 30204 "
    "30205 30206 30207 30208 30209 30211 30212 30213 30214 30215 30216 30217 30218 30226 "
    "30227 30228 30229 30231 30239 30299 30302 30399 31001 31002 31003 31005 31006 31007 "
    "31008 31013 31019 31021 31022 31099".split()
)

#: asset classes of the register, keyed like the item kinds that buy them
ASSET_CLASSES = {
    "desktop": "台式计算机",
    "laptop": "便携式计算机",
    "printer": "打印机",
    "copier": "复印机",
    "projector": "投影仪",
    "mfp": "多功能一体机",
    "server": "服务器",
    "desk": "办公桌",
}


#: paid to people or through designated suppliers, never procured (meetings, travel, pay, subsidies)
NOT_PROCURED_CODES = frozenset(
    "30203 30211 30212 30215 30216 30217 30226 30231 30302 30399".split()
)
#: bureau threshold (LX-BZ-011): goods and services at or above it go through procurement
PROCUREMENT_THRESHOLD = Decimal(100000)
_DEFAULT_PROCUREMENT_ITEM = {"30201": "办公用品", "30202": "印刷服务", "30214": "租赁服务"}


def procurement_for(kind: ItemKind, amount: Decimal) -> tuple[str, str]:
    """(是否政府采购, 采购品目): catalogue items always, other goods and services above the threshold."""
    if kind.procurement_item:
        return "是", kind.procurement_item
    if amount >= PROCUREMENT_THRESHOLD and kind.econ not in NOT_PROCURED_CODES:
        return "是", _DEFAULT_PROCUREMENT_ITEM.get(kind.econ, "其他服务")
    return "否", ""


def _fmt(value: Decimal | int) -> str:
    return f"{value:,}"


def basis_text(kind: ItemKind, line: Line) -> str:
    """How the amount was computed, as a reviewer writes it."""
    price = _fmt(line.unit_price)
    if kind.mode == PERSON_DAYS:
        return f"{line.persons}人×{line.days}天×{price}{kind.price_unit}"
    if kind.mode == PERSON_MONTHS:
        return f"{line.persons}人×{line.quantity}个月×{price}{kind.price_unit}"
    return f"{_fmt(line.quantity)}{kind.unit}×{price}{kind.price_unit}"


def make_line(
    kind_key: str,
    rng: random.Random,
    *,
    history: bool,
    quantity: int | None = None,
    persons: int | None = None,
    days: int | None = None,
    price: Decimal | None = None,
) -> Line:
    """One line of the kind; the amount is exactly price × every measure given."""
    kind = KINDS[kind_key]
    if price is None:
        band = kind.history_band if history else kind.clean_band
        price = pick_price(rng, band, kind.step)
    factor = 1
    for measure in (quantity, persons, days):
        if measure is not None:
            factor *= measure
    amount = money(price * factor)
    procurement, procurement_item = procurement_for(kind, amount)
    line = Line(
        item_name=kind.name,
        econ_code=kind.econ,
        amount=amount,
        unit=kind.unit,
        quantity=quantity,
        persons=persons,
        days=days,
        unit_price=money(price),
        procurement=procurement,
        procurement_item=procurement_item,
        kind=kind_key,
    )
    line.basis = basis_text(kind, line)
    return line


def reprice_line(line: Line, price: Decimal) -> None:
    """A new unit price; amount, basis text and procurement follow it."""
    old, line.unit_price = line.unit_price, money(price)
    factor = 1
    for measure in (line.quantity, line.persons, line.days):
        if measure is not None:
            factor *= measure
    line.amount = money(line.unit_price * factor)
    kind = KINDS.get(line.kind)
    if kind is None:
        return
    if old is not None and _fmt(old) in line.basis:
        line.basis = line.basis.replace(_fmt(old), _fmt(line.unit_price))
    else:
        line.basis = basis_text(kind, line)
    line.procurement, line.procurement_item = procurement_for(kind, line.amount)


def anchor_prices(lines: list[Line], current: list[Line], rng: random.Random) -> None:
    """Last years' prices of a continuing project stay near this year's: one contract, one rate.

    Prices drift 0-12 % below this year's and stay inside the history band, so a range
    learned from history holds the budget year's price.
    """
    anchors = {ln.kind: ln.unit_price for ln in current if ln.unit_price is not None}
    for line in lines:
        anchor = anchors.get(line.kind)
        kind = KINDS.get(line.kind)
        if anchor is None or kind is None:
            continue
        low, high = kind.history_band
        # pay rates are fixed by contract and by the personnel register: they do not drift
        drift = 1.0 if kind.mode == PERSON_MONTHS else rng.uniform(0.88, 1.0)
        drifted = anchor * Decimal(str(drift))
        steps = ((drifted - low) / kind.step).to_integral_value(ROUND_FLOOR)
        reprice_line(line, min(high, max(low, low + steps * kind.step)))


def line_for_amount(kind_key: str, rng: random.Random, target: Decimal, *, history: bool) -> Line:
    """A quantity line whose amount comes close to the target (at least one unit)."""
    kind = KINDS[kind_key]
    band = kind.history_band if history else kind.clean_band
    price = pick_price(rng, band, kind.step)
    quantity = max(1, int(target / price))
    return make_line(kind_key, rng, history=history, quantity=quantity, price=price)
