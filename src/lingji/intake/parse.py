"""Raw sheets -> checked records, with every problem found (not only the first).

Pure: the adapters read files into `RawSheet`s (sheets.py); this module decides, with the
checks of each sheet (sheet_check.py), what the cells mean and whether the submission can be
stored. It never touches the database.

A round can hold a million detail lines, so a sheet is checked a chunk of rows at a time
(`SubmissionCheck`), and of the checked rows only the columns that the checks across sheets
need (keys and references) are kept until the end. An importer can store each chunk as soon
as it is checked and drop it; `parse_submission` collects them all instead. Problems and
notes come out in the same order whatever order the sheets are checked in: sheet by sheet as
submitted, then the checks across sheets (unique keys, references, a single budget year).
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from lingji.domain.contract import PROJECTS, SHEETS, SHEETS_BY_KEY, SHEETS_BY_NAME, SheetSpec
from lingji.intake.headers import sheet_spec_for
from lingji.intake.problems import Note, Problem, column_letter
from lingji.intake.sheet_check import SheetCheck
from lingji.intake.sheets import ParsedSubmission, RawSheet, SheetChunk, SheetRecords

#: rows checked at a time: enough to amortise the work per column, few enough that their
#: cells stay in the processor's cache while each column is read
CHUNK_ROWS = 2_000
#: rows handed over at a time: fewer, larger batches cost less to store
BATCH_ROWS = 20_000


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
        self._current: SheetCheck | None = None
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
        sheet = self._current = SheetCheck(
            spec, self._problems[slot], self._notes[slot], chunk_rows=CHUNK_ROWS
        )
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
