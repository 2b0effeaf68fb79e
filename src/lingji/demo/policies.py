"""The policy library and the bureau's expenditure standards of the demo county.

Central documents carry their real 文号 (only those named in domain-facts.md or certain),
with a short summary marked as such instead of an invented 正文. County documents are
fictional and say so by their issuer (澜溪县, 澜州市 do not exist).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from lingji.demo.catalog import COUNTY, DEPARTMENTS

SUMMARY_NOTE = "【演示摘要】本条目为演示数据所作的要点摘要，不是文件原文，条文以正式发布文本为准。"


@dataclass(frozen=True, slots=True)
class PolicyDoc:
    doc_no: str
    title: str
    issuer: str
    issued: dt.date | None
    level: str
    status: str
    expires: dt.date | None
    text: str


@dataclass(frozen=True, slots=True)
class Standard:
    std_code: str
    std_name: str
    econ_code: str
    keywords: str
    basis_unit: str
    limit: Decimal
    source_doc: str
    region: str = COUNTY


# doc numbers cited by the generator
BUDGET_REFORM = "国发〔2021〕5号"
MEETING_RULES = "财行〔2016〕214号"
TRAINING_RULES = "财行〔2016〕540号"
TRAVEL_RULES = "财行〔2013〕531号"
INDICATOR_GUIDE = "财预〔2021〕101号"
EXPERT_FEES = "财科教〔2017〕128号"
BUDGET_LAW_RULES = "国务院令第729号"
PROCUREMENT_RULES = "国务院令第658号"
ZERO_BASE_PLAN = "澜溪府发〔2024〕8号"
BUDGET_NOTICE = "澜溪财预〔2026〕15号"
COUNTY_STANDARDS = "澜溪财预〔2025〕9号"
OLD_STANDARDS = "澜溪财预〔2019〕12号"
EXPIRED_FUND_RULES = "澜溪府办发〔2020〕21号"
LOCAL_MEETING_RULES = "澜溪财行〔2024〕3号"
LOCAL_TRAINING_RULES = "澜溪财行〔2024〕4号"
EQUIPMENT_RULES = "澜溪财资〔2024〕2号"
IT_RULES = "澜溪府办发〔2025〕11号"
PROCUREMENT_CATALOGUE = "澜溪财采〔2025〕1号"
CITY_INDICATORS = "澜州财预〔2024〕20号"
#: cited by planted V03 projects; deliberately absent from the library
MISSING_DOCS = ("澜溪府办发〔2023〕99号", "澜溪农发〔2022〕14号")

_CENTRAL = (
    (
        BUDGET_REFORM,
        "国务院关于进一步深化预算管理制度改革的意见",
        "国务院",
        None,
        "国务院文件",
        "要点一：加大预算收入统筹力度，增强财政保障能力。\n要点二：规范预算支出管理，推进财政支出标准化，"
        "积极运用零基预算理念，打破支出固化僵化格局，合理确定支出预算规模。\n要点三：严格预算编制管理，"
        "增强财政预算完整性；加强预算执行和绩效管理，推进预算和绩效管理一体化。\n要点四：加强风险防控，"
        "增强财政可持续性；增强预算约束力，严禁超预算、无预算安排支出。",
    ),
    (
        MEETING_RULES,
        "中央和国家机关会议费管理办法",
        "财政部、国管局、中直管理局",
        None,
        "部门文件",
        "要点一：会议实行分类管理，会议费开支实行综合定额控制，各项费用之间可以调剂使用。\n"
        "要点二：综合定额标准（元/人天）：一类会议760（住宿费500、伙食费150、其他费用110）；"
        "二类会议650（400、150、100）；三类、四类会议550（340、130、80）。\n"
        "要点三：二、三、四类会议会期均不得超过2天。\n要点四：会议费开支范围包括会议住宿费、伙食费、"
        "会议室租金、交通费、文件印刷费、医药费等；城市间交通费按差旅费规定回单位报销。\n"
        "要点五：自2016年7月1日起施行。",
    ),
    (
        TRAINING_RULES,
        "中央和国家机关培训费管理办法",
        "财政部、中共中央组织部、国家公务员局",
        None,
        "部门文件",
        "要点一：培训分为三类：一类为省部级及相应人员，二类为司局级人员，三类为处级及以下人员。\n"
        "要点二：除师资费外，培训费实行分类综合定额标准，分项核定、总额控制：一类760元/人天，"
        "二类650元/人天，三类550元/人天。\n要点三：30天以内的培训按照综合定额标准控制；"
        "超过30天的，超过天数按照综合定额标准的70%控制；报到、撤离时间分别不得超过1天。\n"
        "要点四：讲课费（税后）副高级技术职称专业人员每学时最高不超过500元，正高级不超过1000元，"
        "院士、全国知名专家一般不超过1500元。",
    ),
    (
        TRAVEL_RULES,
        "中央和国家机关差旅费管理办法",
        "财政部",
        None,
        "部门文件",
        "要点一：差旅费包括城市间交通费、住宿费、伙食补助费和市内交通费。\n"
        "要点二：伙食补助费按出差自然（日历）天数计算，每人每天100元（西藏、青海、新疆120元）。\n"
        "要点三：市内交通费按出差自然（日历）天数计算，每人每天80元包干使用。\n"
        "要点四：住宿费在规定的限额标准内凭据报销。",
    ),
    (
        INDICATOR_GUIDE,
        "中央部门项目支出核心绩效目标和指标设置及取值指引（试行）",
        "财政部",
        dt.date(2021, 8, 18),
        "部门文件",
        "要点一：绩效指标包括产出指标、效益指标、满意度指标和成本指标。\n要点二：产出指标细分为数量、"
        "质量、时效指标；成本指标包括经济成本、社会成本、生态环境成本指标。\n要点三：指标值应当清晰、"
        "可衡量，优先使用定量指标；定性指标应可评判。",
    ),
    (
        EXPERT_FEES,
        "中央财政科研项目专家咨询费管理办法",
        "财政部",
        None,
        "部门文件",
        "要点一：高级专业技术职称人员的专家咨询费标准为1500—2400元/人天，其他专业人员为900—1500元/人天。\n"
        "要点二：会议形式组织的咨询，半天按60%执行；超过两天的，第三天及以后按50%执行。\n"
        "要点三：通讯形式组织的咨询，按次计算，每次按标准的20%—50%执行。",
    ),
    (
        BUDGET_LAW_RULES,
        "中华人民共和国预算法实施条例",
        "国务院",
        dt.date(2020, 8, 3),
        "行政法规",
        "要点一：各部门、各单位应当按照本级政府财政部门的要求编制部门预算。\n"
        "要点二：项目支出应当遵循绩效管理要求，实行项目库管理。\n要点三：各级预算应当厉行节约、勤俭办事，"
        "严格控制各项支出。",
    ),
    (
        PROCUREMENT_RULES,
        "中华人民共和国政府采购法实施条例",
        "国务院",
        dt.date(2015, 1, 30),
        "行政法规",
        "要点一：集中采购目录以内的货物、工程和服务，以及采购限额标准以上的货物、工程和服务，应当依法实行政府采购。\n"
        "要点二：采购人应当根据集中采购目录、采购限额标准和已批复的部门预算编制政府采购实施计划。",
    ),
)


def _articles(*clauses: str) -> str:
    numerals = "一二三四五六七八九十"
    out = []
    for i, clause in enumerate(clauses, 1):
        label = numerals[i - 1] if i <= 10 else "十" + numerals[i - 11]
        out.append(f"第{label}条 {clause}")
    return "\n".join(out)


def _local_docs() -> list[PolicyDoc]:
    gov, fin = f"{COUNTY}人民政府", f"{COUNTY}财政局"
    office = f"{COUNTY}人民政府办公室"
    docs = [
        PolicyDoc(
            ZERO_BASE_PLAN,
            f"{COUNTY}全面实施零基预算改革实施方案",
            gov,
            dt.date(2024, 3, 18),
            "县级文件",
            "有效",
            None,
            _articles(
                "为贯彻落实国发〔2021〕5号文件精神，打破支出固化僵化格局，制定本方案。",
                "县级预算项目一律以零为基点，按照必要性、重要性、规范性和绩效情况重新审核。",
                "上年执行率低于60%的项目，原则上按未执行比例压减预算。",
                "绩效评价结果为中的项目按一定比例核减，为差的项目原则上取消或暂停安排。",
                "项目申报金额较上年增长超过20%的，须提供新增政策依据。",
                "三公经费只减不增；严禁新建楼堂馆所，严控节庆、论坛、晚会等活动。",
            ),
        ),
        PolicyDoc(
            BUDGET_NOTICE,
            "关于编制2027年县级部门预算的通知",
            fin,
            dt.date(2026, 7, 10),
            "部门文件",
            "有效",
            None,
            _articles(
                "2027年部门预算按照零基预算要求编制，所有项目纳入项目库管理。",
                "项目申报须明确政策依据、立项依据、实施内容、总体绩效目标和绩效指标，测算明细与申报金额一致。",
                "支出标准按照国家和本县有关规定执行，本县支出标准见澜溪财预〔2025〕9号。",
                "财政部门根据审核结果和财力情况下达部门预算控制数。",
            ),
        ),
        PolicyDoc(
            COUNTY_STANDARDS,
            f"{COUNTY}县级项目支出标准（试行）",
            fin,
            dt.date(2025, 2, 20),
            "部门文件",
            "有效",
            None,
            _articles(
                "本标准适用于县级行政事业单位项目支出预算编制和审核。",
                "行政办公用房物业管理费不超过4.50元/平方米·月，计费面积不得超过单位核定的办公用房面积。",
                "信息系统年度运行维护费不超过系统建设投资的10%（即1000元/万元建设投资）；已建成系统不得重复立项建设。",
                "工程施工图设计费不超过建安工程费的3.5%（即350元/万元建安费）。",
                "城区道路清扫保洁不超过9.00元/平方米·年，公共绿地养护不超过6.50元/平方米·年，路灯维护不超过180元/盏·年，公厕保洁管理不超过30000元/座·年。",
                "电梯维护保养不超过12000元/台·年，消防设施维护保养不超过3.50元/平方米·年。",
                "编外人员劳务费不超过6000元/人·月，编外人员数量不得超过机构编制部门核定的编外人数。",
                "本标准自2025年3月1日起施行，澜溪财预〔2019〕12号同时废止。",
            ),
        ),
        PolicyDoc(
            OLD_STANDARDS,
            f"{COUNTY}县级项目支出定额标准",
            fin,
            dt.date(2019, 4, 2),
            "部门文件",
            "废止",
            dt.date(2025, 3, 1),
            _articles(
                "行政办公用房物业管理费不超过3.50元/平方米·月。",
                "城区道路清扫保洁不超过7.00元/平方米·年。",
                "本标准已被澜溪财预〔2025〕9号废止。",
            ),
        ),
        PolicyDoc(
            EXPIRED_FUND_RULES,
            f"{COUNTY}城乡环境综合整治专项资金管理办法",
            office,
            dt.date(2020, 6, 15),
            "县级文件",
            "失效",
            dt.date(2025, 12, 31),
            _articles("专项资金用于城乡环境综合整治。", "本办法有效期五年，至2025年12月31日止。"),
        ),
        PolicyDoc(
            LOCAL_MEETING_RULES,
            f"{COUNTY}县级机关会议费管理办法",
            fin,
            dt.date(2024, 1, 12),
            "部门文件",
            "有效",
            None,
            _articles(
                "会议分类和综合定额标准按照《中央和国家机关会议费管理办法》（财行〔2016〕214号）执行。",
                "会议费预算应当注明会议类别、参会人数、会期和标准；二、三、四类会议会期不得超过2天。",
                "严禁借会议名义组织宴请、游览，严禁超标准开支。",
            ),
        ),
        PolicyDoc(
            LOCAL_TRAINING_RULES,
            f"{COUNTY}县级机关培训费管理办法",
            fin,
            dt.date(2024, 1, 12),
            "部门文件",
            "有效",
            None,
            _articles(
                "培训费综合定额标准按照《中央和国家机关培训费管理办法》（财行〔2016〕540号）执行。",
                "培训费预算应当注明培训类别、参训人数、天数和标准；参训人员原则上为本单位工作人员。",
                "讲课费按照副高级职称每学时不超过500元、正高级不超过1000元执行。",
            ),
        ),
        PolicyDoc(
            EQUIPMENT_RULES,
            f"{COUNTY}县级行政事业单位通用办公设备配置标准",
            fin,
            dt.date(2024, 5, 8),
            "部门文件",
            "有效",
            None,
            _articles(
                "台式计算机价格上限5000元，按编制内实有人数的100%配置；便携式计算机价格上限7000元，不超过实有人数的50%。",
                "A4黑白打印机价格上限1200元，打印机合计不超过实有人数的80%；复印机价格上限35000元，100人以内每20人配置1台。",
                "多功能一体机价格上限3000元。上述设备最低使用年限为6年，未达年限且能正常使用的不得更新。",
                "单位存在闲置同类资产的，应当优先调剂使用，不得新购。",
            ),
        ),
        PolicyDoc(
            IT_RULES,
            f"{COUNTY}政务信息化项目建设管理办法",
            office,
            dt.date(2025, 4, 1),
            "县级文件",
            "有效",
            None,
            _articles(
                "政务信息化项目实行统筹规划、集约建设，严禁重复建设。",
                "运行维护费按照澜溪财预〔2025〕9号规定的比例核定。",
                "信息化项目须通过网络安全等级保护测评后方可上线运行。",
            ),
        ),
        PolicyDoc(
            PROCUREMENT_CATALOGUE,
            f"{COUNTY}2025—2027年政府集中采购目录及限额标准",
            fin,
            dt.date(2025, 1, 6),
            "部门文件",
            "有效",
            None,
            _articles(
                "计算机、打印设备、复印机、投影仪、多功能一体机、服务器、家具、物业管理服务、信息技术服务纳入集中采购目录。",
                "集中采购目录以外、单项或批量金额达到10万元以上的货物和服务，应当实行分散采购。",
                "采购人编制预算时应当如实标注是否政府采购及采购品目。",
            ),
        ),
        PolicyDoc(
            CITY_INDICATORS,
            "澜州市关于加强市县预算绩效目标管理的通知",
            "澜州市财政局",
            dt.date(2024, 9, 2),
            "市级文件",
            "有效",
            None,
            _articles(
                "项目绩效目标应当包括产出、效益、满意度和成本指标，产出指标应当覆盖数量、质量、时效。",
                "指标值应当量化，不得使用“较好”“明显提升”“有所改善”等不可衡量的表述。",
            ),
        ),
        PolicyDoc(
            "澜溪教发〔2018〕6号",
            "澜溪县中小学校舍维修管理暂行办法",
            f"{COUNTY}教育局",
            dt.date(2018, 3, 9),
            "部门文件",
            "废止",
            dt.date(2023, 8, 1),
            _articles("校舍维修项目由学校申报、教育局审核。", "本办法自2023年8月1日起废止。"),
        ),
    ]
    docs.extend(_department_docs())
    return docs


def _department_docs() -> list[PolicyDoc]:
    docs = []
    for i, dept in enumerate(DEPARTMENTS):
        if dept.doc == BUDGET_NOTICE:
            continue
        name = dept.head.short
        duties = dept.duties
        text = _articles(
            f"为{duties[0]}，结合本县实际，制定本方案。",
            "主要任务："
            + "；".join(f"（{n}）{d}" for n, d in zip("一二三四五六", duties, strict=False))
            + "。",
            "各有关单位应当将所需经费纳入年度部门预算，按照零基预算要求申报项目并设置绩效目标。",
            "本方案执行期为2025年至2027年。",
        )
        issued = dt.date(2025, 1 + i % 9, 5 + i)
        title = f"{COUNTY}{name[1:]}关于印发2025—2027年重点工作方案的通知"
        docs.append(
            PolicyDoc(
                dept.doc, title, f"{COUNTY}{name[1:]}", issued, "部门文件", "有效", None, text
            )
        )
    return docs


def policy_documents() -> list[PolicyDoc]:
    central = [
        PolicyDoc(no, title, issuer, issued, level, "有效", None, SUMMARY_NOTE + "\n" + text)
        for no, title, issuer, issued, level, text in _CENTRAL
    ]
    return central + _local_docs()


def _std(code, name, econ, keywords, unit, limit, source=COUNTY_STANDARDS):
    return Standard(code, name, econ, keywords, unit, Decimal(limit), source)


#: bureau thresholds that domain-facts.md lacks ([未找到]); the demo's own assumptions
STANDARDS: tuple[Standard, ...] = (
    _std(
        "LX-BZ-001", "行政办公用房物业管理费", "30209", "物业管理、物业服务", "元/平方米·月", "4.50"
    ),
    _std(
        "LX-BZ-002",
        "信息系统运行维护费（占建设投资）",
        "30213",
        "运行维护、运维",
        "元/万元建设投资",
        "1000.00",
    ),
    _std(
        "LX-BZ-003",
        "工程施工图设计费（占建安工程费）",
        "30227",
        "设计费",
        "元/万元建安费",
        "350.00",
    ),
    _std("LX-BZ-004", "城区道路清扫保洁", "30227", "道路清扫、道路保洁", "元/平方米·年", "9.00"),
    _std("LX-BZ-005", "公共绿地养护", "30227", "绿化养护、绿地养护", "元/平方米·年", "6.50"),
    _std("LX-BZ-006", "路灯维护", "30213", "路灯", "元/盏·年", "180.00"),
    _std("LX-BZ-007", "公厕保洁管理", "30227", "公厕", "元/座·年", "30000.00"),
    _std("LX-BZ-008", "电梯维护保养", "30213", "电梯", "元/台·年", "12000.00"),
    _std("LX-BZ-009", "消防设施维护保养", "30213", "消防设施", "元/平方米·年", "3.50"),
    _std("LX-BZ-010", "编外人员劳务费", "30226", "编外人员劳务", "元/人月", "6000.00"),
    _std(
        "LX-BZ-011",
        "政府采购限额标准（集中采购目录以外的货物、服务）",
        "",
        "",
        "元/项",
        "100000.00",
        PROCUREMENT_CATALOGUE,
    ),
)
