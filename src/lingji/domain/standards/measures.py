"""What a detail line buys: its measure (人天, 台, 平方米·月 ...), how many, and at what unit cost.

A standard or a learned range only speaks to a line measured the same way: 760 元/人天 needs
persons × days, 4.50 元/平方米·月 needs square-metre-months. The demo and the data contract
compute 金额 = 单价 × every filled measure of 数量、人数、天数, so the count here is that product.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from lingji.domain.formatting import number, yuan
from lingji.domain.models import DetailLine

_DROP = str.maketrans("", "", "（）()·•・. 　/")
_SPELLINGS = (("人日", "人天"), ("㎡", "平方米"), ("m²", "平方米"), ("m2", "平方米"))
PERSON_DAY = "人天"


@lru_cache(maxsize=4096)
def normalize_measure(text: str | None) -> str:
    """'平方米·月' -> '平方米月', '万元（建设投资）' -> '万元建设投资', '人·日' -> '人天'."""
    if not text:
        return ""
    cleaned = text.strip().translate(_DROP)
    for spelling, canonical in _SPELLINGS:
        cleaned = cleaned.replace(spelling, canonical)
    return cleaned


@lru_cache(maxsize=1024)
def basis_measure(basis: str | None) -> str:
    """The measure a basis is stated per: '元/人天' -> '人天'; '元' or empty -> '' (no measure)."""
    if not basis:
        return ""
    text = basis.strip().replace("／", "/")
    if not text.startswith("元/"):
        return ""
    return normalize_measure(text[2:])


def grouped(value: Decimal | int) -> str:
    """A count with thousands separators and no trailing zeros: 9432.0000 -> '9,432'."""
    text = number(value)
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    return f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}"


def price(value: Decimal) -> str:
    """A unit price: like yuan(), but keeps the third and fourth decimals a price may carry
    (0.645元 per leaflet, not 0.64元)."""
    if value == value.quantize(Decimal("0.01")):
        return yuan(value)
    return f"{grouped(value)}元"


@dataclass(slots=True)
class LineMeasure:
    """A line's measure (normalised), the count bought, and the unit cost per that measure."""

    measure: str
    #: the measure as people write it, for messages: 人天, 台, 平方米·月
    label: str
    count: Decimal
    unit_cost: Decimal
    persons: int | None = None
    days: Decimal | None = None
    quantity: Decimal | None = None
    unit: str | None = None

    @property
    def claimed(self) -> Decimal:
        return self.unit_cost * self.count

    def describe(self) -> str:
        """'60人×2天', '12台', '10人×12月', '9,432平方米·月'."""
        parts = []
        if self.persons is not None:
            parts.append(f"{grouped(self.persons)}人")
        if self.days is not None:
            parts.append(f"{grouped(self.days)}天")
        if self.quantity is not None:
            parts.append(f"{grouped(self.quantity)}{(self.unit or '').strip()}")
        return "×".join(parts)


#: (unit, has persons, has days, has quantity) -> (normalised measure, label); few distinct keys
_MEASURES: dict[tuple[str | None, bool, bool, bool], tuple[str, str] | None] = {}


def _measure_of(
    unit: str | None, persons: bool, days: bool, quantity: bool
) -> tuple[str, str] | None:
    written = (unit or "").strip()
    if persons and days:
        label = PERSON_DAY
    elif persons:
        label = written if written.startswith("人") else f"人{written}"
    elif days:
        label = written or "天"
    elif quantity and written:
        label = written
    else:
        return None
    return normalize_measure(label), label


def measure_key(
    unit: str | None, persons: bool, days: bool, quantity: bool
) -> tuple[str, str] | None:
    """(normalised measure, label) for a line's unit and which of 人数、天数、数量 it fills."""
    key = (unit, persons, days, quantity)
    try:
        return _MEASURES[key]
    except KeyError:
        found = _MEASURES[key] = _measure_of(*key)
        return found


def line_measure_key(line: DetailLine) -> tuple[str, str] | None:
    """(normalised measure, label) of a line, without computing its count: the fast path."""
    return measure_key(
        line.unit, line.persons is not None, line.days is not None, line.quantity is not None
    )


def line_count(line: DetailLine) -> Decimal:
    """The product of the line's filled 数量、人数、天数."""
    count = Decimal(1)
    if line.persons is not None:
        count *= line.persons
    if line.days is not None:
        count *= line.days
    if line.quantity is not None:
        count *= line.quantity
    return count


def line_unit_cost(line: DetailLine, count: Decimal | None = None) -> Decimal | None:
    """单价, else 金额 ÷ count; None when neither can be had."""
    if line.unit_price is not None:
        return line.unit_price
    if line.amount is None:
        return None
    count = line_count(line) if count is None else count
    return line.amount / count if count > 0 else None


def measure_line(line: DetailLine) -> LineMeasure | None:
    """The line's measure, or None when it has no count or no cost to compare."""
    key = line_measure_key(line)
    if key is None:
        return None
    count = line_count(line)
    if count <= 0:
        return None
    unit_cost = line_unit_cost(line, count)
    if unit_cost is None:
        return None
    return LineMeasure(
        key[0], key[1], count, unit_cost, line.persons, line.days, line.quantity, line.unit
    )
