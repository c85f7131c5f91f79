"""The escalation timeline: every change is an event with who, what and when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import EscalationEvent

__all__ = ["record_event"]


def record_event(
    session: AsyncSession,
    escalation_id: int,
    kind: str,
    *,
    at: datetime,
    actor_person_id: int | None = None,
    **detail: Any,
) -> EscalationEvent:
    event = EscalationEvent(
        escalation_id=escalation_id, kind=kind, at=at, actor_person_id=actor_person_id, detail=detail
    )
    session.add(event)
    return event
