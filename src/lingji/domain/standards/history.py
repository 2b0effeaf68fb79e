"""History detail lines as the standards library reads them: counted in groups.

Learned ranges and the item classifier need, of each history line, only its name, economic
code, measure, year and unit cost. A county's history runs to a million lines on a few
thousand such groups, so the database groups them (adapters/db/loading.py) and a round held
in memory is grouped here; a test keeps the two equal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from lingji.domain.models import BudgetRound, DetailLine, HistoryLineGroup
from lingji.domain.standards.measures import line_unit_cost

#: what a check lists in SHEETS to read the history lines in groups only (no sheet has this
#: name): loading the groups instead of the lines saves reading a million rows
HISTORY_LINE_GROUPS = "history_line_groups"


def group_history_lines(lines: Iterable[DetailLine]) -> list[HistoryLineGroup]:
    """Counts history lines by what the standards library reads of them."""
    counts: Counter[tuple[Any, ...]] = Counter()
    for line in lines:
        counts[
            (
                line.item_name,
                line.econ_code,
                line.unit,
                line.persons is not None,
                line.days is not None,
                line.quantity is not None,
                line.year,
                line_unit_cost(line),
            )
        ] += 1
    return [
        HistoryLineGroup(name, econ, unit, persons, days, quantity, year, cost, n)
        for (name, econ, unit, persons, days, quantity, year, cost), n in counts.items()
    ]


def history_groups(budget_round: BudgetRound) -> list[HistoryLineGroup]:
    """The round's history lines in groups: as loaded, or grouped now."""
    if budget_round.history_line_groups is not None:
        return budget_round.history_line_groups
    return group_history_lines(budget_round.history_lines)
