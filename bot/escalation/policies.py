"""Which escalation policy a new case follows, as the snapshot stored on it.

A policy with `levels` decides who is paged, level by level. A policy without levels (or no policy) pages
the route's target (by default the playbook's `escalation.on_call`) plus anyone the routing tree asked to
notify as well. A route's `policy` wins; otherwise the severity's policy; otherwise the defaults.
"""

from __future__ import annotations

from datetime import timedelta

from bot.domain import Assessment, Route
from bot.domain.policy import EscalationPolicy, PolicyLevel, Target
from bot.rules.playbook import Playbook, Policy

__all__ = ["choose_policy"]


def choose_policy(playbook: Playbook, assessment: Assessment) -> tuple[str, EscalationPolicy]:
    route = assessment.route
    assert route is not None, "escalating assessments carry a route"
    name = str(route.policy.get("name") or "default")
    spec = _policy_spec(playbook, name, assessment)
    if spec is None:
        name = "default"
    levels = list(spec.levels) if spec is not None and spec.levels else []
    if not levels:
        levels = [
            PolicyLevel(targets=_first_targets(route), ack_timeout=_minutes(spec, "ack_timeout_minutes", playbook))
        ]
    policy = EscalationPolicy(
        levels=levels,
        repeat=spec.repeat if spec is not None else 0,
        respond_timeout=_minutes(spec, "respond_timeout_minutes", playbook),
    )
    return name, policy


def _policy_spec(playbook: Playbook, name: str, assessment: Assessment) -> Policy | None:
    policies = playbook.escalation.policies
    if name in policies:
        return policies[name]
    chosen = playbook.escalation.severity_policies.get(assessment.severity.value)  # type: ignore[call-overload]
    return policies.get(chosen) if chosen else None


def _first_targets(route: Route) -> list[Target]:
    targets = [Target(person=route.target)]
    targets += [Target(person=key) for key in route.policy.get("also_notify", []) if key != route.target]
    return targets


def _minutes(spec: Policy | None, field: str, playbook: Playbook) -> timedelta:
    source = spec if spec is not None else playbook.escalation
    return timedelta(minutes=float(getattr(source, field)))
