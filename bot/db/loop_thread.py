"""Database work on an event loop of its own, in a thread of its own.

The web process's event loop serves webhooks. Work that makes many short round trips to the database (the
notifier: claim, load the card's case, mark it `sending`, commit; then record the outcome) waits behind every
request callback queued on that loop at each round trip: under 500 webhooks/s on a busy 2-core machine that
turned a dozen statements into a second (docs/benchmarks.md, "Latency"). Here the whole transaction runs on a
second loop, with its own engine (SQLite inline, as in the pipeline's process; asyncpg on PostgreSQL), and the
caller waits once for its result.

`InLoopSessions` is the same interface for running in the caller's loop (in-memory SQLite, which another
thread's connection would not see, and tests).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.db.engine import create_engine, create_session_factory

__all__ = ["DatabaseThread", "InLoopSessions", "SessionRunner"]

T = TypeVar("T")
Work = Callable[[async_sessionmaker[AsyncSession]], Awaitable[T]]


class SessionRunner(Protocol):
    async def run(self, work: Work[T]) -> T:
        """Run `work(sessions)` and return what it returns."""
        ...


class InLoopSessions:
    """Runs the work in the caller's own event loop."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def run(self, work: Work[T]) -> T:
        return await work(self._sessions)


class DatabaseThread:
    """Runs the work on a loop in a daemon thread, with an engine made (and disposed of) on that loop."""

    def __init__(self, url: str, *, name: str, pool_size: int = 2) -> None:
        self._url = url
        self._name = name
        self._pool_size = pool_size
        self._loop: asyncio.AbstractEventLoop | None = None
        self._engine: AsyncEngine | None = None
        self._sessions: async_sessionmaker[AsyncSession] | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        ready = threading.Event()
        failure: list[BaseException] = []

        def main() -> None:
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            self._loop = loop
            try:
                sqlite = self._url.startswith("sqlite")
                self._engine = (
                    create_engine(self._url, inline_sqlite=True)
                    if sqlite
                    else create_engine(self._url, pool_size=self._pool_size, max_overflow=self._pool_size)
                )
                self._sessions = create_session_factory(self._engine)
            except BaseException as exc:  # handed to start(), which raises it
                failure.append(exc)
                ready.set()
                loop.close()
                return
            loop.call_soon(ready.set)  # ready once the loop runs
            try:
                loop.run_forever()
            finally:
                loop.close()

        self._thread = threading.Thread(target=main, name=self._name, daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            raise failure[0]

    async def run(self, work: Work[T]) -> T:
        if self._loop is None or self._sessions is None or not self._loop.is_running():
            raise RuntimeError(f"{self._name} is not running")
        future = asyncio.run_coroutine_threadsafe(_call(work, self._sessions), self._loop)
        return await asyncio.wrap_future(future)  # cancelling the caller cancels the work on the other loop

    async def stop(self) -> None:
        loop, engine, thread = self._loop, self._engine, self._thread
        if loop is None or thread is None:
            return
        if engine is not None and loop.is_running():
            await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(engine.dispose(), loop))
        loop.call_soon_threadsafe(loop.stop)
        await asyncio.to_thread(thread.join)
        self._loop = self._thread = self._engine = self._sessions = None


async def _call(work: Work[T], sessions: async_sessionmaker[AsyncSession]) -> T:
    return await work(sessions)
