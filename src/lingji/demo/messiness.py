"""What real Excel users produce, planted in a minority of cells and recorded for import tests.

Every planted mess keeps the data readable under the contract's "What the importer must
tolerate"; the answer key gives the raw text and the value an importer must read.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from lingji.demo.rows import column_index, headers

EXCEL_EPOCH = dt.date(1899, 12, 30)
#: kinds whose cell an xlsx workbook holds as a number (CSV holds the same text)
NUMERIC_KINDS = frozenset({"code_as_number", "date_serial"})


@dataclass(frozen=True, slots=True)
class Mess:
    sheet: str
    #: index in the block's row list (blank rows included); the writer makes it a sheet row
    index: int
    column: str | None
    kind: str
    raw: str
    expected: str | None

    def as_json(self, row: int) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "row": row,
            "column": self.column,
            "kind": self.kind,
            "raw": self.raw,
            "expected": self.expected,
            "xlsx_cell": "number" if self.kind in NUMERIC_KINDS else "text",
        }


def fullwidth(text: str) -> str:
    """Letters, digits and hyphens as their full-width forms (NFKC folds them back)."""
    return "".join(
        chr(ord(c) + 0xFEE0) if c.isascii() and (c.isalnum() or c == "-") else c for c in text
    )


def fullwidth_digits(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


def _money_text(value: Decimal) -> str:
    return f"{value:,.2f}"


def _transform(kind: str, value: object, rng: random.Random) -> tuple[object, str, str]:
    """(cell value, raw text, expected text) of one messy cell."""
    if kind == "trailing_space":
        raw = f"{value}{rng.choice(('  ', ' ', chr(0x3000)))}"
        return raw, raw, str(value)
    if kind == "fullwidth_code":
        raw = fullwidth(str(value))
        return raw, raw, str(value)
    if kind == "code_as_number":
        number = float(int(str(value)))
        return number, str(number), str(value)
    if kind == "thousands":
        raw = _money_text(value)
        return raw, raw, f"{value:.2f}"
    if kind == "fullwidth_digits":
        raw = fullwidth_digits(_money_text(value))
        return raw, raw, f"{value:.2f}"
    date: dt.date = value  # the remaining kinds are dates
    if kind == "date_serial":
        serial = (date - EXCEL_EPOCH).days
        return serial, str(serial), date.isoformat()
    raw = (
        f"{date.year}/{date.month}/{date.day}"
        if kind == "date_slash"
        else f"{date.year}年{date.month}月{date.day}日"
    )
    return raw, raw, date.isoformat()


def _fits(kind: str, value: object) -> bool:
    if value is None or value == "":
        return False
    if kind == "code_as_number":
        text = str(value)
        return text.isdigit() and not text.startswith("0")
    if kind in ("thousands", "fullwidth_digits"):
        return isinstance(value, Decimal) and value >= 1000
    return True


#: sheet -> (column key, kind, cells per block)
CELL_PLAN: dict[str, tuple[tuple[str, str, int], ...]] = {
    "单位": (("unit_code", "trailing_space", 1),),
    "支出明细": (
        ("econ_code", "code_as_number", 6),
        ("project_code", "trailing_space", 3),
        ("project_code", "fullwidth_code", 2),
        ("amount", "thousands", 4),
        ("unit_price", "thousands", 2),
        ("amount", "fullwidth_digits", 2),
    ),
    "绩效指标": (("project_code", "fullwidth_code", 2),),
    "历史执行": (("budget", "thousands", 3), ("executed", "thousands", 2)),
    "历史明细": (("econ_code", "code_as_number", 4), ("amount", "thousands", 2)),
    "人员": (("unit_code", "code_as_number", 3), ("monthly_pay", "fullwidth_digits", 2)),
    "资产": (
        ("acquired", "date_serial", 3),
        ("acquired", "date_slash", 3),
        ("acquired", "date_chinese", 3),
        ("original_value", "thousands", 3),
        ("unit_code", "code_as_number", 2),
    ),
    "政策文件": (
        ("issued", "date_chinese", 3),
        ("issued", "date_slash", 2),
        ("expires", "date_serial", 1),
    ),
}
BLANK_ROWS = {"支出明细": 2, "历史明细": 2, "人员": 1, "资产": 2}
#: sheets with a merged title row above the header (a title line in CSV)
TITLES = {
    "单位": "{county}预算单位基本信息表",
    "项目": "{county}{year}年项目支出预算申报表（金额单位：万元）",
    "支出明细": "{county}{year}年项目支出测算明细表（金额单位：元）",
    "资产": "{county}行政事业单位资产卡片（截至2026年9月30日）",
}


def messify(
    sheet: str, rows: list[list], rng: random.Random
) -> tuple[list[list | None], list[Mess]]:
    """Mess up a few cells and insert blank rows; returns the new rows and what was done."""
    marks: list[tuple[int, str, str, str, str]] = []
    used: set[tuple[int, int]] = set()
    for key, kind, count in CELL_PLAN.get(sheet, ()):
        col = column_index(sheet, key)
        candidates = [
            i for i, row in enumerate(rows) if (i, col) not in used and _fits(kind, row[col])
        ]
        for i in rng.sample(candidates, min(count, len(candidates))):
            cell, raw, expected = _transform(kind, rows[i][col], rng)
            rows[i][col] = cell
            used.add((i, col))
            marks.append((i, headers(sheet)[col], kind, raw, expected))
    blanks = sorted(
        rng.sample(range(1, len(rows)), min(BLANK_ROWS.get(sheet, 0), max(0, len(rows) - 1)))
    )
    out: list[list | None] = []
    new_index: dict[int, int] = {}
    messes = []
    for i, row in enumerate(rows):
        if blanks and blanks[0] == i:
            blanks.pop(0)
            messes.append(Mess(sheet, len(out), None, "blank_row", "", None))
            out.append(None)
        new_index[i] = len(out)
        out.append(row)
    messes += [
        Mess(sheet, new_index[i], column, kind, raw, expected)
        for i, column, kind, raw, expected in marks
    ]
    return out, messes
