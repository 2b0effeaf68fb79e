"""Raw sheets -> checked records, with every problem found (not only the first).

Pure: the adapters read files into `RawSheet`s; this module decides what the cells mean and
whether the submission can be stored. It never touches the database.

A round can hold a million detail lines, so a sheet is checked a chunk of rows at a time
(`SubmissionCheck`): each chunk is read a column at a time (see columns.py), and of the
checked rows only the columns that the checks across sheets need (keys and references) are
kept until the end. An importer can store each chunk as soon as it is checked and drop it;
`parse_submission` collects them all instead. Problems and notes come out in the same order
whatever order the sheets are checked in: sheet by sheet as submitted, then the checks
across sheets.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import compress, islice
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
#: rows checked at a time: enough to amortise the work per column, few enough that their
#: cells stay in the processor's cache while each column is read
CHUNK_ROWS = 2_000
#: rows handed over at a time: fewer, larger batches cost less to store
BATCH_ROWS = 20_000
_UNIT_SUFFIX = re.compile(r"\((万元|元)\)$")
_TEN_THOUSAND = Decimal(10_000)


@dataclass(slots=True)
class RawSheet:
    """One sheet as read from a file: its name and its rows, the first being row 1.

    `rows` may be a lazy iterable that can be walked once: the readers hand large sheets over
    that way, so that their cells are read only when checked.
    """

    name: str
    rows: Iterable[Sequence[Any]]


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
class SheetChunk:
    """Checked rows of one sheet that can be stored, as one list per field of `fields`."""

    key: str
    fields: tuple[str, ...]
    columns: list[list[Any]]

    def __len__(self) -> int:
        return len(self.columns[-1])

    def column(self, key: str) -> list[Any]:
        return self.columns[self.fields.index(key)]


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


def _kept_fields(spec: SheetSpec) -> tuple[str, ...]:
    """The fields the checks across sheets read: unique keys, references and their targets."""
    kept = [*spec.unique, *(ref.column for ref in spec.references)]
    for other in SHEETS:
        kept += [r.target_column for r in other.references if r.target_sheet == spec.name]
    if spec.key == PROJECTS.key:
        kept.append("year")
    return (*dict.fromkeys(kept), "source_row") if kept else ()


_KEPT_FIELDS = {spec.key: _kept_fields(spec) for spec in SHEETS}


def _kept_columns(fields: tuple[str, ...]) -> dict[str, Any]:
    # row numbers as machine integers: a million of them as objects would take 36 MB
    return {f: array("q") if f == "source_row" else [] for f in fields}


def sheet_spec_for(name: str) -> SheetSpec | None:
    """Returns the contract sheet a workbook sheet or CSV file name stands for."""
    clean = re.sub(r"\s+", "", fold(name))
    return SHEETS_BY_NAME.get(clean) or SHEETS_BY_KEY.get(clean.lower())


def parse_submission(raw_sheets: Iterable[RawSheet]) -> ParsedSubmission:
    """Reads every sheet, then checks keys and references across sheets."""
    sheets = list(raw_sheets)
    check = SubmissionCheck([raw.name for raw in sheets])
    records: dict[str, SheetRecords] = {}
    for slot, raw in enumerate(sheets):
        spec = check.specs[slot]
        if spec is None:
            continue
        stored = records[spec.key] = SheetRecords((*spec.keys, "source_row"), [])
        for chunk in check.check_sheet(slot, raw.rows):
            stored.rows.extend(zip(*chunk.columns, strict=True))
    parsed = check.finish()
    parsed.records = records
    return parsed


class SubmissionCheck:
    """Checks a submission sheet by sheet, in any order, and yields the rows it can store.

    Made with the names of all sheets as submitted; `specs` then tells which to check (None
    for a sheet that is not part of the contract, or that repeats one). `check_sheet` yields
    the sheet's storable rows chunk by chunk; `finish` runs the checks across sheets and
    returns every problem and note. Rows yielded are final only if `finish` finds no problem.
    """

    def __init__(self, names: Sequence[str]) -> None:
        self.specs: list[SheetSpec | None] = []
        #: sheet key -> rows that can be stored so far, for every sheet to check (submitted order)
        self.counts: dict[str, int] = {}
        self._problems: list[list[Problem]] = [[] for _ in names]
        self._notes: list[list[Note]] = [[] for _ in names]
        self._columns: dict[str, dict[str, tuple[str, str]]] = {}
        self._kept: dict[str, dict[str, Any]] = {}
        self._current: _SheetCheck | None = None
        seen: dict[str, str] = {}
        for slot, name in enumerate(names):
            spec = sheet_spec_for(name)
            if spec is None:
                self._notes[slot].append(
                    Note(name, None, None, None, "不是数据约定中的工作表，已忽略")
                )
            elif spec.key in seen:
                self._problems[slot].append(
                    Problem(name, None, None, None, f"与「{seen[spec.key]}」是同一张表，重复提交")
                )
                spec = None
            else:
                seen[spec.key] = name
                self.counts[spec.key] = 0
            self.specs.append(spec)

    @property
    def has_problems(self) -> bool:
        """Tells whether a problem was found so far (the checks across sheets run at the end)."""
        return any(self._problems) or (self._current is not None and self._current.found)

    def check_sheet(self, slot: int, rows: Iterable[Sequence[Any]]) -> Iterator[SheetChunk]:
        """Checks the sheet in that slot, yielding its storable rows a chunk at a time."""
        spec = self.specs[slot]
        if spec is None:
            raise ValueError(f"sheet {slot} is not one to check")
        sheet = self._current = _SheetCheck(spec, self._problems[slot], self._notes[slot])
        kept_fields = _KEPT_FIELDS[spec.key]
        batch: list[SheetChunk] = []
        batched = 0
        for chunk in sheet.chunks(iter(rows)):
            self.counts[spec.key] += len(chunk)
            kept = self._kept.setdefault(spec.key, _kept_columns(kept_fields))
            for name in kept_fields:
                kept[name].extend(chunk.column(name))
            batch.append(chunk)
            batched += len(chunk)
            # the first rows go at once: whoever stores them can start while more are checked
            if batched >= BATCH_ROWS or self.counts[spec.key] == batched:
                yield _joined(batch)
                batch, batched = [], 0
        if batch:
            yield _joined(batch)
        if sheet.bound is not None:
            self._columns[spec.key] = {
                b.spec.key: (column_letter(b.index), b.header) for b in sheet.bound
            }
            self._kept.setdefault(spec.key, _kept_columns(kept_fields))

    def year(self) -> int | None:
        """The budget year: the one most projects checked so far carry."""
        years = self._kept.get(PROJECTS.key, {}).get("year")
        return Counter(years).most_common(1)[0][0] if years else None

    def finish(self) -> ParsedSubmission:
        """Returns every problem and note, with the checks across sheets run (no records)."""
        parsed = ParsedSubmission(columns=self._columns)
        for problems in self._problems:
            parsed.problems += problems
        for notes in self._notes:
            parsed.notes += notes
        for spec in SHEETS:
            if spec.required and spec.key not in self.counts:
                parsed.problems.append(Problem(spec.name, None, None, None, "缺少必需的工作表"))
        self._check_unique(parsed)
        self._check_references(parsed)
        self._check_single_year(parsed)
        return parsed

    def _check_unique(self, parsed: ParsedSubmission) -> None:
        for key in self.counts:
            spec = SHEETS_BY_KEY[key]
            if not spec.unique or key not in self._columns:
                continue
            kept = self._kept[key]
            values = list(zip(*(kept[k] for k in spec.unique), strict=True))
            if len(set(values)) == len(values):
                continue  # the common case, found without a pass in Python
            first_row: dict[tuple[Any, ...], int] = {}
            for value, row in zip(values, kept["source_row"], strict=True):
                if None in value:
                    continue
                if value not in first_row:
                    first_row[value] = row
                    continue
                labels = "、".join(
                    f"{spec.column(k).header}「{v}」"
                    for k, v in zip(spec.unique, value, strict=True)
                )
                letter, header = self._columns[key][spec.unique[-1]]
                parsed.problems.append(
                    Problem(spec.name, row, letter, header, f"{labels}与第{first_row[value]}行重复")
                )

    def _check_references(self, parsed: ParsedSubmission) -> None:
        for key in self.counts:
            spec = SHEETS_BY_KEY[key]
            for ref in spec.references:
                target_key = SHEETS_BY_NAME[ref.target_sheet].key
                if target_key not in self.counts or ref.column not in self._columns.get(key, {}):
                    continue
                known = set(self._kept.get(target_key, {}).get(ref.target_column, ()))
                known.update(ref.also_allowed)
                column = self._kept[key][ref.column]
                unknown = set(column) - known
                unknown.discard(None)
                if not unknown:
                    continue
                letter, header = self._columns[key][ref.column]
                for value, row in zip(column, self._kept[key]["source_row"], strict=True):
                    if value in unknown:
                        parsed.problems.append(
                            Problem(
                                spec.name,
                                row,
                                letter,
                                header,
                                f"{header}「{value}」在「{ref.target_sheet}」中不存在",
                            )
                        )

    def _check_single_year(self, parsed: ParsedSubmission) -> None:
        year = parsed.year = self.year()
        if year is None:
            return
        kept = self._kept[PROJECTS.key]
        if all(y == year for y in kept["year"]):
            return
        letter, header = self._columns[PROJECTS.key]["year"]
        for value, row in zip(kept["year"], kept["source_row"], strict=True):
            if value != year:
                parsed.problems.append(
                    Problem(
                        PROJECTS.name,
                        row,
                        letter,
                        header,
                        f"年度{value}与本工作簿的预算年度{year}不同：一个工作簿只能装一个预算年度",
                    )
                )


def _joined(chunks: list[SheetChunk]) -> SheetChunk:
    if len(chunks) == 1:
        return chunks[0]
    columns: list[list[Any]] = [[] for _ in chunks[0].columns]
    for chunk in chunks:
        for column, part in zip(columns, chunk.columns, strict=True):
            column += part
    return SheetChunk(chunks[0].key, chunks[0].fields, columns)


def _without(column: list[Any], positions: set[int]) -> list[Any]:
    """The column without the values at those positions, copied a stretch at a time."""
    kept: list[Any] = []
    start = 0
    for pos in sorted(positions):
        kept += column[start:pos]
        start = pos + 1
    kept += column[start:]
    return kept


def _is_blank(cells: Sequence[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


class _SheetCheck:
    """The checks within one sheet; problems and notes go to the lists it is given."""

    def __init__(self, spec: SheetSpec, problems: list[Problem], notes: list[Note]) -> None:
        self.spec = spec
        self.problems = problems
        self.notes = notes
        self.fields = (*spec.keys, "source_row")
        self.bound: list[_BoundColumn] | None = None
        #: a problem was found in the rows checked so far (they are handed over at the end)
        self.found = False

    def chunks(self, rows: Iterator[Sequence[Any]]) -> Iterator[SheetChunk]:
        head = list(islice(rows, HEADER_SEARCH_ROWS))
        located = self._locate_header(head)
        if located is None:
            return
        header_pos, bound = located
        self.bound = bound
        # problems and notes are gathered per column and handed over when the sheet is done,
        # so that they come out column by column as when a sheet was checked in one go
        cell_problems: list[list[Problem]] = [[] for _ in bound]
        key_problems: list[list[Problem]] = [[] for _ in bound]
        choice_notes: list[list[Note]] = [[] for _ in bound]
        first_row = header_pos + 2
        pending = head[header_pos + 1 :]
        del head
        while True:
            body, pending = pending[:CHUNK_ROWS], pending[CHUNK_ROWS:]
            body += islice(rows, CHUNK_ROWS - len(body))
            if not body:
                break
            chunk = self._check_chunk(
                body, first_row, bound, cell_problems, key_problems, choice_notes
            )
            first_row += len(body)
            del body
            if chunk is not None:
                yield chunk
        for found in (*cell_problems, *key_problems):
            self.problems += found
        for noted in choice_notes:
            self.notes += noted

    def _check_chunk(
        self,
        body: list[Sequence[Any]],
        first_row: int,
        bound: list[_BoundColumn],
        cell_problems: list[list[Problem]],
        key_problems: list[list[Problem]],
        choice_notes: list[list[Note]],
    ) -> SheetChunk | None:
        spec = self.spec
        size = len(body)
        rejected: set[int] = set()
        values: dict[str, list[Any]] = {}
        cells: list[tuple[Any, ...]] = []
        if bound:
            width = max(b.index for b in bound) + 1
            if min(map(len, body)) < width:
                # short rows (a blank CSV line, a row cut short) read as empty cells
                for pos in compress(range(size), map(width.__gt__, map(len, body))):
                    body[pos] = [*body[pos], *[""] * (width - len(body[pos]))]
            # one transposition in C instead of a pass in Python per column; cells past the
            # shortest row (past the last bound column) are cut off
            cells = list(zip(*body, strict=False))
        for n, col in enumerate(bound):
            column, errors = col.read(cells[col.index])
            letter = column_letter(col.index)
            for pos, reason in errors:
                reason = "无法读取，请检查该单元格" if col.spec.sensitive else reason
                cell_problems[n].append(
                    Problem(spec.name, first_row + pos, letter, col.header, reason)
                )
                rejected.add(pos)
                self.found = True
            values[col.spec.key] = column
            if col.spec.choices:
                self._note_unlisted_choices(col, column, first_row, choice_notes[n])
        for n, col in enumerate(bound):
            if not col.spec.row_key or None not in values[col.spec.key]:
                continue
            for pos, value in enumerate(values[col.spec.key]):
                if value is None and pos not in rejected:
                    rejected.add(pos)
                    if not _is_blank(body[pos]):  # a blank row between data rows is skipped
                        self.found = True
                        key_problems[n].append(
                            Problem(
                                spec.name,
                                first_row + pos,
                                column_letter(col.index),
                                col.header,
                                f"「{col.header}」为空，该行无法保存",
                            )
                        )
        if len(rejected) == size:
            return None
        empty = [None] * size
        columns = [values.get(key, empty) for key in spec.keys]
        columns.append(list(range(first_row, first_row + size)))
        if rejected:
            columns = [_without(column, rejected) for column in columns]
        return SheetChunk(spec.key, self.fields, columns)

    def _note_unlisted_choices(
        self, col: _BoundColumn, column: list[Any], first_row: int, notes: list[Note]
    ) -> None:
        unlisted = set(column).difference(col.spec.choices)
        unlisted.discard(None)
        if not unlisted:
            return
        listed = "、".join(col.spec.choices)
        letter = column_letter(col.index)
        for pos, value in enumerate(column):
            if value in unlisted:
                notes.append(
                    Note(
                        self.spec.name,
                        first_row + pos,
                        letter,
                        col.header,
                        f"「{value}」不在约定取值（{listed}）中，已按原样保存",
                    )
                )

    def _locate_header(self, head: list[Sequence[Any]]) -> tuple[int, list[_BoundColumn]] | None:
        spec = self.spec
        index = _HEADER_INDEX[spec.key]
        wanted = min(2, len(spec.columns))
        for pos, cells in enumerate(head):
            matches = sum(normalise_header(c)[0] in index for c in cells if c not in (None, ""))
            if matches >= wanted:
                return pos, self._bind_columns(pos + 1, cells)
        self.problems.append(
            Problem(
                spec.name,
                None,
                None,
                None,
                f"前{HEADER_SEARCH_ROWS}行中找不到表头行（应含「{spec.columns[0].header}」等列名）",
            )
        )
        return None

    def _bind_columns(self, row_no: int, cells: Sequence[Any]) -> list[_BoundColumn]:
        spec = self.spec
        index = _HEADER_INDEX[spec.key]
        bound: dict[str, _BoundColumn] = {}
        for i, cell in enumerate(cells):
            if cell in (None, ""):
                continue
            name, factor = normalise_header(cell)
            col = index.get(name)
            header = str(cell).strip()
            if col is None:
                self.notes.append(
                    Note(spec.name, row_no, column_letter(i), header, "未知的列，已忽略")
                )
                continue
            if col.key in bound:
                self.problems.append(
                    Problem(
                        spec.name, row_no, column_letter(i), header, f"列「{col.header}」出现了两次"
                    )
                )
                continue
            if factor != 1 and col.type is not ColumnType.MONEY:
                self.problems.append(
                    Problem(spec.name, row_no, column_letter(i), header, "只有金额列可以标注万元")
                )
            bound[col.key] = _BoundColumn(i, col, header, column_reader(col.type, factor))
        for col in spec.columns:
            if col.required and col.key not in bound:
                self.problems.append(
                    Problem(spec.name, row_no, None, col.header, f"缺少必需的列「{col.header}」")
                )
        return list(bound.values())
