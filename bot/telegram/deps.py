"""What the bot's handlers need, stored in `application.bot_data["deps"]` by the composition root."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.rules.holder import PlaybookHolder

__all__ = ["BotDeps", "deps_of"]


@dataclass
class BotDeps:
    sessions: async_sessionmaker[AsyncSession]
    clock: Clock
    # Called after a change that queued card edits, so they go out now rather than at the next poll.
    wake_outbox: Callable[[], None]
    # The playbook in force (reloaded in place on SIGHUP or when the file changes).
    playbooks: PlaybookHolder
    # Where secrets named in the playbook are read (`.env`, then the process environment).
    env: Callable[[], Mapping[str, str]] = field(default=lambda: os.environ)
    # Called after a forwarded mention is committed, so the pipeline triages it now rather than at its next poll.
    wake_pipeline: Callable[[], None] = field(default=lambda: None)


def deps_of(bot_data: dict[str, Any]) -> BotDeps:
    deps = bot_data["deps"]
    assert isinstance(deps, BotDeps)
    return deps
