"""Closed vocabularies from PRODUCT.md, as `StrEnum` so they store and serialize as plain words."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["EscalationState", "Lane", "MentionStatus", "Role", "Severity"]


class Severity(StrEnum):
    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    IGNORE = "ignore"

    @property
    def rank(self) -> int:
        """Higher is more urgent; lets severities be compared and floored."""
        return _RANK[self]

    def at_least(self, floor: Severity) -> Severity:
        return self if self.rank >= floor.rank else floor


_RANK = {
    Severity.IGNORE: 0,
    Severity.LOW: 1,
    Severity.MEDIUM: 2,
    Severity.HIGH: 3,
    Severity.CRITICAL: 4,
}


class Lane(StrEnum):
    COMPLAINT = "complaint"
    CHURN = "churn"
    COMPETITOR = "competitor"
    POACHING = "poaching"
    LEGAL = "legal"
    SAFETY = "safety"
    MEDIA = "media"
    INFLUENCER = "influencer"
    EXECUTIVE = "executive"
    VIRAL = "viral"
    SPIKE = "spike"


class MentionStatus(StrEnum):
    PENDING = "pending"
    PROCESSED = "processed"
    FAILED = "failed"


class EscalationState(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESPONDED = "responded"
    RESOLVED = "resolved"
    DELEGATED = "delegated"
    SNOOZED = "snoozed"

    @property
    def is_closed(self) -> bool:
        return self is EscalationState.RESOLVED


class Role(StrEnum):
    ADMIN = "admin"
    EXECUTIVE = "executive"
    COMMUNITY_MANAGER = "community_manager"
    OBSERVER = "observer"
