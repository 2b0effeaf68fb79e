"""What a check is. Results are data (domain/findings.py), never exceptions.

A check is one module with a Chinese docstring (what is checked, against which standard or
document, when it does not apply), CODE, VERSION, TITLE and one function
`check(ctx, params) -> CheckResult`. `params` is the check's section of the rule set: every
threshold, keyword list and weight comes from there, never from a literal in the module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from lingji.domain.findings import CheckResult

if TYPE_CHECKING:
    from lingji.domain.review_context import ReviewContext


CheckFunction = Callable[["ReviewContext", Mapping[str, Any]], CheckResult]


@dataclass(frozen=True, slots=True)
class Check:
    """A registered check: its stable code, version, short title, docstring and function."""

    code: str
    version: int
    title: str
    description: str
    run: CheckFunction
    #: sheets the check reads beyond the core ones (units, projects, lines, indicators)
    sheets: tuple[str, ...] = ()

    @classmethod
    def from_module(cls, module: ModuleType) -> Check:
        return cls(
            code=module.CODE,
            version=module.VERSION,
            title=module.TITLE,
            description=(module.__doc__ or "").strip(),
            run=module.check,
            sheets=getattr(module, "SHEETS", ()),
        )
