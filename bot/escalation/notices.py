"""Scheduled messages of the on-call rotation, queued in the outbox once each (idempotency keys):

- a reminder before a shift starts;
- a hand-over when it starts, listing the open escalations the new person inherits;
- a daily check for admins: who is unreachable, and any gap with nobody on call in the next 24 hours;
- the daily digest of `low` mentions, per person, at the hour they chose in their time zone.

A restart, or a second worker, never repeats one: the key names the rotation, shift and person (or the day).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Escalation, Mention, Person, TelegramLink
from bot.domain import EscalationState, Role
from bot.domain.oncall import Layer, Rotation, on_call
from bot.domain.schedule import zone
from bot.escalation.directory import Directory
from bot.escalation.outbox import Priority, enqueue_message
from bot.rules.playbook import Playbook

__all__ = ["find_gaps", "queue_daily_checks", "queue_digests", "queue_flood_report", "queue_rotation_notices"]

DAILY_CHECK_AT = time(9, 0)
HORIZON = timedelta(hours=24)


async def queue_rotation_notices(
    session: AsyncSession, directory: Directory, now: datetime, *, remind_before: timedelta = timedelta(hours=1)
) -> int:
    queued = 0
    for rotation in directory.rotations.values():
        for layer in (Layer.PRIMARY, Layer.SECONDARY):
            if not rotation.layer_members(layer):
                continue
            queued += await _handover(session, directory, rotation, layer, now)
            queued += await _reminder(session, directory, rotation, layer, now, remind_before)
    return queued


async def _handover(
    session: AsyncSession, directory: Directory, rotation: Rotation, layer: Layer, now: datetime
) -> int:
    current = on_call(rotation, now, layer)
    if current.shift is None:
        return 0
    lines = await _open_escalation_lines(session)
    queued = 0
    for key in current.people:
        if key not in directory.chats:
            continue
        queued += await enqueue_message(
            session,
            chat_id=directory.chats[key],
            person_id=directory.person_ids.get(key),
            key="rotation.handover",
            now=now,
            idempotency_key=f"handover:{rotation.id}:{layer.value}:{current.shift.index}:{key}",
            values={
                "rotation": rotation.id,
                "layer": layer.value,
                "until": _local_time(directory, key, current.shift.ends_at),
            },
            lines=lines,
        )
    return queued


def _local_time(directory: Directory, key: str, when: datetime) -> str:
    """`when` on the person's own clock, as the rotation messages show it."""
    info = directory.people.get(key)
    return when.astimezone(zone(info.timezone if info else "UTC")).strftime("%a %d %b %H:%M")


async def _reminder(
    session: AsyncSession, directory: Directory, rotation: Rotation, layer: Layer, now: datetime, before: timedelta
) -> int:
    upcoming = on_call(rotation, now, layer, offset=1)
    if upcoming.shift is None or upcoming.shift.starts_at - now > before:
        return 0
    current = set(on_call(rotation, now, layer).people)
    queued = 0
    for key in upcoming.people:
        if key in current or key not in directory.chats:  # already on call: no reminder needed
            continue
        queued += await enqueue_message(
            session,
            chat_id=directory.chats[key],
            person_id=directory.person_ids.get(key),
            key="rotation.reminder",
            now=now,
            idempotency_key=f"shift-reminder:{rotation.id}:{layer.value}:{upcoming.shift.index}:{key}",
            values={
                "rotation": rotation.id,
                "layer": layer.value,
                "starts": _local_time(directory, key, upcoming.shift.starts_at),
            },
        )
    return queued


async def _open_escalation_lines(session: AsyncSession, limit: int = 10) -> list[tuple[str, dict[str, object]]]:
    """The hand-over's list: a header and one line per open escalation (newest first), or 'none'."""
    open_states = [s.value for s in EscalationState if not s.is_closed]
    rows = (
        await session.scalars(
            select(Escalation).where(Escalation.state.in_(open_states)).order_by(Escalation.id.desc()).limit(limit)
        )
    ).all()
    if not rows:
        return [("rotation.handover_none", {})]
    items = [
        ("rotation.handover_item", {"id": e.id, "severity": e.severity, "state": e.state, "count": e.mention_count})
        for e in rows
    ]
    return [("rotation.handover_open", {"count": len(rows)}), *items]


