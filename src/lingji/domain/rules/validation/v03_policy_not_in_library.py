"""V03 引用文件不在政策文件库：项目引用的文号应能在本轮报送的政策文件库中查到。

从“政策依据”和“立项依据”中识别文号（如 澜溪府办发〔2023〕99号；方括号、圆括号、“第”字等
写法差异先统一再比对；正文中文号前的“按照”“根据”之类引导词不算发文机关代字），逐个到“政策文件”
表中查找，查不到的列出。
报送材料没有“政策文件”表时，无从核对，记为数据缺失；项目没有引用任何文号（只写文件名称或
为空）时不适用，是否缺少政策依据由 V02 报告。
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult
from lingji.domain.models import Project
from lingji.domain.policy import extract_doc_numbers

if TYPE_CHECKING:
    from lingji.domain.review_context import ReviewContext

CODE = "V03"
VERSION = 1
TITLE = "引用文件不在政策文件库"
#: sheets this check reads beyond units, projects, lines and indicators
SHEETS = ("policy_documents",)

POLICY_SHEET = "policy_documents"


# The bracket-and-number tail of a 文号 (〔2023〕99号) or 令第N号. Scanning for it first and reading
# only a short window before each hit is far cheaper than running the full pattern over every
# position of every text, and windows repeat (the same 文号 is cited again and again), so each
# distinct window is read once per run.
_TAIL = re.compile(r"[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d+\s*号|令第\s*\d+\s*号")
#: the issuer prefix of a 文号 is at most 12 characters (policy._DOC_NO), plus spacing
_LOOKBACK = 24


class CitationReader:
    """Reads the 文号 a project cites, as `extract_doc_numbers` does, with a per-run cache.

    The shared pattern lets the issuer run up to 12 characters back, so in running text a lead-in
    word is taken into it (“按照澜溪农发〔2022〕14号”). `cited` therefore maps each number to the
    library entry that is its suffix, and otherwise drops a leading lead-in word.
    """

    def __init__(self, library: Mapping[str, Any], lead_ins: tuple[str, ...] = ()) -> None:
        self._library = library
        self._lead_ins = tuple(sorted(lead_ins, key=len, reverse=True))
        self._resolved: dict[str, str] = {}
        self._windows: dict[str, list[str]] = {}
        # whole texts repeat too (a unit cites the same documents in every project)
        self._texts: dict[str, list[str]] = {}

    def numbers(self, text: str | None) -> list[str]:
        """The 文号 in a text, normalised, in order, without repeats (a new list)."""
        if not text:
            return []
        known = self._texts.get(text)
        if known is None:
            known = self._texts[text] = self._read(text)
        return list(known)

    def _read(self, text: str) -> list[str]:
        found: list[str] = []
        last_end = 0
        for hit in _TAIL.finditer(text):
            window = text[max(last_end, hit.start() - _LOOKBACK) : hit.end()]
            numbers = self._windows.get(window)
            if numbers is None:
                numbers = self._windows[window] = extract_doc_numbers(window)
            if numbers:
                last_end = hit.end()
            found.extend(n for n in numbers if n not in found)
        return found

    def resolve(self, number: str) -> str:
        """The library's form of a cited number, or the number without a lead-in word."""
        known = self._resolved.get(number)
        if known is not None:
            return known
        resolved = number
        if number not in self._library:
            issuer_end = number.find("〔") if "〔" in number else number.find("令第")
            suffixes = (number[i:] for i in range(1, max(issuer_end, 1)))
            resolved = next((s for s in suffixes if s in self._library), "")
            if not resolved:
                lead = next((w for w in self._lead_ins if number.startswith(w)), "")
                stripped = number[len(lead) :]
                resolved = stripped if lead and not stripped.startswith("〔") else number
        self._resolved[number] = resolved
        return resolved

    def cited(self, project: Project) -> list[str]:
        """Normalised 文号 cited in 政策依据, then in 立项依据, without repeats."""
        cited: list[str] = []
        for number in self.numbers(project.policy_refs) + self.numbers(project.rationale):
            resolved = self.resolve(number)
            if resolved not in cited:
                cited.append(resolved)
        return cited


def check(ctx: ReviewContext, params: Mapping[str, Any]) -> CheckResult:
    result = CheckResult()
    has_library = ctx.has_sheet(POLICY_SHEET)
    library = ctx.policy_library
    reader = CitationReader(library, tuple(str(w) for w in params["lead_in_words"]))
    for project in ctx.projects:
        cited = reader.cited(project)
        if not cited:
            result.skips.append(ctx.skip(CODE, "项目未引用任何文号，无可核对", project=project))
            continue
        if not has_library:
            result.skips.append(
                ctx.skip(
                    CODE,
                    f"报送材料没有政策文件表，无法核对引用的{len(cited)}个文号",
                    missing=True,
                    project=project,
                )
            )
            continue
        result.checked += 1
        absent = [number for number in cited if number not in library]
        if not absent:
            continue
        result.findings.append(
            ctx.finding(
                CODE,
                project,
                f"引用的{'、'.join(absent)}不在政策文件库中"
                f"（共引用{len(cited)}个文号，政策文件库收录{len(library)}份文件）",
                evidence={"absent": absent, "cited": cited, "library_size": len(library)},
                policy_refs=tuple(absent),
            )
        )
    return result
