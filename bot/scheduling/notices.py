"""The rotation-notices job: reminders before shifts, hand-overs, the admins' daily check, the digests."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.escalation.directory import load_directory
from bot.escalation.notices import queue_daily_checks, queue_digests, queue_rotation_notices
from bot.rules.holder import PlaybookHolder

__all__ = ["RotationNotices"]

log = logging.getLogger(__name__)


class RotationNotices:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        playbooks: PlaybookHolder,
        clock: Clock,
        *,
        on_queued: Callable[[], None] = lambda: None,
    ) -> None:
        self._sessions = sessions
        self._playbooks = playbooks
        self._clock = clock
        self._on_queued = on_queued

    async def run(self) -> int:
        playbook = self._playbooks.playbook
        now = self._clock.now()
        async with self._sessions() as session, session.begin():
            directory = await load_directory(session, playbook.people, playbook.rotations, now=now)
            queued = await queue_rotation_notices(session, directory, now)
            queued += await queue_daily_checks(session, directory, playbook, now)
            queued += await queue_digests(session, directory, playbook, now)
        if queued:
            log.info("queued %d rotation notice(s)", queued)
            self._on_queued()
        return queued
