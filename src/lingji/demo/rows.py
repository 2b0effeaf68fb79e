"""Records as sheet rows, in the column order of the contract.

Cells are Python values: str, int, Decimal, datetime.date or None. The CSV writer turns
them into text with str(); the xlsx writer writes numbers and dates as such.
"""

from __future__ import annotations

from decimal import Decimal

from lingji.demo.building import Block
from lingji.demo.model import Line
from lingji.demo.policies import STANDARDS, policy_documents
from lingji.domain.contract import SHEETS_BY_NAME, WHOLE_BUDGET

#: 申报金额 is written in 万元 (the contract lets a header say so); values stay exact
WAN_YUAN_HEADER = "申报金额（万元）"

_KEYS = {
    "单位": (
        "unit_code",
        "unit_name",
        "parent_code",
        "unit_kind",
        "staff_quota",
        "staff_actual",
        "contract_staff",
        "office_area_m2",
        "vehicles",
    ),
    "项目": (
        "year",
        "project_code",
        "name",
        "unit_code",
        "category",
        "project_type",
        "continuing",
        "prev_project_code",
        "start_year",
        "end_year",
        "requested_amount",
        "fund_source",
        "func_code",
        "policy_refs",
        "rationale",
        "content",
        "overall_goal",
    ),
    "支出明细": (
        "project_code",
        "line_no",
        "item_name",
        "econ_code",
        "quantity",
        "unit",
        "persons",
        "days",
        "unit_price",
        "amount",
        "basis",
        "procurement",
        "procurement_item",
    ),
    "绩效指标": ("project_code", "level1", "level2", "name", "target_value", "unit", "direction"),
    "历史执行": (
        "year",
        "project_code",
        "name",
        "unit_code",
        "project_type",
        "budget",
        "executed",
        "eval_score",
        "eval_rating",
    ),
    "历史明细": (
        "year",
        "project_code",
        "line_no",
        "item_name",
        "econ_code",
        "quantity",
        "unit",
        "persons",
        "days",
        "unit_price",
        "amount",
        "basis",
        "procurement",
        "procurement_item",
    ),
    "三公经费": (
        "year",
        "unit_code",
        "overseas",
        "vehicle_purchase",
        "vehicle_running",
        "reception",
    ),
    "人员": ("id_number", "person_name", "unit_code", "person_kind", "status", "monthly_pay"),
    "资产": (
        "asset_code",
        "unit_code",
        "asset_name",
        "asset_class",
        "acquired",
        "original_value",
        "asset_status",
    ),
    "审计发现": (
        "year",
        "unit_code",
        "project_code",
        "issue_type",
        "description",
        "amount",
        "rectified",
    ),
    "政策文件": ("doc_no", "title", "issuer", "issued", "level", "status", "expires", "text"),
    "支出标准": (
        "std_code",
        "std_name",
        "econ_code",
        "keywords",
        "basis_unit",
        "limit",
        "source_doc",
        "region",
    ),
    "控制数": ("unit_code", "ceiling"),
}
for _name, _keys in _KEYS.items():
    if SHEETS_BY_NAME[_name].keys != _keys:
        raise RuntimeError(f"the contract's columns of {_name} changed; update lingji.demo.rows")

SHEET_ORDER = tuple(_KEYS)


def column_index(sheet: str, key: str) -> int:
    return _KEYS[sheet].index(key)


def headers(sheet: str) -> list[str]:
    spec = SHEETS_BY_NAME[sheet]
    out = [c.header for c in spec.columns]
    if sheet == "项目":
        out[column_index("项目", "requested_amount")] = WAN_YUAN_HEADER
    return out


def to_wan(amount: Decimal) -> Decimal:
    """Yuan as 万元 with every digit kept, so × 10000 gives the fen back exactly."""
    return Decimal(format(amount.scaleb(-4).normalize(), "f"))


def _line(line: Line) -> list:
    return [
        line.line_no,
        line.item_name,
        line.econ_code,
        line.quantity,
        line.unit,
        line.persons,
        line.days,
        line.unit_price,
        line.amount,
        line.basis,
        line.procurement,
        line.procurement_item,
    ]


def block_rows(block: Block) -> dict[str, list[list]]:
    """Every sheet's rows of one block (policy library and standards are county-wide, see below)."""
    units = [
        [
            u.code,
            u.name,
            u.parent_code,
            u.kind,
            u.staff_quota,
            u.staff_actual,
            u.contract_staff,
            Decimal(u.office_area),
            u.vehicles,
        ]
        for u in block.units
    ]
    projects, lines, indicators = [], [], []
    for p in block.projects:
        projects.append(
            [
                p.year,
                p.code,
                p.name,
                p.unit_code,
                p.category,
                p.project_type,
                p.continuing,
                p.prev_code,
                p.start_year,
                p.end_year,
                to_wan(p.requested),
                p.fund_source,
                p.func_code,
                p.policy_refs,
                p.rationale,
                p.content,
                p.overall_goal,
            ]
        )
        lines.extend([p.code, *_line(ln)] for ln in p.lines)
        indicators.extend(
            [p.code, i.level1, i.level2, i.name, i.target_value, i.unit, i.direction]
            for i in p.indicators
        )
    history, history_lines = [], []
    for h in sorted(block.history, key=lambda r: (r.year, r.code)):
        history.append(
            [
                h.year,
                h.code,
                h.name,
                h.unit_code,
                h.project_type,
                h.budget,
                h.executed,
                h.eval_score,
                h.eval_rating,
            ]
        )
        history_lines.extend([h.year, h.code, *_line(ln)] for ln in h.lines)
    return {
        "单位": units,
        "项目": projects,
        "支出明细": lines,
        "绩效指标": indicators,
        "历史执行": history,
        "历史明细": history_lines,
        "三公经费": [
            [s.year, s.unit_code, s.overseas, s.vehicle_purchase, s.vehicle_running, s.reception]
            for s in block.sangong
        ],
        "人员": [
            [p.id_number, p.name, p.unit_code, p.kind, p.status, p.monthly_pay]
            for p in block.people
        ],
        "资产": [
            [a.code, a.unit_code, a.name, a.asset_class, a.acquired, a.value, a.status]
            for a in block.assets
        ],
        "审计发现": [
            [
                a.year,
                a.unit_code,
                a.project_code,
                a.issue_type,
                a.description,
                a.amount,
                a.rectified,
            ]
            for a in block.audits
        ],
        "政策文件": [],
        "支出标准": [],
        "控制数": [[code, ceiling] for code, ceiling in block.ceilings],
    }


def library_rows() -> dict[str, list[list]]:
    """The county-wide sheets, written once before the first block's rows."""
    docs = [
        [d.doc_no, d.title, d.issuer, d.issued, d.level, d.status, d.expires, d.text]
        for d in policy_documents()
    ]
    standards = [
        [
            s.std_code,
            s.std_name,
            s.econ_code,
            s.keywords,
            s.basis_unit,
            s.limit,
            s.source_doc,
            s.region,
        ]
        for s in STANDARDS
    ]
    return {"政策文件": docs, "支出标准": standards}


def whole_budget_row(total: Decimal) -> list:
    return [WHOLE_BUDGET, total]
