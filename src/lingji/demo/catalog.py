"""The fictional county: its departments, their subordinate units and their lines of work.

The catalogue is a small text table so it reads like the budget office's own list:

- ``D code | unit | kind | staff range | functional code | vehicles | 系统 or - | department document``
  starts a department (its head unit); ``U | ...`` (the same fields, no code or document)
  adds a subordinate unit;
- ``duties a；b；...`` lists the department's lines of work (several lines add up);
- ``S name | project type | item kinds | output indicator | effect indicator | 延续 or 一次性``
  is a subject of the unit above it: a project it runs every year or once.
"""

from __future__ import annotations

from dataclasses import dataclass

#: a made-up county (青川县, the name first suggested, is a real county in Sichuan)
COUNTY = "澜溪县"


@dataclass(frozen=True, slots=True)
class Subject:
    """A line of work that becomes a project: its type, items and indicator nouns."""

    name: str
    project_type: str
    items: tuple[str, ...]
    output: str
    effect: str
    continuing: bool = True


@dataclass(frozen=True, slots=True)
class UnitSpec:
    short: str
    kind: str
    staff: tuple[int, int]
    func_code: str
    subjects: tuple[Subject, ...] = ()
    vehicles: tuple[int, int] = (0, 2)
    has_system: bool = False


@dataclass(frozen=True, slots=True)
class Dept:
    code: str
    head: UnitSpec
    doc: str
    duties: tuple[str, ...]
    subs: tuple[UnitSpec, ...] = ()


