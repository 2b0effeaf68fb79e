"""Importing a budget round: read and check everything, store it in one transaction.

A round can hold 100,000 projects and a million detail lines, so the import is a pipeline:
one side reads a sheet a chunk at a time, checks it, seals personal data and converts the
rows to what the database stores (`_prepare`); the other stores each chunk as it comes, in
one transaction that is committed only when every sheet has been checked and nothing was
found (`_store`). A problem found late rolls the whole transaction back, so a rejected
import still leaves the database exactly as it was.

A large submission runs the first side in a worker process, and the encryption of personnel
in one more, so that reading, checking and sealing use the second core while this process
writes the database. They talk in plain messages (tuples of strings, numbers, bytes and
lists) pickled over pipes; clear personal data never reaches the writing process. A small
submission runs both sides in this process: starting processes costs more than it saves.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Connection, Engine

from lingji.adapters.crypto import KeyRing, load_key_file
from lingji.adapters.db import rounds
from lingji.adapters.excel.reader import read_submission
from lingji.domain import contract
from lingji.exceptions import (
    KeyFileInvalid,
    KeyFileMissing,
    LingjiError,
    RoundExists,
    SubmissionRejected,
)
from lingji.intake.parse import ParsedSubmission, SubmissionCheck, parse_submission
from lingji.intake.problems import Note, Problem

#: called as progress(stage, done, total) while rows are stored (total 0: not known yet)
Progress = Callable[[str, int, int], None]

#: submissions at least this large on disk are checked in a worker process
PARALLEL_MIN_BYTES = 8 << 20
#: prepared chunks the worker may run ahead of the writer: it evens out sheets that are slow
#: to check (personnel, sealed value by value) and sheets that are slow to write
AHEAD_CHUNKS = 24

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
        parallel = _size(path) >= PARALLEL_MIN_BYTES and _can_spawn()
    started = time.perf_counter()
    if progress:
        progress("读取并逐行校验", 0, 0)
    with _collector_paused():
        if parallel:
            with _worker(path, key_file) as (messages, stop):
                result = _store(engine, path, region, replace, messages, stop, progress)
        else:
            stopped = threading.Event()
            messages = _prepare(path, key_file, stopped.is_set)
            result = _store(engine, path, region, replace, messages, stopped.set, progress)
    result.timings["total"] = time.perf_counter() - started
    return result


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


# --- the messages from the checking side to the storing side ---------------------------------
#
#   ("begin", year, sheet keys)       the first projects are checked: rows may be stored
#   ("rows", sheet key, names, columns)  a chunk of rows in storage form (see rounds)
#   ("abandon",)                      a problem was found: nothing more will be stored
#   ("end", _Outcome)                 every sheet is checked
#   ("failed", exception)             reading failed (the exception is raised here)


@dataclass(slots=True)
class _Outcome:
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


def _prepare(
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
                    yield _sealed(chunk.fields, columns, keys)
        if key == contract.PROJECTS.key and not begun:
            storing = False  # no project rows: rejected at the end
    with clock("read_and_check"):
        parsed = check.finish()
    yield (
        "end",
        _Outcome(
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


def _sealed(fields: tuple[str, ...], columns: list[Any], keys: KeyRing) -> tuple[Any, ...]:
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


def _store(
    engine: Engine,
    path: Path,
    region: str,
    replace: bool,
    messages: Iterator[tuple[Any, ...]],
    stop: Callable[[], None],
    progress: Progress | None,
) -> ImportResult:
    """Stores what `_prepare` sends in one transaction, committed only if all is well."""
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
                outcome: _Outcome = message[1]
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


# --- the worker process ------------------------------------------------------------------
#
# A plain child interpreter, not multiprocessing: that would run the caller's main module
# again in the child, which breaks any script that calls import_submission at top level.
# The child writes framed pickles (8-byte length, then the message) to its stdout; the
# parent writes one byte to its stdin to say stop, and closes it when done.

# the child imports this very package: its folder comes first unless it is on the path anyway
_FIND_PACKAGE = "import sys\nif sys.argv[1] not in sys.path: sys.path.insert(0, sys.argv[1])\n"
_WORKER = _FIND_PACKAGE + (
    "from lingji.services.importing import _work; _work(sys.argv[2], sys.argv[3])"
)
_SEALER = _FIND_PACKAGE + (
    "from lingji.services.importing import _seal_work; _seal_work(sys.argv[2])"
)
#: the folder holding this package, so that a worker imports this very code
_SOURCE = str(Path(__file__).resolve().parents[2])
_FRAME = struct.Struct("<Q")


def _can_spawn() -> bool:
    """A worker would help: a second processor, and a child interpreter that can be started
    (not in a frozen app or an embedded Python)."""
    return (os.cpu_count() or 1) > 1 and bool(sys.executable) and not getattr(sys, "frozen", False)


@contextmanager
def _worker(
    path: Path, key_file: Path
) -> Iterator[tuple[Iterator[tuple[Any, ...]], Callable[[], None]]]:
    """Runs `_prepare` in a worker process; yields its messages and a way to say stop."""
    process = subprocess.Popen(
        [sys.executable, "-c", _WORKER, _SOURCE, str(path), str(key_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    stdin, stdout = process.stdin, process.stdout
    finished = False

    def messages() -> Iterator[tuple[Any, ...]]:
        nonlocal finished
        while True:
            payload = _read_frame(stdout)
            if payload is None:
                raise RuntimeError(f"导入的校验进程意外退出（退出码 {process.wait()}）")
            message = pickle.loads(payload)
            finished = message[0] in ("end", "failed")
            yield message
            if finished:
                return

    def stop() -> None:
        with suppress(OSError):  # a worker that has died is reported by messages()
            stdin.write(b"s")
            stdin.flush()

    try:
        yield messages(), stop
    finally:
        if not finished:  # left early (an error while storing): its work is of no use
            process.kill()
        with suppress(OSError):
            stdin.close()  # the worker ends when it sees this
        stdout.close()
        process.wait()


def _work(path: str, key_file: str) -> None:
    """The worker process: sends `_prepare`'s messages through its stdout."""
    gc.disable()  # see _collector_paused
    channel = _own_stdout()
    stopped = threading.Event()
    threading.Thread(target=_listen, args=(stopped,), daemon=True).start()
    # pickled messages wait here while the writer is busy; a thread sends them, so that
    # checking goes on meanwhile (it waits on the pipe without holding the interpreter)
    outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=AHEAD_CHUNKS)
    sender = threading.Thread(target=_send_all, args=(channel, outbox), daemon=True)
    sender.start()

    def send(message: tuple[Any, ...]) -> None:
        outbox.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    sealer = _Sealer(Path(key_file))
    try:
        for message in _prepare(Path(path), Path(key_file), stopped.is_set, sealer.submit):
            if message[0] == "end":
                for sealed in sealer.ready(wait=True):
                    send(sealed)
                message[1].timings["seal"] = sealer.seconds
            send(message)
            for sealed in sealer.ready(wait=False):
                send(sealed)
    except BaseException as error:  # noqa: BLE001 - every failure is reported to the writer
        send(("failed", _portable(error)))
    sealer.close()
    outbox.put(None)
    sender.join()
    os._exit(0)  # at once: the listening thread still waits on stdin