def find_gaps(
    rotations: list[Rotation], now: datetime, horizon: timedelta = HORIZON
) -> list[tuple[str, str, datetime]]:
    """(rotation, layer, from when) for every shift in the next `horizon` with nobody on call. Pure."""
    gaps = []
    for rotation in rotations:
        for layer in (Layer.PRIMARY, Layer.SECONDARY):
            if not rotation.layer_members(layer) and layer is Layer.SECONDARY:
                continue
            probe = now
            while probe < now + horizon:
                holder = on_call(rotation, probe, layer)
                if not holder.people:
                    gaps.append((rotation.id, layer.value, probe))
                    break
                if holder.shift is None:
                    break
                probe = holder.shift.ends_at
    return gaps


async def queue_daily_checks(
    session: AsyncSession, directory: Directory, playbook: Playbook, now: datetime, *, at: time = DAILY_CHECK_AT
) -> int:
    lines: list[tuple[str, dict[str, object]]] = []
    for person in playbook.people:
        if person.id not in directory.chats:
            lines.append(("daily_check.unreachable", {"name": person.name, "why": "not linked"}))
        elif not directory.people[person.id].reachable:
            lines.append(("daily_check.unreachable", {"name": person.name, "why": "bot blocked or chat gone"}))
    for rotation_id, layer, start in find_gaps(list(directory.rotations.values()), now):
        lines.append(
            (
                "daily_check.gap",
                {
                    "rotation": rotation_id,
                    "layer": layer,
                    "start": start.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                },
            )
        )
    queued = 0
    for admin in (p for p in playbook.people if p.role is Role.ADMIN and p.id in directory.chats):
        local = now.astimezone(zone(admin.timezone))
        if local.time() < at:
            continue
        queued += await enqueue_message(
            session,
            chat_id=directory.chats[admin.id],
            person_id=directory.person_ids.get(admin.id),
            key="daily_check.problems" if lines else "daily_check.ok",
            now=now,
            idempotency_key=f"daily-check:{local.date().isoformat()}:{admin.id}",
            lines=lines,
        )
    return queued


async def queue_digests(session: AsyncSession, directory: Directory, playbook: Playbook, now: datetime) -> int:
    queued = 0
    for person in playbook.people:
        if person.digest_at is None or person.id not in directory.chats:
            continue
        local = now.astimezone(zone(person.timezone))
        if local.time() < time.fromisoformat(person.digest_at):
            continue
        since = now - timedelta(days=1)
        rows = (
            await session.scalars(
                select(Mention)
                .where(Mention.severity == "low", Mention.processed_at >= since, Mention.processed_at < now)
                .order_by(Mention.score.desc(), Mention.id)
                .limit(200)
            )
        ).all()
        if not rows:
            continue
        top = "\n".join(f"• {m.author_handle or '?'}: {m.text[:120]}" for m in rows[:10])
        queued += await enqueue_message(
            session,
            chat_id=directory.chats[person.id],
            person_id=directory.person_ids.get(person.id),
            key="digest.title",
            now=now,
            idempotency_key=f"digest:{local.date().isoformat()}:{person.id}",
            values={
                "count": len(rows),
                "since": since.astimezone(zone(person.timezone)).strftime("%d %b %H:%M"),
                "top": top,
            },
        )
    return queued


async def queue_flood_report(
    session: AsyncSession, playbook: Playbook, source_id: str, retry_after: int, now: datetime
) -> int:
    """Tell the linked admins a source is being answered 429 (once per source and 10-minute window)."""
    window = int(now.timestamp() // 600)
    admins = (
        await session.execute(
            select(Person.id, Person.key, TelegramLink.chat_id)
            .join(TelegramLink, TelegramLink.person_id == Person.id)
            .where(Person.role == Role.ADMIN.value, Person.active.is_(True), TelegramLink.reachable.is_(True))
        )
    ).all()
    queued = 0
    for person_id, key, chat_id in admins:
        queued += await enqueue_message(
            session,
            chat_id=chat_id,
            person_id=person_id,
            key="flood.report",
            now=now,
            idempotency_key=f"flood:{source_id}:{window}:{key}",
            values={"source": source_id, "retry_after": retry_after},
            priority=Priority.PAGE,
        )
    del playbook  # admins come from the person table, kept in step with the playbook
    return queued
