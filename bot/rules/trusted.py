"""`Reason`, `Route` and `Assessment` built from values the engine itself produced, without validation.

Triage builds several of these per mention, and validating values the engine has just computed (a `Lane`, a
`float`, a `str`) is pure cost. pydantic's own `model_construct` would skip validation, but it walks every
field's aliases and defaults in Python and measured twice as slow as validating (1.7 µs against 0.8 µs per
`Reason`). These functions do what `model_construct` ends with: set the instance's `__dict__` and the pydantic
slots. Every argument must already have the field's type (`points` and `score` are floats, lanes are `Lane`);
`tests/rules/test_trusted.py` checks that the result equals the validated model, field for field.
"""

from __future__ import annotations

from typing import Any

from bot.domain import Assessment, Lane, Reason, Route, Severity

__all__ = ["trusted_assessment", "trusted_reason", "trusted_route"]

_set = object.__setattr__
_new = object.__new__
_REASON_FIELDS = frozenset(Reason.model_fields)
_ROUTE_FIELDS = frozenset(Route.model_fields)


def _finish(model: Any, values: dict[str, Any], fields_set: set[str]) -> None:
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", fields_set)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)


def trusted_reason(rule: str, lane: Lane | None, evidence: str, points: float) -> Reason:
    reason = _new(Reason)  # `_finish`, inlined: reasons are the most frequent of the three
    _set(reason, "__dict__", {"rule": rule, "lane": lane, "evidence": evidence, "points": float(points)})
    _set(reason, "__pydantic_fields_set__", set(_REASON_FIELDS))
    _set(reason, "__pydantic_extra__", None)
    _set(reason, "__pydantic_private__", None)
    return reason


def trusted_route(target: str, group_key: str, policy: dict[str, Any]) -> Route:
    route = _new(Route)
    _finish(route, {"target": target, "group_key": group_key, "policy": policy}, set(_ROUTE_FIELDS))
    return route


def trusted_assessment(
    severity: Severity,
    lanes: list[Lane],
    score: float,
    reasons: list[Reason],
    route: Route | None,
    topics: list[str],
) -> Assessment:
    assessment = _new(Assessment)
    values = {
        "severity": severity,
        "lanes": lanes,
        "score": float(score),
        "reasons": reasons,
        "route": route,
        "topics": topics,
    }
    _finish(assessment, values, set(values))
    return assessment
