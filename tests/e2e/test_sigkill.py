"""SIGKILL in the middle of a policy: after a restart the escalation continues where it was, each level
paged exactly once (the deadline that passed while the process was dead is acted on at restart)."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.pool import NullPool

from bot.db.engine import create_engine, create_session_factory
from bot.db.migrate import upgrade
from bot.escalation.people import sync_people
from bot.rules import parse_playbook
from bot.sandbox import FakeBotApiServer
from bot.sources.standard_webhooks import sign
from tests.support.app_server import GENERIC_SECRET
from tests.support.factories import ROAMING_TEXT, link
from tests.support.process import DirectoProcess

pytestmark = pytest.mark.slow

CHATS = {"ana": 7001, "marc": 7002, "carmen": 7003}
PLAYBOOK = """
brand: {name: Movilia, handles: ["@movilia"]}
competitors: [{name: Vozzia, handles: ["@vozzia"]}]
people:
  - {id: ana, name: Ana Ruiz, role: executive, language: es}
  - {id: marc, name: Marc Vidal, role: executive, language: en}
  - {id: carmen, name: Carmen Sol, role: admin, language: es}
sources: [{id: generic, kind: generic, secret_env: DIRECTO_GENERIC_WEBHOOK_SECRET}]
rules: [{name: roaming, lane: complaint, match: {any: [roaming, "datos en el extranjero"]}, score: 10, severity: critical}]
escalation:
  on_call: ana
  policies:
    drill:
      levels:
        - {targets: [{person: ana}], ack_timeout: 3s}
        - {targets: [{person: marc}], ack_timeout: 3s}
        - {targets: [{person: carmen}], ack_timeout: 1h}
  severity_policies: {critical: drill, high: drill}
"""


@pytest.fixture
async def telegram() -> AsyncIterator[FakeBotApiServer]:
    async with FakeBotApiServer() as server:
        for key, chat in CHATS.items():
            server.act.create_user(chat, key.title())
        yield server


async def prepare_database(url: str) -> None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        await upgrade(engine)
        async with create_session_factory(engine)() as session, session.begin():
            from bot.clock import SystemClock

            now = SystemClock().now()
            await sync_people(session, parse_playbook(PLAYBOOK), now)
            for key, chat in CHATS.items():
                await link(session, key, telegram_user_id=chat, now=now)
    finally:
        await engine.dispose()


async def post_mention(url: str) -> None:
    body = json.dumps({"id": "k1", "platform": "x", "text": ROAMING_TEXT}).encode()
    stamp, msg_id = int(time.time()), "msg_sigkill"
    headers = {
        "webhook-id": msg_id,
        "webhook-timestamp": str(stamp),
        "webhook-signature": sign(GENERIC_SECRET, msg_id, stamp, body),
    }
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{url}/webhooks/generic", content=body, headers=headers)
    assert response.status_code == 202, response.text


def cards(telegram: FakeBotApiServer, key: str) -> int:
    return sum(1 for m in telegram.state.bot_messages(CHATS[key]) if m.reply_markup)


async def test_sigkill_mid_policy_then_restart_continues_exactly_once(
    empty_db_url: str, telegram: FakeBotApiServer, tmp_path: Path
) -> None:
    await prepare_database(empty_db_url)
    playbook = tmp_path / "playbook.yaml"
    playbook.write_text(PLAYBOOK, encoding="utf-8")
    env = {
        "DIRECTO_DATABASE_URL": empty_db_url,
        "DIRECTO_PLAYBOOK": str(playbook),
        "DIRECTO_TELEGRAM_TOKEN": telegram.token,
        "DIRECTO_TELEGRAM_API_URL": telegram.url,
        "DIRECTO_SWEEP_INTERVAL_SECONDS": "0.3",
        "DIRECTO_LOG_FORMAT": "json",
    }
    directo = DirectoProcess(env, tmp_path / "directo.log")
    try:
        await directo.start()
        await post_mention(directo.url)
        await telegram.state.wait_for_message(CHATS["ana"], lambda m: bool(m.reply_markup), timeout=10)
        directo.kill()  # level 1 paged, its 3 s deadline running
        assert cards(telegram, "marc") == 0

        await asyncio.sleep(3.5)  # the deadline passes while nothing runs
        await directo.start()
        await telegram.state.wait_for_message(CHATS["marc"], lambda m: bool(m.reply_markup), timeout=10)
        await telegram.state.wait_for_message(CHATS["carmen"], lambda m: bool(m.reply_markup), timeout=10)
        await asyncio.sleep(1.0)  # room for any duplicate to show up
    finally:
        directo.stop()
    assert (cards(telegram, "ana"), cards(telegram, "marc"), cards(telegram, "carmen")) == (1, 1, 1)
    log = (tmp_path / "directo.log").read_text()
    assert "Telegram: long polling" in log
    assert telegram.token not in log, "the bot token never reaches the logs"
