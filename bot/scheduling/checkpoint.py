"""SQLite WAL checkpoints off the request path.

By default SQLite checkpoints automatically inside the commit that takes the WAL past 1,000 pages: that
commit copies the pages into the database file and fsyncs it, and the webhook waiting on it stalls for tens
of milliseconds (the p99 in docs/benchmarks.md). The app's connections raise that threshold
(`bot.db.engine.WAL_AUTOCHECKPOINT_PAGES`, a safety net only) and this job runs a PASSIVE checkpoint every
second on a connection of its own, in a worker thread: it copies what it can without waiting for, or
blocking, readers and writers. Durability is unchanged: commits are on disk in the WAL (synchronous=FULL).
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import Engine
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.engine import create_sqlite_sync_engine, is_sqlite_file

__all__ = ["WalCheckpointer"]

log = logging.getLogger(__name__)


class WalCheckpointer:
    def __init__(self, engine: AsyncEngine) -> None:
        if not is_sqlite_file(engine):
            raise ValueError("WAL checkpoints are for a SQLite file")
        self._engine: Engine = create_sqlite_sync_engine(engine, pool_size=1)
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="wal-checkpoint")
        self.last: tuple[int, int, int] | None = None
        """(busy, WAL frames, frames checkpointed) of the last run, as SQLite reports them."""

    async def run(self) -> None:
        self.last = await asyncio.get_running_loop().run_in_executor(self._thread, self._checkpoint)

    def _checkpoint(self) -> tuple[int, int, int]:
        with self._engine.connect() as connection:
            row = connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
        return int(row[0]), int(row[1]), int(row[2])

    async def close(self) -> None:
        await asyncio.to_thread(self._thread.shutdown, wait=True)
        self._engine.dispose()
