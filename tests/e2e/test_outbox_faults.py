"""The Bot API server goes away (connections refused), then answers 5xx: once it is back, every page is
delivered, pages before storm edits, none twice."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.sandbox import FakeBotApiServer
from tests.escalation.test_policy_scenarios import PLAYBOOK
from tests.support.app_server import RunningApp, app_settings, running_app, wait_until
from tests.support.factories import link

pytestmark = pytest.mark.slow
SOFIA = 9001
SOLO = PLAYBOOK.replace(
    "rotations:", "sources: [{id: generic, kind: generic, secret_env: DIRECTO_GENERIC_WEBHOOK_SECRET}]\nrotations:"
).replace(
    "  severity_policies: {critical: standard, high: standard}",
    "    solo: {levels: [{targets: [{person: sofia}], ack_timeout: 1h}]}\n  severity_policies: {critical: solo, high: solo}",
)


@pytest.fixture
async def telegram() -> AsyncIterator[FakeBotApiServer]:
    server = FakeBotApiServer()
    await server.start()
    server.act.create_user(SOFIA, "Sofía", language_code="es")
    yield server
    await server.stop()


@pytest.fixture
async def app(empty_db_url: str, telegram: FakeBotApiServer, tmp_path: Path) -> AsyncIterator[RunningApp]:
    playbook = tmp_path / "playbook.yaml"
    playbook.write_text(SOLO, encoding="utf-8")
    settings = app_settings(
        empty_db_url,
        telegram_token=SecretStr(telegram.token),
        telegram_api_url=telegram.url,
        playbook=playbook,
        card_edit_interval_seconds=0,
        telegram_private_per_second=30,
    )
    async with running_app(settings) as running:
        assert running.runtime.sessions is not None
        async with running.runtime.sessions() as session, session.begin():
            await link(session, "sofia", telegram_user_id=SOFIA, now=running.runtime.clock.now())
        await wait_until(lambda: running.runtime.telegram_ready)
        yield running


def cards(telegram: FakeBotApiServer) -> list[str]:
    return [m.text.splitlines()[0] for m in telegram.state.bot_messages(SOFIA) if m.reply_markup]


async def test_outage_then_recovery_delivers_pages_first_and_none_twice(
    app: RunningApp, telegram: FakeBotApiServer
) -> None:
    assert (
        await app.post_mentions({"id": "a1", "platform": "x", "text": "crisis", "thread_id": "A"})
    ).status_code == 202
    await telegram.state.wait_for_message(SOFIA, lambda m: bool(m.reply_markup), timeout=10)

    await telegram.stop()  # connections refused from now on
    for i in range(3):  # a storm on case A (edits) and two new cases (pages), all while Telegram is away
        await app.post_mentions({"id": f"a{i + 2}", "platform": "x", "text": "crisis", "thread_id": "A"})
    await app.post_mentions({"id": "b1", "platform": "x", "text": "crisis", "thread_id": "B"})
    await app.post_mentions({"id": "c1", "platform": "x", "text": "crisis", "thread_id": "C"})
    await asyncio.sleep(2.5)  # the notifier fails and backs off
    calls_before = len(telegram.state.calls)

    await telegram.start()  # back, on the same port, but answering 502 to the next two calls
    telegram.faults.add(status=502, count=2, methods=["sendMessage", "editMessageText"])
    await wait_until(lambda: len(cards(telegram)) == 3, within=20)
    await wait_until(lambda: any("4" in m.text for m in telegram.state.bot_messages(SOFIA)), within=20)
    await asyncio.sleep(1.0)  # room for a duplicate to show up

    assert len(cards(telegram)) == 3, "one card per case, none twice"
    delivered = [
        c.method for c in telegram.state.calls[calls_before:] if c.ok and c.method in ("sendMessage", "editMessageText")
    ]
    first_edit = delivered.index("editMessageText") if "editMessageText" in delivered else len(delivered)
    assert delivered[:first_edit].count("sendMessage") == 2, "the two pages went out before the storm edit"
