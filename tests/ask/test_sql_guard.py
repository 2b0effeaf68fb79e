"""A model's SQL runs only as one SELECT over the semantic layer, confined to the round and
the asker's units."""

from __future__ import annotations

import pytest

from lingji.adapters.db.ask_views import define_view
from lingji.domain.ask.scope import Scope
from lingji.domain.ask.sql_guard import Confinement, UnsafeSql, confine

EDUCATION = Confinement(round_id=3, run_id=7, scope=Scope(frozenset({"103001"})))
EVERYONE = Confinement(round_id=3, run_id=None, scope=Scope())


def _confine(sql, confinement=EDUCATION, dialect="sqlite"):
    return confine(sql, confinement, define=define_view, dialect=dialect)


def test_every_view_is_replaced_by_its_confined_definition_with_money_in_yuan():
    sql = _confine(
        "SELECT p.project_type, SUM(p.requested_amount) AS total FROM projects p "
        "JOIN units u ON u.unit_code = p.unit_code GROUP BY p.project_type"
    )
    assert sql.count("round_id = 3") == 2 and sql.count("unit_code IN ('103001')") == 2
    assert "requested_amount / 100.0 AS requested_amount" in sql
    assert sql.endswith("LIMIT 1000")


def test_lines_are_confined_through_their_projects_and_review_views_to_the_newest_run():
    lines = _confine("SELECT SUM(amount) FROM detail_lines WHERE econ_code = '30215'")
    assert "project_code IN (SELECT project_code FROM projects WHERE round_id = 3" in lines
    review = _confine("SELECT grade, COUNT(*) FROM review_projects GROUP BY grade")
    assert "run_id = 7" in review and "round_id" not in review.split("FROM review_projects")[1]


def test_an_unscoped_asker_reads_the_whole_round_only():
    sql = _confine("SELECT SUM(requested_amount) FROM projects", EVERYONE)
    assert "round_id = 3" in sql and "unit_code IN" not in sql


@pytest.mark.parametrize(
    "sql",
    [
        "DROP TABLE projects",
        "DELETE FROM projects",
        "UPDATE projects SET requested_amount = 0",
        "INSERT INTO projects (name) VALUES ('x')",
        "SELECT 1; DELETE FROM projects",
        "SELECT name FROM projects; SELECT name FROM units",
        "SELECT id_number_hash FROM personnel",
        "SELECT requested_amount FROM projects UNION SELECT monthly_pay FROM personnel",
        "SELECT name FROM projects WHERE unit_code IN (SELECT unit_code FROM personnel)",
        "SELECT * FROM projects",
        "SELECT round_id, name FROM projects",
        "SELECT name FROM main.projects",
        "SELECT load_extension('evil.so')",
        "SELECT pg_read_file('/etc/passwd')",
        "PRAGMA table_info(projects)",
        "ATTACH DATABASE 'x.db' AS x",
        "SELECT name FROM budget_rounds",
        "SELECT message FROM review_findings JOIN ask_audit ON 1 = 1",
        "this is not sql",
    ],
)
def test_anything_but_one_select_over_the_layer_is_refused(sql):
    with pytest.raises(UnsafeSql):
        _confine(sql)


def test_a_scoped_asker_cannot_widen_the_scope_by_filtering_on_another_unit():
    sql = _confine("SELECT SUM(requested_amount) FROM projects WHERE unit_code = '104001' OR 1 = 1")
    inner = sql.split(") AS projects")[0]
    assert "unit_code IN ('103001')" in inner


def test_postgres_dialect_is_written_for_postgres():
    sql = _confine("SELECT name FROM projects LIMIT 5", dialect="postgres")
    assert sql.endswith("LIMIT 5") and "round_id = 3" in sql
