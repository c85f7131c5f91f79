"""Queries on the mention table shared by ingest and the pipeline."""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, cast

from sqlalchemy import Connection, Dialect, Engine, Executable, Insert, Select, Table, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.pool import PoolProxiedConnection

from bot.db.engine import is_postgres_session
from bot.db.models import Mention
from bot.domain import MentionStatus, NormalizedMention
from bot.domain.mention import EXTRA_FIELDS

__all__ = [
    "ChangeKind",
    "ChangeOutcome",
    "HeldSqliteInserter",
    "MentionChange",
    "apply_change",
    "apply_changes",
    "apply_changes_blocking",
    "claim_pending",
    "insert_new_mentions",
    "insert_new_mentions_blocking",
    "insert_new_mentions_one_statement",
    "mention_row",
    "settle_mentions",
]

# Rows per INSERT statement: keeps SQLite well under its bound-parameter limit.
CHUNK = 400


def mention_row(source: str, mention: NormalizedMention, received_at: datetime) -> dict[str, Any]:
    return {
        "source": source,
        "external_id": mention.id,
        "platform": mention.platform,
        "text": mention.text,
        "author_handle": mention.author.handle,
        "payload": mention.model_dump(mode="json", exclude_none=True, exclude=_empty_extras(mention)),
        "received_at": received_at,
        "status": MentionStatus.PENDING.value,
        "attempts": 0,
    }


def _empty_extras(mention: NormalizedMention) -> set[str] | None:
    """The optional extras still at their defaults: left out, so a generic mention's payload is as before."""
    empty = {name for name in EXTRA_FIELDS if getattr(mention, name) in (None, (), False)}
    return empty or None


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


