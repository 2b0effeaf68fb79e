"""T01 三公经费比上年增长：单位本年因公出国（境）、公务用车购置及运行维护、公务接待经费合计超过上年。

本年数：单位本年各项目支出明细中三公经济科目（因公出国（境）30212、公务用车购置 31013、公务用车运行
维护 30231、公务接待 30217，见规则集）的金额，分类汇总。上年数：“三公经费”表中上年（预算年度 − 1）的
决算数；该表没有本单位上年数据的，改用“历史明细”中本单位上年项目同样科目的预算数，并在消息中写明口径。
合计增长超过规则集容差的报在单位上（单位级问题），写明各类经费的本年数、上年数和增减；超标额为合计
增长额，供参考，不从项目中核减（三公经费分散在多个项目中）。单位本年和上年都没有三公经费的不适用；
本年有三公经费而上年数据无从取得的记为数据缺失；支出明细全无经济科目编码时整轮记为数据缺失。
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult, Finding
from lingji.domain.formatting import yuan

if TYPE_CHECKING:
    from lingji.domain.models import DetailLine, SanGongTotal
    from lingji.domain.review_context import ReviewContext

CODE = "T01"
VERSION = 1
TITLE = "三公经费比上年增长"
#: sheets this check reads beyond units, projects, lines and indicators. 历史明细 (the
#: fallback) is not declared: it runs to a million rows, of which only those under the 三公
#: codes are read (ctx.history_lines_under)
SHEETS = ("sangong", "history")

SANGONG_SHEET = "sangong"
HISTORY_LINES_SHEET = "history_lines"
#: the 三公经费 sheet's columns (data contract), in the order messages list them
CATEGORIES = (
    ("overseas", "因公出国（境）费"),
    ("vehicle_purchase", "公务用车购置费"),
    ("vehicle_running", "公务用车运行维护费"),
    ("reception", "公务接待费"),
)
FINAL_ACCOUNTS = "上年决算（三公经费表）"
HISTORY_BUDGET = "上年预算（历史明细）"

Figures = dict[str, Decimal]


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    category_of = {
        str(econ): key for key, _ in CATEGORIES for econ in params["econ_codes"].get(key) or ()
    }
    tolerance = Decimal(str(params["tolerance_yuan"]))
    policy_refs = tuple(str(r) for r in params.get("policy_refs") or ())
    result = CheckResult()

    index = ctx.item_index()
    this_year: dict[str, Figures] = defaultdict(_zero)
    for group in index.lines(lambda _, econ: econ in category_of):
        figures = this_year[group.project.unit_code]
        for line in group.lines:
            if line.amount is not None:
                figures[category_of[line.econ_code or ""]] += line.amount
    if ctx.projects and not any(econ for _, econ in index.items):
        result.skips.append(
            ctx.skip(CODE, "支出明细均未填经济科目编码，无法汇总三公经费", missing=True)
        )
        return result

    accounts = _final_accounts(ctx)
    budgets = _history_budgets(ctx, category_of)
    for unit_code in sorted(set(this_year) | set(accounts) | set(budgets)):
        now = this_year.get(unit_code, _zero())
        if unit_code in accounts:
            last, source = accounts[unit_code], FINAL_ACCOUNTS
        elif unit_code in budgets:
            last, source = budgets[unit_code], HISTORY_BUDGET
        elif _total(now):
            also = (
                "，“历史明细”中也没有本单位上年三公科目的明细"
                if ctx.has_sheet(HISTORY_LINES_SHEET)
                else ""
            )
            result.skips.append(
                ctx.skip(
                    CODE,
                    f"单位本年有三公经费{yuan(_total(now))}，但“三公经费”表没有本单位上年"
                    f"决算数{also}，无法比较",
                    missing=True,
                    unit_code=unit_code,
                )
            )
            continue
        else:
            continue
        result.checked += 1
        rise = _total(now) - _total(last)
        if rise > tolerance:
            result.findings.append(_finding(ctx, unit_code, now, last, source, policy_refs))
    if not result.checked and not result.skips:
        result.skips.append(ctx.skip(CODE, "本轮各单位本年和上年都没有三公经费"))
    return result


def _total(figures: Figures) -> Decimal:
    return sum(figures.values(), Decimal(0))


def _zero() -> Figures:
    return {key: Decimal(0) for key, _ in CATEGORIES}


def _final_accounts(ctx: ReviewContext) -> dict[str, Figures]:
    """Each unit's row of last year in the 三公经费 sheet."""
    found: dict[str, Figures] = {}
    if not ctx.has_sheet(SANGONG_SHEET):
        return found
    last = ctx.year - 1
    for row in ctx.round.sangong:
        figures = _row_figures(row) if row.year == last else None
        if figures is not None:
            found[row.unit_code] = figures
    return found


def _row_figures(row: SanGongTotal) -> Figures | None:
    """The row's figures, an empty cell as 0; None when every cell is empty (no data)."""
    values = {key: getattr(row, key) for key, _ in CATEGORIES}
    if all(value is None for value in values.values()):
        return None
    return {key: value or Decimal(0) for key, value in values.items()}


def _history_budgets(ctx: ReviewContext, category_of: Mapping[str, str]) -> dict[str, Figures]:
    """Last year's 历史明细 lines under the 三公 codes, by the unit of their 历史执行 record."""
    found: dict[str, Figures] = defaultdict(_zero)
    if not ctx.has_sheet(HISTORY_LINES_SHEET):
        return found
    last = ctx.year - 1
    units_of: dict[str, str | None] = {}
    for line in ctx.history_lines_under(frozenset(category_of)):
        if line.year != last:
            continue
        key = category_of.get(line.econ_code or "")
        if key is None or line.amount is None:
            continue
        unit_code = _unit_of(ctx, line, units_of)
        if unit_code:
            found[unit_code][key] += line.amount
    return found


def _unit_of(ctx: ReviewContext, line: DetailLine, known: dict[str, str | None]) -> str | None:
    try:
        return known[line.project_code]
    except KeyError:
        record = ctx.history.get((ctx.year - 1, line.project_code))
        unit = known[line.project_code] = record.unit_code if record else None
        return unit


def _finding(
    ctx: ReviewContext,
    unit_code: str,
    now: Figures,
    last: Figures,
    source: str,
    policy_refs: tuple[str, ...],
) -> Finding:
    unit = ctx.units.get(unit_code)
    name = unit.unit_name if unit and unit.unit_name else unit_code
    total_now, total_last = _total(now), _total(last)
    rise = total_now - total_last
    parts = []
    for key, label in CATEGORIES:
        if not now[key] and not last[key]:
            continue
        change = now[key] - last[key]
        moved = "持平" if not change else ("增加" if change > 0 else "减少") + yuan(abs(change))
        parts.append(f"{label}{yuan(now[key])}（上年{yuan(last[key])}，{moved}）")
    rate = f"，增长{rise / total_last * 100:.1f}%" if total_last else ""
    return ctx.finding(
        CODE,
        None,
        f"单位{name}本年三公经费预算{yuan(total_now)}，比{source}{yuan(total_last)}增加"
        f"{yuan(rise)}{rate}：" + "；".join(parts),
        unit_code=unit_code,
        amount_excess=rise,
        evidence={
            "year": ctx.year,
            "last_year_source": source,
            "this_year": {key: str(value) for key, value in now.items()},
            "last_year": {key: str(value) for key, value in last.items()},
            "this_year_total": str(total_now),
            "last_year_total": str(total_last),
            "rise": str(rise),
        },
        policy_refs=policy_refs,
    )
