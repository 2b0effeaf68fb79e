"""Allocating a reviewed round under its ceilings (控制数)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine, delete, insert, select

from lingji.adapters.db import tables
from lingji.adapters.db.loading import load_round
from lingji.domain.allocation import Allocation, Candidate, allocate
from lingji.exceptions import RoundNotFound
from lingji.services.review import latest_run_id


def allocate_round(*, engine: Engine, round_id: int) -> tuple[list[Allocation], dict[str, str]]:
    """Funds the newest review of a round in rank order; returns allocations and unit names."""
    run_id = latest_run_id(engine=engine, round_id=round_id)
    if run_id is None:
        raise RoundNotFound("该预算轮次还没有审核结果，请先运行 lingji review")
    with engine.connect() as conn:
        budget_round = load_round(conn, round_id, sheets=("ceilings",))
        t = tables.review_projects
        rows = conn.execute(
            select(
                t.c.project_code,
                t.c.unit_code,
                t.c.rank,
                t.c.grade,
                t.c.suggested_amount,
                t.c.blocked,
            ).where(t.c.run_id == run_id)
        ).all()
    if not budget_round.ceilings:
        raise RoundNotFound("该预算轮次没有控制数工作表，无法按控制数安排")
    candidates = [
        Candidate(
            r.project_code,
            r.unit_code,
            r.rank,
            r.grade,
            r.suggested_amount or Decimal(0),
            bool(r.blocked),
        )
        for r in rows
    ]
    ceilings = {c.unit_code: c.ceiling for c in budget_round.ceilings if c.ceiling is not None}
    parents = {u.unit_code: u.parent_code for u in budget_round.units}
    allocations = allocate(candidates, ceilings, parents)
    with engine.begin() as conn:
        conn.execute(delete(tables.allocations).where(tables.allocations.c.run_id == run_id))
        conn.execute(
            insert(tables.allocations),
            [
                {
                    "run_id": run_id,
                    "project_code": a.project_code,
                    "unit_code": a.unit_code,
                    "allocated": a.allocated,
                    "status": a.status,
                    "reason": a.reason,
                    "ceiling_unit": a.ceiling_unit,
                }
                for a in allocations
            ],
        )
    return allocations, {u.unit_code: u.unit_name or "" for u in budget_round.units}
