"""Run the real Directo app under uvicorn on a free local port, as a test would reach it over HTTP."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import socket
import time
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn

from bot.app import Runtime, build_app
from bot.clock import Clock
from bot.config import Settings
from bot.sources.standard_webhooks import sign

GENERIC_SECRET = "whsec_" + base64.b64encode(b"directo-test-generic-secret-32b!").decode()


def app_settings(database_url: str, **overrides: Any) -> Settings:
    """Settings that ignore any developer `.env` in the working directory."""
    return Settings(_env_file=None, database_url=database_url, **overrides)  # type: ignore[call-arg]


@dataclass
class RunningApp:
    url: str
    runtime: Runtime
    client: httpx.AsyncClient

    async def post_mentions(
        self,
        body: Any,
        *,
        source: str = "generic",
        secret: str = GENERIC_SECRET,
        msg_id: str | None = None,
        at: float | None = None,
    ) -> httpx.Response:
        raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
        stamp = int(at if at is not None else time.time())
        msg_id = msg_id or f"msg_{time.monotonic_ns()}"
        headers = {
            "webhook-id": msg_id,
            "webhook-timestamp": str(stamp),
            "webhook-signature": sign(secret, msg_id, stamp, raw),
            "content-type": "application/json",
        }
        return await self.client.post(f"/webhooks/{source}", content=raw, headers=headers)


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self):  # type: ignore[no-untyped-def]
        yield  # the test process owns signals


@contextlib.asynccontextmanager
async def running_app(
    settings: Settings | Callable[[str], Settings],
    *,
    clock: Clock | None = None,
    env: Mapping[str, str] | None = None,
) -> AsyncIterator[RunningApp]:
    """The app on a free port. `settings` may be a function of the app's own URL (for webhook mode)."""
    secrets = dict(env) if env is not None else {"DIRECTO_GENERIC_WEBHOOK_SECRET": GENERIC_SECRET}
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    if callable(settings):
        settings = settings(f"http://127.0.0.1:{port}")
    app = build_app(settings, clock=clock, env=lambda: secrets)
    server = _Server(uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:
            if task.done():
                task.result()
                raise RuntimeError("the app stopped while starting")
            await asyncio.sleep(0.01)
        url = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient(base_url=url, timeout=10) as client:
            yield RunningApp(url=url, runtime=app.state.runtime, client=client)
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, timeout=15)
        sock.close()


async def wait_until(predicate: Any, *, within: float = 10.0, interval: float = 0.02) -> Any:
    """Poll an (async or plain) predicate until it returns something truthy."""
    deadline = time.monotonic() + within
    while True:
        value = predicate()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {within} s")
        await asyncio.sleep(interval)
