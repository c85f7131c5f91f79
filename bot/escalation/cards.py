"""What a card shows, read from the database; the Telegram edge turns a `CardView` into HTML and buttons."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Card, Escalation, EscalationEvent, EscalationMention, Mention, Person, PersonSetting

__all__ = ["CardView", "ThreadPost", "load_card_view"]

LATEST_REPLIES = 3


@dataclass(frozen=True)
class ThreadPost:
    """A post around the card's mention: the one it replies to, or a later one in the same case."""

    author: str
    text: str


@dataclass(frozen=True)
class CardView:
    escalation_id: int
    state: str
    severity: str
    lanes: list[str]
    reasons: list[str]
    mention_count: int
    opened_at: datetime
    ack_due_at: datetime | None
    respond_due_at: datetime | None
    owner_name: str | None
    last_actor: str | None
    last_action: str | None
    last_action_at: datetime | None
    mention: dict[str, Any]
    mention_url: str | None
    language: str
    now: datetime
    viewer_is_owner: bool = False
    snoozed_until: datetime | None = None
    responded_at: datetime | None = None
    first_response_seconds: float | None = None
    replies_to: ThreadPost | None = None
    latest: tuple[ThreadPost, ...] = ()
    authors: int = 1
    reach: int = 0
    can_delegate: bool = True
    drill: bool = False
    """A crisis drill (`directo drill`): its mentions carry the label `drill`; the card says so at the top."""


async def load_card_view(session: AsyncSession, card_id: int, now: datetime) -> tuple[Card, CardView] | None:
    card = await session.get(Card, card_id)
    if card is None:
        return None
    escalation = await session.get(Escalation, card.escalation_id)
    if escalation is None:
        return None
    first = await session.get(Mention, escalation.first_mention_id)
    owner = await session.get(Person, escalation.owner_person_id) if escalation.owner_person_id else None
    viewer = await session.get(Person, card.person_id) if card.person_id else None
    last = (
        await session.execute(
            select(EscalationEvent, Person.name)
            .outerjoin(Person, Person.id == EscalationEvent.actor_person_id)
            .where(EscalationEvent.escalation_id == escalation.id, EscalationEvent.actor_person_id.is_not(None))
            .order_by(EscalationEvent.id.desc())
            .limit(1)
        )
    ).first()
    payload = first.payload if first else {}
    replies_to, latest, authors, reach = await _thread(session, escalation, first)
    language = viewer.language if viewer else "en"
    if viewer is not None:
        setting = await session.get(PersonSetting, viewer.id)
        language = (setting.language if setting else None) or language
    delegates = await session.scalar(
        select(Person.id).where(Person.role == "community_manager", Person.active.is_(True)).limit(1)
    )
    view = CardView(
        escalation_id=escalation.id,
        state=escalation.state,
        severity=escalation.severity,
        lanes=list(escalation.lanes),
        reasons=list(escalation.reasons),
        mention_count=escalation.mention_count,
        opened_at=escalation.opened_at,
        ack_due_at=escalation.ack_due_at,
        respond_due_at=escalation.respond_due_at,
        owner_name=owner.name if owner else None,
        last_actor=last[1] if last else None,
        last_action=last[0].kind if last else None,
        last_action_at=last[0].at if last else None,
        mention=payload,
        mention_url=payload.get("url"),
        language=language,
        now=now,
        viewer_is_owner=card.person_id is not None and card.person_id == escalation.owner_person_id,
        snoozed_until=escalation.snoozed_until,
        responded_at=escalation.responded_at,
        first_response_seconds=escalation.first_response_seconds,
        replies_to=replies_to,
        latest=latest,
        authors=authors,
        reach=reach,
        can_delegate=delegates is not None,
        drill="drill" in (payload.get("labels") or ()),
    )
    return card, view


async def _thread(
    session: AsyncSession, escalation: Escalation, first: Mention | None
) -> tuple[ThreadPost | None, tuple[ThreadPost, ...], int, int]:
    """What the first mention replies to (when we stored it), the latest posts of the case, and the number
    of distinct authors and their summed followers."""
    replies_to = None
    parent_id = (first.payload or {}).get("in_reply_to") if first else None
    if first is not None and parent_id:
        parent = await session.scalar(
            select(Mention).where(Mention.source == first.source, Mention.external_id == str(parent_id)).limit(1)
        )
        if parent is not None:
            replies_to = _post(parent)
    if first is not None and escalation.mention_count <= 1:
        # A case of one mention (every page's first card): nothing newer, one author; no need to ask the database.
        followers = ((first.payload or {}).get("author") or {}).get("followers")
        return replies_to, (), 1, int(followers) if isinstance(followers, int) and followers > 0 else 0
    in_case = EscalationMention.escalation_id == escalation.id
    newest = (
        select(Mention)
        .join(EscalationMention, EscalationMention.mention_id == Mention.id)
        .where(in_case)
        .order_by(Mention.id.desc())
        .limit(LATEST_REPLIES)
    )
    if first is not None:
        newest = newest.where(Mention.id != first.id)
    latest = tuple(_post(m) for m in (await session.scalars(newest)).all())
    # Authors and reach over the whole case, counted by the database: a storm's case holds tens of thousands
    # of mentions, and loading them all for every edit of its card took the web process a second each.
    author = Mention.payload["author"]
    key = func.lower(
        func.coalesce(author["handle"].as_string(), author["name"].as_string(), "#" + cast(Mention.id, String))
    )
    per_author = (
        select(func.max(func.coalesce(author["followers"].as_integer(), 0)).label("followers"))
        .join(EscalationMention, EscalationMention.mention_id == Mention.id)
        .where(in_case)
        .group_by(key)
        .subquery()
    )
    authors, reach = (await session.execute(select(func.count(), func.sum(per_author.c.followers)))).one()
    return replies_to, latest, max(1, int(authors or 0)), int(reach or 0)


def _post(mention: Mention) -> ThreadPost:
    author = (mention.payload or {}).get("author") or {}
    who = str(author.get("handle") or author.get("name") or "?")
    return ThreadPost(author=who, text=mention.text)
