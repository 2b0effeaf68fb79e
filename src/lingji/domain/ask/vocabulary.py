"""The fixed words of 智慧问数: every synonym the parser knows, in one table.

Each row is (surfaces separated by spaces, kind, value). The lexicon (lexicon.py) adds the
round's own words (units and their short names, project types, economic codes, project
names) to these. Surfaces are written as normalize() leaves them: half-width brackets and
digits, upper-case letters.
"""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What a recognised word means to the parser."""

    METRIC = "metric"
    UNIT = "unit"
    DEPARTMENT = "department"
    PROJECT = "project"
    PROJECT_TYPE = "project_type"
    CATEGORY = "category"
    ECON = "econ"
    GRADE = "grade"
    EVAL_RATING = "eval_rating"
    SEVERITY = "severity"
    FINDING = "finding"
    CONTINUING = "continuing"
    #: a year relative to the budget year: value is the offset ("0", "-1", ...)
    YEAR = "year"
    #: group by this dimension (各单位, 按项目类型 ...)
    GROUP = "group"
    #: a noun a ranking or list can be about (单位, 项目 ...): value is the dimension
    NOUN = "noun"
    #: 哪个 (value "one") or 哪些 (value "many") before a noun
    WHICH = "which"
    #: 最高 / 最低: value is the order
    SUPERLATIVE = "superlative"
    #: 排名 / 从高到低: ordering without a count
    RANKING = "ranking"
    AGGREGATE = "aggregate"
    #: a count is asked (多少个, 几家 ...)
    COUNT = "count"
    YOY = "yoy"
    SHARE = "share"
    #: 全县 / 全部: the whole county (or everything the asker may see)
    ALL = "all"
    #: money words that say only "an amount" (金额, 多少钱, 资金)
    AMOUNT = "amount"
    #: where something stands in a ranking (排第几)
    POSITION = "position"
    #: 本级 / 不含下属单位: the unit itself, which is what a unit's name already means
    ITSELF = "itself"
    #: something the platform holds no figures for (工资, 税收, GDP ...): value is why
    UNSUPPORTED = "unsupported"


# fmt: off
VOCABULARY: tuple[tuple[str, Kind, str], ...] = (
    # --- metrics -----------------------------------------------------------------------------
    ("申报金额 申报数 申报额 申报资金 申报总额 申报总金额 申请金额 申请资金 申请额 申报 申请 报了"
     " 资金需求 需求金额 项目金额 项目资金 预算申报 申报预算", Kind.METRIC, "requested_amount"),
    ("建议金额 建议数 建议额 建议安排 建议安排金额 建议资金 审核建议金额 审定金额 核定金额 审核后金额"
     " 审核金额 建议 安排金额 审核后", Kind.METRIC, "suggested_amount"),
    ("核减金额 核减额 核减数 核减了 核减 压减金额 压减 审减 砍掉 调减", Kind.METRIC, "cut_amount"),
    ("核减率 核减比例 核减比率 压减率 压减比例 审减率", Kind.METRIC, "cut_rate"),
    ("综合得分 审核得分 得分 评分 分数 总分", Kind.METRIC, "score_total"),
    ("项目数 项目个数 项目数量 多少项目 几个项目 多少个项目 项目总数", Kind.METRIC, "project_count"),
    ("预算数 预算金额 预算额 年初预算 预算安排 预算资金 预算总额 预算", Kind.METRIC, "budget"),
    ("执行数 执行金额 执行额 实际支出 支出数 决算数 实际执行 执行了 实际花了 花了 实际使用 支出了 执行",
     Kind.METRIC, "executed"),
    ("执行率 执行进度 支出进度 预算执行率 执行比例 执行情况", Kind.METRIC, "execution_rate"),
    ("评价得分 绩效评价得分 绩效得分 评价分数 评价分", Kind.METRIC, "eval_score"),
    ("三公经费 三公 三公支出 三公费用", Kind.METRIC, "sangong"),
    ("因公出国(境)费 因公出国(境)费用 因公出国费 因公出国费用 因公出国 出国费 出国(境)费 出国经费"
     " 因公出境 出国", Kind.METRIC, "sangong_overseas"),
    ("公务接待费 公务接待 接待费 接待经费", Kind.METRIC, "sangong_reception"),
    ("公务用车购置及运行维护费 公务用车购置及运行费 公务用车费 公务用车经费 公务用车 公车经费 公车费用"
     " 车辆费用", Kind.METRIC, "sangong_vehicle"),
    ("公务用车运行维护费 公务用车运行费 公务用车运维费 公车运行维护费 公车运行费 车辆运行维护费"
     " 车辆运行费 用车运行维护费 公务用车运行维护 公务用车运行", Kind.METRIC, "sangong_vehicle_running"),
    ("公务用车购置费 公车购置费 车辆购置费 公务用车购置 公车购置 购车费 购置车辆 买车",
     Kind.METRIC, "sangong_vehicle_purchase"),
    ("审核发现 问题数 问题个数 问题数量 发现数 疑点数 问题 疑点 审核问题 发现问题", Kind.METRIC,
     "finding_count"),
    ("有问题的项目 问题项目 被发现问题的项目 存在问题的项目 有审核发现的项目", Kind.METRIC,
     "flagged_project_count"),
    ("超标金额 超标准金额 超出标准金额 超标部分 超出金额", Kind.METRIC, "finding_excess"),
    ("编制人数 编制数 核定编制 编制", Kind.METRIC, "staff_quota"),
    ("在编人数 实有人数 在编人员 在职人数 人数", Kind.METRIC, "staff_actual"),
    ("编外人数 编外人员 聘用人员", Kind.METRIC, "contract_staff"),
    ("公务用车数 车辆数 公车数量 公务用车数量 几辆车 多少辆车 多少辆公务用车 几辆公务用车 辆",
     Kind.METRIC, "vehicles"),
    ("办公用房面积 办公面积 办公用房 用房面积", Kind.METRIC, "office_area_m2"),
    ("主管部门数 多少个主管部门 几个主管部门 多少个部门 几个部门 部门数", Kind.METRIC,
     "department_count"),
    ("单位数 单位个数 多少个单位 几个单位 多少家单位 几家单位 单位数量 预算单位数", Kind.METRIC,
     "unit_count"),
    ("金额 多少钱 资金 经费 费用 钱 支出 开支 花费", Kind.AMOUNT, "amount"),
    # --- dimensions --------------------------------------------------------------------------
    ("单位 预算单位", Kind.NOUN, "unit"),
    ("部门 主管部门 系统", Kind.NOUN, "department"),
    ("项目", Kind.NOUN, "project"),
    ("项目类型 类型 类别项目 类项目", Kind.NOUN, "project_type"),
    ("项目类别 类别", Kind.NOUN, "category"),
    ("经济科目 科目 支出科目 经济分类", Kind.NOUN, "econ_code"),
    ("年度 年份", Kind.NOUN, "year"),
    ("各年 每年 逐年 历年 分年 各年度 每一年 分年度 按年", Kind.GROUP, "year"),
    ("等级 审核等级 级别 档次", Kind.NOUN, "grade"),
    ("评价等级 评价结果 绩效评价等级 评级", Kind.NOUN, "eval_rating"),
    ("严重程度 严重性 问题等级 问题级别", Kind.NOUN, "severity"),
    ("问题类型 问题种类 问题类别 发现类型 问题代码 审核规则 规则", Kind.NOUN, "finding_code"),
    ("构成 组成 各部分 各组成部分 明细构成 分项 各项构成 结构", Kind.GROUP, "sangong_part"),
    ("哪个 哪一个 哪家 哪一家 哪项 哪一项 哪类 哪一类 哪种 哪一种 谁", Kind.WHICH, "one"),
    ("哪些 哪几个 哪几家 哪几类 哪几项 什么 啥", Kind.WHICH, "many"),
    ("哪类项目 哪一类项目 哪种项目 哪种类型 哪个类型 哪类型 什么类型 哪一类型 哪种类型的项目",
     Kind.GROUP, "project_type"),
    ("哪个科目 哪个经济科目 哪些科目 哪些经济科目 哪一个科目", Kind.GROUP, "econ_code"),
    ("哪类问题 哪种问题 哪一类问题 什么问题 哪些问题 各类问题 各种问题 每类问题 每种问题",
     Kind.GROUP, "finding_code"),
    ("分布 分布情况", Kind.COUNT, "count"),
    # --- filters -----------------------------------------------------------------------------
    ("A级 A类 A等 A档 评为A", Kind.GRADE, "A"),
    ("B级 B类 B等 B档 评为B", Kind.GRADE, "B"),
    ("C级 C类 C等 C档 评为C", Kind.GRADE, "C"),
    ("D级 D类 D等 D档 评为D", Kind.GRADE, "D"),
    ("优秀 评价为优 评为优 评价优 等级为优 结果为优 评价等级为优 评价等级是优", Kind.EVAL_RATING, "优"),
    ("良好 评价为良 评为良 评价良 等级为良 结果为良 评价等级为良 评价等级是良", Kind.EVAL_RATING, "良"),
    ("中等 评价为中 评为中 评价中 等级为中 结果为中 评价等级为中 评价等级是中", Kind.EVAL_RATING, "中"),
    ("较差 评价为差 评为差 评价差 等级为差 结果为差 评价等级为差 评价等级是差", Kind.EVAL_RATING, "差"),
    ("阻断 阻断性 阻断类 阻断级 严重问题", Kind.SEVERITY, "阻断"),
    ("警告 警告类 警告级", Kind.SEVERITY, "警告"),
    ("提示 提示类 提示级 提示性", Kind.SEVERITY, "提示"),
    ("重复申报 重复项目", Kind.FINDING, "X01"),
    ("超标准 超标 超支出标准 超过支出标准 超过标准", Kind.FINDING, "M01"),
    ("未整改 没有整改", Kind.FINDING, "X06"),
    ("楼堂馆所 禁止事项 严控事项", Kind.FINDING, "T02"),
    ("缺少政策依据 没有政策依据 无政策依据", Kind.FINDING, "V02"),
    ("运转类 运转类项目 运转项目", Kind.CATEGORY, "运转类"),
    ("特定目标类 特定目标类项目 特定目标项目 特定目标", Kind.CATEGORY, "特定目标类"),
    ("延续项目 延续性项目 延续类项目 延续的项目 延续", Kind.CONTINUING, "true"),
    ("新增项目 新增的项目 新项目 新增", Kind.CONTINUING, "false"),
    # --- years (offsets from the budget year) --------------------------------------------------
    ("今年 本年 本年度 今年度 当年 明年 明年度 预算年度 本次 这次 本轮", Kind.YEAR, "0"),
    ("去年 上年 上一年 上年度 上一年度 去年度", Kind.YEAR, "-1"),
    ("前年 前一年", Kind.YEAR, "-2"),
    ("大前年", Kind.YEAR, "-3"),
    # --- shape of the answer -----------------------------------------------------------------
    ("最高 最多 最大 最贵 最高的 最多的 最大的 排名第一 排第一 第一名 居首 第一", Kind.SUPERLATIVE, "desc"),
    ("最低 最少 最小 最便宜 最低的 最少的 最小的 倒数第一 排最后 最后一名", Kind.SUPERLATIVE, "asc"),
    ("排名 排行 排序 排列 从高到低 从大到小 从多到少 降序", Kind.RANKING, "desc"),
    ("排第几 排名第几 排在第几 排第几名 第几名 第几位 排名多少 排多少名 名次 排在什么位置 排名情况",
     Kind.POSITION, "position"),
    ("从低到高 从小到大 从少到多 升序", Kind.RANKING, "asc"),
    ("平均 均值 平均值 平均每个 平均每项 平均每家 人均 均", Kind.AGGREGATE, "avg"),
    ("合计 总计 总额 总共 一共 共计 累计 汇总 加起来 总和 总数 总量 总体 总", Kind.AGGREGATE, "sum"),
    ("列出 列举 清单 名单 列表 有哪些 都有哪些 具体是 都是 罗列 展示 列一下",
     Kind.AGGREGATE, "list"),
    ("多少个 几个 多少家 几家 多少项 几项 多少条 几条 多少处 几处 多少次 几次 个数 数量 数目 多少名",
     Kind.COUNT, "count"),
    ("同比 比上年 比去年 较上年 较去年 比前一年 与上年相比 与去年相比 和去年比 和上年比 同上年相比"
     " 增长 增加 增长了 增加了 增幅 增长率 增速 减少了 下降 下降了 降幅 变化 变动 增减 涨了 涨幅"
     " 多了 少了 上升 提高 环比", Kind.YOY, "yoy"),
    ("占比 比重 比例 占 份额 所占 占多少", Kind.SHARE, "share"),
    ("全县 全区 全市 全部 所有 全体 整体 总体上 县级 全县各单位 全部单位 所有单位", Kind.ALL, "all"),
    # --- what the data does not hold ---------------------------------------------------------
    ("工资 薪酬 薪水 月薪 年薪 收入 税收 GDP 增加值 天气 房价 股价 汇率 人口", Kind.UNSUPPORTED,
     "预算审核数据中没有这一项（只有项目申报、审核结果、历史执行、三公经费和支出明细）"),
    ("本级 单位本级 不含下属单位 不包括下属单位 不含下属 不含二级单位", Kind.ITSELF, "itself"),
    ("除了 除去 以外 之外 不含 不包括 不包含 扣除 排除", Kind.UNSUPPORTED,
     "暂不支持排除条件（除…以外）；可以分别查询后相减"),
    ("季度 一季度 二季度 三季度 四季度 上半年 下半年 月份 本月 上个月 上月 月度", Kind.UNSUPPORTED,
     "预算和执行数据按年度记录，没有季度或月度的数据"),
    ("多少倍 几倍 倍数", Kind.UNSUPPORTED,
     "暂不计算倍数；可以问“比去年增长多少”或“同比增长率是多少”"),
    ("身份证 身份证号 姓名 名字 叫什么 电话 手机号 住址 局长 县长 书记 主任 张三 李四",
     Kind.UNSUPPORTED, "智慧问数不查询个人信息"),
)
# fmt: on

#: surfaces that are never a dimension noun by themselves, although they contain one
GROUP_CUES = ("各", "按", "分", "每个", "每家", "每一个", "不同", "逐")

#: words that make a question about rules, standards or documents rather than figures
POLICY_CUES = (
    "标准", "规定", "文件", "办法", "制度", "政策", "文号", "条例", "通知", "要求", "定额",
    "上限", "限额", "〔", "[", "能不能", "可不可以", "是否可以", "可以报", "能否", "允许",
    "报销", "条款", "第几条", "依据是什么", "怎么算", "如何测算", "怎么测算", "口径",
)  # fmt: skip
#: weaker signs of a question about rules: they count only when no unsupported word is asked
POLICY_HINTS = (
    "每人每天", "每人每月", "每天", "一天", "每学时", "学时", "一个月", "每月", "不能超过",
    "不得超过", "不超过多少", "最多能", "最多可以", "能开几天", "几天", "还有效", "有效吗",
    "废止", "失效", "包括哪些", "纳入", "采购目录", "集中采购", "低于多少", "超过多少",
    "高于多少", "讲课费", "伙食补助", "市内交通", "怎么规定", "有什么规定",
)  # fmt: skip
#: data phrases holding a policy word (超标准的项目, 缺少政策依据): removed before the cues count
DATA_PHRASES = (
    "超过支出标准", "超支出标准", "超过标准", "超标准", "超标", "缺少政策依据", "没有政策依据",
    "无政策依据",
)  # fmt: skip
#: surfaces too general to beat a more specific metric in the same question (申报项目的建议金额)
WEAK_SURFACES = frozenset({"申报", "申请", "报了", "预算", "建议", "执行", "审核后", "人数"})
#: words around a name that are not part of it (请问…, …的项目, 报上来的项目)
FILLER_WORDS = (
    "请问", "请", "查询", "查一下", "查查", "查", "看看", "看一下", "帮我", "我想知道", "统计",
    "计算", "的", "了", "是", "有", "在", "中", "里", "那个", "这个", "那些", "这些", "所有",
    "全部", "各个", "每个", "哪些", "什么", "报上来", "上报", "报送", "提交", "申报了", "报了",
    "一共", "总共", "共", "个", "些", "及其", "及", "和", "与", "下属", "所属", "本级", "相关",
    "具体", "主要",
)  # fmt: skip
#: a question that begins or ends so continues the last one (那县卫生健康局呢, 换成去年)
FOLLOW_UP_OPENINGS = ("那么", "那要是", "换成", "改成", "改为", "如果换成", "如果是", "再看",
                      "再按", "还有", "同样")  # fmt: skip
FOLLOW_UP_ENDINGS = ("呢",)
#: what can be asked, offered with every 无法回答
SUGGESTIONS = (
    "教育局今年申报金额是多少",
    "申报金额最高的5个单位",
    "各项目类型的申报金额",
    "卫生健康局去年预算执行率",
    "今年三公经费比去年增长多少",
    "今年会议费科目合计多少",
    "阻断问题有几个，哪个单位最多",
    "A级项目有多少个，占全部项目的比例",
)
#: how a unit-like word begins when it is no name (这个局, 他们局, 下属单位, 各中心)
NOT_A_NAME = ("下属", "所属", "各", "本", "其", "这", "该", "那", "哪", "每", "全", "他", "她",
              "它", "我", "咱", "你", "贵")  # fmt: skip
#: places ending in 区/市/县 that are no county (社区, 景区, 开发区 ...)
NOT_A_PLACE = ("社区", "景区", "园区", "城区", "片区", "辖区", "校区", "小区", "市区", "山区",
               "开发区", "示范区", "街区", "新区", "老区", "县城", "城市")  # fmt: skip
#: 它, 这个单位, 其中 ...: the question continues the last one
PRONOUNS = ("它", "他们", "她们", "该单位", "这个单位", "这家单位", "这些单位", "这个局", "该局",
            "这个项目", "该项目", "这些项目", "其中", "上述")  # fmt: skip
#: the change is asked as a percentage (增长百分之几, 增长率)
RATE_OF_CHANGE = ("百分之几", "百分之多少", "增长率", "增幅", "增速", "涨幅", "降幅", "百分比",
                  "几个百分点", "多少个百分点", "%")  # fmt: skip

#: the 三公经费 economic codes of detail lines, per part (30913 and 31013 both buy vehicles)
SANGONG_CODES: dict[str, tuple[str, ...]] = {
    "sangong_overseas": ("30212",),
    "sangong_reception": ("30217",),
    "sangong_vehicle_running": ("30231",),
    "sangong_vehicle_purchase": ("31013", "30913"),
}

#: the parts of 三公经费 as the 三公经费 sheet names them (metric -> column, Chinese label)
SANGONG_PARTS: dict[str, tuple[str, str]] = {
    "sangong_overseas": ("overseas", "因公出国（境）费"),
    "sangong_vehicle_purchase": ("vehicle_purchase", "公务用车购置费"),
    "sangong_vehicle_running": ("vehicle_running", "公务用车运行维护费"),
    "sangong_reception": ("reception", "公务接待费"),
}

#: how units' names are shortened in speech (the long form -> its usual short forms)
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "人民政府办公室": ("政府办", "政府办公室"),
    "人力资源和社会保障": ("人社", "人力社保"),
    "卫生健康": ("卫健", "卫生"),
    "住房和城乡建设": ("住建", "住房城乡建设"),
    "文化广电和旅游": ("文旅", "文广旅", "文广旅游"),
    "市场监督管理": ("市场监管",),
    "疾病预防控制": ("疾控",),
    "城市管理": ("城管",),
    "交通运输": ("交通",),
    "应急管理": ("应急",),
    "农业农村": ("农业", "农业农村"),
    "社会保险事业管理中心": ("社保中心",),
    "机关事务服务中心": ("机关事务中心", "机关事务局"),
    "财政投资评审中心": ("评审中心", "财政评审中心"),
    "建设工程质量安全监督站": ("质监站", "质量安全监督站"),
    "环境卫生管理所": ("环卫所", "环卫处"),
    "园林绿化中心": ("园林中心", "绿化中心"),
    "农村公路养护中心": ("公路养护中心",),
    "农业技术推广中心": ("农技中心", "农技推广中心"),
    "不动产登记中心": ("不动产中心",),
    "动物疫病预防控制中心": ("动物疫控中心", "动监中心"),
    "第一中学": ("一中",),
    "实验小学": ("实小",),
    "发展和改革": ("发改",),
    "生态环境": ("生态环境", "环保"),
    "退役军人事务": ("退役军人",),
    "医疗保障": ("医保",),
    "城市管理行政执法": ("城管执法", "城管"),
    "文化和旅游": ("文旅",),
    "建设和管理委员会": ("建管委", "建委"),
    "商务委员会": ("商务委",),
    "发展和改革委员会": ("发改委",),
    "街道办事处": ("街道", "街道办"),
}
