"""Reads a submission from disk: an Excel workbook (python-calamine) or a folder of CSVs."""

from __future__ import annotations

import codecs
import csv
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from lingji.exceptions import SubmissionNotFound
from lingji.intake.sheets import RawSheet

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
#: Excel on Chinese Windows saves CSV as GBK; files from other tools are UTF-8 (with BOM or not)
_CSV_ENCODINGS = ("utf-8-sig", "gb18030")
_BLOCK = 1 << 20


def read_submission(path: Path) -> list[RawSheet]:
    """Returns every sheet of a workbook, or every CSV file of a folder, as raw rows.

    The rows of each sheet are read lazily, when they are walked: a large round never holds
    all its raw cells at once, and a sheet nobody asks for is never read.
    """
    if path.is_dir():
        if not any(p.suffix.lower() == ".csv" for p in path.iterdir()):
            raise SubmissionNotFound(f"文件夹 {path} 中没有 CSV 文件")
        return read_csv_folder(path)
    if path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES:
        return read_workbook(path)
    raise SubmissionNotFound(
        f"找不到可导入的提交文件：{path}（应为 .xlsx 工作簿，或装有各表 CSV 文件的文件夹）"
    )


def read_workbook(path: Path) -> list[RawSheet]:
    workbook = CalamineWorkbook.from_path(str(path))
    lock = threading.Lock()
    return [RawSheet(name, _WorkbookRows(workbook, name, lock)) for name in workbook.sheet_names]


class _WorkbookRows:
    """A workbook sheet's rows, read when first walked (once), or ahead with `prefetch`."""

    def __init__(self, workbook: CalamineWorkbook, name: str, lock: threading.Lock) -> None:
        self._workbook = workbook
        self._name = name
        self._lock = lock  # one sheet read at a time from a workbook
        self._loading: threading.Thread | None = None
        self._loaded: list[list[Any]] | BaseException | None = None

    def prefetch(self) -> None:
        """Starts reading the sheet in a thread: calamine parses without holding the
        interpreter, so the sheet is read while another one is being checked."""
        if self._loading is None and self._loaded is None:
            self._loading = threading.Thread(target=self._load, name=f"read {self._name}")
            self._loading.daemon = True
            self._loading.start()

    def _load(self) -> None:
        try:
            with self._lock:
                # skip_empty_area=False keeps row numbers equal to the ones Excel shows
                sheet = self._workbook.get_sheet_by_name(self._name)
                self._loaded = sheet.to_python(skip_empty_area=False)
        except BaseException as error:  # noqa: BLE001 - raised where the rows are wanted
            self._loaded = error

    def __iter__(self) -> Iterator[list[Any]]:
        if self._loading is not None:
            self._loading.join()
        elif self._loaded is None:
            self._load()
        rows, self._loaded = self._loaded, None
        if isinstance(rows, BaseException):
            raise rows
        assert rows is not None, "the rows of a sheet can be walked once"
        for i in range(len(rows)):
            row, rows[i] = rows[i], None  # let each row go once it has been checked
            yield row


def read_csv_folder(folder: Path) -> list[RawSheet]:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
    if not files:
        raise SubmissionNotFound(f"文件夹 {folder} 中没有 CSV 文件")
    return [RawSheet(file.stem, _csv_rows(file)) for file in files]


def _csv_rows(path: Path) -> Iterator[list[str]]:
    encoding = _csv_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        yield from csv.reader(handle)


def _csv_encoding(path: Path) -> str:
    """Finds the encoding before any row is read, so that rows never come from a wrong guess."""
    for encoding in _CSV_ENCODINGS:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as handle:
                while block := handle.read(_BLOCK):
                    decoder.decode(block)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise SubmissionNotFound(f"{path.name} 既不是 UTF-8 也不是 GBK 编码，无法读取")
