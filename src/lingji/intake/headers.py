"""Sheet and column names as written -> the contract's sheets and columns.

A sheet is known by its name or its contract key. Its header row is looked for among the
first rows (titles may sit above it), and each header cell is bound to the contract column it
names, with the factor its unit implies (万元 or 元); unknown, repeated and missing columns
are reported as they are found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lingji.domain.contract import (
    SHEETS,
    SHEETS_BY_KEY,
    SHEETS_BY_NAME,
    ColumnSpec,
    ColumnType,
    SheetSpec,
)
from lingji.intake.cells import fold
from lingji.intake.columns import ColumnReader, column_reader
from lingji.intake.problems import Note, Problem, column_letter

#: how many rows from the top may hold titles before the header row
HEADER_SEARCH_ROWS = 20
_UNIT_SUFFIX = re.compile(r"\((万元|元)\)$")
_TEN_THOUSAND = Decimal(10_000)


@dataclass(frozen=True, slots=True)
class BoundColumn:
    """A column of a sheet bound to the contract column its header names.

    `index` is its position in the row (0 for column A), `header` the header as written and
    `read` the reader for its cells, converting 万元 to 元 where the header says so.
    """

    index: int
    spec: ColumnSpec
    header: str
    read: ColumnReader


def normalise_header(text: Any) -> tuple[str, Decimal]:
    """Returns a header folded to compare with the contract, and the factor its unit implies."""
    name = re.sub(r"\s+", "", fold(str(text or "")))
    match = _UNIT_SUFFIX.search(name)
    if match:
        return name[: match.start()], _TEN_THOUSAND if match.group(1) == "万元" else Decimal(1)
    return name, Decimal(1)


def _header_index(spec: SheetSpec) -> dict[str, ColumnSpec]:
    index: dict[str, ColumnSpec] = {}
    for col in spec.columns:
        index[normalise_header(col.header)[0]] = col
        index[col.key.lower()] = col
    return index


_HEADER_INDEX = {spec.key: _header_index(spec) for spec in SHEETS}


def sheet_spec_for(name: str) -> SheetSpec | None:
    """Returns the contract sheet a workbook sheet or CSV file name stands for."""
    clean = re.sub(r"\s+", "", fold(name))
    return SHEETS_BY_NAME.get(clean) or SHEETS_BY_KEY.get(clean.lower())


def locate_header(
    spec: SheetSpec, head: list[Sequence[Any]], problems: list[Problem], notes: list[Note]
) -> tuple[int, list[BoundColumn]] | None:
    """Finds the header row among the first rows of a sheet and binds its columns.

    Returns the header row's position in `head` and the bound columns, or None (with a
    problem) when no row names at least two of the sheet's columns (one for a sheet of one
    column). Problems and notes about the header cells go to the lists given.
    """
    index = _HEADER_INDEX[spec.key]
    wanted = min(2, len(spec.columns))
    for pos, cells in enumerate(head):
        matches = sum(normalise_header(c)[0] in index for c in cells if c not in (None, ""))
        if matches >= wanted:
            return pos, _bind_columns(spec, pos + 1, cells, problems, notes)
    problems.append(
        Problem(
            spec.name,
            None,
            None,
            None,
            f"前{HEADER_SEARCH_ROWS}行中找不到表头行（应含「{spec.columns[0].header}」等列名）",
        )
    )
    return None


def _bind_columns(
    spec: SheetSpec,
    row_no: int,
    cells: Sequence[Any],
    problems: list[Problem],
    notes: list[Note],
) -> list[BoundColumn]:
    index = _HEADER_INDEX[spec.key]
    bound: dict[str, BoundColumn] = {}
    for i, cell in enumerate(cells):
        if cell in (None, ""):
            continue
        name, factor = normalise_header(cell)
        col = index.get(name)
        header = str(cell).strip()
        if col is None:
            notes.append(Note(spec.name, row_no, column_letter(i), header, "未知的列，已忽略"))
            continue
        if col.key in bound:
            problems.append(
                Problem(
                    spec.name, row_no, column_letter(i), header, f"列「{col.header}」出现了两次"
                )
            )
            continue
        if factor != 1 and col.type is not ColumnType.MONEY:
            problems.append(
                Problem(spec.name, row_no, column_letter(i), header, "只有金额列可以标注万元")
            )
        bound[col.key] = BoundColumn(i, col, header, column_reader(col.type, factor))
    for col in spec.columns:
        if col.required and col.key not in bound:
            problems.append(
                Problem(spec.name, row_no, None, col.header, f"缺少必需的列「{col.header}」")
            )
    return list(bound.values())
