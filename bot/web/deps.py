"""What the HTTP routes need, handed over by the composition root through `app.state.deps`."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.metrics import Metrics
from bot.web.flood import FloodGate
from bot.web.group_commit import MentionWriter
from bot.web.sources import SourceRegistry

__all__ = ["HealthCheck", "WebDeps"]

# A named check for /healthz: returns (ok, detail).
HealthCheck = Callable[[], Awaitable[tuple[bool, str]]]


@dataclass
class WebDeps:
    sessions: async_sessionmaker[AsyncSession]
    sources: SourceRegistry
    writer: MentionWriter
    metrics: Metrics
    clock: Clock
    max_body_bytes: int
    health_checks: dict[str, HealthCheck]
    # Set in webhook mode: hands a Telegram update to the bot. None when Telegram updates are not taken here.
    telegram_feed: Callable[[dict[str, Any]], Awaitable[None]] | None = None
    telegram_secret: str | None = None
    # Per-source flood control (429 + Retry-After past the configured rate); None: no limit.
    flood: FloodGate | None = None
    # Fire-and-forget work started by requests (flood reports), kept referenced until done.
    background: set[asyncio.Task[None]] = field(default_factory=set)
