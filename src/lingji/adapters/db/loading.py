"""Loading a stored round as domain objects, fast enough for a million detail lines.

Rows are fetched in one call per table with money as raw integers (fen), each distinct value
converted once, and objects built by one comprehension per table: the per-row and per-value
overheads of the generic path cost more than the database's own work at this size. History
lines, a million rows, can come grouped by the database instead (load_history_line_groups).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Collection, Iterable
from decimal import Decimal
from functools import partial
from typing import Any, cast

from sqlalchemy import BigInteger, Connection, Date, case, func, select, type_coerce

from lingji.adapters.db import tables
from lingji.adapters.db.types import ExactDecimal
from lingji.domain import models
from lingji.domain.standards.history import HISTORY_LINE_GROUPS
from lingji.domain.standards.measures import line_unit_cost

#: the sheets a review always needs; others are loaded only when a check asks for them
CORE_SHEETS = ("units", "projects", "detail_lines", "indicators")

_CLASSES: dict[str, type] = {
    "units": models.Unit,
    "projects": models.Project,
    "detail_lines": models.DetailLine,
    "indicators": models.Indicator,
    "history": models.HistoryProject,
    "history_lines": models.DetailLine,
    "sangong": models.SanGongTotal,
    "personnel": models.Person,
    "assets": models.Asset,
    "audit_findings": models.AuditFinding,
    "policy_documents": models.PolicyDocument,
    "standards": models.BureauStandard,
    "ceilings": models.Ceiling,
}


def load_sheet(
    conn: Connection, round_id: int, key: str, *, econ_codes: Collection[str] | None = None
) -> list[Any]:
    """One sheet of a stored round as domain objects, in the order they were imported; only
    the rows under those economic codes, when given."""
    cls = _CLASSES[key]
    table = tables.SHEET_TABLES[key]
    fields = [f.name for f in dataclasses.fields(cls) if f.name in table.c]
    selected: list[Any] = []
    for name in fields:
        column = table.c[name]
        if isinstance(column.type, ExactDecimal):
            selected.append(type_coerce(column, BigInteger).label(name))
        else:
            selected.append(column)
    query = select(*selected).where(table.c.round_id == round_id).order_by(table.c.id)
    if econ_codes is not None:
        query = query.where(table.c.econ_code.in_(sorted(econ_codes)))
    result = conn.execute(query)
    # the driver's own rows: every conversion Lingji needs is done below
    rows = result.cursor.fetchall() if result.cursor is not None else []
    result.close()
    if not rows:
        return []
    # a converter per column that needs one; each distinct stored value is converted once
    # (a column repeats its prices, quantities and dates)
    converters: dict[int, Callable[[Any], Any]] = {}
    for i, name in enumerate(fields):
        column_type = table.c[name].type
        if isinstance(column_type, ExactDecimal):
            converters[i] = partial(_from_scaled, scale=column_type.scale)
        elif isinstance(column_type, Date):
            converters[i] = _from_iso_date
    namespace: dict[str, Any] = {"cls": cls}
    for i, convert in converters.items():
        distinct = {row[i] for row in rows}
        namespace[f"m{i}"] = {v: None if v is None else convert(v) for v in distinct}
    # positional construction is faster; it is right when the stored fields are the
    # dataclass's leading fields (Project's lines and indicators come after them)
    positional = fields == [f.name for f in dataclasses.fields(cls)][: len(fields)]
    arguments = ", ".join(
        ("" if positional else f"{name}=") + (f"m{i}[r[{i}]]" if i in converters else f"r[{i}]")
        for i, name in enumerate(fields)
    )
    # one comprehension compiled for this table's columns builds every object in a single
    # step: about 40% faster at a million rows than transposing, converting and zipping back
    build = eval(f"lambda rows: [cls({arguments}) for r in rows]", namespace)  # noqa: S307
    return list(build(rows))


def _from_scaled(value: int, *, scale: int) -> Decimal:
    return Decimal(value).scaleb(-scale)


def _from_iso_date(value: Any) -> dt.date:
    # SQLite keeps dates as ISO text; PostgreSQL's driver already gives dates
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def load_history_line_groups(conn: Connection, round_id: int) -> list[models.HistoryLineGroup]:
    """The round's history lines counted in groups (domain/standards/history.py), grouped by
    the database: a million lines come back as a few thousand rows."""
    table = tables.SHEET_TABLES["history_lines"]
    c = table.c

    def raw(name: str) -> Any:
        # money and quantities as their stored integers: equal values group together exactly
        column = c[name]
        if isinstance(column.type, ExactDecimal):
            return type_coerce(column, BigInteger)
        return column

    no_price = c.unit_price.is_(None)
    keys = [
        c.item_name,
        c.econ_code,
        c.unit,
        c.persons.is_not(None),
        c.days.is_not(None),
        c.quantity.is_not(None),
        c.year,
        raw("unit_price"),
        # a line without 单价 is costed from its amount and counts: those must group too
        case((no_price, raw("amount"))),
        case((no_price, c.persons)),
        case((no_price, raw("days"))),
        case((no_price, raw("quantity"))),
    ]
    labelled = [key.label(f"k{i}") for i, key in enumerate(keys)]
    rows = conn.execute(
        select(*labelled, func.count())
        .where(c.round_id == round_id)
        .group_by(*(column.name for column in labelled))
    ).all()

    def scaled(value: int | None, name: str) -> Decimal | None:
        scale = cast(ExactDecimal, c[name].type).scale
        return None if value is None else _from_scaled(value, scale=scale)

    groups = []
    for name, econ, unit, persons, days, quantity, year, price, amount, n_p, n_d, n_q, n in rows:
        cost = scaled(price, "unit_price")
        if cost is None:
            line = models.DetailLine(
                "",
                name,
                scaled(amount, "amount"),
                quantity=scaled(n_q, "quantity"),
                persons=n_p,
                days=scaled(n_d, "days"),
            )
            cost = line_unit_cost(line)
        groups.append(
            models.HistoryLineGroup(
                name, econ, unit, bool(persons), bool(days), bool(quantity), year, cost, n
            )
        )
    return groups


def load_round(
    conn: Connection, round_id: int, *, sheets: Iterable[str] | None = None
) -> models.BudgetRound:
    """Returns the stored round as domain objects, lines and indicators under their projects.

    `sheets` limits what is loaded beyond the core sheets (None loads everything);
    `sheets_present` still tells which sheets the submission carried.
    """
    stored = conn.execute(
        select(tables.budget_rounds).where(tables.budget_rounds.c.id == round_id)
    ).one()
    wanted = set(_CLASSES) if sheets is None else set(CORE_SHEETS) | set(sheets)
    loaded = {key: load_sheet(conn, round_id, key) if key in wanted else [] for key in _CLASSES}
    groups = None
    if HISTORY_LINE_GROUPS in wanted and "history_lines" not in wanted:
        groups = load_history_line_groups(conn, round_id)
    by_code = {p.project_code: p for p in loaded["projects"]}
    for line in loaded["detail_lines"]:
        by_code[line.project_code].lines.append(line)
    for indicator in loaded["indicators"]:
        by_code[indicator.project_code].indicators.append(indicator)
    return models.BudgetRound(
        year=stored.year,
        region=stored.region,
        units=loaded["units"],
        projects=loaded["projects"],
        history=loaded["history"],
        history_lines=loaded["history_lines"],
        sangong=loaded["sangong"],
        personnel=loaded["personnel"],
        assets=loaded["assets"],
        audit_findings=loaded["audit_findings"],
        policy_documents=loaded["policy_documents"],
        standards=loaded["standards"],
        ceilings=loaded["ceilings"],
        sheets_present=frozenset(json.loads(stored.sheets_present)),
        history_line_groups=groups,
    )
