"""Outbox bookkeeping for whoever delivers notifications: claim what is due, record each outcome."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import is_postgres_session
from bot.db.models import Card, Escalation, Notification, Person, TelegramLink
from bot.escalation.timeline import record_event

__all__ = [
    "claim_due",
    "give_up_page",
    "mark_delivered",
    "mark_failed",
    "mark_retry",
    "mark_sending",
    "mark_uncertain",
    "mark_unreachable",
    "most_urgent_pending",
    "next_due_at",
    "record_card",
    "recover_interrupted",
    "release_backoff",
]

MAX_ATTEMPTS = 8


async def claim_due(session: AsyncSession, now: datetime, *, limit: int = 50) -> Sequence[Notification]:
    """Due pending notifications, most urgent first. PostgreSQL skips rows another worker holds."""
    stmt = (
        select(Notification)
        .where(Notification.status == "pending", Notification.next_attempt_at <= now)
        .order_by(Notification.priority, Notification.id)
        .limit(limit)
    )
    if is_postgres_session(session):
        stmt = stmt.with_for_update(skip_locked=True)
    return (await session.scalars(stmt)).all()


async def next_due_at(session: AsyncSession) -> datetime | None:
    return await session.scalar(
        select(Notification.next_attempt_at)
        .where(Notification.status == "pending")
        .order_by(Notification.next_attempt_at)
        .limit(1)
    )


def mark_sending(notification: Notification, now: datetime) -> None:
    """Committed before the Bot API call: after a crash, this row is known to have maybe gone out."""
    notification.status = "sending"
    notification.attempts += 1
    notification.next_attempt_at = now


def mark_delivered(notification: Notification, now: datetime) -> None:
    notification.status, notification.sent_at = "sent", now


def record_card(card: Card, *, message_id: int | None, rendered_hash: str, now: datetime) -> None:
    """What the chat now shows: the card's message id (first send) and the fingerprint of its content."""
    if message_id is not None:
        card.message_id = message_id
    card.rendered_hash, card.updated_at = rendered_hash, now


def mark_retry(notification: Notification, error: str, now: datetime, *, retry_after: float | None = None) -> None:
    """Retry later: after Telegram's `retry_after` when given, else exponential backoff (1 s … 5 min).
    Past MAX_ATTEMPTS it gives up (a page then also lets its escalation move on: see `give_up_page`)."""
    notification.status = "pending"
    notification.last_error = error[:2000]
    if notification.attempts >= MAX_ATTEMPTS and retry_after is None:
        notification.status = "failed"
        return
    delay = retry_after if retry_after is not None else min(300.0, 2.0 ** (notification.attempts - 1))
    notification.next_attempt_at = now + timedelta(seconds=delay)


def mark_failed(notification: Notification, error: str, now: datetime) -> None:
    notification.status, notification.last_error = "failed", error[:2000]
    notification.sent_at = None
    del now


async def mark_unreachable(session: AsyncSession, notification: Notification, reason: str, now: datetime) -> None:
    """The chat is gone or blocked the bot: record it on the person's link and in the timeline, and let
    the escalation move on to its next level at once rather than wait out the acknowledge timeout."""
    mark_failed(notification, reason, now)
    await session.execute(
        update(TelegramLink)
        .where(TelegramLink.chat_id == notification.chat_id)
        .values(reachable=False, unreachable_reason=reason[:200])
    )
    await give_up_page(session, notification, reason, now)


async def give_up_page(session: AsyncSession, notification: Notification, reason: str, now: datetime) -> None:
    """A page that cannot be delivered: record it, and if nobody else at the escalation's current level can
    still get it, make its acknowledge deadline due now so the next sweep pages the next level."""
    if notification.escalation_id is None:
        return
    record_event(
        session, notification.escalation_id, "delivery_failed", at=now, person_id=notification.person_id, reason=reason
    )
    escalation = await session.get(Escalation, notification.escalation_id)
    if escalation is None or escalation.state != "open" or notification.kind != "card_send":
        return
    others = await session.scalar(
        select(func.count())
        .select_from(TelegramLink)
        .join(Person, Person.id == TelegramLink.person_id)
        .where(
            Person.key.in_(list(escalation.current_targets)),
            TelegramLink.reachable.is_(True),
            TelegramLink.chat_id != notification.chat_id,
        )
    )
    if not others:
        escalation.ack_due_at = now


async def most_urgent_pending(session: AsyncSession) -> Notification | None:
    """The pending notification that should go first, due or not (pages before nudges before edits)."""
    return await session.scalar(
        select(Notification)
        .where(Notification.status == "pending")
        .order_by(Notification.priority, Notification.next_attempt_at, Notification.id)
        .limit(1)
    )


async def release_backoff(session: AsyncSession, now: datetime) -> int:
    """Telegram answers again after an outage: everything waiting out a backoff is due now, so the next
    pass sends it in priority order (pages first) instead of in the order the backoffs happen to end."""
    result = await session.execute(
        update(Notification)
        .where(Notification.status == "pending", Notification.next_attempt_at > now, Notification.attempts > 0)
        .values(next_attempt_at=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def mark_uncertain(session: AsyncSession, notification: Notification, reason: str, now: datetime) -> None:
    """It may or may not have reached Telegram: never sent again; the timeline says so."""
    notification.status, notification.last_error = "uncertain", reason[:2000]
    if notification.escalation_id is not None:
        record_event(
            session,
            notification.escalation_id,
            "delivery_uncertain",
            at=now,
            notification=notification.id,
            notification_kind=notification.kind,
        )


async def recover_interrupted(session: AsyncSession, now: datetime) -> int:
    """After a crash, rows left `sending` may or may not have reached Telegram. Edits are idempotent and
    are retried; a card or a text is never sent twice: it is marked `uncertain` and the timeline says so
    (the escalation's deadlines still run, so an unseen page reaches the next level on time)."""
    rows = (await session.scalars(select(Notification).where(Notification.status == "sending"))).all()
    for row in rows:
        if row.kind == "card_edit":
            row.status, row.next_attempt_at = "pending", now
            continue
        await mark_uncertain(session, row, "the process stopped during the Bot API call", now)
    return len(rows)
