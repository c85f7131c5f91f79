"""/report over the project's fake Bot API server: PTB uploads the chart with sendPhoto (multipart), the
caption is the three-line summary; people who are neither admins nor executives are refused politely."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.pool import NullPool
from telegram.ext import Application, ApplicationBuilder

from bot.clock import FrozenClock
from bot.db.engine import create_engine, create_session_factory
from bot.db.migrate import upgrade
from bot.db.models import Person
from bot.escalation.report import build_report
from bot.escalation.report_charts import speed_chart
from bot.rules import parse_playbook
from bot.rules.holder import PlaybookHolder
from bot.sandbox import FakeBotApiServer
from bot.sandbox.state import Message
from bot.telegram.deps import BotDeps
from bot.telegram.report_command import report_handlers, summary_lines
from tests.escalation.test_policy_scenarios import CHATS
from tests.escalation.test_report import NOW, REPORT_PLAYBOOK, SINCE, build_history, png_size
from tests.support.factories import link

LUCIA, STRANGER = 3001, 3002  # a linked community manager, and someone not linked at all
PERIOD = f"/report {SINCE.isoformat()}"


@pytest.fixture
async def sessions(empty_db_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(empty_db_url, poolclass=NullPool)
    await upgrade(engine)
    factory = create_session_factory(engine)
    async with factory() as session, session.begin():
        await build_history(session, FrozenClock())
        session.add(Person(key="lucia", name="Lucía Mar", role="community_manager", language="es", updated_at=NOW))
        await session.flush()
        await link(session, "lucia", telegram_user_id=LUCIA, now=NOW)
    yield factory
    await engine.dispose()


@pytest.fixture
async def telegram() -> AsyncIterator[FakeBotApiServer]:
    async with FakeBotApiServer() as server:
        for name, uid in (("Carmen", CHATS["carmen"]), ("Pablo", CHATS["pablo"]), ("Lucia", LUCIA), ("Eve", STRANGER)):
            server.act.create_user(uid, name, language_code="en")
        yield server


@pytest.fixture
async def bot_app(
    telegram: FakeBotApiServer, sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    path = tmp_path / "playbook.yaml"
    path.write_text(REPORT_PLAYBOOK, encoding="utf-8")
    application = ApplicationBuilder().token(telegram.token).base_url(telegram.base_url).updater(None).build()
    application.bot_data["deps"] = BotDeps(
        sessions=sessions,
        clock=FrozenClock(NOW),
        wake_outbox=lambda: None,
        playbooks=PlaybookHolder(path, parse_playbook(REPORT_PLAYBOOK)),
    )
    for handler in report_handlers():
        application.add_handler(handler)
    async with application:
        yield application


async def ask(
    application: Application[Any, Any, Any, Any, Any, Any], telegram: FakeBotApiServer, uid: int, text: str
) -> Message:
    before = len(telegram.state.bot_messages(uid))
    telegram.act.send_text(uid, text)
    for update in await application.bot.get_updates(timeout=0):
        await application.process_update(update)
        await application.bot.get_updates(offset=update.update_id + 1, timeout=0)
    messages = telegram.state.bot_messages(uid)
    assert len(messages) == before + 1, [m.text for m in messages]
    return messages[-1]


async def test_an_executive_gets_the_chart_and_three_lines(
    bot_app: Application[Any, Any, Any, Any, Any, Any],
    telegram: FakeBotApiServer,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    answer = await ask(bot_app, telegram, CHATS["pablo"], PERIOD)
    assert answer.photo is not None, "sent with sendPhoto"
    assert answer.text.splitlines() == [
        "5 escalations since 05 Jan: 3 acknowledged, 3 answered; within the deadline: 25% (1/4).",
        "Median to acknowledge 3.0 min (p90 6.2 min); to first response 25.0 min (p90 29.1 min).",
        '3 went past level 1 (no answer 2, no reply in time 1, quiet hours 1). Noisiest rule: "lawsuit" (1× not '
        "relevant).",
    ]
    [size] = answer.photo
    async with sessions() as session:
        expected = speed_chart(await build_report(session, since=SINCE, now=NOW))
    assert (size["width"], size["height"]) == png_size(expected)
    assert size["file_size"] > 10_000
    [call] = telegram.state.calls_to("sendPhoto")
    assert call.params["photo"]["filename"] == "decision-speed.png"


async def test_an_admin_may_ask_for_the_default_week(
    bot_app: Application[Any, Any, Any, Any, Any, Any], telegram: FakeBotApiServer
) -> None:
    answer = await ask(bot_app, telegram, CHATS["carmen"], "/report")
    assert answer.photo is not None
    assert answer.text.startswith("6 escalations since 30 Dec:"), "the case before 09:30 on the 5th counts too"


async def test_others_are_refused_politely(
    bot_app: Application[Any, Any, Any, Any, Any, Any], telegram: FakeBotApiServer
) -> None:
    lucia = await ask(bot_app, telegram, LUCIA, "/report")
    assert lucia.photo is None
    assert lucia.text == "Lo siento, el informe de velocidad de decisión es para administradores y directivos."
    stranger = await ask(bot_app, telegram, STRANGER, "/report")
    assert stranger.text == "Sorry, the decision-speed report is for admins and executives."
    assert telegram.state.calls_to("sendPhoto") == []


async def test_a_bad_period_or_an_empty_one_gets_words_not_a_chart(
    bot_app: Application[Any, Any, Any, Any, Any, Any], telegram: FakeBotApiServer
) -> None:
    usage = await ask(bot_app, telegram, CHATS["pablo"], "/report lately")
    assert usage.text.startswith("Usage: /report [7d]")
    empty = await ask(bot_app, telegram, CHATS["pablo"], "/report 5m")
    assert empty.text == "No escalations since 2026-01-06 06:55."  # the last case opened at 06:50


async def test_summary_in_spanish(sessions: async_sessionmaker[AsyncSession]) -> None:
    async with sessions() as session:
        report = await build_report(session, since=SINCE, now=NOW)
    assert summary_lines(report, "es")[0] == (
        "5 escaladas desde el 05/01: 3 aceptadas, 3 respondidas; dentro de plazo: 25% (1/4)."
    )
