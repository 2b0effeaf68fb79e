"""Child interpreters that talk in framed pickles over their standard streams.

A plain child interpreter (`python -c`), not multiprocessing: that would run the caller's
main module again in the child, which breaks any script that calls Lingji at top level. A
child writes frames (8-byte length, then a pickled message) to its stdout; its parent writes
to its stdin.
"""

from __future__ import annotations

import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import traceback
from pathlib import Path
from typing import IO

_FRAME = struct.Struct("<Q")
#: the folder holding the lingji package, so that a child imports this very code
_SOURCE = str(Path(__file__).resolve().parents[2])
# the child imports this very package: its folder comes first unless it is on the path anyway
_FIND_PACKAGE = "import sys\nif sys.argv[1] not in sys.path: sys.path.insert(0, sys.argv[1])\n"


def can_spawn() -> bool:
    """A child would help: a second processor, and a child interpreter that can be started
    (not in a frozen app or an embedded Python)."""
    return (os.cpu_count() or 1) > 1 and bool(sys.executable) and not getattr(sys, "frozen", False)


def child_program(call: str) -> str:
    """The program a child runs: finds this package, then `call`, which reads its own
    arguments from sys.argv[2:]."""
    return _FIND_PACKAGE + call


def start_child(program: str, *args: str) -> subprocess.Popen[bytes]:
    """Starts a child interpreter running `program` (see child_program) with piped stdin and
    stdout."""
    return subprocess.Popen(
        [sys.executable, "-c", program, _SOURCE, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )


def own_stdout() -> IO[bytes]:
    """In a child: takes stdout over for frames; whatever else gets printed goes to stderr."""
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return channel


def read_frame(stream: IO[bytes]) -> bytes | None:
    header = stream.read(_FRAME.size)
    if len(header) < _FRAME.size:
        return None
    return stream.read(_FRAME.unpack(header)[0])


def write_frame(stream: IO[bytes], payload: bytes) -> None:
    stream.write(_FRAME.pack(len(payload)))
    stream.write(payload)
    stream.flush()


def listen_for_stop(stopped: threading.Event) -> None:
    """In a child: sets `stopped` on the parent's stop byte; ends the child when the parent
    closes its stdin."""
    if sys.stdin.buffer.read(1):
        stopped.set()
        sys.stdin.buffer.read()
    os._exit(0)  # the parent has everything it wants, or has gone


def send_all(stream: IO[bytes], outbox: queue.Queue[bytes | None]) -> None:
    """Writes what comes into the outbox as frames, until None; then closes the stream."""
    try:
        while (payload := outbox.get()) is not None:
            write_frame(stream, payload)
        stream.close()
    except OSError:  # the reading side has gone
        os._exit(1)


def portable(error: BaseException) -> BaseException:
    """The error itself if it survives pickling, else a RuntimeError with its traceback."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001
        return RuntimeError("".join(traceback.format_exception(error)))
    return error
