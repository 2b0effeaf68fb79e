"""Loading a stored round as domain objects, fast enough for a million detail lines.

Rows are fetched in one call per table with money as raw integers (fen), converted a column
at a time, and objects are built positionally: the per-row and per-value overheads of the
generic path cost more than the database's own work at this size.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Connection, Date, select, type_coerce

from lingji.adapters.db import tables
from lingji.adapters.db.types import ExactDecimal
from lingji.domain import models

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


def _fetch(conn: Connection, round_id: int, key: str) -> list[Any]:
    cls = _CLASSES[key]
    table = tables.SHEET_TABLES[key]
    fields = [f.name for f in dataclasses.fields(cls) if f.name in table.c]
    selected = []
    scales: dict[int, int] = {}
    for i, name in enumerate(fields):
        column = table.c[name]
        if isinstance(column.type, ExactDecimal):
            scales[i] = column.type.scale
            selected.append(type_coerce(column, BigInteger).label(name))
        else:
            selected.append(column)
    result = conn.execute(
        select(*selected).where(table.c.round_id == round_id).order_by(table.c.id)
    )
    # the driver's own rows: every conversion Lingji needs is done a column at a time below
    rows = result.cursor.fetchall() if result.cursor is not None else []
    result.close()
    if not rows:
        return []
    columns: list[Any] = list(zip(*rows, strict=True))
    for i, scale in scales.items():
        columns[i] = [None if v is None else Decimal(v).scaleb(-scale) for v in columns[i]]
    for i, name in enumerate(fields):
        if isinstance(table.c[name].type, Date):
            # SQLite keeps dates as ISO text; PostgreSQL's driver already gives dates
            columns[i] = [dt.date.fromisoformat(v) if isinstance(v, str) else v for v in columns[i]]
    # positional construction is much faster; it is right when the stored fields are the
    # dataclass's leading fields (Project's lines and indicators come after them)
    if fields == [f.name for f in dataclasses.fields(cls)][: len(fields)]:
        return [cls(*values) for values in zip(*columns, strict=True)]
    return [cls(**dict(zip(fields, values, strict=True))) for values in zip(*columns, strict=True)]


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
    loaded = {key: _fetch(conn, round_id, key) if key in wanted else [] for key in _CLASSES}
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
    )
