"""The custom snooze time a person types, read without a clock of its own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.telegram.conversation import parse_snooze

NOW = datetime(2026, 3, 1, 17, 40, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("45m", 45), ("45 min", 45), ("3h", 180), ("2 horas", 120), ("90", 90), ("18:30", 50), ("09:00", 920)],
)
def test_snooze_times(text: str, minutes: int) -> None:
    assert parse_snooze(text, NOW) == minutes


@pytest.mark.parametrize("text", ["mañana", "0m", "99999h", "25:00", ""])
def test_unreadable_snooze_times(text: str) -> None:
    assert parse_snooze(text, NOW) is None
