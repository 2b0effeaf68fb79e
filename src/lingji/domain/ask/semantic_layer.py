"""The semantic layer a language model writes SQL against: views, columns, meanings, examples.

The model never sees the stored tables. It sees these views: one budget round, money in yuan,
review results of the newest run, no personal data. sql_guard.py checks every statement a
model proposes against this list and rewrites each view into its definition (written by
adapters/db/ask_views.py, which knows how values are stored), with the round and the asker's
units filled in, so a model cannot read outside them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ViewColumn:
    name: str
    meaning: str


@dataclass(frozen=True, slots=True)
class View:
    name: str
    meaning: str
    #: the stored table the view reads
    table: str
    columns: tuple[ViewColumn, ...]
    #: how the view reaches a unit, for the asker's scope: a unit_code column of its own,
    #: or the project_code of a project (of the same year, for history lines)
    scoped_by: str = "unit_code"
    #: the view reads the newest review run's rows (run_id) instead of the round's
    review_run: bool = False

    @property
    def column_names(self) -> frozenset[str]:
        return frozenset(c.name for c in self.columns)


def _c(name: str, meaning: str) -> ViewColumn:
    return ViewColumn(name, meaning)


VIEWS: tuple[View, ...] = (
    View("units", "单位（预算单位）", "units", (
        _c("unit_code", "单位编码"), _c("unit_name", "单位名称，如 澜溪县教育局"),
        _c("parent_code", "主管部门编码，空为主管部门本身"),
        _c("unit_kind", "单位性质：行政单位/参公事业单位/事业单位"),
        _c("staff_quota", "编制人数"), _c("staff_actual", "在编人数"),
        _c("contract_staff", "核定编外人数"), _c("office_area_m2", "办公用房面积（平方米）"),
        _c("vehicles", "公务用车数"),
    )),
    View("projects", "本年度申报的项目", "projects", (
        _c("project_code", "项目编码"), _c("name", "项目名称"), _c("unit_code", "单位编码"),
        _c("category", "项目类别：运转类/特定目标类"),
        _c("project_type", "项目类型：会议、培训、信息化建设、物业管理、设备购置……"),
        _c("continuing", "是否延续：是/否"), _c("start_year", "开始年度"),
        _c("end_year", "结束年度"), _c("requested_amount", "申报金额（元）"),
        _c("fund_source", "资金来源"), _c("func_code", "功能科目编码"),
    )),
    View("detail_lines", "本年度项目的支出明细", "detail_lines", (
        _c("project_code", "项目编码"), _c("line_no", "序号"), _c("item_name", "明细名称"),
        _c("econ_code", "经济科目编码，如 30215 会议费、30216 培训费、30217 公务接待费"),
        _c("quantity", "数量"), _c("unit", "计量单位"), _c("persons", "人数"),
        _c("days", "天数"), _c("unit_price", "单价（元）"), _c("amount", "金额（元）"),
        _c("procurement", "是否政府采购：是/否"),
    ), scoped_by="project_code"),
    View("history", "以前年度项目的预算、执行和绩效评价", "history", (
        _c("year", "年度"), _c("project_code", "项目编码"), _c("name", "项目名称"),
        _c("unit_code", "单位编码"), _c("project_type", "项目类型"),
        _c("budget", "预算数（元）"), _c("executed", "执行数（元）"),
        _c("eval_score", "绩效评价得分"), _c("eval_rating", "评价等级：优/良/中/差"),
    )),
    View("sangong", "以前年度各单位三公经费决算", "sangong", (
        _c("year", "年度"), _c("unit_code", "单位编码"),
        _c("overseas", "因公出国（境）费（元）"),
        _c("vehicle_purchase", "公务用车购置费（元）"),
        _c("vehicle_running", "公务用车运行维护费（元）"),
        _c("reception", "公务接待费（元）"),
    )),
    View("review_projects", "最新一次审核的项目结果", "review_projects", (
        _c("project_code", "项目编码"), _c("unit_code", "单位编码"), _c("name", "项目名称"),
        _c("requested_amount", "申报金额（元）"),
        _c("suggested_amount", "建议金额（元）"), _c("score_total", "综合得分"),
        _c("grade", "等级：A 重点且必须/B 非重点但必须/C 重点但非必须/D 非重点且非必须"),
        _c("rank", "排序，1 为最优先"),
    ), review_run=True),
    View("review_findings", "最新一次审核发现的问题", "review_findings", (
        _c("unit_code", "单位编码"), _c("project_code", "项目编码，单位级问题为空"),
        _c("line_no", "明细序号"), _c("code", "问题编码，如 M01 超标准"),
        _c("severity", "严重程度：阻断/警告/提示"), _c("message", "问题说明"),
        _c("amount_excess", "建议核减金额（元）"),
    ), review_run=True),
)  # fmt: skip

VIEWS_BY_NAME = {view.name: view for view in VIEWS}

#: functions a proposed query may call (aggregates and plain arithmetic); anything else,
#: such as a database's file or extension functions, is refused
ALLOWED_FUNCTIONS = frozenset(
    {"sum", "count", "avg", "min", "max", "round", "coalesce", "abs", "nullif", "cast",
     "case", "if", "lower", "upper", "length", "substr", "substring"}
)  # fmt: skip

#: question and query pairs; {last_year} is filled in with the year before the budget year
EXAMPLES = (
    ("教育局今年申报了多少？",
     "SELECT SUM(p.requested_amount) FROM projects p JOIN units u ON u.unit_code = p.unit_code "
     "WHERE u.unit_name LIKE '%教育局'"),
    ("各项目类型的申报金额", "SELECT project_type, SUM(requested_amount) FROM projects GROUP BY project_type"),
    ("去年执行率最低的三个项目",
     "SELECT name, executed / budget FROM history WHERE year = {last_year} AND budget > 0 "
     "ORDER BY executed / budget LIMIT 3"),
)  # fmt: skip


def describe(budget_year: int) -> str:
    """The semantic layer as the model reads it (Chinese, one block per view)."""
    parts = [
        f"数据库是一个县财政局的预算审核库，预算年度为{budget_year}年（今年），金额单位均为元。",
        "只能使用下列视图和字段，只写一条 SELECT 语句：",
    ]
    for view in VIEWS:
        columns = "；".join(f"{c.name}：{c.meaning}" for c in view.columns)
        parts.append(f"- {view.name}（{view.meaning}）：{columns}")
    parts.append("示例：")
    parts += [f"问：{q}\n答：{sql.format(last_year=budget_year - 1)}" for q, sql in EXAMPLES]
    return "\n".join(parts)
