"""Which escalation policy a new case follows, as the snapshot stored on it.

- A route that matched names who is paged first: level 1 is its target (plus anyone the routing tree asked
  to notify as well), for the policy's `ack_timeout_minutes`; the policy's `levels` follow.
- When no route matched, the policy's `levels` are the whole plan; a policy without levels (or no policy)
  pages the playbook's `escalation.on_call`.
- A route's `policy` wins; otherwise the severity's policy (`escalation.severity_policies`); otherwise the
  defaults of the `escalation` section.
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
    name, spec = _policy_spec(playbook, str(route.policy.get("name") or "default"), assessment)
    levels = list(spec.levels) if spec is not None else []
    matched_a_route = route.policy.get("route", "root") != "root"
    if matched_a_route or not levels:
        first = PolicyLevel(targets=_first_targets(route), ack_timeout=_minutes(spec, "ack_timeout_minutes", playbook))
        levels = [first, *levels]
    policy = EscalationPolicy(
        levels=levels,
        repeat=spec.repeat if spec is not None else 0,
        respond_timeout=_minutes(spec, "respond_timeout_minutes", playbook),
    )
    return name, policy


def _policy_spec(playbook: Playbook, name: str, assessment: Assessment) -> tuple[str, Policy | None]:
    """The route's policy, else the severity's, else none (the `escalation` section's defaults)."""
    policies = playbook.escalation.policies
    if name in policies:
        return name, policies[name]
    chosen = playbook.escalation.severity_policies.get(assessment.severity.value)  # type: ignore[call-overload]
    if chosen in policies:
        return chosen, policies[chosen]
    return "default", None


def _first_targets(route: Route) -> list[Target]:
    targets = [Target(person=route.target)]
    targets += [Target(person=key) for key in route.policy.get("also_notify", []) if key != route.target]
    return targets


def _minutes(spec: Policy | None, field: str, playbook: Playbook) -> timedelta:
    source = spec if spec is not None else playbook.escalation
    return timedelta(minutes=float(getattr(source, field)))
