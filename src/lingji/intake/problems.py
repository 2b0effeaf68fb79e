"""What the importer tells people about a submission, with sheet, row and column."""

from __future__ import annotations

from dataclasses import dataclass


def column_letter(index: int) -> str:
    """Returns the spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Problem:
    """A row or column that cannot be read: the submission is rejected."""

    sheet: str
    row: int | None
    column: str | None
    header: str | None
    reason: str

    @property
    def location(self) -> str:
        parts = [f"工作表「{self.sheet}」"]
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column is not None:
            parts.append(f"{self.column}列（{self.header}）" if self.header else f"{self.column}列")
        elif self.header:
            parts.append(f"列「{self.header}」")
        return " ".join(parts)

    @property
    def message(self) -> str:
        return f"{self.location}：{self.reason}"

    def as_dict(self) -> dict[str, object]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "reason": self.reason,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Note:
    """Something stored as written but worth a look (an unknown 项目类型, an ignored sheet)."""

    sheet: str
    row: int | None
    column: str | None
    header: str | None
    reason: str

    @property
    def message(self) -> str:
        return Problem(self.sheet, self.row, self.column, self.header, self.reason).message
