"""Importing a budget round: read and check everything, store it in one transaction.

A round can hold 100,000 projects and a million detail lines, so the import is a pipeline:
one side reads a sheet a chunk at a time, checks it, seals personal data and converts the
rows to what the database stores (`_prepare`); the other stores each chunk as it comes, in
one transaction that is committed only when every sheet has been checked and nothing was
found (`_store`). A problem found late rolls the whole transaction back, so a rejected
import still leaves the database exactly as it was.

The checking side is services/import_checking.py. A large submission runs it in a worker
process, and the encryption of personnel in one more (services/import_workers.py), so that
reading, checking and sealing use the second core while this process writes the database.
They talk in plain messages (tuples of strings, numbers, bytes and lists) pickled over pipes;
clear personal data never reaches the writing process. A small submission runs both sides in
this process: starting processes costs more than it saves.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from lingji.adapters.db import rounds
from lingji.adapters.excel.reader import read_submission
from lingji.adapters.pipes import can_spawn
from lingji.domain import contract
from lingji.exceptions import RoundExists, SubmissionRejected
from lingji.intake.parse import parse_submission
from lingji.intake.problems import Note, Problem
from lingji.intake.sheets import ParsedSubmission
from lingji.services import import_checking, import_workers
from lingji.services.collector import collector_paused
from lingji.services.import_checking import CheckOutcome

#: called as progress(stage, done, total) while rows are stored (total 0: not known yet)
Progress = Callable[[str, int, int], None]

#: submissions at least this large on disk are checked in a worker process
PARALLEL_MIN_BYTES = 8 << 20


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
    #: seconds spent reading and checking rows, sealing personal data and writing the
    #: database, and the whole import; the first three overlap when a worker checks
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
    parallel: bool | None = None,
) -> ImportResult:
    """Imports a workbook or CSV folder as a budget round; a rejected one changes nothing.

    parallel: check in a worker process (True), in this process (False), or decide by the
    size of the submission (None).
    """
    if parallel is None:
        parallel = _size(path) >= PARALLEL_MIN_BYTES and can_spawn()
    started = time.perf_counter()
    if progress:
        progress("读取并逐行校验", 0, 0)
    with collector_paused():
        if parallel:
            with import_workers.worker(path, key_file) as (messages, stop):
                result = _store(engine, path, region, replace, messages, stop, progress)
        else:
            stopped = threading.Event()
            messages = import_checking.prepare(path, key_file, stopped.is_set)
            result = _store(engine, path, region, replace, messages, stopped.set, progress)
    result.timings["total"] = time.perf_counter() - started
    return result


def _store(
    engine: Engine,
    path: Path,
    region: str,
    replace: bool,
    messages: Iterator[tuple[Any, ...]],
    stop: Callable[[], None],
    progress: Progress | None,
) -> ImportResult:
    """Stores what `import_checking.prepare` sends in one transaction, committed only if all is well."""
    write = 0.0
    # hashing releases the interpreter: it runs on while the first sheet is checked
    fingerprint = _in_background(_fingerprint, path)
    conn: Connection | None = None
    round_id: int | None = None
    existing = None
    exists = False
    begun_year: int | None = None
    done = 0
    try:
        for message in messages:
            kind = message[0]
            if kind == "rows" and round_id is not None:
                _, key, names, columns = message
                started = time.perf_counter()
                assert conn is not None
                rounds.insert_columns(
                    conn, sheet_key=key, round_id=round_id, names=names, columns=columns
                )
                write += time.perf_counter() - started
                done += len(columns[0])
                if progress:
                    progress(f"写入数据库：{contract.SHEETS_BY_KEY[key].name}", done, 0)
            elif kind == "begin":
                _, begun_year, present = message
                year = begun_year
                source_sha256 = fingerprint()
                started = time.perf_counter()
                conn = engine.connect()
                conn.begin()
                existing = rounds.find_round(conn, year=year, region=region)
                if existing and not replace:
                    exists = True
                    stop()  # the round is refused: rows need no more preparing
                else:
                    if existing:
                        rounds.delete_round(conn, existing.id)
                    round_id = rounds.insert_round(
                        conn,
                        year=year,
                        region=region,
                        source_name=path.name,
                        source_sha256=source_sha256,
                        sheets_present=present,
                    )
                write += time.perf_counter() - started
            elif kind == "abandon" and conn is not None:
                conn.rollback()  # free the database at once; the outcome still follows
                round_id = None
            elif kind == "failed":
                raise message[1]
            elif kind == "end":
                outcome: CheckOutcome = message[1]
                break
        else:
            raise RuntimeError("the checking side ended without an outcome")
        if outcome.problems:
            raise SubmissionRejected(outcome.problems)
        if outcome.year is None:
            raise SubmissionRejected(
                [Problem(contract.PROJECTS.name, None, None, None, "没有任何项目行")]
            )
        if outcome.key_error is not None:
            raise outcome.key_error
        if exists:
            raise RoundExists(
                f"{region} {outcome.year} 年度的预算轮次已经导入过；如要整体替换，请加 --replace"
            )
        assert conn is not None and round_id is not None
        if outcome.year != begun_year:  # cannot be: rows of other years are problems
            raise RuntimeError(f"round stored as {begun_year}, checked as {outcome.year}")
        started = time.perf_counter()
        rounds.insert_notes(conn, round_id=round_id, notes=outcome.notes)
        conn.commit()
        write += time.perf_counter() - started
    finally:
        if conn is not None:
            conn.close()  # rolls back whatever was not committed
    return ImportResult(
        round_id=round_id,
        year=outcome.year,
        region=region,
        replaced=existing is not None,
        counts=outcome.counts,
        requested_total=outcome.requested_total,
        notes=outcome.notes,
        timings={
            "read_and_check": outcome.timings.get("read_and_check", 0.0),
            "seal": outcome.timings.get("seal", 0.0),
            "write": write,
        },
    )


# --- helpers -------------------------------------------------------------------------------


def _in_background(work: Callable[[Path], str], path: Path) -> Callable[[], str]:
    """Starts work(path) in a thread; the function returned waits for its result."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(work(path))
        except BaseException as error:  # noqa: BLE001 - raised where the result is needed
            outcome.append(error)

    thread = threading.Thread(target=run, name="lingji-fingerprint", daemon=True)
    thread.start()

    def result() -> str:
        thread.join()
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        return str(outcome[0])

    return result


def _size(path: Path) -> int:
    try:
        if path.is_dir():
            return sum(p.stat().st_size for p in path.iterdir() if p.is_file())
        return path.stat().st_size
    except OSError:
        return 0  # reading will report it


def _fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode())
        with file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()
