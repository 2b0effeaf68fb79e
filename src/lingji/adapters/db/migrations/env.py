"""Alembic environment: the engine comes from the caller (lingji init, tests), never from a .ini."""

from alembic import context

from lingji.adapters.db.tables import metadata

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
