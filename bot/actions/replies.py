"""Reply conversations and published replies: the use-cases behind the draft and ✍️ buttons.

A conversation is a row (`reply_conversation`), so a restart while the executive types loses nothing. One
live conversation per person: opening a new one cancels the old. The Telegram side (prompts, previews,
the state diagram) is in `bot/telegram/conversation.py`.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.actions.drafts import DraftFacts, facts_from, lint
from bot.actions.permissions import Actor
from bot.db.models import (
    Escalation,
    EscalationMention,
    Mention,
    OutboundReply,
    Person,
    ReplyConversation,
)
from bot.domain import EscalationState
from bot.errors import ActionRefused
from bot.escalation.outbox import enqueue_card_refresh
from bot.escalation.timeline import record_event
from bot.ports import OutgoingReply, PublishResult
from bot.publishing.links import intent_link
from bot.rules.playbook import Playbook

__all__ = [
    "LIVE",
    "ConversationKind",
    "ConversationState",
    "cancel",
    "conversation_for_press",
    "conversation_for_text",
    "load_facts",
    "open_conversation",
    "record_reply",
    "record_webhook_outcome",
    "set_text",
]

MAX_REPLY_CHARS = 4000


class ConversationKind(StrEnum):
    REPLY = "reply"
    DELEGATE = "delegate"
    SNOOZE = "snooze"


class ConversationState(StrEnum):
    AWAITING_TEXT = "awaiting_text"
    PREVIEWING = "previewing"
    DONE = "done"
    CANCELLED = "cancelled"


LIVE = (ConversationState.AWAITING_TEXT.value, ConversationState.PREVIEWING.value)


async def open_conversation(
    session: AsyncSession,
    actor: Actor,
    *,
    kind: ConversationKind,
    origin: str,
    chat_id: int,
    now: datetime,
    text: str | None = None,
) -> ReplyConversation:
    """A new conversation; the person's other live ones are cancelled (one at a time keeps typing simple)."""
    await session.execute(
        update(ReplyConversation)
        .where(ReplyConversation.person_id == actor.person.id, ReplyConversation.state.in_(LIVE))
        .values(state=ConversationState.CANCELLED.value, updated_at=now)
    )
    state = ConversationState.PREVIEWING if text is not None else ConversationState.AWAITING_TEXT
    conversation = ReplyConversation(
        escalation_id=actor.escalation.id,
        person_id=actor.person.id,
        chat_id=chat_id,
        kind=kind.value,
        state=state.value,
        origin=origin,
        text=text,
        created_at=now,
        updated_at=now,
    )
    session.add(conversation)
    await session.flush()
    return conversation


async def conversation_for_text(
    session: AsyncSession, person_id: int, reply_to_message_id: int | None
) -> ReplyConversation | None:
    """The conversation waiting for this person's text: the one whose prompt they replied to, else the latest."""
    rows = (
        await session.scalars(
            select(ReplyConversation)
            .where(
                ReplyConversation.person_id == person_id,
                ReplyConversation.state == ConversationState.AWAITING_TEXT.value,
            )
            .order_by(ReplyConversation.id.desc())
            .with_for_update()
        )
    ).all()
    if reply_to_message_id is not None:
        for row in rows:
            if row.prompt_message_id == reply_to_message_id:
                return row
    return rows[0] if rows else None


async def conversation_for_press(session: AsyncSession, conversation_id: int | None, actor: Actor) -> ReplyConversation:
    conversation = await session.get(ReplyConversation, conversation_id or 0, with_for_update=True)
    if (
        conversation is None
        or conversation.person_id != actor.person.id
        or conversation.escalation_id != actor.escalation.id
    ):
        raise ActionRefused("not your conversation")
    if conversation.state not in LIVE:
        raise ActionRefused("conversation over")
    return conversation


def set_text(conversation: ReplyConversation, text: str, now: datetime) -> None:
    text = text.strip()
    if not text:
        raise ActionRefused("empty text")
    if conversation.kind == ConversationKind.REPLY.value and conversation.origin.startswith("draft:"):
        conversation.origin = "edited:" + conversation.origin.removeprefix("draft:")
    conversation.text = text[:MAX_REPLY_CHARS]
    conversation.state = ConversationState.PREVIEWING.value
    conversation.updated_at = now


def cancel(conversation: ReplyConversation, now: datetime) -> None:
    conversation.state = ConversationState.CANCELLED.value
    conversation.updated_at = now


