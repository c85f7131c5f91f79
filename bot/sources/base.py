"""What every platform adapter shares: the richer parse result, handshakes, per-source settings and secrets.

`SourceAdapter.parse()` (bot.ports) returns plain mentions; the platform adapters here also offer
`parse_batch()`, which says more than a list can:

- each item carries an `event` (a post may be *created*, *edited* or *removed*; edits and removals
  name the id of the mention they change), and extras (`author_id`, hashtags, user mentions, "text
  unavailable", labels, the delivery id); `ParsedItem.normalized()` puts the ones NormalizedMention has
  fields for into the mention;
- the batch counts what was acknowledged but not used (`ignored`, by event kind) and the brand's own
  posts that were skipped (`own`), so the route can answer 2xx with those counts and platforms do not
  disable the webhook.

`parse()` of every adapter returns only the *created* mentions (so a route that knows nothing of
events stores nothing wrong). A batch is all or nothing: any bad field raises `UnparseablePayload`
naming its path (`tweet_create_events[2].user.id_str`) before anything is returned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from bot.domain import NormalizedMention

__all__ = [
    "EventKind",
    "HandshakeResult",
    "ParsedBatch",
    "ParsedItem",
    "SourceSecrets",
    "SourceSettings",
    "WebhookSource",
]


class EventKind(StrEnum):
    CREATED = "created"
    EDITED = "edited"
    REMOVED = "removed"


@dataclass(frozen=True)
class ParsedItem:
    """One mention and what happened to it, with the extras the normalized form cannot carry yet."""

    mention: NormalizedMention
    event: EventKind = EventKind.CREATED
    author_id: str | None = None
    hashtags: tuple[str, ...] = ()
    user_mentions: tuple[str, ...] = ()
    text_unavailable: bool = False
    """Only ids arrived (Instagram `mentions`, some LinkedIn notifications): fetch the text later."""
    author_blocked: bool | None = None
    """X `user_has_blocked`: the subscribed account has blocked the author."""
    labels: tuple[str, ...] = ()
    """What the tool or platform tagged it with: X matching rules, YouScan/Octolens tags and keywords."""
    delivery_id: str | None = None
    """The platform's id of the notification (LinkedIn `notificationId`), for logs and dedupe."""
    for_user_id: str | None = None
    """X `for_user_id`: the subscribed account this event was delivered for."""

    def normalized(self) -> NormalizedMention:
        """The mention with this item's extras in its optional fields (what is stored)."""
        extras: dict[str, object] = {
            "author_id": self.author_id,
            "hashtags": self.hashtags,
            "user_mentions": self.user_mentions,
            "text_unavailable": self.text_unavailable,
            "author_blocked": self.author_blocked,
            "labels": self.labels,
        }
        changed = {k: v for k, v in extras.items() if v not in (None, (), False)}
        return self.mention.model_copy(update=changed) if changed else self.mention


@dataclass(frozen=True)
class ParsedBatch:
    items: tuple[ParsedItem, ...] = ()
    ignored: Mapping[str, int] = field(default_factory=dict)
    """Event kinds acknowledged but not used (`favorite_events`, `LIKE`, `reaction`), with counts."""
    own: int = 0
    """The brand's own posts, skipped."""

    @property
    def mentions(self) -> list[NormalizedMention]:
        """The new mentions with their extras (edits and removals excluded): what `parse()` returns."""
        return [item.normalized() for item in self.items if item.event is EventKind.CREATED]

    @property
    def ignored_count(self) -> int:
        return sum(self.ignored.values())


@dataclass(frozen=True)
class HandshakeResult:
    """The answer to a platform's `GET /webhooks/{id}` verification request."""

    status: int
    body: str
    content_type: str = "application/json"
    reason: str | None = None
    """Why the handshake was refused (to log); None when it was answered."""


@dataclass(frozen=True)
class SourceSecrets:
    """The live secrets of one source. `signing` has one or two values (two while rotating); the first
    answers handshakes, any of them verifies a request."""

    signing: tuple[str, ...] = ()
    verify_token: str | None = None
    """Meta only: the token typed into the app dashboard, echoed back in `hub.verify_token`."""


@dataclass(frozen=True)
class SourceSettings:
    """Per-source settings from the playbook that adapters need (no secrets here)."""

    brand_account_ids: frozenset[str] = frozenset()
    """The brand's own account ids or handles on this platform; their posts are skipped."""
    tolerance_seconds: int = 300
    """For schemes with a timestamp (Standard Webhooks): how far from now a request may be."""

    def is_own(self, *candidates: str | None) -> bool:
        """True when any of an author's id, handle or URN is one of the brand's accounts."""
        return any(c is not None and _fold(c) in self._folded for c in candidates)

    @property
    def _folded(self) -> frozenset[str]:
        return frozenset(_fold(i) for i in self.brand_account_ids)


def _fold(value: str) -> str:
    return value.strip().removeprefix("@").casefold()


class WebhookSource(Protocol):
    """A platform adapter: `bot.ports.SourceAdapter` plus handshakes, the query string and batches."""

    kind: str

    def verify(
        self,
        raw: bytes,
        headers: Mapping[str, str],
        secrets: Sequence[str],
        now: datetime,
        *,
        query: Mapping[str, str] | None = None,
    ) -> None: ...

    def parse(self, raw: bytes) -> list[NormalizedMention]: ...

    def parse_batch(self, raw: bytes) -> ParsedBatch: ...

    def handshake(self, query: Mapping[str, str], secrets: SourceSecrets) -> HandshakeResult | None: ...
