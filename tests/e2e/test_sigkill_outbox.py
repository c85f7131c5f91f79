"""SIGKILL with 500 cards waiting in the outbox: after a restart each is delivered once (at most one, caught
mid-call, is left 'uncertain' and never sent twice), and cards changed while the process was dead show
their latest state."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.pool import NullPool

from bot.clock import SystemClock
from bot.db.engine import create_engine, create_session_factory
from bot.db.migrate import upgrade
from bot.db.models import Escalation, Notification
from bot.escalation.outbox import enqueue_card_refresh
from bot.escalation.people import sync_people
from bot.escalation.pipeline import process_pending
from bot.rules import compile_playbook, parse_playbook
from bot.sandbox import FakeBotApiServer
from tests.support.factories import link, mention, store
from tests.support.process import DirectoProcess

pytestmark = pytest.mark.slow
PEOPLE = 10
CASES = 500
PLAYBOOK = (
    "brand: {name: Movilia}\npeople:\n"
    + "".join(f"  - {{id: e{i}, name: Exec {i}, role: executive, language: en}}\n" for i in range(PEOPLE))
    + "sources: [{id: generic, kind: generic, secret_env: DIRECTO_GENERIC_WEBHOOK_SECRET}]\n"
    + "rules: [{name: crisis, lane: complaint, match: {any: [crisis]}, score: 10, severity: critical}]\n"
    + "escalation:\n  on_call: e0\n  ack_timeout_minutes: 600\n"
    + "routing:\n  routes:\n"
    + "".join(f"    - {{match: {{keywords: [team{i}]}}, person: e{i}}}\n" for i in range(PEOPLE))
)
CARD_ID = re.compile(r"Escalation #(\d+)")


@pytest.fixture
async def telegram() -> AsyncIterator[FakeBotApiServer]:
    async with FakeBotApiServer() as server:
        for i in range(PEOPLE):
            server.act.create_user(1000 + i, f"Exec{i}", language_code="en")
        yield server


async def prepare(url: str) -> None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        await upgrade(engine)
        book = parse_playbook(PLAYBOOK)
        now = SystemClock().now()
        async with create_session_factory(engine)() as session, session.begin():
            await sync_people(session, book, now)
            for i in range(PEOPLE):
                await link(session, f"e{i}", telegram_user_id=1000 + i, now=now)
            for k in range(CASES):
                await store(session, mention(f"k{k}", text=f"crisis team{k % PEOPLE}", thread_id=f"t{k}"), now=now)
            while (await process_pending(session, compile_playbook(book), now, limit=500)).processed:
                pass
    finally:
        await engine.dispose()


async def resolve_some(url: str, count: int) -> set[int]:
    """While the process is dead: resolve some cases; their cards must end up showing it."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        async with create_session_factory(engine)() as session, session.begin():
            rows = (await session.scalars(select(Escalation).order_by(Escalation.id).limit(count))).all()
            now = SystemClock().now()
            for escalation in rows:
                escalation.state, escalation.resolved_at, escalation.updated_at = "resolved", now, now
                await enqueue_card_refresh(session, escalation.id, now)
            return {e.id for e in rows}
    finally:
        await engine.dispose()


async def pending(url: str) -> int:
    engine = create_engine(url, poolclass=NullPool)
    try:
        async with create_session_factory(engine)() as session:
            return int(await session.scalar(select(func.count()).where(Notification.status == "pending")) or 0)
    finally:
        await engine.dispose()


async def test_sigkill_with_500_pending_cards(empty_db_url: str, telegram: FakeBotApiServer, tmp_path: Path) -> None:
    await prepare(empty_db_url)
    playbook = tmp_path / "playbook.yaml"
    playbook.write_text(PLAYBOOK, encoding="utf-8")
    env = {
        "DIRECTO_DATABASE_URL": empty_db_url,
        "DIRECTO_PLAYBOOK": str(playbook),
        "DIRECTO_TELEGRAM_TOKEN": telegram.token,
        "DIRECTO_TELEGRAM_API_URL": telegram.url,
        "DIRECTO_TELEGRAM_PRIVATE_PER_SECOND": "30",
        "DIRECTO_TELEGRAM_GLOBAL_PER_SECOND": "1000",
    }
    directo = DirectoProcess(env, tmp_path / "directo.log")
    try:
        await directo.start()
        for _ in range(600):
            if len(telegram.state.bot_messages()) >= 120:
                break
            await asyncio.sleep(0.01)
        directo.kill()
        resolved = await resolve_some(empty_db_url, 40)
        await directo.start()
        for _ in range(600):
            if await pending(empty_db_url) == 0:
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)
    finally:
        directo.stop()

    cards = [m for m in telegram.state.bot_messages() if CARD_ID.search(m.text)]
    per_case = Counter(int(CARD_ID.search(m.text).group(1)) for m in cards)  # type: ignore[union-attr]
    assert max(per_case.values()) == 1, "no case got two cards"
    engine = create_engine(empty_db_url, poolclass=NullPool)
    async with create_session_factory(engine)() as session:
        uncertain = await session.scalar(select(func.count()).where(Notification.status == "uncertain"))
    await engine.dispose()
    assert uncertain is not None
    assert uncertain <= 1
    assert len(per_case) + uncertain >= CASES, "every card delivered (but the one caught mid-call, if any)"
    for message in cards:
        case_id = int(CARD_ID.search(message.text).group(1))  # type: ignore[union-attr]
        if case_id in resolved:
            assert "resolved" in message.text.lower(), f"case {case_id} shows its latest state"
