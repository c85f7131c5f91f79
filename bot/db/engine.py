"""Engine and session factory. SQLite gets WAL, foreign keys and a busy timeout on every connection.

SQLite's automatic WAL checkpoint is pushed far out (`WAL_AUTOCHECKPOINT_PAGES`): the app checkpoints from a
background job instead (`bot.scheduling.checkpoint`), so no webhook's commit pays for copying the WAL into the
database file. The high threshold remains as a safety net when that job does not run (the CLI, tests).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy
from sqlalchemy import Engine, event, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from bot.db.inline_sqlite import inline_connect

WAL_AUTOCHECKPOINT_PAGES = 10_000
"""Pages (4 KiB) the WAL may hold before a commit checkpoints it itself: ~40 MB, instead of SQLite's 1,000."""

__all__ = [
    "connect_asyncpg",
    "create_engine",
    "create_session_factory",
    "create_sqlite_sync_engine",
    "is_postgres",
    "is_postgres_session",
    "is_sqlite_file",
]


def create_engine(
    url: str, *, inline_sqlite: bool = False, fsync_each_commit: bool = True, **kwargs: Any
) -> AsyncEngine:
    """`inline_sqlite`: on SQLite, run statements in the event loop's thread instead of aiosqlite's thread
    (see `bot.db.inline_sqlite`: only for a process whose loop does nothing but database work).

    `fsync_each_commit=False` (SQLite only; `synchronous=NORMAL` in WAL mode): a commit is in the WAL, safe
    from a crash of any process, but reaches the disk with the next commit that fsyncs (any other connection's,
    every one of which does) or the next checkpoint. Only for work that is derived from rows already on disk
    and is simply done again if a power cut takes it: the pipeline's triage of stored mentions, whose
    consequences outside the database (a card sent) always pass through a fully synchronous commit first."""
    if url.startswith("sqlite"):
        if inline_sqlite:
            parsed = make_url(url)
            creator = inline_connect(parsed.database or ":memory:", timeout=30, uri=parsed.query.get("uri") == "true")
            engine = create_async_engine(url, async_creator=creator, **kwargs)
        else:
            engine = create_async_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas if fsync_each_commit else _sqlite_pragmas_normal)
        return engine
    if "poolclass" not in kwargs:
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 10)
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(url, **kwargs)


def create_sqlite_sync_engine(engine: AsyncEngine, **kwargs: Any) -> Engine:
    """A blocking (pysqlite) engine on the same SQLite file, with the same pragmas (WAL, synchronous=FULL).

    For work done whole in one worker thread: a transaction there is one hand-over from the event loop and one
    back, where through aiosqlite each statement, fetch, commit and reset is a hand-over of its own.
    """
    if engine.dialect.name != "sqlite":
        raise ValueError("only for SQLite")
    sync = sqlalchemy.create_engine(
        engine.url.set(drivername="sqlite+pysqlite"),
        connect_args={"timeout": 30, "check_same_thread": False},
        **kwargs,
    )
    event.listen(sync, "connect", _sqlite_pragmas)
    return sync


def _sqlite_pragmas(dbapi_connection: Any, _record: Any, *, synchronous: str = "FULL") -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # FULL: a commit is on disk before we answer 202 (nothing acknowledged is ever lost).
    cursor.execute(f"PRAGMA synchronous={synchronous}")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute(f"PRAGMA wal_autocheckpoint={WAL_AUTOCHECKPOINT_PAGES}")
    cursor.close()


def _sqlite_pragmas_normal(dbapi_connection: Any, record: Any) -> None:
    _sqlite_pragmas(dbapi_connection, record, synchronous="NORMAL")


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


async def connect_asyncpg(engine: AsyncEngine) -> Any:
    """A raw asyncpg connection (autocommit) to the database of a PostgreSQL engine, outside its pool."""
    import asyncpg  # type: ignore[import-untyped]

    if engine.dialect.name != "postgresql":
        raise ValueError("only for PostgreSQL")
    return await asyncpg.connect(engine.url.set(drivername="postgresql").render_as_string(hide_password=False))


def is_sqlite_file(engine: AsyncEngine) -> bool:
    """SQLite on a file (not in memory): what another connection, thread or process can open too."""
    database = engine.url.database or ""
    return engine.dialect.name == "sqlite" and database not in ("", ":memory:") and "mode=memory" not in database


def is_postgres(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "postgresql"


def is_postgres_session(session: AsyncSession) -> bool:
    """True on PostgreSQL, where row locks with SKIP LOCKED let several workers share a queue."""
    return session.get_bind().dialect.name == "postgresql"
