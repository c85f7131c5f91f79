"""A forum team chat: each escalation gets its own topic, with its card and what is decided about it, in the
team chat's language."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox import FakeBotApiServer, Message
from tests.e2e.cm_support import TEAM, USERS, community_app, fake_telegram, playbook_file
from tests.e2e.test_executive_card import data_for
from tests.support.app_server import RunningApp, wait_until
from tests.support.factories import ROAMING_TEXT

pytestmark = pytest.mark.slow


@pytest.fixture
async def telegram() -> AsyncIterator[FakeBotApiServer]:
    async with fake_telegram(forum=True) as server:
        yield server


@pytest.fixture
async def app(empty_db_url: str, telegram: FakeBotApiServer, tmp_path: Path) -> AsyncIterator[RunningApp]:
    async with community_app(
        empty_db_url, telegram, playbook_file(tmp_path, team_forum=True, team_language="es")
    ) as running:
        yield running


async def test_each_case_opens_its_own_topic_and_decisions_land_there(
    app: RunningApp, telegram: FakeBotApiServer
) -> None:
    for i, thread in enumerate(("r1", "r2")):
        response = await app.post_mentions({"id": f"f{i}", "platform": "x", "text": ROAMING_TEXT, "thread_id": thread})
        assert response.status_code == 202
    await wait_until(lambda: len(telegram.state.calls_to("createForumTopic")) == 2, within=15)
    topics = telegram.state.chats[TEAM].topics
    assert len(topics) == 2
    assert all(name.startswith("#") for name in topics.values())

    def team_cards() -> list[Message]:
        return [m for m in telegram.state.bot_messages(TEAM) if m.reply_markup]

    cards = await wait_until(lambda: team_cards() if len(team_cards()) == 2 else None, within=15)
    assert {m.message_thread_id for m in cards} == set(topics), "each card sits in its own topic"
    assert all("CRÍTICO" in m.text for m in cards), "in the team chat's language"

    ana_card = await telegram.state.wait_for_message(USERS["ana"], lambda m: bool(m.reply_markup), timeout=15)
    telegram.act.press_button(USERS["ana"], ana_card.message_id, data=data_for(ana_card, "ack"))
    mirrored = await telegram.state.wait_for_message(
        TEAM, lambda m: not m.reply_markup and "Ana Ruiz" in m.text and m.message_thread_id in topics, timeout=15
    )
    card_in_topic = next(m for m in cards if m.message_thread_id == mirrored.message_thread_id)
    assert mirrored.reply_to is not None
    assert mirrored.reply_to.message_id == card_in_topic.message_id
