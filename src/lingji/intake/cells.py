"""Tolerant readers for one cell each, as Excel users really fill them in.

Each reader takes the raw cell (str, float, int, bool, date or None, as python-calamine or
the csv module give it) and returns the clean value, or None for an empty cell. It raises
`CellError` with a Chinese reason when the cell cannot be read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from lingji.domain.contract import ColumnType


class CellError(ValueError):
    """Raised if a cell cannot be read as its column's type; the message is the reason."""


# Full-width ASCII (U+FF01..U+FF5E) and the ideographic space fold to their ASCII forms.
# 〔〕 in document numbers are not full-width ASCII and are kept as written.
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_NUMBER_NOISE = str.maketrans("", "", ", \u00a0'_")
_CURRENCY = re.compile(r"^[¥￥]|元$")
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?: .*)?$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
#: float codes above this lost digits when Excel stored them as numbers (身份证号, bank accounts)
_EXACT_FLOAT_LIMIT = 10**15


def fold(text: str) -> str:
    """Folds full-width ASCII and ideographic spaces to ASCII."""
    return text.translate(_FOLD)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_text(value: Any) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_code(value: Any) -> str | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("编码不能是逻辑值")
    if isinstance(value, float):
        if abs(value) >= _EXACT_FLOAT_LIMIT:
            raise CellError("编码被 Excel 存成了数字，末几位已经丢失，请把该列设为文本后重新填写")
        return _float_text(value)
    if isinstance(value, int):
        return str(value)
    text = fold(str(value)).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text or None


def read_int(value: Any) -> int | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise CellError(f"应为整数，而不是「{_float_text(value)}」")
    text = fold(str(value)).strip().translate(_NUMBER_NOISE)
    text = text.removesuffix("年").removesuffix("人")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(f"应为整数，而不是「{str(value).strip()}」") from None
    if number != number.to_integral_value():
        raise CellError(f"应为整数，而不是「{str(value).strip()}」")
    return int(number)


def read_number(value: Any) -> Decimal | None:
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("应为数字")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError("应为数字")
        # repr gives the shortest text that round-trips, so 0.1 stays 0.1, not 0.1000000000000000055
        return Decimal(repr(value))
    raw = str(value).strip()
    text = _CURRENCY.sub("", fold(raw).strip().translate(_NUMBER_NOISE))
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = "-" + text[1:-1]
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(f"无法识别的数字「{raw}」") from None
    if not number.is_finite():
        raise CellError(f"无法识别的数字「{raw}」")
    return number


def read_date(value: Any) -> dt.date | None:
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial_date(float(value), str(value))
    raw = str(value).strip()
    text = fold(raw)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise CellError(f"不存在的日期「{raw}」") from None
    try:
        return _serial_date(float(text), raw)
    except ValueError:
        raise CellError(f"无法识别的日期「{raw}」，请写成 2026-01-05 或 2026年1月5日") from None


def _serial_date(serial: float, raw: str) -> dt.date:
    # Excel serials: 1 is 1900-01-01; anything past year 2173 is not a date anyone meant
    if not 1 <= serial < 100_000 or not serial.is_integer():
        raise CellError(f"无法识别的日期「{raw}」")
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def _float_text(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def money_reader(multiplier: Decimal) -> Callable[[Any], Decimal | None]:
    """Returns a reader for amounts in a column whose header names its unit (元 or 万元)."""
    if multiplier == 1:
        return read_number

    def read(value: Any) -> Decimal | None:
        number = read_number(value)
        return None if number is None else number * multiplier

    return read


READERS: dict[ColumnType, Callable[[Any], Any]] = {
    ColumnType.TEXT: read_text,
    ColumnType.CODE: read_code,
    ColumnType.INT: read_int,
    ColumnType.NUMBER: read_number,
    ColumnType.MONEY: read_number,
    ColumnType.DATE: read_date,
}