_CATALOGUE = """
D 101 | 县人民政府办公室 | 行政单位 | 26-38 | 2010301 | 3-5 | - | 澜溪府办发〔2025〕6号
  duties 统筹推进全县政务服务标准化建设；做好县政府重点工作督查督办；加强政务公开和政策解读；推进机关运行保障规范化；提升行政复议和应诉工作质量
  duties 做好县政府决策咨询服务；推进政务服务一网通办；加强县志编纂和地方史研究；做好应急值守和信息报送；推进营商环境问题督办
  S 12345政务服务便民热线运行 | 服务外包 | hotline | 受理工单数量 | 工单按时办结率 | 延续
  S 政府信息公开及政务新媒体运营 | 宣传 | newmedia leaflet | 发布政务信息条数 | 政策知晓率 | 延续
U | 县大数据中心 | 事业单位 | 12-20 | 2010350 | 0-2 | 系统
  S 公共数据资源目录编制 | 专项业务 | tech_service print_materials | 编制数据目录数量 | 数据共享调用成功率 | 延续
  S 政务数据共享交换平台建设 | 信息化建设 | software_dev server security_assess | 完成平台功能模块数 | 部门数据共享率 | 一次性
U | 县机关事务服务中心 | 事业单位 | 14-24 | 2010350 | 2-4 | -
  S 公共机构节能改造 | 基建 | retrofit | 完成节能改造面积 | 节能改造验收达标率 | 一次性
D 102 | 县财政局 | 行政单位 | 30-44 | 2010601 | 2-4 | 系统 | 澜溪财预〔2026〕15号
  duties 深化零基预算改革；加强预算绩效管理；规范政府采购监督管理；做好国有资产清查核实；推进财会监督检查
  duties 加强地方政府债务风险防控；推进预算公开；加强会计监督和代理记账管理；推进涉农资金统筹整合；做好财政收入征管协调
  S 预算绩效评价第三方服务 | 专项业务 | tech_service print_materials | 完成评价项目数量 | 评价结果应用率 | 延续
  S 会计人员继续教育 | 培训 | training lecture textbooks | 培训会计人员人数 | 培训考核合格率 | 延续
U | 县财政投资评审中心 | 事业单位 | 10-16 | 2010650 | 0-2 | -
  S 政府投资项目预算评审委托 | 专项业务 | tech_service expert_senior | 完成评审项目数量 | 审减率达标项目占比 | 延续
U | 县国库支付中心 | 参公事业单位 | 12-18 | 2010650 | 0-2 | 系统
  S 国库集中支付电子化管理 | 专项业务 | tech_service toner | 电子化支付笔数 | 支付准确率 | 延续
D 103 | 县教育局 | 行政单位 | 30-42 | 2050101 | 2-4 | 系统 | 澜溪教发〔2025〕11号
  duties 推进义务教育优质均衡发展；加强中小学教师队伍建设；做好校园安全稳定工作；推进学前教育普及普惠；深化教育评价改革；加强中小学课后服务管理
  duties 推进职业教育产教融合；加强学校食品安全管理；做好控辍保学工作；推进特殊教育融合发展；加强教育督导评估
  S 家庭经济困难学生资助 | 补助 | student_aid leaflet | 资助学生人数 | 应助尽助率 | 延续
  S 义务教育质量监测 | 专项业务 | tech_service print_materials | 监测学校数量 | 监测报告采纳率 | 延续
U | 县第一中学 | 事业单位 | 70-95 | 2050204 | 0-1 | -
  S 教学实验室仪器更新 | 设备购置 | lab_instrument | 更新实验仪器数量 | 实验开出率 | 一次性
  S 学生宿舍楼维修改造 | 基建 | school_repair | 维修改造面积 | 宿舍安全隐患整改率 | 一次性
U | 县实验小学 | 事业单位 | 55-80 | 2050202 | 0-1 | -
  S 校园安全技防运行维护 | 专项业务 | tech_service recorder | 维护技防点位数 | 技防设施完好率 | 延续
U | 县教师发展中心 | 事业单位 | 14-22 | 2050803 | 0-2 | -
  S 乡村教师素质提升培训 | 培训 | training lecture_full textbooks | 培训教师人数 | 培训考核合格率 | 延续
  S 基础教育教研课题研究 | 课题研究 | research expert_senior report_print | 完成课题数量 | 研究成果转化率 | 延续
D 104 | 县卫生健康局 | 行政单位 | 28-40 | 2100101 | 2-4 | 系统 | 澜溪卫健发〔2025〕7号
  duties 推进紧密型县域医共体建设；做好基本公共卫生服务；加强卫生健康综合监督执法；推进妇幼健康服务；做好老龄健康工作
  duties 加强基层卫生人才队伍建设；推进爱国卫生运动；做好职业健康监管；推进中医药传承发展；加强医疗质量安全管理
  S 卫生应急演练及物资储备 | 专项业务 | drill supplies | 组织应急演练场次 | 应急处置到位率 | 延续
  S 健康科普宣传 | 宣传 | leaflet poster newmedia | 发放宣传资料份数 | 居民健康素养水平 | 延续
U | 县疾病预防控制中心 | 事业单位 | 30-45 | 2100401 | 1-3 | -
  S 重点传染病监测检测 | 专项业务 | reagent inspection | 完成检测样本批次 | 疫情报告及时率 | 延续
  S 生活饮用水卫生监测 | 专项业务 | inspection travel_food | 监测水样批次 | 水质监测覆盖率 | 延续
U | 县妇幼保健院 | 事业单位 | 45-70 | 2100403 | 1-2 | -
  S 适龄妇女两癌筛查 | 专项业务 | screening leaflet | 完成筛查人次 | 筛查结果告知率 | 延续
D 105 | 县民政局 | 行政单位 | 24-36 | 2080201 | 2-3 | - | 澜溪民发〔2025〕5号
  duties 推进社会救助体系建设；发展普惠型养老服务；加强社会组织登记管理；做好未成年人保护工作；推进殡葬领域移风易俗
  duties 规范婚姻登记服务；推进地名普查成果转化；加强慈善事业促进；做好残疾人两项补贴管理；推进社区治理创新
  S 城乡困难群众临时救助 | 补助 | hardship_aid | 救助人次 | 救助资金发放及时率 | 延续
  S 高龄津贴发放 | 补助 | elderly_aid | 发放人月数 | 应发尽发率 | 延续
U | 县社会福利院 | 事业单位 | 18-28 | 2081002 | 1-2 | -
  S 特困人员集中供养 | 补助 | care_aid | 供养人月数 | 供养对象生活保障率 | 延续
U | 县救助管理站 | 事业单位 | 8-14 | 2082001 | 1-1 | -
  S 流浪乞讨人员救助 | 补助 | hardship_aid | 救助人次 | 救助对象返乡安置率 | 延续
D 106 | 县人力资源和社会保障局 | 行政单位 | 26-38 | 2080101 | 2-3 | 系统 | 澜溪人社发〔2025〕9号
  duties 稳定和扩大就业；推进全民参保计划；加强人才引进和培养；构建和谐劳动关系；深化事业单位人事制度改革
  duties 推进技能人才培养；做好根治欠薪工作；推进人事考试规范化；加强劳动人事争议调解仲裁；做好退休人员社会化管理
  S 职业技能提升补贴 | 补助 | skill_aid leaflet | 补贴人次 | 培训后取证率 | 延续
  S 劳动保障监察执法 | 专项业务 | tech_service travel_food | 检查用人单位数量 | 欠薪案件结案率 | 延续
U | 县就业服务中心 | 参公事业单位 | 14-22 | 2080701 | 0-1 | -
  S 公共就业招聘服务 | 专项业务 | tech_service poster | 举办招聘服务场次 | 求职登记人员就业率 | 延续
U | 县社会保险事业管理中心 | 参公事业单位 | 20-30 | 2080150 | 0-1 | 系统
  S 社会保险档案数字化 | 服务外包 | archive_digit | 数字化档案页数 | 档案调阅电子化率 | 一次性
D 107 | 县住房和城乡建设局 | 行政单位 | 26-38 | 2120101 | 2-4 | - | 澜溪住建发〔2025〕14号
  duties 推进城镇老旧小区改造；加强建筑市场监管；做好城镇燃气安全管理；推进住房保障工作；加强房地产市场监测
  duties 推进绿色建筑发展；推进农房质量安全提升；加强物业服务行业监管；做好建筑工地扬尘治理；推进历史文化名镇保护
  S 城镇老旧小区改造前期设计 | 规划设计 | design expert_senior | 完成设计小区数量 | 设计成果审查通过率 | 一次性
  S 建筑市场执法检查 | 专项业务 | tech_service travel_food | 检查在建项目数量 | 问题整改闭环率 | 延续
U | 县建设工程质量安全监督站 | 参公事业单位 | 12-20 | 2120104 | 1-2 | -
  S 建设工程质量检测抽检 | 专项业务 | inspection | 抽检批次 | 工程质量合格率 | 延续
D 108 | 县交通运输局 | 行政单位 | 24-34 | 2140101 | 2-4 | - | 澜溪交发〔2025〕4号
  duties 推进四好农村路建设；加强交通运输安全生产监管；推进城乡客运一体化；做好公路治超工作；提升农村物流服务水平
  duties 加强交通工程质量监督；推进交通运输行政执法改革；做好春运及节假日运输保障；加强水上交通安全管理；推进公交出行服务提升
  S 公路桥梁定期检测 | 专项业务 | bridge_check | 检测桥梁数量 | 危桥处置率 | 延续
  S 交通运输安全生产检查 | 专项业务 | tech_service travel_food | 检查企业数量 | 安全隐患整改率 | 延续
U | 县农村公路养护中心 | 事业单位 | 20-32 | 2140106 | 2-4 | -
  S 农村公路日常养护 | 城建管养 | rural_road | 养护农村公路里程 | 公路优良路率 | 延续
  S 县道路面修复工程 | 基建 | road_rebuild | 修复路面面积 | 路面平整度达标率 | 一次性
D 109 | 县农业农村局 | 行政单位 | 28-40 | 2130101 | 2-4 | - | 澜溪农发〔2025〕8号
  duties 推进乡村振兴重点工作；加强耕地保护和粮食安全；推进农业绿色发展；做好农村人居环境整治；发展壮大农村集体经济
  duties 加强农业综合行政执法；推进农村改厕后续管护；做好农业防灾减灾；推进农村产权交易；加强农业品牌培育
  S 高标准农田建设项目前期设计 | 规划设计 | design expert_senior | 完成设计面积片区数 | 设计成果审查通过率 | 一次性
  S 农产品质量安全检测 | 专项业务 | inspection travel_food | 检测样品批次 | 农产品抽检合格率 | 延续
U | 县农业技术推广中心 | 事业单位 | 22-34 | 2130104 | 1-2 | -
  S 农业技术推广培训 | 培训 | training lecture textbooks | 培训农技人员人数 | 技术到位率 | 延续
  S 主要农作物病虫害监测 | 专项业务 | tech_service reagent | 监测点数量 | 病虫害监测预警准确率 | 延续
U | 县动物疫病预防控制中心 | 事业单位 | 16-26 | 2130108 | 1-2 | -
  S 重大动物疫病强制免疫 | 专项业务 | vaccine vet_aid | 免疫畜禽头份 | 免疫密度 | 延续
D 110 | 县自然资源局 | 行政单位 | 28-40 | 2200101 | 2-4 | 系统 | 澜溪自然资发〔2025〕3号
  duties 严格耕地保护和用途管制；推进国土空间规划实施；做好地质灾害防治；推进自然资源确权登记；加强矿产资源管理
  duties 推进全域土地综合整治；做好测绘地理信息管理；加强林长制落实；推进自然资源统一调查监测；做好不动产登记便民服务
  S 村庄规划编制 | 规划设计 | plan_village expert_senior | 编制村庄规划数量 | 规划成果报批率 | 一次性
  S 地质灾害隐患排查 | 专项业务 | tech_service travel_food | 排查隐患点数量 | 隐患点监测覆盖率 | 延续
U | 县不动产登记中心 | 事业单位 | 16-24 | 2200106 | 0-1 | 系统
  S 不动产登记档案数字化 | 服务外包 | archive_digit | 数字化档案页数 | 档案调阅电子化率 | 一次性
D 111 | 县城市管理局 | 行政单位 | 30-44 | 2120101 | 3-5 | 系统 | 澜溪城管发〔2025〕2号
  duties 加强城市精细化管理；推进生活垃圾分类；做好市政设施维护管理；规范户外广告设置；推进违法建设治理
  duties 提升城市园林绿化水平；加强城市供排水监管；推进城市内涝治理；做好建筑垃圾处置监管；加强渣土运输管理
  S 城区市容秩序管理 | 专项业务 | tech_service recorder | 巡查街道数量 | 市容问题处置率 | 延续
U | 县环境卫生管理所 | 事业单位 | 30-45 | 2120501 | 2-4 | -
  S 城区道路清扫保洁 | 城建管养 | road_clean | 清扫保洁面积 | 道路保洁质量达标率 | 延续
  S 城区公厕运行管理 | 城建管养 | toilet | 管理公厕数量 | 公厕保洁达标率 | 延续
U | 县园林绿化中心 | 事业单位 | 20-30 | 2120399 | 1-2 | -
  S 城区公共绿地养护 | 城建管养 | greening | 养护绿地面积 | 绿地养护达标率 | 延续
  S 城区路灯维护 | 城建管养 | streetlight | 维护路灯数量 | 路灯亮灯率 | 延续
D 112 | 县文化广电和旅游局 | 行政单位 | 22-32 | 2070101 | 2-3 | - | 澜溪文旅发〔2025〕6号
  duties 推进公共文化服务体系建设；加强文物保护利用；推动文旅融合发展；规范文化市场管理；做好非物质文化遗产保护传承
  duties 推进全民阅读；推进广播电视公共服务；加强旅游市场安全监管；推进乡村旅游发展；做好文化遗产日宣传
  S 文物安全巡查保护 | 专项业务 | tech_service travel_food | 巡查文物保护单位数量 | 文物安全巡查覆盖率 | 延续
U | 县图书馆 | 事业单位 | 14-22 | 2070104 | 0-1 | -
  S 图书馆免费开放 | 专项业务 | books culture_class | 新增馆藏图书册数 | 读者借阅需求满足率 | 延续
U | 县文化馆 | 事业单位 | 14-22 | 2070109 | 0-1 | -
  S 群众文化辅导 | 专项业务 | culture_class poster | 开展辅导活动场次 | 辅导活动行政村覆盖率 | 延续
D 113 | 县公安局 | 行政单位 | 90-130 | 2040201 | 8-14 | 系统 | 澜溪公发〔2025〕10号
  duties 推进平安澜溪建设；加强社会治安防控体系建设；深化公安执法规范化建设；做好道路交通安全管理；推进智慧警务建设
  duties 加强禁毒综合治理；推进警务便民服务；加强消防安全监督；做好重点人员服务管理；推进基层派出所规范化建设
  S 执法办案装备更新 | 设备购置 | recorder | 配备执法记录仪数量 | 执法全过程记录率 | 一次性
  S 道路交通安全宣传 | 宣传 | leaflet poster newmedia | 发放宣传资料份数 | 交通安全知识知晓率 | 延续
  S 禁毒宣传教育 | 宣传 | leaflet poster | 开展宣传活动场次 | 禁毒知识知晓率 | 延续
D 114 | 县市场监督管理局 | 行政单位 | 34-48 | 2013801 | 2-4 | - | 澜溪市监发〔2025〕5号
  duties 优化营商环境；加强食品安全监管；做好药品安全监管；加强知识产权保护；规范市场价格秩序
  duties 推进质量强县建设；加强特种设备安全监管；推进信用监管；加强计量标准化管理；做好消费维权工作
  S 食品安全抽样检验 | 专项业务 | inspection travel_food | 抽检食品批次 | 问题食品核查处置率 | 延续
  S 特种设备安全监察 | 专项业务 | tech_service travel_food | 检查特种设备数量 | 特种设备定检率 | 延续
U | 县检验检测中心 | 事业单位 | 16-26 | 2013850 | 1-1 | -
  S 检验检测能力提升 | 设备购置 | lab_instrument | 新增检测仪器数量 | 检测项目覆盖率 | 一次性
D 115 | 县应急管理局 | 行政单位 | 22-32 | 2240101 | 2-4 | - | 澜溪应急发〔2025〕3号
  duties 加强安全生产监管；提升防灾减灾救灾能力；推进应急指挥体系建设；做好森林防灭火工作；加强危险化学品安全监管
  duties 推进应急救援队伍建设；做好自然灾害综合风险普查；加强安全生产宣传教育；推进工贸企业安全标准化；加强应急物资管理
  S 应急救灾物资储备 | 专项业务 | supplies | 储备物资套数 | 物资储备达标率 | 延续
  S 安全生产执法检查 | 专项业务 | tech_service travel_food | 检查生产经营单位数量 | 重大隐患整改率 | 延续
  S 综合应急演练 | 专项业务 | drill print_materials | 组织演练场次 | 应急响应达标率 | 延续
D 116 | 县水利局 | 行政单位 | 22-32 | 2130301 | 2-3 | - | 澜溪水发〔2025〕4号
  duties 推进河湖长制工作；加强水资源节约保护；做好防汛抗旱工作；推进农村供水保障；加强水利工程运行管理
  duties 推进水土保持工作；加强水文监测；推进幸福河湖建设；做好山洪灾害防御；加强取水许可监管
  S 河湖长制巡查管护 | 专项业务 | tech_service travel_food | 巡查河湖数量 | 河湖水质达标率 | 延续
U | 县水利工程管理站 | 事业单位 | 16-26 | 2130305 | 1-2 | -
  S 灌区渠道维修养护 | 城建管养 | canal | 维修养护渠道长度 | 渠道完好率 | 延续
  S 小型水库安全鉴定 | 专项业务 | tech_service expert_senior | 完成安全鉴定水库数量 | 鉴定报告通过率 | 一次性
"""


