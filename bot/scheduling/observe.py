"""The metrics job: decision-speed histograms from the timeline, queue depths, sweep lag."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.escalation.observations import last_event_id, new_timings, queue_depths
from bot.metrics import Metrics

__all__ = ["Observer"]


class Observer:
    """Reads only events newer than the last it saw (it starts from the newest at start-up, so a restart
    never counts history twice; Prometheus counters restart from zero anyway)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        metrics: Metrics,
        *,
        last_sweep_at: Callable[[], datetime | None] = lambda: None,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._metrics = metrics
        self._last_sweep_at = last_sweep_at
        self._after: int | None = None

    async def run(self) -> None:
        async with self._sessions() as session:
            if self._after is None:
                self._after = await last_event_id(session)
            timings, self._after = await new_timings(session, self._after)
            mentions, notifications = await queue_depths(session)
        histograms = {
            "first_page": self._metrics.time_to_first_page,
            "ack": self._metrics.time_to_ack,
            "first_response": self._metrics.time_to_response,
        }
        for timing in timings:
            histograms[timing.kind].labels(timing.severity).observe(max(0.0, timing.seconds))
        self._metrics.pipeline_backlog.set(mentions)
        self._metrics.notifications_pending.set(notifications)
        swept = self._last_sweep_at()
        if swept is not None:
            self._metrics.sweep_lag.set(max(0.0, (self._clock.now() - swept).total_seconds()))
