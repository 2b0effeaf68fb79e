"""What answering needs to know about a round besides its rows (budget year, newest review,
units and their departments, history years), and how filters read in Chinese."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from lingji.adapters.db import tables
from lingji.domain.ask.lexicon import UnitName
from lingji.domain.ask.query import Filters
from lingji.domain.econ_codes import BUILT_IN
from lingji.domain.rules import CHECKS_BY_CODE


@dataclass
class RoundFacts:
    """What answering needs to know about the round besides its rows."""

    id: int
    year: int
    region: str
    run_id: int | None
    run_number: int
    units: dict[str, UnitName]
    history_years: tuple[int, ...]
    sangong_years: tuple[int, ...]

    @property
    def newest_history_year(self) -> int:
        return self.history_years[-1] if self.history_years else self.year - 1

    def unit_name(self, code: str | None) -> str:
        unit = self.units.get(code or "")
        return unit.name if unit else (code or "（未填单位）")

    def county(self) -> str:
        level = self.region[-1:] if self.region[-1:] in "县区市旗" else "县"
        return f"全{level}"


def load_facts(conn: Connection, round_id: int) -> RoundFacts:
    stored = conn.execute(
        select(tables.budget_rounds.c.year, tables.budget_rounds.c.region).where(
            tables.budget_rounds.c.id == round_id
        )
    ).one()
    runs = (
        conn.execute(
            select(tables.review_runs.c.id)
            .where(tables.review_runs.c.round_id == round_id)
            .order_by(tables.review_runs.c.id)
        )
        .scalars()
        .all()
    )
    u = tables.units.c
    units = {
        code: UnitName(code, name or code, parent or None)
        for code, name, parent in conn.execute(
            select(u.unit_code, u.unit_name, u.parent_code).where(u.round_id == round_id)
        )
    }

    def years(table: Any) -> tuple[int, ...]:
        found = conn.execute(
            select(table.c.year).distinct().where(table.c.round_id == round_id)
        ).scalars()
        return tuple(sorted(y for y in found if y is not None and y < stored.year))

    return RoundFacts(
        round_id,
        stored.year,
        stored.region,
        runs[-1] if runs else None,
        len(runs),
        units,
        years(tables.history),
        years(tables.sangong),
    )


def units_of(facts: RoundFacts, filters: Filters, visible: set[str] | None) -> set[str] | None:
    """The unit codes the filters name (departments with the units under them), within the
    visible ones; None when they name no unit and every unit is visible."""
    if not (filters.unit_codes or filters.departments):
        return visible
    named = set(filters.unit_codes)
    for dept in filters.departments:
        named |= {c for c, unit in facts.units.items() if c == dept or unit.parent_code == dept}
    return named if visible is None else named & visible


def describe_units(facts: RoundFacts, filters: Filters) -> str:
    names = [facts.unit_name(c) for c in filters.unit_codes]
    names += [f"{facts.unit_name(d)}及下属单位" for d in filters.departments]
    return "、".join(names)


def describe_filters(
    facts: RoundFacts, filters: Filters, project_names: dict[str, str] | None = None
) -> str:
    """Which rows, in words: 澜溪县教育局、会议类、A级、30215 会议费 ..."""
    words = [describe_units(facts, filters)]
    if filters.project_codes:
        names = [(project_names or {}).get(c) or c for c in filters.project_codes]
        words.append("、".join(names[:3]) + ("等项目" if len(names) > 3 else ""))
    words += [f"{t}类" for t in filters.project_types]
    words += list(filters.categories)
    if filters.continuing is not None:
        words.append("延续项目" if filters.continuing else "新增项目")
    words += [f"{g}级" for g in filters.grades]
    words += [f"评价为{r}" for r in filters.eval_ratings]
    words += [f"{s}类" for s in filters.severities]
    words += [finding_title(c) for c in filters.finding_codes]
    words += [econ_label(c) for c in filters.econ_codes]
    return "、".join(w for w in words if w)


def finding_title(code: str) -> str:
    check = CHECKS_BY_CODE.get(code)
    return f"{code} {check.title}" if check else code


def econ_label(code: str) -> str:
    entry = BUILT_IN.get(code)
    return f"{code} {entry.name}" if entry else code
