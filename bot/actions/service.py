"""Apply an action pressed on a card: check the presser may act, change the state, record it, refresh cards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Escalation, Person
from bot.domain import EscalationState, Role
from bot.errors import ActionRefused
from bot.escalation.outbox import enqueue_card_refresh
from bot.escalation.people import person_by_telegram_user
from bot.escalation.timeline import record_event

__all__ = ["Action", "ActionResult", "apply_action"]


class Action(StrEnum):
    ACKNOWLEDGE = "ack"
    RESOLVE = "resolve"


@dataclass(frozen=True)
class ActionResult:
    escalation_id: int
    state: EscalationState
    actor: str
    language: str


# Roles that may act on any escalation; the owner may always act on their own.
ACTING_ROLES = {Role.ADMIN.value, Role.EXECUTIVE.value}


async def apply_action(
    session: AsyncSession, escalation_id: int, action: Action, *, telegram_user_id: int, now: datetime
) -> ActionResult:
    found = await person_by_telegram_user(session, telegram_user_id)
    if found is None:
        raise ActionRefused("not linked")
    person, _link = found
    escalation = await session.get(Escalation, escalation_id, with_for_update=True)
    if escalation is None:
        raise ActionRefused("no such escalation")
    if escalation.owner_person_id != person.id and person.role not in ACTING_ROLES:
        raise ActionRefused("not allowed")
    state = EscalationState(escalation.state)
    if state.is_closed:
        raise ActionRefused("already resolved")
    if action is Action.ACKNOWLEDGE:
        _acknowledge(escalation, person, now)
    else:
        _resolve(escalation, now)
    escalation.updated_at = now
    record_event(session, escalation.id, action.name.lower(), at=now, actor_person_id=person.id, by=person.key)
    await enqueue_card_refresh(session, escalation.id, now)
    return ActionResult(escalation.id, EscalationState(escalation.state), person.name, person.language)


def _acknowledge(escalation: Escalation, person: Person, now: datetime) -> None:
    if escalation.state != EscalationState.OPEN.value:
        raise ActionRefused("already acknowledged")
    escalation.state = EscalationState.ACKNOWLEDGED.value
    escalation.acknowledged_at = now
    escalation.owner_person_id = person.id
    escalation.ack_due_at = None
    minutes = float(escalation.policy.get("respond_timeout_minutes", 15))
    escalation.respond_due_at = now + timedelta(minutes=minutes)


def _resolve(escalation: Escalation, now: datetime) -> None:
    escalation.state = EscalationState.RESOLVED.value
    escalation.resolved_at = now
    escalation.ack_due_at = None
    escalation.respond_due_at = None
