"""Importing a budget round: read, check everything, then store it in one transaction."""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine

from lingji.adapters.crypto import KeyRing, load_key_file
from lingji.adapters.db import rounds
from lingji.adapters.excel.reader import read_submission
from lingji.domain import contract
from lingji.exceptions import RoundExists, SubmissionRejected
from lingji.intake.parse import ParsedSubmission, SheetRecords, parse_submission
from lingji.intake.problems import Note, Problem

#: called as progress(stage, done, total) while rows are stored
Progress = Callable[[str, int, int], None]

_SENSITIVE = tuple(c.key for c in contract.PERSONNEL.columns if c.sensitive)


@dataclass(slots=True)
class ImportResult:
    """What an accepted import stored."""

    round_id: int
    year: int
    region: str
    replaced: bool
    counts: dict[str, int]
    #: sum of 申报金额 over the round's projects (empty amounts count as nothing)
    requested_total: Decimal
    notes: list[Note]
    #: seconds spent reading the file, checking rows, and writing the database
    timings: dict[str, float] = field(default_factory=dict)


def check_submission(*, path: Path) -> ParsedSubmission:
    """Reads and checks a submission without storing anything."""
    return parse_submission(read_submission(path))


def import_submission(
    *,
    engine: Engine,
    path: Path,
    region: str,
    key_file: Path,
    replace: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Imports a workbook or CSV folder as a budget round; a rejected one changes nothing."""
    with _collector_paused():
        return _import(
            engine=engine,
            path=path,
            region=region,
            key_file=key_file,
            replace=replace,
            progress=progress,
        )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pauses the cyclic garbage collector while millions of rows are built.

    The rows hold no reference cycles, yet each collection pass walks all of them: with the
    collector running, reading a million detail lines takes about twice as long.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import(
    *,
    engine: Engine,
    path: Path,
    region: str,
    key_file: Path,
    replace: bool,
    progress: Progress | None,
) -> ImportResult:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    if progress:
        progress("读取并逐行校验", 0, 0)
    parsed = parse_submission(read_submission(path))
    timings["read_and_check"] = time.perf_counter() - started
    if parsed.problems:
        raise SubmissionRejected(parsed.problems)
    if parsed.year is None:
        raise SubmissionRejected(
            [Problem(contract.PROJECTS.name, None, None, None, "没有任何项目行")]
        )

    personnel = parsed.records.get(contract.PERSONNEL.key)
    if personnel:
        parsed.records[contract.PERSONNEL.key] = _seal_personnel(personnel, load_key_file(key_file))

    started = time.perf_counter()
    total = sum(len(r) for r in parsed.records.values())
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress("写入数据库", done, total)

    with engine.begin() as conn:
        existing = rounds.find_round(conn, year=parsed.year, region=region)
        if existing and not replace:
            raise RoundExists(
                f"{region} {parsed.year} 年度的预算轮次已经导入过；如要整体替换，请加 --replace"
            )
        if existing:
            rounds.delete_round(conn, existing.id)
        round_id = rounds.insert_round(
            conn,
            year=parsed.year,
            region=region,
            source_name=path.name,
            source_sha256=_fingerprint(path),
            sheets_present=parsed.records.keys(),
        )
        for key, records in parsed.records.items():
            rounds.insert_rows(
                conn, sheet_key=key, round_id=round_id, records=records, on_batch=advance
            )
        rounds.insert_notes(conn, round_id=round_id, notes=parsed.notes)
    timings["write"] = time.perf_counter() - started
    return ImportResult(
        round_id=round_id,
        year=parsed.year,
        region=region,
        replaced=existing is not None,
        counts={key: len(records) for key, records in parsed.records.items()},
        requested_total=sum(
            (a for a in parsed.records[contract.PROJECTS.key].column("requested_amount") if a),
            Decimal(0),
        ),
        notes=parsed.notes,
        timings=timings,
    )


def _seal_personnel(records: SheetRecords, keys: KeyRing) -> SheetRecords:
    """Swaps clear 身份证号 and 姓名 for ciphertext and keyed hash, before anything is written."""
    positions = [records.fields.index(k) for k in _SENSITIVE]
    kept = [i for i in range(len(records.fields)) if i not in positions]
    fields = [records.fields[i] for i in kept]
    for key in _SENSITIVE:
        fields += [f"{key}_enc", f"{key}_hash"]
    rows = []
    for row in records.rows:
        sealed = [row[i] for i in kept]
        for key, position in zip(_SENSITIVE, positions, strict=True):
            value = row[position]
            if key == "id_number" and value is not None:
                value = value.upper()  # the check letter X is written either way
            if value is None:
                sealed += [None, None]
            else:
                sealed += [keys.encrypt(value, field=key), keys.keyed_hash(value, field=key)]
        rows.append(tuple(sealed))
    return SheetRecords(tuple(fields), rows)


def _fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode())
        with file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()
