"""Ports: the interfaces use-cases and edges depend on, implemented by adapters (and by test fakes)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain import NormalizedMention

__all__ = ["OutgoingReply", "PublishResult", "ReplyPublisher", "SourceAdapter"]


class SourceAdapter(Protocol):
    """Turns one webhook request of a platform into normalized mentions. Pure: no database, no clock."""

    kind: str

    def verify(self, raw: bytes, headers: Mapping[str, str], secrets: Sequence[str], now: datetime) -> None:
        """Raise `BadSignature` unless the request was signed with one of `secrets` (checked on raw bytes)."""
        ...

    def parse(self, raw: bytes) -> list[NormalizedMention]:
        """Raise `UnparseablePayload` (naming the field) unless every mention in the body is valid."""
        ...


@dataclass(frozen=True)
class OutgoingReply:
    """A reply an executive chose, as a publisher sees it. `in_reply_to` is the platform's id of the post
    being answered, when known."""

    reply_id: int
    escalation_id: int
    platform: str
    text: str
    in_reply_to: str | None
    original_url: str | None
    author_handle: str | None
    person_key: str
    person_name: str
    created_at: datetime


@dataclass(frozen=True)
class PublishResult:
    """How a reply left (or failed to): `how` is `intent_link`, `share_link`, `copy` or `webhook`."""

    how: str
    ok: bool
    link: str | None = None
    attempts: int = 0
    detail: str | None = None


class ReplyPublisher(Protocol):
    """Takes a chosen reply towards the platform, always from the executive's own account: a deep link that
    opens their composer prefilled, or a hand-over to a tool they authorised. Never posts as the brand."""

    kind: str

    async def publish(self, reply: OutgoingReply) -> PublishResult: ...
