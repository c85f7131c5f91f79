"""Page an escalation's current policy level, walking on at once past levels with nobody to page.

A person paged for the first time gets the card; a person who already has the card gets a nudge that
replies to it ("still open"), never a second card.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Card, Escalation
from bot.domain import Severity
from bot.domain.policy import EscalationPolicy, resolve_level
from bot.escalation.directory import Directory
from bot.escalation.outbox import enqueue_card, enqueue_text
from bot.escalation.timeline import record_event

__all__ = ["page_current_level", "page_person"]


async def page_current_level(
    session: AsyncSession, escalation: Escalation, directory: Directory, now: datetime, *, new_case: bool = False
) -> bool:
    """Page the level the escalation stands at; skip empty levels; repeat the policy as configured.
    Sets `ack_due_at` for the level paged. Returns False when the policy is exhausted. `new_case`: the
    escalation was opened in this transaction, so nobody has its card yet (no need to look)."""
    policy = EscalationPolicy.model_validate(escalation.policy)
    severity = Severity(escalation.severity)
    while True:
        if escalation.level >= len(policy.levels):
            if escalation.round >= policy.repeat:
                escalation.ack_due_at = None
                record_event(session, escalation.id, "policy_exhausted", at=now, rounds=escalation.round + 1)
                return False
            escalation.round += 1
            escalation.level = 0
            record_event(session, escalation.id, "policy_repeated", at=now, round=escalation.round)
        level = policy.levels[escalation.level]
        plan = resolve_level(
            level,
            people=directory.people,
            rotations=directory.rotations,
            previous=list(escalation.current_targets),
            severity=severity,
            now=now,
        )
        skipped = {key: _why(directory, key, reason) for key, reason in plan.skipped}
        if plan.page:
            for key in plan.page:
                await page_person(session, escalation, key, directory, now, new_case=new_case)
            escalation.current_targets = list(plan.page)
            escalation.ack_due_at = now + level.ack_timeout
            record_event(
                session,
                escalation.id,
                "level_paged",
                at=now,
                level=escalation.level + 1,
                round=escalation.round,
                people=list(plan.page),
                skipped=skipped,
            )
            return True
        record_event(
            session,
            escalation.id,
            "level_skipped",
            at=now,
            level=escalation.level + 1,
            skipped=skipped,
            empty=list(plan.empty_targets),
        )
        escalation.level += 1


def _why(directory: Directory, key: str, reason: str) -> str:
    return directory.reason_unreachable(key) if reason == "unreachable" else reason


async def page_person(
    session: AsyncSession,
    escalation: Escalation,
    key: str,
    directory: Directory,
    now: datetime,
    *,
    new_case: bool = False,
) -> None:
    chat_id = directory.chats[key]
    person_id = directory.person_ids[key]
    card = (
        None
        if new_case
        else await session.scalar(select(Card).where(Card.escalation_id == escalation.id, Card.chat_id == chat_id))
    )
    if card is None:
        await enqueue_card(session, escalation_id=escalation.id, chat_id=chat_id, person_id=person_id, now=now)
    else:
        await enqueue_text(
            session,
            card=card,
            key="nudge.still_open",
            now=now,
            values={"id": escalation.id, "count": escalation.mention_count},
        )
    record_event(session, escalation.id, "paged", at=now, person=key, level=escalation.level + 1)
