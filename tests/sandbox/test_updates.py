"""Getting updates: long polling with the real PTB Bot and Application, and webhook delivery."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from telegram import Bot, Update
from telegram.error import Conflict
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.sandbox import SECRET_HEADER, FakeBotApiServer

from .conftest import ALICE, Api


async def test_get_updates_returns_queued_messages_and_offset_confirms_them(bot: Bot, server: FakeBotApiServer) -> None:
    server.act.send_text(ALICE, "/start CODE123")
    server.act.send_text(ALICE, "hello")
    first, second = await bot.get_updates()
    assert first.message is not None
    assert first.message.text == "/start CODE123"
    assert [(e.type, e.offset, e.length) for e in first.message.entities] == [("bot_command", 0, 6)]
    assert second.update_id == first.update_id + 1
    assert [u.update_id for u in await bot.get_updates(offset=second.update_id, limit=1)] == [second.update_id]
    assert await bot.get_updates(offset=second.update_id + 1) == ()


async def test_get_updates_long_poll_returns_as_soon_as_an_update_arrives(bot: Bot, server: FakeBotApiServer) -> None:
    loop = asyncio.get_running_loop()
    loop.call_later(0.1, server.act.send_text, ALICE, "late")
    started = loop.time()
    updates = await bot.get_updates(timeout=5)
    assert [u.message.text for u in updates if u.message] == ["late"]
    assert loop.time() - started < 2


async def test_get_updates_honours_allowed_updates(bot: Bot, server: FakeBotApiServer) -> None:
    await bot.get_updates(allowed_updates=["callback_query"])
    server.act.send_text(ALICE, "ignored")
    assert await bot.get_updates() == ()


async def test_get_updates_conflicts_while_a_webhook_is_set(api: Api) -> None:
    assert await api.ok("setWebhook", url="http://127.0.0.1:9/hook") is True
    assert await api.error("getUpdates") == (
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    )
    assert await api.ok("deleteWebhook") is True
    assert await api.ok("getUpdates") == []


async def start_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer /start with the deep-link code."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(f"Linked with code {' '.join(context.args or [])}", do_quote=True)


async def test_ptb_application_answers_start_over_long_polling(server: FakeBotApiServer) -> None:
    app = Application.builder().token(server.token).base_url(server.base_url).build()
    app.add_handler(CommandHandler("start", start_command))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0)
    try:
        server.act.send_text(ALICE, "/start ABC")
        answer = await server.state.wait_for_message(ALICE, lambda m: m.text.startswith("Linked"), timeout=5)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert answer.text == "Linked with code ABC"
    assert answer.reply_to is not None
    assert answer.reply_to.text == "/start ABC"


@contextlib.asynccontextmanager
async def receiver(status_codes: list[int]) -> AsyncIterator[tuple[str, list[tuple[dict[str, str], Any]]]]:
    """A tiny webhook receiver answering the given statuses in turn (then 200), recording what it got."""
    received: list[tuple[dict[str, str], Any]] = []

    async def hook(request: Request) -> Response:
        received.append((dict(request.headers), await request.json()))
        return Response(status_code=status_codes.pop(0) if status_codes else 200)

    config = uvicorn.Config(
        Starlette(routes=[Route("/hook", hook, methods=["POST"])]),
        port=0,
        log_level="warning",
        lifespan="off",
        ws="none",
    )
    server = FakeReceiver(config)
    task = asyncio.create_task(server.serve())
    while not server.started:  # noqa: ASYNC110 - uvicorn offers a flag, not an event
        await asyncio.sleep(0.005)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}/hook", received
    finally:
        server.should_exit = True
        await task


class FakeReceiver(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self):  # type: ignore[no-untyped-def]
        yield


async def test_webhook_posts_updates_in_order_with_the_secret_header_and_retries(
    api: Api, server: FakeBotApiServer
) -> None:
    async with receiver([500]) as (url, received):
        server.act.send_text(ALICE, "queued before")
        assert await api.ok("setWebhook", url=url, secret_token="s3cret") is True
        server.act.send_text(ALICE, "after")
        for _ in range(200):
            if not server.state.updates and len(received) >= 3:
                break
            await asyncio.sleep(0.01)
    texts = [body["message"]["text"] for _, body in received]
    assert texts == ["queued before", "queued before", "after"]  # the first answer was a 500
    assert all(headers[SECRET_HEADER.lower()] == "s3cret" for headers, _ in received)
    info = await api.ok("getWebhookInfo")
    assert info["pending_update_count"] == 0
    assert info["last_error_message"] == "Wrong response from the webhook: 500 Internal Server Error"


async def test_set_webhook_can_drop_pending_updates(api: Api, server: FakeBotApiServer) -> None:
    server.act.send_text(ALICE, "old")
    assert await api.ok("setWebhook", url="http://127.0.0.1:9/nowhere", drop_pending_updates=True)
    assert (await api.ok("getWebhookInfo"))["pending_update_count"] == 0


async def test_a_newer_get_updates_ends_a_waiting_one(bot: Bot, server: FakeBotApiServer) -> None:
    waiting = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    async with Bot(server.token, base_url=server.base_url) as other:
        assert await other.get_updates() == ()
        with pytest.raises(Conflict, match="terminated by other getUpdates request"):
            await waiting
