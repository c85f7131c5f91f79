"""The ASGI application Directo serves: FastAPI, with webhook POSTs taken before its routing.

`POST /webhooks/{source}` is the one route that carries the load (a storm is thousands of them per second), and
FastAPI's per-request machinery (middleware stack, routing, dependency solving, Request and Response objects)
costs more CPU than the work itself; `bot.web.ingest.WebhookEndpoint` serves it straight from the ASGI scope.
Everything else, lifespan included, is plain FastAPI.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from starlette.types import Receive, Scope, Send

from bot.web.deps import WebDeps
from bot.web.ingest import WebhookEndpoint

__all__ = ["DirectoASGI"]


class DirectoASGI(FastAPI):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._webhooks = WebhookEndpoint(self._deps)

    def _deps(self) -> WebDeps | None:
        deps: WebDeps | None = getattr(self.state, "deps", None)
        return deps

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        source_id = WebhookEndpoint.source_of(scope)
        if source_id is None:
            await super().__call__(scope, receive, send)
        else:
            await self._webhooks(scope, receive, send, source_id)
