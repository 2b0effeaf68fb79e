"""The shapes a submission takes on its way through intake, from raw cells to checked records.

Pure: the adapters read files into `RawSheet`s; the checks (parse.py) turn them into
`SheetChunk`s to store as they go, or into one `ParsedSubmission` with every record.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from lingji.intake.problems import Note, Problem


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
