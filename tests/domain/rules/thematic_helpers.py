"""A bureau's own standards (支出标准 rows), as the demo county writes them, for the T checks."""

from __future__ import annotations

from decimal import Decimal

from lingji.domain.models import BureauStandard

STANDARDS_DOC = "澜溪财预〔2025〕9号"
PROCUREMENT_DOC = "澜溪财采〔2025〕1号"

WITH_STANDARDS = ("units", "projects", "detail_lines", "indicators", "standards")


def standard(code, name, econ, keywords, basis, limit, doc=STANDARDS_DOC) -> BureauStandard:
    return BureauStandard(code, name, econ, keywords, basis, Decimal(limit), doc, "澜溪县")


PROPERTY = standard("LX-BZ-001", "行政办公用房物业管理费", "30209", "物业管理、物业服务", "元/平方米·月", "4.50")  # fmt: skip
IT_MAINTENANCE = standard("LX-BZ-002", "信息系统运行维护费（占建设投资）", "30213", "运行维护、运维", "元/万元建设投资", "1000")  # fmt: skip
DESIGN = standard("LX-BZ-003", "工程施工图设计费（占建安工程费）", "30227", "设计费", "元/万元建安费", "350")  # fmt: skip
ROAD_CLEANING = standard("LX-BZ-004", "城区道路清扫保洁", "30227", "道路清扫、道路保洁", "元/平方米·年", "9.00")  # fmt: skip
GREENERY = standard("LX-BZ-005", "公共绿地养护", "30227", "绿化养护、绿地养护", "元/平方米·年", "6.50")  # fmt: skip
CONTRACT_PAY = standard("LX-BZ-010", "编外人员劳务费", "30226", "编外人员劳务", "元/人月", "6000")
PROCUREMENT_LIMIT = standard("LX-BZ-011", "政府采购限额标准（集中采购目录以外的货物、服务）", "", "", "元/项", "100000", PROCUREMENT_DOC)  # fmt: skip

ALL = [
    PROPERTY,
    IT_MAINTENANCE,
    DESIGN,
    ROAD_CLEANING,
    GREENERY,
    CONTRACT_PAY,
    PROCUREMENT_LIMIT,
]
