"""Open an escalation for an urgent mention, or attach the mention to the open one on the same key.

Deadlines are columns, set here in the same transaction as the escalation, so a restart loses none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Escalation, EscalationMention, Mention, TelegramLink
from bot.domain import Assessment, EscalationState, Severity
from bot.escalation.outbox import enqueue_card, enqueue_card_refresh
from bot.escalation.people import person_by_key
from bot.escalation.timeline import record_event

__all__ = ["EscalationOutcome", "open_or_attach"]

OPEN_STATES = [s.value for s in EscalationState if not s.is_closed]


@dataclass(frozen=True)
class EscalationOutcome:
    escalation_id: int
    opened: bool
    paged: bool


async def open_or_attach(
    session: AsyncSession, mention: Mention, assessment: Assessment, now: datetime
) -> EscalationOutcome:
    assert assessment.route is not None, "an escalating assessment always has a route"
    existing = await session.scalar(
        select(Escalation)
        .where(Escalation.group_key == assessment.route.group_key, Escalation.state.in_(OPEN_STATES))
        .order_by(Escalation.id.desc())
        .limit(1)
    )
    if existing is not None:
        await _attach(session, existing, mention, assessment, now)
        return EscalationOutcome(existing.id, opened=False, paged=False)
    escalation, paged = await _open(session, mention, assessment, now)
    return EscalationOutcome(escalation.id, opened=True, paged=paged)


async def _attach(
    session: AsyncSession, escalation: Escalation, mention: Mention, assessment: Assessment, now: datetime
) -> None:
    session.add(EscalationMention(escalation_id=escalation.id, mention_id=mention.id, added_at=now))
    escalation.mention_count += 1
    escalation.updated_at = now
    if assessment.severity.rank > Severity(escalation.severity).rank:
        escalation.severity = assessment.severity.value
    escalation.lanes = sorted({*escalation.lanes, *(lane.value for lane in assessment.lanes)})
    record_event(session, escalation.id, "mention_attached", at=now, mention_id=mention.id)
    await enqueue_card_refresh(session, escalation.id, now)


async def _open(
    session: AsyncSession, mention: Mention, assessment: Assessment, now: datetime
) -> tuple[Escalation, bool]:
    route = assessment.route
    assert route is not None
    policy = dict(route.policy)
    target = await person_by_key(session, route.target)
    escalation = Escalation(
        state=EscalationState.OPEN.value,
        severity=assessment.severity.value,
        lanes=[lane.value for lane in assessment.lanes],
        score=assessment.score,
        reasons=[str(r) for r in assessment.reasons],
        group_key=route.group_key,
        policy=policy,
        owner_person_id=target.id if target else None,
        first_mention_id=mention.id,
        mention_count=1,
        opened_at=now,
        updated_at=now,
        ack_due_at=now + timedelta(minutes=float(policy.get("ack_timeout_minutes", 5))),
    )
    session.add(escalation)
    await session.flush()
    session.add(EscalationMention(escalation_id=escalation.id, mention_id=mention.id, added_at=now))
    record_event(session, escalation.id, "opened", at=now, mention_id=mention.id, severity=escalation.severity)
    link = await session.scalar(select(TelegramLink).where(TelegramLink.person_id == target.id)) if target else None
    if target is None or link is None or not link.reachable:
        why = "not in the database" if target is None else ("not linked" if link is None else "unreachable")
        record_event(session, escalation.id, "page_skipped", at=now, target=route.target, reason=why)
        return escalation, False
    await enqueue_card(session, escalation_id=escalation.id, chat_id=link.chat_id, person_id=target.id, now=now)
    record_event(session, escalation.id, "paged", at=now, person_id=target.id, target=route.target)
    return escalation, True
