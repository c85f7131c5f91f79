"""The routing section: policies and an Alertmanager-style tree of routes (ordered, inherited, `continue`)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from bot.domain import Lane, Role, Severity
from bot.domain.policy import PolicyLevel
from bot.rules.sections import Key, Strict, check_regexes

__all__ = ["Escalating", "GroupBy", "Policy", "RouteMatch", "RouteSpec"]

GroupBy = Literal["thread", "topic", "lane", "author", "source"]


class Policy(Strict):
    """What happens when nobody acknowledges. Level 1 is the route's target, for `ack_timeout_minutes`;
    `levels` are paged next, in order; the whole is repeated `repeat` more times. Snapshotted onto each
    escalation when it opens, so editing the playbook never changes a live case."""

    ack_timeout_minutes: float = Field(default=5, gt=0)
    respond_timeout_minutes: float = Field(default=15, gt=0)
    levels: list[PolicyLevel] = Field(default_factory=list)
    repeat: int = Field(default=0, ge=0, le=10)


class Escalating(Strict):
    """Who is paged when no route says otherwise, the default deadlines, named policies for routes, and
    the policy each severity follows when its route names none (`low` and below never escalate)."""

    on_call: str
    ack_timeout_minutes: float = Field(default=5, gt=0)
    respond_timeout_minutes: float = Field(default=15, gt=0)
    policies: dict[Key, Policy] = Field(default_factory=dict)
    severity_policies: dict[Literal["critical", "high"], Key] = Field(default_factory=dict)
    # A new mention joins the open case with the same group key when that case changed within this window.
    group_window_minutes: float = Field(default=360, gt=0)


class RouteMatch(Strict):
    """Every matcher given must hold; within a matcher, any listed value is enough (except `lanes_all`)."""

    lanes: list[Lane] = Field(default_factory=list)
    lanes_all: list[Lane] = Field(default_factory=list)
    severity: list[Severity] = Field(default_factory=list)
    min_severity: Severity | None = None
    sources: list[str] = Field(default_factory=list)
    authors: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    regex: list[str] = Field(default_factory=list)

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        return check_regexes(value)


class RouteSpec(Strict):
    """A node of the routing tree. Unset fields are inherited from the parent; the root inherits from
    `escalation` (on_call, default policy, grouping by thread)."""

    name: Key | None = None
    match: RouteMatch = Field(default_factory=RouteMatch)
    person: str | None = None
    role: Role | None = None
    rotation: str | None = None
    policy: Key | None = None
    group_by: list[GroupBy] | None = None
    continue_: bool = Field(default=False, alias="continue")
    routes: list[RouteSpec] = Field(default_factory=list)

    model_config = Strict.model_config | {"populate_by_name": True}

    @model_validator(mode="after")
    def _one_target(self) -> RouteSpec:
        if sum(x is not None for x in (self.person, self.role, self.rotation)) > 1:
            raise ValueError("a route names at most one of person, role or rotation")
        if self.rotation is not None:
            raise ValueError("rotations arrive with the escalation-policy issue; name a person or a role for now")
        return self
