"""Reading stored review results back as domain objects."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Connection, select

from lingji.adapters.db import tables
from lingji.domain.findings import Finding, Severity


def load_findings(
    conn: Connection, run_id: int, *, codes: Iterable[str] | None = None
) -> list[Finding]:
    """The findings of a review run (only those codes, when given), in the order stored."""
    t = tables.review_findings
    query = select(t).where(t.c.run_id == run_id).order_by(t.c.id)
    if codes is not None:
        query = query.where(t.c.code.in_(list(codes)))
    return [
        Finding(
            code=row.code,
            severity=Severity(row.severity),
            unit_code=row.unit_code,
            project_code=row.project_code,
            line_no=row.line_no,
            message=row.message,
            amount_excess=row.amount_excess,
            evidence=json.loads(row.evidence or "{}"),
            policy_refs=tuple(r for r in (row.policy_refs or "").split("；") if r),
        )
        for row in conn.execute(query)
    ]
