"""Helpers shared by the planted findings: build a clean base project, then bend one thing."""

from __future__ import annotations

from decimal import Decimal

from lingji.demo.building import CLEAN_HISTORY, Block, Outcome, Unit
from lingji.demo.catalog import Subject
from lingji.demo.items import reprice_line
from lingji.demo.model import Line, Planted, Project, money
from lingji.demo.templates import subject_project

#: one unit of each block hosts each plant; positions are the unit code without the block prefix
PROBLEM_UNITS = ("101003", "105002", "105003", "112003", "109003", "114002")


def unit_at(block: Block, base_code: str) -> Unit:
    prefix = "" if block.index == 0 else f"{block.index:03d}"
    return block.unit(prefix + base_code)


def topic(
    block: Block,
    unit: Unit,
    name: str,
    items: tuple[str, ...],
    target: int,
    *,
    project_type: str = "专项业务",
    output: str = "工作任务量",
    effect: str = "年度任务完成率",
    continuing: bool = False,
    outcome: Outcome = CLEAN_HISTORY,
) -> Project:
    """A clean project on a topic no clean project uses, as the base of a plant."""
    subject = Subject(name, project_type, items, output, effect, continuing)
    return subject_project(
        block, unit, subject, Decimal(target), continuing=continuing, outcome=outcome
    )


def find_line(project: Project, kind: str) -> Line:
    return next(ln for ln in project.lines if ln.kind == kind)


def reprice(line: Line, price: Decimal | int | str) -> None:
    """Set a new unit price and keep the amount equal to price × measures."""
    reprice_line(line, Decimal(price))


def refresh_requested(project: Project) -> None:
    project.refresh_requested()


def plant(
    block: Block,
    code: str,
    unit: Unit,
    description: str,
    *,
    project: Project | None = None,
    line: Line | None = None,
    excess: Decimal | int = 0,
    also: tuple[str, ...] = (),
) -> None:
    block.plant(
        Planted(
            code=code,
            unit_code=unit.code,
            project_code=project.code if project else None,
            line_no=line.line_no if line else None,
            description=description,
            expected_excess=money(excess),
            also_acceptable=also,
        )
    )


def yuan(value: Decimal | int) -> str:
    return f"{money(value):,}元"
