"""Reading policy citations: document numbers (文号) as people write them."""

from __future__ import annotations

import re

# 财行〔2016〕214号, 普建委[2025]127号, 国发（2021）5号, 国务院令第729号
_DOC_NO = re.compile(
    r"[\u4e00-\u9fa5A-Za-z]{1,12}\s*[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*第?\s*(\d+)\s*号"
    r"|[\u4e00-\u9fa5]{2,8}令第\s*\d+\s*号"
)
_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "［": "〔", "］": "〕", "【": "〔", "】": "〕",
                           "(": "〔", ")": "〕", "（": "〔", "）": "〕"})  # fmt: skip


def normalize_doc_no(doc_no: str) -> str:
    """Returns the comparable form of a document number: 〔〕 brackets, no spaces, no 第."""
    text = re.sub(r"\s+", "", doc_no).translate(_BRACKETS)
    return re.sub(r"〕第(\d+)号$", r"〕\1号", text)


def extract_doc_numbers(text: str | None) -> list[str]:
    """Returns the document numbers cited in a text, normalised, in order, without repeats."""
    if not text:
        return []
    found: list[str] = []
    for match in _DOC_NO.finditer(text):
        number = normalize_doc_no(match.group(0))
        if number not in found:
            found.append(number)
    return found
