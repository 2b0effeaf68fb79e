"""The semantic layer's views (domain/ask/semantic_layer.py) as SQL over the stored tables:
money and quantities back from their stored integers, one round or review run, the asker's
units only."""

from __future__ import annotations

from sqlglot import exp

from lingji.adapters.db import tables
from lingji.adapters.db.types import ExactDecimal
from lingji.domain.ask.semantic_layer import View
from lingji.domain.ask.sql_guard import Confinement


def define_view(view: View, confinement: Confinement) -> str:
    """SELECT the view's columns FROM its table, confined to the round (or the newest review
    run) and, for a scoped asker, to their units."""
    table = tables.metadata.tables[view.table]
    columns = []
    for column in view.columns:
        stored = table.c[column.name].type
        if isinstance(stored, ExactDecimal):
            columns.append(f"{column.name} / {10**stored.scale}.0 AS {column.name}")
        else:
            columns.append(column.name)
    if view.review_run:
        run = confinement.run_id if confinement.run_id is not None else -1
        where = [f"run_id = {int(run)}"]
    else:
        where = [f"round_id = {int(confinement.round_id)}"]
    codes = confinement.scope.unit_codes
    if codes is not None:
        listed = ", ".join(exp.Literal.string(code).sql() for code in sorted(codes)) or "NULL"
        if view.scoped_by == "unit_code":
            where.append(f"unit_code IN ({listed})")
        else:
            where.append(
                "project_code IN (SELECT project_code FROM projects "
                f"WHERE round_id = {int(confinement.round_id)} AND unit_code IN ({listed}))"
            )
    return f"SELECT {', '.join(columns)} FROM {view.table} WHERE {' AND '.join(where)}"
