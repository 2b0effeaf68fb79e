"""Reading a whole column at once: the common cell takes a fast path, anything else goes to the
single-cell reader in cells.py, which defines what a cell means.

A million detail lines are thirteen million cells; calling a function per cell costs more
than the reading itself. So a column is read by steps that run in C over all its cells:

* a column of text cells (every CSV column, most workbook text columns) is stripped in one
  step, and blanks become None;
* any other kind of column of text and empty cells is read once per distinct value, and the
  result looked up for the rest: columns repeat their values heavily (codes, dates,
  quantities, prices), and a string means the same thing wherever it stands. The reader
  remembers what it read, so that the next chunk of the same column reads only new values;
* anything else walks the column with the plain cases (a clean string, an integral float)
  handled inline.

A reader belongs to one column of one sheet (`column_reader` makes a new one each time).
tests/intake/test_columns.py checks that every path gives the values of the cell readers.
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

#: cell types whose equal values always mean the same: True == 1 == 1.0 would not
_BY_VALUE_TYPES = frozenset({str, type(None)})
#: distinct values a reader remembers before it starts afresh (bounds its memory)
MEMO_LIMIT = 100_000


def _slow(read: Callable[[Any], Any], value: Any, pos: int, errors: list[tuple[int, str]]) -> Any:
    try:
        return read(value)
    except CellError as error:
        errors.append((pos, str(error)))
        return None


class _ByValue:
    """Reads each distinct value once, remembering results across the chunks of a column."""

    def __init__(self, read: Callable[[str], Any]) -> None:
        self._read = read
        self._meaning: dict[Any, Any] = {None: None, "": None}
        self._failed: dict[str, str] = {}

    def __call__(self, values: Sequence[Any]) -> ColumnResult | None:
        """The column read; None if it holds anything but text and blanks."""
        try:
            distinct = set(values)
        except TypeError:  # an unhashable cell: leave it to the cell reader
            return None
        meaning, failed = self._meaning, self._failed
        if len(meaning) > MEMO_LIMIT:
            meaning.clear()
            meaning.update({None: None, "": None})
            failed.clear()
        new = distinct.difference(meaning)
        if not _BY_VALUE_TYPES.issuperset(map(type, new)):
            return None
        for value in new:
            try:
                meaning[value] = self._read(value)
            except CellError as error:
                failed[value] = str(error)
                meaning[value] = None
        out = list(map(meaning.__getitem__, values))
        if not failed or distinct.isdisjoint(failed):
            return out, []
        return out, [(pos, failed[v]) for pos, v in enumerate(values) if v in failed]


class _Reader:
    """A column reader: by value when it can, else `walk` (cell by cell)."""

    def __init__(
        self, read: Callable[[str], Any], walk: Callable[[Sequence[Any]], ColumnResult]
    ) -> None:
        self._by_value = _ByValue(read)
        self._walk = walk

    def __call__(self, values: Sequence[Any]) -> ColumnResult:
        by_value = self._by_value(values)
        return by_value if by_value is not None else self._walk(values)


class _TextReader:
    """Text columns: stripped in C; equal words share one object while a column repeats."""

    #: a column whose values are mostly different stops looking for repeats
    _SAMPLE = 20_000

    def __init__(self) -> None:
        self._shared: dict[str, str | None] = {"": None}
        self._seen = 0
        self._repeats = True

    def __call__(self, values: Sequence[Any]) -> ColumnResult:
        try:
            stripped = list(map(str.strip, values))
        except TypeError:  # a workbook number, date or empty cell: read cell by cell
            return _text_column(values)
        if not self._repeats:
            if "" in stripped:
                return [s or None for s in stripped], []
            return stripped, []
        shared = self._shared
        if len(shared) > MEMO_LIMIT:
            shared.clear()
            shared[""] = None
        out = list(map(shared.setdefault, stripped, stripped))
        self._seen += len(values)
        if self._seen >= self._SAMPLE and len(shared) * 2 > self._seen:
            self._repeats = False  # names, descriptions: keeping copies saves nothing
        return out, []


def _text(value: str) -> str | None:
    return value.strip() or None


def _code(value: str) -> str | None:
    if value.isascii() and "." not in value:
        return value.strip() or None
    return READERS[ColumnType.CODE](value)


def _int(value: str) -> int | None:
    if value.isascii() and value.isdigit():
        return int(value)
    return READERS[ColumnType.INT](value)


def _number(value: str) -> Decimal | None:
    if value.isascii():
        try:
            number = Decimal(value.replace(",", "") if "," in value else value)
        except InvalidOperation:
            pass
        else:
            if number.is_finite():
                return number
    return READERS[ColumnType.NUMBER](value)


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

    def one(value: str) -> Decimal | None:
        number = _number(value)
        return number * factor if scale and number is not None else number

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

    return _Reader(one, column)


def _generic_column(kind: ColumnType) -> ColumnReader:
    read = READERS[kind]

    def column(values: Sequence[Any]) -> ColumnResult:
        errors: list[tuple[int, str]] = []
        return [_slow(read, v, pos, errors) for pos, v in enumerate(values)], errors

    return _Reader(read, column)


def column_reader(kind: ColumnType, factor: Decimal = Decimal(1)) -> ColumnReader:
    """Returns a new reader for one column of a type; factor converts 万元 to yuan in money
    columns. Give each column of each sheet its own: it remembers the values it has read."""
    if kind in (ColumnType.NUMBER, ColumnType.MONEY):
        return _number_column(factor)
    if kind is ColumnType.TEXT:
        return _TextReader()
    if kind is ColumnType.CODE:
        return _Reader(_code, _code_column)
    if kind is ColumnType.INT:
        return _Reader(_int, _int_column)
    return _generic_column(kind)
