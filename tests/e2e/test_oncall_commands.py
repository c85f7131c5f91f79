"""/oncall, /cover and /swap over the fake Bot API server with the real app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from bot.clock import FrozenClock
from bot.db.models import RotationOverride
from bot.sandbox import FakeBotApiServer
from bot.telegram.periods import parse_period
from tests.escalation.test_policy_scenarios import PLAYBOOK, at
from tests.support.app_server import RunningApp, app_settings, running_app, wait_until
from tests.support.factories import link

pytestmark = pytest.mark.slow
USERS = {"sofia": 8001, "pablo": 8002, "marc": 8003}


@pytest.fixture
async def telegram() -> AsyncIterator[FakeBotApiServer]:
    async with FakeBotApiServer() as server:
        for key, uid in USERS.items():
            server.act.create_user(uid, key.title(), username=f"{key}_tg", language_code="en")
        yield server


@pytest.fixture
async def app(empty_db_url: str, telegram: FakeBotApiServer, tmp_path: Path) -> AsyncIterator[RunningApp]:
    playbook = tmp_path / "playbook.yaml"
    playbook.write_text(PLAYBOOK, encoding="utf-8")
    clock = FrozenClock(at(10, 0, day=6))  # Tuesday of sofia's week
    settings = app_settings(
        empty_db_url, telegram_token=SecretStr(telegram.token), telegram_api_url=telegram.url, playbook=playbook
    )
    async with running_app(settings, clock=clock) as running:
        assert running.runtime.sessions is not None
        async with running.runtime.sessions() as session, session.begin():
            for key, uid in USERS.items():
                await link(session, key, telegram_user_id=uid, now=clock.now(), username=f"{key}_tg")
        await wait_until(lambda: running.runtime.telegram_ready)
        yield running


async def _reply(telegram: FakeBotApiServer, uid: int, text: str) -> str:
    before = {m.message_id for m in telegram.state.bot_messages(uid)}
    telegram.act.send_text(uid, text)
    message = await telegram.state.wait_for_message(uid, lambda m: m.message_id not in before, timeout=10)
    return message.text


async def test_oncall_lists_now_and_next(app: RunningApp, telegram: FakeBotApiServer) -> None:
    text = await _reply(telegram, USERS["marc"], "/oncall")
    assert "execs (primary): sofia now · next pablo from Mon 12 Jan 09:00" in text
    assert "execs (secondary): marc now" in text


async def test_cover_needs_the_covered_persons_confirmation(app: RunningApp, telegram: FakeBotApiServer) -> None:
    answer = await _reply(telegram, USERS["pablo"], "/cover @sofia 18:00-23:00")
    assert "Asked Sofía Paz to confirm" in answer
    request = await telegram.state.wait_for_message(USERS["sofia"], lambda m: "offers to cover" in m.text, timeout=10)
    assert request.reply_markup is not None
    accept = request.reply_markup["inline_keyboard"][0][0]["callback_data"]

    telegram.act.press_button(USERS["sofia"], request.message_id, data=accept)
    await telegram.state.wait_for_message(USERS["pablo"], lambda m: "agreed" in m.text, timeout=10)
    assert app.runtime.sessions is not None
    async with app.runtime.sessions() as session:
        row = await session.scalar(select(RotationOverride))
    assert row is not None
    assert (row.status, row.person_key, row.replaces) == ("active", "pablo", "sofia")
    assert row.start_at == datetime(2026, 1, 6, 17, 0, tzinfo=UTC)
    text = await _reply(telegram, USERS["marc"], "/oncall")
    assert "sofia now" in text, "the cover starts at 18:00, it is 10:00"


async def test_swap_trades_next_shifts(app: RunningApp, telegram: FakeBotApiServer) -> None:
    answer = await _reply(telegram, USERS["sofia"], "/swap @pablo_tg")
    assert "Asked Pablo Gil to confirm" in answer
    request = await telegram.state.wait_for_message(USERS["pablo"], lambda m: "swap shifts" in m.text, timeout=10)
    accept = request.reply_markup["inline_keyboard"][0][0]["callback_data"]  # type: ignore[index]
    telegram.act.press_button(USERS["pablo"], request.message_id, data=accept)
    await telegram.state.wait_for_message(USERS["sofia"], lambda m: "agreed" in m.text, timeout=10)
    assert app.runtime.sessions is not None
    async with app.runtime.sessions() as session:
        rows = (await session.scalars(select(RotationOverride).order_by(RotationOverride.id))).all()
    assert [(r.person_key, r.replaces, r.status) for r in rows] == [
        ("pablo", "sofia", "active"),
        ("sofia", "pablo", "active"),
    ]


async def test_cover_with_a_bad_period_explains_the_usage(app: RunningApp, telegram: FakeBotApiServer) -> None:
    assert "Usage: /cover" in await _reply(telegram, USERS["pablo"], "/cover @sofia tonight")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("18:00-23:00", (datetime(2026, 1, 6, 17, 0, tzinfo=UTC), datetime(2026, 1, 6, 22, 0, tzinfo=UTC))),
        ("22:00-06:00", (datetime(2026, 1, 6, 21, 0, tzinfo=UTC), datetime(2026, 1, 7, 5, 0, tzinfo=UTC))),
        (
            "2026-03-28T20:00-2026-03-29T09:00",
            (datetime(2026, 3, 28, 19, 0, tzinfo=UTC), datetime(2026, 3, 29, 7, 0, tzinfo=UTC)),
        ),
        ("tonight", None),
        ("2026-03-29T09:00-2026-03-28T09:00", None),
    ],
)
def test_period_parsing_in_the_persons_time_zone(text: str, expected: tuple[datetime, datetime] | None) -> None:
    assert parse_period(text, "Europe/Madrid", at(10, 0, day=6)) == expected
