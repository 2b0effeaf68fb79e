"""The worker processes of a large import: one reads and checks the submission
(import_checking.prepare), one more seals personnel, so that reading, checking and sealing
use the second core while the importing process writes the database. Clear personal data
never reaches the writing process.
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from lingji.adapters.crypto import load_key_file
from lingji.adapters.pipes import (
    child_program,
    listen_for_stop,
    own_stdout,
    portable,
    read_frame,
    send_all,
    start_child,
    write_frame,
)
from lingji.services.import_checking import prepare, sealed_rows

#: prepared chunks the worker may run ahead of the writer: it evens out sheets that are slow
#: to check (personnel, sealed value by value) and sheets that are slow to write
AHEAD_CHUNKS = 24
# The worker writes its messages as frames to its stdout; the importing process writes one
# byte to its stdin to say stop, and closes it when done.
WORKER = child_program(
    "from lingji.services.import_workers import run_worker; run_worker(sys.argv[2], sys.argv[3])"
)
SEALER = child_program(
    "from lingji.services.import_workers import run_sealer; run_sealer(sys.argv[2])"
)


@contextmanager
def worker(
    path: Path, key_file: Path
) -> Iterator[tuple[Iterator[tuple[Any, ...]], Callable[[], None]]]:
    """Runs `prepare` in a worker process; yields its messages and a way to say stop."""
    process = start_child(WORKER, str(path), str(key_file))
    assert process.stdin is not None and process.stdout is not None
    stdin, stdout = process.stdin, process.stdout
    finished = False

    def messages() -> Iterator[tuple[Any, ...]]:
        nonlocal finished
        while True:
            payload = read_frame(stdout)
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


def run_worker(path: str, key_file: str) -> None:
    """The worker process: sends `prepare`'s messages through its stdout."""
    gc.disable()  # see services/collector.py
    channel = own_stdout()
    stopped = threading.Event()
    threading.Thread(target=listen_for_stop, args=(stopped,), daemon=True).start()
    # pickled messages wait here while the writer is busy; a thread sends them, so that
    # checking goes on meanwhile (it waits on the pipe without holding the interpreter)
    outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=AHEAD_CHUNKS)
    sender = threading.Thread(target=send_all, args=(channel, outbox), daemon=True)
    sender.start()

    def send(message: tuple[Any, ...]) -> None:
        outbox.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    sealer = Sealer(Path(key_file))
    try:
        for message in prepare(Path(path), Path(key_file), stopped.is_set, sealer.submit):
            if message[0] == "end":
                for sealed in sealer.ready(wait=True):
                    send(sealed)
                message[1].timings["seal"] = sealer.seconds
            send(message)
            for sealed in sealer.ready(wait=False):
                send(sealed)
    except BaseException as error:  # noqa: BLE001 - every failure is reported to the writer
        send(("failed", portable(error)))
    sealer.close()
    outbox.put(None)
    sender.join()
    os._exit(0)  # at once: the listening thread still waits on stdin


class Sealer:
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
        process = self._process = start_child(SEALER, str(self._key_file))
        assert process.stdin is not None and process.stdout is not None
        threading.Thread(target=send_all, args=(process.stdin, self._inbox), daemon=True).start()
        threading.Thread(target=self._receive, args=(process.stdout,), daemon=True).start()

    def _receive(self, stream: IO[bytes]) -> None:
        while (payload := read_frame(stream)) is not None:
            self._done.put(pickle.loads(payload))
        self._done.put(RuntimeError("导入的加密进程意外退出"))


def run_sealer(key_file: str) -> None:
    """The sealing process: seals the chunks that come on stdin, sending each back."""
    gc.disable()
    channel = own_stdout()
    keys = load_key_file(Path(key_file))
    try:
        while (payload := read_frame(sys.stdin.buffer)) is not None:
            fields, columns = pickle.loads(payload)
            started = time.perf_counter()
            message = sealed_rows(fields, columns, keys)
            sealed = (message, time.perf_counter() - started)
            write_frame(channel, pickle.dumps(sealed, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, KeyboardInterrupt):  # the worker has gone, or the user stopped it all
        pass
