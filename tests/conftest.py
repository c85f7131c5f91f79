"""Shared fixtures: databases on SQLite and (when CI provides one) PostgreSQL, clocks, playbooks."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.pool import NullPool

from bot.clock import FrozenClock
from bot.config import bundled_playbook_path
from bot.db.engine import create_engine
from bot.db.migrate import upgrade
from bot.rules import Playbook, load_playbook
from tests.support.databases import SKIP_REASON, fresh_postgres_database, postgres_url, sqlite_url

# PTB warns on every RetryAfter unless opted in to timedelta durations; the app opts in the same way.
os.environ.setdefault("PTB_TIMEDELTA", "true")

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if postgres_url() is None:
        skip = pytest.mark.skip(reason=SKIP_REASON)
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)


async def _migrate(url: str) -> None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = sqlite_url(tmp_path_factory.mktemp("migrated"))
    asyncio.run(_migrate(url))
    return url


@pytest.fixture(scope="session")
def migrated_postgres() -> Iterator[str]:
    with fresh_postgres_database() as url:
        asyncio.run(_migrate(url))
        yield url


@pytest.fixture(params=BACKENDS)
def migrated_url(request: pytest.FixtureRequest) -> str:
    """A migrated database shared by the session; tests isolate themselves with `db_session`."""
    name = "migrated_sqlite" if request.param == "sqlite" else "migrated_postgres"
    return str(request.getfixturevalue(name))


@pytest.fixture
async def db_session(migrated_url: str) -> AsyncIterator[AsyncSession]:
    """A session inside a transaction that is rolled back after the test: nothing leaks between tests."""
    engine = create_engine(migrated_url, poolclass=NullPool)
    async with engine.connect() as conn:
        transaction = await conn.begin()
        session = AsyncSession(bind=conn, expire_on_commit=False, join_transaction_mode="create_savepoint")
        try:
            yield session
        finally:
            await session.close()
            await transaction.rollback()
    await engine.dispose()


@pytest.fixture(params=BACKENDS)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A brand-new, unmigrated database of each backend (for migration and end-to-end tests)."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture(scope="session")
def example_playbook() -> Playbook:
    return load_playbook(bundled_playbook_path())
