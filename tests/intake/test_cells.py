import datetime as dt
from decimal import Decimal

import pytest

from lingji.intake.cells import (
    CellError,
    money_reader,
    read_code,
    read_date,
    read_int,
    read_number,
    read_text,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１２,３４５.００", Decimal("12345.00")),
        ("12,345.67", Decimal("12345.67")),
        (" 1 234 ", Decimal("1234")),
        ("￥800元", Decimal("800")),
        ("(120.5)", Decimal("-120.5")),
        (0.1, Decimal("0.1")),
        (3498000.0, Decimal("3498000.0")),
        (7, Decimal(7)),
    ],
)
def test_numbers_are_read_as_excel_users_write_them(raw, expected):
    assert read_number(raw) == expected


def test_an_unreadable_number_names_the_cell_text():
    with pytest.raises(CellError, match="12a"):
        read_number("12a")


def test_wan_yuan_becomes_exact_yuan():
    read = money_reader(Decimal(10000))
    assert read("349.8") == Decimal("3498000.0")
    assert read(0.000123) == Decimal("1.230000")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(30215.0, "30215"), ("30215.0", "30215"), ("ＰＴ－００１ ", "PT-001"), (101, "101")],
)
def test_codes_lose_excel_float_and_full_width_noise(raw, expected):
    assert read_code(raw) == expected


def test_a_long_code_stored_as_a_number_is_refused_because_digits_were_lost():
    with pytest.raises(CellError, match="末几位已经丢失"):
        read_code(1.1010119900307123e17)


@pytest.mark.parametrize(
    "raw",
    [
        "2026-01-05",
        "2026/1/5",
        "2026年1月5日",
        "２０２６年１月５日",
        46027.0,
        dt.datetime(2026, 1, 5),
    ],
)
def test_dates_in_every_form_the_contract_lists(raw):
    assert read_date(raw) == dt.date(2026, 1, 5)


@pytest.mark.parametrize("raw", ["2026-02-30", "明年", 3.5])
def test_impossible_dates_are_refused(raw):
    with pytest.raises(CellError):
        read_date(raw)


def test_integers_accept_float_cells_but_not_fractions():
    assert read_int(2027.0) == 2027
    assert read_int("２,０２７") == 2027
    with pytest.raises(CellError, match="整数"):
        read_int(2.5)


def test_blank_cells_are_none_and_text_is_trimmed():
    assert read_text("  ") is None
    assert read_number("") is None
    assert read_text(" 县教育局 ") == "县教育局"
    assert read_text(100.0) == "100"
