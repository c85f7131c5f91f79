"""The Bot that delivers the outbox: the same API server, HTTP settings and rate limiter as the application's.

Built on its own where the outbox is delivered outside the web process (the pipeline's process, see
`bot.pipeline_child`), without the handlers and everything they import.
"""

from __future__ import annotations

from typing import Any

from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

__all__ = ["api_request", "build_sending_bot"]


def api_request() -> HTTPXRequest:
    """The HTTP client for Bot API calls other than long polling."""
    return HTTPXRequest(connection_pool_size=16, connect_timeout=5, read_timeout=10, write_timeout=10)


def build_sending_bot(*, token: str, api_url: str) -> ExtBot[Any]:
    """`<api_url>/bot<token>/<method>`, behind PTB's rate limiter (no retries of its own: the outbox retries)."""
    return ExtBot(
        token,
        base_url=f"{api_url}/bot",
        base_file_url=f"{api_url}/file/bot",
        request=api_request(),
        rate_limiter=AIORateLimiter(max_retries=0),
    )
