"""The Alembic migrations build exactly the schema that tables.py describes."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from lingji.adapters.db.session import schema_is_current, upgrade_schema
from lingji.adapters.db.tables import metadata


def test_migrated_database_matches_the_table_definitions(engine):
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []


def test_upgrading_twice_is_harmless_and_leaves_the_schema_current(engine):
    upgrade_schema(engine)
    assert schema_is_current(engine)
