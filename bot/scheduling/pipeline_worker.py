"""Runs the pipeline: woken at once when mentions are committed, and polling as a safety net.

It runs in the web process (`DIRECTO_PIPELINE_PROCESS=false`, and apps built with an injected clock) or, by
default, in a child process of its own (`bot.scheduling.pipeline_process`), where `on_batch` reports each
batch back to the web process.

Each batch is one transaction: a crash before the commit leaves the mentions pending, so they are taken
again after a restart, and nothing is done twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db.models import Mention
from bot.db.window_counts import window_counts
from bot.escalation.pipeline import BatchResult, process_pending
from bot.metrics import Metrics
from bot.rules import WindowStats
from bot.rules.holder import PlaybookHolder

__all__ = ["PipelineWorker"]

log = logging.getLogger(__name__)
STATS_TTL = timedelta(seconds=15)
BACKLOG_COUNT_SECONDS = 1.0


class PipelineWorker:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        playbooks: PlaybookHolder,
        clock: Clock,
        metrics: Metrics,
        *,
        on_escalation_change: Callable[[], None] = lambda: None,
        on_batch: Callable[[BatchResult], None] | None = None,
        batch_size: int = 100,
        idle_poll_seconds: float = 2.0,
    ) -> None:
        self._sessions = sessions
        self._playbooks = playbooks
        self._clock = clock
        self._metrics = metrics
        self._on_change = on_escalation_change
        self._on_batch = on_batch
        self._batch = batch_size
        self._idle = idle_poll_seconds
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.last_pass_at = clock.now()
        self._stats: WindowStats | None = None
        self._stats_at = clock.now()
        self._backlog_counted_at = -BACKLOG_COUNT_SECONDS

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="pipeline-worker")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    @property
    def alive(self) -> bool:
        return self._task is not None and not self._task.done()

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            try:
                await self.drain()
            except Exception:
                log.exception("pipeline pass failed; the mentions stay pending and are retried")
            self.last_pass_at = self._clock.now()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self._idle)

    async def drain(self) -> int:
        """Process batches until nothing is pending; returns how many mentions were settled."""
        total = 0
        while True:
            result = await self.run_once()
            total += result.processed + result.failed
            if result.processed + result.failed < self._batch:
                break
            # Let the loop's other work run between batches: in the pipeline's process, statements run inline
            # and never suspend, and the outbox's delivery shares the loop (a page must not wait for a backlog).
            await asyncio.sleep(0)
        # The backlog gauge, counted at most once a second: under load the pipeline drains tens of times a second
        # and the count cost each drain about as much as the batch it followed.
        if time.monotonic() - self._backlog_counted_at >= BACKLOG_COUNT_SECONDS:
            async with self._sessions() as session:
                backlog = await session.scalar(select(func.count()).where(Mention.status == "pending"))
            self._metrics.pipeline_backlog.set(backlog or 0)
            self._backlog_counted_at = time.monotonic()
        return total

    async def _window_stats(self) -> WindowStats | None:
        """Spike counts from the database, recomputed at most every STATS_TTL (buckets are 5 minutes)."""
        if not self._playbooks.playbook.spike.enabled:
            return None
        now = self._clock.now()
        if self._stats is None or now - self._stats_at >= STATS_TTL:
            async with self._sessions() as session:
                self._stats = await window_counts(session, now)
            self._stats_at = now
        return self._stats

    async def run_once(self) -> BatchResult:
        stats = await self._window_stats()
        async with self._sessions() as session, session.begin():
            result = await process_pending(
                session, self._playbooks.compiled, self._clock.now(), limit=self._batch, window_stats=stats
            )
        for severity in result.severities:
            self._metrics.mentions_processed.labels(severity).inc()
        self._metrics.escalations_opened.inc(len(result.escalations_opened))
        if result.escalations_opened or result.escalations_touched:
            self._on_change()
        if self._on_batch is not None and (result.processed or result.failed):
            self._on_batch(result)
        return result
