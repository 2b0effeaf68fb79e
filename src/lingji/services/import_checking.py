"""The checking side of an import: reads and checks a submission a chunk at a time, seals
personal data and converts rows to what the database stores, as messages for the storing
side (services/importing.py). It runs in this process, or in a worker (import_workers.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from lingji.adapters.crypto import KeyRing, load_key_file
from lingji.adapters.db import rounds
from lingji.adapters.excel.reader import read_submission
from lingji.domain import contract
from lingji.exceptions import KeyFileInvalid, KeyFileMissing, LingjiError
from lingji.intake.parse import SubmissionCheck
from lingji.intake.problems import Note, Problem

_SENSITIVE = tuple(c.key for c in contract.PERSONNEL.columns if c.sensitive)

# --- the messages from the checking side to the storing side ---------------------------------
#
#   ("begin", year, sheet keys)       the first projects are checked: rows may be stored
#   ("rows", sheet key, names, columns)  a chunk of rows in storage form (see rounds)
#   ("abandon",)                      a problem was found: nothing more will be stored
#   ("end", _Outcome)                 every sheet is checked
#   ("failed", exception)             reading failed (the exception is raised here)


@dataclass(slots=True)
class CheckOutcome:
    problems: list[Problem]
    notes: list[Note]
    year: int | None
    counts: dict[str, int]
    requested_total: Decimal
    #: a key file that cannot be used, found when personnel were to be sealed
    key_error: LingjiError | None
    timings: dict[str, float]


#: takes a chunk of personnel (field names, columns in storage form) to seal elsewhere; its
#: "rows" message then comes from there
SealElsewhere = Callable[[tuple[str, ...], list[Any]], None]


def prepare(
    path: Path,
    key_file: Path,
    stopped: Callable[[], bool],
    seal_elsewhere: SealElsewhere | None = None,
) -> Iterator[tuple[Any, ...]]:
    """Reads and checks the submission, yielding the messages above; `stopped` tells that the
    storing side will not store (the round exists), so rows need no more preparing."""
    clock = _Clock()
    with clock("read_and_check"):
        sheets = read_submission(path)
        check = SubmissionCheck([raw.name for raw in sheets])
    # the projects first: their year names the round, which the other rows are stored under
    order = sorted(
        ((slot, spec) for slot, spec in enumerate(check.specs) if spec is not None),
        key=lambda item: _ORDER[item[1].key],
    )
    storing = contract.PROJECTS.key in check.counts
    begun = False
    keys: KeyRing | None = None
    key_error: LingjiError | None = None
    requested_total = Decimal(0)
    for position, (slot, spec) in enumerate(order):
        key = spec.key
        chunks = check.check_sheet(slot, sheets[slot].rows)
        first = True
        while True:
            with clock("read_and_check"):
                chunk = next(chunks, None)
            if first and position + 1 < len(order):
                # a workbook reads its next sheet meanwhile, once this one is read
                prefetch = getattr(sheets[order[position + 1][0]].rows, "prefetch", None)
                if prefetch is not None:
                    prefetch()
                first = False
            if chunk is None:
                break
            if key == contract.PROJECTS.key:
                amounts = chunk.column("requested_amount")
                requested_total += sum((a for a in amounts if a), Decimal(0))
            if key == contract.PERSONNEL.key and keys is None and key_error is None:
                try:
                    keys = load_key_file(key_file)
                except (KeyFileMissing, KeyFileInvalid) as error:
                    key_error = error
            if storing and (check.has_problems or key_error is not None or stopped()):
                storing = False
                if begun:
                    yield ("abandon",)
            if not storing:
                continue
            if not begun:
                # the first projects checked name the year: a round whose projects do not
                # all carry that year is rejected when all are checked, and rolled back
                begun = True
                yield ("begin", chunk.column("year")[0], tuple(check.counts))
            with clock("convert"):
                columns = rounds.storage_columns(key, chunk.fields, chunk.columns)
            if key != contract.PERSONNEL.key:
                yield ("rows", key, chunk.fields, columns)
            elif seal_elsewhere is not None:
                seal_elsewhere(chunk.fields, columns)
            else:
                assert keys is not None
                with clock("seal"):
                    yield sealed_rows(chunk.fields, columns, keys)
        if key == contract.PROJECTS.key and not begun:
            storing = False  # no project rows: rejected at the end
    with clock("read_and_check"):
        parsed = check.finish()
    yield (
        "end",
        CheckOutcome(
            problems=parsed.problems,
            notes=parsed.notes,
            year=parsed.year,
            counts=dict(check.counts),
            requested_total=requested_total,
            key_error=key_error,
            timings=clock.seconds,
        ),
    )


#: the order sheets are checked in: the projects, then the contract's order
_ORDER = {
    spec.key: (spec is not contract.PROJECTS, position)
    for position, spec in enumerate(contract.SHEETS)
}


def sealed_rows(fields: tuple[str, ...], columns: list[Any], keys: KeyRing) -> tuple[Any, ...]:
    """The "rows" message of a personnel chunk, 身份证号 and 姓名 sealed (ciphertext and
    keyed hash) in place of the clear values."""
    names = list(fields)
    columns = list(columns)
    for key in _SENSITIVE:
        i = names.index(key)
        values = columns[i]
        if key == "id_number":  # the check letter X is written either way
            values = [v.upper() if v is not None else None for v in values]
        sealed, hashed = keys.seal(values, field=key)
        del names[i], columns[i]
        names += [f"{key}_enc", f"{key}_hash"]
        columns += [sealed, hashed]
    return ("rows", contract.PERSONNEL.key, tuple(names), columns)


class _Clock:
    """Adds up the seconds spent in named stages."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - started
            self.seconds[stage] = self.seconds.get(stage, 0.0) + elapsed
