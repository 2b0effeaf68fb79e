"""The demo county: a fictional county's budget round with planted findings and an answer key."""

from __future__ import annotations

import json
import pathlib
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from lingji.demo.catalog import COUNTY
from lingji.demo.model import BUDGET_YEAR, ZERO
from lingji.demo.policies import STANDARDS
from lingji.demo.rows import SHEET_ORDER, whole_budget_row
from lingji.demo.writer import CsvSheets, XlsxSheets, iter_blocks, sheet_level_messes
from lingji.exceptions import DemoOptionInvalid

__all__ = ["DemoSummary", "write_demo_county", "ANSWER_KEY_NAME", "XLSX_MAX_SCALE"]

ANSWER_KEY_NAME = "answer_key.json"
#: an xlsx sheet holds at most 1,048,576 rows; 历史明细 reaches that near scale 240
XLSX_MAX_SCALE = 100
#: the whole-budget ceiling as a share of all requests (department ceilings are 86-94 %)
WHOLE_BUDGET_SHARE = Decimal("0.90")

CONVENTIONS = {
    "amount": "金额 = 单价 × 数量、人数、天数中所有非空者之积（人员类明细：人数 × 数量（月）× 单价）",
    "requested_amount": "项目.申报金额 以万元填写（表头“申报金额（万元）”），× 10000 即为精确到分的元",
    "property_area": "物业管理费明细：数量 = 面积 × 12（平方米·月），单价为元/平方米·月；同一项目各楼栋面积之和不超过办公用房面积",
    "share_based_lines": "信息系统运维、施工图设计费按“万元（建设投资/建安费）”计量，单价为元/万元；支出标准上限同口径",
    "meeting_category": "会议费明细未注明会议类别的，按最宽的一类会议760元/人天计；注明“三类会议”的按550元",
    "young_asset": "在用且预算年度初未满6年（取得于2021-01-01以后）的资产为可用资产；演示数据的新资产均取得于2022年以后、旧资产均在2020年底以前，两种算法结论一致",
    "personnel_lines": "编外人员劳务费：人数 = 编外人数，数量 = 12（月），单价 = 元/人月，与人员表在职编外人数和月应发工资一致；社会保险费明细只有数量（人月），不带人数",
    "procurement": "集中采购目录品目（计算机、打印设备、复印机、投影仪、服务器、家具、物业、信息技术服务等）和10万元以上的其他货物服务标“是”；会议、差旅、培训、劳务、补助、公务用车运行和接待不采购",
    "per_capita": "T09 人均 = 单位全部项目申报金额 / 在编人数；干净单位在同批中位数的0.6—1.7倍之间",
    "history_prices": "延续项目往年单价不高于本年（同一合同，0—12%漂移），干净项目单价不高于同类历史单价的上四分位数",
    "ceilings": "部门控制数覆盖该部门及其下属单位；“全部”为全县总控制数",
    "clean": "clean_project_codes 中的项目在任何编码下都不应被报告；problem_unit_codes 的单位有单位级问题，其项目不计入 clean",
    "rows": "row 为 1 起的表格行号（含标题行、表头行、空行）；CSV 中一个记录算一行，即使单元格内有换行",
}


@dataclass(frozen=True, slots=True)
class DemoSummary:
    #: the workbook (xlsx) or the folder of CSV files
    path: pathlib.Path
    answer_key_path: pathlib.Path
    #: sheet name -> data rows an importer should store
    counts: dict[str, int]


def write_demo_county(
    out_dir: pathlib.Path, *, seed: int = 2027, scale: int = 1, fmt: str = "xlsx"
) -> DemoSummary:
    """Write the demo county and its answer key into out_dir."""
    if fmt not in ("xlsx", "csv"):
        raise DemoOptionInvalid(f"格式只能是 xlsx 或 csv，收到 {fmt!r}")
    if scale < 1:
        raise DemoOptionInvalid("规模倍数至少为 1")
    if fmt == "xlsx" and scale > XLSX_MAX_SCALE:
        raise DemoOptionInvalid(
            f"xlsx 工作簿最多容纳规模倍数 {XLSX_MAX_SCALE}（单表上限 1,048,576 行），请改用 --format csv"
        )
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{COUNTY}-{BUDGET_YEAR}"
    if fmt == "csv":
        path = out_dir / stem
        path.mkdir(exist_ok=True)
        sheets: CsvSheets | XlsxSheets = CsvSheets(path)
    else:
        path = out_dir / f"{stem}.xlsx"
        sheets = XlsxSheets(path)
    planted: list[dict[str, object]] = []
    clean: list[str] = []
    problem_units: list[str] = []
    requested = ZERO
    try:
        for output in iter_blocks(seed, scale, as_text=fmt == "csv"):
            sheets.add(output)
            planted += output.planted
            clean += output.clean_codes
            problem_units += output.problem_units
            requested += output.requested
        whole = (requested * WHOLE_BUDGET_SHARE / 10000).to_integral_value(ROUND_FLOOR) * 10000
        sheets.append_row("控制数", whole_budget_row(whole.quantize(Decimal("0.01"))))
    finally:
        sheets.close()
    counts = {sheet: sheets.states[sheet].data_rows for sheet in SHEET_ORDER}
    key = {
        "county": COUNTY,
        "budget_year": BUDGET_YEAR,
        "seed": seed,
        "scale": scale,
        "format": fmt,
        "data_path": path.name,
        "conventions": CONVENTIONS,
        "assumed_standards": [
            {
                "std_code": s.std_code,
                "std_name": s.std_name,
                "basis_unit": s.basis_unit,
                "limit": str(s.limit),
                "source_doc": s.source_doc,
                "why": "domain-facts.md 未给出该标准（[未找到]），演示县自定，见支出标准表",
            }
            for s in STANDARDS
        ],
        "total_requested": str(requested),
        "planted": planted,
        "clean_project_codes": clean,
        "problem_unit_codes": problem_units,
        "messiness": sheet_level_messes()
        + [m for s in SHEET_ORDER for m in sheets.states[s].messes],
        "counts": counts,
    }
    key_path = out_dir / ANSWER_KEY_NAME
    key_path.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    return DemoSummary(path=path, answer_key_path=key_path, counts=counts)
