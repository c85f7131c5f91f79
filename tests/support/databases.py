"""Test databases: a fresh SQLite file, or a fresh PostgreSQL database on the server CI provides."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

POSTGRES_ENV = "DIRECTO_TEST_POSTGRES_URL"
SKIP_REASON = f"{POSTGRES_ENV} is not set (CI's .ci/run sets it when PostgreSQL is available)"


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_ENV) or None


def sqlite_url(directory: Path) -> str:
    return f"sqlite+aiosqlite:///{directory / 'directo-test.sqlite3'}"


def _dsn(url: str, database: str | None = None) -> str:
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


async def _admin(url: str, sql: str) -> None:
    conn = await asyncpg.connect(_dsn(url))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new empty database next to the scratch one, dropped afterwards; yields its asyncpg URL."""
    base = postgres_url()
    if base is None:
        pytest.skip(SKIP_REASON)
    name = f"directo_t_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin(base, f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(_dsn(base, name)).set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)
    finally:
        asyncio.run(_admin(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
