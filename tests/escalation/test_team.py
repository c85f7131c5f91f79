"""The forwarder's severity floor: raises, never lowers, and names the reporter and the note."""

from __future__ import annotations

import pytest

from bot.domain import Assessment, Severity
from bot.escalation.team import apply_floor


def _assessment(severity: Severity) -> Assessment:
    return Assessment(severity=severity, lanes=[], score=0.0, reasons=[])


@pytest.mark.parametrize(
    ("triaged", "floor", "expected"),
    [
        (Severity.IGNORE, "high", Severity.HIGH),
        (Severity.LOW, "critical", Severity.CRITICAL),
        (Severity.CRITICAL, "high", Severity.CRITICAL),
        (Severity.MEDIUM, None, Severity.MEDIUM),
        (Severity.MEDIUM, "low", Severity.MEDIUM),  # only critical and high are floors
    ],
)
def test_the_floor_raises_and_never_lowers(triaged: Severity, floor: str | None, expected: Severity) -> None:
    payload = {"severity_floor": floor, "reporter": {"name": "Lucía"}, "note": "  cliente   VIP "}
    result = apply_floor(_assessment(triaged), payload)
    assert result.severity is expected
    if floor in ("high", "critical"):
        assert str(result.reasons[-1]) == f'forwarded: "Lucía ({floor}): cliente VIP" (+0)'
    else:
        assert result.reasons == []
