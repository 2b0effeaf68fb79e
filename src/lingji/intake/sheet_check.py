"""The checks within one sheet: its rows -> the chunks of them that can be stored.

The header row is located and its columns bound (headers.py); then the rows below it are
checked a chunk at a time, each chunk a column at a time (see columns.py). A row with a cell
that cannot be read, or with a row key left empty, is reported and left out; a blank row is
skipped without a word. Problems and notes come out column by column, as if the sheet had
been checked in one go.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import compress, islice
from typing import Any

from lingji.domain.contract import SheetSpec
from lingji.intake.headers import HEADER_SEARCH_ROWS, BoundColumn, locate_header
from lingji.intake.problems import Note, Problem, column_letter
from lingji.intake.sheets import SheetChunk


class SheetCheck:
    """The checks within one sheet; problems and notes go to the lists it is given.

    `chunk_rows` rows are checked at a time. `bound` holds the bound columns once the header
    is found; `found` tells whether a problem was found in the rows checked so far.
    """

    def __init__(
        self, spec: SheetSpec, problems: list[Problem], notes: list[Note], *, chunk_rows: int
    ) -> None:
        self.spec = spec
        self.problems = problems
        self.notes = notes
        self.chunk_rows = chunk_rows
        self.fields = (*spec.keys, "source_row")
        self.bound: list[BoundColumn] | None = None
        #: a problem was found in the rows checked so far (they are handed over at the end)
        self.found = False

    def chunks(self, rows: Iterator[Sequence[Any]]) -> Iterator[SheetChunk]:
        """Checks the sheet's rows, yielding the storable ones a chunk at a time."""
        head = list(islice(rows, HEADER_SEARCH_ROWS))
        located = locate_header(self.spec, head, self.problems, self.notes)
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
        chunk_rows = self.chunk_rows
        while True:
            body, pending = pending[:chunk_rows], pending[chunk_rows:]
            body += islice(rows, chunk_rows - len(body))
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
        bound: list[BoundColumn],
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
        self, col: BoundColumn, column: list[Any], first_row: int, notes: list[Note]
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
