"""The control API's change feed (one long poll for a page showing several chats) and the page's files."""

from __future__ import annotations

import asyncio

import httpx

from bot.sandbox import FakeBotApiServer
from bot.sandbox.page import page_app

from .conftest import ALICE


async def test_changes_answers_at_once_when_behind_and_waits_when_up_to_date(
    server: FakeBotApiServer, http: httpx.AsyncClient
) -> None:
    first = (await http.get("/_sandbox/changes", params={"since": -1, "wait": 5})).json()["version"]
    assert first >= 0

    waiting = asyncio.create_task(http.get("/_sandbox/changes", params={"since": first, "wait": 5}))
    await asyncio.sleep(0.1)
    assert not waiting.done()
    server.act.send_text(ALICE, "hola")
    answer = (await asyncio.wait_for(waiting, 2)).json()
    assert answer["version"] > first

    quiet = await http.get("/_sandbox/changes", params={"since": answer["version"], "wait": 0.2})
    assert quiet.json()["version"] == answer["version"]


async def test_page_files_are_served_and_not_cached() -> None:
    transport = httpx.ASGITransport(app=page_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://page") as client:
        page = await client.get("/")
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert page.headers["cache-control"] == "no-store"
        assert 'src="sandbox.js"' in page.text
        assert (await client.get("/sandbox.js")).headers["content-type"].startswith("text/javascript")
        assert (await client.get("/sandbox.css")).headers["content-type"].startswith("text/css")
        assert (await client.get("/nothing")).status_code == 404
