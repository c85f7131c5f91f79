"""The deadline sweep job: every few seconds, act on escalations whose ack, respond or snooze time has come."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.escalation.deadlines import SweepResult, sweep_due
from bot.escalation.directory import load_directory
from bot.rules.holder import PlaybookHolder

__all__ = ["DeadlineSweeper"]

log = logging.getLogger(__name__)


class DeadlineSweeper:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        playbooks: PlaybookHolder,
        clock: Clock,
        *,
        on_change: Callable[[], None] = lambda: None,
    ) -> None:
        self._sessions = sessions
        self._playbooks = playbooks
        self._clock = clock
        self._on_change = on_change
        self.last_sweep_at = clock.now()

    async def sweep(self) -> SweepResult:
        """One pass, in one transaction; safe to run in several processes at once on PostgreSQL."""
        playbook = self._playbooks.playbook
        async with self._sessions() as session, session.begin():
            directory = await load_directory(session, playbook.people, playbook.rotations, now=self._clock.now())
            result = await sweep_due(session, directory, self._clock.now())
        self.last_sweep_at = self._clock.now()
        if result.changed:
            log.info(
                "deadlines: escalated %s, reminded %s, reopened %s", result.escalated, result.reminded, result.reopened
            )
            self._on_change()
        return result
