"""What the timeline says about decision speed, read incrementally for the metrics job."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Escalation, EscalationEvent, Mention, Notification

__all__ = ["Timing", "last_event_id", "new_timings", "queue_depths"]


@dataclass(frozen=True)
class Timing:
    kind: str  # "first_page" | "ack" | "first_response"
    severity: str
    seconds: float


async def last_event_id(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.max(EscalationEvent.id))) or 0)


async def new_timings(session: AsyncSession, after_id: int, *, limit: int = 1000) -> tuple[Sequence[Timing], int]:
    """Timings of the events after `after_id`: first page (from the first mention's arrival), acknowledgement
    (from opening), first executive response (as recorded). Returns them and the last event id seen."""
    rows = (
        await session.execute(
            select(EscalationEvent, Escalation.severity, Escalation.opened_at, Mention.received_at)
            .join(Escalation, Escalation.id == EscalationEvent.escalation_id)
            .join(Mention, Mention.id == Escalation.first_mention_id)
            .where(EscalationEvent.id > after_id)
            .order_by(EscalationEvent.id)
            .limit(limit)
        )
    ).all()
    out: list[Timing] = []
    last = after_id
    for event, severity, opened_at, received_at in rows:
        last = event.id
        if event.kind == "level_paged" and event.detail.get("level") == 1 and event.detail.get("round", 0) == 0:
            out.append(Timing("first_page", severity, (event.at - received_at).total_seconds()))
        elif event.kind == "acknowledge":
            out.append(Timing("ack", severity, (event.at - opened_at).total_seconds()))
        elif event.kind == "first_response" and "seconds" in event.detail:
            out.append(Timing("first_response", severity, float(event.detail["seconds"])))
    return out, last


async def queue_depths(session: AsyncSession) -> tuple[int, int]:
    """(mentions waiting for triage, notifications waiting for Telegram)."""
    mentions = await session.scalar(select(func.count()).select_from(Mention).where(Mention.status == "pending"))
    notifications = await session.scalar(
        select(func.count()).select_from(Notification).where(Notification.status == "pending")
    )
    return int(mentions or 0), int(notifications or 0)
