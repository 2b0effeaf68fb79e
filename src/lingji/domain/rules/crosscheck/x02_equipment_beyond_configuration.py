"""X02 超配置标准购置设备：资产台账中本单位同类在用设备已达到按人数核定的配置上限，仍申请购置。

对照规则集中的配置标准（默认《中央行政单位通用办公设备家具配置标准》，财政部等五部门 2016 年
7 月 1 日起施行：台式计算机按编制内实有人数的 100%、涉密单位 150%，便携式计算机 50%，打印机 80%，
传真机和多功能一体机 30%，复印机 100 人以内每 20 人 1 台、超出部分每 30 人 1 台；最低使用年限
6 年）。购置明细按明细名称归入设备类别（关键词见规则集）；配置上限按单位在编人数（未填时用编制
人数）计算。资产台账中本单位该类“在用”设备里，预算年度内尚未达到最低使用年限的（取得年份晚于
预算年度减使用年限）才算可用：到期设备可以更新，不占上限；取得日期为空的不计入。可用台数加上
本单位本年各项目拟购台数超过上限的，超出上限的台数落在哪条明细上就报在哪条明细上，按该明细
单价计算核减额。规则集没有配置标准的类别（投影仪、办公家具等）不适用。没有购置明细的项目不适用；
报送数据没有“资产”表、资产表中没有本单位任何资产、单位人数为空、购置明细数量为空的，记为数据缺失。
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult, Finding
from lingji.domain.formatting import number, yuan
from lingji.domain.registers import (
    EquipmentCatalog,
    EquipmentClass,
    Purchase,
    quantity_of,
    unit_staff,
)

if TYPE_CHECKING:
    from lingji.domain.models import DetailLine
    from lingji.domain.review_context import ReviewContext

CODE = "X02"
VERSION = 1
TITLE = "超配置标准购置设备"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("assets",)

ASSET_SHEET = "assets"
CENT = Decimal("0.01")
#: a class without a minimum life: no item is ever due for replacement
NOTHING_DUE = -1


@dataclass(frozen=True, slots=True)
class _Holding:
    """A unit's in-use register items of one class, by whether they count against the cap."""

    usable: int
    #: reaching the minimum life within the budget year, or past it: may be replaced
    due: int
    #: no 取得日期: the age is unknown, so the item is not held against the purchase
    undated: int


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    result = CheckResult()
    if not ctx.has_sheet(ASSET_SHEET):
        result.skips.append(ctx.skip(CODE, "报送数据没有“资产”表，无法核对设备配置", missing=True))
        return result
    catalog = EquipmentCatalog.from_params(params)
    usable_statuses = frozenset(params["usable_statuses"])
    classified_units = frozenset(str(c) for c in params["classified_unit_codes"])
    standard = params["configuration_standard"]

    purchases = catalog.purchases(ctx.projects, capped_only=True)
    buying_units = {p.unit_code for p in ctx.projects if p.project_code in purchases}
    # the last acquisition year of items due for replacement within the budget year, per class
    last_due_year = {
        c.name: ctx.year - c.min_life_years if c.min_life_years else NOTHING_DUE
        for c in catalog.classes
        if c.has_cap
    }
    usable: dict[tuple[str, str], int] = defaultdict(int)
    due: dict[tuple[str, str], int] = defaultdict(int)
    undated: dict[tuple[str, str], int] = defaultdict(int)
    registered_units: set[str] = set()
    of_asset = catalog.of_asset
    for asset in ctx.round.assets:
        unit_code = asset.unit_code
        if unit_code not in buying_units:
            continue
        registered_units.add(unit_code)
        if asset.asset_status not in usable_statuses:
            continue
        equipment = of_asset(asset)
        if equipment is None or (last_due := last_due_year.get(equipment.name)) is None:
            continue
        key = (unit_code, equipment.name)
        acquired = asset.acquired
        if acquired is None:
            undated[key] += 1
        elif acquired.year <= last_due:
            due[key] += 1
        else:
            usable[key] += 1

    # items bought so far this round per unit and class, in project and line order
    bought: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for project in ctx.projects:
        found = purchases.get(project.project_code)
        if not found:
            result.skips.append(
                ctx.skip(
                    CODE,
                    "项目没有购置有配置标准的办公设备（计算机、打印机、复印机等）",
                    project=project,
                )
            )
            continue
        staff = unit_staff(ctx.units.get(project.unit_code))
        if staff is None or project.unit_code not in registered_units:
            gaps = [
                text
                for text, missing in (
                    (
                        "资产表中没有本单位的资产记录，无法核对现有设备",
                        project.unit_code not in registered_units,
                    ),
                    ("单位在编人数和编制人数均为空，无法计算配置上限", staff is None),
                )
                if missing
            ]
            result.skips.append(ctx.skip(CODE, "；".join(gaps), missing=True, project=project))
            continue
        result.checked += 1
        classified = project.unit_code in classified_units
        for purchase in found:
            quantity = quantity_of(purchase.line)
            if quantity is None:
                result.skips.append(
                    ctx.skip(
                        CODE,
                        f"第{purchase.line.line_no}行“{purchase.line.item_name}”未填数量，"
                        "无法核对配置上限",
                        missing=True,
                        project=project,
                    )
                )
                continue
            key = (project.unit_code, purchase.equipment.name)
            holding = _Holding(usable[key], due[key], undated[key])
            cap = purchase.equipment.cap(staff[0], classified=classified)
            before = holding.usable + bought[key]
            bought[key] += quantity
            over_before = max(Decimal(0), before - cap)
            over_after = max(Decimal(0), before + quantity - cap)
            excess_items = over_after - over_before
            if excess_items > 0:
                result.findings.append(
                    _finding(
                        ctx,
                        purchase,
                        quantity=quantity,
                        excess_items=excess_items,
                        earlier=bought[key] - quantity,
                        holding=holding,
                        cap=cap,
                        staff=staff,
                        classified=classified,
                        standard=standard,
                    )
                )
    return result


