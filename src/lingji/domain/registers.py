"""The asset register as the equipment checks read it (X02, X03): classes, caps, ages. Pure.

An equipment class joins three spellings of one kind of item: the 明细名称 of a purchase line,
the 资产分类 of the register, and the 资产名称 when the 资产分类 is a broader heading. Its
keywords, quantity cap and minimum useful life come from the rule set (`checks.X02`), where each
figure carries its source; classes without a configuration standard have no cap.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from lingji.domain.models import Asset, DetailLine, Project, Unit


@dataclass(frozen=True, slots=True)
class StaffTier:
    """One band of a stepped cap: each `staff_per_item` persons (or part) up to `up_to` allow one item."""

    staff_per_item: int
    #: the band covers persons up to this many; None: all the rest
    up_to: int | None = None


@dataclass(frozen=True, slots=True)
class EquipmentClass:
    name: str
    keywords: tuple[str, ...]
    #: cap = staff × share, rounded down (台式计算机 100%, 便携式计算机 50%, ...)
    staff_share: Decimal | None = None
    #: the share for 涉密 units, where the standard sets one (台式计算机 150%)
    classified_staff_share: Decimal | None = None
    #: a stepped cap instead of a share (复印机: 每20人1台 up to 100, then 每30人1台)
    staff_tiers: tuple[StaffTier, ...] = ()
    #: an item younger than this is not yet due for replacement
    min_life_years: int | None = None

    @property
    def has_cap(self) -> bool:
        return self.staff_share is not None or bool(self.staff_tiers)

    def cap(self, staff: int, *, classified: bool = False) -> int:
        """The most items the standard allows a unit of `staff` persons."""
        if self.staff_tiers:
            return _tiered_cap(staff, self.staff_tiers)
        share = self.share(classified=classified)
        return int((Decimal(staff) * share).to_integral_value(ROUND_FLOOR))

    def share(self, *, classified: bool = False) -> Decimal:
        if classified and self.classified_staff_share is not None:
            return self.classified_staff_share
        return self.staff_share if self.staff_share is not None else Decimal(0)

    def cap_rule(self, *, classified: bool = False) -> str:
        """How the cap is computed, for messages: '×100%', '100人以内每20人1台，超出部分每30人1台'."""
        if self.staff_tiers:
            parts, start = [], 0
            for tier in self.staff_tiers:
                if tier.up_to is None:
                    parts.append(f"{'超出部分' if start else ''}每{tier.staff_per_item}人1台")
                else:
                    parts.append(f"{tier.up_to}人以内每{tier.staff_per_item}人1台")
                    start = tier.up_to
            return "，".join(parts)
        share = self.share(classified=classified) * 100
        return f"×{share.normalize():f}%" + ("（涉密单位）" if classified else "")

    def replaceable_from(self, year: int) -> dt.date | None:
        """Items acquired on or before this date reach their minimum life within `year`."""
        if self.min_life_years is None:
            return None
        return dt.date(year - self.min_life_years, 12, 31)


def _tiered_cap(staff: int, tiers: tuple[StaffTier, ...]) -> int:
    cap, start = 0, 0
    for tier in tiers:
        end = staff if tier.up_to is None else min(staff, tier.up_to)
        if end > start:
            cap += -(-(end - start) // tier.staff_per_item)  # each band's part rounds up
        if tier.up_to is None or staff <= tier.up_to:
            break
        start = tier.up_to
    return cap


@dataclass(frozen=True, slots=True)
class Purchase:
    """A detail line that buys items of an equipment class."""

    project: Project
    line: DetailLine
    equipment: EquipmentClass


class EquipmentCatalog:
    """The rule set's equipment classes: which lines buy them and which register items are them."""

    def __init__(self, classes: Iterable[EquipmentClass], exclude_words: Iterable[str]) -> None:
        self.classes = tuple(classes)
        self._any = any_of(kw for c in self.classes for kw in c.keywords)
        self._exclude = any_of(exclude_words)
        # registers repeat a few 资产分类 and many 资产名称: each is classified once
        self._by_asset_class: dict[str | None, EquipmentClass | None] = {}
        self._by_asset_name: dict[str | None, EquipmentClass | None] = {}

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> EquipmentCatalog:
        return cls(
            (_equipment_class(entry) for entry in params["equipment_classes"]),
            params["purchase_exclude_words"],
        )

    def of_text(self, text: str) -> EquipmentClass | None:
        """The first class (in rule-set order) one of whose keywords the text contains."""
        if not text or not self._any.search(text) or self._exclude.search(text):
            return None
        for equipment in self.classes:
            if any(kw in text for kw in equipment.keywords):
                return equipment
        return None

    def of_asset(self, asset: Asset) -> EquipmentClass | None:
        """By 资产分类, else by 资产名称 (a register may file a 台式计算机 under 计算机设备)."""
        key = asset.asset_class
        if key in self._by_asset_class:
            found = self._by_asset_class[key]
        else:
            found = self._by_asset_class[key] = self.of_text(key or "")
        if found is not None:
            return found
        name = asset.asset_name
        if name not in self._by_asset_name:
            self._by_asset_name[name] = self.of_text(name or "")
        return self._by_asset_name[name]

    def purchases(
        self, projects: Iterable[Project], *, capped_only: bool = False
    ) -> dict[str, list[Purchase]]:
        """project code -> the lines buying items of a class (projects with none are absent)."""
        # 明细名称 repeat across a county's projects: each distinct one is classified once
        known: dict[str | None, EquipmentClass | None] = {None: None}
        found: dict[str, list[Purchase]] = {}
        for project in projects:
            for line in project.lines:
                name = line.item_name
                if name in known:
                    equipment = known[name]
                else:
                    equipment = known[name] = self.of_text(name or "")
                if equipment is not None and (equipment.has_cap or not capped_only):
                    found.setdefault(project.project_code, []).append(
                        Purchase(project, line, equipment)
                    )
        return found


