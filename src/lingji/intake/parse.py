"""Raw sheets -> checked records, with every problem found (not only the first).

Pure: the adapters read files into `RawSheet`s; this module decides what the cells mean and
whether the submission can be stored. It never touches the database.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
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
from lingji.intake.cells import READERS, CellError, fold, money_reader
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
class ParsedSubmission:
    """Records per sheet key, ready to store, and what was found on the way."""

    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
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
    read: Callable[[Any], Any]


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
    for spec in SHEETS:
        if spec.required and spec.key not in parsed.records:
            parsed.problems.append(Problem(spec.name, None, None, None, "缺少必需的工作表"))
    _check_unique(parsed)
    _check_references(parsed)
    _check_single_year(parsed)
    return parsed


def _parse_sheet(spec: SheetSpec, raw: RawSheet, parsed: ParsedSubmission) -> list[dict[str, Any]]:
    located = _locate_header(spec, raw, parsed)
    if located is None:
        return []
    header_pos, bound = located
    parsed.columns[spec.key] = {b.spec.key: (column_letter(b.index), b.header) for b in bound}
    records: list[dict[str, Any]] = []
    row_keys = [b for b in bound if b.spec.row_key]
    for row_no, cells in raw.rows[header_pos + 1 :]:
        if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        record: dict[str, Any] = {"source_row": row_no}
        bad = False
        for col in bound:
            cell = cells[col.index] if col.index < len(cells) else None
            try:
                value = col.read(cell)
            except CellError as error:
                reason = "无法读取，请检查该单元格" if col.spec.sensitive else str(error)
                parsed.problems.append(
                    Problem(spec.name, row_no, column_letter(col.index), col.header, reason)
                )
                bad = True
                continue
            record[col.spec.key] = value
            if value is not None and col.spec.choices and value not in col.spec.choices:
                parsed.notes.append(
                    Note(
                        spec.name,
                        row_no,
                        column_letter(col.index),
                        col.header,
                        f"「{value}」不在约定取值（{'、'.join(col.spec.choices)}）中，已按原样保存",
                    )
                )
        for col in row_keys:
            if col.spec.key in record and record[col.spec.key] is None:
                parsed.problems.append(
                    Problem(
                        spec.name,
                        row_no,
                        column_letter(col.index),
                        col.header,
                        f"「{col.header}」为空，该行无法保存",
                    )
                )
                bad = True
        if not bad:
            for key in spec.keys:
                record.setdefault(key, None)
            records.append(record)
    return records


def _locate_header(
    spec: SheetSpec, raw: RawSheet, parsed: ParsedSubmission
) -> tuple[int, list[_BoundColumn]] | None:
    index = _HEADER_INDEX[spec.key]
    wanted = min(2, len(spec.columns))
    for pos, (row_no, cells) in enumerate(raw.rows[:HEADER_SEARCH_ROWS]):
        matches = [normalise_header(c)[0] in index for c in cells if c not in (None, "")]
        if sum(matches) >= wanted:
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
        if col is None:
            parsed.notes.append(
                Note(spec.name, row_no, column_letter(i), str(cell).strip(), "未知的列，已忽略")
            )
            continue
        header = str(cell).strip()
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
        read = money_reader(factor) if col.type is ColumnType.MONEY else READERS[col.type]
        bound[col.key] = _BoundColumn(i, col, header, read)
    for col in spec.columns:
        if col.required and col.key not in bound:
            parsed.problems.append(
                Problem(spec.name, row_no, None, col.header, f"缺少必需的列「{col.header}」")
            )
    return list(bound.values())


def _check_unique(parsed: ParsedSubmission) -> None:
    for key, records in parsed.records.items():
        spec = SHEETS_BY_KEY[key]
        if not spec.unique:
            continue
        first_row: dict[tuple[Any, ...], int] = {}
        for record in records:
            value = tuple(record[k] for k in spec.unique)
            if None in value:
                continue
            if value in first_row:
                labels = "、".join(f"{spec.column(k).header}「{record[k]}」" for k in spec.unique)
                letter, header = parsed.columns[key][spec.unique[-1]]
                parsed.problems.append(
                    Problem(
                        spec.name,
                        record["source_row"],
                        letter,
                        header,
                        f"{labels}与第{first_row[value]}行重复",
                    )
                )
            else:
                first_row[value] = record["source_row"]


def _check_references(parsed: ParsedSubmission) -> None:
    for key, records in parsed.records.items():
        spec = SHEETS_BY_KEY[key]
        for ref in spec.references:
            target = SHEETS_BY_KEY.get(_key_of(ref.target_sheet))
            if target is None or target.key not in parsed.records:
                continue
            known = {r[ref.target_column] for r in parsed.records[target.key]}
            known.update(ref.also_allowed)
            if ref.column not in parsed.columns[key]:
                continue
            letter, header = parsed.columns[key][ref.column]
            for record in records:
                value = record.get(ref.column)
                if value is not None and value not in known:
                    parsed.problems.append(
                        Problem(
                            spec.name,
                            record["source_row"],
                            letter,
                            header,
                            f"{header}「{value}」在「{ref.target_sheet}」中不存在",
                        )
                    )


def _key_of(sheet_name: str) -> str:
    return SHEETS_BY_NAME[sheet_name].key


def _check_single_year(parsed: ParsedSubmission) -> None:
    projects = parsed.records.get(PROJECTS.key, [])
    years = Counter(r["year"] for r in projects)
    if not years:
        return
    year, _ = years.most_common(1)[0]
    parsed.year = year
    if len(years) == 1:
        return
    for record in projects:
        if record["year"] != year:
            letter, header = parsed.columns[PROJECTS.key]["year"]
            parsed.problems.append(
                Problem(
                    PROJECTS.name,
                    record["source_row"],
                    letter,
                    header,
                    f"年度{record['year']}与本工作簿的预算年度{year}不同：一个工作簿只能装一个预算年度",
                )
            )
