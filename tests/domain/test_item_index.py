from decimal import Decimal

from lingji.domain.item_index import ItemIndex
from lingji.domain.models import DetailLine, Project


def _project(code, *names):
    p = Project(2027, code, "U1")
    p.lines = [DetailLine(code, name, Decimal(1), line_no=i, econ_code=econ)
               for i, (name, econ) in enumerate(names, start=1)]  # fmt: skip
    return p


def test_lines_of_the_wanted_items_come_back_by_project_in_round_order():
    a = _project("A", ("物业管理费", "30209"), ("会议费", "30215"), ("物业管理费（附楼）", "30209"))
    b = _project("B", ("会议费", "30215"))
    c = _project("C", ("物业管理费", "30209"))
    index = ItemIndex.build([a, b, c])
    groups = index.lines(lambda name, econ: econ == "30209")
    assert [(g.project.project_code, [ln.line_no for ln in g.lines]) for g in groups] == [
        ("A", [1, 3]),
        ("C", [1]),
    ]


def test_each_distinct_item_is_listed_once():
    index = ItemIndex.build(
        [_project("A", ("会议费", "30215")), _project("B", ("会议费", "30215"))]
    )
    assert list(index.items) == [("会议费", "30215")]
