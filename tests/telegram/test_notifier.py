"""The notifier against a recording fake Bot: storm edits coalesced, blocked chats skipped at once to the
next level, HTML refused by Telegram resent as plain text, a page given up after its retries."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.pool import NullPool
from telegram import Chat, Message
from telegram.error import BadRequest, Forbidden, NetworkError

from bot.clock import FrozenClock
from bot.db.engine import create_engine, create_session_factory
from bot.db.migrate import upgrade
from bot.db.models import Escalation, Notification, TelegramLink
from bot.escalation.people import sync_people
from bot.escalation.pipeline import process_pending
from bot.metrics import Metrics
from bot.rules import compile_playbook, parse_playbook
from bot.telegram.notifier import Notifier
from tests.escalation.test_policy_scenarios import PLAYBOOK, at
from tests.support.factories import link, mention, store

BOOK = parse_playbook(PLAYBOOK)
SOFIA = 2001


@dataclass
class FakeBot:
    """Records every call; `fail` holds exceptions to raise, in order, before succeeding."""

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    fail: list[Exception] = field(default_factory=list)

    async def _call(self, method: str, kwargs: dict[str, Any]) -> Message:
        self.calls.append((method, kwargs))
        if self.fail:
            raise self.fail.pop(0)
        return Message(message_id=len(self.calls), date=datetime.now(UTC), chat=Chat(kwargs["chat_id"], "private"))

    async def send_message(self, **kwargs: Any) -> Message:
        return await self._call("send_message", kwargs)

    async def edit_message_text(self, **kwargs: Any) -> Message:
        return await self._call("edit_message_text", kwargs)

    def methods(self) -> list[str]:
        return [m for m, _ in self.calls]


@pytest.fixture
async def sessions(empty_db_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(empty_db_url, poolclass=NullPool)
    await upgrade(engine)
    yield create_session_factory(engine)
    await engine.dispose()


async def open_case(sessions: async_sessionmaker[AsyncSession], clock: FrozenClock, *texts: str) -> None:
    async with sessions() as session, session.begin():
        await sync_people(session, BOOK, clock.now())
        for key, chat in {"sofia": SOFIA, "marc": 2003, "ana": 2004, "pablo": 2002, "carmen": 2005}.items():
            await link(session, key, telegram_user_id=chat, now=clock.now())
        for i, text in enumerate(texts or ("crisis",)):
            await store(session, mention(f"m{i}", text=text, thread_id="t1"), now=clock.now())
        await process_pending(session, compile_playbook(BOOK), clock.now())


async def attach(sessions: async_sessionmaker[AsyncSession], clock: FrozenClock, n: int, start: int) -> None:
    async with sessions() as session, session.begin():
        for i in range(start, start + n):
            await store(session, mention(f"s{i}", text="crisis", thread_id="t1"), now=clock.now())
        await process_pending(session, compile_playbook(BOOK), clock.now())


async def test_storm_edits_of_a_card_are_coalesced(sessions: async_sessionmaker[AsyncSession]) -> None:
    clock, bot = FrozenClock(at(9, 0)), FakeBot()
    notifier = Notifier(bot, sessions, clock, Metrics(), edit_interval=timedelta(seconds=5))  # type: ignore[arg-type]
    await open_case(sessions, clock)
    await notifier.deliver_due()
    assert bot.methods() == ["send_message"]
    for second in range(1, 20):  # a mention every second for 19 s
        clock.set(at(9, 0) + timedelta(seconds=second))
        await attach(sessions, clock, 1, second)
        await notifier.deliver_due()
    assert bot.methods().count("edit_message_text") <= 4, "at most one edit per card every 5 s"
    assert bot.methods().count("edit_message_text") >= 3, "but the card keeps up"


async def test_blocked_chat_lets_the_escalation_move_on_at_once(sessions: async_sessionmaker[AsyncSession]) -> None:
    clock = FrozenClock(at(9, 0))
    bot = FakeBot(fail=[Forbidden("Forbidden: bot was blocked by the user")])
    notifier = Notifier(bot, sessions, clock, Metrics())  # type: ignore[arg-type]
    await open_case(sessions, clock)
    await notifier.deliver_due()
    async with sessions() as session:
        link_row = await session.scalar(select(TelegramLink).where(TelegramLink.chat_id == SOFIA))
        escalation = await session.scalar(select(Escalation))
    assert link_row is not None
    assert link_row.reachable is False
    assert escalation is not None
    assert escalation.ack_due_at == clock.now(), "due now: the next sweep pages level 2"


async def test_html_refused_by_telegram_is_sent_again_as_plain_text(sessions: async_sessionmaker[AsyncSession]) -> None:
    clock = FrozenClock(at(9, 0))
    bot = FakeBot(fail=[BadRequest('Can\'t parse entities: unsupported start tag "x" at byte offset 0')])
    notifier = Notifier(bot, sessions, clock, Metrics())  # type: ignore[arg-type]
    await open_case(sessions, clock)
    await notifier.deliver_due()
    await notifier.deliver_due()
    assert bot.methods() == ["send_message", "send_message"]
    assert bot.calls[0][1]["parse_mode"] == "HTML"
    assert bot.calls[1][1]["parse_mode"] is None
    assert "<b>" not in bot.calls[1][1]["text"]


async def test_network_errors_are_retried_with_backoff_then_given_up(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    clock = FrozenClock(at(9, 0))
    bot = FakeBot(fail=[NetworkError("connection refused")] * 8)
    notifier = Notifier(bot, sessions, clock, Metrics())  # type: ignore[arg-type]
    await open_case(sessions, clock)
    for _ in range(20):
        await notifier.deliver_due()
        clock.advance(seconds=70)
    async with sessions() as session:
        row = await session.scalar(select(Notification).where(Notification.kind == "card_send"))
        escalation = await session.scalar(select(Escalation))
    assert row is not None
    assert (row.status, row.attempts) == ("failed", 8)
    assert escalation is not None
    assert escalation.ack_due_at is not None
    assert escalation.ack_due_at <= clock.now()


async def test_not_modified_counts_as_delivered(sessions: async_sessionmaker[AsyncSession]) -> None:
    clock = FrozenClock(at(9, 0))
    bot = FakeBot()
    notifier = Notifier(bot, sessions, clock, Metrics())  # type: ignore[arg-type]
    await open_case(sessions, clock)
    await notifier.deliver_due()
    clock.advance(seconds=10)
    await attach(sessions, clock, 1, 1)
    bot.fail = [
        BadRequest("Message is not modified: specified new message content and reply markup are exactly the same")
    ]
    await notifier.deliver_due()
    async with sessions() as session:
        edit = await session.scalar(select(Notification).where(Notification.kind == "card_edit"))
    assert edit is not None
    assert edit.status == "sent"


async def test_a_page_that_timed_out_is_not_sent_again(sessions: async_sessionmaker[AsyncSession]) -> None:
    from telegram.error import TimedOut

    clock = FrozenClock(at(9, 0))
    bot = FakeBot(fail=[TimedOut("Timed out")])
    notifier = Notifier(bot, sessions, clock, Metrics())  # type: ignore[arg-type]
    await open_case(sessions, clock)
    await notifier.deliver_due()
    clock.advance(seconds=60)
    await notifier.deliver_due()
    assert bot.methods() == ["send_message"], "Telegram may have delivered it: at most once"
    async with sessions() as session:
        row = await session.scalar(select(Notification).where(Notification.kind == "card_send"))
    assert row is not None
    assert row.status == "uncertain"