class _Sealer:
    """Seals personnel in a process of its own, so that checking goes on meanwhile.

    Started at the first chunk. Chunks go to it and their "rows" messages come back in
    order, through pipes of this worker: the clear values never reach the writer.
    """

    def __init__(self, key_file: Path) -> None:
        self._key_file = key_file
        self._process: subprocess.Popen[bytes] | None = None
        self._inbox: queue.Queue[bytes | None] = queue.Queue()
        self._done: queue.Queue[tuple[tuple[Any, ...], float] | BaseException] = queue.Queue()
        self._pending = 0
        #: seconds the sealing process spent sealing
        self.seconds = 0.0

    def submit(self, fields: tuple[str, ...], columns: list[Any]) -> None:
        if self._process is None:
            self._start()
        self._inbox.put(pickle.dumps((fields, columns), protocol=pickle.HIGHEST_PROTOCOL))
        self._pending += 1

    def ready(self, *, wait: bool) -> Iterator[tuple[Any, ...]]:
        """The sealed chunks' messages in order: those done so far, or all (wait)."""
        while self._pending and (wait or not self._done.empty()):
            outcome = self._done.get()
            self._pending -= 1
            if isinstance(outcome, BaseException):
                raise outcome
            message, seconds = outcome
            self.seconds += seconds
            yield message

    def close(self) -> None:
        if self._process is not None:
            self._inbox.put(None)  # it ends when its input ends
            self._process.wait()

    def _start(self) -> None:
        process = self._process = subprocess.Popen(
            [sys.executable, "-c", _SEALER, _SOURCE, str(self._key_file)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert process.stdin is not None and process.stdout is not None
        threading.Thread(target=_send_all, args=(process.stdin, self._inbox), daemon=True).start()
        threading.Thread(target=self._receive, args=(process.stdout,), daemon=True).start()

    def _receive(self, stream: IO[bytes]) -> None:
        while (payload := _read_frame(stream)) is not None:
            self._done.put(pickle.loads(payload))
        self._done.put(RuntimeError("导入的加密进程意外退出"))


def _seal_work(key_file: str) -> None:
    """The sealing process: seals the chunks that come on stdin, sending each back."""
    gc.disable()
    channel = _own_stdout()
    keys = load_key_file(Path(key_file))
    try:
        while (payload := _read_frame(sys.stdin.buffer)) is not None:
            fields, columns = pickle.loads(payload)
            started = time.perf_counter()
            message = _sealed(fields, columns, keys)
            sealed = (message, time.perf_counter() - started)
            _write_frame(channel, pickle.dumps(sealed, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, KeyboardInterrupt):  # the worker has gone, or the user stopped it all
        pass


def _own_stdout() -> IO[bytes]:
    """Takes stdout over for messages; whatever else gets printed goes to stderr."""
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return channel


def _read_frame(stream: IO[bytes]) -> bytes | None:
    header = stream.read(_FRAME.size)
    if len(header) < _FRAME.size:
        return None
    return stream.read(_FRAME.unpack(header)[0])


def _write_frame(stream: IO[bytes], payload: bytes) -> None:
    stream.write(_FRAME.pack(len(payload)))
    stream.write(payload)
    stream.flush()


def _listen(stopped: threading.Event) -> None:
    """Sets `stopped` on the parent's stop byte; ends the worker when the parent closes."""
    if sys.stdin.buffer.read(1):
        stopped.set()
        sys.stdin.buffer.read()
    os._exit(0)  # the parent has everything it wants, or has gone


def _send_all(stream: IO[bytes], outbox: queue.Queue[bytes | None]) -> None:
    """Writes what comes into the outbox as frames, until None; then closes the stream."""
    try:
        while (payload := outbox.get()) is not None:
            _write_frame(stream, payload)
        stream.close()
    except OSError:  # the reading side has gone
        os._exit(1)


def _portable(error: BaseException) -> BaseException:
    """The error itself if it survives pickling, else a RuntimeError with its traceback."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001
        return RuntimeError("".join(traceback.format_exception(error)))
    return error


# --- helpers -------------------------------------------------------------------------------


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
