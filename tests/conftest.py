"""Shared fixtures: a real database per backend (SQLite file, and PostgreSQL when reachable)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from lingji.adapters.crypto import KeyRing, create_key_file
from lingji.adapters.db.session import make_engine, upgrade_schema
from lingji.adapters.db.tables import metadata
from lingji.settings import Settings


def _postgres_admin_url() -> str | None:
    return Settings().test_database_url or None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, dropped at the end."""
    admin_url = _postgres_admin_url()
    if not admin_url:
        pytest.skip("LINGJI_TEST_DATABASE_URL is not set: PostgreSQL runs are skipped")
    admin = make_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    name = f"lingji_test_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001 - any failure to reach the server means skip
        pytest.skip(f"PostgreSQL at {make_url(admin_url).host} is not reachable: {error}")
    url = make_url(make_engine(admin_url).url).set(database=name)
    yield url.render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def _postgres_engine(postgres_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_url)
    upgrade_schema(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """An empty, migrated database: a SQLite file, or the session's PostgreSQL database."""
    if request.param == "sqlite":
        sqlite = make_engine(f"sqlite:///{tmp_path / 'lingji.db'}")
        upgrade_schema(sqlite)
        yield sqlite
        sqlite.dispose()
        return
    pg: Engine = request.getfixturevalue("_postgres_engine")
    yield pg
    with pg.begin() as conn:
        names = ", ".join(t.name for t in metadata.sorted_tables)
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "keys" / "lingji.key"
    create_key_file(path)
    return path


@pytest.fixture
def key_ring(key_file: Path) -> KeyRing:
    from lingji.adapters.crypto import load_key_file

    return load_key_file(key_file)
