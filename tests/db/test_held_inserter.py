"""The SQLite group commit's INSERT on a held driver connection: rows read back exactly as the ORM writes them,
duplicates are skipped, and a failed batch stores nothing and leaves the inserter usable."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.pool import NullPool

from bot.db.engine import create_engine, create_session_factory, create_sqlite_sync_engine
from bot.db.mentions import HeldSqliteInserter, mention_row
from bot.db.migrate import upgrade
from bot.db.models import Mention
from tests.support.databases import sqlite_url
from tests.support.factories import mention


async def test_held_inserter_stores_exactly_skips_duplicates_and_survives_a_failed_batch(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    engine = create_engine(url, poolclass=NullPool)
    await upgrade(engine)
    blocking = create_sqlite_sync_engine(engine)
    inserter = HeldSqliteInserter(blocking)
    at = datetime(2026, 11, 26, 3, 30, 15, 123456, tzinfo=UTC)
    first = mention("a", "Sin datos en Lisboa «otra vez»", author={"handle": "@lucia", "followers": 1200})
    try:
        assert inserter.insert([mention_row("generic", first, at), mention_row("generic", mention("b"), at)]) == {
            ("generic", "a"),
            ("generic", "b"),
        }
        assert inserter.insert(
            [mention_row("generic", mention("a"), at), mention_row("generic", mention("c"), at)]
        ) == {("generic", "c")}
        broken = {**mention_row("generic", mention("d"), at), "status": None}  # NOT NULL: the whole batch fails
        with pytest.raises(Exception, match="NOT NULL"):
            inserter.insert([mention_row("generic", mention("e"), at), broken])
        assert inserter.insert([mention_row("generic", mention("f"), at)]) == {("generic", "f")}
    finally:
        inserter.close()
        blocking.dispose()

    async with create_session_factory(engine)() as session:
        rows = {m.external_id: m for m in (await session.scalars(select(Mention))).all()}
    await engine.dispose()
    assert sorted(rows) == ["a", "b", "c", "f"], "nothing of the failed batch, not even its valid row"
    stored = rows["a"]
    assert stored.payload == mention_row("generic", first, at)["payload"]
    assert stored.received_at == at
    assert (stored.text, stored.author_handle, stored.status, stored.attempts) == (
        "Sin datos en Lisboa «otra vez»",
        "@lucia",
        "pending",
        0,
    )