def unit_staff(unit: Unit | None) -> tuple[int, str] | None:
    """编制内实有人数 (在编人数), else 编制人数, with how it was counted; None when unknown."""
    if unit is None:
        return None
    if unit.staff_actual is not None:
        return unit.staff_actual, f"在编{unit.staff_actual}人"
    if unit.staff_quota is not None:
        return unit.staff_quota, f"编制{unit.staff_quota}人（在编人数未填）"
    return None


def quantity_of(line: DetailLine) -> Decimal | None:
    """Items a purchase line buys: its 数量, else amount ÷ unit price when both are given."""
    if line.quantity is not None and line.quantity > 0:
        return line.quantity
    if line.amount and line.unit_price:
        return (line.amount / line.unit_price).to_integral_value()
    return None


def _equipment_class(entry: Mapping[str, Any]) -> EquipmentClass:
    def decimal(key: str) -> Decimal | None:
        value = entry.get(key)
        return None if value is None else Decimal(str(value))

    tiers = tuple(
        StaffTier(int(t["staff_per_item"]), None if t.get("up_to") is None else int(t["up_to"]))
        for t in entry.get("staff_tiers") or ()
    )
    life = entry.get("min_life_years")
    return EquipmentClass(
        name=str(entry["name"]),
        keywords=tuple(str(k) for k in entry["keywords"]),
        staff_share=decimal("staff_share"),
        classified_staff_share=decimal("classified_staff_share"),
        staff_tiers=tiers,
        min_life_years=None if life is None else int(life),
    )


def any_of(words: Iterable[Any]) -> re.Pattern[str]:
    """One compiled search for a keyword list, longest first: names of a million lines are scanned."""
    alternatives = sorted({str(w) for w in words if str(w)}, key=len, reverse=True)
    if not alternatives:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile("|".join(re.escape(w) for w in alternatives))