class HeldSqliteInserter:
    """The SQLite group commit's INSERT and COMMIT on one driver connection held for the writer thread's life.

    Through `engine.begin()` each group commit paid for a pool checkout, the pool's reset on return and
    SQLAlchemy's per-row parameter handling: ~45 µs of the writer thread's CPU per mention at ~20 rows per
    commit, where SQLite itself needs ~15 (docs/benchmarks.md, Ingest). Here the multi-row INSERT goes straight to
    `sqlite3`, its parameters processed by the columns' own bind processors (JSON, UTC datetimes), so the rows
    read back exactly as the ORM writes them. Same connection pragmas (WAL, synchronous=FULL): the commit is on
    disk when `insert` returns. Not thread-safe: one writer thread owns it.
    """

    def __init__(self, engine: Engine) -> None:
        if engine.dialect.name != "sqlite":
            raise ValueError("only for SQLite")
        self._engine = engine
        self._held: PoolProxiedConnection | None = None

    def insert(self, rows: Sequence[dict[str, Any]]) -> set[tuple[str, str]]:
        """Insert the rows, skipping (source, external_id) pairs already stored, and commit; all or nothing."""
        if self._held is None:
            self._held = self._engine.raw_connection()
        connection: sqlite3.Connection = self._held.driver_connection  # type: ignore[assignment]
        binds = _insert_binds(self._engine.dialect)
        try:
            if connection.isolation_level is None:  # autocommit mode: open the transaction ourselves
                connection.execute("BEGIN")
            inserted: set[tuple[str, str]] = set()
            for start in range(0, len(rows), CHUNK):
                chunk = rows[start : start + CHUNK]
                parameters = [value for row in chunk for value in binds.parameters(row)]
                inserted.update(connection.execute(_sqlite_insert_sql(len(chunk)), parameters).fetchall())
            connection.commit()
        except BaseException:
            self.close()  # rolls back; the next call takes a fresh connection
            raise
        return inserted

    def close(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            held.invalidate()  # closes the driver connection: an open transaction is rolled back


@functools.lru_cache(maxsize=128)
def _sqlite_insert_sql(rows: int) -> str:
    one = "(" + ", ".join("?" for _ in _UNNEST_COLUMNS) + ")"
    values = ", ".join(one for _ in range(rows))
    return (
        f"INSERT INTO mention ({', '.join(_UNNEST_COLUMNS)}) VALUES {values} "  # noqa: S608 - placeholders only
        "ON CONFLICT (source, external_id) DO NOTHING RETURNING source, external_id"
    )


@dataclass(frozen=True)
class _Binds:
    """A statement's positional parameters for the driver: per slot, the name of the value to take (or a fixed
    value the statement carries) and the column type's bind processor (JSON, UTC datetimes)."""

    slots: tuple[tuple[str, Any, Callable[[Any], Any] | None], ...]

    def parameters(self, values: dict[str, Any]) -> tuple[Any, ...]:
        out = []
        for name, fixed, process in self.slots:
            value = values[name] if fixed is None else fixed
            out.append(value if process is None or value is None else process(value))
        return tuple(out)


_INSERT_BINDS: dict[str, _Binds] = {}


def _insert_binds(dialect: Dialect) -> _Binds:
    key = f"{dialect.name}+{dialect.driver}"
    if key not in _INSERT_BINDS:
        table = cast(Table, Mention.__table__)
        _INSERT_BINDS[key] = _Binds(
            tuple((name, None, table.c[name].type.bind_processor(dialect)) for name in _UNNEST_COLUMNS)
        )
    return _INSERT_BINDS[key]


# PostgreSQL: the whole batch as one statement (one parameter per column, an array of the rows' values), so a
# group commit on an autocommit connection is one round trip: the statement is its own transaction.
_UNNEST_COLUMNS = (
    "source",
    "external_id",
    "platform",
    "text",
    "author_handle",
    "payload",
    "received_at",
    "status",
    "attempts",
)
_INSERT_ONE_STATEMENT = """
INSERT INTO mention (source, external_id, platform, text, author_handle, payload, received_at, status, attempts)
SELECT source, external_id, platform, text, author_handle, payload::json, received_at, status, attempts
FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::text[], $5::varchar[], $6::text[], $7::timestamptz[],
            $8::varchar[], $9::int[])
     AS u(source, external_id, platform, text, author_handle, payload, received_at, status, attempts)
ON CONFLICT (source, external_id) DO NOTHING
RETURNING source, external_id
"""


async def insert_new_mentions_one_statement(connection: Any, rows: Sequence[dict[str, Any]]) -> set[tuple[str, str]]:
    """`insert_new_mentions` on PostgreSQL as one statement on a raw asyncpg connection (`connection.fetch`).

    Outside a transaction the statement commits on its own before the answer comes back: one round trip for
    the whole group commit (asyncpg keeps the statement prepared), where the session path costs a ping, BEGIN,
    the INSERT and COMMIT. All rows are stored, or none.
    """
    columns = [[row[name] for row in rows] for name in _UNNEST_COLUMNS]
    columns[5] = [json.dumps(payload) for payload in columns[5]]
    records = await connection.fetch(_INSERT_ONE_STATEMENT, *columns)
    return {(record[0], record[1]) for record in records}


@functools.cache
def _insert_ignoring_duplicates(postgres: bool) -> Insert:
    table = cast(Table, Mention.__table__)
    insert = postgresql.insert if postgres else sqlite.insert
    return (
        insert(table)
        .on_conflict_do_nothing(index_elements=[table.c.source, table.c.external_id])
        .returning(table.c.source, table.c.external_id)
    )


@functools.cache
def claim_pending(limit: int, *, skip_locked: bool) -> Select[tuple[int, str, dict[str, Any]]]:
    """Oldest pending mentions first: (id, source, payload), plain rows rather than ORM objects (the pipeline
    settles them with one bulk UPDATE). On PostgreSQL, rows another worker holds are skipped, not waited on.
    Built once per (limit, skip_locked): the pipeline claims many times a second."""
    stmt = (
        select(Mention.id, Mention.source, Mention.payload)
        .where(Mention.status == MentionStatus.PENDING.value)
        .order_by(Mention.id)
        .limit(limit)
    )
    return stmt.with_for_update(skip_locked=True, of=Mention) if skip_locked else stmt


_TABLE = cast(Table, Mention.__table__)
_SETTLE = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("b_id"), _TABLE.c.status == MentionStatus.PENDING.value)
    .values(
        status=bindparam("b_status"),
        attempts=_TABLE.c.attempts + 1,
        processed_at=bindparam("b_processed_at"),
        severity=bindparam("b_severity"),
        score=bindparam("b_score"),
        assessment=bindparam("b_assessment"),
        error=bindparam("b_error"),
    )
)


