"""Queries on the mention table shared by ingest and the pipeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import is_postgres_session
from bot.db.models import Mention
from bot.domain import MentionStatus, NormalizedMention

__all__ = ["claim_pending", "insert_new_mentions", "mention_row"]

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
    """Insert rows, skipping (source, external_id) pairs already stored; returns the pairs inserted."""
    insert = postgresql.insert if is_postgres_session(session) else sqlite.insert
    inserted: set[tuple[str, str]] = set()
    for start in range(0, len(rows), CHUNK):
        stmt = (
            insert(Mention)
            .values(list(rows[start : start + CHUNK]))
            .on_conflict_do_nothing(index_elements=["source", "external_id"])
            .returning(Mention.source, Mention.external_id)
        )
        result = await session.execute(stmt)
        inserted.update((src, ext) for src, ext in result)
    return inserted


def claim_pending(limit: int, *, skip_locked: bool) -> Select[Mention]:
    """Oldest pending mentions first. On PostgreSQL, rows another worker holds are skipped, not waited on."""
    stmt = select(Mention).where(Mention.status == MentionStatus.PENDING.value).order_by(Mention.id).limit(limit)
    return stmt.with_for_update(skip_locked=True) if skip_locked else stmt
