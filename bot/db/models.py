"""The tables. The database, not memory, is the truth: queues, deadlines and cards all live here.

Table names are singular; timestamps end in `_at` and are time-zone aware (UTC).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.db.types import UTCDateTime

__all__ = [
    "Base",
    "Card",
    "Escalation",
    "EscalationEvent",
    "EscalationMention",
    "InviteCode",
    "Mention",
    "Notification",
    "OutboundReply",
    "Person",
    "PersonSetting",
    "ReplyConversation",
    "RotationOverride",
    "RuleFeedback",
    "TelegramLink",
]

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Mention(Base):
    """A stored mention; `status='pending'` rows are the pipeline's durable queue."""

    __tablename__ = "mention"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        Index("ix_mention_status_id", "status", "id"),
        Index("ix_mention_status_received_at", "status", "received_at"),  # spike windows
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(100))
    external_id: Mapped[str] = mapped_column(String(200))
    platform: Mapped[str] = mapped_column(String(50))
    text: Mapped[str] = mapped_column(Text)
    author_handle: Mapped[str | None] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]]
    received_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    processed_at: Mapped[datetime | None]
    severity: Mapped[str | None] = mapped_column(String(20))
    score: Mapped[float | None] = mapped_column(Float)
    assessment: Mapped[dict[str, Any] | None]
    error: Mapped[str | None] = mapped_column(Text)


