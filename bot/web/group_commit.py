"""Group commit for webhook ingest: concurrent requests share one transaction and one fsync.

A request hands over new mentions (inserted idempotently) and, when the platform reported any, edits and
removals of stored mentions (recorded in their payload, in the request's order, after the inserts of the
same transaction). Everything a request hands over is committed together or not at all.

Each request hands its rows to the writer and waits; the writer drains whatever has queued up, inserts it
in one transaction, commits, then answers every waiting request. Under load, one commit serves many
requests, so durability (answer 2xx only after the commit) costs far less than one fsync per request.

On SQLite (a file), the transaction runs whole in one worker thread on a blocking connection with the same
pragmas (WAL, synchronous=FULL): one hand-over from the event loop and one back per commit. Through aiosqlite
every statement, fetch, commit and connection reset is a hand-over of its own, each waiting its turn behind the
requests the loop is serving; under load that made the commit, not the fsync, the limit (docs/benchmarks.md).

On PostgreSQL, a batch of new mentions only (no edits or removals) is one statement on a raw asyncpg connection
each writer task holds, in autocommit: the statement is its own transaction, committed (synchronous_commit)
before its answer arrives, so the group commit is one round trip instead of a ping, BEGIN, INSERT and COMMIT.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.db.engine import connect_asyncpg, create_sqlite_sync_engine
from bot.db.mentions import (
    ChangeKind,
    ChangeOutcome,
    HeldSqliteInserter,
    MentionChange,
    apply_changes,
    apply_changes_blocking,
    insert_new_mentions,
    insert_new_mentions_blocking,
    insert_new_mentions_one_statement,
    mention_row,
)
from bot.domain import NormalizedMention

__all__ = ["ChangeKind", "MentionWriter", "StoreResult"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoreResult:
    accepted: int
    duplicates: int
    updated: int = 0
    """Stored mentions an edit or removal changed."""
    missing: int = 0
    """Removals of mentions never stored (nothing to record)."""


@dataclass
class _Job:
    rows: list[dict[str, Any]]
    changes: list[MentionChange] = field(default_factory=list)
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
        self._blocking: Engine | None = None
        self._inserter: HeldSqliteInserter | None = None
        self._thread: ThreadPoolExecutor | None = None
        self._postgres: AsyncEngine | None = None

    def start(self) -> None:
        bind = self._sessions.kw.get("bind")
        if isinstance(bind, AsyncEngine) and _is_sqlite_file(bind):
            self._blocking = create_sqlite_sync_engine(bind)
            self._inserter = HeldSqliteInserter(self._blocking)
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mention-writer")
        elif isinstance(bind, AsyncEngine) and bind.dialect.name == "postgresql":
            self._postgres = bind
        self._tasks = [asyncio.create_task(self._run(), name=f"mention-writer-{i}") for i in range(self._writers)]

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks = []
        if self._thread is not None:
            if self._inserter is not None:  # closed in the thread that used it, after a commit in progress
                await asyncio.get_running_loop().run_in_executor(self._thread, self._inserter.close)
                self._inserter = None
            await asyncio.to_thread(self._thread.shutdown, wait=True)  # let a commit in progress finish
            self._thread = None
        if self._blocking is not None:
            self._blocking.dispose()
            self._blocking = None
        while not self._queue.empty():
            self._queue.get_nowait().done.set_exception(RuntimeError("shutting down"))

    @property
    def alive(self) -> bool:
        return bool(self._tasks) and not any(t.done() for t in self._tasks)

    async def store(
        self,
        source: str,
        mentions: list[NormalizedMention],
        received_at: datetime,
        *,
        changes: Sequence[tuple[ChangeKind, NormalizedMention]] = (),
    ) -> StoreResult:
        """Return once the mentions and changes are committed (or raise: then nothing of this request was)."""
        if not self._tasks:
            raise RuntimeError("the mention writer is not running")
        job = _Job(
            rows=[mention_row(source, m, received_at) for m in mentions],
            changes=[MentionChange(kind, mention_row(source, m, received_at)) for kind, m in changes],
        )
        await self._queue.put(job)
        return await job.done

    async def _run(self) -> None:
        connection = _Connection(self._postgres)
        try:
            while True:
                jobs = [await self._queue.get()]
                rows = len(jobs[0].rows) + len(jobs[0].changes)
                while rows < self._max_rows and not self._queue.empty():
                    job = self._queue.get_nowait()
                    jobs.append(job)
                    rows += len(job.rows) + len(job.changes)
                await self._write(jobs, connection)
        finally:
            await connection.close()

    async def _write(self, jobs: list[_Job], connection: _Connection) -> None:
        unique: dict[tuple[str, str], dict[str, Any]] = {}
        for job in jobs:
            for row in job.rows:
                unique.setdefault((row["source"], row["external_id"]), row)
        changes = [change for job in jobs for change in job.changes]
        try:
            inserted, outcomes = await self._insert(list(unique.values()), changes, connection)
        except Exception as exc:
            log.exception("storing %d mentions failed; the requests are answered with an error", len(unique))
            for job in jobs:
                if not job.done.done():
                    job.done.set_exception(exc)
            return
        self._on_commit()
        self._answer(jobs, inserted, outcomes)

    async def _insert(
        self, rows: list[dict[str, Any]], changes: list[MentionChange], connection: _Connection
    ) -> tuple[set[tuple[str, str]], list[ChangeOutcome]]:
        """Insert, record the changes and commit; returns the (source, external_id) pairs that were new and
        each change's outcome."""
        if connection.usable and not changes:
            return await connection.insert(rows), []
        if self._thread is not None and self._blocking is not None:
            loop = asyncio.get_running_loop()
            if self._inserter is not None and not changes:
                return await loop.run_in_executor(self._thread, self._inserter.insert, rows), []
            return await loop.run_in_executor(self._thread, _insert_blocking, self._blocking, rows, changes)
        async with self._sessions() as session, session.begin():
            inserted = await insert_new_mentions(session, rows)
            return inserted, (await apply_changes(session, changes) if changes else [])

    @staticmethod
    def _answer(jobs: list[_Job], inserted: set[tuple[str, str]], outcomes: list[ChangeOutcome]) -> None:
        remaining = iter(outcomes)
        for job in jobs:
            accepted = 0
            for row in job.rows:
                key = (row["source"], row["external_id"])
                if key in inserted:  # the first request in the batch to carry a new key gets it
                    inserted.discard(key)
                    accepted += 1
            mine = [next(remaining) for _ in job.changes]
            result = StoreResult(
                accepted=accepted + mine.count(ChangeOutcome.INSERTED),
                duplicates=len(job.rows) - accepted + mine.count(ChangeOutcome.UNCHANGED),
                updated=mine.count(ChangeOutcome.UPDATED),
                missing=mine.count(ChangeOutcome.MISSING),
            )
            if not job.done.done():
                job.done.set_result(result)


