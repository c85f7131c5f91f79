"""Apply an action pressed on a card: check the presser may act, change the state, record it, refresh cards.

State changes (each also records a timeline event and queues an edit of every card of the case):

    ack           open → acknowledged; the presser owns it; the respond deadline starts
    take          the presser owns it; open / snoozed / delegated → acknowledged
    escalate      page the next policy level now; back to open (the next level must acknowledge)
    snooze N      → snoozed until now + N minutes; the deadline sweep reopens and re-pages it then
    delegate      → delegated to a community manager, who gets the card and the note
    not_relevant  → resolved, with feedback stored against the rules that fired
    resolve       → resolved; every clock stops
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.actions.permissions import DEFAULT_MAY_ACT, authorize
from bot.db.models import Card, Escalation, EscalationMention, Mention, Person, RuleFeedback, TelegramLink
from bot.domain import EscalationState, Role
from bot.domain.policy import EscalationPolicy
from bot.errors import ActionRefused
from bot.escalation.directory import load_directory
from bot.escalation.outbox import enqueue_card, enqueue_card_refresh, enqueue_text
from bot.escalation.paging import page_current_level
from bot.escalation.team import mirror_event
from bot.escalation.timeline import record_event
from bot.rules.playbook import Playbook

__all__ = ["SNOOZE_CHOICES", "Action", "ActionResult", "apply_action", "community_managers", "may_act_of"]

SNOOZE_CHOICES = (30, 120)  # minutes offered as buttons; "custom" asks
MAX_SNOOZE_MINUTES = 7 * 24 * 60


class Action(StrEnum):
    """Every button's verb; the value is what the packed callback data carries."""

    ACKNOWLEDGE = "ack"
    RESOLVE = "resolve"
    TAKE = "take"
    ESCALATE = "esc"
    SNOOZE = "snooze"  # arg: minutes; none: ask for a custom time
    DELEGATE = "deleg"  # arg: the community manager's person id; none: choose
    NOT_RELEVANT = "nrel"
    DRAFT = "draft"  # arg: the intent's index (acknowledge, offer, apology)
    OWN = "own"  # write my own
    SEND = "send"  # arg: conversation id
    EDIT = "edit"  # arg: conversation id
    CANCEL = "cancel"  # arg: conversation id


@dataclass(frozen=True)
class ActionResult:
    escalation_id: int
    state: EscalationState
    actor: str
    language: str


def may_act_of(playbook: Playbook | None) -> frozenset[str]:
    return frozenset(r.value for r in playbook.replies.may_act) if playbook is not None else DEFAULT_MAY_ACT


async def apply_action(
    session: AsyncSession,
    escalation_id: int,
    action: Action,
    *,
    telegram_user_id: int,
    now: datetime,
    arg: int | None = None,
    note: str | None = None,
    playbook: Playbook | None = None,
) -> ActionResult:
    actor = await authorize(session, escalation_id, telegram_user_id=telegram_user_id, may_act=may_act_of(playbook))
    person, escalation = actor.person, actor.escalation
    detail: dict[str, object] = {"by": person.key}
    if action is Action.ACKNOWLEDGE:
        _acknowledge(escalation, person, now)
    elif action is Action.TAKE:
        _take(escalation, person, now)
    elif action is Action.RESOLVE:
        _resolve(escalation, now)
    elif action is Action.SNOOZE:
        detail["until"] = _snooze(escalation, arg, now).isoformat()
    elif action is Action.ESCALATE:
        detail["level"] = await _escalate(session, escalation, playbook, now)
    elif action is Action.NOT_RELEVANT:
        detail["rules"] = await _not_relevant(session, escalation, person, now)
    elif action is Action.DELEGATE:
        detail.update(await _delegate(session, escalation, arg, note, now))
    else:
        raise ActionRefused("not a state change")
    escalation.updated_at = now
    record_event(session, escalation.id, _EVENT[action], at=now, actor_person_id=person.id, **detail)
    await mirror_event(session, escalation.id, _EVENT[action], who=person.name, detail=detail, now=now)
    await enqueue_card_refresh(session, escalation.id, now)
    return ActionResult(escalation.id, EscalationState(escalation.state), person.name, person.language)


_EVENT = {
    Action.ACKNOWLEDGE: "acknowledge",
    Action.RESOLVE: "resolve",
    Action.TAKE: "take",
    Action.SNOOZE: "snooze",
    Action.ESCALATE: "escalate_now",
    Action.NOT_RELEVANT: "not_relevant",
    Action.DELEGATE: "delegate",
}


def _respond_timeout(escalation: Escalation) -> timedelta:
    """From the policy snapshot taken when the case opened (not from the playbook in force)."""
    return EscalationPolicy.model_validate(escalation.policy).respond_timeout


