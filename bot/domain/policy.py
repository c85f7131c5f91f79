"""Escalation policies: ordered levels of targets, each with an acknowledge timeout, repeated N times.

`resolve_level` is pure: given a level, the people (with reachability, quiet hours, leave), the rotations
and `now`, it says whom to page and why anyone was skipped. A level with nobody to page is skipped at once
instead of waiting out its timeout.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from bot.domain.enums import Role, Severity
from bot.domain.oncall import Layer, Rotation, on_call
from bot.domain.schedule import Duration, TimeWindow, zone

__all__ = ["EscalationPolicy", "LevelPlan", "PersonInfo", "PolicyLevel", "Target", "resolve_level"]

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")]


class Target(BaseModel):
    """Exactly one of: a person, everyone with a role, a rotation's current (or next) on-call, or the manager
    of whoever the previous level paged."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    person: Key | None = None
    role: Role | None = None
    rotation: Key | None = None
    next_on_call: Key | None = None
    layer: Layer = Layer.PRIMARY
    manager: bool = False

    @model_validator(mode="after")
    def _exactly_one(self) -> Target:
        chosen = [self.person, self.role, self.rotation, self.next_on_call, True if self.manager else None]
        if sum(value is not None for value in chosen) != 1:
            raise ValueError("a target is exactly one of person, role, rotation, next_on_call or manager: true")
        return self

    def describe(self) -> str:
        if self.person:
            return f"person {self.person}"
        if self.role:
            return f"role {self.role.value}"
        if self.rotation:
            return f"on call in {self.rotation} ({self.layer.value})"
        if self.next_on_call:
            return f"next on call in {self.next_on_call}"
        return "manager of the previous target"


class PolicyLevel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    targets: list[Target] = Field(min_length=1)
    ack_timeout: Duration = timedelta(minutes=5)


class EscalationPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    levels: list[PolicyLevel] = Field(min_length=1)
    repeat: int = Field(default=0, ge=0, le=10)
    respond_timeout: Duration = timedelta(minutes=15)
    reminder_grace: Duration = timedelta(minutes=5)

    def snapshot(self) -> dict[str, Any]:
        """The JSON form stored on an escalation when it opens; later playbook edits never change it."""
        return self.model_dump(mode="json")


@dataclass(frozen=True)
class PersonInfo:
    key: str
    role: Role
    timezone: str = "UTC"
    reachable: bool = True
    manager: str | None = None
    quiet_hours: TimeWindow | None = None
    leave: tuple[tuple[datetime, datetime], ...] = ()

    def unavailable_because(self, severity: Severity, now: datetime) -> str | None:
        if not self.reachable:
            return "unreachable"
        if any(start <= now < end for start, end in self.leave):
            return "on leave"
        if (
            severity is not Severity.CRITICAL
            and self.quiet_hours
            and self.quiet_hours.contains(now, zone(self.timezone))
        ):
            return "quiet hours"
        return None


@dataclass(frozen=True)
class LevelPlan:
    """Whom a level pages now, and who was skipped and why (both recorded in the timeline)."""

    page: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...] = ()
    empty_targets: tuple[str, ...] = field(default=())


def resolve_level(
    level: PolicyLevel,
    *,
    people: Mapping[str, PersonInfo],
    rotations: Mapping[str, Rotation],
    previous: Sequence[str],
    severity: Severity,
    now: datetime,
) -> LevelPlan:
    page: list[str] = []
    skipped: list[tuple[str, str]] = []
    empty: list[str] = []
    for target in level.targets:
        candidates = _candidates(target, people, rotations, previous, now)
        if not candidates:
            empty.append(target.describe())
        for key in candidates:
            info = people.get(key)
            reason = "not in the playbook" if info is None else info.unavailable_because(severity, now)
            if reason is None:
                page.append(key)
            else:
                skipped.append((key, reason))
    return LevelPlan(page=tuple(dict.fromkeys(page)), skipped=tuple(dict.fromkeys(skipped)), empty_targets=tuple(empty))


def _candidates(
    target: Target,
    people: Mapping[str, PersonInfo],
    rotations: Mapping[str, Rotation],
    previous: Sequence[str],
    now: datetime,
) -> list[str]:
    if target.person:
        return [target.person]
    if target.role:
        return [key for key, info in people.items() if info.role is target.role]
    if target.rotation or target.next_on_call:
        rotation = rotations.get(target.rotation or target.next_on_call or "")
        if rotation is None:
            return []
        return list(on_call(rotation, now, target.layer, offset=0 if target.rotation else 1).people)
    managers = [people[key].manager for key in previous if key in people]
    return [m for m in managers if m]