async def settle_mentions(session: AsyncSession, outcomes: Sequence[dict[str, Any]]) -> None:
    """Record the triage of claimed mentions in one executemany UPDATE. Each dict: `b_id`, `b_status`,
    `b_processed_at`, `b_severity`, `b_score`, `b_assessment`, `b_error`. Only rows still pending change.

    Every stored mention passes here, so the statement goes straight to the driver's executemany, compiled
    once per dialect with the columns' own bind processors (JSON, UTC datetimes): through `session.execute`,
    SQLAlchemy builds and processes each row's parameters anew, ~30 µs per mention (docs/benchmarks.md)."""
    if not outcomes:
        return
    connection = await session.connection()
    settle = _settle_for(connection.dialect)
    if settle is None:  # a dialect with named parameters: the general path
        await session.execute(_SETTLE, list(outcomes))
        return
    sql, binds = settle
    await connection.exec_driver_sql(sql, [binds.parameters(outcome) for outcome in outcomes])


_SETTLE_BY_DIALECT: dict[str, tuple[str, _Binds] | None] = {}


def _settle_for(dialect: Dialect) -> tuple[str, _Binds] | None:
    """The settle UPDATE's SQL and binds for this dialect; None for a dialect with named parameters."""
    key = f"{dialect.name}+{dialect.driver}"
    if key not in _SETTLE_BY_DIALECT:
        compiled = _SETTLE.compile(dialect=dialect)
        names = compiled.positiontup
        _SETTLE_BY_DIALECT[key] = (
            None
            if names is None
            else (
                compiled.string,
                _Binds(
                    tuple(
                        (
                            name,
                            None if name.startswith("b_") else compiled.binds[name].effective_value,
                            compiled.binds[name].type.bind_processor(dialect),
                        )
                        for name in names
                    )
                ),
            )
        )
    return _SETTLE_BY_DIALECT[key]


class ChangeKind(StrEnum):
    EDITED = "edited"
    REMOVED = "removed"


class ChangeOutcome(StrEnum):
    UPDATED = "updated"
    """The stored mention was changed (its edit history and `removed` flag are in its payload)."""
    INSERTED = "inserted"
    """An edit of a mention never stored (its creation was missed): stored as a new mention."""
    UNCHANGED = "unchanged"
    """Already recorded (a re-delivery)."""
    MISSING = "missing"
    """A removal of a mention never stored: nothing to do."""


@dataclass(frozen=True)
class MentionChange:
    """An edit or a removal reported by a platform for the mention (source, external_id) of `row`."""

    kind: ChangeKind
    row: dict[str, Any]
    """`mention_row` of the mention as the platform reports it now (stored as new if an edit finds nothing)."""


