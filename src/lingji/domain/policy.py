"""Reading policy citations: document numbers (文号) as people write them."""

from __future__ import annotations

import re
from functools import lru_cache

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


# words that lead into a citation in running text and are not part of the issuer's name
_LEAD_IN = re.compile(
    r"^(?:根据|按照|依据|依照|参照|遵照|贯彻|落实|执行|对照|结合|及|和|与|或|并)+"
)


def extract_doc_numbers(text: str | None) -> list[str]:
    """Returns the document numbers cited in a text, normalised, in order, without repeats."""
    return list(_doc_numbers(text)) if text else []


@lru_cache(maxsize=65536)
def _doc_numbers(text: str) -> tuple[str, ...]:
    # cached: a unit cites the same documents in project after project
    found: list[str] = []
    for match in _DOC_NO.finditer(text):
        number = _LEAD_IN.sub("", normalize_doc_no(match.group(0)))
        if number not in found:
            found.append(number)
    return tuple(found)
