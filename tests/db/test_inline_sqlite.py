"""SQLite run inline (no aiosqlite thread) behaves as the aiosqlite engine does: the pipeline's process uses it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import sqlalchemy.exc
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import NullPool

from bot.clock import FrozenClock
from bot.db.engine import create_engine, create_session_factory
from bot.db.migrate import upgrade
from bot.db.models import Escalation, Mention
from bot.escalation.people import sync_people
from bot.escalation.pipeline import process_pending
from bot.rules import Playbook, compile_playbook
from tests.support.databases import sqlite_url
from tests.support.factories import link, mention, store


@pytest.fixture
async def engines(tmp_path: Path) -> AsyncIterator[tuple[AsyncEngine, AsyncEngine]]:
    """An inline engine and an ordinary (aiosqlite) one on the same migrated file."""
    url = sqlite_url(tmp_path)
    ordinary = create_engine(url, poolclass=NullPool)
    await upgrade(ordinary)
    inline = create_engine(url, inline_sqlite=True)
    try:
        yield inline, ordinary
    finally:
        await inline.dispose()
        await ordinary.dispose()


async def test_inline_engine_sets_the_same_pragmas(engines: tuple[AsyncEngine, AsyncEngine]) -> None:
    inline, _ = engines
    async with inline.connect() as conn:
        assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
        assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
        assert (await conn.execute(text("PRAGMA synchronous"))).scalar() == 2  # FULL


async def test_an_engine_without_fsync_per_commit_is_normal_and_its_commits_survive_the_connection(
    tmp_path: Path,
) -> None:
    """The pipeline's engine: synchronous=NORMAL (in the WAL, not fsynced per commit); every other engine
    stays FULL. A crash of the process loses nothing committed: another connection reads it from the WAL."""
    url = sqlite_url(tmp_path)
    ordinary = create_engine(url, poolclass=NullPool)
    await upgrade(ordinary)
    pipeline = create_engine(url, inline_sqlite=True, fsync_each_commit=False, poolclass=NullPool)
    try:
        async with pipeline.begin() as conn:
            assert (await conn.execute(text("PRAGMA synchronous"))).scalar() == 1  # NORMAL
            await conn.execute(text("CREATE TABLE derived (n INTEGER)"))
            await conn.execute(text("INSERT INTO derived VALUES (7)"))
        async with ordinary.connect() as conn:
            assert (await conn.execute(text("PRAGMA synchronous"))).scalar() == 2  # FULL
            assert (await conn.execute(text("SELECT n FROM derived"))).scalar() == 7
    finally:
        await pipeline.dispose()
        await ordinary.dispose()


async def test_inline_commit_is_seen_by_another_connection_and_rollback_leaves_nothing(
    engines: tuple[AsyncEngine, AsyncEngine], clock: FrozenClock
) -> None:
    inline, ordinary = engines
    async with create_session_factory(inline)() as session, session.begin():
        await store(session, mention("kept"), now=clock.now())

    async def aborted() -> None:
        async with create_session_factory(inline)() as session, session.begin():
            await store(session, mention("dropped"), now=clock.now())
            raise RuntimeError("abort the transaction")

    with pytest.raises(RuntimeError):
        await aborted()
    async with create_session_factory(ordinary)() as session:
        stored = (await session.scalars(select(Mention.external_id))).all()
        payload = await session.scalar(select(Mention.payload))
    assert stored == ["kept"]
    assert payload is not None
    assert payload["text"] == mention("kept").text


async def test_inline_constraint_violation_is_sqlalchemys_integrity_error(
    engines: tuple[AsyncEngine, AsyncEngine], clock: FrozenClock
) -> None:
    inline, _ = engines
    async with create_session_factory(inline)() as session:
        with pytest.raises(sqlalchemy.exc.IntegrityError):
            async with session.begin():
                await session.execute(
                    text("INSERT INTO escalation_mention (escalation_id, mention_id, added_at) VALUES (999, 999, '')")
                )


async def test_pipeline_on_the_inline_engine_opens_one_case_for_a_thread(
    engines: tuple[AsyncEngine, AsyncEngine], example_playbook: Playbook, clock: FrozenClock
) -> None:
    inline, ordinary = engines
    async with create_session_factory(ordinary)() as session, session.begin():
        await sync_people(session, example_playbook, clock.now())
        await link(session, "ana", telegram_user_id=1001, now=clock.now())
        await store(session, *(mention(f"m{n}", thread_id="t1") for n in range(5)), now=clock.now())

    async with create_session_factory(inline)() as session, session.begin():
        result = await process_pending(session, compile_playbook(example_playbook), clock.now())

    assert result.processed == 5
    async with create_session_factory(ordinary)() as session:
        assert await session.scalar(select(func.count()).where(Mention.status == "pending")) == 0
        [escalation] = (await session.scalars(select(Escalation))).all()
    assert escalation.mention_count == 5
