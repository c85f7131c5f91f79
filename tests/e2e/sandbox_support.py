"""Run Directo in sandbox mode (`bot.sandbox_mode.build_sandbox_app`) under uvicorn on a free local port."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import uvicorn

from bot.config import Settings
from bot.sandbox_mode import Sandbox, build_sandbox_app
from tests.support.app_server import GENERIC_SECRET, app_settings


@dataclass
class RunningSandbox:
    url: str
    sandbox: Sandbox
    client: httpx.AsyncClient


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self):  # type: ignore[no-untyped-def]
        yield  # the test process owns signals


def sandbox_settings(db_url: str) -> Settings:
    """No Telegram token: what makes `directo run` start in sandbox mode."""
    return app_settings(db_url, pipeline_process=False)


@contextlib.asynccontextmanager
async def running_sandbox(settings: Settings) -> AsyncIterator[RunningSandbox]:
    """The sandbox-mode app on a free port, once every person of the playbook is linked."""
    app = build_sandbox_app(settings, env=lambda: {"DIRECTO_GENERIC_WEBHOOK_SECRET": GENERIC_SECRET})
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = _Server(
        uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False, timeout_graceful_shutdown=2)
    )
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        while not server.started:
            if task.done():
                task.result()
                raise RuntimeError("the app stopped while starting")
            await asyncio.sleep(0.01)
        sandbox: Sandbox = app.state.sandbox
        await asyncio.wait_for(sandbox.linked.wait(), 20)
        async with httpx.AsyncClient(base_url=url, timeout=10) as client:
            yield RunningSandbox(url=url, sandbox=sandbox, client=client)
    finally:
        server.should_exit = True
        try:
            await asyncio.wait_for(task, timeout=15)
        finally:
            sock.close()
