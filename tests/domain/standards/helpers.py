"""Inline detail lines and history for the standards tests: no database, no files."""

from __future__ import annotations

from decimal import Decimal

from lingji.domain.models import DetailLine

D = Decimal


def line(
    name: str,
    price: str | None,
    *,
    econ: str | None = None,
    unit: str | None = None,
    persons: int | None = None,
    days: str | None = None,
    quantity: str | None = None,
    amount: str | None = None,
    basis: str | None = None,
    project: str = "P1",
    year: int | None = None,
    line_no: int = 1,
) -> DetailLine:
    """A line whose amount, unless given, is price × every filled measure (the contract's rule)."""
    total = D(price) if price is not None else None
    for measure in (persons, days, quantity):
        if measure is not None and total is not None:
            total *= D(measure)
    return DetailLine(
        project_code=project,
        item_name=name,
        amount=D(amount) if amount is not None else total,
        line_no=line_no,
        econ_code=econ,
        quantity=D(quantity) if quantity is not None else None,
        unit=unit,
        persons=persons,
        days=D(days) if days is not None else None,
        unit_price=D(price) if price is not None else None,
        basis=basis,
        year=year,
    )


def history(name: str, prices, *, unit: str = "份", econ: str = "30202", year: int = 2026):
    """History lines of one item at the given unit prices, one project each."""
    return [
        line(name, str(p), econ=econ, unit=unit, quantity="10", project=f"H{i}", year=year)
        for i, p in enumerate(prices)
    ]
