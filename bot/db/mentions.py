"""Queries on the mention table shared by ingest and the pipeline."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Insert, Select, Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import is_postgres_session
from bot.db.models import Mention
from bot.domain import MentionStatus, NormalizedMention

__all__ = ["claim_pending", "insert_new_mentions", "insert_new_mentions_blocking", "mention_row"]

# Rows per INSERT statement: keeps SQLite well under its bound-parameter limit.
CHUNK = 400


def mention_row(source: str, mention: NormalizedMention, received_at: datetime) -> dict[str, Any]:
    return {
        "source": source,
        "external_id": mention.id,
        "platform": mention.platform,
        "text": mention.text,
        "author_handle": mention.author.handle,
        "payload": mention.model_dump(mode="json", exclude_none=True),
        "received_at": received_at,
        "status": MentionStatus.PENDING.value,
        "attempts": 0,
    }


async def insert_new_mentions(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> set[tuple[str, str]]:
    """Insert rows, skipping (source, external_id) pairs already stored; returns the pairs inserted.

    One Core INSERT … ON CONFLICT DO NOTHING … RETURNING, executed with the rows as parameter sets: SQLAlchemy
    compiles it once (cached) and sends the rows as multi-row VALUES ("insertmanyvalues"). Building
    `.values(rows)` instead compiles a new statement for every batch size through the ORM bulk path, which
    cost about five times as much CPU per row (see docs/benchmarks.md).
    """
    stmt = _insert_ignoring_duplicates(is_postgres_session(session))
    inserted: set[tuple[str, str]] = set()
    for start in range(0, len(rows), CHUNK):
        result = await session.execute(stmt, list(rows[start : start + CHUNK]))
        inserted.update((src, ext) for src, ext in result)
    return inserted


def insert_new_mentions_blocking(connection: Connection, rows: Sequence[dict[str, Any]]) -> set[tuple[str, str]]:
    """`insert_new_mentions` on a blocking connection (the SQLite writer thread), in the caller's transaction."""
    stmt = _insert_ignoring_duplicates(connection.dialect.name == "postgresql")
    inserted: set[tuple[str, str]] = set()
    for start in range(0, len(rows), CHUNK):
        inserted.update((src, ext) for src, ext in connection.execute(stmt, list(rows[start : start + CHUNK])))
    return inserted


@functools.cache
def _insert_ignoring_duplicates(postgres: bool) -> Insert:
    table = cast(Table, Mention.__table__)
    insert = postgresql.insert if postgres else sqlite.insert
    return (
        insert(table)
        .on_conflict_do_nothing(index_elements=[table.c.source, table.c.external_id])
        .returning(table.c.source, table.c.external_id)
    )


def claim_pending(limit: int, *, skip_locked: bool) -> Select[Mention]:
    """Oldest pending mentions first. On PostgreSQL, rows another worker holds are skipped, not waited on."""
    stmt = select(Mention).where(Mention.status == MentionStatus.PENDING.value).order_by(Mention.id).limit(limit)
    return stmt.with_for_update(skip_locked=True) if skip_locked else stmt
