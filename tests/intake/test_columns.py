"""The column fast paths must agree with the single-cell readers that define a cell's meaning."""

import datetime as dt
from decimal import Decimal

import pytest

from lingji.domain.contract import ColumnType
from lingji.intake import columns
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


#: cells as a CSV file gives them: strings only, a column's values repeating
TEXT_CELLS = [
    "", " ", "  x ", "30215", "30215.0", " 30215 ", "ＰＴ－００１", "12,345.60", "１２,３４５",
    "1e3", "nan", "12a", "2027", "２０２７", "0", "-3", "(12)", "￥800元", "1_000", "2026-01-05",
    "46027", "2026年1月5日", "a.b", "  ", "30215", "12a", "2027",
]  # fmt: skip


def _expect(kind, cells, values, errors, read=None):
    read = read or READERS[kind]
    failed = {pos for pos, _ in errors}
    for pos, cell in enumerate(cells):
        outcome, expected = _single(read, cell)
        if outcome == "error":
            assert pos in failed, cell
            assert values[pos] is None, cell
        else:
            assert pos not in failed, cell
            assert values[pos] == expected, cell
            assert type(values[pos]) is type(expected), cell


@pytest.mark.parametrize("kind", list(ColumnType))
def test_a_column_of_text_cells_read_by_value_agrees_with_the_cell_reader(kind):
    reader = column_reader(kind)
    values, errors = reader(TEXT_CELLS)
    _expect(kind, TEXT_CELLS, values, errors)
    # the next chunk of the same column reads from what the reader remembers
    again = [*reversed(TEXT_CELLS), None]
    values, errors = reader(again)
    _expect(kind, again, values, errors)


@pytest.mark.parametrize("kind", list(ColumnType))
def test_a_reader_that_forgets_what_it_read_still_reads_right(kind, monkeypatch):
    monkeypatch.setattr(columns, "MEMO_LIMIT", 3)
    reader = column_reader(kind)
    for chunk in (TEXT_CELLS[:9], TEXT_CELLS[9:], TEXT_CELLS):
        values, errors = reader(chunk)
        _expect(kind, chunk, values, errors)


def test_a_text_column_of_mostly_different_values_stops_sharing_and_reads_the_same():
    reader = column_reader(ColumnType.TEXT)
    names = [f" 名称{i} " for i in range(30_000)]
    values, errors = reader(names)
    assert errors == [] and values[5] == "名称5"
    values, errors = reader(["", " a ", "  ", "b"])
    assert values == [None, "a", None, "b"]


def test_repeated_words_share_one_copy():
    values, _ = column_reader(ColumnType.TEXT)(["".join(["人", "天"]) for _ in range(3)])
    assert values[0] is values[1] is values[2]


def test_a_wan_yuan_column_of_text_cells_agrees_with_the_cell_reader():
    cells = ["1.5", "12,000.01", "0.25", "", "x", "1.5"]
    values, errors = column_reader(ColumnType.MONEY, Decimal(10000))(cells)
    read = money_reader(Decimal(10000))
    assert values == [read(c) if c != "x" else None for c in cells]
    assert [pos for pos, _ in errors] == [4]
