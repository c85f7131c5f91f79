"""Shared set-up for the community-manager tests: the example playbook with an observer and a team chat,
everyone linked, and the real app over the fake Bot API server."""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import SecretStr
from sqlalchemy import select

from bot import examples
from bot.db.models import Escalation, Mention
from bot.sandbox import FakeBotApiServer, Message
from tests.support.app_server import RunningApp, app_settings, running_app, wait_until
from tests.support.factories import link

EXAMPLE = Path(examples.__file__).parent / "playbook.yaml"
TEAM = -1005000
USERS = {"ana": 5001, "marc": 5002, "lucia": 7001, "olga": 7002, "admin": 7003}
STRANGER = 6666
LANGUAGES = {"ana": "es", "lucia": "es"}


def playbook_text(*, team_forum: bool = False, team_language: str = "en") -> str:
    data: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["people"].append({"id": "olga", "name": "Olga Ríos", "role": "observer", "language": "en", "timezone": "UTC"})
    data["team_chats"] = [{"id": "crisis-room", "chat_id": TEAM, "forum": team_forum, "language": team_language}]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def playbook_file(tmp_path: Path, **options: Any) -> Path:
    path = tmp_path / "playbook.yaml"
    path.write_text(playbook_text(**options), encoding="utf-8")
    return path


@contextlib.asynccontextmanager
async def fake_telegram(*, forum: bool = False) -> AsyncIterator[FakeBotApiServer]:
    async with FakeBotApiServer() as server:
        for key, uid in USERS.items():
            server.act.create_user(uid, key.title(), username=f"{key}_tg", language_code=LANGUAGES.get(key, "en"))
        server.act.create_user(STRANGER, "Eve", language_code="en")
        server.act.create_group(TEAM, "Crisis room", member_ids=[*USERS.values(), STRANGER], forum=forum)
        yield server


@contextlib.asynccontextmanager
async def community_app(db_url: str, telegram: FakeBotApiServer, playbook: Path) -> AsyncIterator[RunningApp]:
    settings = app_settings(
        db_url, telegram_token=SecretStr(telegram.token), telegram_api_url=telegram.url, playbook=playbook
    )
    async with running_app(settings) as app:
        assert app.runtime.sessions is not None
        now = app.runtime.clock.now()
        async with app.runtime.sessions() as session, session.begin():
            for key, uid in USERS.items():
                await link(session, key, telegram_user_id=uid, now=now, username=f"{key}_tg")
        await wait_until(lambda: app.runtime.telegram_ready)
        yield app


async def bot_says(telegram: FakeBotApiServer, chat_id: int, needle: str) -> Message:
    return await telegram.state.wait_for_message(chat_id, lambda m: needle in m.text, timeout=15)


async def answer_to(telegram: FakeBotApiServer, chat_id: int, text: str, *, from_user_id: int | None = None) -> str:
    """Send a text; return the bot's next message in that chat."""
    before = {m.message_id for m in telegram.state.bot_messages(chat_id)}
    telegram.act.send_text(chat_id, text, from_user_id=from_user_id)
    message = await telegram.state.wait_for_message(chat_id, lambda m: m.message_id not in before, timeout=15)
    return message.text


async def pressed(telegram: FakeBotApiServer, chat_id: int, message: Message, data: str, user_id: int) -> str:
    """A press by `user_id`; the toast once answered."""
    query_id = telegram.act.press_button(chat_id, message.message_id, data=data, from_user_id=user_id)
    await wait_until(lambda: telegram.state.callback_queries[query_id].answered, within=15)
    return str((telegram.state.callback_queries[query_id].answer or {}).get("text"))


async def stored_mention(app: RunningApp, external_id: str) -> Mention:
    assert app.runtime.sessions is not None

    async def find() -> Mention | None:
        async with app.runtime.sessions() as session:  # type: ignore[misc]
            return await session.scalar(
                select(Mention).where(Mention.source == "telegram-forward", Mention.external_id == external_id)
            )

    found = await wait_until(find, within=15)
    assert isinstance(found, Mention)
    return found


async def escalation(app: RunningApp, escalation_id: int) -> Escalation:
    assert app.runtime.sessions is not None
    async with app.runtime.sessions() as session:
        found = await session.get(Escalation, escalation_id)
    assert found is not None
    return found


def now_stamp() -> int:
    return int(time.time())