async def load_facts(session: AsyncSession, escalation: Escalation, person: Person, playbook: Playbook) -> DraftFacts:
    first = await session.get(Mention, escalation.first_mention_id)
    assessments = (
        await session.scalars(
            select(Mention.assessment)
            .join(EscalationMention, EscalationMention.mention_id == Mention.id)
            .where(EscalationMention.escalation_id == escalation.id)
        )
    ).all()
    return facts_from(
        playbook,
        first.payload if first else {},
        lanes=list(escalation.lanes),
        assessments=[a for a in assessments if a],
        language=person.language,
        person_key=person.key,
    )


async def record_reply(
    session: AsyncSession, conversation: ReplyConversation, actor: Actor, playbook: Playbook, now: datetime
) -> tuple[OutboundReply, OutgoingReply]:
    """Store the chosen reply (who, what, when, how), move the case to `responded`, and record the time from
    the first mention to the first response. The link to publish from the executive's account is computed
    here (pure); an outbound webhook, if any, is called by the edge after the commit."""
    if conversation.kind != ConversationKind.REPLY.value or conversation.state != "previewing" or not conversation.text:
        raise ActionRefused("nothing to send")
    escalation, person = actor.escalation, actor.person
    first = await session.get(Mention, escalation.first_mention_id)
    payload = first.payload if first else {}
    facts = await load_facts(session, escalation, person, playbook)
    warnings = [w.as_dict() for w in lint(playbook, facts, conversation.text)]
    row = OutboundReply(
        escalation_id=escalation.id,
        person_id=person.id,
        conversation_id=conversation.id,
        origin=conversation.origin,
        text=conversation.text,
        platform=facts.platform,
        in_reply_to=str(payload.get("id")) if payload.get("id") is not None else None,
        how="copy",
        warnings=warnings,
        webhook_status="pending" if playbook.replies.webhook is not None else None,
        created_at=now,
    )
    session.add(row)
    await session.flush()
    outgoing = OutgoingReply(
        reply_id=row.id,
        escalation_id=escalation.id,
        platform=row.platform,
        text=row.text,
        in_reply_to=row.in_reply_to,
        original_url=payload.get("url"),
        author_handle=(payload.get("author") or {}).get("handle"),
        person_key=person.key,
        person_name=person.name,
        created_at=now,
    )
    link = intent_link(outgoing)
    row.how, row.link = link.how, link.link
    conversation.state = ConversationState.DONE.value
    conversation.updated_at = now
    _mark_responded(escalation, person, first, now)
    record_event(
        session,
        escalation.id,
        "reply_chosen",
        at=now,
        actor_person_id=person.id,
        by=person.key,
        reply_id=row.id,
        origin=row.origin,
        how=row.how,
        chars=len(row.text),
        warnings=[w["kind"] for w in warnings],
    )
    if escalation.first_response_seconds is not None and escalation.responded_at == now:
        record_event(session, escalation.id, "first_response", at=now, seconds=escalation.first_response_seconds)
    await enqueue_card_refresh(session, escalation.id, now)
    return row, outgoing


def _mark_responded(escalation: Escalation, person: Person, first: Mention | None, now: datetime) -> None:
    if escalation.responded_at is None:
        escalation.responded_at = now
        start = first.received_at if first is not None else escalation.opened_at
        escalation.first_response_seconds = max(0.0, (now - start).total_seconds())
    if escalation.owner_person_id is None:
        escalation.owner_person_id = person.id
    escalation.state = EscalationState.RESPONDED.value
    escalation.ack_due_at = None
    escalation.respond_due_at = None
    escalation.snoozed_until = None
    escalation.acknowledged_at = escalation.acknowledged_at or now
    escalation.updated_at = now


async def record_webhook_outcome(session: AsyncSession, reply_id: int, result: PublishResult, now: datetime) -> None:
    row = await session.get(OutboundReply, reply_id)
    if row is None:
        return
    row.webhook_status = "delivered" if result.ok else "failed"
    row.webhook_attempts = result.attempts
    row.webhook_detail = result.detail
    row.webhook_at = now
    record_event(
        session,
        row.escalation_id,
        "reply_webhook_delivered" if result.ok else "reply_webhook_failed",
        at=now,
        reply_id=row.id,
        attempts=result.attempts,
        detail=result.detail,
    )
