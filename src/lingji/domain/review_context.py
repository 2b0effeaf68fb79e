"""Everything a check may read, indexed once per review so that checks stay short and fast."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lingji.domain.findings import Finding, Severity, Skip, SkipReason
from lingji.domain.item_index import ItemIndex
from lingji.domain.models import (
    BudgetRound,
    DetailLine,
    HistoryProject,
    PolicyDocument,
    Project,
    Unit,
)
from lingji.domain.policy import normalize_doc_no
from lingji.domain.ruleset import RuleSet
from lingji.domain.standards.reference import StandardsReference, build_reference


@dataclass(slots=True)
class ReviewContext:
    round: BudgetRound
    ruleset: RuleSet
    units: dict[str, Unit] = field(default_factory=dict)
    #: (year, project_code) -> history row
    history: dict[tuple[int, str], HistoryProject] = field(default_factory=dict)
    #: normalised 文号 -> policy document
    policy_library: dict[str, PolicyDocument] = field(default_factory=dict)
    #: unit code -> its own code and those of the units below it
    unit_tree: dict[str, set[str]] = field(default_factory=dict)
    #: standards library, item classifier and learned ranges; built on first use (M01, M02)
    standards_reference: StandardsReference | None = field(default=None, repr=False)
    #: fetches the history lines under some economic codes from storage, for a round loaded
    #: without its million history lines (set by the review service); see history_lines_under
    fetch_history_lines: Callable[[frozenset[str]], list[DetailLine]] | None = field(
        default=None, repr=False
    )
    #: this year's lines by (明细名称, 经济科目); built on first use (the thematic checks)
    item_index_cache: ItemIndex | None = field(default=None, repr=False)

    @property
    def year(self) -> int:
        return self.round.year

    @property
    def projects(self) -> list[Project]:
        return self.round.projects

    def standards(self) -> StandardsReference:
        """The round's expenditure standards and learned ranges, built once per review."""
        if self.standards_reference is None:
            self.standards_reference = build_reference(self.round, self.ruleset)
        return self.standards_reference

    def item_index(self) -> ItemIndex:
        """This year's lines by kind of item, built once per review."""
        if self.item_index_cache is None:
            self.item_index_cache = ItemIndex.build(self.round.projects)
        return self.item_index_cache

    def history_lines_under(self, econ_codes: frozenset[str]) -> list[DetailLine]:
        """The round's history lines under those economic codes: from the loaded lines, or
        fetched from storage when the round was loaded without them."""
        if self.round.history_lines or self.fetch_history_lines is None:
            return [ln for ln in self.round.history_lines if ln.econ_code in econ_codes]
        return self.fetch_history_lines(econ_codes)

    def has_sheet(self, key: str) -> bool:
        return key in self.round.sheets_present

    def previous(self, project: Project) -> HistoryProject | None:
        """Last year's record of the same project: by 上年项目编码, else by the same code."""
        last = self.year - 1
        for code in (project.prev_project_code, project.project_code):
            if code and (last, code) in self.history:
                return self.history[(last, code)]
        return None

    def severity(self, code: str) -> Severity:
        return self.ruleset.severities[code]

    def finding(
        self,
        code: str,
        project: Project | None,
        message: str,
        *,
        unit_code: str | None = None,
        line_no: int | None = None,
        amount_excess: Decimal = Decimal(0),
        evidence: Mapping[str, Any] | None = None,
        policy_refs: tuple[str, ...] = (),
    ) -> Finding:
        """A finding with the rule set's severity for its code, placed on a project or a unit."""
        return Finding(
            code=code,
            severity=self.severity(code),
            unit_code=unit_code or (project.unit_code if project else ""),
            project_code=project.project_code if project else None,
            line_no=line_no,
            message=message,
            amount_excess=amount_excess,
            evidence=evidence or {},
            policy_refs=policy_refs,
        )

    def skip(
        self,
        code: str,
        explanation: str,
        *,
        missing: bool = False,
        project: Project | None = None,
        unit_code: str | None = None,
    ) -> Skip:
        return Skip(
            code=code,
            reason=SkipReason.DATA_MISSING if missing else SkipReason.NOT_APPLICABLE,
            explanation=explanation,
            unit_code=unit_code or (project.unit_code if project else None),
            project_code=project.project_code if project else None,
        )


def build_context(
    budget_round: BudgetRound,
    ruleset: RuleSet,
    *,
    fetch_history_lines: Callable[[frozenset[str]], list[DetailLine]] | None = None,
) -> ReviewContext:
    """Indexes a loaded round for the checks."""
    units = {u.unit_code: u for u in budget_round.units}
    children: dict[str, set[str]] = defaultdict(set)
    for unit in budget_round.units:
        if unit.parent_code:
            children[unit.parent_code].add(unit.unit_code)
    tree = {code: {code} | children.get(code, set()) for code in units}
    return ReviewContext(
        round=budget_round,
        ruleset=ruleset,
        units=units,
        history={(h.year, h.project_code): h for h in budget_round.history},
        policy_library={normalize_doc_no(d.doc_no): d for d in budget_round.policy_documents},
        unit_tree=tree,
        fetch_history_lines=fetch_history_lines,
    )
