"""Thematic analysis (专题分析): one topic's spending per unit beside what its checks found.

A topic (三公经费, 信息化项目, 物业管理, ...) is configuration (`thematic.topics` in the rule
set): the finding codes that speak to it and the spending it covers (project types, economic
codes, lines marked for government procurement, or all spending). For each unit the report
sums that spending from the detail lines, counts the topic's findings and what they suggest
cutting, so a reviewer sees where the money in a topic sits and where it leaks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from lingji.domain.findings import Finding
from lingji.domain.models import DetailLine, Project, Unit

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Topic:
    key: str
    title: str
    #: finding codes whose findings belong to the topic
    codes: tuple[str, ...]
    description: str = ""
    #: spending covered: lines of projects of these types ...
    project_types: frozenset[str] = frozenset()
    #: ... or lines under these economic codes (a prefix covers the codes below it) ...
    econ_codes: tuple[str, ...] = ()
    #: ... or lines marked 是否政府采购 = 是 ...
    procurement: bool = False
    #: ... or every line
    all_spending: bool = False
    #: show one column per economic code (三公: each category)
    by_econ_code: bool = False

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Topic:
        return cls(
            key=str(data["key"]),
            title=str(data["title"]),
            codes=tuple(data.get("codes") or ()),
            description=str(data.get("description") or ""),
            project_types=frozenset(data.get("project_types") or ()),
            econ_codes=tuple(str(c) for c in data.get("econ_codes") or ()),
            procurement=bool(data.get("procurement", False)),
            all_spending=bool(data.get("all_spending", False)),
            by_econ_code=bool(data.get("by_econ_code", False)),
        )

    @property
    def selects_spending(self) -> bool:
        """Whether the topic names its spending; a topic that does not (禁止性支出, 重复申报)
        counts the requests of the projects its findings are about."""
        return bool(self.project_types or self.econ_codes or self.procurement or self.all_spending)

    def covers(self, project: Project, line: DetailLine) -> bool:
        """Whether the line's money belongs to the topic."""
        if self.all_spending or project.project_type in self.project_types:
            return True
        if self.procurement and line.procurement == "是":
            return True
        econ = line.econ_code or ""
        return any(econ.startswith(code) for code in self.econ_codes)


def topics(thematic: Mapping[str, Any]) -> list[Topic]:
    """The rule set's topics, in report order."""
    return [Topic.from_mapping(entry) for entry in thematic.get("topics") or ()]


def find_topic(all_topics: Iterable[Topic], name: str) -> Topic | None:
    """A topic by its key (sangong) or its Chinese title (三公经费)."""
    wanted = name.strip()
    return next((t for t in all_topics if wanted in (t.key, t.title)), None)


@dataclass(slots=True)
class TopicUnit:
    """One unit's row of a topic's table."""

    unit_code: str
    unit_name: str
    staff: int | None
    projects: int = 0
    lines: int = 0
    amount: Decimal = ZERO
    by_econ_code: dict[str, Decimal] = field(default_factory=dict)
    findings: int = 0
    #: what the topic's findings suggest cutting (one cut per line, the largest)
    excess: Decimal = ZERO

    @property
    def per_capita(self) -> Decimal | None:
        """Topic spending per 在编 person, when the unit gives its staff."""
        if not self.staff:
            return None
        return (self.amount / self.staff).quantize(Decimal("0.01"))


@dataclass(slots=True)
class TopicReport:
    topic: Topic
    #: flagged units first (most suggested cut first), then by spending
    units: list[TopicUnit]
    findings: list[Finding]
    econ_codes: list[str]

    @property
    def amount(self) -> Decimal:
        return sum((u.amount for u in self.units), ZERO)

    @property
    def excess(self) -> Decimal:
        return sum((u.excess for u in self.units), ZERO)

    @property
    def flagged_units(self) -> int:
        return sum(1 for u in self.units if u.findings)


def build_topic_report(
    topic: Topic,
    *,
    units: Mapping[str, Unit],
    projects: Iterable[Project],
    findings: Iterable[Finding],
) -> TopicReport:
    """Sums the topic's spending per unit and lays its findings beside it."""
    rows: dict[str, TopicUnit] = {}

    def row(code: str) -> TopicUnit:
        if code not in rows:
            unit = units.get(code)
            rows[code] = TopicUnit(
                code, (unit.unit_name or "") if unit else "", unit.staff_actual if unit else None
            )
        return rows[code]

    own = [f for f in findings if f.code in topic.codes]
    econ_seen: set[str] = set()
    flagged_projects = {f.project_code for f in own if f.project_code}
    for project in projects:
        if not topic.selects_spending:
            if project.project_code in flagged_projects:
                entry = row(project.unit_code)
                entry.projects += 1
                entry.lines += len(project.lines)
                entry.amount += project.requested_amount or ZERO
            continue
        if topic.all_spending or project.project_type in topic.project_types:
            covered = project.lines
        elif topic.econ_codes or topic.procurement:
            # only these topics look line by line: the others take or leave whole projects
            covered = [line for line in project.lines if topic.covers(project, line)]
        else:
            continue
        if not covered:
            continue
        entry = row(project.unit_code)
        entry.projects += 1
        entry.lines += len(covered)
        for line in covered:
            amount = line.amount or ZERO
            entry.amount += amount
            if topic.by_econ_code and line.econ_code:
                entry.by_econ_code[line.econ_code] = (
                    entry.by_econ_code.get(line.econ_code, ZERO) + amount
                )
                econ_seen.add(line.econ_code)

    # two findings on one line (T04 and M01's view of the same fee) cut it once: the largest
    cuts: dict[tuple[str, str | None, int | None], Decimal] = defaultdict(lambda: ZERO)
    for finding in own:
        entry = row(finding.unit_code)
        entry.findings += 1
        if finding.line_no is not None:
            key = (finding.unit_code, finding.project_code, finding.line_no)
            cuts[key] = max(cuts[key], finding.amount_excess)
        else:
            entry.excess += finding.amount_excess
    for (unit_code, _, _), amount in cuts.items():
        rows[unit_code].excess += amount
    ordered = sorted(
        rows.values(), key=lambda u: (u.findings == 0, -u.excess, -u.amount, u.unit_code)
    )
    return TopicReport(topic, ordered, own, sorted(econ_seen))
