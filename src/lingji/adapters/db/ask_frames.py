"""The tables behind each metric of 智慧问数, as SQLAlchemy Core pieces.

A Frame is one source of rows (projects with their review, history, detail lines, history
lines, the 三公经费 sheet, review findings, units) restricted to the round: its FROM clause,
base conditions, the column holding the unit code, the columns of each dimension it can group
by, and what each filter means in it. What a metric sums over a frame is in ask_measures.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    FromClause,
    and_,
    case,
    exists,
    func,
    literal,
    null,
    or_,
    type_coerce,
)

from lingji.adapters.db import tables
from lingji.domain.ask.query import Dimension
from lingji.domain.ask.vocabulary import SANGONG_CODES

_CENT = Decimal("0.01")


@dataclass
class Frame:
    label: str
    source: FromClause
    where: list[ColumnElement[bool]]
    unit: ColumnElement[Any]
    dims: dict[Dimension, tuple[ColumnElement[Any], ...]]
    #: what a filter kind means in this frame: Filters field -> values -> condition
    filters: dict[str, Callable[[Any], ColumnElement[bool]]] = field(default_factory=dict)
    #: the key a condition "per project" compares
    project_key: ColumnElement[Any] | None = None
    #: the count an average divides by (projects, or unit-years for the 三公经费 sheet)
    items: ColumnElement[Any] | None = None


def raw(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """An ExactDecimal column as its stored integer (fen, or 1/10000 for scores)."""
    return type_coerce(column, BigInteger)


def yuan(fen: Any) -> Decimal | None:
    return None if fen is None else (Decimal(int(fen)) / 100).quantize(_CENT)


def econ_match(column: ColumnElement[Any], codes: tuple[str, ...]) -> ColumnElement[bool]:
    items = [c for c in codes if len(c) != 3]
    classes = [c for c in codes if len(c) == 3]
    clauses = [column.in_(items)] if items else []
    clauses += [column.like(f"{c}%") for c in classes]
    return or_(*clauses)


def projects_frame(round_id: int, run_id: int | None) -> Frame:
    p, rp = tables.projects.c, tables.review_projects
    source: FromClause = tables.projects
    if run_id is not None:
        source = tables.projects.outerjoin(
            rp, and_(rp.c.run_id == run_id, rp.c.project_code == p.project_code)
        )
    frame = Frame(
        "项目表",
        source,
        [p.round_id == round_id],
        p.unit_code,
        {
            Dimension.UNIT: (p.unit_code,),
            Dimension.PROJECT: (p.project_code, p.name),
            Dimension.PROJECT_TYPE: (p.project_type,),
            Dimension.CATEGORY: (p.category,),
        },
        project_key=p.project_code,
        items=func.count(),
    )
    frame.filters = {
        "project_codes": lambda v: p.project_code.in_(v),
        "project_types": lambda v: p.project_type.in_(v),
        "categories": lambda v: p.category.in_(v),
        "continuing": lambda v: p.continuing == ("是" if v else "否"),
        "econ_codes": lambda v: exists().where(
            tables.detail_lines.c.round_id == round_id,
            tables.detail_lines.c.project_code == p.project_code,
            econ_match(tables.detail_lines.c.econ_code, v),
        ),
    }
    if run_id is not None:
        frame.dims[Dimension.GRADE] = (rp.c.grade,)
        frame.filters["grades"] = lambda v: rp.c.grade.in_(v)
        f = tables.review_findings.c
        frame.filters["severities"] = lambda v: exists().where(
            f.run_id == run_id, f.project_code == p.project_code, f.severity.in_(v)
        )
        frame.filters["finding_codes"] = lambda v: exists().where(
            f.run_id == run_id, f.project_code == p.project_code, f.code.in_(v)
        )
    return frame


def history_frame(round_id: int, years: tuple[int, ...]) -> Frame:
    h = tables.history.c
    hl = tables.history_lines.c
    return Frame(
        "历史执行表",
        tables.history,
        [h.round_id == round_id, h.year.in_(years)],
        h.unit_code,
        {
            Dimension.UNIT: (h.unit_code,),
            Dimension.PROJECT: (h.project_code, h.name),
            Dimension.PROJECT_TYPE: (h.project_type,),
            Dimension.EVAL_RATING: (h.eval_rating,),
            Dimension.YEAR: (h.year,),
        },
        {
            "project_codes": lambda v: h.project_code.in_(v),
            "project_types": lambda v: h.project_type.in_(v),
            "eval_ratings": lambda v: h.eval_rating.in_(v),
            "econ_codes": lambda v: exists().where(
                hl.round_id == round_id,
                hl.year == h.year,
                hl.project_code == h.project_code,
                econ_match(hl.econ_code, v),
            ),
        },
        project_key=h.project_code,
        items=func.count(),
    )


def lines_frame(round_id: int, run_id: int | None) -> Frame:
    d, p = tables.detail_lines.c, tables.projects.c
    source: FromClause = tables.detail_lines.join(
        tables.projects, and_(p.round_id == d.round_id, p.project_code == d.project_code)
    )
    frame = Frame(
        "支出明细表",
        source,
        [d.round_id == round_id],
        p.unit_code,
        {
            Dimension.UNIT: (p.unit_code,),
            Dimension.PROJECT: (p.project_code, p.name),
            Dimension.PROJECT_TYPE: (p.project_type,),
            Dimension.CATEGORY: (p.category,),
            Dimension.ECON_CODE: (d.econ_code,),
            Dimension.SANGONG_PART: (_sangong_part(d.econ_code),),
        },
        {
            "project_codes": lambda v: p.project_code.in_(v),
            "project_types": lambda v: p.project_type.in_(v),
            "categories": lambda v: p.category.in_(v),
            "continuing": lambda v: p.continuing == ("是" if v else "否"),
            "econ_codes": lambda v: econ_match(d.econ_code, v),
        },
        project_key=p.project_code,
        items=func.count(func.distinct(p.project_code)),
    )
    if run_id is not None:
        rp = tables.review_projects.c
        frame.source = source.outerjoin(
            tables.review_projects, and_(rp.run_id == run_id, rp.project_code == p.project_code)
        )
        frame.dims[Dimension.GRADE] = (rp.grade,)
        frame.filters["grades"] = lambda v: rp.grade.in_(v)
    return frame


def history_lines_frame(round_id: int, years: tuple[int, ...]) -> Frame:
    hl, h = tables.history_lines.c, tables.history.c
    source = tables.history_lines.join(
        tables.history,
        and_(h.round_id == hl.round_id, h.year == hl.year, h.project_code == hl.project_code),
    )
    return Frame(
        "历史明细表",
        source,
        [hl.round_id == round_id, hl.year.in_(years)],
        h.unit_code,
        {
            Dimension.UNIT: (h.unit_code,),
            Dimension.PROJECT: (h.project_code, h.name),
            Dimension.PROJECT_TYPE: (h.project_type,),
            Dimension.EVAL_RATING: (h.eval_rating,),
            Dimension.ECON_CODE: (hl.econ_code,),
            Dimension.YEAR: (hl.year,),
            Dimension.SANGONG_PART: (_sangong_part(hl.econ_code),),
        },
        {
            "project_codes": lambda v: h.project_code.in_(v),
            "project_types": lambda v: h.project_type.in_(v),
            "eval_ratings": lambda v: h.eval_rating.in_(v),
            "econ_codes": lambda v: econ_match(hl.econ_code, v),
        },
        project_key=h.project_code,
        items=func.count(func.distinct(h.project_code)),
    )


def sangong_frame(round_id: int, years: tuple[int, ...]) -> Frame:
    s = tables.sangong.c
    return Frame(
        "三公经费表",
        tables.sangong,
        [s.round_id == round_id, s.year.in_(years)],
        s.unit_code,
        {Dimension.UNIT: (s.unit_code,), Dimension.YEAR: (s.year,)},
        items=func.count(),
    )


def findings_frame(round_id: int, run_id: int) -> Frame:
    f, p = tables.review_findings.c, tables.projects.c
    source = tables.review_findings.outerjoin(
        tables.projects, and_(p.round_id == round_id, p.project_code == f.project_code)
    )
    return Frame(
        "审核发现",
        source,
        [f.run_id == run_id],
        f.unit_code,
        {
            Dimension.UNIT: (f.unit_code,),
            Dimension.PROJECT: (f.project_code, p.name),
            Dimension.PROJECT_TYPE: (p.project_type,),
            Dimension.CATEGORY: (p.category,),
            Dimension.SEVERITY: (f.severity,),
            Dimension.FINDING_CODE: (f.code,),
        },
        {
            "project_codes": lambda v: f.project_code.in_(v),
            "project_types": lambda v: p.project_type.in_(v),
            "categories": lambda v: p.category.in_(v),
            "continuing": lambda v: p.continuing == ("是" if v else "否"),
            "severities": lambda v: f.severity.in_(v),
            "finding_codes": lambda v: f.code.in_(v),
        },
        project_key=f.project_code,
    )


def units_frame(round_id: int) -> Frame:
    u = tables.units.c
    return Frame(
        "单位表",
        tables.units,
        [u.round_id == round_id],
        u.unit_code,
        {Dimension.UNIT: (u.unit_code,)},
        items=func.count(),
    )


def department_of(frame: Frame, round_id: int) -> tuple[ColumnElement[Any], FromClause]:
    """The department a frame's unit belongs to (its parent, or itself), and the join."""
    owner = tables.units.alias("owner")
    source = frame.source.join(
        owner, and_(owner.c.round_id == round_id, owner.c.unit_code == frame.unit)
    )
    return func.coalesce(owner.c.parent_code, owner.c.unit_code), source


def _sangong_part(econ: ColumnElement[Any]) -> ColumnElement[Any]:
    whens = [(econ.in_(codes), literal(part)) for part, codes in SANGONG_CODES.items()]
    return case(*whens, else_=null())
