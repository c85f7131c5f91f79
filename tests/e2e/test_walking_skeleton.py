"""End to end over real HTTP: the real app and the real PTB stack against the local fake Bot API server.

A person is invited and links their account with /start; a signed mention arrives; the card reaches their
chat; they press Acknowledge; the card is edited in place and the state and timeline are stored.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from bot.cli import create_invite_link
from bot.config import Settings, TelegramMode
from bot.db.models import Escalation, EscalationEvent, Person
from bot.sandbox import FakeBotApiServer, Message
from bot.telegram.callback_data import parse
from tests.support.app_server import RunningApp, app_settings, running_app, wait_until
from tests.support.factories import ROAMING_TEXT

ANA = 5001
pytestmark = pytest.mark.slow


@pytest.fixture
async def telegram() -> AsyncIterator[FakeBotApiServer]:
    async with FakeBotApiServer() as server:
        server.act.create_user(ANA, "Ana", username="ana_ruiz", language_code="es", started=False)
        yield server


def bot_settings(db_url: str, telegram: FakeBotApiServer, **extra: Any) -> Settings:
    return app_settings(db_url, telegram_token=SecretStr(telegram.token), telegram_api_url=telegram.url, **extra)


async def telegram_ready(app: RunningApp) -> bool:
    body = (await app.client.get("/healthz")).json()
    return bool(body["checks"]["telegram"]["ok"])


async def link_ana(settings: Settings, telegram: FakeBotApiServer) -> None:
    invite = await create_invite_link(settings, "ana")
    assert invite["link"].startswith("https://t.me/directo_sandbox_bot?start=")
    telegram.act.send_text(ANA, f"/start {invite['code']}")
    await telegram.state.wait_for_message(ANA, lambda m: "vinculada" in m.text, timeout=10)


def button_data(message: Message, action: str) -> str:
    assert message.reply_markup is not None
    for row in message.reply_markup["inline_keyboard"]:
        for button in row:
            press = parse(button.get("callback_data"))
            if press and press.action.value == action:
                return str(button["callback_data"])
    raise AssertionError(f"no {action} button on the card")


async def run_story(app: RunningApp, telegram: FakeBotApiServer, settings: Settings) -> None:
    await wait_until(lambda: telegram_ready(app))
    await link_ana(settings, telegram)

    response = await app.post_mentions(
        {
            "id": "1",
            "platform": "x",
            "text": ROAMING_TEXT,
            "url": "https://x.com/rooney/status/1",
            "author": {"handle": "@rooney", "name": "Mr. Rooney", "followers": 15300},
        }
    )
    assert response.status_code == 202

    card = await telegram.state.wait_for_message(ANA, lambda m: "CRÍTICO" in m.text, timeout=10)
    assert "Mr. Rooney" in card.text
    assert "Confirmar en" in card.text

    query_id = telegram.act.press_button(ANA, card.message_id, data=button_data(card, "ack"))
    edited = await telegram.state.wait_for_message(
        ANA, lambda m: m.message_id == card.message_id and "confirmada por Ana Ruiz" in m.text, timeout=10
    )
    assert edited.edit_date is not None
    pressable = [b["callback_data"] for row in edited.reply_markup["inline_keyboard"] for b in row]  # type: ignore[index]
    assert button_data(edited, "resolve") in pressable
    assert not any(parse(data) and parse(data).action.value == "ack" for data in pressable)  # type: ignore[union-attr]
    await wait_until(lambda: telegram.state.callback_queries[query_id].answered)
    assert "Confirmada" in str(telegram.state.callback_queries[query_id].answer)

    assert app.runtime.sessions is not None
    async with app.runtime.sessions() as session:
        escalation = await session.scalar(select(Escalation))
        assert escalation is not None
        assert escalation.state == "acknowledged"
        ack = await session.scalar(select(EscalationEvent).where(EscalationEvent.kind == "acknowledge"))
        ana = await session.scalar(select(Person).where(Person.key == "ana"))
        assert ack is not None
        assert ana is not None
        assert ack.actor_person_id == ana.id


async def test_mention_becomes_card_and_acknowledge_edits_it_polling(
    empty_db_url: str, telegram: FakeBotApiServer
) -> None:
    settings = bot_settings(empty_db_url, telegram)
    async with running_app(settings) as app:
        await run_story(app, telegram, settings)
    assert telegram.state.calls_to("getUpdates"), "polling mode reads updates with getUpdates"


async def test_same_story_in_webhook_mode(empty_db_url: str, telegram: FakeBotApiServer) -> None:
    made: list[Settings] = []

    def settings_for(url: str) -> Settings:
        made.append(bot_settings(empty_db_url, telegram, telegram_mode=TelegramMode.WEBHOOK, public_url=url))
        return made[0]

    factory: Callable[[str], Settings] = settings_for
    async with running_app(factory) as app:
        await run_story(app, telegram, made[0])
        [set_webhook] = telegram.state.calls_to("setWebhook")
        assert set_webhook.params["url"] == f"{app.url}/telegram/webhook"
        forged = await app.client.post(
            "/telegram/webhook", json={"update_id": 99}, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}
        )
        assert forged.status_code == 401
    assert not telegram.state.calls_to("getUpdates")


async def test_stranger_gets_a_polite_refusal_and_nothing_else(empty_db_url: str, telegram: FakeBotApiServer) -> None:
    telegram.act.create_user(6666, "Eve", language_code="en")
    settings = bot_settings(empty_db_url, telegram)
    async with running_app(settings) as app:
        await wait_until(lambda: telegram_ready(app))
        telegram.act.send_text(6666, "/start stolen-or-made-up-code")
        reply = await telegram.state.wait_for_message(6666, timeout=10)
        assert "private" in reply.text
        telegram.act.send_text(6666, "what escalations are open?")
        await telegram.state.wait_for_message(6666, lambda m: m.message_id != reply.message_id, timeout=10)
    texts = [m.text for m in telegram.state.bot_messages(6666)]
    assert all("private" in t for t in texts)
