"""What triage says about a mention: how urgent, why, and where it goes."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from bot.domain.enums import Lane, Severity

__all__ = ["Assessment", "Reason", "Route"]


class Reason(BaseModel):
    """One piece of evidence: `churn: "me paso a Vozzia" (+3)`."""

    model_config = ConfigDict(frozen=True)

    rule: str
    lane: Lane | None = None
    evidence: str
    points: float

    def __str__(self) -> str:
        label = self.lane.value if self.lane else self.rule
        return f'{label}: "{self.evidence}" (+{self.points:g})'


class Route(BaseModel):
    """Where an escalation goes: who is paged first, how mentions group, which policy applies."""

    model_config = ConfigDict(frozen=True)

    target: str
    group_key: str
    policy: dict[str, Any] = Field(default_factory=dict)


class Assessment(BaseModel):
    model_config = ConfigDict(frozen=True)

    severity: Severity
    lanes: list[Lane]
    score: float
    reasons: list[Reason]
    route: Route | None = None
    topics: list[str] = []  # the playbook rules' topics, in order: spike counters are kept per topic too

    @property
    def escalates(self) -> bool:
        return self.severity in (Severity.CRITICAL, Severity.HIGH)

    def triage_line(self, mention_id: str) -> dict[str, Any]:
        """The JSON-lines contract of `directo triage`."""
        return {
            "id": mention_id,
            "severity": self.severity.value,
            "lanes": [lane.value for lane in self.lanes],
            "score": self.score,
            "reasons": [str(r) for r in self.reasons],
        }
