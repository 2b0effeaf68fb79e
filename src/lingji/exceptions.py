"""One exception hierarchy. Messages are Chinese: they reach the people using Lingji."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingji.intake.problems import Problem


class LingjiError(Exception):
    """Base class: raised if Lingji refuses an operation for a reason a user can fix."""


class SubmissionRejected(LingjiError):
    """Raised if a submission has rows or columns that cannot be read; nothing is stored."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"提交文件有 {len(problems)} 处无法读取的问题，未导入任何数据")


class SubmissionNotFound(LingjiError):
    """Raised if the path given to import is neither a workbook nor a folder of CSV files."""


class RoundExists(LingjiError):
    """Raised if a budget round is imported again without --replace."""


class RoundNotFound(LingjiError):
    """Raised if a budget round asked for is not in the database."""


class KeyFileMissing(LingjiError):
    """Raised if sensitive fields must be encrypted but no key file exists (run `lingji init`)."""


class KeyFileInvalid(LingjiError):
    """Raised if the key file exists but cannot be read as a Lingji key file."""


class DatabaseNotReady(LingjiError):
    """Raised if the database cannot be reached or its schema is not current."""


class DemoOptionInvalid(LingjiError):
    """Raised if demo-data is asked for a format or scale it cannot write (xlsx above scale 100)."""


class RuleSetInvalid(LingjiError):
    """Raised if a rule set file cannot be read or lacks a required part."""


class TopicNotFound(LingjiError):
    """Raised if a thematic topic is not one the rule set configures."""
