"""Raw sheets -> checked records, with every problem found (not only the first).

Pure: the adapters read files into `RawSheet`s; this module decides what the cells mean and
whether the submission can be stored. It never touches the database. Sheets are read a
column at a time (see columns.py) and kept as tuples, because a round can hold a million
detail lines.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import zip_longest
from typing import Any

from lingji.domain.contract import (
    PROJECTS,
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


@dataclass(slots=True)
class RawSheet:
    """One sheet as read from a file: its name and its rows with their 1-based row numbers."""

    name: str
    rows: list[tuple[int, list[Any]]]


@dataclass(slots=True)
class SheetRecords:
    """The stored rows of one sheet: tuples in the order of `fields` (contract keys, source_row)."""

    fields: tuple[str, ...]
    rows: list[tuple[Any, ...]]

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, key: str) -> list[Any]:
        i = self.fields.index(key)
        return [row[i] for row in self.rows]

    def dicts(self) -> Iterator[dict[str, Any]]:
        for row in self.rows:
            yield dict(zip(self.fields, row, strict=True))


@dataclass(slots=True)
class ParsedSubmission:
    """Records per sheet key, ready to store, and what was found on the way."""

    records: dict[str, SheetRecords] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    year: int | None = None
    #: sheet key -> field key -> (column letter, header as written), for locating problems
    columns: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)

    @property
    def accepted(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class _BoundColumn:
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


def parse_submission(raw_sheets: Iterable[RawSheet]) -> ParsedSubmission:
    """Reads every sheet, then checks keys and references across sheets."""
    parsed = ParsedSubmission()
    seen: dict[str, str] = {}
    for raw in raw_sheets:
        spec = sheet_spec_for(raw.name)
        if spec is None:
            parsed.notes.append(Note(raw.name, None, None, None, "不是数据约定中的工作表，已忽略"))
            continue
        if spec.key in seen:
            parsed.problems.append(
                Problem(raw.name, None, None, None, f"与「{seen[spec.key]}」是同一张表，重复提交")
            )
            continue
        seen[spec.key] = raw.name
        parsed.records[spec.key] = _parse_sheet(spec, raw, parsed)
        raw.rows = []  # the raw cells are no longer needed; a large round frees them early
    for spec in SHEETS:
        if spec.required and spec.key not in parsed.records:
            parsed.problems.append(Problem(spec.name, None, None, None, "缺少必需的工作表"))
    _check_unique(parsed)
    _check_references(parsed)
    _check_single_year(parsed)
    return parsed


def _is_blank(cells: list[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _parse_sheet(spec: SheetSpec, raw: RawSheet, parsed: ParsedSubmission) -> SheetRecords:
    fields = (*spec.keys, "source_row")
    located = _locate_header(spec, raw, parsed)
    if located is None:
        return SheetRecords(fields, [])
    header_pos, bound = located
    parsed.columns[spec.key] = {b.spec.key: (column_letter(b.index), b.header) for b in bound}
    body = raw.rows[header_pos + 1 :]
    row_numbers = [n for n, _ in body]
    cells = [c for _, c in body]
    rejected: set[int] = set()

    def problem(pos: int, col: _BoundColumn, reason: str) -> None:
        parsed.problems.append(
            Problem(spec.name, row_numbers[pos], column_letter(col.index), col.header, reason)
        )
        rejected.add(pos)

    empty = [None] * len(cells)
    # one transposition in C instead of a Python pass per column; short rows are padded
    by_column = list(zip_longest(*cells)) if cells else []
    values: dict[str, list[Any]] = {}
    for col in bound:
        column, errors = col.read(by_column[col.index] if col.index < len(by_column) else empty)
        for pos, reason in errors:
            problem(pos, col, "无法读取，请检查该单元格" if col.spec.sensitive else reason)
        values[col.spec.key] = column
        if col.spec.choices:
            _note_unlisted_choices(spec, col, column, row_numbers, parsed)
    for col in bound:
        if not col.spec.row_key:
            continue
        for pos, value in enumerate(values[col.spec.key]):
            if value is None and pos not in rejected:
                if _is_blank(cells[pos]):
                    rejected.add(pos)  # a blank row between data rows: skipped, not an error
                else:
                    problem(pos, col, f"「{col.header}」为空，该行无法保存")
    del by_column
    ordered = [values.get(key, empty) for key in spec.keys]
    rows = list(zip(*ordered, row_numbers, strict=True))
    if rejected:
        rows = [row for pos, row in enumerate(rows) if pos not in rejected]
    return SheetRecords(fields, rows)


def _note_unlisted_choices(
    spec: SheetSpec,
    col: _BoundColumn,
    column: list[Any],
    row_numbers: list[int],
    parsed: ParsedSubmission,
) -> None:
    allowed = set(col.spec.choices)
    listed = "、".join(col.spec.choices)
    for pos, value in enumerate(column):
        if value is not None and value not in allowed:
            parsed.notes.append(
                Note(
                    spec.name,
                    row_numbers[pos],
                    column_letter(col.index),
                    col.header,
                    f"「{value}」不在约定取值（{listed}）中，已按原样保存",
                )
            )


def _locate_header(
    spec: SheetSpec, raw: RawSheet, parsed: ParsedSubmission
) -> tuple[int, list[_BoundColumn]] | None:
    index = _HEADER_INDEX[spec.key]
    wanted = min(2, len(spec.columns))
    for pos, (row_no, cells) in enumerate(raw.rows[:HEADER_SEARCH_ROWS]):
        matches = sum(normalise_header(c)[0] in index for c in cells if c not in (None, ""))
        if matches >= wanted:
            return pos, _bind_columns(spec, row_no, cells, parsed)
    parsed.problems.append(
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
    spec: SheetSpec, row_no: int, cells: list[Any], parsed: ParsedSubmission
) -> list[_BoundColumn]:
    index = _HEADER_INDEX[spec.key]
    bound: dict[str, _BoundColumn] = {}
    for i, cell in enumerate(cells):
        if cell in (None, ""):
            continue
        name, factor = normalise_header(cell)
        col = index.get(name)
        header = str(cell).strip()
        if col is None:
            parsed.notes.append(
                Note(spec.name, row_no, column_letter(i), header, "未知的列，已忽略")
            )
            continue
        if col.key in bound:
            parsed.problems.append(
                Problem(
                    spec.name, row_no, column_letter(i), header, f"列「{col.header}」出现了两次"
                )
            )
            continue
        if factor != 1 and col.type is not ColumnType.MONEY:
            parsed.problems.append(
                Problem(spec.name, row_no, column_letter(i), header, "只有金额列可以标注万元")
            )
        bound[col.key] = _BoundColumn(i, col, header, column_reader(col.type, factor))
    for col in spec.columns:
        if col.required and col.key not in bound:
            parsed.problems.append(
                Problem(spec.name, row_no, None, col.header, f"缺少必需的列「{col.header}」")
            )
    return list(bound.values())


def _check_unique(parsed: ParsedSubmission) -> None:
    for key, records in parsed.records.items():
        spec = SHEETS_BY_KEY[key]
        if not spec.unique or key not in parsed.columns:
            continue
        positions = [records.fields.index(k) for k in spec.unique]
        source = records.fields.index("source_row")
        first_row: dict[tuple[Any, ...], int] = {}
        for row in records.rows:
            value = tuple(row[p] for p in positions)
            if None in value:
                continue
            if value not in first_row:
                first_row[value] = row[source]
                continue
            labels = "、".join(
                f"{spec.column(k).header}「{v}」" for k, v in zip(spec.unique, value, strict=True)
            )
            letter, header = parsed.columns[key][spec.unique[-1]]
            parsed.problems.append(
                Problem(
                    spec.name, row[source], letter, header, f"{labels}与第{first_row[value]}行重复"
                )
            )


def _check_references(parsed: ParsedSubmission) -> None:
    for key, records in parsed.records.items():
        spec = SHEETS_BY_KEY[key]
        for ref in spec.references:
            target_key = SHEETS_BY_NAME[ref.target_sheet].key
            if target_key not in parsed.records or ref.column not in parsed.columns.get(key, {}):
                continue
            known = set(parsed.records[target_key].column(ref.target_column))
            known.update(ref.also_allowed)
            letter, header = parsed.columns[key][ref.column]
            position = records.fields.index(ref.column)
            source = records.fields.index("source_row")
            for row in records.rows:
                value = row[position]
                if value is not None and value not in known:
                    parsed.problems.append(
                        Problem(
                            spec.name,
                            row[source],
                            letter,
                            header,
                            f"{header}「{value}」在「{ref.target_sheet}」中不存在",
                        )
                    )


def _check_single_year(parsed: ParsedSubmission) -> None:
    projects = parsed.records.get(PROJECTS.key)
    if not projects:
        return
    years = Counter(projects.column("year"))
    year, _ = years.most_common(1)[0]
    parsed.year = year
    if len(years) == 1:
        return
    letter, header = parsed.columns[PROJECTS.key]["year"]
    for record in projects.dicts():
        if record["year"] != year:
            parsed.problems.append(
                Problem(
                    PROJECTS.name,
                    record["source_row"],
                    letter,
                    header,
                    f"年度{record['year']}与本工作簿的预算年度{year}不同：一个工作簿只能装一个预算年度",
                )
            )
