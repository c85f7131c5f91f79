"""Fixtures: a started fake server, a raw HTTP client for exact answers, and a PTB Bot pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from telegram import Bot

from bot.sandbox import FakeBotApiServer

ALICE = 1001
BOB = 1002


@pytest.fixture
async def server() -> AsyncIterator[FakeBotApiServer]:
    async with FakeBotApiServer() as running:
        running.act.create_user(ALICE, "Alice", username="alice", language_code="es")
        yield running


@pytest.fixture
async def http(server: FakeBotApiServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=server.url) as client:
        yield client


@pytest.fixture
async def bot(server: FakeBotApiServer) -> AsyncIterator[Bot]:
    async with Bot(server.token, base_url=server.base_url) as telegram_bot:
        yield telegram_bot


class Api:
    """Raw Bot API calls, to check Telegram's exact answers (PTB trims the descriptions)."""

    def __init__(self, client: httpx.AsyncClient, token: str) -> None:
        self.client = client
        self.token = token

    async def __call__(self, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
        response = await self.client.post(f"/bot{self.token}/{method}", json=params)
        return response.status_code, response.json()

    async def ok(self, method: str, **params: Any) -> Any:
        status, body = await self(method, **params)
        assert (status, body["ok"]) == (200, True), body
        return body["result"]

    async def error(self, method: str, **params: Any) -> tuple[int, str]:
        status, body = await self(method, **params)
        assert body["ok"] is False
        assert body["error_code"] == status
        return status, body["description"]


@pytest.fixture
def api(http: httpx.AsyncClient, server: FakeBotApiServer) -> Api:
    return Api(http, server.token)
