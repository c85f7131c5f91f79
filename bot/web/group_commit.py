"""Group commit for webhook ingest: concurrent requests share one transaction and one fsync.

Each request hands its rows to the writer and waits; the writer drains whatever has queued up, inserts it
in one transaction, commits, then answers every waiting request. Under load, one commit serves many
requests, so durability (answer 2xx only after the commit) costs far less than one fsync per request.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.mentions import insert_new_mentions, mention_row
from bot.domain import NormalizedMention

__all__ = ["MentionWriter", "StoreResult"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoreResult:
    accepted: int
    duplicates: int


@dataclass
class _Job:
    rows: list[dict[str, Any]]
    done: asyncio.Future[StoreResult] = field(default_factory=lambda: asyncio.get_running_loop().create_future())


class MentionWriter:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        *,
        on_commit: Callable[[], None] = lambda: None,
        writers: int = 1,
        max_rows: int = 2000,
    ) -> None:
        self._sessions = session_factory
        self._on_commit = on_commit
        self._writers = writers
        self._max_rows = max_rows
        self._queue: asyncio.Queue[_Job] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._tasks = [asyncio.create_task(self._run(), name=f"mention-writer-{i}") for i in range(self._writers)]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        while not self._queue.empty():
            self._queue.get_nowait().done.set_exception(RuntimeError("shutting down"))

    @property
    def alive(self) -> bool:
        return bool(self._tasks) and not any(t.done() for t in self._tasks)

    async def store(self, source: str, mentions: list[NormalizedMention], received_at: datetime) -> StoreResult:
        """Return once the mentions are committed (or raise: then nothing of this request was stored)."""
        if not self._tasks:
            raise RuntimeError("the mention writer is not running")
        job = _Job(rows=[mention_row(source, m, received_at) for m in mentions])
        await self._queue.put(job)
        return await job.done

    async def _run(self) -> None:
        while True:
            jobs = [await self._queue.get()]
            rows = len(jobs[0].rows)
            while rows < self._max_rows and not self._queue.empty():
                job = self._queue.get_nowait()
                jobs.append(job)
                rows += len(job.rows)
            await self._write(jobs)

    async def _write(self, jobs: list[_Job]) -> None:
        unique: dict[tuple[str, str], dict[str, Any]] = {}
        for job in jobs:
            for row in job.rows:
                unique.setdefault((row["source"], row["external_id"]), row)
        try:
            async with self._sessions() as session, session.begin():
                inserted = await insert_new_mentions(session, list(unique.values()))
        except Exception as exc:
            log.exception("storing %d mentions failed; the requests are answered with an error", len(unique))
            for job in jobs:
                if not job.done.done():
                    job.done.set_exception(exc)
            return
        self._on_commit()
        for job in jobs:
            accepted = 0
            for row in job.rows:
                key = (row["source"], row["external_id"])
                if key in inserted:  # the first request in the batch to carry a new key gets it
                    inserted.discard(key)
                    accepted += 1
            if not job.done.done():
                job.done.set_result(StoreResult(accepted=accepted, duplicates=len(job.rows) - accepted))
