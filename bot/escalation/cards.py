"""What a card shows, read from the database; the Telegram edge turns a `CardView` into HTML and buttons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Card, Escalation, EscalationEvent, Mention, Person

__all__ = ["CardView", "load_card_view"]


@dataclass(frozen=True)
class CardView:
    escalation_id: int
    state: str
    severity: str
    lanes: list[str]
    reasons: list[str]
    mention_count: int
    opened_at: datetime
    ack_due_at: datetime | None
    respond_due_at: datetime | None
    owner_name: str | None
    last_actor: str | None
    last_action: str | None
    last_action_at: datetime | None
    mention: dict[str, Any]
    mention_url: str | None
    language: str
    now: datetime


async def load_card_view(session: AsyncSession, card_id: int, now: datetime) -> tuple[Card, CardView] | None:
    card = await session.get(Card, card_id)
    if card is None:
        return None
    escalation = await session.get(Escalation, card.escalation_id)
    if escalation is None:
        return None
    first = await session.get(Mention, escalation.first_mention_id)
    owner = await session.get(Person, escalation.owner_person_id) if escalation.owner_person_id else None
    viewer = await session.get(Person, card.person_id) if card.person_id else None
    last = (
        await session.execute(
            select(EscalationEvent, Person.name)
            .outerjoin(Person, Person.id == EscalationEvent.actor_person_id)
            .where(EscalationEvent.escalation_id == escalation.id, EscalationEvent.actor_person_id.is_not(None))
            .order_by(EscalationEvent.id.desc())
            .limit(1)
        )
    ).first()
    payload = first.payload if first else {}
    view = CardView(
        escalation_id=escalation.id,
        state=escalation.state,
        severity=escalation.severity,
        lanes=list(escalation.lanes),
        reasons=list(escalation.reasons),
        mention_count=escalation.mention_count,
        opened_at=escalation.opened_at,
        ack_due_at=escalation.ack_due_at,
        respond_due_at=escalation.respond_due_at,
        owner_name=owner.name if owner else None,
        last_actor=last[1] if last else None,
        last_action=last[0].kind if last else None,
        last_action_at=last[0].at if last else None,
        mention=payload,
        mention_url=payload.get("url"),
        language=viewer.language if viewer else "en",
        now=now,
    )
    return card, view
