"""Two workers sweeping the same PostgreSQL database page each level once (rows are claimed with
FOR UPDATE SKIP LOCKED and moved on in the same transaction)."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.pool import NullPool

from bot.clock import FrozenClock
from bot.db.engine import create_engine, create_session_factory
from bot.db.migrate import upgrade
from bot.db.models import EscalationEvent
from bot.escalation.deadlines import sweep_due
from bot.escalation.directory import load_directory
from bot.escalation.people import sync_people
from bot.escalation.pipeline import process_pending
from bot.rules import compile_playbook, parse_playbook
from tests.escalation.test_policy_scenarios import CHATS, PLAYBOOK, at
from tests.support.databases import fresh_postgres_database
from tests.support.factories import link, mention, store

pytestmark = pytest.mark.postgres
CASES = 40


@pytest.fixture
def postgres_url() -> str:  # type: ignore[misc]
    with fresh_postgres_database() as url:
        yield url


async def test_two_sweepers_page_each_level_once(postgres_url: str) -> None:
    playbook = parse_playbook(PLAYBOOK)
    clock = FrozenClock(at(9, 0))
    engines = [create_engine(postgres_url, poolclass=NullPool) for _ in range(2)]
    try:
        await upgrade(engines[0])
        sessions = [create_session_factory(engine) for engine in engines]
        async with sessions[0]() as session, session.begin():
            await sync_people(session, playbook, clock.now())
            for key, chat in CHATS.items():
                await link(session, key, telegram_user_id=chat, now=clock.now())
            for i in range(CASES):
                await store(session, mention(f"c{i}", text="crisis", thread_id=f"t{i}"), now=clock.now())
            await process_pending(session, compile_playbook(playbook), clock.now())

        async def sweeper(index: int) -> None:
            for _ in range(5):
                async with sessions[index]() as session, session.begin():
                    directory = await load_directory(session, playbook.people, playbook.rotations, now=clock.now())
                    await sweep_due(session, directory, clock.now(), limit=7)

        clock.advance(timedelta(minutes=5))
        await asyncio.gather(sweeper(0), sweeper(1))

        async with sessions[0]() as session:
            events = (await session.scalars(select(EscalationEvent).where(EscalationEvent.kind == "level_paged"))).all()
        per_level = Counter((e.escalation_id, e.detail["level"]) for e in events)
        assert len(per_level) == 2 * CASES, "every case paged level 1 and then level 2"
        assert set(per_level.values()) == {1}, "no level was paged twice"
    finally:
        for engine in engines:
            await engine.dispose()
