"""Community managers and team chats, on the escalation side.

- A forwarded mention (source `telegram-forward`) carries in its payload who reported it (`reporter`), the
  severity they chose as a floor (`severity_floor`), their `note`, and optionally the case it belongs to
  (`attach_to`: an escalation id; `same_as`: the external id of an earlier forward). `apply_floor` raises the
  triage's severity to the floor (with a reason naming the reporter and the note, so the card shows it);
  `requested_case` finds the case to join; `confirm_to_reporter` queues the escalation number to them.
- Team chats (`team_chats` in the playbook) get a card of every escalation when it opens (`mirror_opened`),
  updated in place like every card; `mirror_event` posts what people decided under it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Card, Escalation, EscalationMention, Mention, Notification
from bot.domain import Assessment, EscalationState, Reason, Severity
from bot.escalation.outbox import NotificationKind, Priority, enqueue_card, enqueue_message, enqueue_text
from bot.rules.playbook import Playbook

__all__ = [
    "FORWARD_SOURCE",
    "apply_floor",
    "confirm_to_reporter",
    "mirror_event",
    "mirror_opened",
    "requested_case",
]

FORWARD_SOURCE = "telegram-forward"
FLOORS = (Severity.CRITICAL, Severity.HIGH)


def apply_floor(assessment: Assessment, payload: dict[str, Any]) -> Assessment:
    """The triage's assessment with the reporter's severity as a floor. Pure; unchanged without a floor."""
    floor = payload.get("severity_floor")
    if floor not in {s.value for s in FLOORS}:
        return assessment
    severity = Severity(floor)
    reporter = (payload.get("reporter") or {}).get("name") or "?"
    note = " ".join(str(payload.get("note") or "").split())[:300]
    evidence = f"{reporter} ({severity.value})" + (f": {note}" if note else "")
    reason = Reason(rule="forwarded", lane=None, evidence=evidence, points=0.0)
    if severity.rank < assessment.severity.rank:
        severity = assessment.severity
    return assessment.model_copy(update={"severity": severity, "reasons": [*assessment.reasons, reason]})


async def requested_case(session: AsyncSession, payload: dict[str, Any]) -> Escalation | None:
    """The open case the reporter asked this mention to join (`/attach N`, a reply to a confirmation, or
    `/escalate` in reply to an earlier forward), if any."""
    escalation_id = payload.get("attach_to")
    same_as = payload.get("same_as")
    if escalation_id is None and same_as:
        escalation_id = await session.scalar(
            select(EscalationMention.escalation_id)
            .join(Mention, Mention.id == EscalationMention.mention_id)
            .where(Mention.source == FORWARD_SOURCE, Mention.external_id == str(same_as))
            .order_by(EscalationMention.escalation_id.desc())
            .limit(1)
        )
    if not isinstance(escalation_id, int):
        return None
    escalation = await session.get(Escalation, escalation_id, with_for_update=True)
    if escalation is None or EscalationState(escalation.state).is_closed:
        return None
    return escalation


async def confirm_to_reporter(
    session: AsyncSession, mention_id: int, payload: dict[str, Any], escalation_id: int, *, opened: bool, now: datetime
) -> None:
    """Tell whoever forwarded the mention which case it is in (once per mention)."""
    reporter = payload.get("reporter")
    if not isinstance(reporter, dict) or reporter.get("chat_id") is None:
        return
    escalation = await session.get(Escalation, escalation_id)
    if escalation is None:
        return
    await enqueue_message(
        session,
        chat_id=int(reporter["chat_id"]),
        person_id=reporter.get("person_id"),
        key="report.opened" if opened else "report.attached",
        now=now,
        idempotency_key=f"report:{mention_id}",
        values={"id": escalation.id, "count": escalation.mention_count},
        escalation_id=escalation.id,
        priority=Priority.ACTION,
        lines=[(f"severity.{escalation.severity}", {})],
    )


async def mirror_opened(session: AsyncSession, escalation: Escalation, playbook: Playbook, now: datetime) -> None:
    """A card of the new case in every team chat (no person: anyone in the chat may read it; pressing a
    button is checked against the presser, as everywhere)."""
    for chat in playbook.team_chats:
        await enqueue_card(session, escalation_id=escalation.id, chat_id=chat.chat_id, person_id=None, now=now)


async def mirror_event(
    session: AsyncSession, escalation_id: int, kind: str, *, who: str, detail: dict[str, Any], now: datetime
) -> None:
    """Post a decision under the case's card in every team chat ("🗒 #3 · acknowledged · Ana Ruiz"); a
    delegation says to whom and carries the note."""
    cards = (
        await session.scalars(select(Card).where(Card.escalation_id == escalation_id, Card.person_id.is_(None)))
    ).all()
    for card in cards:
        if kind == "delegate":
            note = str(detail.get("note") or "").strip()
            key = "team.delegated" if note and note != "-" else "team.delegated_no_note"
            values = {"id": escalation_id, "to": detail.get("to_name") or detail.get("to"), "who": who, "note": note}
            await enqueue_text(session, card=card, key=key, now=now, values=values)
        else:
            session.add(
                Notification(
                    idempotency_key=f"card:{card.id}:text:team.event:{kind}:{now.timestamp():.6f}",
                    kind=NotificationKind.TEXT.value,
                    priority=Priority.NUDGE,
                    card_id=card.id,
                    escalation_id=escalation_id,
                    chat_id=card.chat_id,
                    created_at=now,
                    next_attempt_at=now,
                    payload={
                        "key": "team.event",
                        "values": {"id": escalation_id, "who": who},
                        "lines": [{"key": f"event.{kind}", "values": {}}],
                    },
                )
            )
