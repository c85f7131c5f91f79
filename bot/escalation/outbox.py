"""Queue Telegram work in the outbox (the `notification` table) inside the caller's transaction.

A card is sent once per chat; later changes enqueue an edit. A pending edit is never queued twice: the
notifier renders the escalation's state when it sends, so one queued edit covers every change before it.
"""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Card, Notification

__all__ = ["NotificationKind", "Priority", "enqueue_card", "enqueue_card_refresh", "enqueue_message", "enqueue_text"]


class NotificationKind(StrEnum):
    CARD_SEND = "card_send"
    CARD_EDIT = "card_edit"
    TEXT = "text"  # a short message replying to the card: a nudge, a reminder


class Priority(IntEnum):
    """Lower goes first: pages, then edits someone is waiting for (they just pressed a button), then
    nudges, then storm edits (coalesced: at most one per card every few seconds)."""

    PAGE = 0
    ACTION = 5
    NUDGE = 10
    EDIT = 20


async def enqueue_card(
    session: AsyncSession, *, escalation_id: int, chat_id: int, person_id: int | None, now: datetime
) -> Card:
    card = Card(escalation_id=escalation_id, chat_id=chat_id, person_id=person_id, created_at=now, updated_at=now)
    session.add(card)
    await session.flush()
    session.add(
        Notification(
            idempotency_key=f"card:{card.id}:send",
            kind=NotificationKind.CARD_SEND.value,
            priority=Priority.PAGE,
            card_id=card.id,
            escalation_id=escalation_id,
            person_id=person_id,
            chat_id=chat_id,
            created_at=now,
            next_attempt_at=now,
        )
    )
    return card


async def enqueue_card_refresh(
    session: AsyncSession, escalation_id: int, now: datetime, *, coalesce: bool = False
) -> int:
    """Queue an edit of every card of the escalation, once: a pending edit renders the latest state when it
    goes out, so it covers every change before it. `coalesce` marks storm edits (new mentions attached),
    which the notifier spaces out; other edits answer someone and go first (an existing pending edit is
    brought forward). Returns how many edits were queued."""
    cards = (await session.scalars(select(Card).where(Card.escalation_id == escalation_id))).all()
    pending = {
        n.card_id: n
        for n in (
            await session.scalars(
                select(Notification).where(
                    Notification.escalation_id == escalation_id,
                    Notification.status == "pending",
                    Notification.kind.in_([NotificationKind.CARD_SEND.value, NotificationKind.CARD_EDIT.value]),
                )
            )
        ).all()
    }
    priority = Priority.EDIT if coalesce else Priority.ACTION
    queued = 0
    for card in cards:
        waiting = pending.get(card.id)
        if waiting is not None:
            if not coalesce and waiting.kind == NotificationKind.CARD_EDIT.value:
                waiting.priority, waiting.next_attempt_at = Priority.ACTION, min(waiting.next_attempt_at, now)
            continue
        session.add(
            Notification(
                idempotency_key=f"card:{card.id}:edit:{now.timestamp():.6f}",
                kind=NotificationKind.CARD_EDIT.value,
                priority=priority,
                card_id=card.id,
                escalation_id=escalation_id,
                person_id=card.person_id,
                chat_id=card.chat_id,
                created_at=now,
                next_attempt_at=now,
            )
        )
        queued += 1
    return queued


async def enqueue_text(
    session: AsyncSession, *, card: Card, key: str, now: datetime, values: dict[str, Any] | None = None
) -> None:
    """A text (by message-catalogue key) sent as a reply to the card, in the reader's language."""
    session.add(
        Notification(
            idempotency_key=f"card:{card.id}:text:{key}:{now.timestamp():.6f}",
            kind=NotificationKind.TEXT.value,
            priority=Priority.NUDGE,
            card_id=card.id,
            escalation_id=card.escalation_id,
            person_id=card.person_id,
            chat_id=card.chat_id,
            created_at=now,
            next_attempt_at=now,
            payload={"key": key, "values": values or {}},
        )
    )


async def enqueue_message(
    session: AsyncSession,
    *,
    chat_id: int,
    person_id: int | None,
    key: str,
    now: datetime,
    idempotency_key: str,
    values: dict[str, Any] | None = None,
    escalation_id: int | None = None,
    priority: Priority = Priority.NUDGE,
    lines: list[tuple[str, dict[str, Any]]] | None = None,
) -> bool:
    """A text to a person, not tied to a card (hand-overs, reminders, daily checks, digests). Queued once
    per `idempotency_key`: a second call with the same key (after a restart, or from a second worker) adds
    nothing. `lines` are further messages, each rendered and joined into the `{lines}` value. Returns True
    when queued."""
    exists = await session.scalar(select(Notification.id).where(Notification.idempotency_key == idempotency_key))
    if exists is not None:
        return False
    session.add(
        Notification(
            idempotency_key=idempotency_key,
            kind=NotificationKind.TEXT.value,
            priority=priority,
            escalation_id=escalation_id,
            person_id=person_id,
            chat_id=chat_id,
            created_at=now,
            next_attempt_at=now,
            payload={"key": key, "values": values or {}, "lines": [{"key": k, "values": v} for k, v in lines or []]},
        )
    )
    return True
