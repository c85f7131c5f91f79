"""Migrations: up, down and up again on each backend, and the models match what the migrations build."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

from bot.db.engine import create_engine
from bot.db.migrate import current_revision, downgrade, head_revision, upgrade
from bot.db.models import Base

TABLES = {
    "mention",
    "escalation",
    "escalation_mention",
    "escalation_event",
    "person",
    "telegram_link",
    "invite_code",
    "notification",
    "card",
    "rotation_override",
    "reply_conversation",
    "outbound_reply",
    "rule_feedback",
    "person_setting",
}


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


def _diff(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_upgrade_downgrade_upgrade_and_no_drift(empty_db_url: str) -> None:
    engine = create_engine(empty_db_url, poolclass=NullPool)
    try:
        await upgrade(engine)
        assert await current_revision(engine) == head_revision()
        async with engine.connect() as conn:
            assert await conn.run_sync(_tables) == TABLES
        await downgrade(engine, "base")
        async with engine.connect() as conn:
            assert await conn.run_sync(_tables) == set()
        await upgrade(engine)
        async with engine.connect() as conn:
            assert await conn.run_sync(_diff) == []
    finally:
        await engine.dispose()


async def test_sqlite_runs_in_wal_mode_with_foreign_keys(migrated_sqlite: str) -> None:
    engine = create_engine(migrated_sqlite, poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
            assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
    finally:
        await engine.dispose()
