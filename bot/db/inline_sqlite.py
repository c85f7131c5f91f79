"""SQLite for an async engine without a driver thread: each statement runs at once, in the calling thread.

SQLAlchemy's aiosqlite dialect reaches SQLite through aiosqlite's thread, and every cursor creation, execute,
fetch, close, commit and rollback is a hand-over to that thread and back (a queue, a future and a wake-up of the
event loop each): about 300–500 µs per statement on this project's 2-core machine where the same statement on
a blocking connection takes ~40 µs (docs/benchmarks.md, "Pipeline"). For a process whose event loop does
nothing but database work, that hand-over buys nothing.

`inline_connect` gives the aiosqlite dialect (through `create_async_engine(..., async_creator=...)`) an object
with the slice of aiosqlite's `Connection` and `Cursor` interface the dialect uses, whose coroutines run the
blocking `sqlite3` call and return without ever suspending. The cost: while SQLite works (including a commit's
fsync and the wait for another process's write lock, up to `busy_timeout`), the event loop does nothing else.
Only use it where that is the point: the pipeline worker's own process (`bot.scheduling.pipeline_process`).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

__all__ = ["InlineConnection", "inline_connect"]


class InlineCursor:
    """aiosqlite's `Cursor`, as far as SQLAlchemy's adapter uses it, over a `sqlite3.Cursor`."""

    __slots__ = ("_cursor",)

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self._cursor.close()

    async def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> InlineCursor:
        self._cursor.execute(sql, parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any] | dict[str, Any]]) -> InlineCursor:
        self._cursor.executemany(sql, parameters)
        return self

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def close(self) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value


class _ImmediateQueue:
    """Stands in for aiosqlite's request queue, which the dialect's `isolation_level` setter writes to
    directly: the request runs at once and its future is settled before the setter awaits it."""

    def put_nowait(self, item: tuple[asyncio.Future[Any], Callable[[], Any]]) -> None:
        future, function = item
        try:
            future.set_result(function())
        except Exception as exc:  # handed to the awaiting setter, as aiosqlite does
            future.set_exception(exc)


class InlineConnection:
    """aiosqlite's `Connection`, as far as SQLAlchemy's adapter uses it, over a `sqlite3.Connection`."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection: sqlite3.Connection | None = connection
        self._tx = _ImmediateQueue()

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._connection is None:
            raise ValueError("no active connection")
        return self._connection

    def cursor(self) -> InlineCursor:
        return InlineCursor(self._conn.cursor())

    async def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> InlineCursor:
        return await self.cursor().execute(sql, parameters)

    async def commit(self) -> None:
        self._conn.commit()

    async def rollback(self) -> None:
        self._conn.rollback()

    async def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def stop(self) -> None:
        """The dialect's forced close (a terminated connection): nothing runs elsewhere, so just close."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    @isolation_level.setter
    def isolation_level(self, value: str | None) -> None:
        self._conn.isolation_level = value  # type: ignore[assignment]  # typeshed lists only the BEGIN modes

    @property
    def in_transaction(self) -> bool:
        return self._conn.in_transaction


def inline_connect(database: str, **kwargs: Any) -> Callable[[], Any]:
    """An `async_creator` for `create_async_engine`: opens `database` with `sqlite3.connect(database, **kwargs)`.

    `check_same_thread=False`: the connection is only ever used by the thread running the event loop, but the
    pool may close it from a garbage-collection callback elsewhere.
    """

    async def connect() -> InlineConnection:
        return InlineConnection(sqlite3.connect(database, check_same_thread=False, **kwargs))

    return connect
