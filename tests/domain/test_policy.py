import pytest

from lingji.domain.policy import extract_doc_numbers, normalize_doc_no


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("财行〔2016〕214号", ["财行〔2016〕214号"]),
        ("普建委[2025]127号关于同意……的批复", ["普建委〔2025〕127号"]),
        ("根据财行〔2016〕214号和国发（2021）5号", ["财行〔2016〕214号", "国发〔2021〕5号"]),
        ("按照澜溪农发〔2022〕第14号文件", ["澜溪农发〔2022〕14号"]),
        ("《上海市住宅物业管理规定》", []),
        ("国务院令第729号；国务院令第729号", ["国务院令第729号"]),
    ],
)
def test_document_numbers_are_read_as_people_write_them(text, expected):
    assert extract_doc_numbers(text) == expected


def test_bracket_styles_compare_equal():
    assert normalize_doc_no("财行[2016] 214号") == normalize_doc_no("财行〔2016〕214号")
