"""Importing a budget round: read, check everything, then store it in one transaction."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from lingji.adapters.crypto import KeyRing, load_key_file
from lingji.adapters.db import rounds
from lingji.adapters.excel.reader import read_submission
from lingji.domain import contract
from lingji.exceptions import RoundExists, SubmissionRejected
from lingji.intake.parse import ParsedSubmission, parse_submission
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
    timings: dict[str, float] = {}
    started = time.perf_counter()
    if progress:
        progress("读取文件", 0, 0)
    raw = read_submission(path)
    timings["read"] = time.perf_counter() - started

    started = time.perf_counter()
    if progress:
        progress("逐行校验", 0, 0)
    parsed = parse_submission(raw)
    del raw
    timings["check"] = time.perf_counter() - started
    if parsed.problems:
        raise SubmissionRejected(parsed.problems)
    if parsed.year is None:
        raise SubmissionRejected(
            [Problem(contract.PROJECTS.name, None, None, None, "没有任何项目行")]
        )

    personnel = parsed.records.get(contract.PERSONNEL.key)
    if personnel:
        _seal_personnel(personnel, load_key_file(key_file))

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
                conn, sheet_key=key, round_id=round_id, rows=records, on_batch=advance
            )
        rounds.insert_notes(conn, round_id=round_id, notes=parsed.notes)
    timings["write"] = time.perf_counter() - started
    return ImportResult(
        round_id=round_id,
        year=parsed.year,
        region=region,
        replaced=existing is not None,
        counts={key: len(records) for key, records in parsed.records.items()},
        notes=parsed.notes,
        timings=timings,
    )


def _seal_personnel(records: list[dict[str, Any]], keys: KeyRing) -> None:
    """Replaces clear 身份证号 and 姓名 by ciphertext and keyed hash, before anything is written."""
    for record in records:
        for key in _SENSITIVE:
            value = record.pop(key, None)
            if key == "id_number" and value is not None:
                value = value.upper()  # the check letter X is written either way
            record[f"{key}_enc"] = None if value is None else keys.encrypt(value, field=key)
            record[f"{key}_hash"] = None if value is None else keys.keyed_hash(value, field=key)


def _fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode())
        with file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()
