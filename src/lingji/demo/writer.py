"""Writing the county: one xlsx workbook (xlsxwriter) or one UTF-8 CSV per sheet.

Blocks are generated independently; for CSV they are rendered to text in worker processes
and appended in block order, so the files are the same whatever the number of workers.
Row numbers in the answer key are 1-based sheet rows (a CSV record counts as one row, even
when a quoted cell holds line breaks), the same in both formats.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal

from lingji.demo.catalog import COUNTY
from lingji.demo.county import block_rng, build_block, clean_project_codes
from lingji.demo.messiness import TITLES, Mess, messify
from lingji.demo.model import BUDGET_YEAR, ZERO
from lingji.demo.rows import SHEET_ORDER, WAN_YUAN_HEADER, block_rows, headers, library_rows

MESS_SALT = 7919


@dataclass(slots=True)
class BlockOutput:
    """What one block contributes: rows (xlsx) or CSV text, plus its part of the answer key."""

    rows: dict[str, list[list | None]]
    texts: dict[str, str]
    #: sheet rows per sheet, blank rows included
    row_counts: dict[str, int]
    messes: list[Mess]
    planted: list[dict[str, object]]
    clean_codes: list[str]
    problem_units: list[str]
    requested: Decimal


def _render_csv(rows: list[list | None]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(row if row is not None else () for row in rows)
    return buffer.getvalue()


def render_block(seed: int, index: int, *, as_text: bool) -> BlockOutput:
    block = build_block(seed, index)
    rows: dict[str, list[list | None]] = dict(block_rows(block))
    if index == 0:
        rows.update(library_rows())
    mess_rng = block_rng(seed + MESS_SALT, index)
    messes: list[Mess] = []
    for sheet in SHEET_ORDER:
        rows[sheet], sheet_messes = messify(sheet, rows[sheet], mess_rng)
        messes += sheet_messes
    texts = {sheet: _render_csv(r) for sheet, r in rows.items()} if as_text else {}
    return BlockOutput(
        rows={} if as_text else rows,
        texts=texts,
        row_counts={sheet: len(r) for sheet, r in rows.items()},
        messes=messes,
        planted=[p.as_json() for p in block.plants],
        clean_codes=clean_project_codes(block),
        problem_units=[u.code for u in block.units if u.problem],
        requested=sum((p.requested for p in block.projects), ZERO),
    )


def _csv_block(args: tuple[int, int]) -> BlockOutput:
    seed, index = args
    return render_block(seed, index, as_text=True)


def iter_blocks(seed: int, scale: int, *, as_text: bool) -> Iterator[BlockOutput]:
    """Blocks in order; CSV blocks are rendered in parallel when there is more than a handful."""
    if not as_text or scale < 4:
        for index in range(scale):
            yield render_block(seed, index, as_text=as_text)
        return
    workers = max(1, min(os.cpu_count() or 1, 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_csv_block, [(seed, i) for i in range(scale)], chunksize=2)


@dataclass(slots=True)
class SheetState:
    """Where the next row of a sheet goes, and how many data rows it holds."""

    next_row: int
    data_rows: int = 0
    messes: list[dict[str, object]] = field(default_factory=list)

    def record(self, output: BlockOutput, sheet: str, physical_rows: int, data_rows: int) -> None:
        self.messes += [
            m.as_json(self.next_row + m.index) for m in output.messes if m.sheet == sheet
        ]
        self.next_row += physical_rows
        self.data_rows += data_rows


def _title(sheet: str) -> str | None:
    template = TITLES.get(sheet)
    return template.format(county=COUNTY, year=BUDGET_YEAR) if template else None


def sheet_level_messes() -> list[dict[str, object]]:
    """Title rows and the 万元 header: one record per sheet, not per block."""
    out: list[dict[str, object]] = [
        {
            "sheet": s,
            "row": 1,
            "column": None,
            "kind": "title_row",
            "raw": _title(s),
            "expected": None,
            "xlsx_cell": "merged",
        }
        for s in SHEET_ORDER
        if s in TITLES
    ]
    out.append(
        {
            "sheet": "项目",
            "row": 2 if "项目" in TITLES else 1,
            "column": WAN_YUAN_HEADER,
            "kind": "wan_yuan_header",
            "raw": WAN_YUAN_HEADER,
            "expected": "申报金额（元）= 单元格值 × 10000",
            "xlsx_cell": "text",
        }
    )
    return out


class CsvSheets:
    def __init__(self, folder: os.PathLike[str]) -> None:
        self.files = {
            s: open(os.path.join(folder, f"{s}.csv"), "w", encoding="utf-8", newline="")
            for s in SHEET_ORDER
        }
        self.states: dict[str, SheetState] = {}
        for sheet, handle in self.files.items():
            title = _title(sheet)
            if title:
                handle.write(_render_csv([[title]]))
            handle.write(_render_csv([headers(sheet)]))
            self.states[sheet] = SheetState(next_row=3 if title else 2)

    def add(self, output: BlockOutput) -> None:
        for sheet, text in output.texts.items():
            self.files[sheet].write(text)
            physical = output.row_counts[sheet]
            blanks = sum(1 for m in output.messes if m.sheet == sheet and m.kind == "blank_row")
            self.states[sheet].record(output, sheet, physical, physical - blanks)

    def append_row(self, sheet: str, row: list) -> None:
        self.files[sheet].write(_render_csv([row]))
        self.states[sheet].next_row += 1
        self.states[sheet].data_rows += 1

    def close(self) -> None:
        for handle in self.files.values():
            handle.close()


class XlsxSheets:
    def __init__(self, path: os.PathLike[str]) -> None:
        import xlsxwriter  # the CSV path must not need it

        self.book = xlsxwriter.Workbook(
            os.fspath(path), {"constant_memory": True, "strings_to_numbers": False}
        )
        self.date_format = self.book.add_format({"num_format": "yyyy-mm-dd"})
        title_format = self.book.add_format({"bold": True, "font_size": 14, "align": "center"})
        header_format = self.book.add_format({"bold": True, "bg_color": "#DDEBF7"})
        self.sheets = {}
        self.states: dict[str, SheetState] = {}
        for sheet in SHEET_ORDER:
            ws = self.book.add_worksheet(sheet)
            title = _title(sheet)
            columns = headers(sheet)
            row = 0
            if title:
                ws.merge_range(0, 0, 0, len(columns) - 1, title, title_format)
                row = 1
            ws.write_row(row, 0, columns, header_format)
            self.sheets[sheet] = ws
            self.states[sheet] = SheetState(next_row=row + 2)

    def _write(self, sheet: str, row_number: int, row: list | None) -> None:
        if row is None:
            return
        ws = self.sheets[sheet]
        r = row_number - 1
        for c, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                ws.write_string(r, c, value)
            elif isinstance(value, dt.date):
                ws.write_datetime(
                    r, c, dt.datetime(value.year, value.month, value.day), self.date_format
                )
            else:
                ws.write_number(r, c, float(value))

    def add(self, output: BlockOutput) -> None:
        for sheet, rows in output.rows.items():
            state = self.states[sheet]
            for i, row in enumerate(rows):
                self._write(sheet, state.next_row + i, row)
            state.record(output, sheet, len(rows), sum(1 for r in rows if r is not None))

    def append_row(self, sheet: str, row: list) -> None:
        state = self.states[sheet]
        self._write(sheet, state.next_row, row)
        state.next_row += 1
        state.data_rows += 1

    def close(self) -> None:
        self.book.close()
