"""The notifier's database thread: work runs on its own loop and thread, answers and errors come back."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import FrozenClock
from bot.db.engine import create_engine, create_session_factory
from bot.db.loop_thread import DatabaseThread
from bot.db.migrate import upgrade
from bot.db.models import Mention
from tests.support.databases import sqlite_url
from tests.support.factories import mention, store


async def test_work_runs_in_the_database_thread_and_its_commits_are_seen_by_the_app(
    empty_db_url: str, tmp_path: Path, clock: FrozenClock
) -> None:
    engine = create_engine(empty_db_url)
    await upgrade(engine)
    database = DatabaseThread(empty_db_url, name="test-database")
    database.start()
    try:

        async def write(sessions: async_sessionmaker[AsyncSession]) -> str:
            async with sessions() as session, session.begin():
                await store(session, mention("from-the-thread"), now=clock.now())
            return threading.current_thread().name

        assert await database.run(write) == "test-database"
        async with create_session_factory(engine)() as session:
            assert await session.scalar(select(func.count()).select_from(Mention)) == 1
    finally:
        await database.stop()
        await engine.dispose()


async def test_an_error_in_the_work_reaches_the_caller_and_the_thread_keeps_serving(tmp_path: Path) -> None:
    database = DatabaseThread(sqlite_url(tmp_path), name="test-database")
    database.start()
    try:

        async def broken(sessions: async_sessionmaker[AsyncSession]) -> None:
            async with sessions() as session:
                await session.execute(text("SELECT * FROM no_such_table"))

        async def fine(sessions: async_sessionmaker[AsyncSession]) -> int:
            async with sessions() as session:
                return int((await session.execute(text("SELECT 41 + 1"))).scalar_one())

        with pytest.raises(Exception, match="no_such_table"):
            await database.run(broken)
        assert await database.run(fine) == 42
    finally:
        await database.stop()


async def test_cancelling_the_caller_cancels_the_work_and_stop_ends_the_thread(tmp_path: Path) -> None:
    database = DatabaseThread(sqlite_url(tmp_path), name="test-database")
    database.start()
    started, cancelled = threading.Event(), threading.Event()

    async def slow(_sessions: async_sessionmaker[AsyncSession]) -> None:
        started.set()
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    task = asyncio.create_task(database.run(slow))
    await asyncio.to_thread(started.wait, 5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await asyncio.to_thread(cancelled.wait, 5)
    await database.stop()
    assert not any(t.name == "test-database" for t in threading.enumerate())
    with pytest.raises(RuntimeError, match="not running"):
        await database.run(slow)
