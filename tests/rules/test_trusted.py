"""The engine builds `Reason`, `Route` and `Assessment` without validation: they must equal validated ones."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.domain import Assessment, Lane, Reason, Route, Severity
from bot.rules.trusted import trusted_assessment, trusted_reason, trusted_route


def test_a_trusted_reason_equals_the_validated_one() -> None:
    fast = trusted_reason("churn", Lane.CHURN, "me paso a Vozzia", 7)
    slow = Reason(rule="churn", lane=Lane.CHURN, evidence="me paso a Vozzia", points=7)
    assert fast == slow
    assert fast.model_dump() == slow.model_dump()
    assert fast.model_fields_set == slow.model_fields_set
    assert str(fast) == str(slow) == 'churn: "me paso a Vozzia" (+7)'
    assert isinstance(fast.points, float)


def test_trusted_models_stay_frozen_and_copyable() -> None:
    reason = trusted_reason("ignored", None, "spam: sorteo", 0)
    with pytest.raises(ValidationError):
        reason.evidence = "changed"  # type: ignore[misc]
    assert reason.model_copy(update={"points": 1.0}).points == 1.0
    assert reason.points == 0.0


def test_a_trusted_assessment_equals_the_validated_one() -> None:
    policy = {"name": "default", "route": "root", "also_notify": []}
    reasons = [trusted_reason("complaint", Lane.COMPLAINT, "no funciona", 3)]
    route = trusted_route("ana", "thread:x:1", dict(policy))
    fast = trusted_assessment(Severity.MEDIUM, [Lane.COMPLAINT], 3, reasons, route, ["outage"])
    slow = Assessment(
        severity=Severity.MEDIUM,
        lanes=[Lane.COMPLAINT],
        score=3,
        reasons=[Reason(rule="complaint", lane=Lane.COMPLAINT, evidence="no funciona", points=3)],
        route=Route(target="ana", group_key="thread:x:1", policy=policy),
        topics=["outage"],
    )
    assert fast == slow
    assert fast.model_dump(mode="json") == slow.model_dump(mode="json")
    assert Assessment.model_validate_json(fast.model_dump_json()) == slow


def test_topics_default_to_empty() -> None:
    assessment = Assessment(severity=Severity.LOW, lanes=[], score=0, reasons=[])
    assert assessment.topics == []


def test_evaluate_reports_the_rules_topics() -> None:
    from bot.domain import NormalizedMention
    from bot.rules import compile_playbook, evaluate, load_playbook
    from tests.rules.conftest import EXAMPLE, NOW

    compiled = compile_playbook(load_playbook(EXAMPLE))
    outage = evaluate(NormalizedMention(id="9", text="Otra vez sin cobertura en todo Bilbao @movilia"), compiled, NOW)
    assert outage.topics == ["outage"]
    assert outage.model_dump(mode="json")["topics"] == ["outage"]  # what the pipeline stores for the counts
    praise = evaluate(NormalizedMention(id="10", text="Gracias @movilia, todo perfecto"), compiled, NOW)
    assert praise.topics == []