def _finding(
    ctx: ReviewContext,
    purchase: Purchase,
    *,
    quantity: Decimal,
    excess_items: Decimal,
    earlier: Decimal,
    holding: _Holding,
    cap: int,
    staff: tuple[int, str],
    classified: bool,
    standard: Mapping[str, Any],
) -> Finding:
    line, equipment = purchase.line, purchase.equipment
    label = equipment.name
    price = _unit_price(line, quantity)
    excess = min(line.amount or Decimal(0), (excess_items * price).quantize(CENT, ROUND_HALF_UP))
    life = equipment.min_life_years
    first_year = ctx.year - life + 1 if life else None
    young = f"{first_year}年及以后取得（未到最低使用年限{life}年）的" if life else ""
    held = f"资产台账中本单位{young}在用{label}{holding.usable}台"
    not_counted = []
    if holding.due:
        not_counted.append(f"{holding.due}台已到或在本年到达最低使用年限，可以更新")
    if holding.undated:
        not_counted.append(f"{holding.undated}台取得日期为空")
    if not_counted:
        held += f"（另有{'；'.join(not_counted)}，均未计入）"
    if earlier:
        held += f"，本年其他明细已拟购{number(earlier)}台"
    total = holding.usable + earlier + quantity
    issuer = standard.get("issuer") or ""
    message = (
        f"第{line.line_no}行“{line.item_name}”拟购{number(quantity)}台，{held}，"
        f"加上拟购共{number(total)}台，超过配置上限{cap}台"
        f"（{_rule_text(equipment, staff[1], classified)}，依据{issuer}《{standard['title']}》），"
        f"超配{number(excess_items)}台，按单价{yuan(price)}核减{yuan(excess)}"
    )
    return ctx.finding(
        CODE,
        purchase.project,
        message,
        line_no=line.line_no,
        amount_excess=excess,
        evidence={
            "equipment_class": label,
            "item_name": line.item_name,
            "quantity": str(quantity),
            "unit_price": str(price),
            "usable_in_use": holding.usable,
            "usable_acquired_from_year": first_year,
            "due_for_replacement": holding.due,
            "in_use_without_acquired_date": holding.undated,
            "bought_on_earlier_lines": str(earlier),
            "staff": staff[0],
            "staff_counted_as": staff[1],
            "classified_unit": classified,
            "staff_share": None
            if equipment.staff_tiers
            else str(equipment.share(classified=classified)),
            "staff_tiers": [
                {"up_to": t.up_to, "staff_per_item": t.staff_per_item}
                for t in equipment.staff_tiers
            ],
            "min_life_years": equipment.min_life_years,
            "cap": cap,
            "excess_items": str(excess_items),
            "excess": str(excess),
            "standard": dict(standard),
        },
    )


def _rule_text(equipment: EquipmentClass, staff_label: str, classified: bool) -> str:
    """'在编25人×100%', '在编45人，100人以内每20人1台，超出部分每30人1台'."""
    if equipment.staff_tiers:
        return f"{staff_label}，{equipment.cap_rule()}"
    return f"{staff_label}{equipment.cap_rule(classified=classified)}"


def _unit_price(line: DetailLine, quantity: Decimal) -> Decimal:
    if line.unit_price is not None and line.unit_price > 0:
        return Decimal(line.unit_price)
    return ((line.amount or Decimal(0)) / quantity).quantize(CENT, ROUND_HALF_UP)
