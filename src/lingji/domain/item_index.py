"""This year's detail lines by kind of item (明细名称, 经济科目), built once per review.

A county submits a million lines under a few thousand distinct names. A check that concerns
a few kinds of item (物业费, 设计费, 三公经费 ...) decides per name which ones it wants and reads
only their lines, instead of walking every line of every project again.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lingji.domain.models import DetailLine, Project

#: a line's place as one integer: project position × _SPAN + line position within the project
_SPAN = 1 << 20

ItemKey = tuple[str | None, str | None]


@dataclass(slots=True)
class ItemIndex:
    projects: list[Project]
    #: (明细名称, 经济科目) -> the places of its lines, in round order
    places: dict[ItemKey, array[int]]

    @classmethod
    def build(cls, projects: list[Project]) -> ItemIndex:
        places: dict[ItemKey, array[int]] = {}
        for p, project in enumerate(projects):
            base = p * _SPAN
            for i, line in enumerate(project.lines):
                key = (line.item_name, line.econ_code)
                found = places.get(key)
                if found is None:
                    found = places[key] = array("q")
                found.append(base + i)
        return cls(projects, places)

    @property
    def items(self) -> Iterable[ItemKey]:
        return self.places.keys()

    def lines(self, wanted: Callable[[str | None, str | None], bool]) -> list[LinesOfProject]:
        """The projects holding lines of the wanted items, in round order, each with those
        lines in their own order."""
        chosen = sorted(
            place for key, found in self.places.items() if wanted(*key) for place in found
        )
        grouped: list[LinesOfProject] = []
        for place in chosen:
            project = self.projects[place // _SPAN]
            if not grouped or grouped[-1].project is not project:
                grouped.append(LinesOfProject(project, []))
            grouped[-1].lines.append(project.lines[place % _SPAN])
        return grouped


@dataclass(slots=True)
class LinesOfProject:
    project: Project
    lines: list[DetailLine]
