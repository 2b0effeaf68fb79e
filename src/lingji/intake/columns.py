"""Reading a whole column at once: the common cell takes a fast path, anything else goes to the
single-cell reader in cells.py, which defines what a cell means.

A million detail lines are thirteen million cells; calling a function per cell costs more
than the reading itself, so the plain cases (a clean string, an integral float) are handled
inline here. tests/intake/test_columns.py checks both paths give the same values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from lingji.domain.contract import ColumnType
from lingji.intake.cells import READERS, CellError

#: (parsed values, [(position, reason)]) for one column
ColumnResult = tuple[list[Any], list[tuple[int, str]]]
ColumnReader = Callable[[Sequence[Any]], ColumnResult]


def _slow(read: Callable[[Any], Any], value: Any, pos: int, errors: list[tuple[int, str]]) -> Any:
    try:
        return read(value)
    except CellError as error:
        errors.append((pos, str(error)))
        return None


def _text_column(values: Sequence[Any]) -> ColumnResult:
    read, out, errors = READERS[ColumnType.TEXT], [], []
    append = out.append
    # the same words recur down a column (经济科目, 计量单位, 是/否): keep one copy of each
    shared: dict[str, str] = {}
    for pos, v in enumerate(values):
        if not v and v != 0:
            append(None)
        elif type(v) is str:
            text = v.strip()
            append(shared.setdefault(text, text) if text else None)
        else:
            append(_slow(read, v, pos, errors))
    return out, errors


def _code_column(values: Sequence[Any]) -> ColumnResult:
    read, out, errors = READERS[ColumnType.CODE], [], []
    append = out.append
    shared: dict[str, str] = {}
    for pos, v in enumerate(values):
        if not v and v != 0:
            append(None)
        elif type(v) is str and v.isascii() and "." not in v:
            code = v.strip()
            append(shared.setdefault(code, code) if code else None)
        else:
            append(_slow(read, v, pos, errors))
    return out, errors


def _int_column(values: Sequence[Any]) -> ColumnResult:
    read, out, errors = READERS[ColumnType.INT], [], []
    append = out.append
    for pos, v in enumerate(values):
        if not v and v != 0:
            append(None)
        elif type(v) is str and v.isascii() and v.isdigit():
            append(int(v))
        elif type(v) is float and v.is_integer():
            append(int(v))
        else:
            append(_slow(read, v, pos, errors))
    return out, errors


def _number_column(factor: Decimal) -> ColumnReader:
    read = READERS[ColumnType.NUMBER]
    scale = factor != 1

    def column(values: Sequence[Any]) -> ColumnResult:
        out: list[Any] = []
        errors: list[tuple[int, str]] = []
        append = out.append
        for pos, v in enumerate(values):
            number: Decimal | None
            if not v and v != 0:
                number = None
            elif type(v) is str and v.isascii():
                try:
                    number = Decimal(v.replace(",", "") if "," in v else v)
                    if not number.is_finite():
                        number = _slow(read, v, pos, errors)
                except InvalidOperation:
                    number = _slow(read, v, pos, errors)
            else:
                number = _slow(read, v, pos, errors)
            append(number * factor if scale and number is not None else number)
        return out, errors

    return column


def _generic_column(kind: ColumnType) -> ColumnReader:
    read = READERS[kind]

    def column(values: Sequence[Any]) -> ColumnResult:
        errors: list[tuple[int, str]] = []
        return [_slow(read, v, pos, errors) for pos, v in enumerate(values)], errors

    return column


def column_reader(kind: ColumnType, factor: Decimal = Decimal(1)) -> ColumnReader:
    """Returns the column reader for a type; factor converts 万元 to yuan in money columns."""
    if kind in (ColumnType.NUMBER, ColumnType.MONEY):
        return _number_column(factor)
    readers: dict[ColumnType, ColumnReader] = {
        ColumnType.TEXT: _text_column,
        ColumnType.CODE: _code_column,
        ColumnType.INT: _int_column,
    }
    return readers.get(kind) or _generic_column(kind)
