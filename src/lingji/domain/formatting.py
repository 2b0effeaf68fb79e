"""How figures are written in messages people read."""

from __future__ import annotations

from decimal import Decimal


def yuan(amount: Decimal | int | None) -> str:
    """12345.6 -> '12,345.60元'; whole amounts drop the fen: 33600 -> '33,600元'."""
    if amount is None:
        return "（空）"
    value = Decimal(amount)
    if value == value.to_integral_value():
        return f"{value:,.0f}元"
    return f"{value:,.2f}元"


def number(value: Decimal | int | float | None) -> str:
    """A quantity without trailing zeros: Decimal('2.50') -> '2.5'."""
    if value is None:
        return "（空）"
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(ratio: Decimal | float) -> str:
    return f"{Decimal(ratio) * 100:.1f}%"
