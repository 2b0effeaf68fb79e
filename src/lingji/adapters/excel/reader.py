"""Reads a submission from disk: an Excel workbook (python-calamine) or a folder of CSVs."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from python_calamine import CalamineWorkbook

from lingji.exceptions import SubmissionNotFound
from lingji.intake.parse import RawSheet

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


def read_submission(path: Path) -> Iterator[RawSheet]:
    """Yields every sheet of a workbook, or every CSV file of a folder, as raw rows.

    Sheets are read one at a time, so that a large round never holds all its raw cells at once.
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


def read_workbook(path: Path) -> Iterator[RawSheet]:
    workbook = CalamineWorkbook.from_path(str(path))
    for name in workbook.sheet_names:
        # skip_empty_area=False keeps row numbers equal to the ones Excel shows
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        yield RawSheet(name, list(enumerate(rows, start=1)))


def read_csv_folder(folder: Path) -> Iterator[RawSheet]:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
    if not files:
        raise SubmissionNotFound(f"文件夹 {folder} 中没有 CSV 文件")
    for file in files:
        yield RawSheet(file.stem, _read_csv(file))


def _read_csv(path: Path) -> list[tuple[int, list[str]]]:
    # Excel on Chinese Windows saves CSV as GBK; files from other tools are UTF-8 (with BOM or not)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            with path.open(encoding=encoding, newline="") as handle:
                return [(i, row) for i, row in enumerate(csv.reader(handle), start=1)]
        except UnicodeDecodeError:
            continue
    raise SubmissionNotFound(f"{path.name} 既不是 UTF-8 也不是 GBK 编码，无法读取")
