"""Which policy a new case follows, and who is on its first level."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.domain import Assessment, Route, Severity
from bot.escalation.policies import choose_policy
from bot.rules import parse_playbook

BOOK = parse_playbook(
    """
brand: {name: Movilia}
people:
  - {id: ana, name: Ana, role: executive}
  - {id: marc, name: Marc, role: executive}
rotations:
  - {id: execs, handoff: "09:00", start: 2026-01-05, members: [marc, ana]}
escalation:
  on_call: ana
  ack_timeout_minutes: 4
  policies:
    standard:
      ack_timeout_minutes: 2
      levels: [{targets: [{rotation: execs}], ack_timeout: 5m}, {targets: [{person: ana}], ack_timeout: 10m}]
    quick: {ack_timeout_minutes: 1, respond_timeout_minutes: 7}
  severity_policies: {critical: standard}
"""
)


def assessment(severity: Severity, *, route: str, target: str = "ana", policy: str = "default") -> Assessment:
    return Assessment(
        severity=severity,
        lanes=[],
        score=0,
        reasons=[],
        route=Route(
            target=target,
            group_key="g",
            policy={"name": policy, "route": route, "also_notify": ["marc"] if route != "root" else []},
        ),
    )


def targets(levels: list[object]) -> list[list[str]]:
    return [[t.person or f"rotation:{t.rotation}" for t in level.targets] for level in levels]  # type: ignore[attr-defined]


def test_no_route_matched_the_severity_policy_levels_are_the_plan() -> None:
    name, policy = choose_policy(BOOK, assessment(Severity.CRITICAL, route="root"))
    assert name == "standard"
    assert targets(policy.levels) == [["rotation:execs"], ["ana"]]


def test_a_matched_route_pages_its_target_first_then_the_policy_levels() -> None:
    name, policy = choose_policy(BOOK, assessment(Severity.CRITICAL, route="root/churn", target="ana"))
    assert name == "standard"
    assert targets(policy.levels) == [["ana", "marc"], ["rotation:execs"], ["ana"]]
    assert policy.levels[0].ack_timeout == timedelta(minutes=2)


def test_a_route_policy_without_levels_pages_the_target_with_its_timeouts() -> None:
    name, policy = choose_policy(BOOK, assessment(Severity.HIGH, route="root/x", target="marc", policy="quick"))
    assert name == "quick"
    assert targets(policy.levels) == [["marc"]], "the route's target is not notified twice"
    assert policy.levels[0].ack_timeout == timedelta(minutes=1)
    assert policy.respond_timeout == timedelta(minutes=7)


@pytest.mark.parametrize("severity", [Severity.HIGH])
def test_without_any_policy_the_defaults_page_on_call(severity: Severity) -> None:
    name, policy = choose_policy(BOOK, assessment(severity, route="root"))
    assert name == "default"
    assert targets(policy.levels) == [["ana"]]
    assert policy.levels[0].ack_timeout == timedelta(minutes=4)