def _acknowledge(escalation: Escalation, person: Person, now: datetime) -> None:
    if escalation.state != EscalationState.OPEN.value:
        raise ActionRefused("already acknowledged")
    escalation.state = EscalationState.ACKNOWLEDGED.value
    escalation.acknowledged_at = now
    escalation.owner_person_id = person.id
    escalation.ack_due_at = None
    escalation.respond_due_at = now + _respond_timeout(escalation)


def _take(escalation: Escalation, person: Person, now: datetime) -> None:
    if escalation.owner_person_id == person.id and escalation.state in ("acknowledged", "responded"):
        raise ActionRefused("already yours")
    escalation.owner_person_id = person.id
    if escalation.state in ("open", "snoozed", "delegated"):
        escalation.state = EscalationState.ACKNOWLEDGED.value
        escalation.acknowledged_at = escalation.acknowledged_at or now
        escalation.ack_due_at = None
        escalation.snoozed_until = None
        escalation.respond_due_at = now + _respond_timeout(escalation)
        escalation.reminded_at = None


def _resolve(escalation: Escalation, now: datetime) -> None:
    escalation.state = EscalationState.RESOLVED.value
    escalation.resolved_at = now
    escalation.ack_due_at = None
    escalation.respond_due_at = None
    escalation.snoozed_until = None


def _snooze(escalation: Escalation, minutes: int | None, now: datetime) -> datetime:
    if minutes is None or not 1 <= minutes <= MAX_SNOOZE_MINUTES:
        raise ActionRefused("bad snooze")
    escalation.state = EscalationState.SNOOZED.value
    escalation.snoozed_until = now + timedelta(minutes=minutes)
    escalation.ack_due_at = None
    escalation.respond_due_at = None
    escalation.reminded_at = None
    return escalation.snoozed_until


async def _escalate(session: AsyncSession, escalation: Escalation, playbook: Playbook | None, now: datetime) -> int:
    """Page the next level now. Refused when the policy has no level above and does not repeat."""
    if playbook is None:
        raise ActionRefused("no playbook")
    policy = EscalationPolicy.model_validate(escalation.policy)
    if escalation.level + 1 >= len(policy.levels) and escalation.round >= policy.repeat:
        raise ActionRefused("no higher level")
    directory = await load_directory(session, playbook.people, playbook.rotations, now=now)
    escalation.state = EscalationState.OPEN.value
    escalation.respond_due_at = None
    escalation.reminded_at = None
    escalation.snoozed_until = None
    escalation.level += 1
    await page_current_level(session, escalation, directory, now)
    return escalation.level + 1


async def _not_relevant(session: AsyncSession, escalation: Escalation, person: Person, now: datetime) -> list[str]:
    """Resolve, and store the verdict against every rule that fired on the case's mentions."""
    assessments = (
        await session.scalars(
            select(Mention.assessment)
            .join(EscalationMention, EscalationMention.mention_id == Mention.id)
            .where(EscalationMention.escalation_id == escalation.id)
        )
    ).all()
    rules: list[str] = []
    for assessment in assessments:
        for reason in (assessment or {}).get("reasons") or []:
            rule = str(reason.get("rule"))
            if rule not in rules:
                rules.append(rule)
    session.add(
        RuleFeedback(
            escalation_id=escalation.id,
            person_id=person.id,
            verdict="not_relevant",
            rules=rules,
            lanes=list(escalation.lanes),
            reasons=list(escalation.reasons),
            created_at=now,
        )
    )
    _resolve(escalation, now)
    return rules


async def community_managers(session: AsyncSession) -> list[Person]:
    return list(
        (
            await session.scalars(
                select(Person)
                .where(Person.role == Role.COMMUNITY_MANAGER.value, Person.active.is_(True))
                .order_by(Person.id)
            )
        ).all()
    )


async def _delegate(
    session: AsyncSession, escalation: Escalation, target_id: int | None, note: str | None, now: datetime
) -> dict[str, object]:
    """Hand the case to a community manager: they own it, get the card (if linked) and the note."""
    target = next((p for p in await community_managers(session) if p.id == target_id), None)
    if target is None:
        raise ActionRefused("no such community manager")
    escalation.state = EscalationState.DELEGATED.value
    escalation.owner_person_id = target.id
    escalation.ack_due_at = None
    escalation.respond_due_at = None
    escalation.snoozed_until = None
    link = await session.scalar(select(TelegramLink).where(TelegramLink.person_id == target.id))
    if link is not None:
        card = await session.scalar(
            select(Card).where(Card.escalation_id == escalation.id, Card.chat_id == link.chat_id)
        )
        if card is None:
            card = await enqueue_card(
                session, escalation_id=escalation.id, chat_id=link.chat_id, person_id=target.id, now=now
            )
        clean = (note or "").strip()
        await enqueue_text(
            session,
            card=card,
            key="delegate.note" if clean and clean != "-" else "delegate.no_note",
            now=now,
            values={"id": escalation.id, "note": clean[:1000]},
        )
    return {"to": target.key, "to_name": target.name, "note": (note or "").strip()[:1000], "linked": link is not None}
