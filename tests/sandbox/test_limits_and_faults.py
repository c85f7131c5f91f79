"""Switchable flood limits (429 with retry_after) and injected failures."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from telegram import Bot
from telegram.error import NetworkError, RetryAfter

from bot.sandbox import FakeBotApiServer

from .conftest import ALICE, Api


async def test_rate_limits_are_off_by_default(api: Api) -> None:
    for i in range(10):
        await api.ok("sendMessage", chat_id=ALICE, text=str(i))


async def test_private_chat_flood_gets_429_with_retry_after_when_switched_on(
    bot: Bot, api: Api, server: FakeBotApiServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # PTB 22 warns about int retry_after otherwise
    server.set_rate_limits(True)
    for i in range(3):  # a short burst is fine
        await bot.send_message(ALICE, str(i))
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(ALICE, "one too many")
    assert raised.value.retry_after == dt.timedelta(seconds=1)
    status, body = await api("sendMessage", chat_id=ALICE, text="again")
    assert (status, body["description"], body["parameters"]) == (
        429,
        "Too Many Requests: retry after 1",
        {"retry_after": 1},
    )
    assert server.state.too_many_requests == 2


async def test_group_flood_limit_is_twenty_a_minute(api: Api, server: FakeBotApiServer) -> None:
    server.act.create_group(-42, "Team", member_ids=[ALICE])
    server.set_rate_limits(True)
    for i in range(20):
        await api.ok("sendMessage", chat_id=-42, text=str(i))
    status, body = await api("sendMessage", chat_id=-42, text="21st")
    assert status == 429
    assert body["parameters"]["retry_after"] == 3


async def test_next_calls_can_fail_with_500_or_502(bot: Bot, server: FakeBotApiServer) -> None:
    server.faults.add(status=500, count=1)
    server.faults.add(status=502, count=1, methods=["sendMessage"])
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(ALICE, "a")
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(ALICE, "b")
    assert (await bot.send_message(ALICE, "c")).text == "c"
    assert [(c.ok, c.error_code) for c in server.state.calls_to("sendMessage")] == [
        (False, 500),
        (False, 502),
        (True, None),
    ]


async def test_calls_can_hang_for_a_while(api: Api, server: FakeBotApiServer) -> None:
    server.faults.add(status=None, hang=0.2, duration=10)
    loop = asyncio.get_running_loop()
    started = loop.time()
    await api.ok("getMe")
    assert loop.time() - started >= 0.2