def _range(text: str) -> tuple[int, int]:
    low, high = text.split("-")
    return int(low), int(high)


def _fields(line: str) -> list[str]:
    return [f.strip() for f in line.split("|")]


def _unit(fields: list[str], subjects: list[Subject]) -> UnitSpec:
    short, kind, staff, func_code, vehicles, system = fields[:6]
    return UnitSpec(
        short, kind, _range(staff), func_code, tuple(subjects), _range(vehicles), system == "系统"
    )


def _parse(text: str) -> tuple[Dept, ...]:
    """Departments from the catalogue table (see the module docstring)."""
    raw: list[dict] = []
    for line in text.strip().splitlines():
        tag, _, rest = line.strip().partition(" ")
        if tag == "D":
            code, _, rest = rest.partition(" | ")
            fields = _fields(rest)
            raw.append({"code": code, "units": [[fields, []]], "doc": fields[6], "duties": []})
        elif tag == "U":
            raw[-1]["units"].append([_fields(rest.lstrip("| ")), []])
        elif tag == "duties":
            raw[-1]["duties"] += rest.split("；")
        elif tag == "S":
            name, ptype, items, output, effect, kind = _fields(rest)
            subject = Subject(name, ptype, tuple(items.split()), output, effect, kind == "延续")
            raw[-1]["units"][-1][1].append(subject)
    return tuple(
        Dept(
            d["code"],
            _unit(*d["units"][0]),
            d["doc"],
            tuple(d["duties"]),
            tuple(_unit(*u) for u in d["units"][1:]),
        )
        for d in raw
    )


DEPARTMENTS: tuple[Dept, ...] = _parse(_CATALOGUE)

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
)
GIVEN_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏宇浩凯晨旭东海波林斌亮"
    "婷雪琳欣怡佳宁颖慧倩璐嘉俊瑞琪晓燕梅莉云峰鑫楠涵晗博然思远志成德永"
)
