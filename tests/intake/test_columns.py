"""The column fast paths must agree with the single-cell readers that define a cell's meaning."""

import datetime as dt
from decimal import Decimal

import pytest

from lingji.domain.contract import ColumnType
from lingji.intake.cells import READERS, CellError, money_reader
from lingji.intake.columns import column_reader

CELLS = [
    None, "", " ", "  x ", "30215", "30215.0", " 30215 ", 30215.0, 30215, "ＰＴ－００１",
    "12,345.60", "１２,３４５", "1e3", "nan", "12a", "2027", "２０２７", 2027.0, 2.5, 0, 0.0,
    "0", "-3", "(12)", "￥800元", "1_000", "2026-01-05", 46027.0, dt.date(2026, 1, 5), True,
]  # fmt: skip


def _single(read, value):
    try:
        return ("ok", read(value))
    except CellError:
        return ("error", None)


@pytest.mark.parametrize("kind", list(ColumnType))
def test_column_reader_agrees_with_the_cell_reader_on_every_kind_of_cell(kind):
    values, errors = column_reader(kind)(CELLS)
    failed = {pos for pos, _ in errors}
    for pos, cell in enumerate(CELLS):
        outcome, expected = _single(READERS[kind], cell)
        if outcome == "error":
            assert pos in failed, cell
        else:
            assert pos not in failed, cell
            assert values[pos] == expected, cell
            assert type(values[pos]) is type(expected), cell


def test_money_columns_in_wan_yuan_agree_with_the_cell_reader():
    cells = ["1.5", "12,000.01", 0.25, "", "x"]
    values, errors = column_reader(ColumnType.MONEY, Decimal(10000))(cells)
    read = money_reader(Decimal(10000))
    assert values[:4] == [read(c) for c in cells[:4]]
    assert [pos for pos, _ in errors] == [4]
