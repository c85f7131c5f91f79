"""The secret in an Octolens or YouScan webhook URL never reaches an access log, even with uvicorn's turned on."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from pathlib import Path

import httpx
import pytest
import uvicorn

from bot.app import build_app
from tests.sources.samples import OCTOLENS_SECRET, X_SECRET, raw
from tests.support.app_server import app_settings, wait_until
from tests.web.sources_support import ENV, write_playbook


async def test_query_secret_is_kept_out_of_the_access_log(
    empty_db_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = app_settings(empty_db_url, playbook=write_playbook(tmp_path))
    app = build_app(settings, env=lambda: ENV)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, access_log=True, lifespan="on"))
    server.capture_signals = _no_signals  # type: ignore[method-assign,assignment]
    with caplog.at_level(logging.INFO, logger="uvicorn.access"):
        task = asyncio.create_task(server.serve(sockets=[sock]))
        try:
            await wait_until(lambda: server.started)
            async with httpx.AsyncClient(base_url=url) as client:
                octolens = await client.post(
                    "/webhooks/octolens",
                    params={"secret": OCTOLENS_SECRET},
                    content=raw("octolens", "mention_created_en.json"),
                )
                crc = await client.get("/webhooks/x", params={"crc_token": "visible-token"})
        finally:
            server.should_exit = True
            await asyncio.wait_for(task, timeout=15)
            sock.close()
    assert octolens.status_code == 202
    assert crc.status_code == 200
    access = [r.getMessage() for r in caplog.records if r.name == "uvicorn.access"]
    assert any("/webhooks/octolens" in line for line in access), access
    assert not any(OCTOLENS_SECRET in line or "secret=" in line for line in access), access
    assert any("crc_token=visible-token" in line for line in access), "other kinds' queries are left alone"
    assert X_SECRET not in caplog.text


def _no_signals() -> contextlib.AbstractContextManager[None]:  # the test process owns signals
    return contextlib.nullcontext()