class _Connection:
    """A writer task's own raw asyncpg connection (PostgreSQL only), opened on first use and again after an
    error (a request that fails on it is answered with an error, as any failed commit is)."""

    def __init__(self, engine: AsyncEngine | None) -> None:
        self._engine = engine
        self._raw: Any = None

    @property
    def usable(self) -> bool:
        return self._engine is not None

    async def insert(self, rows: list[dict[str, Any]]) -> set[tuple[str, str]]:
        assert self._engine is not None
        if self._raw is None:
            self._raw = await connect_asyncpg(self._engine)
        try:
            return await insert_new_mentions_one_statement(self._raw, rows)
        except Exception:
            await self.close()
            raise

    async def close(self) -> None:
        raw, self._raw = self._raw, None
        if raw is not None:
            try:
                await asyncio.wait_for(raw.close(), timeout=5)
            except Exception:
                raw.terminate()


def _insert_blocking(
    engine: Engine, rows: Sequence[dict[str, Any]], changes: Sequence[MentionChange]
) -> tuple[set[tuple[str, str]], list[ChangeOutcome]]:
    with engine.begin() as connection:  # commits (synchronous=FULL: on disk) before returning
        inserted = insert_new_mentions_blocking(connection, rows)
        return inserted, (apply_changes_blocking(connection, changes) if changes else [])


def _is_sqlite_file(engine: AsyncEngine) -> bool:
    database = engine.url.database or ""
    return engine.dialect.name == "sqlite" and database not in ("", ":memory:") and "mode=memory" not in database