def apply_change(payload: dict[str, Any], change: MentionChange) -> dict[str, Any] | None:
    """The stored payload with the change recorded, or None when it changes nothing. Pure.

    An edit takes the new text (the previous one goes to `history`), fills fields the stored payload
    lacks and keeps the larger metrics; a removal sets `removed` and keeps the text as it was.
    """
    at = change.row["received_at"].isoformat()
    new: dict[str, Any] = change.row["payload"]
    out = dict(payload)
    history = list(payload.get("history") or [])
    if change.kind is ChangeKind.REMOVED:
        if payload.get("removed"):
            return None
        out.update(removed=True, removed_at=at, history=[*history, {"event": "removed", "at": at}])
        return out
    for key, value in new.items():
        if key not in out:
            out[key] = value
    old_metrics, new_metrics = payload.get("metrics") or {}, new.get("metrics") or {}
    out["metrics"] = {k: max(old_metrics.get(k, 0), new_metrics.get(k, 0)) for k in {*old_metrics, *new_metrics}}
    text_changed = bool(new.get("text")) and new["text"] != payload.get("text")
    if text_changed:
        out["text"] = new["text"]
        out["text_unavailable"] = False
        history.append({"event": "edited", "at": at, "previous_text": payload.get("text", "")})
        out.update(edited_at=at, history=history)
    if out == payload:
        return None
    return out


async def apply_changes(session: AsyncSession, changes: Sequence[MentionChange]) -> list[ChangeOutcome]:
    """Record edits and removals in the caller's transaction, in order (rows locked on PostgreSQL)."""
    postgres = is_postgres_session(session)
    outcomes = []
    for change in changes:
        found = (await session.execute(_select_for_change(change, postgres))).first()
        stmt, params, outcome = _plan(change, None if found is None else (found[0], found[1]), postgres)
        if stmt is not None:
            result = await session.execute(stmt, params)
            outcome = _confirmed(outcome, result.first() if outcome is ChangeOutcome.INSERTED else True)
        outcomes.append(outcome)
    return outcomes


def apply_changes_blocking(connection: Connection, changes: Sequence[MentionChange]) -> list[ChangeOutcome]:
    """`apply_changes` on a blocking connection (the SQLite writer thread), in the caller's transaction."""
    postgres = connection.dialect.name == "postgresql"
    outcomes = []
    for change in changes:
        found = connection.execute(_select_for_change(change, postgres)).first()
        stmt, params, outcome = _plan(change, None if found is None else (found[0], found[1]), postgres)
        if stmt is not None:
            result = connection.execute(stmt, params)
            outcome = _confirmed(outcome, result.first() if outcome is ChangeOutcome.INSERTED else True)
        outcomes.append(outcome)
    return outcomes


def _select_for_change(change: MentionChange, postgres: bool) -> Select[tuple[int, dict[str, Any]]]:
    table = cast(Table, Mention.__table__)
    stmt = select(table.c.id, table.c.payload).where(
        table.c.source == change.row["source"], table.c.external_id == change.row["external_id"]
    )
    return stmt.with_for_update() if postgres else stmt


def _plan(
    change: MentionChange, found: tuple[int, dict[str, Any]] | None, postgres: bool
) -> tuple[Executable | None, dict[str, Any] | None, ChangeOutcome]:
    """What to execute for one change, and its outcome if it succeeds."""
    if found is None:
        if change.kind is ChangeKind.REMOVED:
            return None, None, ChangeOutcome.MISSING
        at = change.row["received_at"].isoformat()
        payload = {**change.row["payload"], "edited_at": at, "history": [{"event": "edited", "at": at}]}
        return _insert_ignoring_duplicates(postgres), {**change.row, "payload": payload}, ChangeOutcome.INSERTED
    row_id, payload = found
    changed = apply_change(payload or {}, change)
    if changed is None:
        return None, None, ChangeOutcome.UNCHANGED
    table = cast(Table, Mention.__table__)
    stmt = update(table).where(table.c.id == row_id).values(payload=changed, text=changed.get("text", ""))
    return stmt, None, ChangeOutcome.UPDATED


def _confirmed(outcome: ChangeOutcome, row: object) -> ChangeOutcome:
    """An insert that found the mention already there (another writer stored it meanwhile) changed nothing."""
    return outcome if row is not None else ChangeOutcome.UNCHANGED
