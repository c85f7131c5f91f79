"""Durable deadlines: every timer is a column; `sweep_due` acts on the rows whose time has come.

- open and `ack_due_at` passed → the next level is paged (`ack_timeout`);
- acknowledged and `respond_due_at` passed → the owner is reminded once, then the next level is paged;
- snoozed and `snoozed_until` passed → the case reopens and its current level is paged again.

Each step changes the row it acts on in the same transaction, so running the sweep twice, or in two
processes (PostgreSQL rows are claimed with FOR UPDATE SKIP LOCKED), never pages twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import is_postgres_session
from bot.db.models import Card, Escalation, Person
from bot.domain import EscalationState
from bot.domain.policy import EscalationPolicy
from bot.escalation.directory import Directory
from bot.escalation.outbox import enqueue_card_refresh, enqueue_text
from bot.escalation.paging import page_current_level
from bot.escalation.timeline import record_event

__all__ = ["SweepResult", "sweep_due"]


@dataclass
class SweepResult:
    escalated: list[int] = field(default_factory=list)
    reminded: list[int] = field(default_factory=list)
    reopened: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.escalated or self.reminded or self.reopened)


def _due(now: datetime, limit: int, *, skip_locked: bool):  # type: ignore[no-untyped-def]
    stmt = (
        select(Escalation)
        .where(
            or_(
                and_(Escalation.state == EscalationState.OPEN.value, Escalation.ack_due_at <= now),
                and_(Escalation.state == EscalationState.ACKNOWLEDGED.value, Escalation.respond_due_at <= now),
                and_(Escalation.state == EscalationState.SNOOZED.value, Escalation.snoozed_until <= now),
            )
        )
        .order_by(Escalation.id)
        .limit(limit)
    )
    return stmt.with_for_update(skip_locked=True) if skip_locked else stmt


async def sweep_due(session: AsyncSession, directory: Directory, now: datetime, *, limit: int = 100) -> SweepResult:
    result = SweepResult()
    rows = (await session.scalars(_due(now, limit, skip_locked=is_postgres_session(session)))).all()
    for escalation in rows:
        state = EscalationState(escalation.state)
        if state is EscalationState.OPEN:
            await _ack_timed_out(session, escalation, directory, now)
            result.escalated.append(escalation.id)
        elif state is EscalationState.ACKNOWLEDGED:
            if escalation.reminded_at is None:
                await _remind_owner(session, escalation, now)
                result.reminded.append(escalation.id)
            else:
                await _respond_timed_out(session, escalation, directory, now)
                result.escalated.append(escalation.id)
        else:
            await _snooze_over(session, escalation, directory, now)
            result.reopened.append(escalation.id)
        escalation.updated_at = now
        await enqueue_card_refresh(session, escalation.id, now)
    return result


async def _ack_timed_out(session: AsyncSession, escalation: Escalation, directory: Directory, now: datetime) -> None:
    record_event(
        session, escalation.id, "ack_timeout", at=now, level=escalation.level + 1, waited_for=escalation.current_targets
    )
    escalation.level += 1
    await page_current_level(session, escalation, directory, now)


async def _remind_owner(session: AsyncSession, escalation: Escalation, now: datetime) -> None:
    policy = EscalationPolicy.model_validate(escalation.policy)
    escalation.reminded_at = now
    escalation.respond_due_at = now + policy.reminder_grace
    owner = await session.get(Person, escalation.owner_person_id) if escalation.owner_person_id else None
    card = None
    if escalation.owner_person_id is not None:
        card = await session.scalar(
            select(Card).where(Card.escalation_id == escalation.id, Card.person_id == escalation.owner_person_id)
        )
    if card is not None:
        minutes = int(policy.reminder_grace.total_seconds() // 60)
        await enqueue_text(
            session, card=card, key="nudge.respond_reminder", now=now, values={"id": escalation.id, "minutes": minutes}
        )
    record_event(session, escalation.id, "respond_reminder", at=now, person=owner.key if owner else None)


async def _respond_timed_out(
    session: AsyncSession, escalation: Escalation, directory: Directory, now: datetime
) -> None:
    """Acknowledged but no public reply in time: back to open, and the next level is paged."""
    record_event(session, escalation.id, "respond_timeout", at=now, level=escalation.level + 1)
    escalation.state = EscalationState.OPEN.value
    escalation.respond_due_at = None
    escalation.reminded_at = None
    escalation.level += 1
    await page_current_level(session, escalation, directory, now)


async def _snooze_over(session: AsyncSession, escalation: Escalation, directory: Directory, now: datetime) -> None:
    record_event(session, escalation.id, "snooze_expired", at=now)
    escalation.state = EscalationState.OPEN.value
    escalation.snoozed_until = None
    await page_current_level(session, escalation, directory, now)
