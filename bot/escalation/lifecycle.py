"""Open an escalation for an urgent mention, or attach the mention to the open one on the same key.

Deadlines are columns, set here in the same transaction as the escalation, so a restart loses none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Escalation, EscalationMention
from bot.domain import Assessment, EscalationState, Severity
from bot.escalation.directory import Directory
from bot.escalation.outbox import enqueue_card_refresh
from bot.escalation.paging import page_current_level
from bot.escalation.policies import choose_policy
from bot.escalation.team import mirror_opened
from bot.escalation.timeline import record_event
from bot.rules.playbook import Playbook

__all__ = ["EscalationOutcome", "Joining", "attach_mentions", "open_or_attach"]

OPEN_STATES = [s.value for s in EscalationState if not s.is_closed]


@dataclass(frozen=True)
class EscalationOutcome:
    escalation_id: int
    opened: bool
    paged: bool
    opener: int | None = None
    """The mention that opened the case (when `opened`)."""


Joining = tuple[int, Assessment]
"""A mention (its id) that joins a case, and its assessment."""


async def open_or_attach(
    session: AsyncSession,
    mentions: Sequence[Joining],
    now: datetime,
    *,
    playbook: Playbook,
    directory: Directory,
) -> EscalationOutcome:
    """Settle urgent mentions that share one group key: attach them all to the open case on that key, or open
    one with the most severe of them (first among equals: its severity chooses the policy and its reasons head
    the card) and attach the others. One lookup, one card refresh and one timeline event however many."""
    assert mentions, "at least one mention"
    route = mentions[0][1].route
    assert route is not None, "an escalating assessment always has a route"
    existing = await session.scalar(
        select(Escalation)
        .where(
            Escalation.group_key == route.group_key,
            Escalation.state.in_(OPEN_STATES),
            Escalation.updated_at >= now - timedelta(minutes=playbook.escalation.group_window_minutes),
        )
        .order_by(Escalation.id.desc())
        .limit(1)
    )
    if existing is not None:
        await attach_mentions(session, existing, mentions, now)
        return EscalationOutcome(existing.id, opened=False, paged=False)
    opener = max(mentions, key=lambda m: m[1].severity.rank)  # max() keeps the first of equals
    escalation, paged = await _open(session, *opener, now, playbook=playbook, directory=directory)
    others = [m for m in mentions if m is not opener]
    if others:
        await attach_mentions(session, escalation, others, now, refresh_cards=False)  # its cards are not sent yet
    return EscalationOutcome(escalation.id, opened=True, paged=paged, opener=opener[0])


async def attach_mentions(
    session: AsyncSession,
    escalation: Escalation,
    mentions: Sequence[Joining],
    now: datetime,
    *,
    refresh_cards: bool = True,
) -> None:
    """Attach mentions to a case (its key's, or the one a reporter chose with `/attach N`): counters, severity
    and lanes raised, one timeline event and one coalesced edit of its cards for the lot. A lower severity never
    lowers the case's and never pages: the case is already with someone."""
    # One executemany INSERT, not an ORM object per mention (a storm attaches hundreds per batch).
    await session.execute(
        insert(EscalationMention),
        [{"escalation_id": escalation.id, "mention_id": m, "added_at": now} for m, _ in mentions],
    )
    escalation.mention_count += len(mentions)
    escalation.updated_at = now
    top = max((a.severity for _, a in mentions), key=lambda s: s.rank)
    if top.rank > Severity(escalation.severity).rank:
        escalation.severity = top.value
    escalation.lanes = sorted({*escalation.lanes, *(lane.value for _, a in mentions for lane in a.lanes)})
    if len(mentions) == 1:
        record_event(session, escalation.id, "mention_attached", at=now, mention_id=mentions[0][0])
    else:
        ids = [m for m, _ in mentions]
        record_event(
            session,
            escalation.id,
            "mentions_attached",
            at=now,
            count=len(ids),
            first_mention_id=min(ids),
            last_mention_id=max(ids),
        )
    if refresh_cards:
        await enqueue_card_refresh(session, escalation.id, now, coalesce=True)


async def _open(
    session: AsyncSession,
    mention_id: int,
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
        first_mention_id=mention_id,
        mention_count=1,
        opened_at=now,
        updated_at=now,
        level=0,
        round=0,
        current_targets=[],
    )
    session.add(escalation)
    await session.flush()
    session.add(EscalationMention(escalation_id=escalation.id, mention_id=mention_id, added_at=now))
    record_event(
        session,
        escalation.id,
        "opened",
        at=now,
        mention_id=mention_id,
        severity=escalation.severity,
        policy=policy_name,
        route=route.policy.get("route"),
    )
    paged = await page_current_level(session, escalation, directory, now, new_case=True)
    await mirror_opened(session, escalation, playbook, now)
    return escalation, paged
