"""The data contract (shared/spec/data-contract.md) as data.

One `SheetSpec` per sheet of a budget-round submission, one `ColumnSpec` per column. The
importer, the demo generator and the exporters all read this table, so the contract is
written down exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ColumnType(StrEnum):
    """How a cell is read."""

    #: free text, trimmed
    TEXT = "text"
    #: an identifier: trimmed, full-width folded, Excel's 30215.0 turned back into 30215
    CODE = "code"
    #: a whole number
    INT = "int"
    #: an exact decimal quantity (area, days, quantity, score)
    NUMBER = "number"
    #: yuan as Decimal; a header carrying 万元 is converted to yuan
    MONEY = "money"
    #: a calendar date: Excel serial, 2026-01-05, 2026/1/5 or 2026年1月5日
    DATE = "date"


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    header: str
    key: str
    type: ColumnType = ColumnType.TEXT
    #: the column must be present in the sheet
    required: bool = False
    #: a row with this cell empty cannot be stored at all and is rejected
    row_key: bool = False
    #: values the contract lists; others are kept (the review reports them), not rejected
    choices: tuple[str, ...] = ()
    #: personal data: encrypted at rest, never echoed in messages or logs
    sensitive: bool = False


@dataclass(frozen=True, slots=True)
class Reference:
    """A column whose value must name a row of another sheet."""

    column: str
    target_sheet: str
    target_column: str
    #: values accepted although no such row exists (控制数 uses 全部 for the whole budget)
    also_allowed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SheetSpec:
    name: str
    key: str
    columns: tuple[ColumnSpec, ...]
    required: bool = False
    #: columns whose combined value must be unique within the sheet
    unique: tuple[str, ...] = ()
    references: tuple[Reference, ...] = field(default=())

    def column(self, key: str) -> ColumnSpec:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)


TEXT, CODE, INT, NUMBER, MONEY, DATE = (
    ColumnType.TEXT,
    ColumnType.CODE,
    ColumnType.INT,
    ColumnType.NUMBER,
    ColumnType.MONEY,
    ColumnType.DATE,
)

PROJECT_TYPES = (
    "会议", "培训", "信息化建设", "信息化运维", "物业管理", "规划设计", "城建管养", "服务外包",
    "编外人员", "设备购置", "课题研究", "宣传", "专项业务", "补助", "基建", "其他",
)  # fmt: skip

_LINE_COLUMNS = (
    ColumnSpec("项目编码", "project_code", CODE, required=True, row_key=True),
    ColumnSpec("序号", "line_no", INT),
    ColumnSpec("明细名称", "item_name", TEXT, required=True),
    ColumnSpec("经济科目编码", "econ_code", CODE),
    ColumnSpec("数量", "quantity", NUMBER),
    ColumnSpec("计量单位", "unit", TEXT),
    ColumnSpec("人数", "persons", INT),
    ColumnSpec("天数", "days", NUMBER),
    ColumnSpec("单价", "unit_price", MONEY),
    ColumnSpec("金额", "amount", MONEY, required=True),
    ColumnSpec("测算依据", "basis", TEXT),
    ColumnSpec("是否政府采购", "procurement", TEXT, choices=("是", "否")),
    ColumnSpec("采购品目", "procurement_item", TEXT),
)

UNITS = SheetSpec(
    "单位",
    "units",
    (
        ColumnSpec("单位编码", "unit_code", CODE, required=True, row_key=True),
        ColumnSpec("单位名称", "unit_name", TEXT, required=True),
        ColumnSpec("主管部门编码", "parent_code", CODE),
        ColumnSpec("单位性质", "unit_kind", TEXT, choices=("行政单位", "参公事业单位", "事业单位")),
        ColumnSpec("编制人数", "staff_quota", INT),
        ColumnSpec("在编人数", "staff_actual", INT),
        ColumnSpec("编外人数", "contract_staff", INT),
        ColumnSpec("办公用房面积", "office_area_m2", NUMBER),
        ColumnSpec("公务用车数", "vehicles", INT),
    ),
    required=True,
    unique=("unit_code",),
    references=(Reference("parent_code", "单位", "unit_code"),),
)

PROJECTS = SheetSpec(
    "项目",
    "projects",
    (
        ColumnSpec("年度", "year", INT, required=True, row_key=True),
        ColumnSpec("项目编码", "project_code", CODE, required=True, row_key=True),
        ColumnSpec("项目名称", "name", TEXT, required=True),
        ColumnSpec("单位编码", "unit_code", CODE, required=True, row_key=True),
        ColumnSpec("项目类别", "category", TEXT, choices=("运转类", "特定目标类")),
        ColumnSpec("项目类型", "project_type", TEXT, choices=PROJECT_TYPES),
        ColumnSpec("是否延续", "continuing", TEXT, choices=("是", "否")),
        ColumnSpec("上年项目编码", "prev_project_code", CODE),
        ColumnSpec("开始年度", "start_year", INT),
        ColumnSpec("结束年度", "end_year", INT),
        ColumnSpec("申报金额", "requested_amount", MONEY, required=True),
        ColumnSpec("资金来源", "fund_source", TEXT),
        ColumnSpec("功能科目", "func_code", CODE),
        ColumnSpec("政策依据", "policy_refs", TEXT),
        ColumnSpec("立项依据", "rationale", TEXT),
        ColumnSpec("实施内容", "content", TEXT),
        ColumnSpec("总体绩效目标", "overall_goal", TEXT),
    ),
    required=True,
    unique=("project_code",),
    references=(Reference("unit_code", "单位", "unit_code"),),
)

LINES = SheetSpec(
    "支出明细",
    "detail_lines",
    _LINE_COLUMNS,
    required=True,
    references=(Reference("project_code", "项目", "project_code"),),
)

INDICATORS = SheetSpec(
    "绩效指标",
    "indicators",
    (
        ColumnSpec("项目编码", "project_code", CODE, required=True, row_key=True),
        ColumnSpec(
            "一级指标", "level1", TEXT, choices=("产出指标", "效益指标", "满意度指标", "成本指标")
        ),
        ColumnSpec("二级指标", "level2", TEXT),
        ColumnSpec("三级指标", "name", TEXT),
        ColumnSpec("指标值", "target_value", TEXT),
        ColumnSpec("计量单位", "unit", TEXT),
        ColumnSpec("指标方向", "direction", TEXT),
    ),
    required=True,
    references=(Reference("project_code", "项目", "project_code"),),
)

HISTORY = SheetSpec(
    "历史执行",
    "history",
    (
        ColumnSpec("年度", "year", INT, row_key=True),
        ColumnSpec("项目编码", "project_code", CODE, row_key=True),
        ColumnSpec("项目名称", "name", TEXT),
        ColumnSpec("单位编码", "unit_code", CODE),
        ColumnSpec("项目类型", "project_type", TEXT),
        ColumnSpec("预算数", "budget", MONEY),
        ColumnSpec("执行数", "executed", MONEY),
        ColumnSpec("评价得分", "eval_score", NUMBER),
        ColumnSpec("评价等级", "eval_rating", TEXT, choices=("优", "良", "中", "差")),
    ),
    unique=("year", "project_code"),
)

HISTORY_LINES = SheetSpec(
    "历史明细",
    "history_lines",
    (ColumnSpec("年度", "year", INT, row_key=True), *_LINE_COLUMNS),
)

SANGONG = SheetSpec(
    "三公经费",
    "sangong",
    (
        ColumnSpec("年度", "year", INT, row_key=True),
        ColumnSpec("单位编码", "unit_code", CODE, row_key=True),
        ColumnSpec("因公出国（境）费", "overseas", MONEY),
        ColumnSpec("公务用车购置费", "vehicle_purchase", MONEY),
        ColumnSpec("公务用车运行维护费", "vehicle_running", MONEY),
        ColumnSpec("公务接待费", "reception", MONEY),
    ),
    unique=("year", "unit_code"),
)

PERSONNEL = SheetSpec(
    "人员",
    "personnel",
    (
        ColumnSpec("身份证号", "id_number", CODE, sensitive=True),
        ColumnSpec("姓名", "person_name", TEXT, sensitive=True),
        ColumnSpec("单位编码", "unit_code", CODE, row_key=True),
        ColumnSpec("人员类别", "person_kind", TEXT, choices=("在编", "编外", "退休")),
        ColumnSpec("状态", "status", TEXT, choices=("在职", "离职", "退休", "死亡")),
        ColumnSpec("月应发工资", "monthly_pay", MONEY),
    ),
    references=(Reference("unit_code", "单位", "unit_code"),),
)

ASSETS = SheetSpec(
    "资产",
    "assets",
    (
        ColumnSpec("资产编码", "asset_code", CODE),
        ColumnSpec("单位编码", "unit_code", CODE, row_key=True),
        ColumnSpec("资产名称", "asset_name", TEXT),
        ColumnSpec("资产分类", "asset_class", TEXT),
        ColumnSpec("取得日期", "acquired", DATE),
        ColumnSpec("原值", "original_value", MONEY),
        ColumnSpec(
            "使用状态", "asset_status", TEXT, choices=("在用", "闲置", "待处置", "出租出借")
        ),
    ),
    references=(Reference("unit_code", "单位", "unit_code"),),
)

AUDIT_FINDINGS = SheetSpec(
    "审计发现",
    "audit_findings",
    (
        ColumnSpec("年度", "year", INT),
        ColumnSpec("单位编码", "unit_code", CODE, row_key=True),
        ColumnSpec("项目编码", "project_code", CODE),
        ColumnSpec("问题类型", "issue_type", TEXT),
        ColumnSpec("问题描述", "description", TEXT),
        ColumnSpec("涉及金额", "amount", MONEY),
        ColumnSpec("整改状态", "rectified", TEXT, choices=("已整改", "未整改", "整改中")),
    ),
    references=(Reference("unit_code", "单位", "unit_code"),),
)

POLICY_DOCUMENTS = SheetSpec(
    "政策文件",
    "policy_documents",
    (
        ColumnSpec("文号", "doc_no", CODE, row_key=True),
        ColumnSpec("标题", "title", TEXT),
        ColumnSpec("发文机关", "issuer", TEXT),
        ColumnSpec("发布日期", "issued", DATE),
        ColumnSpec(
            "效力层级",
            "level",
            TEXT,
            choices=(
                "法律",
                "行政法规",
                "国务院文件",
                "部门规章",
                "省级文件",
                "市级文件",
                "县级文件",
                "部门文件",
            ),
        ),  # fmt: skip
        ColumnSpec("状态", "status", TEXT, choices=("有效", "失效", "废止")),
        ColumnSpec("失效日期", "expires", DATE),
        ColumnSpec("正文", "text", TEXT),
    ),
    unique=("doc_no",),
)

STANDARDS = SheetSpec(
    "支出标准",
    "standards",
    (
        ColumnSpec("标准编码", "std_code", CODE, row_key=True),
        ColumnSpec("标准名称", "std_name", TEXT),
        ColumnSpec("经济科目编码", "econ_code", CODE),
        ColumnSpec("适用关键词", "keywords", TEXT),
        ColumnSpec("计量口径", "basis_unit", TEXT),
        ColumnSpec("上限", "limit", MONEY),
        ColumnSpec("来源文号", "source_doc", TEXT),
        ColumnSpec("地区", "region", TEXT),
    ),
    unique=("std_code",),
)

CEILINGS = SheetSpec(
    "控制数",
    "ceilings",
    (
        ColumnSpec("单位编码", "unit_code", CODE, required=True, row_key=True),
        ColumnSpec("控制数", "ceiling", MONEY, required=True),
    ),
    unique=("unit_code",),
    references=(Reference("unit_code", "单位", "unit_code", also_allowed=("全部",)),),
)

#: every sheet, in the order they are read and stored (referenced sheets first)
SHEETS: tuple[SheetSpec, ...] = (
    UNITS,
    PROJECTS,
    LINES,
    INDICATORS,
    HISTORY,
    HISTORY_LINES,
    SANGONG,
    PERSONNEL,
    ASSETS,
    AUDIT_FINDINGS,
    POLICY_DOCUMENTS,
    STANDARDS,
    CEILINGS,
)

SHEETS_BY_NAME: dict[str, SheetSpec] = {s.name: s for s in SHEETS}
SHEETS_BY_KEY: dict[str, SheetSpec] = {s.key: s for s in SHEETS}

#: the value 控制数 uses for the ceiling of the whole budget
WHOLE_BUDGET = "全部"