class Person(Base):
    """Someone from the playbook's `people`, kept in step with the playbook at start-up."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(10), default="en")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime]


class TelegramLink(Base):
    """One Telegram account per person, one person per Telegram account."""

    __tablename__ = "telegram_link"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), unique=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    username: Mapped[str | None] = mapped_column(String(100))
    linked_at: Mapped[datetime]
    reachable: Mapped[bool] = mapped_column(Boolean, default=True)
    unreachable_reason: Mapped[str | None] = mapped_column(String(200))


class InviteCode(Base):
    """A single-use, expiring deep-link code. Only its SHA-256 is stored: the code itself is a secret."""

    __tablename__ = "invite_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_by_telegram_user_id: Mapped[int | None] = mapped_column(BigInteger)


class Escalation(Base):
    """One open case grouping related mentions, with its policy snapshot and deadlines."""

    __tablename__ = "escalation"
    __table_args__ = (
        Index("ix_escalation_group_key_state", "group_key", "state"),
        Index("ix_escalation_ack_due_at", "ack_due_at"),
        Index("ix_escalation_respond_due_at", "respond_due_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[str] = mapped_column(String(20))
    severity: Mapped[str] = mapped_column(String(20))
    lanes: Mapped[list[Any]]
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[Any]]
    group_key: Mapped[str] = mapped_column(String(300))
    policy: Mapped[dict[str, Any]]
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    first_mention_id: Mapped[int] = mapped_column(ForeignKey("mention.id"))
    mention_count: Mapped[int] = mapped_column(Integer, default=1)
    opened_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    acknowledged_at: Mapped[datetime | None]
    responded_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    ack_due_at: Mapped[datetime | None]
    respond_due_at: Mapped[datetime | None]
    # Where the policy stands: level index, repeat round, who the current level paged (for `manager`
    # targets), the reminder already sent for the respond deadline, and a snooze's end.
    policy_name: Mapped[str] = mapped_column(String(100), default="default")
    level: Mapped[int] = mapped_column(Integer, default=0)
    round: Mapped[int] = mapped_column(Integer, default=0)
    current_targets: Mapped[list[Any]] = mapped_column(default=list)
    reminded_at: Mapped[datetime | None]
    snoozed_until: Mapped[datetime | None] = mapped_column(index=True)
    # Seconds from the first mention's arrival to the first reply an executive published.
    first_response_seconds: Mapped[float | None] = mapped_column(Float)


class EscalationMention(Base):
    __tablename__ = "escalation_mention"

    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalation.id", ondelete="CASCADE"), primary_key=True)
    mention_id: Mapped[int] = mapped_column(ForeignKey("mention.id", ondelete="CASCADE"), primary_key=True)
    added_at: Mapped[datetime]


class EscalationEvent(Base):
    """The timeline: everything that happened to an escalation, and who did it."""

    __tablename__ = "escalation_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalation.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(40))
    actor_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    detail: Mapped[dict[str, Any]]


class Card(Base):
    """The Telegram message that shows an escalation in one chat; edited in place as the case changes."""

    __tablename__ = "card"
    __table_args__ = (UniqueConstraint("escalation_id", "chat_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalation.id", ondelete="CASCADE"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    rendered_hash: Mapped[str | None] = mapped_column(String(64))
    # In a forum team chat, the topic the card and its timeline are posted in (one topic per escalation).
    message_thread_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Notification(Base):
    """The outbox: one row per Telegram call to make. A unique idempotency key stops double sends."""

    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_status_next_attempt_at", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    priority: Mapped[int] = mapped_column(Integer, default=0)
    card_id: Mapped[int | None] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"))
    escalation_id: Mapped[int | None] = mapped_column(ForeignKey("escalation.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    next_attempt_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    # What a text notification says (a message key and its values), rendered in the reader's language.
    payload: Mapped[dict[str, Any] | None]


class RotationOverride(Base):
    """A change to a rotation made from Telegram (/cover, /swap): pending until the covered person
    confirms, then merged with the playbook's own overrides when computing who is on call."""

    __tablename__ = "rotation_override"
    __table_args__ = (Index("ix_rotation_override_rotation_id_status", "rotation_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rotation_id: Mapped[str] = mapped_column(String(100))
    layer: Mapped[str] = mapped_column(String(20), default="primary")
    person_key: Mapped[str] = mapped_column(String(100))
    replaces: Mapped[str | None] = mapped_column(String(100))
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    requested_by_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]


class ReplyConversation(Base):
    """A conversation the bot holds with a person through ForceReply prompts and previews: a reply being
    written (from a draft or in their own words), a delegation note, a custom snooze. Kept here, not in
    memory, so a restart in the middle of typing loses nothing (see `bot/telegram/conversation.py`)."""

    __tablename__ = "reply_conversation"
    __table_args__ = (Index("ix_reply_conversation_person_id_state", "person_id", "state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalation.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(20))  # reply | delegate | snooze
    state: Mapped[str] = mapped_column(String(20))  # awaiting_text | previewing | done | cancelled
    origin: Mapped[str] = mapped_column(String(40))  # draft:<intent> | own | a delegate target's key
    text: Mapped[str | None] = mapped_column(Text)
    prompt_message_id: Mapped[int | None] = mapped_column(BigInteger)
    preview_message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class OutboundReply(Base):
    """A reply an executive chose to publish: who, what, when and how, and what each channel answered."""

    __tablename__ = "outbound_reply"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalation.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("reply_conversation.id", ondelete="SET NULL"))
    origin: Mapped[str] = mapped_column(String(40))  # draft:<intent> (as is) | edited:<intent> | own
    text: Mapped[str] = mapped_column(Text)
    platform: Mapped[str] = mapped_column(String(50))
    in_reply_to: Mapped[str | None] = mapped_column(String(200))
    how: Mapped[str] = mapped_column(String(30))  # intent_link | share_link | copy
    link: Mapped[str | None] = mapped_column(Text)
    warnings: Mapped[list[Any]] = mapped_column(default=list)
    webhook_status: Mapped[str | None] = mapped_column(String(20))  # pending | delivered | failed
    webhook_attempts: Mapped[int] = mapped_column(Integer, default=0)
    webhook_detail: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    webhook_at: Mapped[datetime | None]


class RuleFeedback(Base):
    """A "not relevant" verdict from a person, stored against the rules that fired, for tuning the playbook."""

    __tablename__ = "rule_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalation.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    verdict: Mapped[str] = mapped_column(String(30))
    rules: Mapped[list[Any]]
    lanes: Mapped[list[Any]]
    reasons: Mapped[list[Any]]
    created_at: Mapped[datetime]


class PersonSetting(Base):
    """What a person changed with /settings; overrides the playbook's language and quiet hours."""

    __tablename__ = "person_setting"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str | None] = mapped_column(String(10))
    quiet_hours: Mapped[str | None] = mapped_column(String(20))  # "23:00-07:00", "off", or None (playbook's)
    updated_at: Mapped[datetime]
