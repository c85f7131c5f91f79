"""The vocabulary every layer shares: mentions, severities, lanes, escalation states, assessments."""

from bot.domain.assessment import Assessment, Reason, Route
from bot.domain.enums import EscalationState, Lane, MentionStatus, Role, Severity
from bot.domain.mention import Author, Metrics, NormalizedMention

__all__ = [
    "Assessment",
    "Author",
    "EscalationState",
    "Lane",
    "MentionStatus",
    "Metrics",
    "NormalizedMention",
    "Reason",
    "Role",
    "Route",
    "Severity",
]
