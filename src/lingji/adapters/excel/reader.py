"""Reads a submission from disk: an Excel workbook (python-calamine) or a folder of CSVs."""

from __future__ import annotations

import csv
from pathlib import Path

from python_calamine import CalamineWorkbook

from lingji.exceptions import SubmissionNotFound
from lingji.intake.parse import RawSheet

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


def read_submission(path: Path) -> list[RawSheet]:
    """Returns every sheet of a workbook, or every CSV file of a folder, as raw rows."""
    if path.is_dir():
        return read_csv_folder(path)
    if path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES:
        return read_workbook(path)
    raise SubmissionNotFound(
        f"找不到可导入的提交文件：{path}（应为 .xlsx 工作簿，或装有各表 CSV 文件的文件夹）"
    )


def read_workbook(path: Path) -> list[RawSheet]:
    workbook = CalamineWorkbook.from_path(str(path))
    sheets = []
    for name in workbook.sheet_names:
        # skip_empty_area=False keeps row numbers equal to the ones Excel shows
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        sheets.append(RawSheet(name, [(i, row) for i, row in enumerate(rows, start=1)]))
    return sheets


def read_csv_folder(folder: Path) -> list[RawSheet]:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv")
    if not files:
        raise SubmissionNotFound(f"文件夹 {folder} 中没有 CSV 文件")
    return [RawSheet(p.stem, _read_csv(p)) for p in files]


def _read_csv(path: Path) -> list[tuple[int, list[str]]]:
    # Excel on Chinese Windows saves CSV as GBK; files from other tools are UTF-8 (with BOM or not)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            with path.open(encoding=encoding, newline="") as handle:
                return [(i, row) for i, row in enumerate(csv.reader(handle), start=1)]
        except UnicodeDecodeError:
            continue
    raise SubmissionNotFound(f"{path.name} 既不是 UTF-8 也不是 GBK 编码，无法读取")
