"""What M01 and M02 compare lines with, built once per review from the round and the rule set:
the standards library, the item classifier and the learned ranges."""

from __future__ import annotations

from dataclasses import dataclass

from lingji.domain.models import BudgetRound, DetailLine, Project
from lingji.domain.ruleset import RuleSet
from lingji.domain.standards.classify import ItemClassifier
from lingji.domain.standards.history import history_groups
from lingji.domain.standards.learned import LearnedRanges, RangeLookup, RangeSettings
from lingji.domain.standards.library import StandardMatch, StandardsLibrary, Unmeasurable
from lingji.domain.standards.measures import line_measure_key


@dataclass(slots=True)
class StandardsReference:
    library: StandardsLibrary
    classifier: ItemClassifier
    ranges: LearnedRanges

    def standard_for(
        self, line: DetailLine, project: Project | None = None
    ) -> StandardMatch | Unmeasurable | None:
        return self.library.match(line, project)

    def range_for(self, line: DetailLine) -> RangeLookup | None:
        """The learned range for the line's item class and measure, if history has one."""
        key = line_measure_key(line)
        if key is None or not line.item_name:
            return None
        return self.ranges.lookup(line.item_name, key[0])


def build_reference(budget_round: BudgetRound, ruleset: RuleSet) -> StandardsReference:
    """Official + bureau standards, a classifier and ranges trained on this round's history.

    Parameters come from the rule set: `checks.M01.disabled_standards` (official standards a
    bureau switches off) and the learning settings of `checks.M02`.
    """
    groups = history_groups(budget_round)
    classifier = ItemClassifier.from_groups(groups)
    library = StandardsLibrary.build(
        budget_round.standards,
        year=budget_round.year,
        disabled=ruleset.params("M01").get("disabled_standards") or (),
        econ_guess=classifier.econ_code,
    )
    settings = RangeSettings.from_params(ruleset.params("M02"))
    ranges = LearnedRanges.learn(groups, settings)
    return StandardsReference(library, classifier, ranges)
