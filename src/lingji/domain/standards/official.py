"""Official (central) expenditure standards as data, each with its source and trust grade.

Only figures that shared/reference/domain-facts.md section 1 supports are here. What it marks
[未找到] (公务接待 per meal, 公务用车运行维护 per vehicle, 因公出国, 物业费, 信息化运维 share,
采购限额) is left out on purpose: the bureau's 支出标准 sheet or the learned ranges supply it.
差旅住宿费 is left out too: its limit depends on the city and the traveller's rank, which a line
does not state, and the 2016 table's 文号 is unverified.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from lingji.domain.standards.model import Category, DayRule, Standard, Trust

D = Decimal

MEETING_RULES = "中央和国家机关会议费管理办法"
TRAINING_RULES = "中央和国家机关培训费管理办法"
TRAVEL_RULES = "中央和国家机关差旅费管理办法"
EQUIPMENT_RULES = "中央行政单位通用办公设备家具配置标准"
EXPERT_RULES = "中央财政科研项目专家咨询费管理办法"
VEHICLE_RULES = "党政机关公务用车管理办法"

_MEETING = (
    Category("一类会议", D(760), ("一类",)),
    Category("二类会议", D(650), ("二类",)),
    Category("三、四类会议", D(550), ("三类", "四类")),
)
_TRAINING = (
    Category("一类培训", D(760), ("一类",)),
    Category("二类培训", D(650), ("二类",)),
    Category("三类培训", D(550), ("三类",)),
)
_LECTURE = (
    Category("副高级技术职称", D(500), ("副高",)),
    Category("正高级技术职称", D(1000), ("正高",)),
    Category("院士、全国知名专家", D(1500), ("院士", "知名专家")),
)
_EXPERT_DAY = (
    Category("高级专业技术职称", D(2400), ("高级",)),
    Category("其他专业人员", D(1500), ("其他人员", "其他专业人员", "中级", "初级")),
    Category("院士、全国知名专家（上浮50%）", D(3600), ("院士", "知名专家")),
)
# 按次计算的，每次不超过按天最高标准的 50%
_EXPERT_TIME = tuple(Category(c.label, c.limit / 2, c.markers) for c in _EXPERT_DAY)
_VEHICLE = (
    Category("机要通信用车", D(120000), ("机要",)),
    Category("新能源轿车", D(180000), ("新能源",)),
    Category("执法执勤用车", D(180000), ("执法", "执勤")),
    Category("业务、应急用车", D(180000), ("业务用车", "应急")),
    Category("中小型客车", D(250000), ("中型客车", "小型客车", "中小型客车")),
    Category("大型客车", D(450000), ("大型客车",)),
)
_EQUIPMENT_SOURCES = (
    "https://m.ithome.com/html/234872.htm",
    "http://www.dreamgo2.com/doc_29088122.html",
    "https://baikey.cn/news/14129.html",
)
_SERVICE_WORDS = ("维修", "维护", "保养", "耗材", "硒鼓", "墨盒", "墨粉", "租赁", "租用")


def _equipment(code: str, name: str, limit: int, keywords: tuple[str, ...], **extra) -> Standard:
    return Standard(
        code=code,
        name=f"{name}价格",
        basis="元/台",
        trust=Trust.OFFICIAL,
        limit=D(limit),
        keywords=keywords,
        excludes=_SERVICE_WORDS + extra.pop("excludes", ()),
        econ_code="31002",
        title=EQUIPMENT_RULES,
        effective_from=dt.date(2016, 7, 1),
        sources=_EQUIPMENT_SOURCES,
        note="财政部等五部门发布，2016-07-01起施行；文号未核实",
        **extra,
    )


OFFICIAL_STANDARDS: tuple[Standard, ...] = (
    Standard(
        code="CN-MEETING",
        name="会议费综合定额",
        basis="元/人天",
        trust=Trust.OFFICIAL,
        categories=_MEETING,
        category_kind="会议类别",
        keywords=("会议费",),
        econ_code="30215",
        econ_fallback=True,
        title=MEETING_RULES,
        doc_no="财行〔2016〕214号",
        effective_from=dt.date(2016, 7, 1),
        sources=(
            "http://epaper.gmw.cn/gmrb/html/2016-07/14/nw.D110000gmrb_20160714_2-01.htm",
            "https://tiangongwen.com/article/65878.html",
        ),
        note="综合定额是上限，住宿、伙食、其他费用之间可以调剂；二、三、四类会议会期不得超过2天",
    ),
    Standard(
        code="CN-TRAINING",
        name="培训费综合定额",
        basis="元/人天",
        trust=Trust.SECONDARY,
        categories=_TRAINING,
        category_kind="培训类别",
        keywords=("培训费",),
        excludes=("补贴", "补助", "资助"),
        econ_code="30216",
        econ_fallback=True,
        day_rule=DayRule(after=D(30), ratio=D("0.7")),
        title=TRAINING_RULES,
        doc_no="财行〔2016〕540号",
        sources=(
            "https://cn.ttkan.co/novel/pagea/zhiduzhidang_shibadayilaiquanmiancongyanzhidangxinguiding-benshubianxiezu_221.html",
            "https://cet.buct.edu.cn/2024/0528/c14041a192949/page.htm",
            "https://www.3news.cn/yaowen/2020/0925/442858.html",
        ),
        note="师资费另计；30天以内按综合定额，超过30天的天数按定额的70%控制",
    ),
    Standard(
        code="CN-LECTURE",
        name="讲课费（税后）",
        basis="元/学时",
        trust=Trust.SECONDARY,
        categories=_LECTURE,
        category_kind="授课人员职称",
        keywords=("讲课费", "授课费"),
        title=TRAINING_RULES,
        doc_no="财行〔2016〕540号",
        sources=(
            "https://cet.buct.edu.cn/2024/0528/c14041a192949/page.htm",
            "https://m.77cn.com.cn/wenku/zonghe/1173112_3.html",
        ),
        note="每半天最多按4学时计；部分地方另设中级及以下不超过300元，未收录",
    ),
    Standard(
        code="CN-TRAVEL-MEALS",
        name="差旅伙食补助费",
        basis="元/人天",
        trust=Trust.SECONDARY,
        category_kind="出差目的地",
        categories=(
            Category("一般地区", D(100), ()),
            Category("西藏、青海、新疆", D(120), ("西藏", "青海", "新疆")),
        ),
        # the higher rate is an exception a line has to name, not a category left unstated
        default_category="一般地区",
        keywords=("伙食补助",),
        context_words=("差旅", "出差"),
        econ_code="30211",
        title=TRAVEL_RULES,
        doc_no="财行〔2013〕531号",
        sources=("http://me.ustb.edu.cn/tongzhigonggao/2022-03-30/1544.html",),
        note="按出差自然（日历）天数计算",
    ),
    Standard(
        code="CN-TRAVEL-LOCAL",
        name="差旅市内交通费",
        basis="元/人天",
        trust=Trust.WEAK,
        limit=D(80),
        keywords=("市内交通",),
        context_words=("差旅", "出差"),
        econ_code="30211",
        title=TRAVEL_RULES,
        doc_no="财行〔2013〕531号",
        sources=("https://11.wendadaohang.com/zd/F8MFSPPv7442M8q77Pq.html",),
        note="按出差自然（日历）天数计算，包干使用；来源质量低，入库前应核对原文",
    ),
    _equipment("CN-EQUIP-DESKTOP", "台式计算机", 5000, ("台式计算机", "台式机", "台式电脑")),
    _equipment(
        "CN-EQUIP-LAPTOP", "便携式计算机", 7000, ("便携式计算机", "笔记本电脑", "笔记本计算机")
    ),
    _equipment(
        "CN-EQUIP-PRINTER-A4",
        "A4黑白打印机",
        1200,
        ("打印机",),
        # only the A4 black-and-white cap is known; A3 and colour printers have none here
        all_of=("A4",),
        excludes=("彩色", "A3"),
    ),
    _equipment("CN-EQUIP-COPIER", "复印机", 35000, ("复印机",)),
    _equipment("CN-EQUIP-FAX-MFP", "传真机、多功能一体机", 3000, ("传真机", "多功能一体机")),
    Standard(
        code="CN-EXPERT-DAY",
        name="专家咨询费（会议、现场形式）",
        basis="元/人天",
        trust=Trust.SECONDARY,
        categories=_EXPERT_DAY,
        category_kind="专家职称类别",
        keywords=("专家咨询",),
        econ_code="30203",
        day_rule=DayRule(after=D(2), ratio=D("0.5"), half_day_ratio=D("0.6")),
        title=EXPERT_RULES,
        doc_no="财科教〔2017〕128号",
        sources=("https://module.scnu.edu.cn/article-16192-313-1.html",),
        note="高级职称1500—2400元/人天、其他人员900—1500元/人天，取区间上限；院士、全国知名专家可上浮50%；"
        "半天按60%计，超过两天的第三天起按50%计",
    ),
    Standard(
        code="CN-EXPERT-TIME",
        name="专家咨询费（按次）",
        basis="元/人次",
        trust=Trust.SECONDARY,
        categories=_EXPERT_TIME,
        category_kind="专家职称类别",
        keywords=("专家咨询",),
        econ_code="30203",
        title=EXPERT_RULES,
        doc_no="财科教〔2017〕128号",
        sources=("https://module.scnu.edu.cn/article-16192-313-1.html",),
        note="按次计算的，每次不超过按天最高标准的50%",
    ),
    Standard(
        code="CN-VEHICLE",
        name="公务用车购置价格",
        basis="元/辆",
        trust=Trust.SECONDARY,
        categories=_VEHICLE,
        category_kind="车辆类别",
        keywords=("公务用车", "车辆购置", "购置车辆", "执法执勤用车", "机要通信用车", "业务用车"),
        excludes=_SERVICE_WORDS + ("运行", "燃油", "加油", "保险", "停车", "通行", "过路"),
        econ_code="31013",
        econ_fallback=True,
        title=VEHICLE_RULES,
        effective_from=dt.date(2017, 12, 5),
        sources=(
            "http://www.dlxmc.com/2017-12-19/content_54542.html",
            "http://jumpintl.com/ask/504988.html",
        ),
        note="机要通信用车、执法执勤用车12万元（执法执勤需要时18万元）、新能源轿车18万元为党政机关标准[官]；"
        "业务应急用车18万元、中小型客车25万元、大型客车45万元为事业单位标准[二]；排量限制未收录；文号未核实",
    ),
)
