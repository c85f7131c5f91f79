"""APScheduler (3.x, the version python-telegram-bot supports) running the periodic jobs, listed here."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from apscheduler.schedulers.asyncio import AsyncIOScheduler

__all__ = ["Job", "build_scheduler"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], Awaitable[object]]
    every_seconds: float


def build_scheduler(jobs: list[Job]) -> AsyncIOScheduler:
    """Each job runs at most once at a time; missed runs coalesce into one (the work is in the database)."""
    scheduler = AsyncIOScheduler(timezone="UTC")
    for job in jobs:
        scheduler.add_job(
            _logged(job),
            "interval",
            seconds=job.every_seconds,
            id=job.name,
            name=job.name,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
        )
    return scheduler


def _logged(job: Job) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        try:
            await job.run()
        except Exception:
            log.exception("job %s failed; it runs again at its next interval", job.name)

    return run
