"""Allocation under spending ceilings (控制数): fund projects in rank order until money runs out.

A unit's ceiling covers the unit and the units below it (a department's 控制数 covers its
事业单位); 全部 caps the whole budget. Each project in rank order receives its suggested
amount, or what is left under its ceilings (the marginal project is partly funded).
Projects with a 阻断 finding are not funded: they cannot enter the project library.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from lingji.domain.contract import WHOLE_BUDGET
from lingji.domain.formatting import yuan


@dataclass(frozen=True, slots=True)
class Candidate:
    project_code: str
    unit_code: str
    rank: int
    grade: str
    suggested: Decimal
    blocked: bool


@dataclass(frozen=True, slots=True)
class Allocation:
    project_code: str
    unit_code: str
    rank: int
    grade: str
    suggested: Decimal
    allocated: Decimal
    #: 全额安排 / 部分安排 / 未安排
    status: str
    reason: str
    #: the ceiling that bound it (a unit code, 全部, or None)
    ceiling_unit: str | None


def allocate(
    candidates: Iterable[Candidate],
    ceilings: Mapping[str, Decimal],
    parents: Mapping[str, str | None],
) -> list[Allocation]:
    """Funds candidates in rank order under the unit ceilings and the whole-budget ceiling."""
    remaining = dict(ceilings)
    results = []
    for c in sorted(candidates, key=lambda c: c.rank):
        if c.blocked:
            results.append(_result(c, Decimal(0), "未安排", "存在阻断问题，不能入库", None))
            continue
        caps = [u for u in _ancestors(c.unit_code, parents) if u in remaining]
        if WHOLE_BUDGET in remaining:
            caps.append(WHOLE_BUDGET)
        amount = c.suggested
        binding = None
        for cap in caps:
            if remaining[cap] < amount:
                amount, binding = max(Decimal(0), remaining[cap]), cap
        for cap in caps:
            remaining[cap] -= amount
        if amount == c.suggested:
            results.append(_result(c, amount, "全额安排", "控制数内按排序全额安排", None))
        elif amount > 0:
            reason = f"{_label(binding)}控制数只剩{yuan(amount)}，部分安排"
            results.append(_result(c, amount, "部分安排", reason, binding))
        else:
            reason = f"{_label(binding)}控制数已用完"
            results.append(_result(c, amount, "未安排", reason, binding))
    return results


def _label(unit: str | None) -> str:
    return "全县总" if unit == WHOLE_BUDGET else f"单位{unit}"


def _ancestors(unit: str, parents: Mapping[str, str | None]) -> list[str]:
    chain, seen = [], set()
    current: str | None = unit
    while current and current not in seen:
        chain.append(current)
        seen.add(current)
        current = parents.get(current)
    return chain


def _result(c: Candidate, amount: Decimal, status: str, reason: str, cap: str | None) -> Allocation:
    return Allocation(
        c.project_code, c.unit_code, c.rank, c.grade, c.suggested, amount, status, reason, cap
    )
