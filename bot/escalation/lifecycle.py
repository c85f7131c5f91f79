"""Open an escalation for an urgent mention, or attach the mention to the open one on the same key.

Deadlines are columns, set here in the same transaction as the escalation, so a restart loses none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Escalation, EscalationMention, Mention
from bot.domain import Assessment, EscalationState, Severity
from bot.escalation.directory import Directory
from bot.escalation.outbox import enqueue_card_refresh
from bot.escalation.paging import page_current_level
from bot.escalation.policies import choose_policy
from bot.escalation.team import mirror_opened
from bot.escalation.timeline import record_event
from bot.rules.playbook import Playbook

__all__ = ["EscalationOutcome", "attach_mention", "open_or_attach"]

OPEN_STATES = [s.value for s in EscalationState if not s.is_closed]


@dataclass(frozen=True)
class EscalationOutcome:
    escalation_id: int
    opened: bool
    paged: bool


async def open_or_attach(
    session: AsyncSession,
    mention: Mention,
    assessment: Assessment,
    now: datetime,
    *,
    playbook: Playbook,
    directory: Directory,
) -> EscalationOutcome:
    assert assessment.route is not None, "an escalating assessment always has a route"
    existing = await session.scalar(
        select(Escalation)
        .where(
            Escalation.group_key == assessment.route.group_key,
            Escalation.state.in_(OPEN_STATES),
            Escalation.updated_at >= now - timedelta(minutes=playbook.escalation.group_window_minutes),
        )
        .order_by(Escalation.id.desc())
        .limit(1)
    )
    if existing is not None:
        await _attach(session, existing, mention, assessment, now)
        return EscalationOutcome(existing.id, opened=False, paged=False)
    escalation, paged = await _open(session, mention, assessment, now, playbook=playbook, directory=directory)
    return EscalationOutcome(escalation.id, opened=True, paged=paged)


async def attach_mention(
    session: AsyncSession, escalation: Escalation, mention: Mention, assessment: Assessment, now: datetime
) -> EscalationOutcome:
    """Attach to a case chosen by the person who reported the mention (`/attach N`), whatever its key."""
    await _attach(session, escalation, mention, assessment, now)
    return EscalationOutcome(escalation.id, opened=False, paged=False)


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
    await enqueue_card_refresh(session, escalation.id, now, coalesce=True)


async def _open(
    session: AsyncSession,
    mention: Mention,
    assessment: Assessment,
    now: datetime,
    *,
    playbook: Playbook,
    directory: Directory,
) -> tuple[Escalation, bool]:
    route = assessment.route
    assert route is not None
    policy_name, policy = choose_policy(playbook, assessment)
    escalation = Escalation(
        state=EscalationState.OPEN.value,
        severity=assessment.severity.value,
        lanes=[lane.value for lane in assessment.lanes],
        score=assessment.score,
        reasons=[str(r) for r in assessment.reasons],
        group_key=route.group_key,
        policy=policy.snapshot(),
        policy_name=policy_name,
        owner_person_id=directory.person_ids.get(route.target),
        first_mention_id=mention.id,
        mention_count=1,
        opened_at=now,
        updated_at=now,
        level=0,
        round=0,
        current_targets=[],
    )
    session.add(escalation)
    await session.flush()
    session.add(EscalationMention(escalation_id=escalation.id, mention_id=mention.id, added_at=now))
    record_event(
        session,
        escalation.id,
        "opened",
        at=now,
        mention_id=mention.id,
        severity=escalation.severity,
        policy=policy_name,
        route=route.policy.get("route"),
    )
    paged = await page_current_level(session, escalation, directory, now)
    await mirror_opened(session, escalation, playbook, now)
    return escalation, paged
