"""X03 有闲置同类资产仍申请购置：资产台账中本单位同类设备有闲置，项目仍申请购置。

购置明细按明细名称归入设备类别（台式计算机、打印机、投影仪、办公家具等，关键词与 X02 相同，见
规则集）；资产台账中本单位该类资产使用状态为“闲置”（规则集可改）的，说明应先调剂使用闲置资产，
逐条明细提示闲置台数、取得年份和资产编码。闲置资产能否使用要由单位说明，本检查只作提示，
不给出核减额（超出配置标准的部分由 X02 计算）。没有设备购置明细的项目不适用；报送数据没有
“资产”表、资产表中没有本单位任何资产的，记为数据缺失。
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult, Finding
from lingji.domain.formatting import number
from lingji.domain.registers import EquipmentCatalog, Purchase, quantity_of

if TYPE_CHECKING:
    from lingji.domain.models import Asset
    from lingji.domain.review_context import ReviewContext

CODE = "X03"
VERSION = 1
TITLE = "有闲置同类资产仍申请购置"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("assets",)

ASSET_SHEET = "assets"
#: asset codes a message names before "等"; the evidence lists them all
NAMED_CODES = 5


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    result = CheckResult()
    if not ctx.has_sheet(ASSET_SHEET):
        result.skips.append(ctx.skip(CODE, "报送数据没有“资产”表，无法核对闲置资产", missing=True))
        return result
    catalog = EquipmentCatalog.from_params(params)
    idle_statuses = frozenset(params["idle_statuses"])

    purchases = catalog.purchases(ctx.projects)
    buying_units = {p.unit_code for p in ctx.projects if p.project_code in purchases}
    idle: dict[tuple[str, str], list[Asset]] = defaultdict(list)
    registered_units: set[str] = set()
    for asset in ctx.round.assets:
        if asset.unit_code not in buying_units:
            continue
        registered_units.add(asset.unit_code)
        if asset.asset_status in idle_statuses:
            equipment = catalog.of_asset(asset)
            if equipment is not None:
                idle[(asset.unit_code, equipment.name)].append(asset)

    for project in ctx.projects:
        found = purchases.get(project.project_code)
        if not found:
            result.skips.append(ctx.skip(CODE, "项目没有设备购置明细", project=project))
            continue
        if project.unit_code not in registered_units:
            result.skips.append(
                ctx.skip(
                    CODE,
                    "资产表中没有本单位的资产记录，无法核对闲置资产",
                    missing=True,
                    project=project,
                )
            )
            continue
        result.checked += 1
        for purchase in found:
            items = idle.get((project.unit_code, purchase.equipment.name))
            if items:
                result.findings.append(_finding(ctx, purchase, items))
    return result


def _finding(ctx: ReviewContext, purchase: Purchase, items: list[Asset]) -> Finding:
    line, label = purchase.line, purchase.equipment.name
    quantity = quantity_of(line)
    measure = line.unit or "台"
    buying = f"拟购{number(quantity)}{measure}" if quantity is not None else "拟购置"
    years = sorted(a.acquired.year for a in items if a.acquired is not None)
    when = ""
    if years:
        when = (
            f"，取得于{years[0]}年"
            if years[0] == years[-1]
            else f"，取得于{years[0]}—{years[-1]}年"
        )
    codes = [a.asset_code for a in items if a.asset_code]
    named = "、".join(codes[:NAMED_CODES]) + ("等" if len(codes) > NAMED_CODES else "")
    listed = f"（资产编码{named}）" if named else ""
    message = (
        f"第{line.line_no}行“{line.item_name}”{buying}，资产台账中本单位有闲置{label}"
        f"{len(items)}{measure}{when}{listed}，应先调剂使用闲置资产或说明其不能使用的原因"
    )
    return ctx.finding(
        CODE,
        purchase.project,
        message,
        line_no=line.line_no,
        evidence={
            "equipment_class": label,
            "item_name": line.item_name,
            "quantity": None if quantity is None else str(quantity),
            "idle_count": len(items),
            "idle_assets": [
                {
                    "asset_code": a.asset_code,
                    "asset_name": a.asset_name,
                    "asset_class": a.asset_class,
                    "acquired": a.acquired.isoformat() if a.acquired else None,
                    "original_value": None if a.original_value is None else str(a.original_value),
                    "asset_status": a.asset_status,
                }
                for a in items
            ],
        },
    )
